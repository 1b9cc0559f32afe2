//! # age-consistency (default severity: warning)
//!
//! Ages of one person, stated in dated articles, that cannot all be true:
//! each age at a date puts the birth date in a one-year window, and the
//! windows must meet.
//!
//! ## What it compares
//! Every age extraction finds (62岁的黄仁勋, 现年61岁, "the 58-year-old
//! chief executive", "Huang, 62,") for one person, across all articles,
//! dated by the time its sentence names (那一年, 2013年) or else by the
//! article's date. A relative age (那一年雷军只有44岁,比黄仁勋年轻5岁) gives
//! the other person's age at that time (49).
//!
//! ## The arithmetic
//! Age A on a day D means born after D minus A+1 years and on or before D
//! minus A years; an age during a year or other span widens that by the
//! span. The ages conflict when two of these windows do not meet; the
//! finding names the pairs that do not.
//!
//! ## Example that fires
//! ```text
//! (2025-04-19) 62岁的黄仁勋
//! (2025-07-23) 现年61岁的黄仁勋
//! ```
//! 62 on 2025-04-19: born 1962-04-20 to 1963-04-19. 61 on 2025-07-23: born
//! 1963-07-24 to 1964-07-23. No date is in both.
//!
//! ## Example that does not
//! ```text
//! (2013) 那一年雷军只有44岁,比黄仁勋年轻5岁
//! (2025-07-23) 现年61岁的黄仁勋
//! ```
//! 49 during 2013: born 1963-01-02 to 1964-12-31, which holds 1963-07-24 to
//! 1964-07-23.
//!
//! ## Configure
//! ```toml
//! [checks.age-consistency]
//! enabled = true
//! severity = "warning"
//! ```

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use rust_decimal::prelude::ToPrimitive;

use super::key;
use super::{Check, Finding, Input, Scope};
use crate::fact::Fact;
use crate::rules::{SettingDefaults, Severity};

pub const CHECK: Check = Check {
    id: "age-consistency",
    severity: Severity::Warning,
    summary: "ages of one person in dated articles that imply birth dates that cannot meet",
    explain: include_str!(concat!(env!("OUT_DIR"), "/age_consistency.md")),
    settings: SettingDefaults {
        tolerance: None,
        max_ratio: None,
        window_days: None,
    },
    scope: Scope::Entity,
    run,
};

/// A birth-date window and the facts it comes from.
struct Born<'f> {
    first: NaiveDate,
    last: NaiveDate,
    age: u32,
    at: String,
    facts: Vec<&'f Fact>,
}

fn run(input: &Input) -> Vec<Finding> {
    let by_id = input.by_id;
    let mut people: BTreeMap<&str, Vec<Born>> = BTreeMap::new();
    for f in input.facts {
        let Some(person) = f.entity.as_ref().map(|e| e.id.as_str()) else {
            continue;
        };
        let born = match f.metric.as_deref() {
            Some("age") => born(f.value.to_u32(), f.period, vec![f]),
            // 比黄仁勋年轻5岁: the other person's age is the stated one plus the gap.
            Some("age_gap") => f
                .compared_with
                .as_deref()
                .and_then(|id| by_id.get(id))
                .and_then(|stated| {
                    let age = (stated.value + f.value).to_u32();
                    born(age, stated.period, vec![f, stated])
                }),
            _ => None,
        };
        if let Some(b) = born {
            people.entry(person).or_default().push(b);
        }
    }
    people
        .values_mut()
        .filter_map(|windows| {
            merge_identical(windows);
            conflict(input, windows)
        })
        .collect()
}

/// One age stated for one date by several articles is one window, so a
/// profile syndicated widely is compared once (see `claims`).
fn merge_identical(windows: &mut Vec<Born>) {
    *windows = super::claims::merge_by(
        std::mem::take(windows),
        |w| (w.first, w.last, w.age),
        |w, other| w.facts.extend(other.facts),
    );
}

fn born<'f>(
    age: Option<u32>,
    period: Option<crate::fact::Period>,
    facts: Vec<&'f Fact>,
) -> Option<Born<'f>> {
    let (age, p) = (age?, period?);
    let first = p
        .start
        .checked_sub_months(Months::new(12 * (age + 1)))?
        .succ_opt()?;
    let last = p.end.checked_sub_months(Months::new(12 * age))?;
    Some(Born {
        first,
        last,
        age,
        at: p.label(),
        facts,
    })
}

/// The pairs of windows that do not meet, reported together.
fn conflict(input: &Input, windows: &[Born]) -> Option<Finding> {
    let mut pairs: Vec<String> = Vec::new();
    let mut involved = vec![false; windows.len()];
    for (i, a) in windows.iter().enumerate() {
        for (j, b) in windows.iter().enumerate().skip(i + 1) {
            if a.first <= b.last && b.first <= a.last {
                continue;
            }
            pairs.push(format!(
                "{} at {} means born {}..{}, but {} at {} means born {}..{}",
                a.age, a.at, a.first, a.last, b.age, b.at, b.first, b.last
            ));
            involved[i] = true;
            involved[j] = true;
        }
    }
    if pairs.is_empty() {
        return None;
    }
    let chosen = || {
        windows
            .iter()
            .zip(&involved)
            .filter(|(_, x)| **x)
            .map(|(w, _)| w)
    };
    let facts: Vec<&Fact> = chosen().flat_map(|w| w.facts.iter().copied()).collect();
    let texts: Vec<String> = chosen().map(|w| w.facts[0].text.clone()).collect();
    Some(input.finding(
        CHECK.id,
        format!(
            "{}'s ages do not fit one birth date ({}): {}",
            key::entity_name(facts[0]),
            texts.join(", "),
            pairs.join("; ")
        ),
        &facts,
    ))
}
