//! The rules files: the first byte picks which file the rest replaces; the
//! others stay the embedded copies. Parsing and validation must give a
//! value or a `file:line:column` error.
#![no_main]
use factcheck::rules::{FILES, Rules};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, &str)| {
    let (which, text) = input;
    let (name, _) = FILES[usize::from(which) % FILES.len()];
    let given = [(name, format!("rules/{name}"), text.to_string())];
    if let Ok(rules) = Rules::from_texts(&given) {
        // A lexicon the rules compile to must build too.
        let _ = factcheck::extract::Lexicon::new(rules);
    }
});
