//! The `factcheck/v1` JSON document (see README: stable, fields are only added).

use serde::Serialize;
use serde_json::{Value, json as j};

use crate::article::ArticleSummary;
use crate::checks::Finding;
use crate::fact::Fact;
use crate::rules::Severity;
use crate::run::Outcome;

/// The document, borrowing the run's data: serialized straight to the
/// output, it never exists as a `serde_json::Value` tree, which would take
/// several times the memory of the facts themselves.
#[derive(Serialize)]
pub struct Document<'a> {
    schema: &'static str,
    articles: &'a [ArticleSummary],
    facts: &'a [Fact],
    findings: &'a [Finding],
    summary: Value,
    /// Paths that do not exist, then files that could not be read.
    input_errors: Vec<&'a str>,
}

pub fn json(out: &Outcome) -> Document<'_> {
    Document {
        schema: "factcheck/v1",
        articles: &out.articles,
        facts: &out.facts,
        findings: &out.findings,
        summary: summary(out),
        input_errors: out
            .missing
            .iter()
            .chain(&out.errors)
            .map(String::as_str)
            .collect(),
    }
}

/// The counts of a run (the JSON's `summary`, the last line of JSON Lines).
pub fn summary(out: &Outcome) -> Value {
    let count = |s: Severity| out.findings.iter().filter(|f| f.severity == s).count();
    j!({
        "articles": out.articles.len(),
        "facts": out.fact_count,
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "infos": count(Severity::Info),
        "input_errors": out.missing.len() + out.errors.len(),
    })
}
