//! Diagnostics as rustc and ruff print them, the default on a terminal: one
//! block per finding, rule and severity first, then each figure's line with
//! the figure underlined and labelled with what factcheck read of it, then
//! the arithmetic.
//!
//! annotate-snippets (rustc's renderer) draws the blocks: it measures wide
//! CJK characters as two columns and cuts a long line around its figures
//! to the terminal's width. Titles and notes are wrapped here (textwrap,
//! which measures width the same way). A label that still runs past the
//! edge (a short line with its figure near the end) moves into the notes,
//! so no line is wider than the terminal.

use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Renderer, Snippet};
use unicode_width::UnicodeWidthStr;

use super::source::{Line, Sources};
use crate::checks::{Confidence, Finding};
use crate::fact::{Approx, Fact};
use crate::rules::Severity;
use crate::run::Outcome;

/// How to draw: colors or not, and the width to fit.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Every finding as a diagnostic block (the caller prints the summary).
pub fn diagnostics(out: &Outcome, style: Style, w: &mut dyn Write) -> io::Result<()> {
    let by_id = crate::fact::by_id(&out.facts);
    let mut sources = Sources::default();
    for finding in &out.findings {
        let facts = super::facts_of(finding, &by_id);
        let lines: Vec<Option<Line>> = facts.iter().map(|f| sources.line_of(f)).collect();
        let at = finding
            .at
            .as_ref()
            .filter(|_| facts.is_empty())
            .and_then(|at| sources.line_at(&at.path, at.line));
        let block = Block {
            finding,
            facts: &facts,
            lines: &lines,
            at: at.as_ref(),
            width: style.width,
        };
        writeln!(w, "{}\n", block.render(style))?;
    }
    Ok(())
}

/// One finding with its figures and their lines, ready to draw.
struct Block<'a> {
    finding: &'a Finding,
    facts: &'a [&'a Fact],
    lines: &'a [Option<Line>],
    at: Option<&'a Line>,
    width: usize,
}

impl<'a> Block<'a> {
    /// Drawn with labels under the figures, or when one would run past the
    /// terminal's edge, with what was read of each figure as notes.
    fn render(&self, style: Style) -> String {
        let renderer = |color: bool| {
            match color {
                true => Renderer::styled(),
                false => Renderer::plain(),
            }
            .term_width(self.width)
            .decor_style(DecorStyle::Unicode)
        };
        let plain = renderer(false).render(&self.groups(true));
        let fits = plain.lines().all(|l| l.width() <= self.width);
        match (fits, style.color) {
            (true, false) => plain,
            (labels, color) => renderer(color).render(&self.groups(labels)),
        }
    }

