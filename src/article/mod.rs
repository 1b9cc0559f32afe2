//! Articles: load a file (decode it, strip HTML), find its body, its
//! publication date and where the page's boilerplate (related-news lists,
//! snapshot notes) begins.

mod clean;
mod date;
pub mod decode;
pub mod html;
pub mod walk;

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rules::Words;

pub use date::{full_dates, latest_full_date, month_number};

/// Where an article's publication date came from. `Header` is also an HTML
/// page's own markup: `<meta property="article:published_time">`, JSON-LD
/// `datePublished` or `<time datetime>` (the page's head is its header).
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
    /// How the file was decoded: "utf-8", "utf-8-bom", "utf-16le",
    /// "utf-16be", "gbk", "gb18030", "big5" or "windows-1252".
    pub encoding: String,
    /// An HTML page's `og:title` or `<title>`.
    pub title: Option<String>,
}

impl ArticleSummary {
    pub fn of(a: &Article, facts: usize) -> ArticleSummary {
        let inferred = matches!(a.date_source, DateSource::Inferred | DateSource::None);
        let reference_line = inferred
            .then(|| date::latest_full_date_at(a.body_text()))
            .flatten()
            .map(|(at, _)| a.line_col(a.body.start + at).0);
        ArticleSummary {
            path: a.path.clone(),
            published: a.published,
            date_source: a.date_source,
            facts,
            reference: a.reference_date(),
            reference_line,
            encoding: a.encoding.to_string(),
            title: a.title.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Article {
    /// The path as given on the command line (or found under a folder given there).
    pub path: String,
    /// The decoded file (HTML: with its markup blanked, see `html`).
    pub text: String,
    /// Byte range of the text to read for facts: after any front matter, before
    /// any trailing boilerplate.
    pub body: std::ops::Range<usize>,
    pub published: Option<NaiveDate>,
    pub date_source: DateSource,
    /// See `ArticleSummary::encoding`.
    pub encoding: &'static str,
    pub title: Option<String>,
    /// For HTML, the decoded file before stripping, whose lines are the
    /// file's lines (the stripped text has a line break at each block tag).
    pub source: Option<String>,
    /// Where the decoded file's lines start, built on the first `line_col`:
    /// every figure asks for its line, and counting newlines from the top
    /// each time was quadratic in the article's length.
    pub(crate) lines: std::sync::OnceLock<crate::rules::LineIndex>,
}

impl Article {
    /// 1-based line and column (in characters) of a byte offset of `text`,
    /// as an editor shows them in the decoded file.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let decoded = self.source.as_deref().unwrap_or(&self.text);
        self.lines
            .get_or_init(|| crate::rules::LineIndex::new(decoded))
            .line_col(decoded, offset)
    }

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
        let given = front_date.map(|d| (d, DateSource::FrontMatter));
        Article::with_body_from(path, text, front_end, given, words)
    }

    /// Builds an article from an HTML page: its visible text, and the date
    /// and title its markup gives.
    pub fn parse_html(path: &str, page: String, words: &Words) -> Article {
        let meta = html::meta(&page);
        let text = html::strip(&page);
        // The body starts on the first line with visible text, so that a
        // headline is the body's first paragraph, as in a text file.
        let first = text
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(text.len());
        let start = text[..first].rfind('\n').map_or(0, |i| i + 1);
        let given = meta.published.map(|d| (d, DateSource::Header));
        let mut a = Article::with_body_from(path, text, start, given, words);
        a.title = meta.title;
        a.source = Some(page);
        a
    }

    /// The article whose body starts at `start`; its date is `given`, else
    /// from a header line, else inferred from the body.
    fn with_body_from(
        path: &str,
        text: String,
        start: usize,
        given: Option<(NaiveDate, DateSource)>,
        words: &Words,
    ) -> Article {
        let body_end = start + clean::boilerplate_start(&text[start..], &words.boilerplate);
        let body = start..body_end;
        let (published, date_source) = match given {
            Some((d, source)) => (Some(d), source),
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
            encoding: "utf-8",
            title: None,
            source: None,
            lines: std::sync::OnceLock::new(),
        }
    }
}

/// How files are found and read (the command line's input flags).
#[derive(Debug, Clone)]
pub struct Input {
    /// `--glob`: ripgrep-style globs, `!GLOB` to exclude.
    pub globs: Vec<String>,
    /// Walk hidden files and folders too.
    pub hidden: bool,
    /// Do not respect .gitignore, .ignore and git's exclude files.
    pub no_ignore: bool,
    /// Larger files are skipped (with a warning) without being read.
    pub max_file_size: u64,
}

/// 10 MB: far above any article, well below what would hurt to hold.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

impl Default for Input {
    fn default() -> Input {
        Input {
            globs: Vec::new(),
            hidden: false,
            no_ignore: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// A size such as `512K`, `10M`, `1G` or `2048` (bytes; K, M, G are
/// powers of 1024, and a trailing `B` or `iB` is allowed).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_ascii_uppercase();
    let t = t
        .strip_suffix("IB")
        .or_else(|| t.strip_suffix('B'))
        .unwrap_or(&t);
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'K')) => (&t[..i], 10),
        Some((i, 'M')) => (&t[..i], 20),
        Some((i, 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| format!("`{s}` is not a size (examples: 512K, 10M, 1G, 2048)"))
}

/// A file that could not be read as an article.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: {problem}")]
    Io { path: String, problem: String },
    #[error(
        "{path}: larger than --max-file-size ({size} > {max} bytes), skipped (to read it, raise the limit: --max-file-size {size})"
    )]
    TooLarge { path: String, size: u64, max: u64 },
    #[error("{path}: {problem}")]
    Decode {
        path: String,
        problem: decode::Problem,
    },
    #[error("{path}: no such file or directory")]
    Missing { path: String },
    #[error(
        "{path}: {kind}, not a regular file; skipped (to read it, pipe it in: factcheck - < {path})"
    )]
    NotAFile { path: String, kind: &'static str },
}

