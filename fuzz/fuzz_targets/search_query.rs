//! libFuzzer's inputs to `pathways::fuzzing::search_query` (the invariants are asserted there).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pathways::fuzzing::search_query(data));
