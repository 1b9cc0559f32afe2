//! JSON Lines: one JSON object per line, each with a `type`, for tools that
//! read a stream (`jq -c 'select(.type == "finding")'`, a log shipper):
//! `article` lines, then `fact`, `finding` and `input_error` lines, and a
//! last `summary` line. Each object has the fields of the `factcheck/v1`
//! JSON's item of the same kind; lines are written one at a time.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use crate::run::Outcome;

/// One item with its type in front.
#[derive(Serialize)]
struct Line<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    item: &'a T,
}

pub fn jsonl(out: &Outcome, w: impl Write) -> io::Result<()> {
    let mut w = io::BufWriter::new(w);
    for a in &out.articles {
        line(&mut w, "article", a)?;
    }
    for f in &out.facts {
        line(&mut w, "fact", f)?;
    }
    for f in &out.findings {
        line(&mut w, "finding", f)?;
    }
    for e in out.missing.iter().chain(&out.errors) {
        line(&mut w, "input_error", &json!({"message": e}))?;
    }
    line(&mut w, "summary", &super::summary(out))?;
    w.flush()
}

fn line<T: Serialize>(w: &mut impl Write, kind: &'static str, item: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *w, &Line { kind, item })?;
    w.write_all(b"\n")
}
