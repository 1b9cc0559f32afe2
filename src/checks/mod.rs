//! Checks: rules that compare facts within and across articles.
//!
//! Each check lives in one module whose `//!` doc comment is its
//! `factcheck --explain` text. To add one: write the module, give it an id,
//! a default severity and a one-line summary, and list it in `CHECKS`.

mod conflicting_figure;
pub mod interval;

use serde::Serialize;

use crate::fact::Fact;
use crate::rules::{CheckSetting, Rules, Severity};

/// One problem found by a check.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Ids of the facts involved, in text order.
    pub facts: Vec<String>,
}

/// A check's identity and entry point.
pub struct Check {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub explain: &'static str,
    pub run: fn(&[Fact], &Rules, &CheckSetting) -> Vec<Finding>,
}

pub const CHECKS: &[Check] = &[conflicting_figure::CHECK];

pub fn ids() -> Vec<&'static str> {
    CHECKS.iter().map(|c| c.id).collect()
}

pub fn find(id: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.id == id)
}

/// Runs every enabled check over all facts.
pub fn run_all(facts: &[Fact], rules: &Rules) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in CHECKS {
        let setting = rules.check(check.id, check.severity);
        if setting.enabled {
            findings.extend((check.run)(facts, rules, &setting));
        }
    }
    findings
}
