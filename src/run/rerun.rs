//! A run after a few files changed: only what they can change is judged
//! again, and every other finding of the last run is kept.
//!
//! Every check judges either one article's facts or one entity's facts
//! across the archive (`checks::Scope`), and each finding records which
//! (`checks::Owner`). When some files changed, the findings that can differ
//! are those owned by the changed articles and by the entities their facts
//! name, before or after the change. So those entities' articles are loaded
//! (from the cache) with the changed ones and checked together, and only
//! the findings of those owners are taken from that check. Each check sorts
//! its findings by owner, so the kept and the new ones merge into the order
//! a whole run gives: the output is the one a cold run prints
//! (`tests/policy.rs` compares them).

use std::collections::{HashMap, HashSet};

use super::{Extracted, Options, Outcome, Stats, extract_files, keeping};
use crate::article::walk::Found;
use crate::cache::{Cache, Entry, KeptFile, Memo, Put, Stat};
use crate::checks::{self, Finding, Owner};
use crate::extract::Lexicon;
use crate::fact::Fact;

/// Which files changed since the kept run.
pub(super) struct Plan {
    /// For each file found, the index of its article in the kept run when
    /// it is unchanged.
    kept: Vec<Option<usize>>,
    /// Files new or changed (indices into the files found).
    changed: Vec<usize>,
    /// Kept articles changed or gone.
    dropped: Vec<usize>,
}

/// The files that changed since `memo`'s run; `None` when too many did for
/// a partial run to pay (then the whole archive is checked).
pub(super) fn plan(memo: &Memo, found: &Found, stats: &[Option<Stat>]) -> Option<Plan> {
    let index: HashMap<&str, usize> = memo
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path.as_str(), i))
        .collect();
    let shown: HashSet<&str> = found.files.iter().map(|(_, s)| s.as_str()).collect();
    // A file found twice (through a link) is two articles of one path.
    if index.len() != memo.articles.len() || shown.len() != found.files.len() {
        return None;
    }
    let mut plan = Plan {
        kept: Vec::with_capacity(found.files.len()),
        changed: Vec::new(),
        dropped: Vec::new(),
    };
    for (i, ((_, path), stat)) in found.files.iter().zip(stats).enumerate() {
        let was = index.get(path.as_str()).copied();
        let same = was.filter(|&j| memo.files[j].unchanged(*stat, memo.made));
        if same.is_none() {
            plan.changed.push(i);
            plan.dropped.extend(was);
        }
        plan.kept.push(same);
    }
    let gone = memo.articles.iter().enumerate();
    plan.dropped.extend(
        gone.filter(|(_, a)| !shown.contains(a.path.as_str()))
            .map(|(j, _)| j),
    );
    let limit = (found.files.len() / 4).max(16);
    (plan.changed.len() + plan.dropped.len() <= limit).then_some(plan)
}

/// The run, from the kept one and the files `plan` found changed (after a
/// clean walk: no path was missing, which the caller's manifest implies). `None`
/// when an unchanged file's facts cannot be loaded: then the whole archive
/// is checked.
pub(super) fn rerun(
    plan: Plan,
    memo: Memo,
    found: &Found,
    stats: &[Option<Stat>],
    cache: &mut Cache,
    lex: &Lexicon,
    options: &Options,
) -> Result<Option<Rerun>, String> {
    cache.read_rows()?;
    let load = |picked: &[usize]| {
        let files = Found {
            files: picked.iter().map(|&i| found.files[i].clone()).collect(),
            ..Found::default()
        };
        let stats: Vec<Option<Stat>> = picked.iter().map(|&i| stats[i]).collect();
        keeping(|sink| extract_files(files, &stats, lex, options, Some(cache), sink))
    };
    let (fresh, mut puts) = load(&plan.changed)?;
    let touched = touched(&memo, &plan.dropped, &fresh.entries);
    let again: Vec<usize> = (0..found.files.len())
        .filter(|&i| {
            plan.kept[i].is_some_and(|j| memo.files[j].entities.iter().any(|e| touched.contains(e)))
        })
        .collect();
    let (reloaded, more) = load(&again)?;
    if !reloaded.errors.is_empty() {
        return Ok(None);
    }
    puts.extend(more);
    let counts = Stats {
        cached: plan.kept.iter().flatten().count() + fresh.stats.cached,
        extracted: fresh.stats.extracted + reloaded.stats.extracted,
        rechecked: Some(fresh.entries.len() + reloaded.entries.len()),
        ..Stats::default()
    };
    let judged = Judged::new(fresh, reloaded, touched, &memo, &plan, found, lex);
    let (out, files) = judged.merge(memo, plan, found, stats, counts);
    Ok(Some(Rerun { out, files, puts }))
}

/// A partial run's outcome, each article's file as the next kept run
/// should know it (`None` for a file whose stat could not be read: then no
/// run is kept), and what the cache should store.
pub(super) struct Rerun {
    pub out: Outcome,
    pub files: Option<Vec<KeptFile>>,
    pub puts: Vec<Put>,
}

/// The entities whose findings may change: those the dropped articles'
/// facts named, and those the changed files' facts name now.
fn touched(memo: &Memo, dropped: &[usize], fresh: &[Entry]) -> HashSet<String> {
    let before = dropped
        .iter()
        .flat_map(|&j| memo.files[j].entities.iter().cloned());
    let now = fresh.iter().flat_map(|e| entities(&e.facts));
    before.chain(now).collect()
}

