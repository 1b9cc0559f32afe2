//! HTML articles: the visible text at the same byte offsets, and the page's
//! own publication date and title.
//!
//! Markup is blanked in place rather than parsed away: every tag, comment and
//! the content of `<script>`, `<style>`, `<title>`, `<noscript>` and
//! `<template>` becomes spaces (newlines inside stay newlines), and a
//! character reference (`&amp;`, `&#20320;`) becomes its character padded
//! with spaces. So a figure sits at the same byte offset as in the decoded
//! file, which is what the facts' `start`/`end` promise. A full parser
//! (`html5ever`, `scraper`) returns a tree of text nodes whose link to file
//! offsets is lost, and tolerance of broken markup is less needed here than
//! exact offsets.
//!
//! A block-level tag (`<p>`, `<div>`, `<br>`, `<li>`, `<h1>`…) separates
//! sentences and paragraphs, which are lines to the extractor, so its first
//! byte becomes a newline. The stripped text therefore has more lines than
//! the file; `Article::line_col` counts lines in the file itself.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// Elements whose content is not article text.
const HIDDEN: [&str; 5] = ["script", "style", "title", "noscript", "template"];

/// Elements that end a paragraph (or a table cell, a list item).
const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "ul",
    "ol",
    "table",
    "hr",
    "dd",
    "dt",
    "figcaption",
    "pre",
    "main",
];

