//! Attaching entity, metric, period and qualifier to each figure.
//!
//! The rules, in the order they are tried, are in the doc comment of each
//! `*_for` method. All of them look first at the figure's own stretch of its
//! clause (from the previous figure to the next one), then at the sentence,
//! then at the paragraph or article around it.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::entity::{EntityMention, Known};
use super::figure::Figure;
use super::period::{Context, Mention, Resolved, When};
use super::text::{Sentence, sentences};
use super::{Lexicon, MetricWord};
use crate::article::{Article, DateSource};
use crate::fact::{EntityRef, Fact, Kind, Period, Qualifier, Reference};
use crate::rules::EntityKind;

pub struct Assembler<'a> {
    article: &'a Article,
    lex: &'a Lexicon,
    text: &'a str,
    reference: Option<NaiveDate>,
    sentences: Vec<Sentence>,
    figures: Vec<Figure>,
    times: Vec<(Mention, Option<Resolved>, usize)>,
    entities: Vec<EntityMention>,
    table: Vec<Known>,
    metrics: Vec<(Range<usize>, MetricWord)>,
}

/// What `分别` lists hand to the figures they pair with.
#[derive(Default, Clone)]
struct Assigned {
    metric: Option<MetricWord>,
    period: Option<Period>,
}

impl<'a> Assembler<'a> {
    pub fn new(article: &'a Article, lex: &'a Lexicon) -> Assembler<'a> {
        let text = article.text.as_str();
        let body = article.body.clone();
        let reference = article.reference_date();
        let sentences = sentences(text, body.clone());
        let figures = lex.figures.find(text, body.clone());
        let (entities, table) = lex.entities.mentions(text, body.clone());
        let metrics = lex.metrics.find(text, body.clone()).into_iter().map(|h| (h.start..h.end, *h.value)).collect();
        let times = resolve_all(super::period::mentions(text, body), &sentences, reference);
        Assembler { article, lex, text, reference, sentences, figures, times, entities, table, metrics }
    }

    pub fn facts(self) -> Vec<Fact> {
        let mut facts: Vec<Fact> = Vec::new();
        for (si, s) in self.sentences.iter().enumerate() {
            let figs: Vec<usize> =
                (0..self.figures.len()).filter(|&i| s.range.contains(&self.figures[i].start)).collect();
            if figs.is_empty() {
                continue;
            }
            let assigned = self.distribute(s, &figs);
            let first_new = facts.len();
            for (k, &fi) in figs.iter().enumerate() {
                let prev = facts[first_new..].to_vec();
                let fact = self.fact(si, s, &figs, k, &prev, assigned.get(&fi).cloned().unwrap_or_default());
                facts.push(fact);
            }
        }
        facts
    }

    fn fact(&self, si: usize, s: &Sentence, figs: &[usize], k: usize, prev: &[Fact], assigned: Assigned) -> Fact {
        let fig = &self.figures[figs[k]];
        let clause = s.clause_of(fig.start);
        let prev_end = k.checked_sub(1).map(|j| self.figures[figs[j]].end).filter(|&e| e > clause.start);
        let next_start = figs.get(k + 1).map(|&j| self.figures[j].start).filter(|&st| st < clause.end);
        let own_before = prev_end.unwrap_or(clause.start)..fig.start;
        let own_after = fig.end..next_start.unwrap_or(clause.end).max(fig.end);
        let (line, column) = crate::rules::line_col(self.text, fig.start);
        let id = format!("{}#{}", self.article.path, fig.start);

        if let Some(from) = self.conversion_of(prev, fig) {
            return self.converted(from, fig, id, line, column);
        }

        let qualifier = self.qualifier_for(s, own_before.clone(), own_after.clone());
        let per = self.per_for(own_before.clone(), fig);
        let metric = assigned.metric.or_else(|| self.metric_for(s, figs, k, fig, qualifier, &per, prev, &own_before, &own_after));
        let metric_rule = metric.map(|m| &self.lex.rules.metrics[m.metric]);
        let mut value = fig.number.value;
        let (mut low, mut high) = (fig.low, fig.high);
        if metric.is_some_and(|m| m.negative) {
            value = -value;
            (low, high) = (high.map(|h| -h), low.map(|l| -l));
        }
        let entity = self.entity_for(s, fig, &clause, metric_rule.map(|m| m.for_people), metric.is_some());
        let (period, as_of) = match assigned.period {
            Some(p) => (Some(p), None),
            None => self.period_for(si, s, fig, &clause, qualifier, metric_rule.is_some_and(|m| m.level)),
        };
        let unit = if fig.unit == "unit" && self.mentions_vehicles(s) { "vehicle".to_string() } else { fig.unit.clone() };
        Fact {
            id,
            path: self.article.path.clone(),
            line,
            column,
            start: fig.start,
            end: fig.end,
            text: self.text[fig.start..fig.end].to_string(),
            kind: fig.kind,
            value,
            low,
            high,
            approx: fig.approx,
            unit,
            entity,
            metric: metric_rule.map(|m| m.id.clone()),
            period,
            qualifier,
            precision: fig.number.place / rust_decimal::Decimal::TWO,
            segment: self.segment_for(&own_before, &own_after),
            basis: self.basis_for(own_before.clone()),
            per,
            as_of,
            converts: None,
            reference: self.reference_kind(),
        }
    }

    fn reference_kind(&self) -> Reference {
        match (self.article.date_source, self.reference) {
            (DateSource::FrontMatter | DateSource::Header, _) => Reference::Published,
            (_, Some(_)) => Reference::Inferred,
            (_, None) => Reference::None,
        }
    }

    /// `X美元(约合人民币Y元)`: the figure in brackets right after another one
    /// restates it in another currency.
    fn conversion_of<'f>(&self, prev: &'f [Fact], fig: &Figure) -> Option<&'f Fact> {
        let last = prev.last()?;
        let between = self.text.get(last.end..fig.start)?.trim();
        let opener = between.strip_prefix(['(', '（'])?.trim();
        let ok = ["", "约合", "折合", "合", "约", "超", "超过", "相当于", "即", "约为", "about", "or about"].contains(&opener);
        (ok && fig.kind == Kind::Money && last.kind == Kind::Money && last.unit != fig.unit).then_some(last)
    }

    fn converted(&self, from: &Fact, fig: &Figure, id: String, line: usize, column: usize) -> Fact {
        Fact {
            id,
            line,
            column,
            start: fig.start,
            end: fig.end,
            text: self.text[fig.start..fig.end].to_string(),
            value: if from.value.is_sign_negative() { -fig.number.value } else { fig.number.value },
            low: fig.low,
            high: fig.high,
            approx: fig.approx,
            unit: fig.unit.clone(),
            precision: fig.number.place / rust_decimal::Decimal::TWO,
            converts: Some(from.id.clone()),
            ..from.clone()
        }
    }

    /// Qualifier, from cue words in the figure's own stretch of its clause:
    /// target (目标, 方针) before or after it, then estimate (预估), then a
    /// change word right before it (增长, 蒸发; not 增长至, which gives a level),
    /// then forecast (预计, 有望). With no cue at all, a target word earlier in
    /// the sentence (立下Flag, 交付30万辆) still makes it a target.
    fn qualifier_for(&self, s: &Sentence, before: Range<usize>, after: Range<usize>) -> Qualifier {
        let (b, a) = (&self.text[before.clone()], &self.text[after]);
        if self.lex.target.contains(b) || self.lex.target.contains(a) {
            return Qualifier::Target;
        }
        if self.lex.estimate.contains(b) || self.lex.estimate.contains(a) {
            return Qualifier::Estimate;
        }
        if let Some(last) = self.lex.change.find(b, 0..b.len()).last()
            && self.lex.change_to_level.prefix_of(&b[last.end..]).is_none()
        {
            return Qualifier::Change;
        }
        if self.lex.forecast.contains(b) {
            return Qualifier::Forecast;
        }
        if self.lex.target.contains(&self.text[s.range.start..before.start]) {
            return Qualifier::Target;
        }
        Qualifier::Actual
    }

    fn per_for(&self, before: Range<usize>, fig: &Figure) -> Option<String> {
        if self.lex.unit_price.prefix_of(&self.text[fig.end..]).is_some() {
            return Some("unit_price".to_string());
        }
        self.lex.rates.find(self.text, before).last().map(|h| h.value.clone())
    }

    fn basis_for(&self, before: Range<usize>) -> Option<String> {
        let b = &self.text[before];
        if self.lex.yoy.contains(b) {
            Some("yoy".to_string())
        } else if self.lex.qoq.contains(b) {
            Some("qoq".to_string())
        } else {
            None
        }
    }

    fn segment_for(&self, before: &Range<usize>, after: &Range<usize>) -> Option<String> {
        let b = self.lex.segments.find(self.text, before.clone()).last().map(|h| h.value.clone());
        b.or_else(|| self.lex.segments.find(self.text, after.clone()).first().map(|h| h.value.clone()))
    }

    fn mentions_vehicles(&self, s: &Sentence) -> bool {
        let t = &self.text[s.range.clone()];
        t.contains('车') || t.contains("vehicle") || t.contains("car")
    }

    /// Metric, tried in order:
    /// 1. a keyword of the right class in the figure's own stretch of clause,
    ///    the nearest before it, else the nearest after it;
    /// 2. for a growth rate (增长66%), the metric of the figure it follows;
    /// 3. the metric of the nearest earlier figure of the same kind and rate
    ///    in the sentence (营收X,市场预估Y);
    /// 4. a keyword in a clause of the sentence that holds no figure;
    /// 5. for a target or forecast count, the metric rules/ name as default
    ///    for that unit (a target of 7万辆 is a delivery target).
    #[allow(clippy::too_many_arguments)]
    fn metric_for(
        &self,
        s: &Sentence,
        figs: &[usize],
        k: usize,
        fig: &Figure,
        qualifier: Qualifier,
        per: &Option<String>,
        prev: &[Fact],
        before: &Range<usize>,
        after: &Range<usize>,
    ) -> Option<MetricWord> {
        let fits = |m: &MetricWord| {
            let class = self.lex.rules.metrics[m.metric].class;
            class == fig.kind || (fig.kind == Kind::Percent && qualifier == Qualifier::Change && class != Kind::Percent)
        };
        let within = |r: &Range<usize>| -> Vec<MetricWord> {
            self.metrics.iter().filter(|(at, m)| r.start <= at.start && at.end <= r.end && fits(m)).map(|(_, m)| *m).collect()
        };
        if let Some(m) = within(before).last().copied().or_else(|| within(after).first().copied()) {
            return Some(m);
        }
        let metric_of = |f: &Fact| {
            let id = f.metric.as_ref()?;
            let metric = self.lex.rules.metrics.iter().position(|m| &m.id == id)?;
            Some(MetricWord { metric, negative: f.value.is_sign_negative() })
        };
        if fig.kind == Kind::Percent && qualifier == Qualifier::Change {
            if let Some(m) = prev.iter().rev().filter(|f| f.kind != Kind::Percent).find_map(metric_of) {
                return Some(m);
            }
        }
        if let Some(m) = prev.iter().rev().filter(|f| f.kind == fig.kind && &f.per == per).find_map(metric_of) {
            return Some(m);
        }
        let free: Vec<&Range<usize>> = s
            .clauses
            .iter()
            .filter(|c| !figs.iter().any(|&j| c.contains(&self.figures[j].start)))
            .collect();
        let _ = k;
        let nearest = self
            .metrics
            .iter()
            .filter(|(at, m)| fits(m) && free.iter().any(|c| c.start <= at.start && at.end <= c.end))
            .min_by_key(|(at, _)| at.start.abs_diff(fig.start));
        if let Some((_, m)) = nearest {
            return Some(*m);
        }
        if qualifier.is_outlook() {
            let metric = self.lex.rules.metrics.iter().position(|m| m.default_for_targets.contains(&fig.unit))?;
            return Some(MetricWord { metric, negative: false });
        }
        None
    }

    /// Entity: the nearest name before the figure in its clause, else after it
    /// in the clause, else before it in the sentence, else the last one named
    /// before the sentence (the company in focus, which 该公司/公司 refer to).
    /// People stand for their company (rules/entities.toml `affiliation`)
    /// unless the metric is about people, such as net worth.
    fn entity_for(&self, s: &Sentence, fig: &Figure, clause: &Range<usize>, for_people: Option<bool>, has_metric: bool) -> Option<EntityRef> {
        let want_person = for_people == Some(true);
        let ok = |m: &&EntityMention| !want_person || self.table[m.entity].kind == EntityKind::Person;
        let in_range = |r: Range<usize>| self.entities.iter().filter(move |m| r.start <= m.start && m.end <= r.end);
        let found = in_range(clause.start..fig.start)
            .filter(ok)
            .last()
            .or_else(|| in_range(fig.end..clause.end).find(ok))
            .or_else(|| in_range(s.range.start..fig.start).filter(ok).last())
            .or_else(|| in_range(0..s.range.start).filter(ok).last())
            .or_else(|| in_range(0..fig.start).last())?;
        let mut known = &self.table[found.entity];
        if known.kind == EntityKind::Person && !want_person && has_metric
            && let Some(org) = known.affiliation.as_ref().and_then(|a| self.table.iter().find(|k| &k.id == a))
        {
            known = org;
        }
        Some(EntityRef { id: known.id.clone(), name: known.name.clone() })
    }

    /// Period and, for targets and forecasts, when they were stated.
    ///
    /// The nearest time expression before the figure in its sentence; a
    /// comparative one (去年同期, 前一年) only inside the figure's clause and
    /// not past 至/到, and never for a change that it is the basis of
    /// (比前一年增长66% is this year's growth). Else one after the figure in
    /// its clause; else the last one earlier in the paragraph; else, for levels
    /// such as market cap, the article's date.
    fn period_for(
        &self,
        si: usize,
        s: &Sentence,
        fig: &Figure,
        clause: &Range<usize>,
        qualifier: Qualifier,
        level: bool,
    ) -> (Option<Period>, Option<Period>) {
        let usable = |(m, r, _): &&(Mention, Option<Resolved>, usize)| {
            if r.is_none() {
                return false;
            }
            if !m.comparative {
                return true;
            }
            let in_clause = clause.start <= m.start;
            let crosses = self.text[m.end.min(fig.start)..fig.start].contains(['至', '到']);
            in_clause && !crosses && !(m.basis && qualifier == Qualifier::Change)
        };
        let before = self.times.iter().filter(|(m, _, _)| s.range.start <= m.start && m.end <= fig.start).filter(usable).last();
        let after = || self.times.iter().filter(|(m, _, _)| fig.end <= m.start && m.end <= clause.end).find(usable);
        let paragraph = || {
            self.times
                .iter()
                .filter(|(m, r, p)| *p == s.paragraph && m.end <= s.range.start && !m.comparative && r.is_some())
                .last()
        };
        let _ = si;
        let chosen = before.or_else(after).or_else(paragraph).and_then(|(m, r, _)| Some((*m, (*r)?)));
        let Some((mention, resolved)) = chosen else {
            let as_of = self.reference.map(Period::day);
            return match (level && qualifier == Qualifier::Actual, qualifier.is_outlook()) {
                (true, _) => (as_of, None),
                (_, true) => (None, as_of),
                _ => (None, None),
            };
        };
        if !qualifier.is_outlook() {
            return (Some(resolved.period), None);
        }
        // A target is for a year; the day or stage it was set is its as-of.
        if resolved.stage.is_some() {
            return (resolved.year, Some(resolved.period));
        }
        if matches!(mention.when, When::In(_, super::period::Part::Day(..))) || resolved.period.start == resolved.period.end {
            return (None, Some(resolved.period));
        }
        let stated = self
            .times
            .iter()
            .filter(|(m, r, _)| s.range.start <= m.start && m.end <= fig.start && r.is_some_and(|r| r.period.start == r.period.end))
            .last()
            .and_then(|(_, r, _)| r.map(|r| r.period));
        (Some(resolved.period), stated.or(self.reference.map(Period::day)))
    }

    /// `分别` pairs a list of years or metrics with a run of figures of the same
    /// length: 2021年至2023年…分别为A、B、C; 毛利率和净利率…分别跌至X和Y.
    fn distribute(&self, s: &Sentence, figs: &[usize]) -> HashMap<usize, Assigned> {
        let mut out = HashMap::new();
        let text = &self.text[s.range.clone()];
        let Some(p) = text.find("分别").map(|p| s.range.start + p) else { return out };
        let runs = self.runs(figs);
        let metric_list = self.metric_list(s.range.start..p);
        let years = self.times.iter().find_map(|(m, r, _)| match m.when {
            When::Years(a, b) if s.range.start <= m.start && m.end <= p && b > a => Some((m.end, a, b, *r)),
            _ => None,
        });
        for run in runs.iter().filter(|r| r.len() >= 2) {
            let run_start = self.figures[run[0]].start;
            if let Some(list) = metric_list.as_ref().filter(|l| l.0.len() == run.len() && l.1 <= run_start) {
                for (fi, m) in run.iter().zip(&list.0) {
                    out.entry(*fi).or_insert_with(Assigned::default).metric = Some(*m);
                }
            }
            if let Some((end, a, b, _)) = years.filter(|y| (y.2 - y.1 + 1) as usize == run.len() && y.0 <= run_start) {
                let _ = end;
                for (fi, y) in run.iter().zip(a..=b) {
                    let period = NaiveDate::from_ymd_opt(y, 1, 1).zip(NaiveDate::from_ymd_opt(y, 12, 31));
                    out.entry(*fi).or_insert_with(Assigned::default).period =
                        period.map(|(start, end)| Period { start, end });
                }
            }
        }
        out
    }

    /// Figures joined only by list separators (、 和 与 及).
    fn runs(&self, figs: &[usize]) -> Vec<Vec<usize>> {
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for &fi in figs {
            let joined = runs.last().and_then(|r| r.last()).is_some_and(|&last| {
                is_list_join(&self.text[self.figures[last].end..self.figures[fi].start])
            });
            if joined {
                runs.last_mut().map(|r| r.push(fi));
            } else {
                runs.push(vec![fi]);
            }
        }
        runs
    }

    /// The last list of two or more metric keywords joined by list separators.
    fn metric_list(&self, range: Range<usize>) -> Option<(Vec<MetricWord>, usize)> {
        let hits: Vec<&(Range<usize>, MetricWord)> =
            self.metrics.iter().filter(|(at, _)| range.start <= at.start && at.end <= range.end).collect();
        let mut best: Option<(Vec<MetricWord>, usize)> = None;
        let mut current: Vec<&(Range<usize>, MetricWord)> = Vec::new();
        for h in hits {
            let joined = current.last().is_some_and(|last| is_list_join(&self.text[last.0.end..h.0.start]));
            if !joined {
                current.clear();
            }
            current.push(h);
            if current.len() >= 2 {
                best = Some((current.iter().map(|(_, m)| *m).collect(), h.0.end));
            }
        }
        best
    }
}