    fn groups(&self, labels: bool) -> Vec<Group<'a>> {
        let f = self.finding;
        let (head, why) = super::title_and_why(f);
        let head = wrap(head, self.width.saturating_sub(f.rule.len() + 12));
        let mut group = level(f.severity)
            .primary_title(head)
            .id(f.rule)
            .elements(self.snippets(labels));
        if let Some(at) = self.at {
            group = group.element(self.at_snippet(at));
        }
        for (name, text) in self.notes(why, labels) {
            let text = wrap(&text, self.width.saturating_sub(name.width() + 8));
            group = group.element(Level::NOTE.with_name(name).message(text));
        }
        vec![group]
    }

    /// One snippet per line holding figures, the finding's first figure
    /// primary.
    fn snippets(&self, labels: bool) -> Vec<Snippet<'a, Annotation<'a>>> {
        // Figures on one line of one file share its snippet, when the
        // stretch between them fits the terminal.
        let mut by_line: Vec<(&Line, Vec<usize>)> = Vec::new();
        for (i, line) in self.lines.iter().enumerate() {
            let Some(line) = line else { continue };
            let path = &self.facts[i].path;
            let near = |ids: &[usize]| {
                let (from, to) = ids.iter().chain([&i]).fold((usize::MAX, 0), |(a, b), &k| {
                    (a.min(self.facts[k].start), b.max(self.facts[k].end))
                });
                line.text[from - line.start..to - line.start].width() + 40 <= self.width
            };
            match by_line.iter_mut().find(|(l, ids)| {
                l.start == line.start && &self.facts[ids[0]].path == path && near(ids)
            }) {
                Some((_, ids)) => ids.push(i),
                None => by_line.push((line, vec![i])),
            }
        }
        by_line
            .into_iter()
            .map(|(line, ids)| {
                let annotations = ids.iter().map(|&i| {
                    let fact = self.facts[i];
                    let kind = match i {
                        0 => AnnotationKind::Primary,
                        _ => AnnotationKind::Context,
                    };
                    let span = kind.span(fact.start - line.start..fact.end - line.start);
                    match labels {
                        true => span.label(label(fact, self.facts[0])),
                        false => span,
                    }
                });
                Snippet::source(line.text.clone())
                    .line_start(line.number)
                    .path(self.facts[ids[0]].path.clone())
                    .annotations(annotations)
            })
            .collect()
    }

    /// The line a finding about no figure points at, marked from its column
    /// to the first punctuation (a date, a comment's first word).
    fn at_snippet(&self, line: &Line) -> Snippet<'a, Annotation<'a>> {
        let at = self
            .finding
            .at
            .as_ref()
            .expect("at_snippet is called for findings with at");
        let from = line
            .text
            .char_indices()
            .nth(at.column.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        let rest = &line.text[from..];
        let word = rest
            .char_indices()
            .skip(1)
            .find(|&(i, c)| i >= 48 || c.is_whitespace() || is_punctuation(c))
            .map_or(rest.len(), |(i, _)| i);
        let to = from + word;
        Snippet::source(line.text.clone())
            .line_start(line.number)
            .path(at.path.clone())
            .annotation(AnnotationKind::Primary.span(from..to.max(from)))
    }

    /// The arithmetic; what was read of figures without a label (or whose
    /// file could not be read again); why the finding is less than sure.
    fn notes(&self, why: Option<&str>, labels: bool) -> Vec<(&'static str, String)> {
        let f = self.finding;
        let mut notes = Vec::new();
        for (i, fact) in self.facts.iter().enumerate() {
            let read = format!("{} {}", fact.text, label(fact, self.facts[0]));
            match &self.lines[i] {
                Some(_) if labels => {}
                Some(_) => notes.push((
                    "read",
                    format!("{} as {}", fact.text, label(fact, self.facts[0])),
                )),
                None => notes.push((
                    "figure",
                    format!("{}:{}:{}: {read}", fact.path, fact.line, fact.column),
                )),
            }
        }
        if let Some(why) = why {
            notes.push(("why", why.to_string()));
        }
        if f.confidence != Confidence::High {
            let because = f.confidence_why.as_deref().unwrap_or("");
            notes.push((
                "confidence",
                format!("{}: {because}", f.confidence.as_str()),
            ));
        }
        if let Some(was) = f.demoted_from {
            notes.push((
                "demoted",
                format!("{} below --min-confidence, reported as info", was.as_str()),
            ));
        }
        if let Some(at) =
            f.at.as_ref()
                .filter(|_| self.at.is_none() && self.facts.is_empty())
        {
            notes.push(("at", format!("{}:{}:{}", at.path, at.line, at.column)));
        }
        notes
    }
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || "，。、；：！？（）【】《》“”‘’".contains(c)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// What factcheck read of a figure: its value and unit, period,
/// qualifier and scope, and its entity and metric where they differ from
/// the finding's first figure (the title names those).
pub(crate) fn label(fact: &Fact, first: &Fact) -> String {
    let cjk = fact.text.chars().any(|c| c > '\u{2e80}');
    let n = |d| match cjk {
        true => wan_yi(d),
        false => grouped(d),
    };
    let value = match (fact.approx, fact.low, fact.high) {
        (Approx::Range, Some(low), Some(high)) => format!("{}-{}", n(low), n(high)),
        (Approx::About, ..) => format!("~{}", n(fact.value)),
        (Approx::AtLeast, ..) => format!(">={}", n(fact.value)),
        (Approx::AtMost, ..) => format!("<={}", n(fact.value)),
        _ => n(fact.value),
    };
    let mut parts = vec![format!("{value} {}", fact.unit)];
    let entity = |f: &Fact| f.entity.as_ref().map(|e| e.id.clone());
    if entity(fact) != entity(first) {
        parts.push(
            fact.entity
                .as_ref()
                .map_or("no entity", |e| &e.name)
                .to_string(),
        );
    }
    if fact.metric != first.metric {
        parts.push(fact.metric.clone().unwrap_or_else(|| "no metric".into()));
    }
    parts.push(fact.period.map_or("undated".into(), |p| p.label()));
    parts.push(fact.qualifier.as_str().to_string());
    if let Some(scope) = &fact.scope {
        parts.push(format!("{} {}", scope.kind, scope.name));
    }
    parts.join(" · ")
}

/// An amount as a Chinese reader reads it: 4.2万亿, 171.08亿, 7.6万.
fn wan_yi(d: rust_decimal::Decimal) -> String {
    let trillion = rust_decimal::Decimal::from(1_000_000_000_000u64);
    match d.abs() >= trillion {
        true => format!("{}万亿", super::number(d / trillion)),
        false => super::amount(d),
    }
}

/// 1234567.5 -> 1,234,567.5.
fn grouped(d: rust_decimal::Decimal) -> String {
    let s = super::number(d);
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// Text wrapped to `width` columns (wide characters count two); dates and
/// ranges (2025-04-19, 1.5-2.0) are not split at their hyphens.
fn wrap(text: &str, width: usize) -> String {
    let options =
        textwrap::Options::new(width.max(20)).word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_written() {
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        assert_eq!(grouped(d("1234567.5")), "1,234,567.5");
        assert_eq!(grouped(d("-1000")), "-1,000");
        assert_eq!(grouped(d("999")), "999");
        assert_eq!(wan_yi(d("4200000000000")), "4.2万亿");
        assert_eq!(wan_yi(d("17108000000")), "171.08亿");
    }
}