/// The named character references news pages use. Others (HTML has over two
/// thousand) are left as written: rare in news text, and harmless there.
const ENTITIES: [(&str, char); 35] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    // A no-break space is read as a plain one: to the extractor it is one.
    ("nbsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("yen", '¥'),
    ("euro", '€'),
    ("pound", '£'),
    ("cent", '¢'),
    ("dollar", '$'),
    ("percnt", '%'),
    ("permil", '‰'),
    ("plusmn", '±'),
    ("times", '×'),
    ("divide", '÷'),
    ("minus", '−'),
    ("middot", '·'),
    ("bull", '•'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("deg", '°'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
];

/// The visible text of `html`: the same length and the same characters
/// outside markup (see the module comment).
pub fn strip(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' if b[i..].starts_with(b"<!--") => {
                let end = find(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
                blank(&mut out, i..end);
                i = end;
            }
            b'<' if is_tag_start(&b[i + 1..]) => {
                let end = tag_end(b, i);
                let closing = b[i + 1] == b'/';
                let name = tag_name(&html[i + 1..end]);
                blank(&mut out, i..end);
                if BLOCKS.contains(&name.as_str()) {
                    out[i] = b'\n';
                }
                i = end;
                if !closing && HIDDEN.contains(&name.as_str()) {
                    let close = find_ci(b, i, format!("</{name}").as_bytes()).unwrap_or(b.len());
                    blank(&mut out, i..close);
                    i = close;
                }
            }
            b'&' => match reference(&html[i..]) {
                Some((len, c)) => {
                    let mut buf = [0; 4];
                    let s = c.encode_utf8(&mut buf);
                    blank(&mut out, i..i + len);
                    out[i..i + s.len()].copy_from_slice(s.as_bytes());
                    i += len;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    // Only whole tags, comments and references (ASCII-delimited) were
    // replaced, by whole characters, so this cannot fail.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Spaces over `range`, keeping line breaks.
fn blank(out: &mut [u8], range: std::ops::Range<usize>) {
    for b in &mut out[range] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// `<a`, `</a`, `<!DOCTYPE`, `<?xml`: a tag; `<` before anything else
/// ("a < b", "<5%") is text.
fn is_tag_start(rest: &[u8]) -> bool {
    match rest {
        [b'/', c, ..] => c.is_ascii_alphabetic(),
        [c, ..] => c.is_ascii_alphabetic() || *c == b'!' || *c == b'?',
        [] => false,
    }
}

/// The end (after `>`) of the tag opening at `start`. A quote opens a
/// value only after `=`, so a stray apostrophe cannot swallow the page.
fn tag_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    let mut quote: Option<u8> = None;
    let mut after_eq = false;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'>' => return i + 1,
            None if (c == b'"' || c == b'\'') && after_eq => quote = Some(c),
            None => {}
        }
        if !c.is_ascii_whitespace() {
            after_eq = quote.is_none() && c == b'=';
        }
        i += 1;
    }
    b.len()
}

/// The lower-cased element name of a tag's inside (`/P class=x>` -> "p").
fn tag_name(inside: &str) -> String {
    inside
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// The character reference at the start of `s` (`&amp;`, `&#20320;`,
/// `&#x4F60;`): its length in bytes and its character, when that character
/// fits in as many bytes (it always does: a reference is at least 4 bytes).
fn reference(s: &str) -> Option<(usize, char)> {
    let end = s[1..].find(';')? + 1;
    let name = &s[1..end];
    if name.is_empty() || name.len() > 10 {
        return None;
    }
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        ENTITIES.iter().find(|(n, _)| *n == name)?.1
    };
    (c.len_utf8() <= end + 1).then_some((end + 1, c))
}

/// What the page says about itself.
#[derive(Debug, Default, PartialEq)]
pub struct Meta {
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
}

static META: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<meta\b[^>]*>").expect("valid regex"));
static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<time\b[^>]*>").expect("valid regex"));
static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
        .expect("valid regex")
});
static JSON_LD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<script\b[^>]*application/ld\+json[^>]*>(.*?)</script>").expect("valid regex")
});
static DATE_PUBLISHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""datePublished"\s*:\s*"([^"]+)""#).expect("valid regex"));
static TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<title\b[^>]*>(.*?)</title>").expect("valid regex"));

/// `<meta>` names (in `property`, `name` or `itemprop`) that give the
/// publication date.
const DATE_KEYS: [&str; 6] = [
    "article:published_time",
    "og:published_time",
    "pubdate",
    "publishdate",
    "datepublished",
    "dc.date.issued",
];

/// The publication date, from (first found wins) a `<meta>` such as
/// `article:published_time`, JSON-LD `datePublished`, or the first
/// `<time datetime>`; the title from `og:title`, else `<title>`. Markup
/// that does not parse as a date is passed over.
pub fn meta(html: &str) -> Meta {
    let metas: Vec<Vec<(String, String)>> =
        META.find_iter(html).map(|m| attrs(m.as_str())).collect();
    let date = |v: &str| super::date::parse_date_prefix(v.trim());
    let from_meta = contents(&metas, &DATE_KEYS).find_map(date);
    let from_json_ld = || {
        JSON_LD
            .captures_iter(html)
            .flat_map(|c| {
                let block = c.get(1).map_or("", |m| m.as_str());
                DATE_PUBLISHED
                    .captures_iter(block)
                    .filter_map(|d| date(&d[1]))
                    .collect::<Vec<_>>()
            })
            .next()
    };
    let from_time = || {
        TIME.find_iter(html).find_map(|m| {
            let attrs = attrs(m.as_str());
            date(&attrs.iter().find(|(k, _)| k == "datetime")?.1)
        })
    };
    let title = contents(&metas, &["og:title"])
        .next()
        .map(str::to_string)
        .or_else(|| TITLE.captures(html).map(|c| c[1].to_string()))
        .map(|t| text_of(&t))
        .filter(|t| !t.is_empty());
    Meta {
        published: from_meta.or_else(from_json_ld).or_else(from_time),
        title,
    }
}

/// The `content` of each `<meta>` whose `property`, `name` or `itemprop` is
/// one of `keys`.
fn contents<'a>(
    metas: &'a [Vec<(String, String)>],
    keys: &'a [&str],
) -> impl Iterator<Item = &'a str> + 'a {
    metas.iter().filter_map(move |attrs| {
        let value = |name: &str| attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v);
        let key = value("property")
            .or_else(|| value("name"))
            .or_else(|| value("itemprop"))?;
        keys.contains(&key.to_ascii_lowercase().as_str())
            .then(|| value("content").map(String::as_str))
            .flatten()
    })
}

