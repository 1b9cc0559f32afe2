//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per finding, which the runner turns into an annotation
//! on the file and line (in the job summary and, for files the pull request
//! changes, on its diff).
//!
//! `::error file=PATH,line=L,col=C,endColumn=E,title=RULE::MESSAGE`, the
//! position of the finding's first figure (end column just past it, as in
//! SARIF). An annotation marks one place, so the message names the
//! finding's other figures ("also b.txt:8"). Values are escaped as the
//! runner expects: `%`, CR and LF in the message; `:` and `,` too in
//! properties.

use std::io::{self, Write};

use super::{places, slash_path};
use crate::rules::Severity;
use crate::run::Outcome;

pub fn annotations(out: &Outcome, w: &mut impl Write) -> io::Result<()> {
    let by_id = crate::fact::by_id(&out.facts);
    for finding in &out.findings {
        let places = places(finding, &by_id);
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = Vec::new();
        let mut message = finding.message.clone();
        if let Some(first) = places.first() {
            props.push(format!("file={}", escape_property(&slash_path(first.path))));
            props.push(format!("line={}", first.line));
            props.push(format!("col={}", first.column));
            // The runner takes an end column only for one-line ranges.
            if let Some((_, column)) = first.end().filter(|(l, _)| *l == first.line) {
                props.push(format!("endColumn={column}"));
            }
            let mut others: Vec<String> = Vec::new();
            for p in places
                .iter()
                .filter(|p| (p.path, p.line) != (first.path, first.line))
            {
                let at = format!("{}:{}", slash_path(p.path), p.line);
                if !others.contains(&at) {
                    others.push(at);
                }
            }
            if !others.is_empty() {
                message.push_str(&format!(" (also {})", others.join(", ")));
            }
        }
        props.push(format!("title={}", escape_property(finding.rule)));
        writeln!(
            w,
            "::{command} {}::{}",
            props.join(","),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// Escapes a command's message (what follows `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`): as data, and `:` and `,`,
/// which would end the value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
