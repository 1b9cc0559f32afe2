//! The incremental cache: each file's extracted facts, and the last run's
//! findings, in one SQLite file (`rusqlite` with the bundled library: an
//! embedded database, nothing to install or run, and a run killed halfway
//! loses nothing since each write is one transaction).
//!
//! A file is known unchanged, as git's index knows it, by its size and
//! modification time: a file whose size and mtime match its row is not even
//! read. Only when they differ is it read and hashed (BLAKE3), and only when
//! the hash differs too is it extracted again. A file modified within
//! `RACY` of when its row was written could have changed without its mtime
//! showing it (git's "racily clean" entries), so it is hashed anyway.
//!
//! When every file is unchanged by that test, the run's findings are too:
//! the last run's result (findings before any policy, suppression comments,
//! the facts findings name) is kept under a digest of the list of files,
//! their sizes and mtimes and the rules, and is reused without loading any
//! file's facts (unless the output needs every fact, as `--format json`
//! does). The kept run also records each article's stat and the entities
//! its facts name, so that after a few files changed only they and the
//! articles sharing their entities are checked again (`run::rerun`). Rows
//! made with other rules, or by another version of factcheck, are never
//! used and are dropped on the next write.

use std::collections::HashMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::article::ArticleSummary;
use crate::checks::{Finding, Owner};
use crate::fact::Fact;
use crate::policy::suppress::Suppression;

/// What is kept for one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub summary: ArticleSummary,
    pub facts: Vec<Fact>,
    pub suppressions: Vec<Suppression>,
}

/// A run's result before policy, as the cache keeps it.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    pub articles: Vec<ArticleSummary>,
    /// Each article's stat and entities, in the order of `articles`: what a
    /// later run compares to know which files changed and which owners they
    /// touch (see `rerun`).
    pub files: Vec<KeptFile>,
    /// How many facts the run had (only those findings name are kept).
    pub fact_count: usize,
    pub facts: Vec<Fact>,
    /// With their owners, which reports do not show.
    pub findings: Vec<Finding>,
    pub suppressions: Vec<Suppression>,
    /// Set when read back: the manifest it was kept under, and when it was
    /// made (nanoseconds since the epoch).
    pub manifest: String,
    pub made: i64,
}

impl Memo {
    /// Whether this run is the one for `manifest` and was made after every
    /// file's mtime (`newest`): a file changed within `RACY` of it could
    /// hide its change.
    pub fn still(&self, manifest: &str, newest: i64) -> bool {
        self.manifest == manifest && newest < self.made - RACY
    }
}

/// What a kept run knows of one article's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptFile {
    pub stat: Stat,
    /// The ids of the entities its facts name, sorted.
    pub entities: Vec<String>,
}

impl KeptFile {
    /// Whether a file with `stat` now is the one kept: same size and mtime,
    /// and not modified so close to the run that a change could hide.
    pub fn unchanged(&self, stat: Option<Stat>, made: i64) -> bool {
        stat.is_some_and(|s| s == self.stat && s.mtime < made - RACY)
    }
}

/// A file's size and modification time (nanoseconds since the epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    pub size: u64,
    pub mtime: i64,
}

impl Stat {
    pub fn of(path: &Path) -> Option<Stat> {
        let m = std::fs::metadata(path).ok()?;
        let mtime = m.modified().ok()?;
        Some(Stat {
            size: m.len(),
            mtime: nanos(mtime),
        })
    }
}

fn nanos(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

fn now() -> i64 {
    nanos(SystemTime::now())
}

/// How close to its row's writing a file's mtime may be before its stat is
/// not trusted (filesystems with coarse timestamps, clocks a little apart).
const RACY: i64 = 2_000_000_000;

/// A file's row, without its entry.
#[derive(Debug, Clone)]
struct Row {
    stat: Stat,
    checked: i64,
    hash: String,
}

pub struct Cache {
    conn: Connection,
    rules: String,
    /// The rows of this rules version by path, once `read_rows` has read them.
    rows: HashMap<String, Row>,
    /// A read that failed after the run began: its files were extracted
    /// again (a miss, not an error), and the run warns once.
    trouble: std::cell::RefCell<Option<String>>,
    /// The layout of a cache found made by another factcheck, now rebuilt.
    pub rebuilt: Option<i32>,
}

/// SQLite's application id for a factcheck cache ("FCK1"), in the file's
/// header: a damaged file that carries it is known to be ours, so it may be
/// removed and rebuilt; any other file is never touched.
const APPLICATION_ID: i32 = 0x4643_4b31;

/// The layout of the tables; a cache of another layout is rebuilt.
pub const SCHEMA: i32 = 2;

/// How long a run waits for another run that is writing the same cache.
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// What the cache knows of one file before reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    /// Its size and mtime match a row old enough to trust: not read.
    Unchanged,
    /// Read it; reuse the row if its bytes still hash to this.
    Hash(String),
    /// Never seen (or seen with other rules).
    New,
}

