//! The text around a figure, read again from its file for reports that
//! show sources (diagnostics, HTML). Facts carry byte offsets, not text, so
//! that the cache and facts files stay small; a report reads each file once.

use std::collections::HashMap;
use std::path::Path;

use crate::article::{decode, html, walk};
use crate::fact::Fact;

/// One line of an article with a figure in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based, as the file's line (for HTML, the line the figure is on in
    /// the page; the text shown is that line's visible text).
    pub number: usize,
    pub text: String,
    /// Byte range of the line in the article's text.
    pub start: usize,
}

/// How many articles' texts are kept at once.
const KEEP: usize = 256;

/// Article texts by path, read on first use. A file that cannot be read
/// again, or whose bytes changed since it was extracted, shows no source.
#[derive(Default)]
pub struct Sources {
    texts: HashMap<String, Option<String>>,
}

impl Sources {
    /// The line holding `fact`, when its file still has the figure where
    /// the fact says.
    pub fn line_of(&mut self, fact: &Fact) -> Option<Line> {
        let text = self.text(&fact.path)?;
        if text.get(fact.start..fact.end) != Some(fact.text.as_str()) {
            return None;
        }
        let start = text[..fact.start].rfind('\n').map_or(0, |i| i + 1);
        Some(line_from(text, start, fact.line))
    }

    /// Line `number` (1-based) of a file, for findings that point at a
    /// place rather than a figure. For HTML it is the page's line, which
    /// may not be the visible text's; those show no source.
    pub fn line_at(&mut self, path: &str, number: usize) -> Option<Line> {
        if is_html(path) {
            return None;
        }
        let text = self.text(path)?;
        let start = match number {
            0 => return None,
            1 => 0,
            n => text.match_indices('\n').nth(n - 2)?.0 + 1,
        };
        Some(line_from(text, start, number))
    }

    fn text(&mut self, path: &str) -> Option<&str> {
        if !self.texts.contains_key(path) {
            // An archive's findings name most of its files, some many
            // times; a bounded set keeps memory flat (a file read twice
            // costs less than an archive held in memory).
            if self.texts.len() >= KEEP {
                self.texts.clear();
            }
            self.texts.insert(path.to_string(), read(path));
        }
        self.texts.get(path)?.as_deref()
    }
}

fn line_from(text: &str, start: usize, number: usize) -> Line {
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Line {
        number,
        text: text[start..end].trim_end_matches('\r').to_string(),
        start,
    }
}

fn is_html(path: &str) -> bool {
    crate::article::is_html_path(Path::new(path))
}

/// The text facts' offsets point into: the decoded file, and for a page
/// its visible text.
fn read(path: &str) -> Option<String> {
    if path == walk::STDIN {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let (text, _) = decode::decode(&bytes).ok()?;
    Some(match is_html(path) {
        true => html::strip(&text),
        false => text,
    })
}
