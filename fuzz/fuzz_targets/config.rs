//! `factcheck.toml`: parsing, check overrides and per-path overrides.
#![no_main]
use std::path::Path;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = factcheck::config::Project::parse(Path::new("factcheck.toml"), text.to_string());
});
