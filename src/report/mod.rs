//! Reports: diagnostics with their sources (full), one line a finding
//! (concise), a table and an HTML page with timelines for people; JSON, JSON Lines, SARIF, GitHub
//! workflow annotations and CSV for programs and CI.

mod concise;
mod csv;
mod diagnostics;
mod github;
mod html;
mod json;
mod jsonl;
mod sarif;
mod source;
mod statistics;
mod table;

pub use self::csv::facts_csv;
pub use concise::concise;
pub use diagnostics::{Style, diagnostics};
pub use github::{annotations, escape_data, escape_property};
pub use html::{Page, html};
pub use json::{json, summary};
pub use jsonl::jsonl;
pub use sarif::sarif;
pub use statistics::{RuleCount, statistics, statistics_text};
pub use table::{facts_table, findings_table, summary_line};

use std::collections::HashMap;

use crate::checks::Finding;
use crate::fact::Fact;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A decimal, fully expanded: no trailing zeros, at most 4 decimals.
pub fn number(d: Decimal) -> String {
    d.round_dp(4).normalize().to_string()
}

/// An amount as Chinese business news writes it, for messages: 171.08亿, 76000.
pub fn amount(d: Decimal) -> String {
    let (yi, wan) = (Decimal::from(100_000_000), Decimal::from(10_000));
    if d.abs() >= yi {
        format!("{}亿", number(d / yi))
    } else if d.abs() >= wan * Decimal::from(10) {
        format!("{}万", number(d / wan))
    } else {
        number(d)
    }
}

/// A ratio: 1.5 stays 1.50, a large one reads 1.0e8.
pub fn ratio(d: Decimal) -> String {
    let f = d.to_f64().unwrap_or(f64::INFINITY);
    if f >= 1000.0 {
        format!("{f:.1e}")
    } else {
        format!("{f:.2}")
    }
}

/// An amount computed from others, to three significant digits: 26.9万亿,
/// 3.46万亿, 1380亿, 42,200.
pub fn rough(x: f64) -> String {
    if !x.is_finite() {
        return "∞".to_string();
    }
    let (scale, word) = match x.abs() {
        a if a >= 1e12 => (1e12, "万亿"),
        a if a >= 1e8 => (1e8, "亿"),
        a if a >= 1e5 => (1e4, "万"),
        _ => (1.0, ""),
    };
    let v = x / scale;
    let digits = match v.abs() {
        a if a >= 100.0 => 0,
        a if a >= 10.0 => 1,
        _ => 2,
    };
    format!("{v:.digits$}{word}")
}

/// The facts a finding names, in its order (ids not in `by_id`, as when
/// a facts file lacks them, are left out).
pub(crate) fn facts_of<'a>(finding: &Finding, by_id: &HashMap<&str, &'a Fact>) -> Vec<&'a Fact> {
    finding
        .facts
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .collect()
}

/// A finding's message as a title and its arithmetic: checks write
/// "小米集团 deliveries 2024: 7万辆 … do not meet". A finding about no
/// figure is all title.
pub(crate) fn title_and_why(finding: &Finding) -> (&str, Option<&str>) {
    match finding.message.split_once(": ") {
        Some((head, why)) if !finding.facts.is_empty() => (head, Some(why)),
        _ => (finding.message.as_str(), None),
    }
}

/// A place a finding points at: one of its figures, or for a finding about
/// no figure (an undated article) its `at`.
pub(crate) struct Place<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub fact: Option<&'a Fact>,
}

impl Place<'_> {
    /// The line and column just past the figure (columns in characters, as
    /// `column` is), when the place is a figure.
    pub fn end(&self) -> Option<(usize, usize)> {
        let text = &self.fact?.text;
        Some(match text.rsplit_once('\n') {
            None => (self.line, self.column + text.chars().count()),
            Some((_, last)) => (
                self.line + text.matches('\n').count(),
                last.chars().count() + 1,
            ),
        })
    }
}

/// Where a finding points, the primary place first: its figures in text
/// order, or its `at`.
pub(crate) fn places<'a>(finding: &'a Finding, by_id: &HashMap<&str, &'a Fact>) -> Vec<Place<'a>> {
    let mut places: Vec<Place> = finding
        .facts
        .iter()
        .filter_map(|id| by_id.get(id.as_str()))
        .map(|f| Place {
            path: &f.path,
            line: f.line,
            column: f.column,
            fact: Some(*f),
        })
        .collect();
    if places.is_empty()
        && let Some(at) = &finding.at
    {
        places.push(Place {
            path: &at.path,
            line: at.line,
            column: at.column,
            fact: None,
        });
    }
    places
}

/// A path as CI tools want it: forward slashes, no leading `./`.
pub(crate) fn slash_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.strip_prefix("./").unwrap_or(&path).to_string()
}
