//! # share-sum (default severity: error)
//!
//! Shares of one whole that add up to more than 100%, or a share and its
//! complement that do not add up to 100%.
//!
//! ## What it compares
//! Shares (metrics whose id ends in `_share`: revenue_share, market_share)
//! of one entity, metric and period in one article:
//! - a segment and its complement (rules/words.toml: us and outside_us,
//!   domestic and overseas, china and outside_china) must add up to 100%;
//! - the shares listed in one sentence for parts it does not name as
//!   segments (三大业务分别占收入的50%、40%和25%) must not exceed 100%;
//! - the shares of named segments that do not contain one another (china,
//!   us, europe; not overseas and europe, which is part of it) must not
//!   exceed 100%.
//!
//! Shares of different wholes (revenue vs profit vs market) have different
//! metrics and are never added; nor are shares of different periods.
//!
//! ## The arithmetic
//! Each share stands for its interval (58% is 57.5-58.5%; 约三成 25.5-34.5%),
//! and the sum of the intervals must reach (for complements: meet) 100%
//! within `tolerance` (a fraction of the whole: 0.005 is half a point).
//!
//! ## Example that fires
//! ```text
//! 海外收入占比58%,国内收入占比49%
//! ```
//! 57.5% + 48.5% = 106% at least: more than the whole.
//!
//! ## Example that does not
//! ```text
//! 53% of revenue came from outside the US, while the US made up 47%
//! ```
//! 53% + 47% = 100%.
//!
//! ## Configure
//! ```toml
//! [checks.share-sum]
//! enabled = true
//! severity = "error"
//! tolerance = 0.005
//! ```

use std::collections::BTreeMap;

use super::interval::{self, bounds};
use super::key;
use super::{Check, Finding, Input, Scope};
use crate::fact::{Fact, Period, Qualifier};
use crate::rules::{Segment, SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "share-sum",
    severity: Severity::Error,
    summary: "shares of one whole that exceed 100%, or complements that do not add up",
    explain: include_str!(concat!(env!("OUT_DIR"), "/share_sum.md")),
    settings: SettingDefaults {
        tolerance: Some(0.005),
        max_ratio: None,
        window_days: None,
    },
    scope: Scope::Article,
    run,
};

type GroupKey<'f> = (&'f str, &'f str, &'f str, Period);

fn run(input: &Input) -> Vec<Finding> {
    let mut groups: BTreeMap<GroupKey, Vec<&Fact>> = BTreeMap::new();
    // 合计占比达77%: a subtotal of the shares listed, not one more share.
    for f in input.facts.iter().filter(|f| is_share(f) && !f.total) {
        let (Some(e), Some(m), Some(p)) = (&f.entity, &f.metric, f.period) else {
            continue;
        };
        // Shares over several years are not parts of one whole.
        if (p.end - p.start).num_days() > 370 {
            continue;
        }
        groups
            .entry((f.path.as_str(), e.id.as_str(), m.as_str(), p))
            .or_default()
            .push(f);
    }
    let segments = &input.rules.words.segment;
    let slack = input.setting.tolerance * 100.0;
    let mut findings = Vec::new();
    for group in groups.values() {
        findings.extend(complements(input, group, segments, slack));
        // Market shares listed together are usually of several markets.
        if group
            .first()
            .is_some_and(|f| f.metric.as_deref() != Some("market_share"))
        {
            findings.extend(listed(input, group, slack));
        }
        findings.extend(named(input, group, segments, slack));
    }
    findings
}

fn is_share(f: &Fact) -> bool {
    f.unit == "%"
        && f.qualifier == Qualifier::Actual
        && f.converts.is_none()
        && !f.revised
        && f.metric.as_deref().is_some_and(|m| m.ends_with("_share"))
}

fn segment<'s>(segments: &'s [Segment], id: &str) -> Option<&'s Segment> {
    segments.iter().find(|s| s.id == id)
}

/// us and outside_us: together they are the whole.
fn complements(input: &Input, group: &[&Fact], segments: &[Segment], slack: f64) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, a) in group.iter().enumerate() {
        let Some(comp) = a
            .segment
            .as_deref()
            .and_then(|s| segment(segments, s))
            .and_then(|s| s.complement.as_deref())
        else {
            continue;
        };
        for b in group[i + 1..]
            .iter()
            .filter(|b| b.segment.as_deref() == Some(comp))
        {
            let sum = add(&[a, b], input);
            if sum.0 > 100.0 + slack || sum.1 < 100.0 - slack {
                out.push(finding(input, &[a, b], sum, "should add up to 100%"));
            }
        }
    }
    out
}

/// 三大业务分别占收入的50%、40%和25%: parts listed in one sentence.
fn listed(input: &Input, group: &[&Fact], slack: f64) -> Vec<Finding> {
    let mut by_sentence: BTreeMap<usize, Vec<&Fact>> = BTreeMap::new();
    // Parts the text names only by the words before them ("part:…").
    let unnamed = |f: &&&Fact| f.segment.as_deref().is_none_or(|s| s.starts_with("part:"));
    for f in group.iter().filter(unnamed) {
        by_sentence.entry(f.sentence).or_default().push(f);
    }
    by_sentence
        .into_values()
        .filter(|parts| parts.len() >= 2)
        .filter_map(|parts| {
            let sum = add(&parts, input);
            (sum.0 > 100.0 + slack).then(|| finding(input, &parts, sum, "exceed 100%"))
        })
        .collect()
}

/// china, us and europe: named segments none of which contains another.
fn named(input: &Input, group: &[&Fact], segments: &[Segment], slack: f64) -> Vec<Finding> {
    let present: Vec<&str> = group.iter().filter_map(|f| f.segment.as_deref()).collect();
    let mut parts: Vec<&Fact> = Vec::new();
    for f in group {
        let Some(id) = f.segment.as_deref() else {
            continue;
        };
        let Some(seg) = segment(segments, id) else {
            continue;
        };
        let nested = seg.within.iter().any(|w| present.contains(&w.as_str()));
        let paired = seg
            .complement
            .as_deref()
            .is_some_and(|c| present.contains(&c));
        let seen = parts.iter().any(|p| p.segment.as_deref() == Some(id));
        if !nested && !paired && !seen {
            parts.push(f);
        }
    }
    if parts.len() < 2 {
        return Vec::new();
    }
    let sum = add(&parts, input);
    if sum.0 > 100.0 + slack {
        vec![finding(input, &parts, sum, "exceed 100%")]
    } else {
        Vec::new()
    }
}

fn add(parts: &[&Fact], input: &Input) -> (f64, f64) {
    let cfg = &input.rules.checks.intervals;
    parts.iter().fold((0.0, 0.0), |(lo, hi), f| {
        let (l, h) = bounds(&interval::of(f, cfg));
        (lo + l, hi + h)
    })
}

fn finding(input: &Input, parts: &[&Fact], sum: (f64, f64), what: &str) -> Finding {
    let first = parts[0];
    let shown: Vec<String> = parts
        .iter()
        .map(|f| match &f.segment {
            Some(s) if !s.starts_with("part:") => format!("{} ({s})", f.text),
            _ => f.text.clone(),
        })
        .collect();
    input.finding(
        CHECK.id,
        format!(
            "{} {} {}: {} add up to {}%, which {what}",
            key::entity_name(first),
            first.metric.as_deref().unwrap_or("-"),
            first.period.map_or("-".into(), |p| p.label()),
            shown.join(" + "),
            interval::show_range(sum, 1),
        ),
        parts,
    )
}
