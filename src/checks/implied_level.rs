//! # implied-level (default severity: warning)
//!
//! A change amount together with its percent change implies the level
//! before the change: 市值蒸发X as the shares fell P% means the market cap
//! was about X / P before. That implied level must be near the levels
//! stated for the same company around that date, and near other implied
//! levels.
//!
//! ## What it compares
//! In one sentence, a change amount of a level metric (market cap, net
//! worth: 蒸发, 缩水, "wiped $90bn off") and a percent change of the same
//! entity for the same move (of that metric, or of the share price for a
//! market cap). The implied level is dated at the start of the move. It is
//! compared with
//! - the same entity's stated levels of that metric (actual, same currency)
//!   within `window_days` (default 120) of that date, in any article;
//! - other implied levels of the same entity and metric within the window.
//!
//! ## The arithmetic
//! implied = |X| / |P|, with X and P as intervals (近7% is 6.3-7%, 18800多亿
//! is 18800-18900亿), so implied is an interval too. Two levels conflict when
//! even their nearest ends are more than `max_ratio` (default 2) apart: a
//! market cap moves, but not by half or double within a few months unless
//! the text says so.
//!
//! ## Example that fires
//! ```text
//! (2025-04-19) 4月16日英伟达股价大跌近7%,市值一夜蒸发18800多亿美元
//! (2025-07-23) 英伟达市值达4.2万亿美元
//! ```
//! 18800亿 / 7% is at least 26.9万亿美元 before the fall, 6.4 times the
//! 4.2万亿 stated three months later.
//!
//! ## Example that does not
//! ```text
//! 股价下跌8%,市值蒸发120亿港元,收盘市值1380亿港元
//! ```
//! 120亿 / 8% = 1500亿 before the fall; 1380亿 after it is 0.92 of that.
//!
//! ## Configure
//! ```toml
//! [checks.implied-level]
//! enabled = true
//! severity = "warning"
//! max_ratio = 2.0       # how far apart two levels may be
//! window_days = 120     # how far apart in time they may be and be compared
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::interval::{self, magnitude, quotient};
use super::key;
use super::{Check, Finding, Input, Scope};
use crate::fact::{Fact, Kind, Qualifier};
use crate::rules::{SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "implied-level",
    severity: Severity::Warning,
    summary: "a change amount and its percent imply a level far from the levels stated",
    explain: include_str!(concat!(env!("OUT_DIR"), "/implied_level.md")),
    settings: SettingDefaults {
        tolerance: None,
        max_ratio: Some(2.0),
        window_days: Some(120),
    },
    scope: Scope::Entity,
    run,
};

/// A level, stated or implied, of one entity and metric at a date.
#[derive(Debug, Clone)]
struct Level<'f> {
    range: (f64, f64),
    date: NaiveDate,
    /// The facts it comes from: one stated figure, or an amount and a percent.
    facts: Vec<&'f Fact>,
    implied: bool,
    /// How many articles state it (identical levels are merged: see `claims`).
    sources: usize,
}

fn run(input: &Input) -> Vec<Finding> {
    let mut levels: BTreeMap<(String, String, String), Vec<Level>> = BTreeMap::new();
    for l in implied_levels(input)
        .into_iter()
        .chain(stated_levels(input))
    {
        let f = l.facts[0];
        let (Some(e), Some(m)) = (&f.entity, &f.metric) else {
            continue;
        };
        // A listed company's valuation is its market cap.
        let m = if m == "valuation" {
            "market_cap"
        } else {
            m.as_str()
        };
        levels
            .entry((e.id.clone(), m.to_string(), f.unit.clone()))
            .or_default()
            .push(l);
    }
    let mut findings = Vec::new();
    for group in levels.values_mut() {
        merge_identical(group);
        for (i, a) in group.iter().enumerate().filter(|(_, l)| l.implied) {
            let against: Vec<&Level> = group
                .iter()
                .enumerate()
                .filter(|(j, b)| *j != i && !(b.implied && *j < i))
                .map(|(_, b)| b)
                .filter(|b| conflicts(input, a, b))
                .collect();
            if !against.is_empty() {
                findings.push(finding(input, a, &against));
            }
        }
    }
    findings
}

/// Levels stated (or implied) the same way by several articles become one,
/// so a syndicated figure is compared once (see `claims`).
fn merge_identical(group: &mut Vec<Level>) {
    *group = super::claims::merge_by(std::mem::take(group), said, |l, other| {
        l.facts.extend(other.facts);
        l.sources += 1;
    });
}

/// What makes two levels the same: their range, date, kind and wording.
fn said<'f>(l: &Level<'f>) -> (u64, u64, NaiveDate, bool, Vec<&'f str>) {
    let texts = l.facts.iter().map(|f| f.text.as_str()).collect();
    (
        l.range.0.to_bits(),
        l.range.1.to_bits(),
        l.date,
        l.implied,
        texts,
    )
}

