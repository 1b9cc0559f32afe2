//! The whole pipeline over a set of paths: find files, load articles (or
//! take them from the cache), extract facts, run checks, apply policy.

mod rerun;

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::article::{self, Article};
use crate::cache::{self, Cache, Entry, KeptFile, Known, Memo, Put, Stat};
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
    /// Every fact, or (when the cache reused a whole run for an output that
    /// shows only findings) the facts findings name.
    pub facts: Vec<Fact>,
    /// How many facts the run found.
    pub fact_count: usize,
    pub findings: Vec<Finding>,
    /// Paths given that do not exist (a usage error, always exit 2).
    pub missing: Vec<String>,
    /// Files that could not be read (unreadable, binary, undecodable, too
    /// large, an internal error); the run went on without them.
    pub errors: Vec<String>,
    pub suppressions: Vec<Suppression>,
    pub stats: Stats,
    /// Why the cache was not used, or not wholly (the findings are still
    /// those of a run without it).
    pub cache_warning: Option<String>,
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
    /// Whether the findings were those of the cache's last run (no file
    /// changed).
    pub reused_run: bool,
    /// When only some files changed: the articles checked again (theirs and
    /// those naming an entity they name); every other finding was kept.
    pub rechecked: Option<usize>,
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
    /// The output shows findings only, so a run the cache kept can be reused
    /// without loading every fact.
    pub findings_only: bool,
}

/// Runs extraction and checks over `paths` with default input settings, no
/// cache and no policy.
pub fn run(paths: &[PathBuf], lex: &Lexicon) -> Outcome {
    run_with(paths, lex, &Options::default()).expect("a run without cache or baseline cannot fail")
}

/// Runs the pipeline. Errors are the run's own (the baseline cannot be
/// written); a file that cannot be read is listed in `Outcome::errors` and
/// the run goes on. A cache that cannot be used is not an error: the run is
/// done without it and says why (`Outcome::cache_warning`), so its findings
/// are always those of a run without a cache.
pub fn run_with(paths: &[PathBuf], lex: &Lexicon, options: &Options) -> Result<Outcome, String> {
    let Some(cache_path) = &options.cache else {
        return check_all(extract_all(paths, lex, options)?, lex, options);
    };
    match with_cache(paths, lex, options, cache_path) {
        Ok(out) => Ok(out),
        Err(Failure::Other(e)) => Err(e),
        Err(Failure::Cache(why)) => {
            let mut out = check_all(extract_plain(paths, lex, options)?, lex, options)?;
            out.cache_warning = Some(cache::gave_up(cache_path, &why));
            Ok(out)
        }
    }
}

/// Why a run with the cache stopped: the cache (then the run is done
/// without it) or the run itself.
enum Failure {
    Cache(String),
    Other(String),
}