/// Why a file could not be read, and what to do, in words: the cases an
/// unattended run over an archive meets have their own.
pub fn io_problem(path: &Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    match e.kind() {
        ErrorKind::NotFound if link => {
            let target = std::fs::read_link(path).map_or_else(|_| "?".into(), |t| t.display().to_string());
            format!("a symlink to {target}, which does not exist; skipped")
        }
        ErrorKind::NotFound => {
            "vanished before it was read (deleted or moved while the run went on); skipped".into()
        }
        ErrorKind::PermissionDenied => {
            "permission denied; skipped (give the run read access to it, or leave it out with --glob)"
                .into()
        }
        _ => format!("cannot read: {e}; skipped"),
    }
}

/// What a path that is not a regular file is (FIFOs and devices never end,
/// or block until a writer comes: they are not read).
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    if meta.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some(if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    })
}

/// Reads one article file (`-`: standard input), decoding it and, for
/// `.html`/`.htm` (or standard input that starts with `<`), stripping markup.
pub fn load(path: &Path, shown: &str, input: &Input, words: &Words) -> Result<Article, InputError> {
    let bytes = read(path, shown, input)?;
    from_bytes(path, shown, &bytes, words)
}

/// Reads one file's bytes (or stdin's, for `-`), refusing files larger than
/// `--max-file-size` before reading them.
pub fn read(path: &Path, shown: &str, input: &Input) -> Result<Vec<u8>, InputError> {
    let io = |e: std::io::Error| InputError::Io {
        path: shown.to_string(),
        problem: io_problem(path, &e),
    };
    let too_large = |size| InputError::TooLarge {
        path: shown.to_string(),
        size,
        max: input.max_file_size,
    };
    let bytes = if path.as_os_str() == walk::STDIN {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(input.max_file_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
        bytes
    } else {
        let meta = std::fs::metadata(path).map_err(io)?;
        if let Some(kind) = special_kind(&meta) {
            return Err(InputError::NotAFile {
                path: shown.to_string(),
                kind,
            });
        }
        if meta.len() > input.max_file_size {
            return Err(too_large(meta.len()));
        }
        // A file that grows while it is read stops at the limit too.
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        std::fs::File::open(path)
            .map_err(io)?
            .take(input.max_file_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
        bytes
    };
    if bytes.len() as u64 > input.max_file_size {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A page by its name: `.html` or `.htm`, any case.
pub fn is_html_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Decodes a file's bytes and parses them as an article (HTML by the
/// file's extension, or for stdin when it starts with `<`).
pub fn from_bytes(
    path: &Path,
    shown: &str,
    bytes: &[u8],
    words: &Words,
) -> Result<Article, InputError> {
    let (text, encoding) = decode::decode(bytes).map_err(|problem| InputError::Decode {
        path: shown.to_string(),
        problem,
    })?;
    let is_html = if path.as_os_str() == walk::STDIN {
        text.trim_start().starts_with('<')
    } else {
        is_html_path(path)
    };
    let mut article = match is_html {
        true => Article::parse_html(shown, text, words),
        false => Article::parse(shown, text, words),
    };
    article.encoding = encoding;
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("10M"), Ok(10 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("2MiB"), Ok(2 << 20));
        assert_eq!(parse_size("300"), Ok(300));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("-1K").is_err());
    }
}