fn is_list_join(between: &str) -> bool {
    let t = between.trim();
    ["、", ",", "，", "和", "与", "及", "以及", "、和", "and", ", and"].contains(&t)
}

/// Resolves every time expression in order, each against the explicit year
/// and day written before it and the period its paragraph is about.
fn resolve_all(
    mentions: Vec<Mention>,
    sentences: &[Sentence],
    reference: Option<NaiveDate>,
) -> Vec<(Mention, Option<Resolved>, usize)> {
    let mut ctx = Context { reference, ..Context::default() };
    let mut paragraph = usize::MAX;
    mentions
        .into_iter()
        .map(|m| {
            let p = sentences.iter().find(|s| s.range.contains(&m.start)).map_or(0, |s| s.paragraph);
            if p != paragraph {
                paragraph = p;
                ctx.current = None;
            }
            let r = m.resolve(&ctx);
            if let Some(r) = r.filter(|_| !m.comparative) {
                ctx.current = Some(r.year.unwrap_or(r.period));
                // Only years the text writes out anchor 当年/全年; 现在 does not.
                let written = matches!(m.when, When::In(super::period::Year::Explicit(_), _) | When::Years(..));
                if let Some(y) = r.explicit_year().filter(|_| written) {
                    ctx.year = Some(y);
                }
                if r.period.start == r.period.end {
                    ctx.day = Some(r.period.start);
                }
            }
            (m, r, p)
        })
        .collect()
}
