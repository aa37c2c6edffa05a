//! Pathways' integration tests: one binary (each file under `tests/` would be a separate,
//! slow link), one module per capability.

// A failing test panics with its reason: that is how tests report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod access;
mod api;
mod browser;
mod coverage;
mod crash;
mod daily;
mod feeds;
mod fuzzing;
mod import;
mod index;
mod logs;
mod planner;
mod postgres;
mod providers;
mod public;
mod relevance;
mod search;
mod semantic;
mod server;
mod shipped_directory;
mod staff;
mod translations;
mod unmet;
