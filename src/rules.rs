//! The declarative data under `rules/`: entities, metrics, currencies, units,
//! wording cues and check settings.
//!
//! Each file is read from `--rules DIR` when that folder has it, and otherwise
//! from the copy embedded in the binary at build time, so the binary works
//! from any folder and a user can override one file without copying the rest.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::fact::Kind;

/// The rules files, with the embedded default of each.
pub const FILES: [(&str, &str); 7] = [
    ("entities.toml", include_str!("../rules/entities.toml")),
    ("metrics.toml", include_str!("../rules/metrics.toml")),
    ("currencies.toml", include_str!("../rules/currencies.toml")),
    ("units.toml", include_str!("../rules/units.toml")),
    ("words.toml", include_str!("../rules/words.toml")),
    ("checks.toml", include_str!("../rules/checks.toml")),
    ("fx.toml", include_str!("../rules/fx.toml")),
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
    /// Named anywhere in the figure's clause before it, it wins over any
    /// later keyword: 股票加薪水总收入 is pay, not revenue.
    #[serde(default)]
    pub dominant: bool,
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
    /// Phrases that hold a change word but name no change ("made up", "up
    /// to"): matched together with `change`, the longer phrase wins.
    #[serde(default)]
    pub not_change: Vec<String>,
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
    /// The segment that makes up the rest of the whole (us / outside_us).
    pub complement: Option<String>,
    /// Segments this one is part of (europe within overseas).
    #[serde(default)]
    pub within: Vec<String>,
    /// What kind of scope it is (region, unless said).
    #[serde(default = "region")]
    pub kind: String,
}

fn region() -> String {
    "region".to_string()
}

/// Words naming a part of a company in a figure's own clause, by the kind
/// of part (words.toml `[scope]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeWords {
    #[serde(default)]
    pub subsidiary: Vec<String>,
    #[serde(default)]
    pub business_line: Vec<String>,
    #[serde(default)]
    pub plant: Vec<String>,
    #[serde(default)]
    pub channel: Vec<String>,
    #[serde(default)]
    pub product: Vec<String>,
    #[serde(default)]
    pub region: Vec<String>,
}

impl ScopeWords {
    /// (kind, words) pairs.
    pub fn kinds(&self) -> [(&'static str, &[String]); 6] {
        [
            ("subsidiary", &self.subsidiary),
            ("business_line", &self.business_line),
            ("plant", &self.plant),
            ("channel", &self.channel),
            ("product", &self.product),
            ("region", &self.region),
        ]
    }
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
    #[serde(default)]
    pub scope: ScopeWords,
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

/// One `[checks.ID]` table as written; what is left out takes the check's
/// own default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckEntry {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
    pub tolerance: Option<f64>,
    pub max_ratio: Option<f64>,
    pub window_days: Option<u32>,
}

/// A check's settings, with defaults filled in.
#[derive(Debug, Clone, Copy)]
pub struct CheckSetting {
    pub enabled: bool,
    pub severity: Severity,
    /// Relative slack (0.05 = 5%) on top of how precisely figures were written.
    pub tolerance: f64,
    /// How many times apart two levels may be before they conflict.
    pub max_ratio: f64,
    /// How many days apart two dated figures may be and still be compared.
    pub window_days: u32,
}

/// The settings a check takes, with their defaults; `None` means the check
/// has no such setting (setting it in checks.toml is an error).
#[derive(Debug, Clone, Copy, Default)]
pub struct SettingDefaults {
    pub tolerance: Option<f64>,
    pub max_ratio: Option<f64>,
    pub window_days: Option<u32>,
}

/// Reference exchange rates (rules/fx.toml): yuan per unit of a currency,
/// by year, one value per month.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fx {
    pub cny_per: BTreeMap<String, BTreeMap<String, Vec<f64>>>,
}

impl Fx {
    /// Units of `to` per unit of `from` in the month of `day`, or the nearest
    /// month the table has within a year.
    pub fn rate(&self, from: &str, to: &str, day: chrono::NaiveDate) -> Option<f64> {
        Some(self.cny(from, day)? / self.cny(to, day)?)
    }

