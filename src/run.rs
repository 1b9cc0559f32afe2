//! The whole pipeline over a set of paths: find files, load articles (or
//! take them from the cache), extract facts, run checks, apply policy.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::article::{self, Article};
use crate::cache::{self, Cache, Entry, Kept};
use crate::checks::{self, Finding, Location, fingerprint, unused_suppression};
use crate::config::Project;
use crate::extract::{self, Lexicon};
use crate::fact::Fact;
use crate::policy::baseline::{self, Baseline};
use crate::policy::focus::Focus;
use crate::policy::suppress::{self, Suppression};

pub use crate::article::ArticleSummary;

/// Everything one run produced.
#[derive(Debug, Default)]
pub struct Outcome {
    pub articles: Vec<ArticleSummary>,
    pub facts: Vec<Fact>,
    pub findings: Vec<Finding>,
    /// Paths given that do not exist (a usage error, always exit 2).
    pub missing: Vec<String>,
    /// Files that could not be read (unreadable, binary, undecodable, too
    /// large, an internal error); the run went on without them.
    pub errors: Vec<String>,
    pub suppressions: Vec<Suppression>,
    pub stats: Stats,
}

/// Counts a run reports on stderr.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// Files whose facts came from the cache.
    pub cached: usize,
    /// Files read and extracted.
    pub extracted: usize,
    /// Findings silenced by comments in the articles.
    pub suppressed: usize,
    /// Errors and warnings reported as info for their low confidence.
    pub demoted: usize,
    /// Findings outside the focus.
    pub unfocused: usize,
    /// Findings hidden by the baseline, and baseline entries nothing matched.
    pub baselined: usize,
    pub stale: usize,
    /// Findings written to the baseline file.
    pub written: usize,
}

/// How to run, beyond the paths and the rules.
#[derive(Default)]
pub struct Options {
    /// Which files to read and how (globs, hidden files, size limit).
    pub input: article::Input,
    /// SQLite file keeping facts between runs.
    pub cache: Option<PathBuf>,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// `factcheck.toml`, for its per-path overrides.
    pub project: Project,
    /// Record the findings (after suppressions and overrides, before focus
    /// and baseline) to this file.
    pub write_baseline: Option<PathBuf>,
    pub baseline: Option<Baseline>,
    pub focus: Option<Focus>,
    /// Errors and warnings below this confidence are reported as info.
    pub min_confidence: crate::checks::Confidence,
}

/// Runs extraction and checks over `paths` with default input settings, no
/// cache and no policy.
pub fn run(paths: &[PathBuf], lex: &Lexicon) -> Outcome {
    run_with(paths, lex, &Options::default()).expect("a run without cache or baseline cannot fail")
}

/// Runs the pipeline. Errors are the run's own (the cache cannot be opened,
/// the baseline cannot be written); a file that cannot be read is listed in
/// `Outcome::errors` and the run goes on.
pub fn run_with(paths: &[PathBuf], lex: &Lexicon, options: &Options) -> Result<Outcome, String> {
    let extracted = extract_all(paths, lex, options)?;
    check_all(extracted, lex, options)
}

/// The first stage: every file's facts (`factcheck extract` writes these).
#[derive(Debug, Default)]
pub struct Extracted {
    pub entries: Vec<Entry>,
    /// Paths given that do not exist.
    pub missing: Vec<String>,
    /// Files that could not be read.
    pub errors: Vec<String>,
    pub stats: Stats,
}

/// Finds files and extracts their facts (or takes them from the cache).
pub fn extract_all(
    paths: &[PathBuf],
    lex: &Lexicon,
    options: &Options,
) -> Result<Extracted, String> {
    let found = article::walk::files(paths, &options.input);
    let files = found.files;
    let mut cache = match &options.cache {
        Some(p) => Some(Cache::open(p, &lex.rules.version)?),
        None => None,
    };
    let bar = progress_bar(options.progress, files.len());
    let kept = cache.as_ref().map(|c| &c.kept);
    // Files are read and extracted in parallel (rayon's pool: --threads);
    // `collect` keeps the walk's order, so output is the same on any count.
    let loaded: Vec<Loaded> = files
        .par_iter()
        .map(|(path, shown)| {
            let l = load_one(path, shown, lex, &options.input, kept);
            bar.inc(1);
            l
        })
        .collect();
    bar.finish_and_clear();
    let mut out = Extracted {
        missing: found.missing,
        errors: found.errors,
        ..Extracted::default()
    };
    let mut fresh = Vec::new();
    for l in loaded {
        match l {
            Loaded::Cached(e) => {
                out.stats.cached += 1;
                out.entries.push(e);
            }
            Loaded::Extracted(kept, e) => {
                out.stats.extracted += 1;
                if let Some((hash, blob)) = kept {
                    fresh.push((e.summary.path.clone(), hash, blob));
                }
                out.entries.push(e);
            }
            Loaded::Failed(e) => out.errors.push(e),
        }
    }
    if let Some(c) = cache.as_mut() {
        c.put(&fresh)?;
    }
    Ok(out)
}

