//! The `factcheck/v1` JSON document (see README: stable, fields are only added).

use serde_json::{Value, json as j};

use crate::rules::Severity;
use crate::run::Outcome;

pub fn json(out: &Outcome) -> Value {
    let count = |s: Severity| out.findings.iter().filter(|f| f.severity == s).count();
    j!({
        "schema": "factcheck/v1",
        "articles": out.articles,
        "facts": out.facts,
        "findings": out.findings,
        "summary": {
            "articles": out.articles.len(),
            "facts": out.facts.len(),
            "errors": count(Severity::Error),
            "warnings": count(Severity::Warning),
            "infos": count(Severity::Info),
            "input_errors": out.missing.len() + out.errors.len(),
        },
        "input_errors": out.missing.iter().chain(&out.errors).collect::<Vec<_>>(),
    })
}
