//! Extract and check as two stages, for archives past one machine.
//!
//! `factcheck extract PATHS --out facts.jsonl` runs the first stage (find,
//! read, extract: nearly all of a run's time) and writes a *facts file*;
//! `factcheck check FACTS...` reads any number of them and runs the second
//! (checks, policy, report). Shards extracted on different machines and
//! checked together give the findings one run over all of them gives.
//!
//! A facts file is JSON Lines: a `header` line with the schema, the
//! factcheck version and the rules version (a file made with other rules is
//! refused: its facts were decided by other lexicons), then one `article`
//! line per file (its summary, facts and suppression comments) and one
//! `input_error` line per file that could not be read. JSON Lines rather than
//! Parquet: it streams, concatenates (`cat a.jsonl b.jsonl` is not needed,
//! `check` takes several), and any engine reads it.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cache::Entry;
use crate::run::Extracted;

/// The schema name in a facts file's header.
pub const SCHEMA: &str = "factcheck-facts/v1";

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    schema: String,
    factcheck: String,
    rules: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line {
    Header(Header),
    Article(Box<Entry>),
    InputError { message: String },
}

/// A facts file written as its articles come (the extract stage streams:
/// it holds one batch of files' facts, not the archive's).
pub struct Writer<W: Write> {
    w: io::BufWriter<W>,
}

impl<W: Write> Writer<W> {
    /// Starts the file with its header.
    pub fn new(w: W, rules_version: &str) -> io::Result<Writer<W>> {
        let mut w = io::BufWriter::new(w);
        let header = Line::Header(Header {
            schema: SCHEMA.to_string(),
            factcheck: env!("CARGO_PKG_VERSION").to_string(),
            rules: rules_version.to_string(),
        });
        line(&mut w, &header)?;
        Ok(Writer { w })
    }

    pub fn article(&mut self, entry: &Entry) -> io::Result<()> {
        let l = ArticleLine {
            kind: "article",
            entry,
        };
        serde_json::to_writer(&mut self.w, &l)?;
        self.w.write_all(b"\n")
    }

    /// Ends the file with the input errors.
    pub fn finish(mut self, missing: &[String], errors: &[String]) -> io::Result<()> {
        for message in missing.iter().chain(errors) {
            let l = Line::InputError {
                message: message.clone(),
            };
            line(&mut self.w, &l)?;
        }
        self.w.flush()
    }
}

/// An article line written without cloning its entry.
#[derive(Serialize)]
struct ArticleLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    entry: &'a Entry,
}

fn line(w: &mut impl Write, l: &Line) -> io::Result<()> {
    serde_json::to_writer(&mut *w, l)?;
    w.write_all(b"\n")
}

/// Reads facts files into one first-stage result, articles by path. An
/// article found in two files, a file of other rules or a damaged line is
/// an error naming the file and line.
pub fn read(paths: &[PathBuf], rules_version: &str) -> Result<Extracted, String> {
    let mut out = Extracted::default();
    let mut seen: HashSet<String> = HashSet::new();
    for path in paths {
        read_one(path, rules_version, &mut out, &mut seen)?;
    }
    // Articles in path order, as a run over their common folder walks them,
    // whatever order the shards were given in.
    out.entries
        .sort_by(|a, b| a.summary.path.cmp(&b.summary.path));
    Ok(out)
}

fn read_one(
    path: &Path,
    rules_version: &str,
    out: &mut Extracted,
    seen: &mut HashSet<String>,
) -> Result<(), String> {
    let shown = path.display();
    let file = std::fs::File::open(path).map_err(|e| format!("{shown}: cannot open: {e}"))?;
    let mut header = false;
    for (i, text) in io::BufReader::new(file).lines().enumerate() {
        let n = i + 1;
        let text = text.map_err(|e| format!("{shown}:{n}: cannot read: {e}"))?;
        if text.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(&text)
            .map_err(|e| format!("{shown}:{n}: not a factcheck facts line: {e}"))?;
        match parsed {
            Line::Header(h) => {
                check_header(&h, rules_version).map_err(|e| format!("{shown}:{n}: {e}"))?;
                header = true;
            }
            _ if !header => {
                return Err(format!(
                    "{shown}:{n}: no header line; is this a file written by `factcheck extract`?"
                ));
            }
            Line::Article(e) => {
                if !seen.insert(e.summary.path.clone()) {
                    return Err(format!(
                        "{shown}:{n}: {} is in more than one facts file; extract each article once",
                        e.summary.path
                    ));
                }
                out.entries.push(*e);
            }
            Line::InputError { message } => out.errors.push(message),
        }
    }
    if !header {
        return Err(format!("{shown}: empty; not a facts file"));
    }
    Ok(())
}

fn check_header(h: &Header, rules_version: &str) -> Result<(), String> {
    if h.schema != SCHEMA {
        return Err(format!("schema {:?}, expected {SCHEMA:?}", h.schema));
    }
    if h.rules != rules_version {
        return Err(format!(
            "extracted with other rules or another factcheck ({} with rules {}; this is {} with rules {rules_version}); extract again",
            h.factcheck,
            h.rules,
            env!("CARGO_PKG_VERSION")
        ));
    }
    Ok(())
}
