//! The period resolver: every time expression found in the text, resolved
//! against a reference day and context years taken from the input.
#![no_main]
use chrono::NaiveDate;
use factcheck::extract::period::{Context, mentions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, i16, &str)| {
    let (day, year, text) = input;
    let reference = NaiveDate::from_ymd_opt(1990, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(day))));
    let year = Some(2000 + i32::from(year) % 200);
    let ctx = Context {
        reference,
        year,
        paragraph_year: year,
        sentence_year: year,
        day: reference,
        ..Context::default()
    };
    for m in mentions(text, 0..text.len()) {
        let _ = m.resolve(&ctx);
    }
});
