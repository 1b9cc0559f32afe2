//! # growth-mismatch (default severity: error)
//!
//! A figure, its stated base a period earlier and the stated change between
//! them that do not agree: 营收120亿元,较上年同期的100亿元增长35% (it is 20%).
//!
//! ## What it compares
//! Each change (a growth rate, a change in percentage points, or a change
//! amount such as 增加30亿元) with
//! - its base: the figure the sentence compares with (较上年同期的X, 比前一年X,
//!   "from X", "compared with X"), or else a figure of the same entity,
//!   metric and unit for the period a year earlier (a quarter earlier for a
//!   quarter-on-quarter change) within one sentence of the change;
//! - its level: the figure of the same entity, metric and period as the
//!   change, in the change's sentence or the one next to it.
//!
//! Only reported figures take part: an analyst's estimate (市场预期,
//! consensus) or a target is never a base or a level, nor is a figure of
//! another metric or a restatement in another currency.
//!
//! ## The arithmetic
//! A growth rate r must meet level / base - 1; a change in percentage points
//! or an amount must meet level - base. Every figure stands for the interval
//! its wording allows (written precision, 约, 近, 超过, ranges), so the
//! computed change is an interval; it must meet the stated one, allowing
//! `tolerance` (a fraction of the level, default 1%).
//!
//! ## Example that fires
//! ```text
//! 营收120亿元,较上年同期的100亿元增长35%
//! ```
//! 120亿 / 100亿 - 1 = 20% (19.5%-20.5% with rounding), not 35%.
//!
//! ## Example that does not
//! ```text
//! 中国区营收171.08亿美元,比前一年103.06亿美元增长66%
//! 净利润3616亿元,高于市场预估的3467.6亿元,同比大增近60%
//! ```
//! 171.08 / 103.06 - 1 = 66.0%. In the second, the estimate is not a base.
//!
//! ## Configure
//! ```toml
//! [checks.growth-mismatch]
//! enabled = true
//! severity = "error"
//! tolerance = 0.01
//! ```

use super::interval::{self, bounds, magnitude, meet, quotient, show_range};
use super::key;
use super::{Check, Finding, Input, Scope};
use crate::fact::{Fact, Kind, Period, Qualifier};
use crate::rules::{SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "growth-mismatch",
    severity: Severity::Error,
    summary: "a figure, its base a period earlier and the stated change do not agree",
    explain: include_str!(concat!(env!("OUT_DIR"), "/growth_mismatch.md")),
    settings: SettingDefaults {
        tolerance: Some(0.01),
        max_ratio: None,
        window_days: None,
    },
    scope: Scope::Article,
    run,
};

fn run(input: &Input) -> Vec<Finding> {
    let by_id = input.by_id;
    let by_path = input.by_path;
    let mut findings = Vec::new();
    for change in input.facts.iter().filter(|f| is_change(f)) {
        let article = &by_path[change.path.as_str()];
        let base = change
            .compared_with
            .as_deref()
            .and_then(|id| by_id.get(id).copied())
            .filter(|b| reported(b))
            .or_else(|| base_by_period(change, article));
        let Some(base) = base else { continue };
        let Some(level) = level_for(change, base, article) else {
            continue;
        };
        if let Some(f) = check(input, change, base, level) {
            findings.push(f);
        }
    }
    findings
}

fn is_change(f: &Fact) -> bool {
    f.qualifier == Qualifier::Change && f.kind != Kind::Ratio && f.converts.is_none()
}

/// A figure that reports a level: not an estimate, target or change, not a
/// restatement, not superseded.
fn reported(f: &Fact) -> bool {
    f.qualifier == Qualifier::Actual && f.converts.is_none() && !f.revised
}

/// The level the change describes: same entity, metric and period as the
/// change, same unit as the base, within a sentence of the change.
fn level_for<'f>(change: &Fact, base: &Fact, article: &[&'f Fact]) -> Option<&'f Fact> {
    let near = super::in_sentences(
        article,
        change.sentence.saturating_sub(1),
        change.sentence + 1,
    );
    near.iter()
        .copied()
        .filter(|l| {
            reported(l)
                && l.id != base.id
                && l.unit == base.unit
                && l.kind == base.kind
                && l.sentence.abs_diff(change.sentence) <= 1
                && l.entity == change.entity
                && agrees(&l.metric, &change.metric)
                && agrees(&l.metric, &base.metric)
                && l.segment == base.segment
                && l.period.is_some()
                && l.period == change.period
                && l.period != base.period
        })
        // 经营利润69.16亿元,比上年的24.19亿元增利93.35亿元: the level comes
        // before its base in the same sentence; else the nearest after.
        .min_by_key(|l| {
            let before_base = l.sentence == base.sentence && l.start < base.start;
            (!before_base, l.start.abs_diff(change.start))
        })
}

