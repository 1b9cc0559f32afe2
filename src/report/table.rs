//! Terminal tables (comfy-table): findings, and with --facts every fact.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use crate::fact::Fact;
use crate::rules::Severity;
use crate::run::Outcome;

fn table(header: &[&str], width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
    if let Some(w) = width {
        t.set_width(w);
    }
    t
}

pub fn findings_table(out: &Outcome, width: Option<u16>) -> Option<Table> {
    if out.findings.is_empty() {
        return None;
    }
    let by_id = crate::fact::by_id(&out.facts);
    let mut t = table(
        &[
            "rule",
            "severity",
            "confidence",
            "entity",
            "metric",
            "period",
            "figures",
            "why",
        ],
        width,
    );
    for finding in &out.findings {
        let facts: Vec<&Fact> = finding
            .facts
            .iter()
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .collect();
        let first = facts.first();
        let figures: Vec<String> = facts
            .iter()
            .map(|f| format!("{}  {}:{}", f.text, f.path, f.line))
            .collect();
        let why = finding
            .message
            .split_once(": ")
            .map_or(finding.message.as_str(), |(_, rest)| rest);
        let severity = match finding.demoted_from {
            Some(was) => format!("{}\n(was {})", finding.severity.as_str(), was.as_str()),
            None => finding.severity.as_str().to_string(),
        };
        let why = match &finding.confidence_why {
            Some(c) => format!("{why}\n[{} confidence: {c}]", finding.confidence.as_str()),
            None => why.to_string(),
        };
        t.add_row(vec![
            finding.rule.to_string(),
            severity,
            finding.confidence.as_str().to_string(),
            first
                .and_then(|f| f.entity.as_ref())
                .map_or("-".into(), |e| e.name.clone()),
            first.and_then(|f| f.metric.clone()).unwrap_or("-".into()),
            first
                .and_then(|f| f.period)
                .map_or("-".into(), |p| p.label()),
            figures.join("\n"),
            why,
        ]);
    }
    Some(t)
}

pub fn facts_table(out: &Outcome, width: Option<u16>) -> Table {
    let mut t = table(
        &[
            "where",
            "figure",
            "value",
            "unit",
            "entity",
            "metric",
            "period",
            "qualifier",
        ],
        width,
    );
    for f in &out.facts {
        let bound = match f.approx {
            crate::fact::Approx::Exact => String::new(),
            a => format!(
                " ({})",
                serde_json::to_value(a)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            ),
        };
        t.add_row(vec![
            format!("{}:{}:{}", f.path, f.line, f.column),
            f.text.clone(),
            format!("{}{bound}", super::number(f.value)),
            f.unit.clone(),
            f.entity.as_ref().map_or("-".into(), |e| e.name.clone()),
            f.metric.clone().unwrap_or("-".into()),
            f.period.map_or("-".into(), |p| p.label()),
            f.qualifier.as_str().to_string(),
        ]);
    }
    t
}

/// "5 articles, 151 facts: 2 errors, 0 warnings, 0 infos".
pub fn summary_line(out: &Outcome) -> String {
    let count = |s: Severity| out.findings.iter().filter(|f| f.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}, {}: {}, {}, {}",
        plural(out.articles.len(), "article"),
        plural(out.fact_count, "fact"),
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "info"),
    );
    let unread = out.missing.len() + out.errors.len();
    if unread > 0 {
        line.push_str(&format!("; {} could not be read", plural(unread, "file")));
    }
    line
}
