//! How sure a finding is, from how its facts were attributed.
//!
//! A finding is only as sure as the weakest fact it stands on. A fact is
//! sure (high) when the words that name its company, its metric and its
//! period stand in its own sentence; medium when one of them was carried
//! from its paragraph, the headline or earlier in the article; low when its
//! metric was only taken from another figure or is unknown.
//!
//! Within one article a writer rarely contradicts themselves by 10% or
//! more, so two figures of one article that disagree are far more often
//! about two things the extraction could not tell apart (a segment and the
//! group, a quarter and the year). Such a conflict is high only when both
//! figures name their company, metric and period in their own clause or
//! sentence; otherwise it is low.
//!
//! Checks whose figures the text itself ties together (a growth rate and
//! its base, a conversion in brackets, a total and its items) do not depend
//! on attribution and are high.
//!
//! Findings below `--min-confidence` (default: high) are reported as info,
//! with the reason, instead of their check's severity.

use serde::{Deserialize, Serialize};

use crate::fact::{Basis, Fact, Qualifier, Source};
use crate::rules::Rules;

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    #[default]
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl std::str::FromStr for Confidence {
    type Err = String;
    fn from_str(s: &str) -> Result<Confidence, String> {
        match s {
            "low" => Ok(Confidence::Low),
            "medium" => Ok(Confidence::Medium),
            "high" => Ok(Confidence::High),
            _ => Err(format!("{s:?}: expected high, medium or low")),
        }
    }
}

/// Checks that compare figures across sentences by their attributes.
const BY_ATTRIBUTES: [&str; 3] = ["conflicting-figure", "magnitude-slip", "implied-level"];

/// The confidence of a finding of `rule` over `facts`, and why it is not high.
pub fn of(rule: &str, facts: &[&Fact], rules: &Rules) -> (Confidence, Option<String>) {
    if !BY_ATTRIBUTES.contains(&rule) || facts.is_empty() {
        return (Confidence::High, None);
    }
    // Estimates are made by different analysts, and differ without error.
    if rule == "conflicting-figure" && facts.iter().any(|f| f.qualifier == Qualifier::Estimate) {
        let why = "estimates by different analysts or polls differ without any error";
        return (Confidence::Low, Some(why.to_string()));
    }
    let one_article = facts.iter().all(|f| f.path == facts[0].path);
    let weakest = facts
        .iter()
        .map(|f| {
            // implied-level places a move within its window of days itself;
            // the move's own period only has to be near.
            let dated = !(rule == "implied-level" && f.qualifier == Qualifier::Change);
            (fact(f, one_article, dated, rules), f)
        })
        .min_by_key(|((c, _), _)| *c);
    match weakest {
        Some(((c, Some(why)), f)) if c < Confidence::High => {
            (c, Some(format!("{}: {why}", f.text)))
        }
        _ => (Confidence::High, None),
    }
}

/// One fact's confidence, and what lowers it.
fn fact(f: &Fact, one_article: bool, dated: bool, rules: &Rules) -> (Confidence, Option<String>) {
    let e = &f.evidence;
    let mut attrs = vec![("entity", &e.entity), ("metric", &e.metric)];
    if dated {
        attrs.push(("period", &e.period));
    }
    if one_article {
        let explicit = |name: &str, b: &Basis| match name {
            "entity" => matches!(b.from, Source::Clause | Source::Sentence | Source::Pronoun),
            "metric" => b.from == Source::Clause,
            _ => matches!(b.from, Source::Clause | Source::Sentence),
        };
        return match attrs.iter().find(|(n, b)| !explicit(n, b)) {
            None => (Confidence::High, None),
            Some((n, b)) => (
                Confidence::Low,
                Some(format!(
                    "a conflict within one article needs each figure's {n} in its own clause; this one's is {}",
                    described(b)
                )),
            ),
        };
    }
    // A share price or market cap with no date of its own is the article
    // day's quote.
    let quote = f.qualifier == Qualifier::Actual
        && f.metric
            .as_deref()
            .and_then(|m| rules.metric(m))
            .is_some_and(|m| m.daily);
    let level = |name: &str, b: &Basis| match b.from {
        Source::Clause | Source::Sentence | Source::Pronoun => Confidence::High,
        Source::Article if name == "period" && quote => Confidence::High,
        // A reporting period written once at the top ("the quarter ended
        // September 27") dates the whole release; the bare publication date does not.
        Source::Article if name == "period" && b.text.is_some() => Confidence::High,
        Source::Paragraph | Source::Headline if name != "metric" => Confidence::High,
        Source::Paragraph | Source::Headline | Source::Article => Confidence::Medium,
        Source::Inherited | Source::None => Confidence::Low,
    };
    attrs
        .iter()
        .map(|(n, b)| (level(n, b), n, b))
        .min_by_key(|(c, _, _)| *c)
        .map_or((Confidence::High, None), |(c, n, b)| {
            let why = (c < Confidence::High).then(|| format!("its {n} is {}", described(b)));
            (c, why)
        })
}

fn described(b: &Basis) -> String {
    let place = match b.from {
        Source::Clause => "named in its clause",
        Source::Sentence => "named in its sentence",
        Source::Pronoun => "a pronoun",
        Source::Paragraph => "carried from earlier in its paragraph",
        Source::Headline => "taken from the headline",
        Source::Article => "carried from earlier in the article",
        Source::Inherited => "taken from another figure",
        Source::None => "unknown",
    };
    match &b.text {
        Some(t) => format!("{place} ({t})"),
        None => place.to_string(),
    }
}
