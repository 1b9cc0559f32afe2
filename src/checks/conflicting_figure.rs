//! # conflicting-figure (default severity: error)
//!
//! Two figures for the same thing that cannot both be true.
//!
//! ## What it compares
//! Facts that share one identity key:
//! entity, metric, segment (china, us, ...), period, qualifier (actual,
//! target, forecast, estimate, change), unit class (a currency, %, or a
//! counting unit and those `rules/units.toml` declares compatible, so 7万辆
//! meets 76000台), change basis (yoy/qoq) and rate (per month, per day).
//! A fact with no entity, metric or period is never compared. Targets,
//! forecasts and estimates are compared only when they were stated at the
//! same time (a target set 年初 and one announced in July are a revision,
//! not a conflict). Money in different currencies is left to the conversion
//! check; a figure that restates another in brackets (约合人民币…) is not
//! compared with it, and nor is any other figure of the same sentence: one
//! sentence giving two values for one key is a list of parts (其中…), a
//! restatement or a before-and-after, not a contradiction; such figures
//! are not compared with other sentences' either, since the key evidently
//! does not tell them apart. Figures the text
//! marks as earlier or superseded (此前预计, 由X修正为Y) are not compared.
//!
//! ## The arithmetic
//! Each figure stands for an interval, from the way it was written:
//! - exact: ± half a unit of its last written digit (171.08亿 is
//!   171.075-171.085亿, 2亿 is 1.5-2.5亿); when that digit is a trailing zero
//!   (100亿, 76000) never wider than ± `precision_cap` of the value
//!   (rules/checks.toml, default 5%), so 100亿 is not read as 50-150亿;
//! - 约/左右/about: ± `about` of the value (default 5%), or the precision if wider;
//! - 超过X, X多, 近X, 不到X, 10-12万: the stated bounds (X多 = X to X plus one
//!   unit of its last digit: 170多 is 170-180), each widened by the precision.
//!
//! Two figures conflict when their intervals do not meet even after the
//! metric's `tolerance` (rules/metrics.toml) plus this check's `tolerance`,
//! as a fraction of the larger value. All figures of one key that conflict
//! with one another are reported together, once.
//!
//! ## Example that fires
//! ```text
//! 2024年初,雷军定下7万辆的方针   -> 65000-75000 (±0.5万)
//! 年初定下了全年 76000 台的目标   -> 75500-76500 (±500)
//! ```
//! The intervals are 2000 apart: error.
//!
//! ## Example that does not
//! ```text
//! 去年英伟达中国区营收171.08亿美元 ... 去年在华收入约171亿美元
//! ```
//! 约171亿 is 162.45-179.55亿, which holds 171.08亿.
//!
//! ## Configure
//! ```toml
//! [checks.conflicting-figure]
//! enabled = true
//! severity = "error"        # error | warning | info
//! tolerance = 0.0           # extra relative slack
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::interval::{self, Interval};
use super::{Check, Finding};
use crate::fact::{Fact, Kind, Period};
use crate::rules::{CheckSetting, Rules, Severity};

pub const CHECK: Check = Check {
    id: "conflicting-figure",
    severity: Severity::Error,
    summary: "two figures for the same entity, metric, period and qualifier that cannot both be true",
    explain: include_str!(concat!(env!("OUT_DIR"), "/conflicting_figure.md")),
    run,
};

/// The identity of what a figure measures.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    entity: String,
    metric: String,
    segment: Option<String>,
    period: Period,
    qualifier: &'static str,
    unit_class: String,
    basis: Option<String>,
    per: Option<String>,
}

fn key(f: &Fact, rules: &Rules) -> Option<Key> {
    Some(Key {
        entity: f.entity.as_ref()?.id.clone(),
        metric: f.metric.clone()?,
        segment: f.segment.clone(),
        period: f.period?,
        qualifier: f.qualifier.as_str(),
        unit_class: unit_class(f, rules),
        basis: f.basis.clone(),
        per: f.per.clone(),
    })
}

/// Counting units compare with the units rules/units.toml calls compatible.
fn unit_class(f: &Fact, rules: &Rules) -> String {
    if f.kind != Kind::Count {
        return f.unit.clone();
    }
    let mut class: Vec<&str> = vec![f.unit.as_str()];
    if let Some(u) = rules.unit(&f.unit) {
        class.extend(u.compatible.iter().map(String::as_str));
    }
    class.sort_unstable();
    class.join("|")
}