/// Level metrics: a change amount of them implies a level.
fn level_metric(input: &Input, f: &Fact) -> bool {
    f.metric
        .as_deref()
        .and_then(|m| input.rules.metric(m))
        .is_some_and(|m| m.level && m.class == Kind::Money)
}

fn implied_levels<'f>(input: &'f Input) -> Vec<Level<'f>> {
    let cfg = &input.rules.checks.intervals;
    // Percentages by sentence, so that pairing is not a scan of every fact.
    let mut percents: HashMap<(&str, usize), Vec<&Fact>> = HashMap::new();
    for p in input
        .facts
        .iter()
        .filter(|p| p.unit == "%" && p.qualifier == Qualifier::Change)
    {
        percents
            .entry((p.path.as_str(), p.sentence))
            .or_default()
            .push(p);
    }
    let mut out = Vec::new();
    for amount in input.facts.iter().filter(|f| {
        f.kind == Kind::Money
            && f.qualifier == Qualifier::Change
            && f.converts.is_none()
            && level_metric(input, f)
    }) {
        let same_sentence = percents
            .get(&(amount.path.as_str(), amount.sentence))
            .map_or(&[][..], Vec::as_slice);
        let Some(percent) = same_sentence.iter().copied().find(|p| {
            p.entity.is_some()
                && p.entity == amount.entity
                && (p.metric == amount.metric
                    || (amount.metric.as_deref() == Some("market_cap")
                        && p.metric.as_deref() == Some("stock_price")))
                && p.value.is_sign_negative() == amount.value.is_sign_negative()
        }) else {
            continue;
        };
        let (Some(x), Some(p)) = (
            magnitude(&interval::of(amount, cfg)),
            magnitude(&interval::of(percent, cfg)),
        ) else {
            continue;
        };
        let Some(range) = quotient(x, (p.0 / 100.0, p.1 / 100.0)) else {
            continue;
        };
        let Some(date) = amount.period.or(percent.period).map(|p| p.start) else {
            continue;
        };
        out.push(Level {
            range,
            date,
            facts: vec![amount, percent],
            implied: true,
            sources: 1,
        });
    }
    out
}

fn stated_levels<'f>(input: &'f Input) -> Vec<Level<'f>> {
    let cfg = &input.rules.checks.intervals;
    input
        .facts
        .iter()
        .filter(|f| {
            f.kind == Kind::Money
                && f.qualifier == Qualifier::Actual
                && f.converts.is_none()
                && !f.revised
                && f.segment.is_none()
                && level_metric(input, f)
        })
        .filter_map(|f| {
            Some(Level {
                range: magnitude(&interval::of(f, cfg))?,
                date: f.period?.end,
                facts: vec![f],
                implied: false,
                sources: 1,
            })
        })
        .collect()
}

fn conflicts(input: &Input, a: &Level, b: &Level) -> bool {
    let days = (a.date - b.date).num_days().unsigned_abs();
    if days > u64::from(input.setting.window_days) {
        return false;
    }
    apart(a.range, b.range) > input.setting.max_ratio
}

/// How many times apart two ranges are at their nearest ends (1 when they meet).
fn apart(a: (f64, f64), b: (f64, f64)) -> f64 {
    if a.0 > b.1 && b.1 > 0.0 {
        a.0 / b.1
    } else if b.0 > a.1 && a.1 > 0.0 {
        b.0 / a.1
    } else {
        1.0
    }
}

fn show(l: &Level) -> String {
    match l.sources {
        1 => show_one(l),
        n => format!("{} (×{n})", show_one(l)),
    }
}

fn show_one(l: &Level) -> String {
    let amount = crate::report::rough;
    let unit = &l.facts[0].unit;
    if l.implied {
        let (x, p) = (l.facts[0], l.facts[1]);
        format!(
            "{} / {} implies {}-{} {unit} before the move ({})",
            x.text,
            p.text,
            amount(l.range.0),
            amount(l.range.1),
            l.date
        )
    } else {
        format!("{} stated for {}", l.facts[0].text, l.date)
    }
}

fn finding(input: &Input, a: &Level, against: &[&Level]) -> Finding {
    let worst = against
        .iter()
        .map(|b| apart(a.range, b.range))
        .fold(1.0, f64::max);
    let mut facts: Vec<&Fact> = a.facts.clone();
    for b in against {
        facts.extend(b.facts.iter().copied());
    }
    let others: Vec<String> = against.iter().map(|b| show(b)).collect();
    input.finding(
        CHECK.id,
        format!(
            "{} {}: {}; but {}: up to {worst:.1}× apart (more than {}×)",
            key::entity_name(a.facts[0]),
            a.facts[0].metric.as_deref().unwrap_or("-"),
            show(a),
            others.join("; "),
            input.setting.max_ratio
        ),
        &facts,
    )
}