fn with_cache(
    paths: &[PathBuf],
    lex: &Lexicon,
    options: &Options,
    cache_path: &Path,
) -> Result<Outcome, Failure> {
    let policy = |out: &mut Outcome| apply_policy(out, lex, options).map_err(Failure::Other);
    let mut cache = Cache::open(cache_path, &lex.rules.version).map_err(Failure::Cache)?;
    let found = article::walk::files(paths, &options.input);
    let stats = stat_all(&found);
    let listed: Option<Vec<(&str, Stat)>> = found
        .files
        .iter()
        .zip(&stats)
        .map(|((_, shown), s)| s.map(|s| (shown.as_str(), s)))
        .collect();
    // A run over files all unchanged since the kept run has its findings.
    let clean_walk = found.errors.is_empty() && found.missing.is_empty();
    let manifest = listed
        .as_ref()
        .filter(|_| clean_walk)
        .map(|l| cache::manifest(l, &lex.rules.version));
    let newest = stats.iter().flatten().map(|s| s.mtime).max().unwrap_or(0);
    let mut last = options.findings_only.then(|| cache.last_run()).flatten();
    if let Some(m) = &manifest
        && let Some(memo) = last.take_if(|memo| memo.still(m, newest))
    {
        let mut out = from_memo(memo, found);
        policy(&mut out)?;
        return Ok(out);
    }
    if let (Some(m), Some(memo)) = (&manifest, last)
        && let Some(plan) = rerun::plan(&memo, &found, &stats)
        && let Some(r) = rerun::rerun(plan, memo, &found, &stats, &mut cache, lex, options)
            .map_err(Failure::Cache)?
    {
        let clean = r.out.errors.is_empty();
        let kept = r
            .files
            .filter(|_| clean)
            .map(|files| memo_of(&r.out, files));
        let kept = cache.put(&r.puts, kept.as_ref().map(|k| (m.as_str(), k)));
        let mut out = r.out;
        out.cache_warning = not_kept(cache_path, &cache, kept);
        policy(&mut out)?;
        return Ok(out);
    }
    cache.read_rows().map_err(Failure::Cache)?;
    let (extracted, puts) =
        keeping(|sink| extract_files(found, &stats, lex, options, Some(&cache), sink))
            .map_err(Failure::Cache)?;
    let clean = extracted.errors.is_empty();
    let mut out = checked(extracted, lex);
    let memo = manifest
        .filter(|_| clean)
        .and_then(|m| Some((m, memo_of(&out, files_of(&out, &stats)?))));
    let kept = cache.put(&puts, memo.as_ref().map(|(m, memo)| (m.as_str(), memo)));
    out.cache_warning = not_kept(cache_path, &cache, kept);
    policy(&mut out)?;
    Ok(out)
}

/// The warning for a run that used the cache but could not read some of it
/// (those files were extracted again) or could not write to it.
fn not_kept(path: &Path, cache: &Cache, put: Result<(), String>) -> Option<String> {
    let shown = path.display();
    if let Some(layout) = cache.rebuilt {
        return Some(format!(
            "{shown}: the cache was made by another version of factcheck (layout {layout}, this one's is {}); rebuilt it",
            cache::SCHEMA
        ));
    }
    match (cache.trouble(), put) {
        (Some(why), _) => Some(format!(
            "{shown}: part of the cache could not be read ({why}); those files were extracted again"
        )),
        (None, Err(why)) => Some(format!(
            "{shown}: the cache could not be updated ({why}); this run's findings are right, but the next run will not reuse them"
        )),
        (None, Ok(())) => None,
    }
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
    /// Why the cache was not used, or not wholly.
    pub cache_warning: Option<String>,
}

/// Finds files and extracts their facts (with the cache when one is set).
pub fn extract_all(
    paths: &[PathBuf],
    lex: &Lexicon,
    options: &Options,
) -> Result<Extracted, String> {
    let (out, ()) = keeping(|sink| Ok((extract_each(paths, lex, options, sink)?, ())))?;
    Ok(out)
}

/// What receives each file's entry, in file order.
pub type Sink<'a> = dyn FnMut(Entry) -> Result<(), String> + 'a;

/// Runs `extract` with a sink that keeps every entry, in its result.
pub(crate) fn keeping<T>(
    extract: impl FnOnce(&mut Sink) -> Result<(Extracted, T), String>,
) -> Result<(Extracted, T), String> {
    let mut entries = Vec::new();
    let (mut out, more) = extract(&mut |e| {
        entries.push(e);
        Ok(())
    })?;
    out.entries = entries;
    Ok((out, more))
}

