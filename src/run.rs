//! The whole pipeline over a set of paths: find files, load articles,
//! extract facts, run checks.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::article::{self, Article};
use crate::checks::{self, Finding};
use crate::extract::{self, Lexicon};
use crate::fact::Fact;

/// Everything one run produced.
#[derive(Debug, Default)]
pub struct Outcome {
    pub articles: Vec<ArticleSummary>,
    pub facts: Vec<Fact>,
    pub findings: Vec<Finding>,
    /// Paths given that do not exist (a usage error, always exit 2).
    pub missing: Vec<String>,
    /// Files that could not be read (unreadable, binary, undecodable, too
    /// large, an internal error); the run went on without them.
    pub errors: Vec<String>,
}

pub use crate::article::ArticleSummary;

/// Runs extraction and checks over `paths`, read with the default input settings.
pub fn run(paths: &[PathBuf], lex: &Lexicon) -> Outcome {
    run_with(paths, lex, &article::Input::default())
}

/// Runs extraction and checks over `paths`.
pub fn run_with(paths: &[PathBuf], lex: &Lexicon, input: &article::Input) -> Outcome {
    let found = article::walk::files(paths, input);
    let (files, mut errors) = (found.files, found.errors);
    let mut out = Outcome {
        missing: found.missing,
        ..Outcome::default()
    };
    // Files are read and extracted in parallel (rayon's pool: --threads);
    // `collect` keeps the walk's order, so output is the same on any count.
    let loaded: Vec<Loaded> = files
        .par_iter()
        .map(
            |(path, shown)| match article::load(path, shown, input, &lex.rules.words) {
                Ok(a) => extract_one(&a, lex),
                Err(e) => Loaded::Failed(e.to_string()),
            },
        )
        .collect();
    for l in loaded {
        match l {
            Loaded::Done { summary, facts } => {
                out.articles.push(summary);
                out.facts.extend(facts);
            }
            Loaded::Failed(e) => errors.push(e),
        }
    }
    out.findings = checks::run_all(&out.facts, &out.articles, &lex.rules);
    out.errors = errors;
    out
}

/// One file's result.
enum Loaded {
    Done {
        summary: ArticleSummary,
        facts: Vec<Fact>,
    },
    Failed(String),
}

fn extract_one(a: &Article, lex: &Lexicon) -> Loaded {
    // A bug in extraction must cost one article, not the whole run.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract::extract(a, lex))) {
        Ok(facts) => Loaded::Done {
            summary: ArticleSummary::of(a, facts.len()),
            facts,
        },
        Err(_) => Loaded::Failed(format!(
            "{}: internal error while extracting facts (please report it); skipped",
            a.path
        )),
    }
}
