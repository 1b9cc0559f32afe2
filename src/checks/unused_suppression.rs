//! # unused-suppression (default severity: info)
//!
//! A `factcheck-ignore` comment in an article that silenced nothing in this
//! run: the figure was edited, the check no longer fires, or the comment
//! names a check that does not exist. Stale comments would hide the next
//! real problem on that line, so they are reported for someone to delete.
//!
//! ## Writing a suppression
//! For a false alarm someone has reviewed, put an HTML comment in the
//! article (it is invisible in rendered Markdown and HTML):
//!
//! ```text
//! <!-- factcheck-ignore conflicting-figure: 2023 restated under new accounting -->
//! 公司2023年营收为152.4亿元……
//! ```
//!
//! - A comment on a line of its own covers the next line with text (in news
//!   files one line is one paragraph); a comment at the end of a line of
//!   text covers that line. In a hard-wrapped Markdown paragraph, put the
//!   comment right above the line holding the figure.
//! - Name one check, or several separated by commas; name none to cover
//!   every check. The reason after the colon is for reviewers.
//! - A finding is dropped when any of its figures is on a covered line and
//!   the comment covers its check; a finding about a whole file
//!   (`undated-article`) is dropped by a comment anywhere in that file that
//!   names its check. The run says on stderr how many were silenced.
//!
//! ## What it reports
//! The comment's file and line, and what it covered: it was used 0 times,
//! or it names no such check.
//!
//! ## Example that fires
//! ```text
//! <!-- factcheck-ignore magnitude-slip: reviewed -->
//! 大会结束后，公司宣布2025年全年交付目标定为15万辆。
//! ```
//! when what fires on that line is `conflicting-figure` (or nothing).
//!
//! ## Example that does not
//! The same comment naming `conflicting-figure` above the line holding one
//! of two conflicting delivery targets: it silences that finding.
//!
//! ## Configure
//! ```toml
//! [checks.unused-suppression]
//! enabled = true
//! severity = "info"
//! ```

use super::{Check, Finding, Input, Scope};
use crate::rules::{SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "unused-suppression",
    severity: Severity::Info,
    summary: "a factcheck-ignore comment in an article that silenced nothing",
    explain: include_str!(concat!(env!("OUT_DIR"), "/unused_suppression.md")),
    settings: SettingDefaults {
        tolerance: None,
        max_ratio: None,
        window_days: None,
    },
    scope: Scope::Article,
    run,
};

/// Suppressions are applied after every other check has run (see
/// `policy::suppress`), which is where this check's findings are made.
fn run(_: &Input) -> Vec<Finding> {
    Vec::new()
}
