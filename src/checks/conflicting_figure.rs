//! # conflicting-figure (default severity: error)
//!
//! Two figures for the same thing that cannot both be true.
//!
//! ## What it compares
//! Facts that share one identity key (src/checks/key.rs):
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
//! with one another are reported together, once. Two figures about 10^4 or
//! 10^8 apart are left to `magnitude-slip`, which says which multiplier is
//! missing (unless that check is disabled).
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

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::claims::{self, Claim};
use super::interval::{self, Interval};
use super::key::{self, Key};
use super::{Check, Finding, Input, Scope};
use crate::fact::Fact;
use crate::rules::{Rules, SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "conflicting-figure",
    severity: Severity::Error,
    summary: "two figures for the same entity, metric, period and qualifier that cannot both be true",
    explain: include_str!(concat!(env!("OUT_DIR"), "/conflicting_figure.md")),
    settings: SettingDefaults {
        tolerance: Some(0.0),
        max_ratio: None,
        window_days: None,
    },
    scope: Scope::Entity,
    run,
};

fn run(input: &Input) -> Vec<Finding> {
    let rules = input.rules;
    let mut groups: BTreeMap<Key, Vec<&Fact>> = BTreeMap::new();
    for f in input.facts {
        if let Some(k) = key::of(f, rules) {
            groups.entry(k).or_default().push(f);
        }
    }
    for group in groups.values_mut() {
        drop_listed(group, rules);
    }
    let slips = super::find("magnitude-slip").is_some_and(|c| rules.check(c).enabled);
    let mut findings = Vec::new();
    for (key, group) in groups {
        let tolerance =
            rules.metric(&key.metric).map_or(0.0, |m| m.tolerance) + input.setting.tolerance;
        findings.extend(
            conflicts(&group, rules, tolerance, slips)
                .into_iter()
                .map(|members| finding(input, &key, &members)),
        );
    }
    findings
}

/// A sentence that gives two different values for one key is listing things
/// the key does not tell apart (two subsidiaries, two product lines): its
/// figures are not compared with any other.
fn drop_listed(group: &mut Vec<&Fact>, rules: &Rules) {
    let cfg = &rules.checks.intervals;
    // Only figures of one sentence are compared here, so group by sentence first.
    let mut sentences: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
    for (i, f) in group.iter().enumerate() {
        sentences.entry((&f.path, f.sentence)).or_default().push(i);
    }
    let mut listed = vec![false; group.len()];
    for members in sentences.values().filter(|m| m.len() > 1) {
        let intervals: Vec<Interval> = members
            .iter()
            .map(|&i| interval::of(group[i], cfg))
            .collect();
        for (x, &i) in members.iter().enumerate() {
            listed[i] = members.iter().enumerate().any(|(y, &j)| {
                group[i].id != group[j].id && intervals[x].gap(&intervals[y]) > Decimal::ZERO
            });
        }
    }
    let mut i = 0;
    group.retain(|_| {
        i += 1;
        !listed[i - 1]
    });
}

/// Sets of claims that conflict, joined transitively (one finding per set).
/// Claims, not facts, are compared: a figure syndicated to a hundred outlets
/// is one claim, so a key's cost grows with its distinct values only.
fn conflicts<'f>(
    group: &[&'f Fact],
    rules: &Rules,
    tolerance: f64,
    slips: bool,
) -> Vec<Vec<Claim<'f>>> {
    let claims = claims::collapse(group);
    let n = claims.len();
    let mut set: Vec<usize> = (0..n).collect();
    let mut any = vec![false; n];
    let cfg = &rules.checks.intervals;
    let intervals: Vec<Interval> = claims
        .iter()
        .map(|c| interval::of(c.first(), cfg))
        .collect();
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (claims[i].first(), claims[j].first());
            if !apart(&intervals[i], &intervals[j], a, b, tolerance) {
                continue;
            }
            let slip = slips && super::magnitude_slip::factor(a, b, cfg, tolerance).is_some();
            if !slip && claims::comparable(&claims[i], &claims[j]) {
                let (a, b) = (root(&set, i), root(&set, j));
                set[a.max(b)] = a.min(b);
                any[i] = true;
                any[j] = true;
            }
        }
    }
    let mut sets: BTreeMap<usize, Vec<Claim>> = BTreeMap::new();
    for (i, c) in claims.into_iter().enumerate().filter(|(i, _)| any[*i]) {
        sets.entry(root(&set, i)).or_default().push(c);
    }
    sets.into_values().collect()
}

fn root(set: &[usize], mut i: usize) -> usize {
    while set[i] != i {
        i = set[i];
    }
    i
}

fn apart(x: &Interval, y: &Interval, a: &Fact, b: &Fact, tolerance: f64) -> bool {
    let scale = a.value.abs().max(b.value.abs());
    let slack = scale * Decimal::try_from(tolerance).unwrap_or_default();
    x.gap(y) > slack
}

fn finding(input: &Input, key: &Key, claims: &[Claim]) -> Finding {
    let mut claims = claims.to_vec();
    claims.sort_by(|a, b| {
        (&a.first().path, a.first().start).cmp(&(&b.first().path, b.first().start))
    });
    let cfg = &input.rules.checks.intervals;
    let segment = key
        .segment
        .as_ref()
        .map(|s| format!(" [{s}]"))
        .unwrap_or_default();
    let shown: Vec<String> = claims
        .iter()
        .map(|c| {
            let f = c.first();
            claims::label(c, &format!("{} = {}", f.text, interval::of(f, cfg).show()))
        })
        .collect();
    let values = claims.iter().map(|c| c.first().value.abs());
    let (min, max) = (values.clone().min(), values.max());
    let ratio = match (min, max) {
        (Some(lo), Some(hi)) if !lo.is_zero() => format!(
            "; the largest is {}× the smallest",
            crate::report::ratio(hi / lo)
        ),
        _ => String::new(),
    };
    let members: Vec<&Fact> = claims
        .iter()
        .flat_map(|c| c.facts.iter().copied())
        .collect();
    input.finding(
        CHECK.id,
        format!(
            "{} {}{segment} {} ({}): {} do not meet{ratio}",
            key::entity_name(claims[0].first()),
            key.metric,
            key.period.label(),
            key.qualifier,
            shown.join(" vs ")
        ),
        &members,
    )
}
