//! Scoring extraction against hand-made gold annotations.
//!
//! A gold fact is found again when an extracted fact in the same file
//! overlaps its text; it is right for value+unit when both agree exactly.
//! Entity, metric, period and qualifier accuracy are measured over the facts
//! right for value+unit.

use std::collections::HashSet;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::fact::{Fact, Period, Qualifier};
use crate::run::Outcome;

#[derive(Debug, Deserialize)]
pub struct Gold {
    pub articles: Vec<GoldArticle>,
    #[serde(default)]
    pub findings: Vec<GoldFinding>,
}

#[derive(Debug, Deserialize)]
pub struct GoldArticle {
    pub path: String,
    pub facts: Vec<GoldFact>,
}

#[derive(Debug, Deserialize)]
pub struct GoldFact {
    pub line: usize,
    pub text: String,
    pub nth: Option<usize>,
    pub value: Decimal,
    pub unit: String,
    pub entity: Option<String>,
    pub metric: Option<String>,
    pub period: Option<Period>,
    pub qualifier: Qualifier,
}

#[derive(Debug, Deserialize)]
pub struct GoldFinding {
    pub rule: String,
    pub severity: String,
    pub facts: Vec<GoldRef>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldRef {
    pub path: String,
    pub line: usize,
    pub text: String,
}

/// Right answers out of those asked.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub right: usize,
    pub total: usize,
}

impl Tally {
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.right += usize::from(ok);
    }
}

#[derive(Debug, Default)]
pub struct Score {
    pub gold: usize,
    pub extracted: usize,
    pub value_unit: usize,
    pub entity: Tally,
    pub metric: Tally,
    pub period: Tally,
    pub qualifier: Tally,
    /// One line per disagreement, for reading.
    pub notes: Vec<String>,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.value_unit, self.extracted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.value_unit, self.gold)
    }
    pub fn summary(&self) -> String {
        format!(
            "value+unit: precision {:.3} ({}/{}), recall {:.3} ({}/{})\n\
             entity accuracy {:.3} ({}/{}), metric {:.3} ({}/{}), period {:.3} ({}/{}), qualifier {:.3} ({}/{})",
            self.precision(),
            self.value_unit,
            self.extracted,
            self.recall(),
            self.value_unit,
            self.gold,
            self.entity.rate(),
            self.entity.right,
            self.entity.total,
            self.metric.rate(),
            self.metric.right,
            self.metric.total,
            self.period.rate(),
            self.period.right,
            self.period.total,
            self.qualifier.rate(),
            self.qualifier.right,
            self.qualifier.total,
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Reads gold: one file with every article (`{"articles": [...]}`), or a
/// folder whose `*.gold.json` files each annotate one article.
pub fn load(path: &Path) -> Result<Gold, String> {
    if !path.is_dir() {
        return parse(path);
    }
    let mut files: Vec<_> = std::fs::read_dir(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    files.sort();
    let mut gold = Gold {
        articles: Vec::new(),
        findings: Vec::new(),
    };
    for f in files {
        gold.articles.push(parse(&f)?);
    }
    if gold.articles.is_empty() {
        return Err(format!("{}: no *.gold.json files", path.display()));
    }
    Ok(gold)
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))
}

/// Entities agree when their ids match; organisations found in the text
/// (`org:…`) also when one name contains the other (青禾半导体股份有限公司 is
/// 青禾半导体).
fn same_entity(got: Option<&str>, gold: Option<&str>) -> bool {
    match (got, gold) {
        (Some(a), Some(b)) if a != b => match (a.strip_prefix("org:"), b.strip_prefix("org:")) {
            (Some(x), Some(y)) => x.contains(y) || y.contains(x),
            _ => false,
        },
        (a, b) => a == b,
    }
}

/// Runs extraction and checks over the articles a gold file annotates.
pub fn run_articles(gold: &Gold, lex: &crate::extract::Lexicon) -> Result<Outcome, String> {
    let paths: Vec<std::path::PathBuf> = gold
        .articles
        .iter()
        .map(|a| a.path.clone().into())
        .collect();
    let out = crate::run::run(&paths, lex);
    match out.missing.first().or(out.errors.first()) {
        Some(e) => Err(e.clone()),
        None => Ok(out),
    }
}

/// Byte span of a gold figure in its file.
pub fn locate(text: &str, line: usize, needle: &str, nth: Option<usize>) -> Option<(usize, usize)> {
    let start = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let line_text = text[start..].split('\n').next()?;
    let at = line_text
        .match_indices(needle)
        .nth(nth.unwrap_or(1).checked_sub(1)?)?
        .0;
    Some((start + at, start + at + needle.len()))
}

/// Scores the facts of `out` against `gold`; files are read from disk to place the gold.
pub fn score(gold: &Gold, out: &Outcome) -> Result<Score, String> {
    let mut s = Score::default();
    let mut used = HashSet::new();
    for a in &gold.articles {
        let text = std::fs::read_to_string(&a.path).map_err(|e| format!("{}: {e}", a.path))?;
        // The gold marks money, percent and count claims; ages of people are
        // extracted for age-consistency but are outside what it marks.
        let mine: Vec<&Fact> = out
            .facts
            .iter()
            .filter(|f| f.path == a.path && f.unit != "age")
            .collect();
        s.extracted += mine.len();
        for g in &a.facts {
            s.gold += 1;
            let (gs, ge) = locate(&text, g.line, &g.text, g.nth).ok_or_else(|| {
                format!(
                    "{}:{}: gold text {:?} not on that line",
                    a.path, g.line, g.text
                )
            })?;
            let hit = mine
                .iter()
                .filter(|f| f.start < ge && gs < f.end && !used.contains(&f.id))
                .max_by_key(|f| f.end.min(ge) - f.start.max(gs));
            let Some(f) = hit else {
                s.notes
                    .push(format!("missed  {}:{} {}", a.path, g.line, g.text));
                continue;
            };
            used.insert(f.id.clone());
            if f.value != g.value || f.unit != g.unit {
                s.notes.push(format!(
                    "value   {}:{} {}: got {} {}, gold {} {}",
                    a.path, g.line, g.text, f.value, f.unit, g.value, g.unit
                ));
                continue;
            }
            s.value_unit += 1;
            let entity = f.entity.as_ref().map(|e| e.id.as_str());
            let checks = [
                (
                    "entity",
                    same_entity(entity, g.entity.as_deref()),
                    format!("{entity:?} vs {:?}", g.entity),
                ),
                (
                    "metric",
                    f.metric == g.metric,
                    format!("{:?} vs {:?}", f.metric, g.metric),
                ),
                (
                    "period",
                    f.period == g.period,
                    format!(
                        "{:?} vs {:?}",
                        f.period.map(|p| p.label()),
                        g.period.map(|p| p.label())
                    ),
                ),
                (
                    "qualifier",
                    f.qualifier == g.qualifier,
                    format!("{:?} vs {:?}", f.qualifier, g.qualifier),
                ),
            ];
            for (name, ok, detail) in checks {
                match name {
                    "entity" => s.entity.add(ok),
                    "metric" => s.metric.add(ok),
                    "period" => s.period.add(ok),
                    _ => s.qualifier.add(ok),
                }
                if !ok {
                    s.notes.push(format!(
                        "{name:<8}{}:{} {}: got {detail}",
                        a.path, g.line, g.text
                    ));
                }
            }
        }
        for f in mine.iter().filter(|f| !used.contains(&f.id)) {
            s.notes
                .push(format!("extra   {}:{} {}", f.path, f.line, f.text));
        }
    }
    Ok(s)
}