fn run(facts: &[Fact], rules: &Rules, setting: &CheckSetting) -> Vec<Finding> {
    let mut groups: BTreeMap<Key, Vec<&Fact>> = BTreeMap::new();
    for f in facts {
        if let Some(k) = key(f, rules) {
            groups.entry(k).or_default().push(f);
        }
    }
    for group in groups.values_mut() {
        drop_listed(group, rules);
    }
    let mut findings = Vec::new();
    for (key, group) in groups {
        let tolerance = rules.metric(&key.metric).map_or(0.0, |m| m.tolerance) + setting.tolerance;
        findings.extend(
            conflicts(&group, rules, tolerance)
                .into_iter()
                .map(|members| finding(&key, &members, rules, setting)),
        );
    }
    findings
}

/// A sentence that gives two different values for one key is listing things
/// the key does not tell apart (two subsidiaries, two product lines): its
/// figures are not compared with any other.
fn drop_listed(group: &mut Vec<&Fact>, rules: &Rules) {
    let cfg = &rules.checks.intervals;
    let listed: Vec<bool> = group
        .iter()
        .map(|a| {
            group.iter().any(|b| {
                a.id != b.id
                    && a.path == b.path
                    && a.sentence == b.sentence
                    && interval::of(a, cfg).gap(&interval::of(b, cfg)) > Decimal::ZERO
            })
        })
        .collect();
    let mut i = 0;
    group.retain(|_| {
        i += 1;
        !listed[i - 1]
    });
}

/// Sets of facts that conflict, joined transitively (one finding per set).
fn conflicts<'f>(group: &[&'f Fact], rules: &Rules, tolerance: f64) -> Vec<Vec<&'f Fact>> {
    let n = group.len();
    let mut set: Vec<usize> = (0..n).collect();
    let mut any = vec![false; n];
    let intervals: Vec<Interval> = group
        .iter()
        .map(|f| interval::of(f, &rules.checks.intervals))
        .collect();
    for i in 0..n {
        for j in i + 1..n {
            if comparable(group[i], group[j])
                && apart(&intervals[i], &intervals[j], group[i], group[j], tolerance)
            {
                let (a, b) = (root(&set, i), root(&set, j));
                set[a.max(b)] = a.min(b);
                any[i] = true;
                any[j] = true;
            }
        }
    }
    let mut sets: BTreeMap<usize, Vec<&Fact>> = BTreeMap::new();
    for i in (0..n).filter(|&i| any[i]) {
        sets.entry(root(&set, i)).or_default().push(group[i]);
    }
    sets.into_values().collect()
}

fn root(set: &[usize], mut i: usize) -> usize {
    while set[i] != i {
        i = set[i];
    }
    i
}

fn comparable(a: &Fact, b: &Fact) -> bool {
    let restates = a.converts.as_deref() == Some(&b.id) || b.converts.as_deref() == Some(&a.id);
    let same_time = !a.qualifier.is_outlook()
        || match (a.as_of, b.as_of) {
            (Some(x), Some(y)) => x.overlaps(&y),
            _ => true,
        };
    let same_sentence = a.path == b.path && a.sentence == b.sentence;
    !restates && same_time && !same_sentence && !a.revised && !b.revised && a.id != b.id
}

fn apart(x: &Interval, y: &Interval, a: &Fact, b: &Fact, tolerance: f64) -> bool {
    let scale = a.value.abs().max(b.value.abs());
    let slack = scale * Decimal::try_from(tolerance).unwrap_or_default();
    x.gap(y) > slack
}

fn finding(key: &Key, members: &[&Fact], rules: &Rules, setting: &CheckSetting) -> Finding {
    let mut members = members.to_vec();
    members.sort_by(|a, b| (&a.path, a.start).cmp(&(&b.path, b.start)));
    let name = members[0]
        .entity
        .as_ref()
        .map_or(key.entity.clone(), |e| e.name.clone());
    let segment = key
        .segment
        .as_ref()
        .map(|s| format!(" [{s}]"))
        .unwrap_or_default();
    let shown: Vec<String> = members
        .iter()
        .map(|f| {
            format!(
                "{} = {}",
                f.text,
                interval::of(f, &rules.checks.intervals).show()
            )
        })
        .collect();
    let (min, max) = members
        .iter()
        .fold((None::<Decimal>, None::<Decimal>), |(lo, hi), f| {
            let v = f.value.abs();
            (
                Some(lo.map_or(v, |l| l.min(v))),
                Some(hi.map_or(v, |h| h.max(v))),
            )
        });
    let ratio = match (min, max) {
        (Some(lo), Some(hi)) if !lo.is_zero() => format!(
            "; the largest is {}× the smallest",
            crate::report::ratio(hi / lo)
        ),
        _ => String::new(),
    };
    Finding {
        rule: CHECK.id,
        severity: setting.severity,
        message: format!(
            "{name} {}{segment} {} ({}): {} do not meet{ratio}",
            key.metric,
            key.period.label(),
            key.qualifier,
            shown.join(" vs ")
        ),
        facts: members.iter().map(|f| f.id.clone()).collect(),
    }
}
