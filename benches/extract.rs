//! Extraction's hot loop: `extract::extract` over the articles of
//! `fixtures/corpus/` (44 articles, Chinese and English, varied outlets), and
//! `Article::parse` (front matter, header date, boilerplate) on its own.
//!
//! ```sh
//! cargo bench --bench extract
//! ```
//!
//! Throughput is in decimal MB/s of article text, as in `scripts/bench.sh`.
//! Runs are kept short (ten samples, three seconds each): the numbers are
//! for spotting regressions, the whole-CLI benchmark is the one to quote.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use factcheck::article::{self, Article};
use factcheck::extract::{self, Lexicon};
use factcheck::rules::Rules;

/// The corpus articles: (path, text).
fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/corpus exists")
        .map(|e| e.expect("readable folder").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("corpus articles are UTF-8");
            (p.display().to_string(), text)
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let rules_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let lex = Lexicon::new(Rules::load(Some(&rules_dir)).expect("the repo's rules load"));
    let texts = corpus();
    let bytes: u64 = texts.iter().map(|(_, t)| t.len() as u64).sum();
    let articles: Vec<Article> = texts
        .iter()
        .map(|(p, _)| {
            article::load(
                Path::new(p),
                p,
                &article::Input::default(),
                &lex.rules.words,
            )
            .expect("corpus articles load")
        })
        .collect();

    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::BytesDecimal(bytes));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("extract", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| extract::extract(black_box(a), &lex).len())
                .sum::<usize>()
        })
    });
    g.bench_function("parse", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(p, t)| {
                    Article::parse(p, black_box(t.clone()), &lex.rules.words)
                        .body
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(extract_benches, benches);
criterion_main!(extract_benches);
