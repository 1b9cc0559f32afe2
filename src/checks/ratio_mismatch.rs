//! # ratio-mismatch (default severity: error)
//!
//! A multiple that does not match the two figures it relates:
//! 营收50亿元,是净利润2亿元的10倍 (it is 25 times).
//!
//! ## What it compares
//! Each multiple ("是B的N倍", "约为B的N倍", "N times the B", 增长到N倍,
//! 翻番) with
//! - its base B: the figure the sentence names (是净利润2亿元的10倍, "three
//!   times the $1.5bn of 2021"), or, when the text names a time instead
//!   (是2020年的7.4倍, "3.6 times the level a year earlier"), the reported
//!   figure of the same entity and metric for that period in the article;
//! - the figure A it describes: the nearest reported figure before it in
//!   its sentence (or, for a multiple of a time, the figure of the same
//!   entity, metric and period in the article) in the base's unit.
//!
//! 增长了N倍 is growth (+N×100%), checked by `growth-mismatch`, not here.
//!
//! ## The arithmetic
//! A / B is an interval (each figure's written precision, 约/近/超过), and
//! must meet the multiple's own interval (约3倍 is 2.85-3.15) widened by
//! `tolerance` (default 5%).
//!
//! ## Example that fires
//! ```text
//! 2024年交付12.4万辆,是2022年3.1万辆的2倍
//! ```
//! 12.4万 / 3.1万 = 4.0, not 2.
//!
//! ## Example that does not
//! ```text
//! 营收31.5亿元,约为去年同期10.2亿元的3倍
//! ```
//! 31.5 / 10.2 = 3.09, inside 约3倍 (2.85-3.15).
//!
//! ## Configure
//! ```toml
//! [checks.ratio-mismatch]
//! enabled = true
//! severity = "error"
//! tolerance = 0.05
//! ```

use std::collections::HashMap;

use super::interval::{self, magnitude, meet, quotient, show_range};
use super::key;
use super::{Check, Finding, Input, Scope};
use crate::fact::{Fact, Kind, Period, Qualifier};
use crate::rules::{SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "ratio-mismatch",
    severity: Severity::Error,
    summary: "a multiple (是B的N倍, N times) that does not match the two figures it relates",
    explain: include_str!(concat!(env!("OUT_DIR"), "/ratio_mismatch.md")),
    settings: SettingDefaults {
        tolerance: Some(0.05),
        max_ratio: None,
        window_days: None,
    },
    scope: Scope::Article,
    run,
};

fn run(input: &Input) -> Vec<Finding> {
    let by_id = input.by_id;
    let by_path = input.by_path;
    // Reported figures by article and period, in text order: a multiple's
    // operands are looked up, not searched for across its article.
    let mut by_period: HashMap<(&str, Period), Vec<&Fact>> = HashMap::new();
    for f in input.facts.iter().filter(|f| reported(f)) {
        if let Some(p) = f.period {
            by_period.entry((f.path.as_str(), p)).or_default().push(f);
        }
    }
    let mut findings = Vec::new();
    for ratio in input
        .facts
        .iter()
        .filter(|f| f.kind == Kind::Ratio && f.converts.is_none())
    {
        let article = &by_path[ratio.path.as_str()];
        let Some((a, b)) = operands(ratio, article, by_id, &by_period) else {
            continue;
        };
        if let Some(f) = check(input, ratio, a, b) {
            findings.push(f);
        }
    }
    findings
}

fn reported(f: &Fact) -> bool {
    f.qualifier == Qualifier::Actual && f.converts.is_none() && !f.revised && f.kind != Kind::Ratio
}

/// The figure described (A) and the base (B).
fn operands<'f>(
    ratio: &Fact,
    article: &[&'f Fact],
    by_id: &HashMap<&str, &'f Fact>,
    by_period: &HashMap<(&str, Period), Vec<&'f Fact>>,
) -> Option<(&'f Fact, &'f Fact)> {
    if let Some(b) = ratio
        .compared_with
        .as_deref()
        .and_then(|id| by_id.get(id).copied())
    {
        // A: the nearest figure before the multiple in its sentence, in B's unit.
        let a = super::in_sentences(article, ratio.sentence, ratio.sentence)
            .iter()
            .copied()
            .filter(|a| {
                reported(a)
                    && a.id != b.id
                    && a.sentence == ratio.sentence
                    && a.start < ratio.start
                    && a.unit == b.unit
                    && a.kind == b.kind
            })
            .max_by_key(|a| a.start)?;
        return Some((a, b));
    }
    let base_period = ratio.base_period?;
    let metric = ratio.metric.as_ref()?;
    let find = |period| {
        by_period
            .get(&(ratio.path.as_str(), period))?
            .iter()
            .copied()
            .filter(|f| {
                f.metric.as_ref() == Some(metric)
                    && f.entity.is_some()
                    && f.entity == ratio.entity
                    && f.segment == ratio.segment
            })
            .min_by_key(|f| f.start.abs_diff(ratio.start))
    };
    if Some(base_period) == ratio.period {
        return None;
    }
    let a = find(ratio.period?)?;
    let b = find(base_period)?;
    (a.unit == b.unit && a.id != b.id).then_some((a, b))
}

fn check(input: &Input, ratio: &Fact, a: &Fact, b: &Fact) -> Option<Finding> {
    let cfg = &input.rules.checks.intervals;
    let q = quotient(
        magnitude(&interval::of(a, cfg))?,
        magnitude(&interval::of(b, cfg))?,
    )?;
    let stated = magnitude(&interval::of(ratio, cfg))?;
    let tol = input.setting.tolerance;
    let widened = (stated.0 * (1.0 - tol), stated.1 * (1.0 + tol));
    if meet(q, widened, 0.0) {
        return None;
    }
    Some(input.finding(
        CHECK.id,
        format!(
            "{} {}: {} / {} = {}, but the text says {}",
            key::entity_name(a),
            a.metric.as_deref().unwrap_or("-"),
            a.text,
            b.text,
            show_range(q, 2),
            ratio.text
        ),
        &[a, b, ratio],
    ))
}