/// A tag's attributes, names lower-cased, values with references decoded.
fn attrs(tag: &str) -> Vec<(String, String)> {
    ATTR.captures_iter(tag)
        .map(|c| {
            let value = c
                .get(2)
                .or(c.get(3))
                .or(c.get(4))
                .map_or("", |m| m.as_str());
            (c[1].to_ascii_lowercase(), text_of(value))
        })
        .collect()
}

/// An attribute value or a title as text: references decoded, single-spaced.
fn text_of(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (len, c) = reference(rest).unwrap_or((1, '&'));
        out.push(c);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_blanked_in_place() {
        let html = "<p class=\"a>b\">营收<b>12.5</b>亿元</p><!-- 注释\n -->x";
        let text = strip(html);
        assert_eq!(text.len(), html.len());
        assert_eq!(text.find("营收"), html.find("营收"));
        assert_eq!(text.find("亿元"), html.find("亿元"));
        assert!(text.starts_with('\n'), "a <p> starts a line: {text:?}");
        assert!(!text.contains('<') && !text.contains("注释"), "{text:?}");
        assert_eq!(text.matches('\n').count(), 3, "{text:?}");
    }

    #[test]
    fn scripts_styles_and_titles_are_not_text() {
        let html = "<title>标题1亿</title><script>var x = \"<p>2亿</p>\";\n</script><STYLE>p{}</STYLE>正文";
        let text = strip(html);
        assert_eq!(text.trim(), "正文");
        assert_eq!(text.matches('\n').count(), 1);
    }

    #[test]
    fn references_decode_in_place() {
        let html = "A&amp;B&nbsp;12&#46;5&#x4EBF;&yen;&bogus; a < b";
        let text = strip(html);
        assert_eq!(text.len(), html.len());
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["A&", "B", "12.", "5亿", "¥", "&bogus;", "a", "<", "b"]
        );
    }

    #[test]
    fn date_and_title_from_the_head() {
        let html = r#"<html><head><title>Old &amp; plain</title>
            <meta property="og:title" content="营收增长 &quot;12%&quot;">
            <meta property="article:published_time" content="2025-03-01T08:00:00+08:00">
            </head><body><time datetime="2024-01-01">x</time></body></html>"#;
        let m = meta(html);
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!(m.title.as_deref(), Some("营收增长 \"12%\""));
    }

    #[test]
    fn date_from_json_ld_then_time() {
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2024-11-02T10:00:00Z"}</script><time datetime="2020-01-01">"#;
        assert_eq!(meta(ld).published, NaiveDate::from_ymd_opt(2024, 11, 2));
        let time = "<title> A\n title </title><p><time class=x datetime='2023-05-06'>May 6</time>";
        let m = meta(time);
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2023, 5, 6));
        assert_eq!(m.title.as_deref(), Some("A title"));
        assert_eq!(meta("<p>no date</p>"), Meta::default());
    }

    proptest::proptest! {
        /// Any input, however broken: no panic, same length, every line
        /// break of the page kept, no text outside markup moved.
        #[test]
        fn strip_keeps_offsets(page in "(<[a-z/!]{0,3}|&[#a-z0-9]{0,5};?|[ 营收12.5亿元\n'\"=>-])*") {
            let text = strip(&page);
            proptest::prop_assert_eq!(text.len(), page.len());
            let breaks = |s: &str| s.match_indices('\n').map(|(i, _)| i).collect::<Vec<_>>();
            let kept = breaks(&page).into_iter().all(|i| text.as_bytes()[i] == b'\n');
            proptest::prop_assert!(kept);
            for (i, _) in page.match_indices("亿") {
                proptest::prop_assert!(text[i..].starts_with("亿") || text.as_bytes()[i] == b' ');
            }
        }
    }
}