    fn cny(&self, code: &str, day: chrono::NaiveDate) -> Option<f64> {
        use chrono::Datelike;
        if code == "CNY" {
            return Some(1.0);
        }
        let table = self.cny_per.get(code)?;
        let month = |y: i32, m: usize| table.get(&y.to_string())?.get(m).copied();
        let (y, m) = (day.year(), day.month0() as usize);
        month(y, m).or_else(|| {
            // Past either end of the table: the closest month, up to a year away.
            let first = table.keys().filter_map(|k| k.parse::<i32>().ok()).min()?;
            let last = table.keys().filter_map(|k| k.parse::<i32>().ok()).max()?;
            match y {
                y if y == first - 1 => month(first, 0),
                y if y == last + 1 => month(last, 11),
                _ => None,
            }
        })
    }
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
    pub checks: BTreeMap<String, CheckEntry>,
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
    #[serde(default)]
    place_names: std::collections::BTreeMap<String, Vec<String>>,
}

/// Everything under `rules/`, parsed and validated.
#[derive(Debug, Clone)]
pub struct Rules {
    pub entities: Vec<Entity>,
    pub metrics: Vec<Metric>,
    pub currencies: Vec<Currency>,
    pub units: Vec<Unit>,
    /// Characters that end a place name begun by a numeral and a measure
    /// word (山 in 五台山), each with the characters after it that make it
    /// another word instead (东 in 三家山东企业).
    pub place_names: std::collections::BTreeMap<String, Vec<String>>,
    pub words: Words,
    pub checks: Checks,
    pub fx: Fx,
    /// Where checks.toml was read from, for messages.
    pub checks_path: String,
    checks_text: String,
    /// The entities file's path and text, for messages that point into it.
    entities_file: (String, String),
    /// Changes whenever any rules file or the program changes: a cache of
    /// extracted facts is only valid for the version it was made with.
    pub version: String,
}

impl Rules {
    /// The rules embedded in the binary.
    pub fn embedded() -> Result<Rules, RulesError> {
        Rules::load(None)
    }

