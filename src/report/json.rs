//! The `factcheck/v1` JSON document (see README: stable, fields are only added).

use serde_json::{Value, json as j};

use crate::rules::Severity;
use crate::run::Outcome;

pub fn json(out: &Outcome) -> Value {
    j!({
        "schema": "factcheck/v1",
        "articles": out.articles,
        "facts": out.facts,
        "findings": out.findings,
        "summary": summary(out),
        "input_errors": out.errors,
    })
}

/// The counts of a run (the JSON's `summary`, the last line of JSON Lines).
pub fn summary(out: &Outcome) -> Value {
    let count = |s: Severity| out.findings.iter().filter(|f| f.severity == s).count();
    j!({
        "articles": out.articles.len(),
        "facts": out.facts.len(),
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "infos": count(Severity::Info),
        "input_errors": out.errors.len(),
    })
}