/// Like `extract_all`, but each entry goes to `sink` as soon as its batch
/// of files is done (the returned `entries` stay empty): the extract stage
/// writes them out and holds one batch, not the archive.
pub fn extract_each(
    paths: &[PathBuf],
    lex: &Lexicon,
    options: &Options,
    sink: &mut Sink,
) -> Result<Extracted, String> {
    let found = article::walk::files(paths, &options.input);
    let Some(cache_path) = &options.cache else {
        let stats = vec![None; found.files.len()];
        return Ok(extract_files(found, &stats, lex, options, None, sink)?.0);
    };
    // A cache that cannot be opened is given up before any entry is
    // written out; one that fails later is a miss for those files.
    let opened = Cache::open(cache_path, &lex.rules.version).and_then(|mut c| {
        c.read_rows()?;
        Ok(c)
    });
    let mut cache = match opened {
        Ok(c) => c,
        Err(why) => {
            let stats = vec![None; found.files.len()];
            let mut out = extract_files(found, &stats, lex, options, None, sink)?.0;
            out.cache_warning = Some(cache::gave_up(cache_path, &why));
            return Ok(out);
        }
    };
    let stats = stat_all(&found);
    let (mut extracted, puts) = extract_files(found, &stats, lex, options, Some(&cache), sink)?;
    let kept = cache.put(&puts, None);
    extracted.cache_warning = not_kept(cache_path, &cache, kept);
    Ok(extracted)
}

/// Finds files and extracts their facts without the cache.
fn extract_plain(paths: &[PathBuf], lex: &Lexicon, options: &Options) -> Result<Extracted, String> {
    let found = article::walk::files(paths, &options.input);
    let stats = vec![None; found.files.len()];
    let (out, ()) = keeping(|sink| {
        Ok((
            extract_files(found, &stats, lex, options, None, sink)?.0,
            (),
        ))
    })?;
    Ok(out)
}

/// Every file's size and mtime, in parallel (`None` for one that vanished).
fn stat_all(found: &article::walk::Found) -> Vec<Option<Stat>> {
    found.files.par_iter().map(|(p, _)| Stat::of(p)).collect()
}

/// Files are read and extracted this many at a time: enough to keep every
/// thread busy, few enough that a writing sink holds little.
pub const BATCH: usize = 1024;

/// Reads and extracts the files found, reusing the cache's entries for
/// unchanged ones, and hands each entry to `sink` in file order; returns
/// what the cache should store.
pub(crate) fn extract_files(
    found: article::walk::Found,
    stats: &[Option<Stat>],
    lex: &Lexicon,
    options: &Options,
    cache: Option<&Cache>,
    sink: &mut Sink,
) -> Result<(Extracted, Vec<Put>), String> {
    let bar = progress_bar(options.progress, found.files.len());
    let mut out = Extracted {
        missing: found.missing,
        errors: found.errors,
        ..Extracted::default()
    };
    let mut puts = Vec::new();
    for (files, stats) in found.files.chunks(BATCH).zip(stats.chunks(BATCH)) {
        let batch = extract_batch(files, stats, lex, options, cache, &bar)?;
        for (l, stat) in batch.into_iter().zip(stats) {
            let (put, entry) = match l {
                Loaded::Cached(e) => {
                    out.stats.cached += 1;
                    (None, e)
                }
                Loaded::Restat(hash, e) => {
                    out.stats.cached += 1;
                    (Some((hash, None)), e)
                }
                Loaded::Extracted(kept, e) => {
                    out.stats.extracted += 1;
                    (kept.map(|(h, b)| (h, Some(b))), e)
                }
                Loaded::Failed(e) => {
                    out.errors.push(e);
                    continue;
                }
            };
            if let (Some((hash, blob)), Some(stat)) = (put, stat) {
                puts.push(Put {
                    path: entry.summary.path.clone(),
                    stat: *stat,
                    hash,
                    blob,
                });
            }
            sink(entry)?;
        }
    }
    bar.finish_and_clear();
    Ok((out, puts))
}

