//! HTML stripping and the page's date and title.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|page: &str| {
    let _ = factcheck::article::html::strip(page);
    let _ = factcheck::article::html::meta(page);
});
