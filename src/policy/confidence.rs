//! `--min-confidence`: errors and warnings whose confidence is below the
//! minimum are reported as info, so a lint run fails only on findings that
//! stand on explicit attribution. They stay in every format, with
//! `demoted_from` naming the severity their check gave them and
//! `confidence_why` the reason.

use crate::checks::{Confidence, Finding};
use crate::rules::Severity;

/// Demotes the findings below `min`; returns how many.
pub fn apply(findings: &mut [Finding], min: Confidence) -> usize {
    let mut n = 0;
    for f in findings
        .iter_mut()
        .filter(|f| f.severity > Severity::Info && f.confidence < min)
    {
        f.demoted_from = Some(f.severity);
        f.severity = Severity::Info;
        n += 1;
    }
    n
}
