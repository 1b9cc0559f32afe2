//! Baselines: adopt factcheck on an archive without fixing its history.
//!
//! `--write-baseline FILE` records the findings of today's run by
//! fingerprint (see `checks::fingerprint`: no line numbers, so adding a
//! paragraph above a figure does not make its finding new). `--baseline FILE`
//! then reports only findings that are not in it. A fingerprint seen twice in
//! the baseline hides two findings, not all of them.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::checks::Finding;

const SCHEMA: &str = "factcheck-baseline/v1";

#[derive(Debug, Serialize, Deserialize)]
struct File {
    schema: String,
    findings: Vec<Entry>,
}

/// One accepted finding; rule and message are there for people reading
/// the file, only the fingerprint is matched.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    rule: String,
    message: String,
}

/// The accepted findings, by fingerprint, with how many of each.
#[derive(Debug, Default)]
pub struct Baseline {
    counts: HashMap<String, usize>,
}

/// What applying a baseline did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Applied {
    /// Findings hidden because the baseline holds them.
    pub hidden: usize,
    /// Baseline entries no finding matched any more (fixed, or edited).
    pub stale: usize,
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let shown = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{shown}: cannot read baseline: {e}"))?;
        Baseline::parse(&shown.to_string(), &text)
    }

    /// A baseline file's text; errors name `shown`, the line and column.
    pub fn parse(shown: &str, text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text)
            .map_err(|e| format!("{shown}:{}:{}: not a baseline: {e}", e.line(), e.column()))?;
        if file.schema != SCHEMA {
            return Err(format!(
                "{shown}: baseline schema `{}` is not `{SCHEMA}`",
                file.schema
            ));
        }
        let mut counts = HashMap::new();
        for e in file.findings {
            *counts.entry(e.fingerprint).or_insert(0) += 1;
        }
        Ok(Baseline { counts })
    }

    /// Drops the findings the baseline holds.
    pub fn apply(&self, findings: &mut Vec<Finding>) -> Applied {
        let mut counts = self.counts.clone();
        let before = findings.len();
        findings.retain(|f| match counts.get_mut(&f.fingerprint) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        Applied {
            hidden: before - findings.len(),
            stale: counts.values().sum(),
        }
    }
}

/// Writes `findings` as a baseline, sorted so the file diffs well.
pub fn write(path: &Path, findings: &[Finding]) -> Result<(), String> {
    let mut entries: Vec<Entry> = findings
        .iter()
        .map(|f| Entry {
            fingerprint: f.fingerprint.clone(),
            rule: f.rule.to_string(),
            message: f.message.clone(),
        })
        .collect();
    entries.sort_by(|a, b| (&a.rule, &a.fingerprint).cmp(&(&b.rule, &b.fingerprint)));
    let file = File {
        schema: SCHEMA.to_string(),
        findings: entries,
    };
    let text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, text)
        .map_err(|e| format!("{}: cannot write baseline: {e}", path.display()))
}
