//! # conversion-mismatch (default severity: warning)
//!
//! A figure restated in another currency ("55亿美元(约合人民币400亿元)",
//! "US$1.2bn (HK$9.4bn)") at a rate far from the one of the time.
//!
//! ## What it compares
//! Each figure that restates the figure right before it in another currency
//! (in brackets or apposition, as extraction marks it) against that figure,
//! at the reference rates in `rules/fx.toml` (monthly averages, yuan per unit
//! of USD, HKD, EUR, GBP, JPY and TWD since 2013; two non-yuan currencies go
//! through the yuan) of the article's month and, when the text dates the
//! figure to a day or a month (2019年8月15日…合同额8058万美元,折合人民币5.67亿元),
//! of that month: the conversion must fit one of them. Articles with no
//! publication date are not checked, since the month of their conversions
//! is unknown.
//!
//! ## The arithmetic
//! The implied rate is the restated amount over the original. Both are
//! intervals (their written precision, widened by 约/about; 超/over are lower
//! bounds), so the implied rate is an interval too. It must meet the
//! reference rate ± `tolerance` (default 4%, wider than the table's own
//! error and than the gap between the central parity and market rates).
//!
//! ## Example that fires
//! ```text
//! (2025-04) 公司将投资10亿美元(约合人民币64亿元)
//! ```
//! 64亿 / 10亿 = 6.40 against 7.20 in 2025-04: 11% off.
//!
//! ## Example that does not
//! ```text
//! (2025-04) 损失约55亿美元(约合人民币400亿元)
//! ```
//! 55亿美元 × 7.20 = 396亿元; 约400亿 is 380-420亿: the implied rate 7.27 is
//! 1% off.
//!
//! ## Configure
//! ```toml
//! [checks.conversion-mismatch]
//! enabled = true
//! severity = "warning"
//! tolerance = 0.04      # how far the implied rate may be from the reference
//! ```
//! The reference rates themselves are in rules/fx.toml.

use std::collections::HashMap;

use chrono::Datelike;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::interval::{self, Interval};
use super::{Check, Finding, Input, Scope};
use crate::article::DateSource;
use crate::fact::{Fact, Kind};
use crate::rules::{SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "conversion-mismatch",
    severity: Severity::Warning,
    summary: "a currency conversion in the text far from the reference rate of its month",
    explain: include_str!(concat!(env!("OUT_DIR"), "/conversion_mismatch.md")),
    settings: SettingDefaults {
        tolerance: Some(0.04),
        max_ratio: None,
        window_days: None,
    },
    scope: Scope::Article,
    run,
};

fn run(input: &Input) -> Vec<Finding> {
    let by_id = input.by_id;
    // Only articles that say when they were written: for an undated one the
    // month of the conversion is a guess.
    let dates: HashMap<&str, chrono::NaiveDate> = input
        .articles
        .iter()
        .filter(|a| matches!(a.date_source, DateSource::FrontMatter | DateSource::Header))
        .filter_map(|a| Some((a.path.as_str(), a.reference?)))
        .collect();
    let cfg = &input.rules.checks.intervals;
    let mut findings = Vec::new();
    for to in input.facts {
        let Some(from) = to.converts.as_deref().and_then(|id| by_id.get(id)) else {
            continue;
        };
        if from.kind != Kind::Money || to.kind != Kind::Money || from.unit == to.unit {
            continue;
        }
        // The conversion may have been made when the article was written or,
        // when the text dates the figure to a day or a month (2019年8月15日…
        // 合同额8058万美元,折合人民币5.67亿元), at that time: it is wrong only if
        // it fits neither.
        let written = dates.get(to.path.as_str()).copied();
        let dated = from
            .period
            .filter(|p| (p.end - p.start).num_days() <= 31 && written.is_none_or(|w| p.end <= w))
            .map(|p| p.end);
        let implied = implied_rate(&interval::of(from, cfg), &interval::of(to, cfg));
        let tol = input.setting.tolerance;
        let fits = |day: chrono::NaiveDate| {
            input
                .rules
                .fx
                .rate(&from.unit, &to.unit, day)
                .map(|reference| {
                    let (low, high) = (reference * (1.0 - tol), reference * (1.0 + tol));
                    (implied.0 <= high && implied.1 >= low, reference)
                })
        };
        let Some(day) = written else {
            continue;
        };
        let Some((fits_written, reference)) = fits(day) else {
            continue;
        };
        let fits_dated = dated.and_then(fits).is_some_and(|(ok, _)| ok);
        if !fits_written && !fits_dated {
            findings.push(finding(input, from, to, day, reference, implied));
        }
    }
    findings
}

/// The interval of `to / from` rates, on magnitudes.
fn implied_rate(from: &Interval, to: &Interval) -> (f64, f64) {
    let f = |d: Option<Decimal>| d.and_then(|d| d.abs().to_f64());
    let (fl, fh) = (f(from.low), f(from.high));
    let (tl, th) = (f(to.low), f(to.high));
    // A figure negative on both ends has its magnitudes swapped.
    let (fl, fh) = order(fl, fh);
    let (tl, th) = order(tl, th);
    let low = match (tl, fh) {
        (Some(t), Some(f)) if f > 0.0 => t / f,
        _ => 0.0,
    };
    let high = match (th, fl) {
        (Some(t), Some(f)) if f > 0.0 => t / f,
        _ => f64::INFINITY,
    };
    (low, high)
}

fn order(a: Option<f64>, b: Option<f64>) -> (Option<f64>, Option<f64>) {
    match (a, b) {
        (Some(x), Some(y)) if x > y => (Some(y), Some(x)),
        other => other,
    }
}

fn finding(
    input: &Input,
    from: &Fact,
    to: &Fact,
    day: chrono::NaiveDate,
    reference: f64,
    implied: (f64, f64),
) -> Finding {
    let written = to.value.abs().to_f64().unwrap_or(0.0) / from.value.abs().to_f64().unwrap_or(1.0);
    let expected = from.value.abs().to_f64().unwrap_or(0.0) * reference;
    let off = (written / reference - 1.0) * 100.0;
    let range = if implied.1.is_finite() {
        format!("{:.3}-{:.3}", implied.0, implied.1)
    } else {
        format!("at least {:.3}", implied.0)
    };
    input.finding(
        CHECK.id,
        format!(
            "{} × {reference:.4} ({}-{:02} reference, {} per {}) = {} {}, but the text gives {}: an implied rate of {written:.4} ({range} allowing for how the figures are written), {off:+.1}% off",
            from.text,
            day.year(),
            day.month(),
            to.unit,
            from.unit,
            crate::report::amount(Decimal::try_from(expected).unwrap_or_default()),
            to.unit,
            to.text,
        ),
        &[from, to],
    )
}
