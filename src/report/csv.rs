//! The facts as CSV, one row per figure, for spreadsheets (the `csv` crate
//! does the quoting). Amounts are plain decimal strings, fully expanded
//! (1500000000000, never 1.5e12), so a spreadsheet reads them exactly;
//! empty cells are fields the fact does not have.

use std::io::{self, Write};

use serde::Serialize;

use crate::fact::{Fact, Period};
use crate::run::Outcome;

const HEADER: [&str; 22] = [
    "path",
    "line",
    "column",
    "text",
    "kind",
    "value",
    "low",
    "high",
    "approx",
    "unit",
    "entity_id",
    "entity",
    "metric",
    "period_start",
    "period_end",
    "qualifier",
    "segment",
    "basis",
    "as_of_start",
    "as_of_end",
    "converts",
    "id",
];

pub fn facts_csv(out: &Outcome, w: impl Write) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(w);
    csv.write_record(HEADER)?;
    for f in &out.facts {
        csv.write_record(row(f))?;
    }
    csv.flush()
}

fn row(f: &Fact) -> [String; 22] {
    let opt = |s: Option<String>| s.unwrap_or_default();
    let start = |p: Option<Period>| opt(p.map(|p| p.start.to_string()));
    let end = |p: Option<Period>| opt(p.map(|p| p.end.to_string()));
    [
        f.path.clone(),
        f.line.to_string(),
        f.column.to_string(),
        f.text.clone(),
        name(f.kind),
        f.value.to_string(),
        opt(f.low.map(|d| d.to_string())),
        opt(f.high.map(|d| d.to_string())),
        name(f.approx),
        f.unit.clone(),
        opt(f.entity.as_ref().map(|e| e.id.clone())),
        opt(f.entity.as_ref().map(|e| e.name.clone())),
        opt(f.metric.clone()),
        start(f.period),
        end(f.period),
        f.qualifier.as_str().to_string(),
        opt(f.segment.clone()),
        opt(f.basis.clone()),
        start(f.as_of),
        end(f.as_of),
        opt(f.converts.clone()),
        f.id.clone(),
    ]
}

/// An enum's name as the JSON spells it (money, at_least).
fn name(x: impl Serialize) -> String {
    match serde_json::to_value(x) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