    /// Reads each rules file from `dir` when it is there, else the embedded copy.
    pub fn load(dir: Option<&Path>) -> Result<Rules, RulesError> {
        let mut given = Vec::new();
        for (name, _) in FILES {
            let Some(path) = dir.map(|d| d.join(name)).filter(|p| p.exists()) else {
                continue;
            };
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|source| RulesError::Io {
                path: shown.clone(),
                source,
            })?;
            given.push((name, shown, text));
        }
        Rules::from_texts(&given)
    }

    /// The rules from the texts given as (file name, path shown, text), and
    /// the embedded copy of every file not given.
    pub fn from_texts(given: &[(&str, String, String)]) -> Result<Rules, RulesError> {
        let read = |name: &str, embedded: &'static str| -> Result<(String, String), RulesError> {
            match given.iter().find(|(n, _, _)| *n == name) {
                Some((_, shown, text)) => Ok((shown.clone(), text.clone())),
                None => Ok((format!("<embedded>/rules/{name}"), embedded.to_string())),
            }
        };
        let [ent, met, cur, uni, wor, che, fx] = FILES;
        let mut version = blake3::Hasher::new();
        version.update(env!("CARGO_PKG_VERSION").as_bytes());
        let mut read = |name: &str, embedded: &'static str| {
            let (p, t) = read(name, embedded)?;
            version.update(name.as_bytes());
            version.update(t.as_bytes());
            Ok::<_, RulesError>((p, t))
        };
        let (p, t) = read(ent.0, ent.1)?;
        let entities = parse::<EntityFile>(&p, &t)?.entity;
        let entities_file = (p, t);
        let (p, t) = read(met.0, met.1)?;
        let metrics = parse::<MetricFile>(&p, &t)?.metric;
        let (p, t) = read(cur.0, cur.1)?;
        let currencies = parse::<CurrencyFile>(&p, &t)?.currency;
        let (p, t) = read(uni.0, uni.1)?;
        let UnitFile {
            unit: units,
            place_names,
        } = parse::<UnitFile>(&p, &t)?;
        let (p, t) = read(wor.0, wor.1)?;
        let words = parse::<Words>(&p, &t)?;
        let (p, t) = read(che.0, che.1)?;
        let checks = parse::<Checks>(&p, &t)?;
        let (checks_path, checks_text) = (p, t);
        let (p, t) = read(fx.0, fx.1)?;
        let fx = parse::<Fx>(&p, &t)?;
        validate_fx(&p, &fx)?;
        let rules = Rules {
            entities,
            metrics,
            currencies,
            units,
            place_names,
            words,
            checks,
            fx,
            checks_path,
            checks_text,
            entities_file,
            version: version.finalize().to_hex()[..16].to_string(),
        };
        rules.validate()?;
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

    /// The settings of one check: checks.toml's, else the check's defaults.
    pub fn check(&self, check: &crate::checks::Check) -> CheckSetting {
        let entry = self
            .checks
            .checks
            .get(check.id)
            .cloned()
            .unwrap_or_default();
        let d = check.settings;
        CheckSetting {
            enabled: entry.enabled.unwrap_or(true),
            severity: entry.severity.unwrap_or(check.severity),
            tolerance: entry.tolerance.or(d.tolerance).unwrap_or(0.0),
            max_ratio: entry.max_ratio.or(d.max_ratio).unwrap_or(1.0),
            window_days: entry.window_days.or(d.window_days).unwrap_or(0),
        }
    }

    /// Lays the `[checks.ID]` tables of a project file (factcheck.toml) over
    /// checks.toml's: a setting given there wins, the rest is kept.
    pub fn overlay_checks(
        &mut self,
        path: &str,
        text: &str,
        entries: &BTreeMap<String, CheckEntry>,
    ) -> Result<(), RulesError> {
        validate_checks(path, text, entries)?;
        for (id, e) in entries {
            let mine = self.checks.checks.entry(id.clone()).or_default();
            mine.enabled = e.enabled.or(mine.enabled);
            mine.severity = e.severity.or(mine.severity);
            mine.tolerance = e.tolerance.or(mine.tolerance);
            mine.max_ratio = e.max_ratio.or(mine.max_ratio);
            mine.window_days = e.window_days.or(mine.window_days);
        }
        Ok(())
    }

    fn validate(&self) -> Result<(), RulesError> {
        let invalid = |path: &str, message: String| RulesError::Invalid {
            path: path.to_string(),
            message,
        };
        let (path, text) = &self.entities_file;
        let at = |index: usize, key: &str, message: String| {
            let (line, column) = table_key(text, "[[entity]]", index, key);
            RulesError::Parse {
                path: path.clone(),
                line,
                column,
                message,
            }
        };
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, e) in self.entities.iter().enumerate() {
            if let Some(&first) = ids.get(e.id.as_str()) {
                let (line, _) = table_key(text, "[[entity]]", first, "id");
                let message = format!(
                    "entity id `{}` is defined twice (first at line {line})",
                    e.id
                );
                return Err(at(i, "id", message));
            }
            ids.insert(e.id.as_str(), i);
            let names = [("zh", &e.zh), ("en", &e.en)]
                .into_iter()
                .chain(e.aliases.iter().map(|a| ("aliases", a)));
            for (key, name) in names {
                if let Some(why) = bad_name(name) {
                    return Err(at(
                        i,
                        key,
                        format!("entity `{}`: name `{name}` {why}", e.id),
                    ));
                }
            }
        }
        for (i, e) in self.entities.iter().enumerate() {
            if let Some(a) = &e.affiliation
                && !ids.contains_key(a.as_str())
            {
                let message = format!("entity `{}`: affiliation `{a}` names no entity", e.id);
                return Err(at(i, "affiliation", message));
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
        validate_checks(&self.checks_path, &self.checks_text, &self.checks.checks)
    }
}

