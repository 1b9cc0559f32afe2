//! The incremental cache: each file's extracted facts, kept by the hash of
//! its bytes and the rules version, so a second run over an unchanged
//! archive reads and hashes every file but extracts none.
//!
//! It is one SQLite file (`rusqlite` with the bundled library: an embedded
//! database, nothing to install or run, safe against a run killed halfway
//! since writes are one transaction). Rows are loaded into memory when the
//! run starts and new ones written when it ends, so the parallel extraction
//! never waits on the database. A row made with other rules, or by another
//! version of factcheck, is never used and is dropped on the next write.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::article::ArticleSummary;
use crate::fact::Fact;
use crate::policy::suppress::Suppression;

/// What is kept for one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub summary: ArticleSummary,
    pub facts: Vec<Fact>,
    pub suppressions: Vec<Suppression>,
}

pub struct Cache {
    conn: Connection,
    rules: String,
    /// The rows of this rules version, read when the cache was opened.
    pub kept: Kept,
}

/// Rows by path: the file's hash and its entry as JSON. Apart from the
/// connection, so extraction threads can share it.
pub struct Kept {
    rows: HashMap<String, (String, Vec<u8>)>,
}

/// An entry as the cache keeps it (JSON); `None` only if it cannot be
/// written, and then the file is simply not cached.
pub fn blob(e: &Entry) -> Option<Vec<u8>> {
    serde_json::to_vec(e).ok()
}

/// The hash a file is kept under.
pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

impl Cache {
    /// Opens (or creates) the cache at `path` for this rules version.
    pub fn open(path: &Path, rules_version: &str) -> Result<Cache, String> {
        let shown = path.display();
        let fail = |e: rusqlite::Error| format!("{shown}: cache: {e}");
        let conn = Connection::open(path).map_err(fail)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS files (
                 path  TEXT PRIMARY KEY,
                 hash  TEXT NOT NULL,
                 rules TEXT NOT NULL,
                 entry BLOB NOT NULL
             );",
        )
        .map_err(|e| format!("{shown}: not a factcheck cache ({e}); delete it to start afresh"))?;
        let mut rows = HashMap::new();
        {
            let mut stmt = conn
                .prepare("SELECT path, hash, entry FROM files WHERE rules = ?1")
                .map_err(fail)?;
            let found = stmt
                .query_map([rules_version], |r| {
                    Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
                })
                .map_err(fail)?;
            for row in found {
                let (p, v) = row.map_err(fail)?;
                rows.insert(p, v);
            }
        }
        Ok(Cache {
            conn,
            rules: rules_version.to_string(),
            kept: Kept { rows },
        })
    }

    /// Stores new entries (path, hash, `blob`) and drops rows of other
    /// rules versions.
    pub fn put(&mut self, entries: &[(String, String, Vec<u8>)]) -> Result<(), String> {
        let fail = |e: rusqlite::Error| format!("cache: cannot write: {e}");
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute("DELETE FROM files WHERE rules <> ?1", [&self.rules])
            .map_err(fail)?;
        {
            let mut stmt = tx
                .prepare(
                    "INSERT OR REPLACE INTO files (path, hash, rules, entry) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(fail)?;
            for (path, hash, blob) in entries {
                stmt.execute(params![path, hash, self.rules, blob])
                    .map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }
}

impl Kept {
    /// The entry kept for `path` if its bytes still hash to `hash`.
    pub fn get(&self, path: &str, hash: &str) -> Option<Entry> {
        let (h, blob) = self.rows.get(path)?;
        if h != hash {
            return None;
        }
        // An entry that no longer reads (a damaged file) is simply extracted again.
        serde_json::from_slice(blob).ok()
    }
}
