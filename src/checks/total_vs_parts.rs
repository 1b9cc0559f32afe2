//! # total-vs-parts (default severity: error)
//!
//! A stated total or cumulative figure against the parts the text lists:
//! 2021年至2023年净利润分别为1.1亿元、2.2亿元、3.3亿元,累计8.6亿元 (the parts
//! add up to 6.6亿).
//!
//! ## What it compares
//! A figure for a span (2021年至2023年, 1-3月, "over the three years", the
//! whole year) against the figures of the same entity, metric, segment,
//! qualifier and unit in the same article whose periods lie inside that
//! span and do not overlap one another (the coarsest ones are kept: years
//! rather than their quarters). Only quantities that add up over time take
//! part (revenue, profit, deliveries, spending), not levels such as market
//! cap, headcount or percentages.
//!
//! ## The arithmetic
//! The parts' intervals add up to an interval. When the parts cover the
//! whole span, that sum must meet the total's interval (超过56亿 is 56亿 or
//! more); when they cover only some of it, the sum must not exceed the
//! total's upper end (a loss 超过56亿 in total is consistent with 29亿 over
//! some of the years). `tolerance` (default 1% of the total) is added.
//!
//! ## Example that fires
//! ```text
//! 2021年至2023年,公司净利润分别为1.1亿元、2.2亿元、3.3亿元,三年累计8.6亿元
//! ```
//! 1.1 + 2.2 + 3.3 = 6.6亿 (6.45-6.75亿), not 8.6亿.
//!
//! ## Example that does not
//! ```text
//! 成立以来累计亏损超过60亿元,其中2022年至2024年分别亏损9.5亿、11亿和12亿元
//! ```
//! 32.5亿 for three of the years, and the total has no upper end.
//!
//! ## Configure
//! ```toml
//! [checks.total-vs-parts]
//! enabled = true
//! severity = "error"
//! tolerance = 0.01
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};

use super::interval::{self, bounds};
use super::key;
use super::{Check, Finding, Input, Scope};
use crate::fact::{Fact, Kind, Period};
use crate::rules::{SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "total-vs-parts",
    severity: Severity::Error,
    summary: "a total or cumulative figure that does not match the parts listed",
    explain: include_str!(concat!(env!("OUT_DIR"), "/total_vs_parts.md")),
    settings: SettingDefaults {
        tolerance: Some(0.01),
        max_ratio: None,
        window_days: None,
    },
    scope: Scope::Article,
    run,
};

/// Facts that can be parts of one another: same article and key but period.
type Stream<'f> = (
    &'f str,
    String,
    String,
    Option<String>,
    &'static str,
    String,
);

fn run(input: &Input) -> Vec<Finding> {
    let rules = input.rules;
    let mut streams: BTreeMap<Stream, Vec<&Fact>> = BTreeMap::new();
    for f in input.facts.iter().filter(|f| adds_up(f, input)) {
        let (Some(e), Some(m), Some(_)) = (&f.entity, &f.metric, f.period) else {
            continue;
        };
        let k = (
            f.path.as_str(),
            e.id.clone(),
            m.clone(),
            f.segment.clone(),
            f.qualifier.as_str(),
            key::unit_class(f, rules),
        );
        streams.entry(k).or_default().push(f);
    }
    let mut findings = Vec::new();
    let mut checked: HashSet<&str> = HashSet::new();
    for facts in streams.values() {
        // The parts depend on the total's period only (its own figure is
        // never inside it): found once per period, not once per figure.
        let mut by_span: HashMap<Period, Vec<&Fact>> = HashMap::new();
        for total in facts {
            let Some(span) = total.period else { continue };
            let parts = by_span.entry(span).or_insert_with(|| parts_of(span, facts));
            if parts.len() >= 2 {
                checked.insert(total.id.as_str());
                findings.extend(check(input, total, parts, true));
            }
        }
    }
    // 募集资金合计25亿元,分别用于A项目8亿元、B项目6亿元…: a total broken down
    // in its own sentence, whatever the metric or period.
    let amount = |f: &&Fact| matches!(f.kind, Kind::Money | Kind::Count) && f.per.is_none();
    let items = items_by_total(input.facts);
    for total in input
        .facts
        .iter()
        .filter(|f| f.itemized && amount(f) && !checked.contains(&f.id.as_str()))
    {
        let parts = items.get(total.id.as_str()).cloned().unwrap_or_default();
        if parts.len() >= 2 {
            findings.extend(check(input, total, &parts, false));
        }
    }
    findings
}