fn validate_fx(path: &str, fx: &Fx) -> Result<(), RulesError> {
    let invalid = |message: String| RulesError::Invalid {
        path: path.to_string(),
        message,
    };
    for (code, years) in &fx.cny_per {
        for (year, months) in years {
            if year.parse::<i32>().is_err() {
                return Err(invalid(format!("[cny_per.{code}]: `{year}` is not a year")));
            }
            if months.is_empty() || months.len() > 12 {
                return Err(invalid(format!(
                    "[cny_per.{code}] {year}: {} values, expected one per month (at most 12)",
                    months.len()
                )));
            }
            if let Some(v) = months.iter().find(|v| !(**v > 0.0 && v.is_finite())) {
                return Err(invalid(format!(
                    "[cny_per.{code}] {year}: rate {v} is not a positive number"
                )));
            }
        }
    }
    Ok(())
}

/// The line of `[checks.ID]` in a settings file, for messages.
fn check_line(text: &str, id: &str) -> usize {
    let header = format!("[checks.{id}]");
    text.lines()
        .position(|l| l.trim() == header)
        .map_or(1, |i| i + 1)
}

/// Checks that each `[checks.ID]` names a check and only its settings.
pub fn validate_checks(
    path: &str,
    text: &str,
    entries: &BTreeMap<String, CheckEntry>,
) -> Result<(), RulesError> {
    let known = crate::checks::ids();
    for (id, entry) in entries {
        let line = check_line(text, id);
        let bad = |message: String| RulesError::Parse {
            path: path.to_string(),
            line,
            column: 1,
            message,
        };
        let Some(check) = crate::checks::find(id) else {
            return Err(bad(format!(
                "[checks.{id}]: no such check (known: {})",
                known.join(", ")
            )));
        };
        let d = check.settings;
        let takes = |name: &str, set: bool, has: bool| -> Result<(), RulesError> {
            if set && !has {
                return Err(bad(format!(
                    "[checks.{id}]: `{name}` is not a setting of this check (see factcheck --explain {id})"
                )));
            }
            Ok(())
        };
        takes(
            "tolerance",
            entry.tolerance.is_some(),
            d.tolerance.is_some(),
        )?;
        takes(
            "max_ratio",
            entry.max_ratio.is_some(),
            d.max_ratio.is_some(),
        )?;
        takes(
            "window_days",
            entry.window_days.is_some(),
            d.window_days.is_some(),
        )?;
        if let Some(t) = entry.tolerance.filter(|t| !(0.0..=1.0).contains(t)) {
            return Err(bad(format!(
                "[checks.{id}]: tolerance = {t} is outside 0 to 1 (a fraction: 0.05 is 5%)"
            )));
        }
        if let Some(r) = entry.max_ratio.filter(|r| !(*r > 1.0 && r.is_finite())) {
            return Err(bad(format!(
                "[checks.{id}]: max_ratio = {r} must be more than 1"
            )));
        }
        if let Some(w) = entry.window_days.filter(|w| *w > 3660) {
            return Err(bad(format!(
                "[checks.{id}]: window_days = {w} is more than ten years"
            )));
        }
    }
    Ok(())
}

pub fn parse<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, RulesError> {
    toml::from_str(text).map_err(|e| {
        let message = e.message().to_string();
        let (line, column) = match e.span() {
            Some(s) => line_col(text, s.start),
            // A field missing from one of many [[tables]]: the first table
            // without it (toml gives no place for what is not there).
            None => missing_field(text, &message).map_or((1, 1), |l| (l, 1)),
        };
        let blank = text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim().starts_with('#'));
        let message = match blank {
            true => format!(
                "the file is empty ({message}); write its tables, or delete it to use the built-in one"
            ),
            false => message,
        };
        RulesError::Parse {
            path: path.to_string(),
            line,
            column,
            message,
        }
    })
}

