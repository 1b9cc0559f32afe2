//! The whole extraction of one article: decode, strip HTML (when the first
//! byte says so), find the body and date, extract every figure, and run
//! the checks over its facts.
#![no_main]
use std::path::Path;
use std::sync::OnceLock;

use factcheck::article::ArticleSummary;
use factcheck::extract::{Lexicon, extract};
use factcheck::rules::Rules;
use libfuzzer_sys::fuzz_target;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::new(Rules::embedded().expect("embedded rules")))
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let name = if kind % 2 == 0 { "a.txt" } else { "a.html" };
    let lex = lexicon();
    if let Ok(article) = factcheck::article::from_bytes(Path::new(name), name, bytes, &lex.rules.words) {
        let facts = extract(&article, lex);
        // The checks, over this article and a copy of it under another
        // name (so the checks across articles run too).
        let mut both = facts.clone();
        both.extend(facts.iter().cloned().map(|mut f| {
            f.id = f.id.replacen(name, "b.txt", 1);
            f.path = "b.txt".to_string();
            f
        }));
        let mut copy = ArticleSummary::of(&article, facts.len());
        copy.path = "b.txt".to_string();
        let articles = [ArticleSummary::of(&article, facts.len()), copy];
        let _ = factcheck::checks::run_all(&both, &articles, &lex.rules);
    }
});
