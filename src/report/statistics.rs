//! `--statistics`: how many findings each rule raised, as ruff counts them.

use std::io::{self, Write};

use serde::Serialize;

use crate::rules::Severity;
use crate::run::Outcome;

/// One rule's findings, by the severity they were reported at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: &'static str,
    pub count: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

/// Rules with findings, most findings first (then by rule id).
pub fn statistics(out: &Outcome) -> Vec<RuleCount> {
    let mut counts: Vec<RuleCount> = Vec::new();
    for f in &out.findings {
        let i = match counts.iter().position(|c| c.rule == f.rule) {
            Some(i) => i,
            None => {
                counts.push(RuleCount {
                    rule: f.rule,
                    count: 0,
                    error: 0,
                    warning: 0,
                    info: 0,
                });
                counts.len() - 1
            }
        };
        let c = &mut counts[i];
        c.count += 1;
        match f.severity {
            Severity::Error => c.error += 1,
            Severity::Warning => c.warning += 1,
            Severity::Info => c.info += 1,
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    counts
}

/// `   12  conflicting-figure      10 error, 2 info`, one rule a line.
pub fn statistics_text(counts: &[RuleCount], w: &mut dyn Write) -> io::Result<()> {
    let width = counts.iter().map(|c| c.rule.len()).max().unwrap_or(0);
    for c in counts {
        let by: Vec<String> = [(c.error, "error"), (c.warning, "warning"), (c.info, "info")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, s)| format!("{n} {s}"))
            .collect();
        writeln!(w, "{:>6}  {:<width$}  {}", c.count, c.rule, by.join(", "))?;
    }
    Ok(())
}
