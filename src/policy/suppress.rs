//! Suppression comments: a reviewed false alarm is silenced in the article
//! itself (`<!-- factcheck-ignore CHECK: reason -->`). The syntax is
//! documented once, in `checks/unused_suppression.rs`, which is also the
//! text of `factcheck --explain unused-suppression`.

use std::collections::HashMap;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::checks::Finding;
use crate::fact::Fact;

/// One `factcheck-ignore` comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suppression {
    pub path: String,
    /// The comment's own line and column.
    pub line: usize,
    pub column: usize,
    /// The line it covers.
    pub covers: usize,
    /// Check ids; empty means every check.
    pub rules: Vec<String>,
    pub reason: String,
}

impl Suppression {
    /// A finding about a whole file (an undated article) is silenced by a
    /// comment anywhere in it that names its check.
    fn names(&self, rule: &str, path: &str) -> bool {
        self.path == path && self.rules.iter().any(|r| r == rule)
    }
    fn silences(&self, rule: &str, path: &str, line: usize) -> bool {
        self.path == path
            && self.covers == line
            && (self.rules.is_empty() || self.rules.iter().any(|r| r == rule))
    }
}

fn pattern() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"<!--\s*factcheck-ignore\b([^:>]*?)(?::\s*(.*?))?\s*-->")
            .expect("suppression pattern is valid")
    })
}

/// The suppression comments of one file's text.
pub fn parse(path: &str, text: &str) -> Vec<Suppression> {
    if !text.contains("factcheck-ignore") {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !pattern().is_match(line) {
            continue;
        }
        // Alone on its line it covers the next line with text; after text, its own.
        let covers = if pattern().replace_all(line, "").trim().is_empty() {
            next_text_line(&lines, i)
        } else {
            i + 1
        };
        for m in pattern().captures_iter(line) {
            let whole = m.get(0).expect("group 0 always matches");
            out.push(Suppression {
                path: path.to_string(),
                line: i + 1,
                column: line[..whole.start()].chars().count() + 1,
                covers,
                rules: m[1]
                    .split([',', ' '])
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .map(String::from)
                    .collect(),
                reason: m.get(2).map_or("", |r| r.as_str()).trim().to_string(),
            });
        }
    }
    out
}

/// The 1-based number of the first line after `i` with text on it that is
/// not itself a comment; past the end when there is none.
fn next_text_line(lines: &[&str], i: usize) -> usize {
    lines
        .iter()
        .enumerate()
        .skip(i + 1)
        .find(|(_, l)| !pattern().replace_all(l, "").trim().is_empty())
        .map_or(lines.len() + 1, |(j, _)| j + 1)
}

/// Drops the findings a comment silences; returns how often each
/// suppression (by index) was used.
pub fn apply(
    findings: &mut Vec<Finding>,
    by_id: &HashMap<&str, &Fact>,
    suppressions: &[Suppression],
) -> Vec<usize> {
    let mut used = vec![0; suppressions.len()];
    if suppressions.is_empty() {
        return used;
    }
    findings.retain(|finding| {
        let places: Vec<(&str, usize)> = finding
            .facts
            .iter()
            .filter_map(|id| by_id.get(id.as_str()))
            .map(|f| (f.path.as_str(), f.line))
            .collect();
        let hit = suppressions.iter().position(|s| {
            places
                .iter()
                .any(|(path, line)| s.silences(finding.rule, path, *line))
                || finding
                    .at
                    .as_ref()
                    .is_some_and(|a| s.names(finding.rule, &a.path))
        });
        if let Some(i) = hit {
            used[i] += 1;
        }
        hit.is_none()
    });
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_alone_covers_the_next_line_with_text() {
        let text = "标题\n<!-- factcheck-ignore conflicting-figure, magnitude-slip: reviewed -->\n\n营收12亿元。\n";
        let s = parse("a.md", text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].line, 2);
        assert_eq!(s[0].covers, 4);
        assert_eq!(s[0].rules, ["conflicting-figure", "magnitude-slip"]);
        assert_eq!(s[0].reason, "reviewed");
    }

    #[test]
    fn a_trailing_comment_covers_its_own_line_and_may_name_no_check() {
        let s = parse("a.md", "营收12亿元。<!-- factcheck-ignore -->\n下一段\n");
        assert_eq!((s[0].covers, s[0].rules.len(), s[0].column), (1, 0, 8));
    }

    #[test]
    fn other_comments_are_not_suppressions() {
        assert!(parse("a.md", "<!-- factcheck-ignored -->\n<!-- note -->\n").is_empty());
    }
}
