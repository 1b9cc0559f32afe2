//! # magnitude-slip (default severity: error)
//!
//! The same figure given twice with values about 10^4 or 10^8 apart: a
//! 万 or 亿 went missing, or a 万亿 was written as 亿 (in English, a million
//! written for a billion: 10^3).
//!
//! ## What it compares
//! Facts with one identity key, as `conflicting-figure` defines it (entity,
//! metric, segment, period, qualifier, unit class, basis), within one
//! article or across articles, that are independent statements (not the
//! same sentence, not a bracketed restatement, not marked as superseded).
//!
//! ## The arithmetic
//! For each pair, the smaller figure is multiplied by 10^4, 10^8 and 10^12
//! (and by 10^3, 10^6 and 10^9 when either figure is written in English);
//! when one product's interval meets the larger figure's interval (each
//! figure's interval is its written precision widened by 约/多/超过, as in
//! `conflicting-figure`) within `tolerance`, the pair is a slip of that
//! factor. The message names the multiplier the smaller figure most likely
//! lost, from what the larger one was written with.
//!
//! ## Example that fires
//! ```text
//! 去年英伟达中国区营收171.08亿美元 ... 去年中国区收入为170多美元
//! ```
//! 170多 is [170, 180]; × 10^8 it is [170亿, 180亿], which holds 171.08亿:
//! "1.0e8× apart, likely a missing 亿".
//!
//! ## Example that does not
//! ```text
//! 公司去年营收300亿元 ... 去年每股派发现金红利3元
//! ```
//! Revenue and dividend are different metrics: no shared key.
//!
//! ## Configure
//! ```toml
//! [checks.magnitude-slip]
//! enabled = true
//! severity = "error"
//! tolerance = 0.05      # relative slack when matching the scaled figure
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::claims::{self, Claim};
use super::interval::{self, Interval};
use super::key::{self, Key};
use super::{Check, Finding, Input, Scope};
use crate::fact::Fact;
use crate::rules::{Intervals, SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "magnitude-slip",
    severity: Severity::Error,
    summary: "the same figure given twice about 10^4 or 10^8 apart: a missing 万 or 亿",
    explain: include_str!(concat!(env!("OUT_DIR"), "/magnitude_slip.md")),
    settings: SettingDefaults {
        tolerance: Some(0.05),
        max_ratio: None,
        window_days: None,
    },
    scope: Scope::Entity,
    run,
};

/// Factors a multiplier word stands for, with the word.
const CHINESE: [(u32, &str); 3] = [(4, "万"), (8, "亿"), (12, "万亿")];
const ENGLISH: [(u32, &str); 3] = [(3, "thousand"), (6, "million"), (9, "billion")];

fn run(input: &Input) -> Vec<Finding> {
    let rules = input.rules;
    let cfg = &rules.checks.intervals;
    let mut groups: BTreeMap<Key, Vec<&Fact>> = BTreeMap::new();
    for f in input.facts {
        if let Some(k) = key::of(f, rules) {
            groups.entry(k).or_default().push(f);
        }
    }
    let mut findings = Vec::new();
    for (key, group) in groups {
        // Claims, not facts: a figure quoted by many articles is compared once.
        let claims = claims::collapse(&group);
        // One finding per slipped claim, with every claim it slipped from.
        let mut by_small: BTreeMap<usize, (Vec<usize>, u32, &str)> = BTreeMap::new();
        for (i, a) in claims.iter().enumerate() {
            for (j, b) in claims.iter().enumerate().skip(i + 1) {
                let Some((exp, word)) = factor(a.first(), b.first(), cfg, input.setting.tolerance)
                else {
                    continue;
                };
                if !claims::comparable(a, b) {
                    continue;
                }
                let (small, large) = if a.first().value.abs() < b.first().value.abs() {
                    (i, j)
                } else {
                    (j, i)
                };
                by_small
                    .entry(small)
                    .or_insert((Vec::new(), exp, word))
                    .0
                    .push(large);
            }
        }
        for (small, (large, exp, word)) in by_small {
            let large: Vec<&Claim> = large.iter().map(|&j| &claims[j]).collect();
            findings.push(finding(input, &key, &claims[small], &large, exp, word));
        }
    }
    findings
}

/// When `a` and `b` are one figure about 10^k apart, k and the multiplier
/// word most likely missing from the smaller.
pub fn factor(a: &Fact, b: &Fact, cfg: &Intervals, tolerance: f64) -> Option<(u32, &'static str)> {
    let (small, large) = if a.value.abs() < b.value.abs() {
        (a, b)
    } else {
        (b, a)
    };
    if small.value.is_zero() || small.value.is_sign_negative() != large.value.is_sign_negative() {
        return None;
    }
    // Only amounts and counts carry 万 and 亿; an open bound (超过21亿, 不低于
    // 4000万) meets anything above it, so it says nothing about a slip.
    let amount = |f: &Fact| matches!(f.kind, crate::fact::Kind::Money | crate::fact::Kind::Count);
    let bounded = |i: &Interval| i.low.is_some() && i.high.is_some();
    if !amount(small) || !amount(large) {
        return None;
    }
    let english = a.text.is_ascii() || b.text.is_ascii();
    let candidates = CHINESE.iter().chain(ENGLISH.iter().filter(|_| english));
    let (si, li) = (interval::of(small, cfg), interval::of(large, cfg));
    if !bounded(&si) || !bounded(&li) {
        return None;
    }
    candidates
        .filter(|(exp, _)| meets(&scaled(&si, *exp), &li, large.value.abs(), tolerance))
        .map(|&(exp, word)| (exp, missing_word(small, large, exp, word)))
        .next()
}

fn scaled(i: &Interval, exp: u32) -> Interval {
    let f = Decimal::from(10u64.pow(exp));
    Interval {
        low: i.low.and_then(|l| l.checked_mul(f)),
        high: i.high.and_then(|h| h.checked_mul(f)),
    }
}

fn meets(x: &Interval, y: &Interval, scale: Decimal, tolerance: f64) -> bool {
    let slack = scale * Decimal::try_from(tolerance).unwrap_or_default();
    x.gap(y) <= slack
}

/// 171.08亿美元 vs 170多美元: the larger is written with 亿 and the smaller
/// without, so 亿 is what went missing; otherwise the factor's own word.
fn missing_word(small: &Fact, large: &Fact, exp: u32, word: &'static str) -> &'static str {
    let has = |f: &Fact, w: &str| f.text.contains(w);
    for (e, w) in CHINESE.iter().chain(ENGLISH.iter()).rev() {
        if *e == exp && has(large, w) && !has(small, w) {
            return w;
        }
    }
    word
}

fn finding(
    input: &Input,
    key: &Key,
    small: &Claim,
    large: &[&Claim],
    exp: u32,
    word: &str,
) -> Finding {
    let others: Vec<String> = large
        .iter()
        .map(|c| claims::label(c, &c.first().text))
        .collect();
    let members: Vec<&Fact> = std::iter::once(small)
        .chain(large.iter().copied())
        .flat_map(|c| c.facts.iter().copied())
        .collect();
    let text = &small.first().text;
    input.finding(
        CHECK.id,
        format!(
            "{} {} {} ({}): {} vs {}: 1.0e{exp}× apart, likely a missing {word} ({text} × 10^{exp} would be {})",
            key::entity_name(small.first()),
            key.metric,
            key.period.label(),
            key.qualifier,
            others.join(", "),
            claims::label(small, text),
            crate::report::amount(small.first().value * Decimal::from(10u64.pow(exp))),
        ),
        &members,
    )
}