/// The line of the first `[[table]]` header whose table lacks the field
/// a "missing field `X`" message names.
fn missing_field(text: &str, message: &str) -> Option<usize> {
    let field = message.strip_prefix("missing field `")?.split('`').next()?;
    let lines: Vec<&str> = text.lines().collect();
    let has = |l: &str| {
        l.trim_start()
            .strip_prefix(field)
            .is_some_and(|r| r.trim_start().starts_with('='))
    };
    let headers = (0..lines.len()).filter(|&i| lines[i].trim_start().starts_with("[["));
    for h in headers {
        let end = (h + 1..lines.len())
            .find(|&i| lines[i].trim_start().starts_with('['))
            .unwrap_or(lines.len());
        if !lines[h + 1..end].iter().any(|l| has(l)) {
            return Some(h + 1);
        }
    }
    None
}

/// Line and column of `key = ` in the `index`-th `[[header]]` table of a
/// rules file (the header's own line when the key is not written there).
fn table_key(text: &str, header: &str, index: usize, key: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(h) = (0..lines.len())
        .filter(|&i| lines[i].trim() == header)
        .nth(index)
    else {
        return (1, 1);
    };
    let end = (h + 1..lines.len())
        .find(|&i| lines[i].trim_start().starts_with('['))
        .unwrap_or(lines.len());
    for (i, l) in lines.iter().enumerate().take(end).skip(h + 1) {
        if let Some(rest) = l.trim_start().strip_prefix(key)
            && let Some(value) = rest.trim_start().strip_prefix('=')
        {
            let column = l.chars().count() - value.trim_start().chars().count() + 1;
            return (i + 1, column);
        }
    }
    (h + 1, 1)
}

/// Why a name or alias of the lexicon cannot be one: blank, or written as
/// a regular expression (names are matched as written, not as patterns).
fn bad_name(name: &str) -> Option<&'static str> {
    if name.trim().is_empty() {
        return Some("is blank (it would match everywhere)");
    }
    let pattern = [
        "\\d", "\\w", "\\s", "\\b", ".*", ".+", "(?", "[0-9", "[a-z", "[^", "|",
    ]
    .iter()
    .any(|p| name.contains(p))
        || name.starts_with('^')
        || name.ends_with('$');
    pattern.then_some(
        "looks like a regular expression; names are matched as written, so write the name itself",
    )
}

/// Where each line of a text starts, for many `line_col` lookups in one
/// text without counting newlines from the start each time.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Every `MARK` bytes: (byte offset, characters since its line's start),
    /// so a column on a line of megabytes is counted from the mark before
    /// it, not from the line's start.
    marks: Vec<(usize, usize)>,
}

const MARK: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = Vec::new();
        if text.len() > MARK {
            let (mut column, mut next) = (0, MARK);
            for (i, c) in text.char_indices() {
                if i >= next {
                    marks.push((i, column));
                    next = i + MARK;
                }
                column = if c == '\n' { 0 } else { column + 1 };
            }
        }
        LineIndex { starts, marks }
    }

    /// What `line_col(text, offset)` gives, for the text this was made of.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let m = self.marks.partition_point(|&(at, _)| at <= offset);
        let (from, before) = match m.checked_sub(1).map(|k| self.marks[k]) {
            Some((at, column)) if at >= start => (at, column),
            _ => (start, 0),
        };
        (line, before + text[from..offset].chars().count() + 1)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The char boundary at or before byte `i`.
pub(crate) fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod line_index_tests {
    use super::*;

    /// Columns on lines far longer than a mark's stride agree with counting
    /// from the line's start.
    #[test]
    fn marks_give_the_same_columns() {
        let long = "营收12.5亿元，".repeat(3000);
        let text = format!("标题\n{long}\nshort line\n{long}x");
        let index = LineIndex::new(&text);
        for offset in (0..text.len()).step_by(97).chain([text.len()]) {
            assert_eq!(
                index.line_col(&text, offset),
                line_col(&text, offset),
                "{offset}"
            );
        }
    }
}
