//! How each attribute of a fact was decided: the nearest words that name
//! its entity, its metric keyword, its time expression and its qualifier
//! cue, and how far they stand from the figure (its clause, its sentence,
//! its paragraph, the headline, the rest of the article).
//!
//! The checks turn this into a finding's confidence: a figure whose company
//! was last named three paragraphs earlier may be about a subsidiary the
//! reader met since, so a conflict built on it is not reported as an error.

use std::ops::Range;

use super::{Assembler, PRONOUNS};
use crate::extract::MetricWord;
use crate::extract::figure::Figure;
use crate::extract::period::{Mention, Resolved};
use crate::extract::text::Sentence;
use crate::fact::{Basis, EntityRef, Evidence, Period, Qualifier, Source};

/// What the evidence is gathered for.
pub(super) struct Decided<'f> {
    pub fig: &'f Figure,
    pub sentence: usize,
    pub clause: Range<usize>,
    /// The figure's own stretch of clause, from the previous figure to the next.
    pub own: Range<usize>,
    pub entity: Option<&'f EntityRef>,
    pub metric: Option<MetricWord>,
    pub period: Option<Period>,
    pub qualifier: Qualifier,
}

impl Assembler<'_> {
    /// The headline: a first line of one sentence, short, not ending in 。
    /// (an article of one paragraph has no headline). Decided once, in
    /// `Assembler::new`; this is asked for every figure and every mention.
    pub(super) fn headline(&self) -> Option<&Sentence> {
        self.sentences.first().filter(|_| self.has_headline)
    }

    pub(super) fn evidence(&self, d: &Decided) -> Evidence {
        Evidence {
            entity: self.entity_basis(d),
            metric: self.metric_basis(d),
            period: self.period_basis(d),
            qualifier: self.qualifier_basis(d),
        }
    }

    /// Where a span stands from the figure; None when it is after the figure
    /// outside its sentence (words later in the article decide nothing).
    fn place(&self, d: &Decided, at: &Range<usize>) -> Option<Source> {
        let s: &Sentence = &self.sentences[d.sentence];
        let fig = d.fig.start;
        if d.clause.start <= at.start && at.end <= d.clause.end {
            return Some(Source::Clause);
        }
        if s.range.start <= at.start && at.end <= s.range.end {
            return Some(Source::Sentence);
        }
        let head = self.headline();
        let in_head = |r: &Range<usize>| head.is_some_and(|h| h.range.contains(&r.start));
        if in_head(at) != in_head(&(fig..fig)) {
            return Some(Source::Headline);
        }
        if at.end > fig {
            return None;
        }
        // Sentences are in text order: a binary search, not a scan (this
        // runs for every figure and every mention before it).
        let i = self.sentences.partition_point(|x| x.range.end <= at.start);
        let same_paragraph = self
            .sentences
            .get(i)
            .filter(|x| x.range.contains(&at.start))
            .is_some_and(|x| x.paragraph == s.paragraph);
        Some(if same_paragraph {
            Source::Paragraph
        } else {
            Source::Article
        })
    }

    /// The nearest of `spans` to the figure, by place and then by distance.
    ///
    /// This runs for every figure over every mention of its entity, metric
    /// or time, so a span that can only be a paragraph or article source is
    /// not placed one by one: of those, the last before the figure is the
    /// nearest and its paragraph the closest (paragraphs go in text order).
    fn nearest<I>(&self, d: &Decided, spans: I) -> Option<Basis>
    where
        I: Iterator<Item = Range<usize>> + Clone,
    {
        let s = &self.sentences[d.sentence];
        let head = self.headline().map(|h| h.range.clone());
        let in_head = |at: usize| head.as_ref().is_some_and(|h| h.contains(&at));
        let fig_in_head = in_head(d.fig.start);
        let mut best: Option<(Source, usize, Range<usize>)> = None;
        let mut keep = |p: Source, r: Range<usize>| {
            let key = (p, r.start.abs_diff(d.fig.start));
            if best.as_ref().is_none_or(|(bp, bd, _)| key < (*bp, *bd)) {
                best = Some((key.0, key.1, r));
            }
        };
        let mut before: Option<Range<usize>> = None;
        for r in spans.clone() {
            let inside = s.range.start <= r.start && r.end <= s.range.end;
            if inside || in_head(r.start) != fig_in_head {
                if let Some(p) = self.place(d, &r) {
                    keep(p, r);
                }
            } else if r.end <= d.fig.start && before.as_ref().is_none_or(|b| r.start > b.start) {
                before = Some(r);
            }
        }
        if let Some(b) = before {
            if super::sentence_at(&self.sentences, b.start).is_some() {
                let p = self.place(d, &b);
                keep(p.unwrap_or(Source::Article), b);
            } else {
                // Between sentences: placed one by one, as the rule says.
                for r in spans.filter(|r| r.end <= d.fig.start) {
                    if let Some(p) = self.place(d, &r) {
                        keep(p, r);
                    }
                }
            }
        }
        best.map(|(p, _, r)| Basis::words(p, self.text, r))
    }

    /// `nearest` over `items` kept in text order (by `start`), looking only
    /// at those that can win: the headline's, the sentence's and the last
    /// one before the sentence. A figure then costs the distance to its
    /// words, not the length of the text.
    fn nearest_in<T>(
        &self,
        d: &Decided,
        items: &[T],
        start: impl Fn(&T) -> usize,
        span: impl Fn(&T) -> Option<Range<usize>> + Copy,
    ) -> Option<Basis> {
        let s = &self.sentences[d.sentence];
        let head = self.headline().map(|h| h.range.clone());
        let in_head = |at: usize| head.as_ref().is_some_and(|h| h.contains(&at));
        let everything = || self.nearest(d, items.iter().filter_map(span));
        if in_head(d.fig.start) {
            return everything();
        }
        let upto = items.partition_point(|t| start(t) < s.range.end);
        let mut picked: Vec<Range<usize>> = Vec::new();
        if let Some(h) = &head {
            let n = items.partition_point(|t| start(t) < h.end).min(upto);
            picked.extend(
                items[..n]
                    .iter()
                    .filter_map(span)
                    .filter(|r| h.contains(&r.start)),
            );
        }
        let mut here: Vec<Range<usize>> = Vec::new();
        for r in items[..upto].iter().rev().filter_map(span) {
            if r.start >= s.range.start {
                here.push(r);
            } else if in_head(r.start) {
                break;
            } else if r.end <= d.fig.start {
                if super::sentence_at(&self.sentences, r.start).is_none() {
                    // Between sentences: the rule places every span.
                    return everything();
                }
                picked.push(r);
                break;
            }
        }
        picked.extend(here.into_iter().rev());
        self.nearest(d, picked.into_iter())
    }

    fn entity_basis(&self, d: &Decided) -> Basis {
        let Some(e) = d.entity else {
            return Basis::bare(Source::None);
        };
        // The table's rows for this id, compared by index (not by name) for
        // every mention.
        let rows: Vec<usize> = (0..self.table.len())
            .filter(|&k| self.table[k].id == e.id)
            .collect();
        let span = |m: &crate::extract::entity::EntityMention| {
            rows.contains(&m.entity).then_some(m.start..m.end)
        };
        let Some(mut b) = self.nearest_in(d, &self.entities, |m| m.start, span) else {
            // 库克2021年总收入: a person's figure credited to their company is
            // the company's only by inference.
            let person = self.entities.iter().find(|m| {
                self.table[m.entity].affiliation.as_deref() == Some(&e.id)
                    && self.place(d, &(m.start..m.end)).is_some()
            });
            return match person {
                Some(m) => Basis::words(Source::Inherited, self.text, m.start..m.end),
                None => Basis::bare(Source::Article),
            };
        };
        let pronoun = b.text.as_deref().is_some_and(|t| PRONOUNS.contains(&t));
        if pronoun && b.from <= Source::Sentence {
            b.from = Source::Pronoun;
        }
        b
    }

    fn metric_basis(&self, d: &Decided) -> Basis {
        let Some(want) = d.metric else {
            return Basis::bare(Source::None);
        };
        let span =
            |(at, m): &(Range<usize>, MetricWord)| (m.metric == want.metric).then(|| at.clone());
        self.nearest_in(d, &self.metrics, |(at, _)| at.start, span)
            .unwrap_or_else(|| Basis::bare(Source::Inherited))
    }

    fn period_basis(&self, d: &Decided) -> Basis {
        let Some(p) = d.period else {
            return Basis::bare(Source::None);
        };
        let span = |(m, r, _): &(Mention, Option<Resolved>, usize)| {
            let r = r.as_ref()?;
            let fits = r.period.overlaps(&p) || r.year.is_some_and(|y| y.overlaps(&p));
            fits.then_some(m.start..m.end)
        };
        self.nearest_in(d, &self.times, |(m, _, _)| m.start, span)
            .unwrap_or_else(|| Basis::bare(Source::Article))
    }

    fn qualifier_basis(&self, d: &Decided) -> Basis {
        let lex = self.lex;
        let find = |r: Range<usize>| -> Vec<Range<usize>> {
            let spans = |hits: Vec<crate::extract::words::Hit<'_, ()>>| {
                hits.iter().map(|h| h.start..h.end).collect()
            };
            match d.qualifier {
                Qualifier::Actual => Vec::new(),
                Qualifier::Target => spans(lex.target.find(self.text, r)),
                Qualifier::Estimate => spans(lex.estimate.find(self.text, r)),
                Qualifier::Forecast => spans(lex.forecast.find(self.text, r)),
                Qualifier::Change => lex
                    .change
                    .find(self.text, r)
                    .iter()
                    .map(|h| h.start..h.end)
                    .collect(),
            }
        };
        if d.qualifier == Qualifier::Actual {
            return Basis::bare(Source::None);
        }
        let own = find(d.own.clone());
        let hits = match own.is_empty() {
            true => find(self.sentences[d.sentence].range.clone()),
            false => own,
        };
        self.nearest(d, hits.into_iter())
            .unwrap_or_else(|| Basis::bare(Source::Clause))
    }
}
