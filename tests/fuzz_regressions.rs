//! Every input a fuzz target crashed on (scripts/fuzz.sh), kept under
//! tests/fuzz/ as found and run through the same calls as its target.

use factcheck::extract::number::{parse_digits, parse_english};
use factcheck::extract::numeral;

fn input(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fuzz/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// numbers: "-hundred--hundred-…" multiplied a decimal past its range.
#[test]
fn numbers_hundreds_overflow() {
    let text = String::from_utf8(input("numbers-hundreds-overflow")).unwrap();
    let _ = parse_digits(&text);
    let _ = numeral::value(&text);
    let _ = numeral::parse(&text);
    assert_eq!(parse_english(&text), None);
    assert_eq!(
        parse_english("one hundred and twelve").map(|d| d.to_string()),
        Some("112".into())
    );
}