/// An entry as the cache keeps it (JSON, zstd-compressed: facts' JSON
/// repeats its field names and shrinks about tenfold); `None` only if it
/// cannot be written, and then the file is simply not cached.
pub fn blob(e: &Entry) -> Option<Vec<u8>> {
    pack(&serde_json::to_vec(e).ok()?)
}

/// zstd's level 3: its default, several hundred MB/s per core.
const LEVEL: i32 = 3;

/// Compressed with zstd's content checksum (xxHash64), so a damaged entry
/// or run fails to unpack instead of decoding into other facts.
fn pack(json: &[u8]) -> Option<Vec<u8>> {
    let mut c = zstd::bulk::Compressor::new(LEVEL).ok()?;
    c.set_parameter(zstd::zstd_safe::CParameter::ChecksumFlag(true))
        .ok()?;
    c.compress(json).ok()
}

/// A kept entry or run read back; `None` when it no longer reads (damaged),
/// and then it is made again.
pub fn unpack<T: serde::de::DeserializeOwned>(blob: &[u8]) -> Option<T> {
    let json = zstd::decode_all(blob).ok()?;
    serde_json::from_slice(&json).ok()
}

/// A kept run is read back on every unchanged run, so it is stored to be
/// decoded in parallel: its lists in chunks of `CHUNK` items, each chunk
/// compressed on its own, framed as `MAGIC`, a count, then each part's
/// length and bytes (lengths little-endian u64). One JSON document of a
/// 200k-article run's 440k named facts took 2.4 s to decode on one thread.
const MAGIC: &[u8; 4] = b"fcm3";
const CHUNK: usize = 4096;

/// The parts of a kept run that are not lists, and how many chunks follow.
#[derive(Serialize, Deserialize)]
struct MemoHead {
    fact_count: usize,
    suppressions: Vec<Suppression>,
    chunks: [usize; 4],
}

fn write_memo(m: &Memo) -> Option<Vec<u8>> {
    write_memo_in(m, CHUNK)
}

fn write_memo_in(m: &Memo, size: usize) -> Option<Vec<u8>> {
    use rayon::prelude::*;
    fn chunks<T: Serialize + Sync>(items: &[T], size: usize) -> Option<Vec<Vec<u8>>> {
        items
            .par_chunks(size)
            .map(|c| pack(&serde_json::to_vec(c).ok()?))
            .collect()
    }
    let owned: Vec<(&Owner, &Finding)> = m.findings.iter().map(|f| (&f.owner, f)).collect();
    let lists = [
        chunks(&m.articles, size)?,
        chunks(&m.files, size)?,
        chunks(&owned, size)?,
        chunks(&m.facts, size)?,
    ];
    let head = MemoHead {
        fact_count: m.fact_count,
        suppressions: m.suppressions.clone(),
        chunks: lists.each_ref().map(Vec::len),
    };
    let head = pack(&serde_json::to_vec(&head).ok()?)?;
    let parts: Vec<&Vec<u8>> = std::iter::once(&head)
        .chain(lists.iter().flatten())
        .collect();
    let mut out = MAGIC.to_vec();
    out.extend((parts.len() as u64).to_le_bytes());
    for p in parts {
        out.extend((p.len() as u64).to_le_bytes());
        out.extend(p);
    }
    Some(out)
}

/// The parts of a framed blob; `None` if it is not one (an older cache's
/// run, or damage), and then the run is simply made again.
fn frames(blob: &[u8]) -> Option<Vec<&[u8]>> {
    fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, tail) = (rest.len() >= n).then(|| rest.split_at(n))?;
        *rest = tail;
        Some(head)
    }
    fn len(rest: &mut &[u8]) -> Option<usize> {
        let bytes: [u8; 8] = take(rest, 8)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(bytes)).ok()
    }
    let mut rest = blob.strip_prefix(MAGIC.as_slice())?;
    let count = len(&mut rest)?;
    let parts = (0..count)
        .map(|_| {
            let n = len(&mut rest)?;
            take(&mut rest, n)
        })
        .collect::<Option<Vec<_>>>()?;
    rest.is_empty().then_some(parts)
}

