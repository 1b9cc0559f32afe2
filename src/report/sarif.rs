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

//! - The document is typed structs serialized as they are walked, results
//!   streamed from the findings: an archive's 50,000 findings never become a
//!   `serde_json::Value` tree (which cost two thirds of an unchanged cached
//!   run). Fields are declared in alphabetical order, the order the `Value`
//!   writer used, so the bytes did not change with it.

use std::collections::HashMap;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Serialize, Serializer};

use super::{Place, places, slash_path};
use crate::checks::{self, Check, Finding};
use crate::fact::Fact;
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

/// The SARIF document of a run, ready to serialize.
pub fn sarif(out: &Outcome) -> Sarif<'_> {
    Sarif {
        schema: SCHEMA,
        runs: [Run {
            column_kind: "unicodeCodePoints",
            invocations: [Invocation {
                execution_successful: out.errors.is_empty() && out.missing.is_empty(),
                tool_execution_notifications: out
                    .missing
                    .iter()
                    .chain(&out.errors)
                    .map(|e| notification(e))
                    .collect(),
            }],
            results: Results {
                findings: &out.findings,
                by_id: crate::fact::by_id(&out.facts),
            },
            tool: Tool {
                driver: Driver {
                    name: "factcheck",
                    rules: checks::CHECKS.iter().map(rule).collect(),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    }
}

#[derive(Serialize)]
pub struct Sarif<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    invocations: [Invocation; 1],
    results: Results<'a>,
    tool: Tool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    rules: Vec<Rule>,
    semantic_version: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    default_configuration: Level,
    full_description: Text<&'static str>,
    help: Help,
    id: &'static str,
    name: String,
    short_description: Text<&'static str>,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct Help {
    markdown: &'static str,
    text: &'static str,
}

#[derive(Serialize)]
struct Text<S> {
    text: S,
}

/// The results, each built when the serializer reaches it.
struct Results<'a> {
    findings: &'a [Finding],
    by_id: HashMap<&'a str, &'a Fact>,
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.findings.iter().map(|f| result(f, &self.by_id)))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: Vec<Location<'a>>,
    message: Text<&'a str>,
    partial_fingerprints: Fingerprints<'a>,
    properties: Properties<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "factcheck/v1")]
    v1: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties<'a> {
    confidence: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence_why: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    demoted_from: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<&'a str>>,
    physical_location: Physical<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical<'a> {
    artifact_location: Artifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text<&'a str>>,
    start_column: usize,
    start_line: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location<'static>>,
    message: Text<String>,
}

fn result<'a>(finding: &'a Finding, by_id: &HashMap<&str, &'a Fact>) -> SarifResult<'a> {
    let places = places(finding, by_id);
    let related = places.iter().enumerate().skip(1).map(|(i, p)| Location {
        id: Some(i),
        message: p.fact.map(|f| Text {
            text: f.text.as_str(),
        }),
        ..location(p)
    });
    SarifResult {
        level: level(finding.severity),
        locations: places.first().map(location).into_iter().collect(),
        message: Text {
            text: &finding.message,
        },
        partial_fingerprints: Fingerprints {
            v1: &finding.fingerprint,
        },
        properties: Properties {
            confidence: finding.confidence.as_str(),
            confidence_why: finding.confidence_why.as_deref(),
            demoted_from: finding.demoted_from.map(|s| s.as_str()),
        },
        related_locations: related.collect(),
        rule_id: finding.rule,
        rule_index: checks::CHECKS.iter().position(|c| c.id == finding.rule),
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(c: &Check) -> Rule {
    Rule {
        default_configuration: Level {
            level: level(c.severity),
        },
        full_description: Text {
            text: first_paragraph(c.explain).unwrap_or(c.summary),
        },
        help: Help {
            markdown: c.explain,
            text: c.explain,
        },
        id: c.id,
        name: pascal_case(c.id),
        short_description: Text { text: c.summary },
    }
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

fn location<'a>(p: &Place<'a>) -> Location<'a> {
    let end = p.fact.zip(p.end());
    Location {
        id: None,
        message: None,
        physical_location: Physical {
            artifact_location: artifact(p.path),
            region: Some(Region {
                end_column: end.map(|(_, (_, column))| column),
                end_line: end.map(|(_, (line, _))| line),
                snippet: end.map(|(f, _)| Text {
                    text: f.text.as_str(),
                }),
                start_column: p.column,
                start_line: p.line,
            }),
        },
    }
}

/// A relative path is a URI relative to %SRCROOT% (where factcheck ran; the
/// upload action maps it to the checkout); an absolute one a file URI.
fn artifact(path: &str) -> Artifact {
    let path = slash_path(path);
    let encoded = utf8_percent_encode(&path, PATH).to_string();
    if path.starts_with('/') {
        Artifact {
            uri: format!("file://{encoded}"),
            uri_base_id: None,
        }
    } else {
        Artifact {
            uri: encoded,
            uri_base_id: Some("%SRCROOT%"),
        }
    }
}

/// An input error, "path: what went wrong", as a notification on that file.
fn notification(error: &str) -> Notification {
    let locations = error.split_once(": ").map(|(path, _)| Location {
        id: None,
        message: None,
        physical_location: Physical {
            artifact_location: artifact(path),
            region: None,
        },
    });
    Notification {
        level: "error",
        locations: locations.into_iter().collect(),
        message: Text {
            text: error.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths() {
        assert_eq!(pascal_case("conflicting-figure"), "ConflictingFigure");
        assert_eq!(
            artifact("./新闻/a b.txt").uri,
            "%E6%96%B0%E9%97%BB/a%20b.txt"
        );
        assert_eq!(artifact("news\\a.txt").uri, "news/a.txt");
        assert_eq!(artifact("/tmp/a.txt").uri, "file:///tmp/a.txt");
        assert_eq!(artifact("/tmp/a.txt").uri_base_id, None);
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        let explain = "# x (default severity: error)\n\nTwo figures\nthat differ.\n\n## More\n";
        assert_eq!(first_paragraph(explain), Some("Two figures\nthat differ."));
    }
}
