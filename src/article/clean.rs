//! Front matter and trailing boilerplate.

use chrono::NaiveDate;

use crate::rules::Boilerplate;

/// Byte offset where the body starts after YAML front matter, and the
/// front matter's `date:` if it has one.
pub fn front_matter(text: &str) -> (usize, Option<NaiveDate>) {
    let text_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[text_start..];
    if !(rest.starts_with("---\n") || rest.starts_with("---\r\n")) {
        return (text_start, None);
    }
    let mut offset = text_start + rest.find('\n').map_or(rest.len(), |i| i + 1);
    let mut date = None;
    for line in text[offset..].split_inclusive('\n') {
        offset += line.len();
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return (offset, date);
        }
        if let Some(value) = line.strip_prefix("date:") {
            date = super::date::parse_date_prefix(value.trim().trim_matches(['"', '\'']));
        }
    }
    // No closing fence: not front matter after all.
    (text_start, None)
}

/// Offset, within `body`, of the first boilerplate line (or `body.len()`).
/// Only lines in the later part of the body count, so that a short article
/// whose second line happens to read "相关新闻" is not emptied.
pub fn boilerplate_start(body: &str, words: &Boilerplate) -> usize {
    let min = body.len() / 4;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        // 【相关新闻】, **往期回顾**, ## Related articles: the words, unadorned.
        let trimmed = line
            .trim()
            .trim_matches(['【', '】', '[', ']', '*', '#', ' ', '　'])
            .trim_end_matches([':', '：']);
        let hit = words.lines.iter().any(|w| trimmed == w)
            || words.starts.iter().any(|w| trimmed.starts_with(w.as_str()));
        if hit && offset >= min {
            return offset;
        }
        offset += line.len();
    }
    body.len()
}