/// A kept run read back from its blob; `None` when it is damaged.
pub fn read_memo(blob: &[u8]) -> Option<Memo> {
    use rayon::prelude::*;
    fn list<T: serde::de::DeserializeOwned + Send>(parts: &[&[u8]]) -> Option<Vec<T>> {
        let chunks: Vec<Vec<T>> = parts.par_iter().map(|p| unpack(p)).collect::<Option<_>>()?;
        Some(chunks.into_iter().flatten().collect())
    }
    let parts = frames(blob)?;
    let head: MemoHead = unpack(parts.first()?)?;
    let [a, k, f, x] = head.chunks;
    if parts.len() != 1 + a + k + f + x {
        return None;
    }
    let (articles, rest) = parts[1..].split_at(a);
    let (files, rest) = rest.split_at(k);
    let (findings, facts) = rest.split_at(f);
    let owned: Vec<(Owner, Finding)> = list(findings)?;
    let memo = Memo {
        articles: list(articles)?,
        files: list(files)?,
        fact_count: head.fact_count,
        facts: list(facts)?,
        findings: owned
            .into_iter()
            .map(|(owner, f)| Finding { owner, ..f })
            .collect(),
        suppressions: head.suppressions,
        ..Memo::default()
    };
    (memo.files.len() == memo.articles.len()).then_some(memo)
}

/// The hash a file is kept under.
pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// A file to store: its path, stat, hash and entry (`blob`), or only a new
/// stat for a file whose bytes hashed the same.
pub struct Put {
    pub path: String,
    pub stat: Stat,
    pub hash: String,
    pub blob: Option<Vec<u8>>,
}

