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
    /// (an article of one paragraph has no headline).
    pub(super) fn headline(&self) -> Option<&Sentence> {
        let first = self.sentences.first().filter(|s| s.paragraph == 0)?;
        let alone = self.sentences.get(1).is_none_or(|s| s.paragraph != 0);
        let line = self.text[first.range.clone()].trim_end();
        (alone && crate::extract::text::at_most_chars(line, 80) && !line.ends_with('。'))
            .then_some(first)
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
    fn nearest(&self, d: &Decided, spans: impl Iterator<Item = Range<usize>>) -> Option<Basis> {
        spans
            .filter_map(|r| self.place(d, &r).map(|p| (p, r)))
            .min_by_key(|(p, r)| (*p, r.start.abs_diff(d.fig.start)))
            .map(|(p, r)| Basis::words(p, self.text, r))
    }

    fn entity_basis(&self, d: &Decided) -> Basis {
        let Some(e) = d.entity else {
            return Basis::bare(Source::None);
        };
        let spans = self
            .entities
            .iter()
            .filter(|m| self.table[m.entity].id == e.id)
            .map(|m| m.start..m.end);
        let Some(mut b) = self.nearest(d, spans) else {
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
        let spans = self
            .metrics
            .iter()
            .filter(|(_, m)| m.metric == want.metric)
            .map(|(at, _)| at.clone());
        self.nearest(d, spans)
            .unwrap_or_else(|| Basis::bare(Source::Inherited))
    }

    fn period_basis(&self, d: &Decided) -> Basis {
        let Some(p) = d.period else {
            return Basis::bare(Source::None);
        };
        let spans = self.times.iter().filter_map(|(m, r, _)| {
            let r = r.as_ref()?;
            let fits = r.period.overlaps(&p) || r.year.is_some_and(|y| y.overlaps(&p));
            fits.then_some(m.start..m.end)
        });
        self.nearest(d, spans)
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