/// The second stage: checks over every fact, then suppressions, overrides,
/// confidence, baseline and focus (`factcheck check` runs this on facts
/// files).
pub fn check_all(
    extracted: Extracted,
    lex: &Lexicon,
    options: &Options,
) -> Result<Outcome, String> {
    let mut out = Outcome {
        missing: extracted.missing,
        errors: extracted.errors,
        stats: extracted.stats,
        ..Outcome::default()
    };
    for e in extracted.entries {
        out.add(e);
    }
    out.findings = checks::run_all(&out.facts, &out.articles, &lex.rules);
    apply_policy(&mut out, lex, options)?;
    Ok(out)
}

impl Outcome {
    fn add(&mut self, e: Entry) {
        self.articles.push(e.summary);
        self.facts.extend(e.facts);
        self.suppressions.extend(e.suppressions);
    }
}

/// Suppressions, then per-path overrides, then (after any baseline is
/// written) the focus and the baseline.
fn apply_policy(out: &mut Outcome, lex: &Lexicon, options: &Options) -> Result<(), String> {
    let by_id = crate::fact::by_id(&out.facts);
    let before = out.findings.len();
    let used = suppress::apply(&mut out.findings, &by_id, &out.suppressions);
    out.stats.suppressed = before - out.findings.len();
    let unused = lex.rules.check(&unused_suppression::CHECK);
    if unused.enabled {
        for (s, _) in out.suppressions.iter().zip(&used).filter(|(_, n)| **n == 0) {
            out.findings.push(unused_finding(s, unused.severity));
        }
    }
    options.project.apply_overrides(&mut out.findings, &by_id);
    out.stats.demoted = crate::policy::confidence::apply(&mut out.findings, options.min_confidence);
    if let Some(path) = &options.write_baseline {
        baseline::write(path, &out.findings)?;
        out.stats.written = out.findings.len();
    }
    if let Some(focus) = &options.focus {
        let before = out.findings.len();
        focus.apply(&mut out.findings, &by_id);
        out.stats.unfocused = before - out.findings.len();
    }
    if let Some(b) = &options.baseline {
        let applied = b.apply(&mut out.findings);
        out.stats.baselined = applied.hidden;
        out.stats.stale = applied.stale;
    }
    Ok(())
}

fn unused_finding(s: &Suppression, severity: crate::rules::Severity) -> Finding {
    let unknown: Vec<&str> = s
        .rules
        .iter()
        .map(String::as_str)
        .filter(|r| checks::find(r).is_none())
        .collect();
    let what = if s.rules.is_empty() {
        "every check".to_string()
    } else {
        s.rules.join(", ")
    };
    let message = if unknown.is_empty() {
        format!(
            "{}:{}: factcheck-ignore for {what} silenced nothing (used 0 times); delete it if the figure was fixed",
            s.path, s.line
        )
    } else {
        format!(
            "{}:{}: factcheck-ignore names no such check: {} (see --list-rules)",
            s.path,
            s.line,
            unknown.join(", ")
        )
    };
    Finding {
        rule: unused_suppression::CHECK.id,
        severity,
        message,
        facts: Vec::new(),
        confidence: crate::checks::Confidence::High,
        confidence_why: None,
        demoted_from: None,
        fingerprint: fingerprint::of_place(
            unused_suppression::CHECK.id,
            &s.path,
            &format!("{}|{}", s.rules.join(","), s.reason),
        ),
        at: Some(Location {
            path: s.path.clone(),
            line: s.line,
            column: s.column,
        }),
    }
}

/// A bar on stderr for long runs on a terminal; hidden otherwise (CI, pipes).
fn progress_bar(wanted: bool, files: usize) -> ProgressBar {
    if !wanted || files < 500 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files, {per_sec}, eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// One file's result.
enum Loaded {
    Cached(Entry),
    /// Extracted now; with the file's hash and the entry as the cache keeps
    /// it, when there is a cache (serialized here, in parallel).
    Extracted(Option<(String, Vec<u8>)>, Entry),
    Failed(String),
}

fn load_one(
    path: &std::path::Path,
    shown: &str,
    lex: &Lexicon,
    input: &article::Input,
    cache: Option<&Kept>,
) -> Loaded {
    let bytes = match article::read(path, shown, input) {
        Ok(b) => b,
        Err(e) => return Loaded::Failed(e.to_string()),
    };
    let hash = cache.map(|_| cache::hash(&bytes));
    if let (Some(c), Some(h)) = (cache, &hash)
        && let Some(e) = c.get(shown, h)
    {
        return Loaded::Cached(e);
    }
    match article::from_bytes(path, shown, &bytes, &lex.rules.words) {
        Ok(a) => match extract_one(&a, lex) {
            Ok(e) => {
                let kept = hash.and_then(|h| Some((h, cache::blob(&e)?)));
                Loaded::Extracted(kept, e)
            }
            Err(e) => Loaded::Failed(e),
        },
        Err(e) => Loaded::Failed(e.to_string()),
    }
}

fn extract_one(a: &Article, lex: &Lexicon) -> Result<Entry, String> {
    // A bug in extraction must cost one article, not the whole run.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract::extract(a, lex))) {
        Ok(facts) => Ok(Entry {
            summary: ArticleSummary::of(a, facts.len()),
            // HTML comments are blanked in `text`; the decoded file still has them.
            suppressions: suppress::parse(&a.path, a.source.as_deref().unwrap_or(&a.text)),
            facts,
        }),
        Err(_) => Err(format!(
            "{}: internal error while extracting facts (please report it); skipped",
            a.path
        )),
    }
}
