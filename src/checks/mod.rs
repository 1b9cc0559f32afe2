//! Checks: rules that compare facts within and across articles.
//!
//! Each check lives in one module whose `//!` doc comment is its
//! `factcheck --explain` text. To add one: write the module, give it an id,
//! a default severity, a one-line summary and the settings it takes, and
//! list it in `CHECKS`.
//!
//! A check never compares all pairs of facts: it groups them by a key (an
//! entity and a metric, a person, a sentence) and compares within groups,
//! and within a group it compares claims (`claims`: one figure quoted by N
//! articles is one claim), so repeated content costs nothing extra.

mod age_consistency;
pub mod claims;
pub mod confidence;
mod conflicting_figure;
mod conversion_mismatch;
pub mod fingerprint;
mod growth_mismatch;
mod implied_level;
pub mod interval;
pub mod key;
mod magnitude_slip;
mod ratio_mismatch;
mod share_sum;
mod total_vs_parts;
mod undated_article;
pub mod unused_suppression;

use std::collections::HashMap;

use serde::Serialize;

use crate::article::ArticleSummary;
use crate::fact::Fact;
use crate::rules::{CheckSetting, Rules, SettingDefaults, Severity};
pub use confidence::Confidence;

/// One problem found by a check.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong, with the arithmetic a reader needs to judge it.
    pub message: String,
    /// Ids of the facts involved, in text order.
    pub facts: Vec<String>,
    /// Where a finding that involves no fact points (an undated article, an
    /// unused suppression); findings with facts point at their first fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Location>,
    /// Identifies the finding across runs and unrelated edits (see
    /// `fingerprint`): baselines and SARIF use it.
    pub fingerprint: String,
    /// How sure the finding is, from how its facts were attributed (see
    /// `confidence`).
    pub confidence: Confidence,
    /// Why it is not high: the weakest fact and the attribute that lowers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence_why: Option<String>,
    /// Set when the finding was reported as info because its confidence is
    /// below `--min-confidence`: the severity its check gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demoted_from: Option<Severity>,
    /// The facts it was judged from (see `Owner`); not in reports.
    #[serde(skip)]
    pub owner: Owner,
}

/// Which facts a finding was judged from: one article's, or one entity's
/// across the archive. A re-run after a few files changed judges again only
/// the owners those files touch, and keeps every other finding (`rerun`).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub enum Owner {
    /// Made after the checks (an unused suppression): never kept.
    #[default]
    Run,
    Article(String),
    Entity(String),
}

/// What a check's findings depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The facts of one article: a finding is owned by its article.
    Article,
    /// The facts of one entity in every article, and facts of the same
    /// articles they point at (an age compared with another person's): a
    /// finding is owned by the entity of the first fact the check gives it.
    Entity,
}

/// A finding read back (from the cache): its rule id becomes the check's
/// own `&'static str`, so an id no check has is an error.
impl<'de> serde::Deserialize<'de> for Finding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Finding, D::Error> {
        #[derive(serde::Deserialize)]
        struct Kept {
            rule: String,
            severity: Severity,
            message: String,
            facts: Vec<String>,
            at: Option<Location>,
            fingerprint: String,
            confidence: Confidence,
            confidence_why: Option<String>,
            demoted_from: Option<Severity>,
        }
        let k = Kept::deserialize(d)?;
        let rule = find(&k.rule)
            .map(|c| c.id)
            .ok_or_else(|| serde::de::Error::custom(format!("no check {:?}", k.rule)))?;
        Ok(Finding {
            rule,
            severity: k.severity,
            message: k.message,
            facts: k.facts,
            at: k.at,
            fingerprint: k.fingerprint,
            confidence: k.confidence,
            confidence_why: k.confidence_why,
            demoted_from: k.demoted_from,
            owner: Owner::Run,
        })
    }
}

/// A place in an article file: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub column: usize,
}

