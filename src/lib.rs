//! Pathways: a survivor services navigator and referral directory.
//!
//! A guided tour, one line a module (alphabetical: rustfmt keeps them so). The layers, from
//! the bottom up: `domain` (plain data and rules) and `crypto`; `geo`; `hsds`, `store` and
//! `search` over the domain; `services` (the use-cases, the only callers of store and
//! search); `http` (the web, over services); `config` and `main` (wiring); `bench`;
//! `fuzzing` (the decoders of untrusted input, driven by raw bytes).

/// The synthetic directory generator used by `pathways bench`.
pub mod bench;
/// Settings from flags and `PATHWAYS_*` environment variables.
pub mod config;
/// Secrets: the key file, the field envelope, password hashing, tokens, TOTP.
pub mod crypto;
/// Plain types and rules: needs, conditions, listings, hours. Imports no framework.
pub mod domain;
/// Fuzz targets: each decoder of untrusted input driven by raw bytes, invariants asserted.
pub mod fuzzing;
/// Places: the offline gazetteer, distances, time zones. Pure data and arithmetic.
pub mod geo;
/// HSDS 3.1 JSON: validation and mapping of records into listings.
pub mod hsds;
/// The only module that imports axum: the router, the JSON API and the pages.
pub mod http;
/// The log's shape (LOG-2): one line an event, errors by kind, never what was typed.
pub mod logging;
/// The only module that imports tantivy: the derived index, queries and ranking.
pub mod search;
/// Use-cases: importing the directory, keeping the index in step, finding services.
pub mod services;
/// The only module that speaks SQL: the system of record.
pub mod store;
