//! SARIF 2.1.0 (OASIS), the format GitHub code scanning and most CI
//! dashboards read: one run, every check as a rule with its `--explain` text
//! as help, one result per finding.
//!
//! Choices worth knowing:
//! - A result's location is its first figure; the other figures of the
//!   finding are related locations. The region is the figure itself (same
//!   line, end column just past it) with the figure as snippet.
//! - Columns count characters (`columnKind: unicodeCodePoints`), as the rest
//!   of factcheck does; SARIF's default would be UTF-16 code units.
//! - Paths are relative to where factcheck ran (`uriBaseId: %SRCROOT%`),
//!   percent-encoded (the `percent-encoding` crate: Chinese file names must
//!   become ASCII URIs); an absolute path becomes a `file://` URI.
//! - `partialFingerprints["factcheck/v1"]` is the finding's own fingerprint,
//!   stable across unrelated edits. GitHub's `primaryLocationLineHash` is
//!   left to the upload action, which computes it from the file.
//! - Files that could not be read are `toolExecutionNotifications`, and
//!   make `executionSuccessful` false.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

use super::{Place, places, slash_path};
use crate::checks::{self, Check};
use crate::rules::Severity;
use crate::run::Outcome;

/// The schema the document declares: the OASIS standard's (errata 01), the
/// same file as fixtures/sarif/sarif-schema-2.1.0.json.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// What stays as it is in a URI path: RFC 3986 unreserved characters and `/`.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

pub fn sarif(out: &Outcome) -> Value {
    let by_id = crate::fact::by_id(&out.facts);
    let results: Vec<Value> = out
        .findings
        .iter()
        .map(|finding| {
            let places = places(finding, &by_id);
            let mut result = json!({
                "ruleId": finding.rule,
                "level": level(finding.severity),
                "message": {"text": finding.message},
                "locations": places.first().map(|p| vec![location(p)]).unwrap_or_default(),
                "partialFingerprints": {"factcheck/v1": finding.fingerprint},
                "properties": {"confidence": finding.confidence.as_str()},
            });
            if let Some(why) = &finding.confidence_why {
                result["properties"]["confidenceWhy"] = json!(why);
            }
            if let Some(was) = finding.demoted_from {
                result["properties"]["demotedFrom"] = json!(was.as_str());
            }
            if let Some(i) = checks::CHECKS.iter().position(|c| c.id == finding.rule) {
                result["ruleIndex"] = json!(i);
            }
            if places.len() > 1 {
                result["relatedLocations"] = places[1..]
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let mut l = location(p);
                        l["id"] = json!(i + 1);
                        if let Some(f) = p.fact {
                            l["message"] = json!({"text": f.text});
                        }
                        l
                    })
                    .collect();
            }
            result
        })
        .collect();
    let notifications: Vec<Value> = out
        .missing
        .iter()
        .chain(&out.errors)
        .map(|e| notification(e))
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": checks::CHECKS.iter().map(rule).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": out.errors.is_empty() && out.missing.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(c: &Check) -> Value {
    json!({
        "id": c.id,
        "name": pascal_case(c.id),
        "shortDescription": {"text": c.summary},
        "fullDescription": {"text": first_paragraph(c.explain).unwrap_or(c.summary)},
        "help": {"text": c.explain, "markdown": c.explain},
        "defaultConfiguration": {"level": level(c.severity)},
    })
}

/// conflicting-figure -> ConflictingFigure, the usual form of a rule name.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The explain text's first paragraph after its `# id` heading.
fn first_paragraph(explain: &str) -> Option<&str> {
    explain
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))
}

fn location(p: &Place) -> Value {
    let mut region = json!({"startLine": p.line, "startColumn": p.column});
    if let (Some(f), Some((line, column))) = (p.fact, p.end()) {
        region["endLine"] = json!(line);
        region["endColumn"] = json!(column);
        region["snippet"] = json!({"text": f.text});
    }
    json!({"physicalLocation": {
        "artifactLocation": artifact(p.path),
        "region": region,
    }})
}

/// A relative path is a URI relative to %SRCROOT% (where factcheck ran; the
/// upload action maps it to the checkout); an absolute one a file URI.
fn artifact(path: &str) -> Value {
    let path = slash_path(path);
    let encoded = utf8_percent_encode(&path, PATH).to_string();
    if path.starts_with('/') {
        json!({"uri": format!("file://{encoded}")})
    } else {
        json!({"uri": encoded, "uriBaseId": "%SRCROOT%"})
    }
}

/// An input error, "path: what went wrong", as a notification on that file.
fn notification(error: &str) -> Value {
    let mut n = json!({"level": "error", "message": {"text": error}});
    if let Some((path, _)) = error.split_once(": ") {
        n["locations"] = json!([{"physicalLocation": {"artifactLocation": artifact(path)}}]);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths() {
        assert_eq!(pascal_case("conflicting-figure"), "ConflictingFigure");
        assert_eq!(
            artifact("./新闻/a b.txt")["uri"],
            "%E6%96%B0%E9%97%BB/a%20b.txt"
        );
        assert_eq!(artifact("news\\a.txt")["uri"], "news/a.txt");
        assert_eq!(artifact("/tmp/a.txt")["uri"], "file:///tmp/a.txt");
        assert!(artifact("/tmp/a.txt").get("uriBaseId").is_none());
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        let explain = "# x (default severity: error)\n\nTwo figures\nthat differ.\n\n## More\n";
        assert_eq!(first_paragraph(explain), Some("Two figures\nthat differ."));
    }
}
