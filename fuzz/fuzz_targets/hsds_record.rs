//! libFuzzer's inputs to `pathways::fuzzing::hsds_record` (the invariants are asserted there).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pathways::fuzzing::hsds_record(data));
