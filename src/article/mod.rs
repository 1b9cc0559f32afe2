//! Articles: load a file, find its body, its publication date and where the
//! page's boilerplate (related-news lists, snapshot notes) begins.

mod clean;
mod date;
pub mod walk;

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rules::Words;

pub use date::{full_dates, latest_full_date, month_number};

/// Where an article's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    FrontMatter,
    Header,
    /// No date given: the latest full date written in the body stands in.
    Inferred,
    None,
}

/// What a run reports about each article (the `articles` of the JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub path: String,
    pub published: Option<NaiveDate>,
    pub date_source: DateSource,
    pub facts: usize,
    /// The date relative words were resolved against.
    pub reference: Option<NaiveDate>,
    /// For an undated article, the line of the body date that stood in.
    pub reference_line: Option<usize>,
}

impl ArticleSummary {
    pub fn of(a: &Article, facts: usize) -> ArticleSummary {
        let inferred = matches!(a.date_source, DateSource::Inferred | DateSource::None);
        let reference_line = inferred
            .then(|| date::latest_full_date_at(a.body_text()))
            .flatten()
            .map(|(at, _)| crate::rules::line_col(&a.text, a.body.start + at).0);
        ArticleSummary {
            path: a.path.clone(),
            published: a.published,
            date_source: a.date_source,
            facts,
            reference: a.reference_date(),
            reference_line,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Article {
    /// The path as given on the command line (or found under a folder given there).
    pub path: String,
    pub text: String,
    /// Byte range of the text to read for facts: after any front matter, before
    /// any trailing boilerplate.
    pub body: std::ops::Range<usize>,
    pub published: Option<NaiveDate>,
    pub date_source: DateSource,
}

impl Article {
    /// The date relative words resolve against: the publication date, or for an
    /// undated article the latest full date in its body.
    pub fn reference_date(&self) -> Option<NaiveDate> {
        match self.date_source {
            DateSource::FrontMatter | DateSource::Header => self.published,
            DateSource::Inferred | DateSource::None => latest_full_date(self.body_text()),
        }
    }

    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// Builds an article from its text.
    pub fn parse(path: &str, text: String, words: &Words) -> Article {
        let (front_end, front_date) = clean::front_matter(&text);
        let body_end = front_end + clean::boilerplate_start(&text[front_end..], &words.boilerplate);
        let body = front_end..body_end;
        let (published, date_source) = match front_date {
            Some(d) => (Some(d), DateSource::FrontMatter),
            None => match date::header_date(&text[body.clone()]) {
                Some(d) => (Some(d), DateSource::Header),
                None if latest_full_date(&text[body.clone()]).is_some() => {
                    (None, DateSource::Inferred)
                }
                None => (None, DateSource::None),
            },
        };
        Article {
            path: path.to_string(),
            text,
            body,
            published,
            date_source,
        }
    }
}

/// A file that could not be read as an article.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path}:{line}:{column}: not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); convert the file to UTF-8"
    )]
    NotUtf8 {
        path: String,
        line: usize,
        column: usize,
        byte: u8,
        offset: usize,
    },
    #[error("{path}: no such file or directory")]
    Missing { path: String },
}

/// Reads one article file.
pub fn load(path: &Path, shown: &str, words: &Words) -> Result<Article, InputError> {
    let bytes = std::fs::read(path).map_err(|source| InputError::Io {
        path: shown.to_string(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let offset = e.utf8_error().valid_up_to();
        let good = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let (line, column) = crate::rules::line_col(good, offset);
        InputError::NotUtf8 {
            path: shown.to_string(),
            line,
            column,
            byte: bytes[offset],
            offset,
        }
    })?;
    Ok(Article::parse(shown, text, words))
}
