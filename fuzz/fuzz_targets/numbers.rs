//! The number grammar: digits with 万/亿, Chinese numerals, English words.
#![no_main]
use factcheck::extract::number::{parse_digits, parse_english};
use factcheck::extract::numeral;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = parse_digits(text);
    let _ = numeral::parse(text);
    let _ = numeral::value(text);
    let _ = parse_english(text);
});