/// The ids of the entities `facts` name, sorted, once each.
pub(super) fn entities(facts: &[Fact]) -> Vec<String> {
    let mut ids: Vec<String> = facts
        .iter()
        .filter_map(|f| f.entity.as_ref().map(|e| e.id.clone()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The articles loaded again, checked together, and the owners whose
/// findings come from that check.
struct Judged {
    /// Loaded articles by path.
    entries: HashMap<String, Entry>,
    findings: Vec<Finding>,
    owners: HashSet<Owner>,
    errors: Vec<String>,
}

impl Judged {
    fn new(
        fresh: Extracted,
        reloaded: Extracted,
        touched: HashSet<String>,
        memo: &Memo,
        plan: &Plan,
        found: &Found,
        lex: &Lexicon,
    ) -> Judged {
        // Both lists are in walk order; the check needs them merged in it.
        let order: HashMap<&str, usize> = found
            .files
            .iter()
            .enumerate()
            .map(|(i, (_, shown))| (shown.as_str(), i))
            .collect();
        let mut loaded: Vec<(usize, Entry)> = fresh
            .entries
            .into_iter()
            .chain(reloaded.entries)
            .map(|e| {
                (
                    order
                        .get(e.summary.path.as_str())
                        .copied()
                        .unwrap_or(usize::MAX),
                    e,
                )
            })
            .collect();
        loaded.sort_by_key(|(at, _)| *at);
        let facts: Vec<Fact> = loaded.iter().flat_map(|(_, e)| e.facts.clone()).collect();
        let articles: Vec<_> = loaded.iter().map(|(_, e)| e.summary.clone()).collect();
        let mut owners: HashSet<Owner> = touched.into_iter().map(Owner::Entity).collect();
        let dropped = plan.dropped.iter().map(|&j| memo.articles[j].path.clone());
        owners.extend(
            articles
                .iter()
                .map(|a| a.path.clone())
                .chain(dropped)
                .map(Owner::Article),
        );
        let findings = checks::run_all(&facts, &articles, &lex.rules)
            .into_iter()
            .filter(|f| owners.contains(&f.owner))
            .collect();
        Judged {
            entries: loaded
                .into_iter()
                .map(|(_, e)| (e.summary.path.clone(), e))
                .collect(),
            findings,
            owners,
            errors: fresh.errors,
        }
    }

    /// The kept run with these owners' findings replaced, as a whole run
    /// over the files found would give it.
    fn merge(
        mut self,
        memo: Memo,
        plan: Plan,
        found: &Found,
        stats: &[Option<Stat>],
        counts: Stats,
    ) -> (Outcome, Option<Vec<KeptFile>>) {
        let rank: HashMap<&str, usize> = checks::CHECKS
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let mut findings: Vec<Finding> = memo
            .findings
            .into_iter()
            .filter(|f| f.owner != Owner::Run && !self.owners.contains(&f.owner))
            .chain(std::mem::take(&mut self.findings))
            .collect();
        findings.sort_by(|a, b| (rank[a.rule], &a.owner).cmp(&(rank[b.rule], &b.owner)));
        let named: HashSet<&str> = findings
            .iter()
            .flat_map(|f| f.facts.iter().map(String::as_str))
            .collect();
        let mut kept_facts: HashMap<String, Vec<Fact>> = HashMap::new();
        for f in memo
            .facts
            .into_iter()
            .filter(|f| named.contains(f.id.as_str()))
        {
            kept_facts.entry(f.path.clone()).or_default().push(f);
        }
        let mut kept_suppressions: HashMap<String, Vec<_>> = HashMap::new();
        for s in memo.suppressions {
            kept_suppressions.entry(s.path.clone()).or_default().push(s);
        }
        let mut out = Outcome {
            stats: counts,
            errors: self.errors,
            ..Outcome::default()
        };
        let mut files = Some(Vec::new());
        let mut memo_articles: Vec<Option<_>> = memo.articles.into_iter().map(Some).collect();
        for (i, (_, path)) in found.files.iter().enumerate() {
            if let Some(j) = plan.kept[i]
                && !self.entries.contains_key(path)
            {
                let Some(a) = memo_articles[j].take() else {
                    continue;
                };
                out.fact_count += a.facts;
                out.articles.push(a);
                if let Some(files) = &mut files {
                    files.push(memo.files[j].clone());
                }
                out.facts
                    .extend(kept_facts.remove(path).unwrap_or_default());
                out.suppressions
                    .extend(kept_suppressions.remove(path).unwrap_or_default());
            } else if let Some(e) = self.entries.remove(path) {
                files = files.zip(stats[i]).map(|(mut files, s)| {
                    files.push(KeptFile {
                        stat: s,
                        entities: entities(&e.facts),
                    });
                    files
                });
                out.fact_count += e.facts.len();
                out.articles.push(e.summary);
                out.suppressions.extend(e.suppressions);
                out.facts.extend(
                    e.facts
                        .into_iter()
                        .filter(|f| named.contains(f.id.as_str()))
                        .map(|f| Fact {
                            evidence: crate::fact::Evidence::default(),
                            ..f
                        }),
                );
            }
        }
        out.findings = findings;
        (out, files)
    }
}