impl Cache {
    /// Opens (or creates) the cache at `path` for this rules version.
    pub fn open(path: &Path, rules_version: &str) -> Result<Cache, String> {
        let fail = |e: rusqlite::Error| e.to_string();
        let conn = Connection::open(path).map_err(fail)?;
        conn.busy_timeout(BUSY_WAIT).map_err(fail)?;
        let (app, layout): (i32, i32) = conn
            .query_row(
                "SELECT application_id, user_version FROM pragma_application_id, pragma_user_version",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(fail)?;
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(fail)?;
        let ours = ["articles", "runs", "files"];
        if app != APPLICATION_ID && (app != 0 || tables.iter().any(|t| !ours.contains(&t.as_str())))
        {
            return Err("not a factcheck cache (another program's database)".into());
        }
        let rebuilt = (layout != SCHEMA && !tables.is_empty()).then_some(layout);
        if layout != SCHEMA {
            // Another layout (an older or newer factcheck): rebuilt.
            conn.execute_batch(&format!(
                "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS runs;
                 PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA};"
            ))
            .map_err(fail)?;
        }
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS articles (
                 path    TEXT PRIMARY KEY,
                 size    INTEGER NOT NULL,
                 mtime   INTEGER NOT NULL,
                 checked INTEGER NOT NULL,
                 hash    TEXT NOT NULL,
                 rules   TEXT NOT NULL,
                 entry   BLOB NOT NULL
             );
             CREATE TABLE IF NOT EXISTS runs (
                 manifest TEXT PRIMARY KEY,
                 rules    TEXT NOT NULL,
                 made     INTEGER NOT NULL,
                 result   BLOB NOT NULL
             );",
        )
        .map_err(fail)?;
        Ok(Cache {
            conn,
            rules: rules_version.to_string(),
            rows: HashMap::new(),
            trouble: Default::default(),
            rebuilt,
        })
    }

    /// Remembers a failed read (the first), for the run's warning.
    pub fn note(&self, problem: String) {
        self.trouble.borrow_mut().get_or_insert(problem);
    }

    /// The failed read, if any, for the run's warning.
    pub fn trouble(&self) -> Option<String> {
        self.trouble.borrow().clone()
    }

    /// Reads every file's row of this rules version (not their entries),
    /// once. Not done by `open`: a run whose files are all unchanged needs
    /// none.
    pub fn read_rows(&mut self) -> Result<(), String> {
        if !self.rows.is_empty() {
            return Ok(());
        }
        let fail = |e: rusqlite::Error| format!("cannot read: {e}");
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, mtime, checked, hash FROM articles WHERE rules = ?1")
            .map_err(fail)?;
        let found = stmt
            .query_map([&self.rules], |r| {
                let size: i64 = r.get(1)?;
                Ok((
                    r.get::<_, String>(0)?,
                    Row {
                        stat: Stat {
                            size: u64::try_from(size).unwrap_or(0),
                            mtime: r.get(2)?,
                        },
                        checked: r.get(3)?,
                        hash: r.get(4)?,
                    },
                ))
            })
            .map_err(fail)?;
        for row in found {
            let (p, v) = row.map_err(fail)?;
            self.rows.insert(p, v);
        }
        Ok(())
    }

    /// The entries of these paths, in the order given (`None` for a row
    /// that is gone or no longer reads: that file is extracted again).
    pub fn entries(&self, paths: &[&str]) -> Result<Vec<Option<Vec<u8>>>, String> {
        let fail = |e: rusqlite::Error| format!("cannot read: {e}");
        let mut stmt = self
            .conn
            .prepare_cached("SELECT entry FROM articles WHERE path = ?1 AND rules = ?2")
            .map_err(fail)?;
        paths
            .iter()
            .map(|p| {
                stmt.query_row(params![p, self.rules], |r| r.get(0))
                    .optional()
                    .map_err(fail)
            })
            .collect()
    }

    /// The last run's result, made with these rules, if it still reads.
    pub fn last_run(&self) -> Option<Memo> {
        let (manifest, made, blob): (String, i64, Vec<u8>) = self
            .conn
            .query_row(
                "SELECT manifest, made, result FROM runs WHERE rules = ?1",
                params![self.rules],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .ok()?;
        let memo = read_memo(&blob)?;
        Some(Memo {
            manifest,
            made,
            ..memo
        })
    }

    /// Stores new and re-confirmed files, drops rows of other rules versions,
    /// and keeps `memo` as the one run result (when given).
    pub fn put(&mut self, files: &[Put], memo: Option<(&str, &Memo)>) -> Result<(), String> {
        let fail = |e: rusqlite::Error| format!("cannot write: {e}");
        let checked = now();
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute("DELETE FROM articles WHERE rules <> ?1", [&self.rules])
            .map_err(fail)?;
        {
            let mut full = tx
                .prepare(
                    "INSERT OR REPLACE INTO articles (path, size, mtime, checked, hash, rules, entry)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(fail)?;
            let mut restat = tx
                .prepare("UPDATE articles SET size = ?2, mtime = ?3, checked = ?4 WHERE path = ?1")
                .map_err(fail)?;
            for f in files {
                let size = i64::try_from(f.stat.size).unwrap_or(i64::MAX);
                match &f.blob {
                    Some(b) => full.execute(params![
                        f.path,
                        size,
                        f.stat.mtime,
                        checked,
                        f.hash,
                        self.rules,
                        b
                    ]),
                    None => restat.execute(params![f.path, size, f.stat.mtime, checked]),
                }
                .map_err(fail)?;
            }
        }
        if let Some((manifest, memo)) = memo {
            let blob = write_memo(memo).ok_or("cache: cannot compress the run's result")?;
            tx.execute("DELETE FROM runs", []).map_err(fail)?;
            tx.execute(
                "INSERT INTO runs (manifest, rules, made, result) VALUES (?1, ?2, ?3, ?4)",
                params![manifest, self.rules, checked, blob],
            )
            .map_err(fail)?;
        }
        tx.commit().map_err(fail)
    }

    /// What the cache knows of `path` with this stat.
    pub fn known(&self, path: &str, stat: Option<Stat>) -> Known {
        let Some(row) = self.rows.get(path) else {
            return Known::New;
        };
        match stat {
            Some(s) if s == row.stat && s.mtime < row.checked - RACY => Known::Unchanged,
            _ => Known::Hash(row.hash.clone()),
        }
    }
}

/// Whether the file at `path` is a SQLite database with factcheck's
/// application id (read from its header, which survives most damage).
pub fn is_ours(path: &Path) -> bool {
    let mut header = [0u8; 100];
    let read = std::fs::File::open(path).and_then(|mut f| {
        use std::io::Read;
        f.read_exact(&mut header)
    });
    read.is_ok()
        && header.starts_with(b"SQLite format 3\0")
        && header[68..72] == APPLICATION_ID.to_be_bytes()
}

/// The warning for a cache the run could not use, `why` being what failed.
/// A damaged cache of ours is removed, so the next run rebuilds it; any
/// other file is left as it is.
pub fn gave_up(path: &Path, why: &str) -> String {
    let shown = path.display();
    let damaged = ["malformed", "not a database", "corrupt"]
        .iter()
        .any(|w| why.contains(w));
    if damaged && is_ours(path) {
        let removed = std::fs::remove_file(path).is_ok();
        let _ = std::fs::remove_file(format!("{}-journal", path.display()));
        return match removed {
            true => format!(
                "{shown}: the cache was damaged ({why}); removed it, the next run rebuilds it. This run did not use it: its findings are a run's without a cache"
            ),
            false => format!(
                "{shown}: the cache is damaged ({why}) and cannot be removed; delete it. This run did not use it"
            ),
        };
    }
    if damaged || why.contains("another program") {
        return format!(
            "{shown}: not a factcheck cache ({why}); this run did not use it and left it as it is (delete it, or give --cache another path)"
        );
    }
    format!(
        "{shown}: cannot use the cache ({why}); this run did not use it: its findings are a run's without a cache"
    )
}

/// The digest a run's result is kept under: every file's path, size and
/// mtime, in order, and the rules version.
pub fn manifest(files: &[(&str, Stat)], rules_version: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(b"\x1f");
    h.update(rules_version.as_bytes());
    for (path, s) in files {
        h.update(b"\x1f");
        h.update(path.as_bytes());
        h.update(&s.size.to_le_bytes());
        h.update(&s.mtime.to_le_bytes());
    }
    h.finalize().to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seeds' run: some articles, facts and findings to keep.
    fn seeds_memo() -> Memo {
        let lex = crate::extract::Lexicon::new(crate::rules::Rules::load(None).unwrap());
        let options = crate::run::Options::default();
        let seeds = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
        let extracted = crate::run::extract_all(&[seeds], &lex, &options).unwrap();
        let out = crate::run::check_all(extracted, &lex, &options).unwrap();
        let files = out
            .articles
            .iter()
            .map(|a| KeptFile {
                stat: Stat { size: 1, mtime: 2 },
                entities: vec![a.path.clone()],
            })
            .collect();
        Memo {
            articles: out.articles,
            files,
            fact_count: out.fact_count,
            facts: out.facts,
            findings: out.findings,
            suppressions: out.suppressions,
            ..Memo::default()
        }
    }

    fn json(m: &Memo) -> String {
        let owners: Vec<&Owner> = m.findings.iter().map(|f| &f.owner).collect();
        let lists = (&m.articles, &m.facts, &m.findings, &m.suppressions);
        serde_json::to_string(&(lists, &m.files, owners, m.fact_count)).unwrap()
    }

    #[test]
    fn a_kept_run_reads_back_as_it_was_written() {
        let memo = seeds_memo();
        assert!(memo.facts.len() > 1 && !memo.findings.is_empty());
        for size in [CHUNK, 2] {
            let blob = write_memo_in(&memo, size).unwrap();
            assert_eq!(
                json(&read_memo(&blob).unwrap()),
                json(&memo),
                "chunks of {size}"
            );
        }
    }

    #[test]
    fn a_damaged_or_older_kept_run_is_not_used() {
        let memo = seeds_memo();
        let blob = write_memo(&memo).unwrap();
        assert!(read_memo(&blob[..blob.len() - 1]).is_none(), "truncated");
        let mut longer = blob.clone();
        longer.push(0);
        assert!(read_memo(&longer).is_none(), "trailing bytes");
        // Any byte near the end of the last part's compressed data.
        let last_part = blob.len() - 40..blob.len() - 4;
        for i in last_part {
            let mut flipped = blob.clone();
            flipped[i] ^= 0x01;
            assert!(read_memo(&flipped).is_none(), "byte {i} damaged");
        }
        let older = zstd::bulk::compress(b"{\"fact_count\":0}", LEVEL).unwrap();
        assert!(read_memo(&older).is_none(), "one JSON document, as before");
    }

    #[test]
    fn damage_that_still_decodes_is_caught_by_the_checksum() {
        // Short, unrepetitive text is stored as it is: changing one letter
        // of it still decompresses, to other valid JSON.
        let mut blob = pack(br#"["Q7xkP2mZr9"]"#).unwrap();
        let at = blob.windows(3).position(|w| w == b"Q7x").unwrap();
        blob[at] = b'R';
        assert_eq!(unpack::<Vec<String>>(&blob), None);
    }
}
