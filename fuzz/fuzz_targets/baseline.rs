//! Baseline files (`--baseline`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = factcheck::policy::baseline::Baseline::parse("baseline.json", text);
});