/// One batch of files, loaded or extracted, in file order.
fn extract_batch(
    files: &[(PathBuf, String)],
    stats: &[Option<Stat>],
    lex: &Lexicon,
    options: &Options,
    cache: Option<&Cache>,
    bar: &indicatif::ProgressBar,
) -> Result<Vec<Loaded>, String> {
    let known: Vec<Known> = match cache {
        Some(c) => files
            .iter()
            .zip(stats)
            .map(|((_, shown), s)| c.known(shown, *s))
            .collect(),
        None => vec![Known::New; files.len()],
    };
    // Unchanged files' entries come from the database in one pass (it is
    // not shared between threads); they are decoded in parallel below.
    let mut blobs = prefetch(cache, files, &known, |k| *k == Known::Unchanged)?;
    let use_cache = cache.is_some();
    // Files are read and extracted in parallel (rayon's pool: --threads);
    // `collect` keeps the walk's order, so output is the same on any count.
    let loaded: Vec<Read> = files
        .par_iter()
        .zip(known.par_iter())
        .zip(blobs.par_iter_mut())
        .map(|(((path, shown), known), blob)| {
            let l = match blob.take().and_then(|b| cache::unpack(&b)) {
                Some(e) => Read::Done(Loaded::Cached(e)),
                None => load_one(path, shown, lex, &options.input, use_cache.then_some(known)),
            };
            bar.inc(1);
            l
        })
        .collect();
    // Files whose bytes hashed as before: their entries, fetched now.
    let same = |l: &Read| matches!(l, Read::SameBytes(_));
    let again = prefetch(cache, files, &loaded, same)?;
    let resolved = loaded.into_iter().zip(again).zip(files);
    Ok(resolved
        .map(|((l, kept), (path, shown))| match l {
            Read::Done(l) => l,
            // A kept entry that no longer reads is extracted again.
            Read::SameBytes(hash) => match kept.and_then(|b| cache::unpack(&b)) {
                Some(e) => Loaded::Restat(hash, e),
                None => match article::read(path, shown, &options.input) {
                    Ok(bytes) => extract_bytes(path, shown, &bytes, Some(hash), lex),
                    Err(e) => Loaded::Failed(e.to_string()),
                },
            },
        })
        .collect())
}

/// The cache's entries for the files `wanted` picks, in file order.
fn prefetch<T>(
    cache: Option<&Cache>,
    files: &[(PathBuf, String)],
    of: &[T],
    wanted: impl Fn(&T) -> bool,
) -> Result<Vec<Option<Vec<u8>>>, String> {
    let mut blobs: Vec<Option<Vec<u8>>> = vec![None; files.len()];
    let Some(c) = cache else {
        return Ok(blobs);
    };
    let picked: Vec<usize> = (0..files.len()).filter(|&i| wanted(&of[i])).collect();
    let paths: Vec<&str> = picked.iter().map(|&i| files[i].1.as_str()).collect();
    // A cache that no longer reads is a miss: the files are read again.
    match c.entries(&paths) {
        Ok(found) => {
            for (i, b) in picked.into_iter().zip(found) {
                blobs[i] = b;
            }
        }
        Err(why) => c.note(why),
    }
    Ok(blobs)
}

/// The second stage: checks over every fact, then suppressions, overrides,
/// confidence, baseline and focus (`factcheck check` runs this on facts
/// files).
pub fn check_all(
    extracted: Extracted,
    lex: &Lexicon,
    options: &Options,
) -> Result<Outcome, String> {
    let mut out = checked(extracted, lex);
    apply_policy(&mut out, lex, options)?;
    Ok(out)
}

/// Every fact of the first stage with the checks' findings, before policy.
fn checked(extracted: Extracted, lex: &Lexicon) -> Outcome {
    let mut out = Outcome {
        missing: extracted.missing,
        errors: extracted.errors,
        stats: extracted.stats,
        cache_warning: extracted.cache_warning,
        ..Outcome::default()
    };
    for e in extracted.entries {
        out.add(e);
    }
    out.findings = checks::run_all(&out.facts, &out.articles, &lex.rules);
    out
}