/// The items extraction tied to each itemized total, by the total's id.
fn items_by_total(facts: &[Fact]) -> HashMap<&str, Vec<&Fact>> {
    let mut items: HashMap<&str, Vec<&Fact>> = HashMap::new();
    for f in facts.iter().filter(|f| f.per.is_none()) {
        if let Some(total) = f.item_of.as_deref() {
            items.entry(total).or_default().push(f);
        }
    }
    items
}

/// Money or counts of a flow metric, stated on their own.
fn adds_up(f: &Fact, input: &Input) -> bool {
    let flow = f
        .metric
        .as_deref()
        .and_then(|m| input.rules.metric(m))
        .is_some_and(|m| !m.level && !m.daily);
    matches!(f.kind, Kind::Money | Kind::Count)
        && flow
        && f.per.is_none()
        && f.converts.is_none()
        && !f.revised
}

/// The coarsest non-overlapping periods inside the total's span.
fn parts_of<'f>(span: Period, facts: &[&'f Fact]) -> Vec<&'f Fact> {
    let mut inside: Vec<&Fact> = facts
        .iter()
        .copied()
        .filter(|f| {
            f.period
                .is_some_and(|p| p != span && span.start <= p.start && p.end <= span.end)
        })
        .collect();
    // Longest first, so a year is kept over its quarters.
    inside.sort_by_key(|f| {
        let p = f.period.unwrap_or(span);
        (std::cmp::Reverse(p.end - p.start), f.start)
    });
    let mut chosen: Vec<&Fact> = Vec::new();
    for f in inside {
        let p = f.period.unwrap_or(span);
        if !chosen
            .iter()
            .any(|c| c.period.is_some_and(|q| q.overlaps(&p)))
        {
            chosen.push(f);
        }
    }
    chosen.sort_by_key(|f| f.period.map(|p| p.start));
    chosen
}

fn covers(span: Period, parts: &[&Fact]) -> bool {
    let days: i64 = parts
        .iter()
        .filter_map(|f| f.period)
        .map(|p| (p.end - p.start).num_days() + 1)
        .sum();
    days == (span.end - span.start).num_days() + 1
}

/// `by_period`: parts found by their periods inside the total's span (they
/// may cover only some of it); else the items a sentence lists (all of it).
fn check(input: &Input, total: &Fact, parts: &[&Fact], by_period: bool) -> Option<Finding> {
    let cfg = &input.rules.checks.intervals;
    // Parts of opposite signs (a profit and a loss) do not bound a total.
    if parts
        .iter()
        .any(|p| p.value.is_sign_negative() != total.value.is_sign_negative())
    {
        return None;
    }
    let sum = parts.iter().fold((0.0, 0.0), |(lo, hi), f| {
        let (l, h) = bounds(&interval::of(f, cfg));
        (lo + l, hi + h)
    });
    let t = bounds(&interval::of(total, cfg));
    let scale: f64 = total.value.abs().try_into().unwrap_or(0.0);
    let slack = scale * input.setting.tolerance;
    let whole = match (by_period, total.period) {
        (true, Some(span)) => covers(span, parts),
        _ => true,
    };
    let negative = total.value.is_sign_negative();
    // Magnitudes: a loss total bounds the losses' size.
    let (sum, t) = if negative {
        ((-sum.1, -sum.0), (-t.1, -t.0))
    } else {
        (sum, t)
    };
    let wrong = if whole {
        sum.0 > t.1 + slack || sum.1 < t.0 - slack
    } else {
        sum.0 > t.1 + slack
    };
    if !wrong {
        return None;
    }
    let texts: Vec<&str> = parts.iter().map(|f| f.text.as_str()).collect();
    let coverage = if whole {
        "the parts cover the whole span"
    } else {
        "the parts cover only part of the span and already exceed the total"
    };
    let mut members = vec![total];
    members.extend_from_slice(parts);
    let coverage = if by_period {
        coverage
    } else {
        "the items listed with it"
    };
    Some(input.finding(
        CHECK.id,
        format!(
            "{} {} {}: {} = {}, against the stated {} {} ({coverage})",
            key::entity_name(total),
            total.metric.as_deref().unwrap_or("-"),
            total.period.map_or("-".to_string(), |p| p.label()),
            texts.join(" + "),
            show_amounts(sum, negative),
            total.text,
            show_amounts(t, negative),
        ),
        &members,
    ))
}

fn show_amounts(r: (f64, f64), negative: bool) -> String {
    let d = crate::report::rough;
    let sign = if negative { "-" } else { "" };
    if (r.1 - r.0).abs() < f64::EPSILON {
        format!("{sign}{}", d(r.0))
    } else {
        format!("{sign}[{}, {}]", d(r.0), d(r.1))
    }
}