/// With no base written in the sentence: the same quantity a year (or for a
/// quarter-on-quarter change, a quarter) before, within a sentence.
fn base_by_period<'f>(change: &Fact, article: &[&'f Fact]) -> Option<&'f Fact> {
    let period = change.period?;
    change.metric.as_ref()?;
    // Only a change that says what it is measured against (同比, QoQ), with
    // the earlier figure in its own sentence: a neighbouring sentence may be
    // about another part of the business.
    change.basis.as_ref()?;
    let earlier = match change.basis.as_deref() {
        Some("qoq") => quarter_back(period)?,
        _ => year_back(period)?,
    };
    super::in_sentences(article, change.sentence, change.sentence)
        .iter()
        .copied()
        .filter(|b| {
            reported(b)
                && b.sentence == change.sentence
                && b.period == Some(earlier)
                && b.entity == change.entity
                && b.metric == change.metric
        })
        .min_by_key(|b| b.start.abs_diff(change.start))
}

/// Two metrics agree when equal or when either is unknown.
fn agrees(a: &Option<String>, b: &Option<String>) -> bool {
    a.is_none() || b.is_none() || a == b
}

fn year_back(p: Period) -> Option<Period> {
    shift(p, 12)
}

fn quarter_back(p: Period) -> Option<Period> {
    shift(p, 3)
}

fn shift(p: Period, months: u32) -> Option<Period> {
    let back = |d: chrono::NaiveDate| d.checked_sub_months(chrono::Months::new(months));
    let end = back(p.end)?;
    // Keep month ends (February).
    let end = match p.end.succ_opt().map(|n| chrono::Datelike::day(&n)) {
        Some(1) => last_of_month(end)?,
        _ => end,
    };
    Some(Period {
        start: back(p.start)?,
        end,
    })
}

fn last_of_month(d: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let next = if d.month() == 12 {
        chrono::NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    }?;
    next.pred_opt()
}

fn check(input: &Input, change: &Fact, base: &Fact, level: &Fact) -> Option<Finding> {
    let cfg = &input.rules.checks.intervals;
    let (b, l, c) = (
        interval::of(base, cfg),
        interval::of(level, cfg),
        interval::of(change, cfg),
    );
    let tol = input.setting.tolerance;
    let (computed, stated, what) = if change.unit == "%" {
        // Growth of a loss or across a sign change is not a percentage of anything.
        if base.value.is_sign_negative() != level.value.is_sign_negative() {
            return None;
        }
        let ratio = quotient(magnitude(&l)?, magnitude(&b)?)?;
        let sign = if base.value.is_sign_negative() {
            -1.0
        } else {
            1.0
        };
        let growth = |x: f64| sign * (x - 1.0) * 100.0;
        let (g0, g1) = (growth(ratio.0), growth(ratio.1));
        let computed = (g0.min(g1), g0.max(g1));
        (computed, bounds(&c), "%")
    } else if change.unit == "pp" && base.unit == "%" {
        let (b, l) = (bounds(&b), bounds(&l));
        ((l.0 - b.1, l.1 - b.0), bounds(&c), " pp")
    } else if change.unit == base.unit && change.kind == base.kind {
        let (b, l) = (bounds(&b), bounds(&l));
        ((l.0 - b.1, l.1 - b.0), bounds(&c), "")
    } else {
        return None;
    };
    let slack = match what {
        "%" => tol * 100.0,
        " pp" => tol * 100.0,
        _ => tol * level.value.abs().try_into().unwrap_or(0.0),
    };
    if meet(computed, stated, slack) {
        return None;
    }
    let message = match what {
        "%" => format!(
            "{} {} {}: {} against {} {} is {}%, but the text says {}",
            key::entity_name(level),
            level.metric.as_deref().unwrap_or("-"),
            level.period.map_or("-".into(), |p| p.label()),
            level.text,
            base.text,
            base.period
                .map_or("before".into(), |p| format!("in {}", p.label())),
            show_range(computed, 1),
            stated_as(change),
        ),
        _ => format!(
            "{} {} {}: {} minus {} is {}{what}, but the text says {}",
            key::entity_name(level),
            level.metric.as_deref().unwrap_or("-"),
            level.period.map_or("-".into(), |p| p.label()),
            level.text,
            base.text,
            match what {
                " pp" => show_range(computed, 2),
                _ => format!(
                    "{} to {}",
                    crate::report::rough(computed.0),
                    crate::report::rough(computed.1)
                ),
            },
            stated_as(change),
        ),
    };
    Some(input.finding(CHECK.id, message, &[change, base, level]))
}

/// "12% (-12%)": the text and the signed value read from it.
fn stated_as(f: &Fact) -> String {
    let value = crate::report::number(f.value);
    let signed = if f.value.is_sign_negative() {
        value
    } else {
        format!("+{value}")
    };
    let unit = if f.unit == "%" || f.unit == "pp" {
        f.unit.as_str()
    } else {
        ""
    };
    format!("{} ({signed}{unit})", f.text)
}
