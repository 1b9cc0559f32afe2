//! The number grammar: digits with 万/亿, Chinese numerals, English words.
#![no_main]
use factcheck::extract::number::{parse_digits, parse_english, parse_mixed};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = parse_digits(text);
    let _ = parse_mixed(text);
    let _ = parse_english(text);
});
