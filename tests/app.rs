//! Pathways' integration tests: one binary (each file under `tests/` would be a separate,
//! slow link), one module per capability.

mod support;

mod api;
mod import;
mod index;
mod relevance;
mod search;
mod shipped_directory;
