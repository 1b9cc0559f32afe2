//! Identical claims: one figure quoted by many articles.
//!
//! News archives repeat themselves: a wire story syndicated to a hundred
//! outlets, a market cap quoted in every follow-up. Facts of one key that
//! say the same thing the same way (value, how it was written, bounds, when
//! it was stated, whether it was revised) are one *claim* with several
//! sources. Checks compare claims, not facts, so a figure quoted N times
//! costs one comparison instead of N², and a finding lists each claim once
//! with its count of sources instead of N copies of one line.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::Hash;

use rust_decimal::Decimal;

use super::key;
use crate::fact::{Approx, Fact, Kind, Period};

/// Facts that claim the same thing; the first is the earliest in the input.
#[derive(Debug, Clone)]
pub struct Claim<'f> {
    pub facts: Vec<&'f Fact>,
}

impl<'f> Claim<'f> {
    /// The fact that stands for the claim in arithmetic and messages.
    pub fn first(&self) -> &'f Fact {
        self.facts[0]
    }
}

/// What makes two facts of one key the same claim.
#[derive(PartialEq, Eq, Hash)]
struct Said<'f> {
    text: &'f str,
    kind: Kind,
    unit: &'f str,
    value: Decimal,
    low: Option<Decimal>,
    high: Option<Decimal>,
    approx: Approx,
    precision: Decimal,
    rounded: bool,
    as_of: Option<Period>,
    revised: bool,
}

fn said(f: &Fact) -> Said<'_> {
    Said {
        text: &f.text,
        kind: f.kind,
        unit: &f.unit,
        value: f.value,
        low: f.low,
        high: f.high,
        approx: f.approx,
        precision: f.precision,
        rounded: f.rounded,
        as_of: f.as_of,
        revised: f.revised,
    }
}

/// The claims among `facts` (one key's facts), in order of first source.
pub fn collapse<'f>(facts: &[&'f Fact]) -> Vec<Claim<'f>> {
    let single = facts.iter().map(|f| Claim { facts: vec![*f] }).collect();
    merge_by(
        single,
        |c| said(c.first()),
        |c, other| c.facts.extend(other.facts),
    )
}

/// Items with equal `key` folded (`merge`) into the first of them, in input
/// order: how claims, and the checks' own identical levels or birth
/// windows, are made one.
pub fn merge_by<T, K: Hash + Eq>(
    items: Vec<T>,
    key: impl Fn(&T) -> K,
    mut merge: impl FnMut(&mut T, T),
) -> Vec<T> {
    let mut index: HashMap<K, usize> = HashMap::with_capacity(items.len());
    let mut merged: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        match index.entry(key(&item)) {
            Entry::Occupied(i) => merge(&mut merged[*i.get()], item),
            Entry::Vacant(slot) => {
                slot.insert(merged.len());
                merged.push(item);
            }
        }
    }
    merged
}

/// Whether some source of `a` and some source of `b` are independent
/// statements (`key::comparable`). What is left to decide per pair (a
/// restatement, one sentence) happens only within one article, so the
/// search ends at the first source of `b` in another article.
pub fn comparable(a: &Claim, b: &Claim) -> bool {
    // Revision marks and as-of dates are part of a claim: decided once.
    let (x, y) = (a.first(), b.first());
    if x.revised || y.revised || !key::same_time(x, y) {
        return false;
    }
    a.facts
        .iter()
        .any(|x| b.facts.iter().any(|y| key::comparable(x, y)))
}

/// "12.4亿元" or "12.4亿元 (×40)": a claim as a message shows it.
pub fn label(c: &Claim, shown: &str) -> String {
    match c.facts.len() {
        1 => shown.to_string(),
        n => format!("{shown} (×{n})"),
    }
}
