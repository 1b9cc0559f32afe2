//! # undated-article (default severity: info)
//!
//! An article with no publication date: neither YAML front matter
//! (`date:`) nor a date line in its header. Its relative dates (今年, 去年,
//! last quarter) are resolved against the latest full date written in its
//! body, which may not be when it was written.
//!
//! ## What it reports
//! The article, the date that stood in and the line it came from, or that
//! no date was found at all (relative dates then stay unresolved, and the
//! article's figures with them take no part in checks that need a period).
//!
//! ## Example that fires
//! ```text
//! 星河电子发布公告称,公司于2024年3月5日…(no date line at the top)
//! ```
//! "no publication date; relative dates resolved against 2024-03-05, the
//! latest date in the body (line 3)".
//!
//! ## Example that does not
//! ```text
//! 发布时间：2025-03-23 17:01:00
//! ```
//!
//! ## Configure
//! ```toml
//! [checks.undated-article]
//! enabled = true
//! severity = "info"
//! ```

use super::{Check, Finding, Input, Location, Owner, Scope, fingerprint};
use crate::article::DateSource;
use crate::rules::{SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "undated-article",
    severity: Severity::Info,
    summary: "an article with no publication date, and the date that stood in for it",
    explain: include_str!(concat!(env!("OUT_DIR"), "/undated_article.md")),
    settings: SettingDefaults {
        tolerance: None,
        max_ratio: None,
        window_days: None,
    },
    scope: Scope::Article,
    run,
};

fn run(input: &Input) -> Vec<Finding> {
    input
        .articles
        .iter()
        .filter(|a| matches!(a.date_source, DateSource::Inferred | DateSource::None))
        .map(|a| {
            let message = match (a.reference, a.reference_line) {
                (Some(d), Some(line)) => format!(
                    "{}: no publication date; relative dates resolved against {d}, the latest date in the body ({}:{line})",
                    a.path, a.path
                ),
                _ => format!(
                    "{}: no publication date and no full date in the body; relative dates (今年, last year) are left unresolved",
                    a.path
                ),
            };
            Finding {
                rule: CHECK.id,
                severity: input.setting.severity,
                message,
                facts: Vec::new(),
                confidence: crate::checks::Confidence::High,
                confidence_why: None,
                demoted_from: None,
                fingerprint: fingerprint::of_place(CHECK.id, &a.path, ""),
                owner: Owner::Article(a.path.clone()),
                at: Some(Location {
                    path: a.path.clone(),
                    line: a.reference_line.unwrap_or(1),
                    column: 1,
                }),
            }
        })
        .collect()
}
