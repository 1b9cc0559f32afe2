//! The project file, `factcheck.toml`: settings a newsroom keeps beside its
//! archive instead of repeating flags. Found by walking up from the current
//! folder (like `.gitignore` or `ruff.toml`), or named with `--config`.
//!
//! ```toml
//! rules = "factcheck-rules"     # rules folder, relative to this file
//! include = ["**/*.md", "**/*.html"]
//! exclude = ["drafts/**"]
//! fail_on = "warning"           # error | warning | info | never
//! min_confidence = "high"       # high | medium | low
//!
//! [checks.conflicting-figure]   # as in rules/checks.toml; wins over it
//! tolerance = 0.02
//!
//! [[overrides]]                 # findings whose first figure is in these files
//! paths = ["wire/**"]
//! checks.undated-article = { enabled = false }
//! checks.magnitude-slip = { severity = "warning" }
//! ```
//!
//! Command-line flags win over the file. Overrides take `enabled` and
//! `severity` only: tolerances belong to a figure pair, not to one file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::checks::Finding;
use crate::fact::Fact;
use crate::rules::{self, CheckEntry, RulesError, Severity};

pub const FILE_NAME: &str = "factcheck.toml";

/// `factcheck.toml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub rules: Option<PathBuf>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    pub fail_on: Option<FailOn>,
    /// high | medium | low, as `--min-confidence`.
    pub min_confidence: Option<crate::checks::Confidence>,
    #[serde(default)]
    pub checks: BTreeMap<String, CheckEntry>,
    #[serde(default)]
    pub overrides: Vec<OverrideEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideEntry {
    pub paths: Vec<String>,
    #[serde(default)]
    pub checks: BTreeMap<String, CheckEntry>,
}

/// A project file read and checked, with where it was found.
#[derive(Debug, Default)]
pub struct Project {
    pub path: Option<PathBuf>,
    pub text: String,
    pub config: Config,
    pub overrides: Vec<Override>,
}

/// One `[[overrides]]` table, its globs compiled.
#[derive(Debug)]
pub struct Override {
    globs: GlobSet,
    checks: BTreeMap<String, CheckEntry>,
}

/// The nearest `factcheck.toml` in `start` or a folder above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Project {
    /// Reads a project file; errors name the file, line and column.
    pub fn read(path: &Path) -> Result<Project, RulesError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Io {
            path: shown.clone(),
            source,
        })?;
        Project::parse(path, text)
    }

    /// A project file's text, read from `path`.
    pub fn parse(path: &Path, text: String) -> Result<Project, RulesError> {
        let shown = path.display().to_string();
        let config: Config = rules::parse(&shown, &text)?;
        rules::validate_checks(&shown, &text, &config.checks)?;
        let overrides = config
            .overrides
            .iter()
            .map(|o| compile(&shown, &text, o))
            .collect::<Result<_, _>>()?;
        Ok(Project {
            path: Some(path.to_path_buf()),
            text,
            config,
            overrides,
        })
    }

    /// The folder relative paths in the file are taken from.
    pub fn dir(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// Applies `[[overrides]]` to findings, by the file of their first
    /// figure (or the file they are about); later tables win.
    pub fn apply_overrides(&self, findings: &mut Vec<Finding>, by_id: &HashMap<&str, &Fact>) {
        if self.overrides.is_empty() {
            return;
        }
        findings.retain_mut(|f| {
            let path = f
                .facts
                .first()
                .and_then(|id| by_id.get(id.as_str()))
                .map(|fact| fact.path.as_str())
                .or(f.at.as_ref().map(|a| a.path.as_str()))
                .unwrap_or_default();
            let path = path.strip_prefix("./").unwrap_or(path);
            for o in self.overrides.iter().filter(|o| o.globs.is_match(path)) {
                if let Some(e) = o.checks.get(f.rule) {
                    if e.enabled == Some(false) {
                        return false;
                    }
                    f.severity = e.severity.unwrap_or(f.severity);
                }
            }
            true
        });
    }
}

fn compile(path: &str, text: &str, o: &OverrideEntry) -> Result<Override, RulesError> {
    let invalid = |message: String| RulesError::Invalid {
        path: path.to_string(),
        message,
    };
    rules::validate_checks(path, text, &o.checks)?;
    for (id, e) in &o.checks {
        if e.tolerance.is_some() || e.max_ratio.is_some() || e.window_days.is_some() {
            return Err(invalid(format!(
                "[[overrides]] checks.{id}: only `enabled` and `severity` can be overridden per path"
            )));
        }
    }
    let mut b = GlobSetBuilder::new();
    for g in &o.paths {
        b.add(Glob::new(g).map_err(|e| invalid(format!("[[overrides]] paths: {e}")))?);
    }
    let globs = b
        .build()
        .map_err(|e| invalid(format!("[[overrides]] paths: {e}")))?;
    Ok(Override {
        globs,
        checks: o.checks.clone(),
    })
}

/// The least severity that makes a run exit 1 (`--fail-on`, `fail_on`).
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}
