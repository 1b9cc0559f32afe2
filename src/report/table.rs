//! Terminal tables (comfy-table): findings, and with --facts every fact.

use comfy_table::{
    ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL_CONDENSED,
};

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

/// Findings in four columns, so that 80 columns still leave room for the
/// words: the rule with its severity and confidence; what the figures are
/// about; the figures with where they are; why.
pub fn findings_table(out: &Outcome, width: Option<u16>) -> Option<Table> {
    if out.findings.is_empty() {
        return None;
    }
    let by_id = crate::fact::by_id(&out.facts);
    let mut t = table(&["rule", "about", "figures", "why"], width);
    // The first two columns hold short words; what is left goes to the
    // figures and the arithmetic.
    for (i, most) in [(0, 20), (1, 14)] {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(most)));
        }
    }
    for finding in &out.findings {
        let facts = super::facts_of(finding, &by_id);
        let first = facts.first();
        let figures: Vec<String> = facts
            .iter()
            .map(|f| format!("{}\n{}:{}", f.text, f.path, f.line))
            .collect();
        let why = finding
            .message
            .split_once(": ")
            .map_or(finding.message.as_str(), |(_, rest)| rest);
        let mut rule = format!(
            "{}\n{}, {} confidence",
            finding.rule,
            finding.severity.as_str(),
            finding.confidence.as_str()
        );
        if let Some(was) = finding.demoted_from {
            rule.push_str(&format!("\n(was {})", was.as_str()));
        }
        let why = match &finding.confidence_why {
            Some(c) => format!("{why}\n[{} confidence: {c}]", finding.confidence.as_str()),
            None => why.to_string(),
        };
        let about = [
            first
                .and_then(|f| f.entity.as_ref())
                .map(|e| e.name.clone()),
            first.and_then(|f| f.metric.clone()),
            first.and_then(|f| f.period).map(|p| p.label()),
        ];
        let about: Vec<String> = about.into_iter().flatten().collect();
        t.add_row(vec![
            rule,
            match about.is_empty() {
                true => "-".to_string(),
                false => about.join("\n"),
            },
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
