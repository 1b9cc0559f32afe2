//! The declarative data under `rules/`: entities, metrics, currencies, units,
//! wording cues and check settings.
//!
//! Each file is read from `--rules DIR` when that folder has it, and otherwise
//! from the copy embedded in the binary at build time, so the binary works
//! from any folder and a user can override one file without copying the rest.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::fact::Kind;

/// The rules files, with the embedded default of each.
pub const FILES: [(&str, &str); 6] = [
    ("entities.toml", include_str!("../rules/entities.toml")),
    ("metrics.toml", include_str!("../rules/metrics.toml")),
    ("currencies.toml", include_str!("../rules/currencies.toml")),
    ("units.toml", include_str!("../rules/units.toml")),
    ("words.toml", include_str!("../rules/words.toml")),
    ("checks.toml", include_str!("../rules/checks.toml")),
];

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{path}: cannot read rules file: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Company,
    Person,
    Organization,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub zh: String,
    pub en: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub tickers: Vec<String>,
    /// `MM-DD` when the fiscal year does not end on 12-31.
    pub fiscal_year_end: Option<String>,
    /// For people: the company whose figures they usually speak for.
    pub affiliation: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: String,
    pub class: Kind,
    pub keywords: Vec<String>,
    #[serde(default)]
    pub negative: Vec<String>,
    #[serde(default)]
    pub level: bool,
    #[serde(default)]
    pub for_people: bool,
    /// Recognised so that its figures borrow no other metric, but not
    /// checked: facts of it report no metric.
    #[serde(default)]
    pub hidden: bool,
    /// Quoted anew every trading day (share price, market cap): a figure is
    /// the quote of the day its sentence names, else of the article's date.
    #[serde(default)]
    pub daily: bool,
    #[serde(default)]
    pub units: Vec<String>,
    #[serde(default)]
    pub default_for_targets: Vec<String>,
    #[serde(default)]
    pub tolerance: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub code: String,
    pub suffix: Vec<String>,
    #[serde(default)]
    pub prefix: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub unit: String,
    pub words: Vec<String>,
    #[serde(default)]
    pub compatible: Vec<String>,
    /// Characters that, right after the unit word, make it part of another
    /// word (家 in 家庭, 股 in 股东): then the number is not a count.
    #[serde(default)]
    pub not_before: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    pub about_before: Vec<String>,
    pub about_after: Vec<String>,
    pub at_least_before: Vec<String>,
    pub at_least_after: Vec<String>,
    pub at_most_before: Vec<String>,
    pub at_most_after: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualifiers {
    pub target: Vec<String>,
    pub estimate: Vec<String>,
    pub forecast: Vec<String>,
    pub change: Vec<String>,
    pub change_to_level: Vec<String>,
    /// Change words that say the figure fell (下降, 减少): its value is negative.
    #[serde(default)]
    pub down: Vec<String>,
    #[serde(default)]
    pub earlier: Vec<String>,
    #[serde(default)]
    pub part: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    pub yoy: Vec<String>,
    pub qoq: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rates {
    pub month: Vec<String>,
    pub day: Vec<String>,
    pub year: Vec<String>,
    pub unit_price: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub id: String,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boilerplate {
    pub lines: Vec<String>,
    pub starts: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub bounds: Bounds,
    pub qualifiers: Qualifiers,
    pub basis: Basis,
    pub rates: Rates,
    #[serde(default)]
    pub segment: Vec<Segment>,
    pub boilerplate: Boilerplate,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Intervals {
    pub precision_cap: f64,
    pub about: f64,
    pub near: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSetting {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub severity: Severity,
    #[serde(default)]
    pub tolerance: f64,
}

fn yes() -> bool {
    true
}

impl Default for Intervals {
    fn default() -> Intervals {
        Intervals {
            precision_cap: 0.05,
            about: 0.05,
            near: 0.10,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    #[serde(default)]
    pub intervals: Intervals,
    #[serde(default)]
    pub checks: BTreeMap<String, CheckSetting>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityFile {
    entity: Vec<Entity>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricFile {
    metric: Vec<Metric>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyFile {
    currency: Vec<Currency>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitFile {
    unit: Vec<Unit>,
}

/// Everything under `rules/`, parsed and validated.
#[derive(Debug, Clone)]
pub struct Rules {
    pub entities: Vec<Entity>,
    pub metrics: Vec<Metric>,
    pub currencies: Vec<Currency>,
    pub units: Vec<Unit>,
    pub words: Words,
    pub checks: Checks,
}

impl Rules {
    /// The rules embedded in the binary.
    pub fn embedded() -> Result<Rules, RulesError> {
        Rules::load(None)
    }

    /// Reads each rules file from `dir` when it is there, else the embedded copy.
    pub fn load(dir: Option<&Path>) -> Result<Rules, RulesError> {
        let read = |name: &str, embedded: &'static str| -> Result<(String, String), RulesError> {
            if let Some(dir) = dir {
                let path = dir.join(name);
                if path.exists() {
                    let shown = path.display().to_string();
                    let text = std::fs::read_to_string(&path).map_err(|source| RulesError::Io {
                        path: shown.clone(),
                        source,
                    })?;
                    return Ok((shown, text));
                }
            }
            Ok((format!("<embedded>/rules/{name}"), embedded.to_string()))
        };
        let [ent, met, cur, uni, wor, che] = FILES;
        let (p, t) = read(ent.0, ent.1)?;
        let entities = parse::<EntityFile>(&p, &t)?.entity;
        let (p, t) = read(met.0, met.1)?;
        let metrics = parse::<MetricFile>(&p, &t)?.metric;
        let (p, t) = read(cur.0, cur.1)?;
        let currencies = parse::<CurrencyFile>(&p, &t)?.currency;
        let (p, t) = read(uni.0, uni.1)?;
        let units = parse::<UnitFile>(&p, &t)?.unit;
        let (p, t) = read(wor.0, wor.1)?;
        let words = parse::<Words>(&p, &t)?;
        let (p, t) = read(che.0, che.1)?;
        let checks = parse::<Checks>(&p, &t)?;
        let rules = Rules {
            entities,
            metrics,
            currencies,
            units,
            words,
            checks,
        };
        rules.validate(&p)?;
        Ok(rules)
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.unit == id)
    }

    /// The settings of one check; a check missing from checks.toml runs with
    /// the severity its module declares.
    pub fn check(&self, id: &str, default: Severity) -> CheckSetting {
        self.checks.checks.get(id).cloned().unwrap_or(CheckSetting {
            enabled: true,
            severity: default,
            tolerance: 0.0,
        })
    }

    fn validate(&self, checks_path: &str) -> Result<(), RulesError> {
        let invalid = |path: &str, message: String| RulesError::Invalid {
            path: path.to_string(),
            message,
        };
        let mut ids = HashSet::new();
        for e in &self.entities {
            if !ids.insert(e.id.as_str()) {
                return Err(invalid(
                    "entities.toml",
                    format!("entity id `{}` is defined twice", e.id),
                ));
            }
        }
        for e in &self.entities {
            if let Some(a) = &e.affiliation
                && !ids.contains(a.as_str())
            {
                return Err(invalid(
                    "entities.toml",
                    format!("entity `{}`: affiliation `{a}` names no entity", e.id),
                ));
            }
        }
        let unit_ids: HashSet<&str> = self.units.iter().map(|u| u.unit.as_str()).collect();
        for m in &self.metrics {
            for u in &m.default_for_targets {
                if !unit_ids.contains(u.as_str()) {
                    return Err(invalid(
                        "metrics.toml",
                        format!(
                            "metric `{}`: default_for_targets names unknown unit `{u}`",
                            m.id
                        ),
                    ));
                }
            }
        }
        let known = crate::checks::ids();
        for id in self.checks.checks.keys() {
            if !known.contains(&id.as_str()) {
                return Err(invalid(
                    checks_path,
                    format!("[checks.{id}]: no such check (known: {})", known.join(", ")),
                ));
            }
        }
        Ok(())
    }
}

fn parse<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, RulesError> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        RulesError::Parse {
            path: path.to_string(),
            line,
            column,
            message: e.message().to_string(),
        }
    })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