/// What a check is given.
pub struct Input<'a> {
    pub facts: &'a [Fact],
    /// The same facts by id, and by article path (in text order).
    pub by_id: &'a HashMap<&'a str, &'a Fact>,
    pub by_path: &'a HashMap<&'a str, Vec<&'a Fact>>,
    pub articles: &'a [ArticleSummary],
    pub rules: &'a Rules,
    pub setting: CheckSetting,
    pub scope: Scope,
}

impl Input<'_> {
    /// A finding of this check at its configured severity.
    /// `facts` start with the one that names the group (for `Scope::Entity`).
    pub fn finding(&self, rule: &'static str, message: String, facts: &[&Fact]) -> Finding {
        let owner = match (self.scope, facts.first()) {
            (_, None) => Owner::Run,
            (
                Scope::Entity,
                Some(Fact {
                    entity: Some(e), ..
                }),
            ) => Owner::Entity(e.id.clone()),
            (_, Some(f)) => Owner::Article(f.path.clone()),
        };
        debug_assert!(
            self.scope == Scope::Entity || facts.iter().all(|f| f.path == facts[0].path),
            "{rule}: an article check's finding spans articles"
        );
        let mut facts = facts.to_vec();
        facts.sort_by(|a, b| (&a.path, a.start).cmp(&(&b.path, b.start)));
        facts.dedup_by(|a, b| a.id == b.id);
        let (confidence, confidence_why) = confidence::of(rule, &facts, self.rules);
        Finding {
            confidence,
            confidence_why,
            demoted_from: None,
            rule,
            severity: self.setting.severity,
            message,
            fingerprint: fingerprint::of_facts(rule, &facts),
            facts: facts.iter().map(|f| f.id.clone()).collect(),
            at: None,
            owner,
        }
    }
}

/// A check's identity and entry point.
pub struct Check {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub explain: &'static str,
    /// The settings it takes in rules/checks.toml, with their defaults.
    pub settings: SettingDefaults,
    pub scope: Scope,
    pub run: fn(&Input) -> Vec<Finding>,
}

/// Every check, in the order findings are reported.
pub const CHECKS: &[Check] = &[
    conflicting_figure::CHECK,
    magnitude_slip::CHECK,
    conversion_mismatch::CHECK,
    growth_mismatch::CHECK,
    ratio_mismatch::CHECK,
    share_sum::CHECK,
    total_vs_parts::CHECK,
    implied_level::CHECK,
    age_consistency::CHECK,
    undated_article::CHECK,
    unused_suppression::CHECK,
];

pub fn ids() -> Vec<&'static str> {
    CHECKS.iter().map(|c| c.id).collect()
}

pub fn find(id: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.id == id)
}

/// Runs every enabled check over all facts. Each check's findings are
/// sorted by owner (stably), so a re-run that judged some owners again can
/// merge them with the kept ones into the order a whole run gives.
/// The facts of sentences `lo..=hi` of an article (its facts are kept by
/// sentence): a search, for checks that look near each of many figures.
pub fn in_sentences<'a, 'f>(article: &'a [&'f Fact], lo: usize, hi: usize) -> &'a [&'f Fact] {
    let from = article.partition_point(|f| f.sentence < lo);
    let to = article.partition_point(|f| f.sentence <= hi).max(from);
    &article[from..to]
}

pub fn run_all(facts: &[Fact], articles: &[ArticleSummary], rules: &Rules) -> Vec<Finding> {
    let by_id = crate::fact::by_id(facts);
    let mut by_path: HashMap<&str, Vec<&Fact>> = HashMap::new();
    for f in facts {
        by_path.entry(f.path.as_str()).or_default().push(f);
    }
    for article in by_path.values_mut() {
        article.sort_by_key(|f| f.sentence);
    }
    let mut findings = Vec::new();
    for check in CHECKS {
        let setting = rules.check(check);
        if setting.enabled {
            let input = Input {
                facts,
                by_id: &by_id,
                by_path: &by_path,
                articles,
                rules,
                setting,
                scope: check.scope,
            };
            let mut found = (check.run)(&input);
            found.sort_by(|a, b| a.owner.cmp(&b.owner));
            findings.extend(found);
        }
    }
    findings
}