/// Each article's stat and the entities its facts name, for the kept run.
/// Only a clean run is kept, and in one every file found is an article, in
/// walk order: `stats` lines up with the articles.
fn files_of(out: &Outcome, stats: &[Option<Stat>]) -> Option<Vec<KeptFile>> {
    if stats.len() != out.articles.len() {
        return None;
    }
    let mut facts = out.facts.as_slice();
    out.articles
        .iter()
        .zip(stats)
        .map(|(a, stat)| {
            // Facts are in article order, `a.facts` of them each.
            let (mine, rest) = facts.split_at(a.facts.min(facts.len()));
            facts = rest;
            Some(KeptFile {
                stat: (*stat)?,
                entities: rerun::entities(mine),
            })
        })
        .collect()
}

/// What the cache keeps of a run: findings before policy and what they need.
fn memo_of(out: &Outcome, files: Vec<KeptFile>) -> Memo {
    let named: std::collections::HashSet<&str> = out
        .findings
        .iter()
        .flat_map(|f| f.facts.iter().map(String::as_str))
        .collect();
    Memo {
        articles: out.articles.clone(),
        fact_count: out.fact_count,
        // Without their evidence: only the JSON formats show it, and they
        // load every fact from the files' entries instead.
        facts: out
            .facts
            .iter()
            .filter(|f| named.contains(f.id.as_str()))
            .map(|f| Fact {
                evidence: crate::fact::Evidence::default(),
                ..f.clone()
            })
            .collect(),
        findings: out.findings.clone(),
        suppressions: out.suppressions.clone(),
        files,
        ..Memo::default()
    }
}

fn from_memo(memo: Memo, found: article::walk::Found) -> Outcome {
    Outcome {
        stats: Stats {
            cached: memo.articles.len(),
            reused_run: true,
            ..Stats::default()
        },
        articles: memo.articles,
        fact_count: memo.fact_count,
        facts: memo.facts,
        findings: memo.findings,
        suppressions: memo.suppressions,
        missing: found.missing,
        errors: found.errors,
        cache_warning: None,
    }
}

impl Outcome {
    fn add(&mut self, e: Entry) {
        self.fact_count += e.facts.len();
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
        owner: crate::checks::Owner::Run,
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

/// What reading one file in parallel gave.
enum Read {
    Done(Loaded),
    /// Read and hashed as the cache has it (the hash): its entry is fetched
    /// from the database after the parallel pass.
    SameBytes(String),
}

/// One file's result.
enum Loaded {
    Cached(Entry),
    /// Its stat changed but its bytes did not: the kept entry, and the hash
    /// to store with the new stat.
    Restat(String, Entry),
    /// Extracted now; with the file's hash and the entry as the cache keeps
    /// it, when there is a cache (serialized here, in parallel).
    Extracted(Option<(String, Vec<u8>)>, Entry),
    Failed(String),
}

/// Reads one file and extracts it, unless the cache (`known`) holds it
/// under the same hash.
fn load_one(
    path: &std::path::Path,
    shown: &str,
    lex: &Lexicon,
    input: &article::Input,
    known: Option<&Known>,
) -> Read {
    let bytes = match article::read(path, shown, input) {
        Ok(b) => b,
        Err(e) => return Read::Done(Loaded::Failed(e.to_string())),
    };
    let hash = known.map(|_| cache::hash(&bytes));
    if let (Some(Known::Hash(kept)), Some(h)) = (known, &hash)
        && kept == h
    {
        return Read::SameBytes(h.clone());
    }
    Read::Done(extract_bytes(path, shown, &bytes, hash, lex))
}

/// Extracts a file read as `bytes`; with its `hash` when there is a cache,
/// to keep the entry under.
fn extract_bytes(
    path: &std::path::Path,
    shown: &str,
    bytes: &[u8],
    hash: Option<String>,
    lex: &Lexicon,
) -> Loaded {
    match article::from_bytes(path, shown, bytes, &lex.rules.words) {
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
