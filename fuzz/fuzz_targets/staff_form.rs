//! libFuzzer's inputs to `pathways::fuzzing::staff_form` (the invariants are asserted there).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pathways::fuzzing::staff_form(data));
