//! Attaching entity, metric, period and qualifier to each figure.
//!
//! The rules, in the order they are tried, are in the doc comment of each
//! `*_for` method. All of them look first at the figure's own stretch of its
//! clause (from the previous figure to the next one), then at the sentence,
//! then at the paragraph or article around it.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::entity::{EntityMention, Table};
use super::figure::Figure;
use super::period::{Context, Mention, Resolved, When};
use super::text::{Sentence, sentences};
use super::{Lexicon, MetricWord};
use crate::article::{Article, DateSource};
use crate::fact::{EntityRef, Fact, Kind, Period, Qualifier, Reference, Scope};
use crate::rules::EntityKind;

mod evidence;

pub struct Assembler<'a> {
    article: &'a Article,
    lex: &'a Lexicon,
    text: &'a str,
    reference: Option<NaiveDate>,
    sentences: Vec<Sentence>,
    figures: Vec<Figure>,
    times: Vec<(Mention, Option<Resolved>, usize)>,
    entities: Vec<EntityMention>,
    table: Table<'a>,
    metrics: Vec<(Range<usize>, MetricWord)>,
    /// The time expression the current figure's period was taken from, so
    /// that fiscal renaming knows how it was written (FY2025 or "a year
    /// earlier"), not just which days it resolved to.
    source: std::cell::Cell<Option<Mention>>,
    /// Whether the first sentence is a headline (see `headline`).
    has_headline: bool,
    /// Whether the body speaks of fiscal years at all (fiscal, 财年, 财季).
    fiscal_article: bool,
}

/// Where a total's items are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Items {
    After,
    Before,
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
        let mut figures = lex.figures.find(text, body.clone());
        let (mut entities, table) = lex.entities.mentions(text, body.clone());
        add_pronouns(text, body.clone(), &mut entities, &table);
        let mut metrics: Vec<(Range<usize>, MetricWord)> = lex
            .metrics
            .iter()
            .flat_map(|words| words.find(text, body.clone()))
            .map(|h| (h.start..h.end, *h.value))
            .collect();
        metrics.sort_by_key(|(at, _)| (at.start, at.end));
        // A keyword inside a longer one of another class (净利 in 净利率) is not
        // a keyword there; partly overlapping ones (年销, 销售额) both stay.
        let spans: Vec<Range<usize>> = metrics.iter().map(|(at, _)| at.clone()).collect();
        metrics.retain(|(at, _)| {
            !spans
                .iter()
                .any(|o| o != at && o.start <= at.start && at.end <= o.end)
        });
        keep_implied_money(text, &mut figures, &metrics, lex, &sentences);
        let mut times = resolve_all(
            text,
            super::period::mentions(text, body.clone()),
            &sentences,
            reference,
            body,
        );
        mark_bases(text, &figures, &mut times);
        let has_headline = is_headline(text, &sentences);
        let body_text = &text[article.body.clone()];
        let fiscal_article = ["fiscal", "财年", "财季"]
            .iter()
            .any(|w| body_text.contains(w));
        Assembler {
            article,
            lex,
            text,
            reference,
            sentences,
            figures,
            times,
            entities,
            table,
            metrics,
            source: std::cell::Cell::new(None),
            has_headline,
            fiscal_article,
        }
    }

    pub fn facts(self) -> Vec<Fact> {
        let mut facts: Vec<Fact> = Vec::new();
        for (si, s) in self.sentences.iter().enumerate() {
            let figs: Vec<usize> = (0..self.figures.len())
                .filter(|&i| s.range.contains(&self.figures[i].start))
                .collect();
            if figs.is_empty() {
                continue;
            }
            let assigned = self.distribute(s, &figs);
            let first_new = facts.len();
            for (k, &fi) in figs.iter().enumerate() {
                let fact = self.fact(
                    si,
                    s,
                    &figs,
                    k,
                    &facts[first_new..],
                    assigned.get(&fi).cloned().unwrap_or_default(),
                );
                facts.push(fact.normalized());
            }
        }
        self.complete_headline(&mut facts);
        self.resolve_anaphora(&mut facts);
        let people: Vec<(usize, usize, String, String)> = self
            .entities
            .iter()
            .filter(|m| self.table[m.entity].kind == EntityKind::Person)
            .map(|m| {
                let k = &self.table[m.entity];
                (m.start, m.end, k.id.clone(), k.name.clone())
            })
            .collect();
        super::age::assign(self.text, &mut facts, &people);
        self.link_items(&mut facts);
        facts
    }

    /// 这个数字增长到4倍,达到12.4亿元: a figure after 这个数字 with no metric of
    /// its own measures what the previous sentence of its paragraph measured.
    fn resolve_anaphora(&self, facts: &mut [Fact]) {
        for i in 0..facts.len() {
            if facts[i].metric.is_some() {
                continue;
            }
            let s = &self.sentences[facts[i].sentence];
            let pointer = ANAPHORA
                .iter()
                .any(|w| self.text[s.range.start..facts[i].start].contains(w));
            // "Analysts had expected $1.45 billion": an estimate of the figure
            // the paragraph just gave.
            let estimate = facts[i].qualifier == Qualifier::Estimate;
            if !pointer && !estimate {
                continue;
            }
            let (kind, unit) = (facts[i].kind, facts[i].unit.clone());
            let earlier = facts[..i].iter().rev().find(|f| {
                self.sentences[f.sentence].paragraph == s.paragraph
                    && f.metric.is_some()
                    && (pointer || (f.kind == kind && f.unit == unit))
            });
            if let Some(metric) = earlier.and_then(|f| f.metric.clone()) {
                facts[i].metric = Some(metric);
            }
        }
    }

    /// A headline repeats figures the body states with their context: a
    /// headline figure missing a period, entity or metric takes them from the
    /// body figure with the same value and unit.
    fn complete_headline(&self, facts: &mut [Fact]) {
        let Some(title) = self.sentences.first().filter(|s| s.paragraph == 0) else {
            return;
        };
        let line = &self.text[title.range.clone()];
        if !crate::extract::text::at_most_chars(line, 80) || line.trim_end().ends_with('。') {
            return;
        }
        let (head, body): (Vec<usize>, Vec<usize>) =
            (0..facts.len()).partition(|&i| title.range.contains(&facts[i].start));
        for h in head {
            let Some(b) = body
                .iter()
                .find(|&&b| facts[b].value == facts[h].value && facts[b].unit == facts[h].unit)
            else {
                continue;
            };
            let source = facts[*b].clone();
            let f = &mut facts[h];
            f.period = f.period.or(source.period);
            f.entity = f.entity.take().or(source.entity);
            f.metric = f.metric.take().or(source.metric);
        }
    }

    fn fact(
        &self,
        si: usize,
        s: &Sentence,
        figs: &[usize],
        k: usize,
        prev: &[Fact],
        assigned: Assigned,
    ) -> Fact {
        let fig = &self.figures[figs[k]];
        self.source.set(None);
        let clause = s.clause_of(fig.start);
        let prev_end = k
            .checked_sub(1)
            .map(|j| self.figures[figs[j]].end)
            .filter(|&e| e > clause.start);
        // The words after a figure run to the next figure, or past a bracketed
        // restatement of it (55亿美元(约合人民币400亿元)季度收入).
        let next_start = figs
            .get(k + 1)
            .map(|&j| self.figures[j].start)
            .filter(|&st| {
                st < clause.end && !self.text[fig.end..st].trim_start().starts_with(['(', '（'])
            });
        let own_before = prev_end.unwrap_or(clause.start)..fig.start;
        let own_after = fig.end..next_start.unwrap_or(clause.end).max(fig.end);
        let (line, column) = self.article.line_col(fig.start);
        let id = format!("{}#{}", self.article.path, fig.start);

        if let Some(from) = self.conversion_of(prev, fig) {
            return self.converted(from, fig, id, line, column);
        }

        let since_prev =
            k.checked_sub(1)
                .map_or(s.range.start, |j| self.figures[figs[j]].end)..fig.start;
        let text = &self.text[fig.start..fig.end];
        // 出售广州证券100%股权: a stake, not a rate of anything.
        let stake = fig.kind == Kind::Percent
            && STAKE_WORDS
                .iter()
                .any(|w| self.text[fig.end..].starts_with(w));
        let qualifier = match is_doubling(text) {
            true => Qualifier::Change,
            // An outlook word earlier in the sentence governs its figures
            // only when it stands before all of them (据测算，A，B); one
            // between figures reaches the next figure alone (净利润A,市场预估B).
            false => self.qualifier_for(
                s.range.start..fig.start,
                self.figures[figs[0]].start,
                since_prev.clone(),
                own_before.clone(),
                own_after.clone(),
                prev.last(),
            ),
        };
        let shaped = self.shape(fig, qualifier, &own_before, &since_prev);
        let fig = &shaped;
        let per = self.per_for(own_before.clone(), fig);
        let metric = assigned.metric.filter(|_| !stake).or_else(|| {
            if stake {
                return None;
            }
            self.metric_for(s, figs, fig, qualifier, &per, prev, &own_before, &own_after)
        });
        let metric_rule = metric.map(|m| &self.lex.rules.metrics[m.metric]);
        let mut value = fig.number.value;
        let (mut low, mut high) = (fig.low, fig.high);
        // A loss keyword makes the figure negative; one already written with
        // a minus sign (净亏损-3.18亿元) stays as it is.
        if metric.is_some_and(|m| m.negative) && value.is_sign_positive() {
            value = -value;
            (low, high) = (high.map(|h| -h), low.map(|l| -l));
        }
        // An index, a commodity or a bond yield belongs to no company.
        let market = metric_rule.is_some_and(|m| m.hidden && m.daily);
        let entity = self
            .entity_for(
                s,
                fig,
                &clause,
                metric_rule.map(|m| m.for_people),
                metric.is_some(),
            )
            .filter(|_| !market);
        let (period, as_of) = match assigned.period {
            Some(p) => (Some(p), None),
            None if self.starts_a_move(figs, k, &own_before) => (None, None),
            // A stake is held on a day: the one its sentence names, else today's.
            None if stake => (
                self.day_in_sentence(s, fig)
                    .or(self.reference.map(Period::day)),
                None,
            ),
            None => self.period_for(s, fig, &clause, qualifier, metric_rule),
        };
        let period = self.headline_period(s, fig).or(period);
        let revised = self
            .lex
            .earlier
            .contains(&self.text[s.range.start..fig.start])
            || self
                .lex
                .earlier
                .prefix_of(self.text[own_after.clone()].trim_start())
                .is_some();
        let daily = metric_rule.is_some_and(|m| m.daily);
        let period = period.map(|p| self.fiscal(p, entity.as_ref(), daily, self.source.get()));
        let period = period.map(|p| self.since_year_start(p, qualifier, &own_before, s));
        let period = period.map(|p| self.year_to_date(p, qualifier, metric_rule));
        let period = period.map(|p| self.base_after_from(p, figs, k, &own_before, &own_after));
        let period = period.map(|p| self.ended_year(p, qualifier));
        let scope = self.scope_for(
            s,
            &clause,
            &since_prev,
            &own_before,
            &own_after,
            qualifier,
            fig,
            prev,
        );
        let evidence = self.evidence(&evidence::Decided {
            fig,
            sentence: si,
            clause: clause.clone(),
            own: own_before.start..own_after.end,
            entity: entity.as_ref(),
            metric: metric.filter(|_| metric_rule.is_some_and(|m| !m.hidden)),
            period,
            qualifier,
        });
        let unit = if fig.unit == "unit" && self.counts_vehicles(fig, metric_rule) {
            "vehicle".to_string()
        } else {
            fig.unit.clone()
        };
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
            metric: metric_rule.filter(|m| !m.hidden).map(|m| m.id.clone()),
            period,
            qualifier,
            precision: fig.number.place / rust_decimal::Decimal::TWO,
            rounded: fig.number.rounded,
            segment: scope.as_ref().map(|(id, _)| id.clone()),
            scope: scope.map(|(_, s)| s),
            basis: self.basis_for(own_before.clone()),
            per,
            as_of,
            converts: None,
            reference: self.reference_kind(),
            sentence: si,
            revised,
            compared_with: self
                .base_figure(figs, k, fig, qualifier)
                .map(|g| format!("{}#{}", self.article.path, g.start)),
            base_period: self.base_period(fig),
            total: self.is_total(fig),
            itemized: self.is_total(fig) && self.itemized(figs, k, fig).is_some(),
            item_of: None,
            evidence,
        }
    }

    /// 合计25亿元, 累计亏损超过56亿元, "a total of $4.1bn", "48,200 in total".
    fn is_total(&self, fig: &Figure) -> bool {
        static BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"(?i)(?:合计|共计|总计|累计|一共|总共|总额|总数|共|a total of|total of|in total|combined|altogether|cumulative|cumulatively)[^，,。；;0-9]{0,8}$")
                .expect("valid regex")
        });
        // The words right after the figure: the cues are short, and the
        // rest of a long article is not copied for each of its figures.
        let rest = self.text[fig.end..].trim_start();
        let near = rest.char_indices().nth(40).map_or(rest.len(), |(i, _)| i);
        let after = rest[..near].to_ascii_lowercase();
        BEFORE.is_match(&self.lead(fig.start, 16))
            || [
                "in total",
                "in all",
                "altogether",
                "combined",
                "in aggregate",
            ]
            .iter()
            .any(|w| {
                after.starts_with(w) || after.split_once(' ').is_some_and(|(_, r)| r.starts_with(w))
            })
    }

    /// How a total is broken down in its own sentence, if it is: followed by
    /// its items (合计25亿元,分别用于…; "48,200 in total: 15,100 in January, …")
    /// or closing a list of them (A、B和C,合计X).
    fn itemized(&self, figs: &[usize], k: usize, fig: &Figure) -> Option<Items> {
        let next = figs.get(k + 1).map(|&j| self.figures[j].start);
        let i = self.sentences.partition_point(|s| s.range.end <= fig.start);
        let sentence_end = self
            .sentences
            .get(i)
            .filter(|s| s.range.contains(&fig.start))
            .map_or(fig.end, |s| s.range.end);
        let after = &self.text[fig.end..next.unwrap_or(sentence_end).max(fig.end)];
        // 其中…分别: some of the parts, not all of them.
        let some_of = ["其中", "of which", "including", "among them"]
            .iter()
            .any(|w| after.contains(w));
        if !some_of && (after.contains("分别") || after.contains([':', '：'])) {
            return Some(Items::After);
        }
        // A、B和C,合计X: items in its unit joined as a list, then only the
        // total word.
        static CLOSING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"^[\s，,、；;]*(?:合计|共计|总计|一共|总共|累计|in total|a total of)\s*(?:为|约|达|of)?\s*$")
                .expect("valid regex")
        });
        let items_before = k >= 2
            && (1..=2).all(|d| {
                let g = &self.figures[figs[k - d]];
                g.unit == fig.unit && g.kind == fig.kind
            })
            && is_list_join(
                &self.text[self.figures[figs[k - 2]].end..self.figures[figs[k - 1]].start],
            );
        let closes =
            k >= 1 && CLOSING.is_match(&self.text[self.figures[figs[k - 1]].end..fig.start]);
        (items_before && closes).then_some(Items::Before)
    }

    /// Ties each itemized total's items to it (`item_of`): after it, the
    /// figures in its unit up to the end of the clause group (；, 。); before
    /// it, the list it closes.
    fn link_items(&self, facts: &mut [Fact]) {
        for i in 0..facts.len() {
            if !facts[i].itemized {
                continue;
            }
            let (id, si, unit, kind) = (
                facts[i].id.clone(),
                facts[i].sentence,
                facts[i].unit.clone(),
                facts[i].kind,
            );
            let same = |f: &Fact| f.sentence == si && f.unit == unit && f.kind == kind;
            let next_start = facts
                .get(i + 1)
                .map_or(facts[i].end, |f| f.start.max(facts[i].end));
            let between = &self.text[facts[i].end..next_start];
            let after = facts[i + 1..].iter().any(&same)
                && (between.contains("分别") || between.contains([':', '：']));
            let mut items: Vec<usize> = Vec::new();
            if after {
                let mut prev_end = facts[i].end;
                for (j, f) in facts.iter().enumerate().skip(i + 1) {
                    if f.sentence != si || self.text[prev_end..f.start].contains(['；', ';', '。'])
                    {
                        break;
                    }
                    if same(f) && f.converts.is_none() {
                        items.push(j);
                    }
                    prev_end = f.end;
                }
            } else {
                let mut j = i;
                while j > 0 && same(&facts[j - 1]) {
                    let joined =
                        j == i || is_list_join(&self.text[facts[j - 1].end..facts[j].start]);
                    if !joined {
                        break;
                    }
                    items.push(j - 1);
                    j -= 1;
                }
            }
            for j in items {
                facts[j].item_of = Some(id.clone());
            }
        }
    }

    /// The figure a change or a multiple is measured against, when the
    /// sentence writes it: 较上年同期的16.9亿美元增长10.1%, 是净利润2亿元的10倍
    /// (before it), "three times the $1.5bn of 2021", "to $5bn from $4bn"
    /// (after it).
    fn base_figure(
        &self,
        figs: &[usize],
        k: usize,
        fig: &Figure,
        qualifier: Qualifier,
    ) -> Option<&Figure> {
        let ratio = fig.kind == Kind::Ratio;
        if !ratio && qualifier != Qualifier::Change {
            return None;
        }
        let others = |range: &mut dyn Iterator<Item = usize>| -> Vec<&Figure> {
            range.map(|j| &self.figures[figs[j]]).collect()
        };
        let before = others(&mut (0..k).rev());
        let after = others(&mut (k + 1..figs.len()));
        // 是净利润2亿元的10倍: the figure right before 的.
        if ratio
            && let Some(g) = before.first()
            && self.text[g.end..fig.start].trim() == "的"
        {
            return Some(g);
        }
        // "three times the $1.5bn of 2021", "five times that of its rival,
        // Ardent Motion, which is valued at $15bn".
        if ratio && let Some(g) = after.first() {
            let between = self.text[fig.end..g.start].trim();
            let of = ["the", "of", "that of the"].contains(&between)
                || (["that of", "the"].iter().any(|w| between.starts_with(w))
                    && crate::extract::text::at_most_chars(between, 80)
                    && !between.contains(['.', ';', '。']));
            if of {
                return Some(g);
            }
        }
        // 较上年同期的16.9亿美元增长10.1%: a figure after 比/较, shortly before.
        if let Some(g) = before.first() {
            let lead = self.lead(g.start, 20);
            let between = self.text[g.end..fig.start].trim();
            if COMPARE_LEAD.is_match(&lead)
                && crate::extract::text::at_most_chars(between, 8)
                && !between.contains(['。', ';', '；'])
            {
                return Some(g);
            }
        }
        // "rose 25% to $5bn from $4bn", "up 8% from RMB1.2bn a year earlier".
        after.iter().take(2).copied().find(|g| {
            let between = &self.text[fig.end..g.start];
            // (a decimal point in a figure between is not a full stop)
            FROM_LEAD.is_match(between)
                && !between.contains([';', '。', '；'])
                && !between.contains(". ")
        })
    }

    /// Up to `chars` characters of text before byte `at`.
    fn lead(&self, at: usize, chars: usize) -> String {
        let from = self.text[..at]
            .char_indices()
            .rev()
            .take(chars)
            .last()
            .map_or(at, |(i, _)| i);
        self.text[from..at].to_string()
    }

    /// 是2020年的7.4倍, "3.6 times the level a year earlier": what a multiple
    /// is of, when that is a time rather than a figure.
    fn base_period(&self, fig: &Figure) -> Option<Period> {
        if fig.kind != Kind::Ratio {
            return None;
        }
        let before = self.times.iter().rfind(|(m, r, _)| {
            r.is_some() && m.end <= fig.start && self.text[m.end..fig.start].trim() == "的"
        });
        let after = || {
            self.times.iter().find(|(m, r, _)| {
                r.is_some()
                    && fig.end <= m.start
                    && crate::extract::text::at_most_chars(&self.text[fig.end..m.start], 16)
                    && !self.text[fig.end..m.start].contains([',', '，', '.', '。'])
            })
        };
        before
            .or_else(after)
            .and_then(|(_, r, _)| r.map(|r| r.period))
    }

    /// A fiscal year or quarter (FY2025, 2025财年, fiscal fourth quarter) in the
    /// months of its entity's fiscal year: Nvidia's FY2025 ends 2025-01-31, so it
    /// is 2024-02-01..2025-01-31. The year end comes from rules/entities.toml, or
    /// for a company the lexicon does not know, from the article ("fiscal year
    /// ends March 31", 财年截至3月31日, "the year to January 31, 2025").
    ///
    /// `source` is the expression the period was read from, when known: how it
    /// was written decides which fiscal year is meant (FY2025 names one; a bare
    /// "fourth quarter" is the latest begun; "the year just ended" the latest
    /// ended; "a year earlier" one year before the quarter it compares with).
    fn fiscal(
        &self,
        p: Period,
        entity: Option<&EntityRef>,
        daily: bool,
        source: Option<Mention>,
    ) -> Period {
        // Only a calendar year or a part of one is renamed (an FY already
        // mapped, or a span across years, stays as it is); share prices and
        // market caps move in calendar time, whoever's they are.
        if daily || p.start.year() != p.end.year() || p.start.day() != 1 {
            return p;
        }
        let sources: Vec<Mention> = match source {
            Some(m) => vec![m],
            None => self
                .times
                .iter()
                .filter(|(_, r, _)| r.is_some_and(|r| r.period == p))
                .map(|(m, _, _)| *m)
                .collect(),
        };
        if !sources.iter().any(|m| self.names_fiscal(m, p)) {
            return p;
        }
        let Some((m, d)) = self.fiscal_year_end(entity).filter(|&md| md != (12, 31)) else {
            return p;
        };
        let Some(mapped) = fiscal_months(p, m, d) else {
            return p;
        };
        let explicit = sources.iter().any(|m| {
            matches!(
                m.when,
                When::In(super::period::Year::Explicit(_), _) | When::ReportYear
            )
        });
        let compared = !sources.is_empty() && sources.iter().all(|m| m.comparative);
        let ended = sources.iter().any(|m| m.ended);
        let Some(r) = self.reference.filter(|_| !explicit) else {
            return mapped;
        };
        match (ended, compared) {
            (true, _) => latest_ended(mapped, r),
            // A whole year "a year earlier" is named by its own number.
            (_, true) if p.end.month() - p.start.month() == 11 => mapped,
            // A quarter "a year earlier" than the latest one.
            (_, true) => year_back(latest_begun(mapped, r)),
            _ => latest_begun(mapped, r),
        }
    }

    /// Whether an expression that resolved to `p` names a fiscal period: a
    /// fiscal year or quarter (FY2025, fiscal fourth quarter, "the current
    /// financial year"), a named quarter or half in an article about fiscal
    /// years, or a comparison with one ("in the prior year", "a year earlier");
    /// not "the three months to December", which spells out calendar months.
    fn names_fiscal(&self, m: &Mention, p: Period) -> bool {
        use super::period::Part;
        let fiscal_article = self.fiscal_article;
        let quarter = p.end.month() - p.start.month() == 2;
        let direct = |m: &Mention| {
            matches!(
                m.when,
                When::In(_, Part::Quarter(_) | Part::Half(_) | Part::Whole) | When::ReportYear
            ) && (m.fiscal || (fiscal_article && quarter))
        };
        if direct(m) {
            return true;
        }
        // "for the quarter", 期内: fiscal when the period they point back to
        // was written as a fiscal one.
        if matches!(
            m.when,
            When::Report | When::ReportQuarter | When::ReportYear
        ) {
            return self
                .times
                .iter()
                .any(|(n, r, _)| !n.comparative && r.is_some_and(|r| r.period == p) && direct(n));
        }
        if !m.comparative || !fiscal_article {
            return false;
        }
        // A comparison is fiscal when what it compares with is: a fiscal
        // period written in the article, a year later than `p`.
        let later = year_forward(p);
        self.times.iter().any(|(n, r, _)| {
            let Some(r) = r.filter(|_| !n.comparative) else {
                return false;
            };
            let fiscal_year = matches!(n.when, When::Ending(_, _, _, 12))
                && r.period.end.year() == later.end.year();
            fiscal_year || (r.period == later && (n.fiscal || quarter))
        })
    }

    /// Month and day a fiscal year ends on, for `entity`: from the lexicon,
    /// else for an organisation found in the text, as the article states it.
    fn fiscal_year_end(&self, entity: Option<&EntityRef>) -> Option<(u32, u32)> {
        let known = entity.and_then(|e| self.table.iter().find(|k| k.id == e.id))?;
        if let Some(end) = known.fiscal_year_end {
            return Some(end);
        }
        if !known.id.starts_with("org:") {
            return None;
        }
        stated_fiscal_end(self.article.body_text()).or_else(|| {
            // "in the year to January 31, 2025": a twelve-month period written
            // with its end day.
            self.times.iter().find_map(|(m, r, _)| match m.when {
                When::Ending(_, _, _, 12) => r.map(|r| (r.period.end.month(), r.period.end.day())),
                _ => None,
            })
        })
    }

    /// 较年初增加163.7亿元, 年内累计上涨62.35%: a change measured from the
    /// start of the year runs from January 1 to the date of the level.
    fn since_year_start(
        &self,
        p: Period,
        qualifier: Qualifier,
        before: &Range<usize>,
        s: &Sentence,
    ) -> Period {
        let window = &self.text[s.range.start..before.end];
        let from_start = YEAR_START_WORDS.iter().any(|w| window.contains(w));
        match (
            qualifier,
            from_start,
            NaiveDate::from_ymd_opt(p.end.year(), 1, 1),
        ) {
            (Qualifier::Change, true, Some(start)) if p.start.year() == p.end.year() => {
                Period { start, end: p.end }
            }
            _ => p,
        }
    }

    /// "The stock has gained 71% this year", 今年股价累计上涨: a quote's move
    /// over the current year runs from January 1 to the article's date.
    fn year_to_date(
        &self,
        p: Period,
        qualifier: Qualifier,
        metric: Option<&crate::rules::Metric>,
    ) -> Period {
        let daily = metric.is_some_and(|m| m.daily);
        let Some(today) = self
            .reference
            .filter(|_| daily && qualifier == Qualifier::Change)
        else {
            return p;
        };
        let whole_year = p.start.month() == 1
            && p.start.day() == 1
            && p.end.month() == 12
            && p.end.day() == 31
            && p.start.year() == p.end.year();
        if whole_year && p.start <= today && today < p.end {
            Period {
                start: p.start,
                end: today,
            }
        } else {
            p
        }
    }

    /// "swung to a net loss of £86m from a net profit of £41m", "to ¥62 a
    /// share from ¥55": a figure after "from" that follows the new level, with
    /// no time of its own, is the level a year earlier.
    fn base_after_from(
        &self,
        p: Period,
        figs: &[usize],
        k: usize,
        before: &Range<usize>,
        after: &Range<usize>,
    ) -> Period {
        static FROM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r"(?i)\bfrom(?:\s+(?:an?|the|its)(?:\s+[a-z-]+){0,4}\s+of)?\s*$")
                .expect("valid regex")
        });
        let own_time = self.times.iter().any(|(m, _, _)| {
            (before.start <= m.start && m.end <= before.end)
                || (after.start <= m.start && m.start < after.end)
        });
        // "from $5bn to $7bn" is a move, not a base.
        let starts_move = figs.get(k + 1).is_some_and(|&j| {
            let between = self.text[self.figures[figs[k]].end..self.figures[j].start].trim();
            between == "to" || between.ends_with(" to")
        });
        if k == 0
            || own_time
            || starts_move
            || p.start == p.end
            || !FROM.is_match(&self.text[before.clone()])
        {
            return p;
        }
        let back = |d: NaiveDate| d.checked_sub_months(chrono::Months::new(12));
        match (back(p.start), back(p.end)) {
            (Some(start), Some(end)) => Period { start, end },
            _ => p,
        }
    }

    /// 从35元跌到8块多: the first figure is where a move started, at a time
    /// the text does not give (the period in context is the move's end).
    fn starts_a_move(&self, figs: &[usize], k: usize, before: &Range<usize>) -> bool {
        let Some(&next) = figs.get(k + 1) else {
            return false;
        };
        let between = self.text[self.figures[figs[k]].end..self.figures[next].start].trim();
        let from = self.text[before.clone()].contains(['从', '由']);
        let to = crate::extract::text::at_most_chars(between, 6)
            && between.ends_with(['到', '至'])
            && !between.contains(['，', ',', '。']);
        // 从2021年的3.4%降至2.9%: a period written after 从 dates the start.
        from && to
            && !self
                .times
                .iter()
                .any(|(m, _, _)| before.start <= m.start && m.end <= before.end)
    }

    fn reference_kind(&self) -> Reference {
        match (self.article.date_source, self.reference) {
            (DateSource::FrontMatter | DateSource::Header, _) => Reference::Published,
            (_, Some(_)) => Reference::Inferred,
            (_, None) => Reference::None,
        }
    }

    /// Changes in their final form: 增长了4倍 is +400% (four times more, i.e.
    /// ×5), while 增长到4倍 stays a ratio; a change after a falling word
    /// (下降, 减少, 跌, 蒸发, fell) is negative.
    fn shape(
        &self,
        fig: &Figure,
        qualifier: Qualifier,
        before: &Range<usize>,
        since_prev: &Range<usize>,
    ) -> Figure {
        let mut f = fig.clone();
        let hundred = rust_decimal::Decimal::ONE_HUNDRED;
        let doubling = is_doubling(&self.text[f.start..f.end]);
        // 增长了3倍 is +300% whether reported, forecast or targeted.
        let window = &self.text[before.clone()];
        let grows = self
            .lex
            .change
            .find(window, 0..window.len())
            .last()
            .is_some_and(|h| !self.leads_to_level(&window[h.end..]));
        if (qualifier == Qualifier::Change || grows) && f.kind == Kind::Ratio && !doubling {
            f.kind = Kind::Percent;
            f.unit = "%".to_string();
            f.number.value *= hundred;
            f.number.place *= hundred;
            f.low = f.low.map(|l| l * hundred);
            f.high = f.high.map(|h| h * hundred);
        }
        // 门店8,531家: 家 counts stores when the words before it are about stores.
        let p = &self.text[since_prev.clone()];
        let sentence = self
            .sentences
            .iter()
            .find(|s| s.range.contains(&f.start))
            .map_or("", |s| &self.text[s.range.start..f.start]);
        if f.unit == "company"
            && STORE_WORDS
                .iter()
                .any(|w| p.contains(w) || sentence.contains(w))
        {
            f.unit = "store".to_string();
        }
        if self.falls(&f, before) && f.number.value.is_sign_positive() {
            f.number.value = -f.number.value;
            (f.low, f.high) = (f.high.map(|h| -h), f.low.map(|l| -l));
        }
        f
    }

    /// 增长至, "rose to", "lower at": the words after a change word lead to
    /// the new level, not to the size of the change.
    fn leads_to_level(&self, rest: &str) -> bool {
        self.lex
            .change_to_level
            .prefix_of(rest.trim_start())
            .is_some()
    }

    /// A falling word right before the figure (下降12%, fell 12%) or, for a
    /// percentage in English, right after it (a 21% drop); not one that leads
    /// to a level (下降至).
    fn falls(&self, f: &Figure, before: &Range<usize>) -> bool {
        let b = &self.text[before.clone()];
        let is_down = |w: &str| self.lex.rules.words.qualifiers.down.iter().any(|d| d == w);
        // cut its target to $104.04: after "to" comes the new level.
        let to_level = ["至", "到", "为", " to", " at"]
            .iter()
            .any(|w| b.trim_end().ends_with(w));
        let falling_before =
            !to_level
                && self.lex.change.find(b, 0..b.len()).last().is_some_and(|h| {
                    is_down(&b[h.start..h.end]) && !self.leads_to_level(&b[h.end..])
                });
        let after: String = self.text[f.end..].chars().take(10).collect();
        let falling_after = after
            .strip_prefix(' ')
            .and_then(|a| {
                self.lex
                    .change
                    .prefix_of(a)
                    .map(|h| is_down(&a[h.start..h.end]))
            })
            .unwrap_or(false);
        falling_before || (f.kind == Kind::Percent && falling_after)
    }

    /// `X美元(约合人民币Y元)`: the figure in brackets right after another one
    /// restates it in another currency.
    fn conversion_of<'f>(&self, prev: &'f [Fact], fig: &Figure) -> Option<&'f Fact> {
        let last = prev.last()?;
        let between = self.text.get(last.end..fig.start)?.trim();
        // 营收1,086亿元新台币…，折合人民币约241亿元: a restatement outside brackets.
        let spelled = between.trim_start_matches([',', '，']).trim();
        if fig.kind == Kind::Money
            && last.kind == Kind::Money
            && last.unit != fig.unit
            && ["折合", "约合", "相当于", "or about", "or roughly"]
                .iter()
                .any(|w| spelled.starts_with(w))
            && crate::extract::text::at_most_chars(spelled, 8)
        {
            return Some(last);
        }
        let opener = between.strip_prefix(['(', '（'])?.trim();
        let ok = [
            "",
            "约合",
            "折合",
            "合",
            "约",
            "超",
            "超过",
            "相当于",
            "即",
            "约为",
            "about",
            "or about",
        ]
        .contains(&opener);
        // 55亿美元(约合人民币400亿元); 跌了1/4(26%): the same figure restated.
        let currency = fig.kind == Kind::Money && last.kind == Kind::Money && last.unit != fig.unit;
        let percent =
            fig.kind == Kind::Percent && last.kind == Kind::Percent && fig.unit == last.unit;
        (ok && (currency || percent)).then_some(last)
    }

    fn converted(&self, from: &Fact, fig: &Figure, id: String, line: usize, column: usize) -> Fact {
        Fact {
            id,
            line,
            column,
            start: fig.start,
            end: fig.end,
            text: self.text[fig.start..fig.end].to_string(),
            value: if from.value.is_sign_negative() {
                -fig.number.value
            } else {
                fig.number.value
            },
            low: fig.low,
            high: fig.high,
            approx: fig.approx,
            unit: fig.unit.clone(),
            precision: fig.number.place / rust_decimal::Decimal::TWO,
            rounded: fig.number.rounded,
            converts: Some(from.id.clone()),
            ..from.clone()
        }
    }

    /// Qualifier, from cue words:
    /// 1. a target word (目标, 力争, 拟, Flag) or an estimate word (预估, 测算,
    ///    consensus) since the previous figure, or after the figure in its clause
    ///    (目标价 is an analyst's estimate, not a target);
    /// 2. a forecast word right at the figure (同比预增170%);
    /// 3. an outlook word anywhere earlier in the sentence (据券商测算，A，B;
    ///    力争…翻两番，达到750亿元): it governs the rest of the sentence;
    /// 4. a change word right before it in its clause (增长66%, 蒸发; not
    ///    增长至, which gives a level), or the change of the list it is in
    ///    (上涨了17%和9%);
    /// 5. otherwise actual.
    #[allow(clippy::too_many_arguments)]
    fn qualifier_for(
        &self,
        sentence_before: Range<usize>,
        first_figure: usize,
        since_prev: Range<usize>,
        before: Range<usize>,
        after: Range<usize>,
        prev: Option<&Fact>,
    ) -> Qualifier {
        let (p, b) = (&self.text[since_prev.clone()], &self.text[before]);
        // Words after the figure speak of it only up to the next clause mark:
        // 139.63亿元,市场预估131亿元 (the cue is the next figure's); "the $1.05
        // analysts expected" (the cue is this one's).
        let a = &self.text[after];
        let a = a.find([',', '，', ';', '；', '、']).map_or(a, |i| &a[..i]);
        // An outlook word governs the rest of its sentence up to a contrast
        // (据彭博估算，A，而去年B: B is reported, not estimated).
        let whole = &self.text[sentence_before.clone()];
        let all = match CONTRASTS
            .iter()
            .filter_map(|c| whole.rfind(c).map(|i| i + c.len()))
            .max()
        {
            Some(i) => &whole[i..],
            // Without a contrast, only the words before the sentence's first
            // figure govern them all.
            None => {
                &whole[..first_figure
                    .saturating_sub(sentence_before.start)
                    .min(whole.len())]
            }
        };
        let analyst = |t: &str| {
            ["目标价", "target price", "price target"]
                .iter()
                .any(|w| t.contains(w))
        };
        if !analyst(p)
            && !analyst(a)
            && (self.lex.target.contains(p) || self.lex.target.contains(a))
        {
            return Qualifier::Target;
        }
        if self.lex.estimate.contains(p)
            || self.lex.estimate.contains(a)
            || analyst(p)
            || analyst(a)
        {
            return Qualifier::Estimate;
        }
        if self.lex.forecast.contains(b) {
            return Qualifier::Forecast;
        }
        // 涨幅达到35% is a change that reached 35%; "lifted it to $45bn" a level.
        if let Some(last) = self.lex.change.find(b, 0..b.len()).last()
            && !self.leads_to_level(&b[last.end..])
            && (CHANGE_NOUNS.contains(&&b[last.start..last.end]) || !lands_on(b))
        {
            return Qualifier::Change;
        }
        // "closed 1.8% higher", "a 21% drop": in English the move can follow.
        if a.strip_prefix(' ')
            .filter(|a| a.starts_with(|c: char| c.is_ascii_alphabetic()))
            .is_some_and(|a| self.lex.change.prefix_of(a).is_some())
        {
            return Qualifier::Change;
        }
        if prev.is_some_and(|f| f.qualifier == Qualifier::Change && f.end == since_prev.start)
            && is_list_join(p)
        {
            return Qualifier::Change;
        }
        if !analyst(all) && self.lex.target.contains(all) {
            return Qualifier::Target;
        }
        if self.lex.estimate.contains(all) {
            return Qualifier::Estimate;
        }
        if self.lex.forecast.contains(all) {
            return Qualifier::Forecast;
        }
        Qualifier::Actual
    }

    fn per_for(&self, before: Range<usize>, fig: &Figure) -> Option<String> {
        let per_unit = self
            .lex
            .unit_price
            .prefix_of(&self.text[fig.end..])
            .is_some()
            || self.lex.unit_price.contains(&self.text[before.clone()]);
        if per_unit {
            return Some("unit_price".to_string());
        }
        self.lex
            .rates
            .find(self.text, before)
            .last()
            .map(|h| h.value.clone())
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

    /// The part of the company a figure is about, tried in order:
    /// 1. a segment from rules/words.toml (china, us, ...) named in the clause;
    /// 2. a comparison's base, or a growth rate, is for the part of the
    ///    figure before it (海外订单30亿元,比上年的10亿元; 收入7.13亿元,减少43.2%);
    /// 3. a figure right after another in its clause with no metric word
    ///    between them is for the same part ("Sales in Europe fell 4% to $2.1bn");
    /// 4. a scope word of rules/words.toml `[scope]` (工厂, 子公司, 线上, 出口,
    ///    "same-store") in the figure's own clause before it;
    /// 5. after a word such as 子公司, 其中 or 业务 anywhere earlier in the
    ///    sentence, every later figure is a part;
    /// 6. a product named by the figure's own words: a name right after a count
    ///    (5780万台iPad), or a capitalised name before the metric ("iPhone sales").
    ///
    /// Named parts (1, 6) get the name as their segment; the others the words
    /// right before the figure ("part:平安财险原保费收入"), so they meet only
    /// figures written alike.
    #[allow(clippy::too_many_arguments)]
    fn scope_for(
        &self,
        s: &Sentence,
        clause: &Range<usize>,
        since_prev: &Range<usize>,
        before: &Range<usize>,
        after: &Range<usize>,
        qualifier: Qualifier,
        fig: &Figure,
        prev: &[Fact],
    ) -> Option<(String, Scope)> {
        let found = |r: &Range<usize>| self.lex.segments.find(self.text, r.clone());
        let named = found(before).last().or(found(after).first()).map(|h| {
            let (id, kind) = h.value.clone();
            let name = self.text[h.start..h.end].to_string();
            (id, Scope { kind, name })
        });
        if named.is_some() {
            return named;
        }
        let carried = || {
            let last = prev.last()?;
            Some((last.segment.clone()?, last.scope.clone()?))
        };
        // 海外订单30亿元,比上年的10亿元: a comparison's base is for the same part.
        let follows =
            COMPARE_LEAD.is_match(&self.lead(before.end, 20)) || qualifier == Qualifier::Change;
        if follows
            && prev
                .last()
                .is_some_and(|l| l.sentence == self.sentence_index(s))
        {
            return carried();
        }
        let same_clause = prev.last().is_some_and(|l| l.start >= clause.start);
        let no_metric_between = !self
            .metrics
            .iter()
            .any(|(at, _)| since_prev.start <= at.start && at.end <= fig.start);
        if same_clause
            && no_metric_between
            && let Some(c) = carried()
        {
            return Some(c);
        }
        let label = || {
            let window = &self.text[since_prev.start.min(before.start)..before.end];
            let label: Vec<char> = window.chars().filter(|c| !c.is_whitespace()).collect();
            label[label.len().saturating_sub(12)..]
                .iter()
                .collect::<String>()
        };
        let part = |kind: &str, name: &str| {
            Some((
                format!("part:{}", label()),
                Scope {
                    kind: kind.to_string(),
                    name: name.to_string(),
                },
            ))
        };
        let own = clause.start.max(s.range.start)..before.end;
        if let Some(h) = self.lex.scopes.find(self.text, own).pop() {
            return part(h.value, &self.text[h.start..h.end]);
        }
        // 旗下太保寿险今年…，公司前11月保费收入: a subsidiary named earlier in
        // the sentence is what its later clauses are about.
        let whole = s.range.start..before.end;
        if let Some(h) = self
            .lex
            .scopes
            .find(self.text, whole)
            .into_iter()
            .rfind(|h| *h.value == "subsidiary")
        {
            return part(h.value, &self.text[h.start..h.end]);
        }
        let sentence = &self.text[s.range.start..before.end];
        if let Some(h) = self.lex.part.find(sentence, 0..sentence.len()).pop() {
            let word = &sentence[h.start..h.end];
            let kind = self
                .lex
                .scopes
                .find(word, 0..word.len())
                .first()
                .map_or("part", |k| *k.value);
            return part(kind, word);
        }
        self.named_product(fig, before)
    }

    /// 液态奶收入221.4亿元, 电网投资5012亿元: the words right before a bare
    /// 收入, 销售额, 销量 or 投资
    /// that open the clause (after any time or company named first) name a
    /// product or line, unless they are a verb or a whole-company word.
    fn product_before_keyword(&self, before: &Range<usize>) -> Option<String> {
        let (at, _) = self.metrics.iter().rfind(|(at, _)| {
            before.start <= at.start
                && at.end <= before.end
                && ["收入", "销售额", "销量", "投资"].contains(&&self.text[at.clone()])
        })?;
        let mut from = before.start;
        for r in self
            .times
            .iter()
            .map(|(m, _, _)| m.start..m.end)
            .chain(self.entities.iter().map(|m| m.start..m.end))
        {
            if r.end <= at.start && r.end > from {
                from = r.end;
            }
        }
        let head = &self.text[from..at.start];
        let head = head
            .rfind(|c: char| !c.is_alphabetic() || c.is_ascii())
            .map_or(head, |i| {
                &head[i + head[i..].chars().next().map_or(1, char::len_utf8)..]
            });
        let n = head.chars().count();
        let generic = NOT_PRODUCT_HEADS.iter().any(|w| head.contains(w));
        (2..=6).contains(&n).then_some(()).filter(|_| !generic)?;
        Some(head.to_string())
    }

    /// 鼎岳去年营收1.16兆元 12月营收创新高: a headline states one thing after
    /// another, so a figure takes the period written before it, not the
    /// next statement's.
    fn headline_period(&self, s: &Sentence, fig: &Figure) -> Option<Period> {
        let h = self.headline().filter(|h| h.range == s.range)?;
        let used = self.source.get()?;
        if used.start < fig.end {
            return None;
        }
        let (m, r, _) = self
            .times
            .iter()
            .rfind(|(m, r, _)| r.is_some() && h.range.start <= m.start && m.end <= fig.start)?;
        self.source.set(Some(*m));
        r.as_ref().map(|r| r.period)
    }

    fn sentence_index(&self, s: &Sentence) -> usize {
        self.sentences
            .iter()
            .position(|x| x.range == s.range)
            .unwrap_or(usize::MAX)
    }

    /// 全年营收6602.6亿元 in a March report of the fourth quarter and the full
    /// year: a result for the whole year is for a year that has ended, so a
    /// 全年 or "full year" not yet over at the article's date is the last one.
    fn ended_year(&self, p: Period, qualifier: Qualifier) -> Period {
        let (Some(reference), Some(m)) = (self.reference, self.source.get()) else {
            return p;
        };
        let words = self.text[m.start..m.end].to_lowercase();
        let whole_year = p.start.ordinal() == 1
            && p.start.year() == p.end.year()
            && p.end.succ_opt().is_some_and(|n| n.ordinal() == 1);
        let result = matches!(qualifier, Qualifier::Actual | Qualifier::Change);
        match whole_year
            && result
            && p.end > reference
            && (words.contains("全年") || words.contains("full") || words.contains("for the year"))
        {
            true => year_back(p),
            false => p,
        }
    }

    /// “十四五”期间投资3万亿元, 从过去到现在累计创造了2600亿美元: a five-year plan
    /// or a total since ever is for no one year, so no year written elsewhere
    /// in the sentence or the article's may date it.
    fn spans_many_years(&self, s: &Sentence, fig: &Figure, clause: &Range<usize>) -> bool {
        let timed = |r: Range<usize>| {
            self.times
                .iter()
                .any(|(m, res, _)| res.is_some() && r.start <= m.start && m.end <= r.end)
        };
        let sentence = s.range.start..fig.start;
        if let Some(m) = FIVE_YEAR_PLAN.find(&self.text[sentence.clone()]) {
            return !timed(sentence.start + m.end()..fig.start);
        }
        let own = clause.start.max(s.range.start)..clause.end.max(fig.end);
        let Some(ever) = EVER.find(&self.text[own.clone()]) else {
            return false;
        };
        // 到现在 inside the cue is not a date of its own.
        !timed(own.start..own.start + ever.start()) && !timed(own.start + ever.end()..own.end)
    }

    /// 5780万台iPad, "iPhone sales were $69.1bn", "Services revenue rose 14%".
    fn named_product(&self, fig: &Figure, before: &Range<usize>) -> Option<(String, Scope)> {
        let scope = |name: &str| {
            let kind = match BUSINESS_LINES.contains(&name) {
                true => "business_line",
                false => "product",
            };
            Some((
                format!("product:{}", name.to_lowercase()),
                Scope {
                    kind: kind.to_string(),
                    name: name.to_string(),
                },
            ))
        };
        if fig.kind == Kind::Count
            && let Some(m) = PRODUCT_AFTER.captures(&self.text[fig.end..])
        {
            return scope(m.get(1)?.as_str());
        }
        if let Some(name) = self.product_before_keyword(before) {
            return scope(&name);
        }
        let c = PRODUCT_BEFORE.captures(&self.text[before.clone()])?;
        let name = c.get(1)?.as_str();
        let known = self.entities.iter().any(|m| {
            let n = &self.text[m.start..m.end];
            n.contains(name) || name.contains(n)
        });
        (!known && !NOT_PRODUCTS.contains(&name) && !PERIOD_WORD.is_match(name))
            .then(|| scope(name))?
    }

    /// 台 counts cars when a car word follows it or the metric is one that
    /// rules/ default to vehicles (a 76000台 delivery target).
    fn counts_vehicles(&self, fig: &Figure, metric: Option<&crate::rules::Metric>) -> bool {
        let next: String = self.text[fig.end..].chars().take(3).collect();
        let sentence = self
            .sentences
            .iter()
            .find(|s| s.range.contains(&fig.start))
            .map_or("", |s| &self.text[s.range.clone()]);
        let cars = ["车", "辆", "vehicle", "car"]
            .iter()
            .any(|w| sentence.contains(w));
        next.contains('车')
            || (cars
                && metric.is_some_and(|m| m.default_for_targets.iter().any(|u| u == "vehicle")))
    }

    /// Metric, tried in order:
    /// 1. a keyword right after the figure (54.45亿元的营收), else the nearest
    ///    keyword before it in its own stretch of clause, else after it. The
    ///    keyword's class must fit: money, percent and count metrics for their
    ///    own figures; any metric for a growth rate (同比增长20%, 预增五成) or a
    ///    multiple (是上年的2.4倍);
    /// 2. a share (占比, 约占, 比重) of revenue: revenue_share;
    /// 3. 元/股 after the figure: a share price;
    /// 4. a growth rate, multiple or percentage-point change takes the metric
    ///    of the figure it follows in the sentence (营收X,同比增长Y);
    /// 5. the metric of the nearest earlier figure of the same kind and rate:
    ///    in its clause (净亏损分别为A、B、C), right before it (增长3倍,达到Y),
    ///    the figure it is compared with (比前一年Y), or anywhere in the
    ///    sentence for a target, forecast or estimate (净利润X,市场预估Y);
    /// 6. a keyword in the nearest earlier clause of the sentence that holds
    ///    no figure of its own (Its shares, which are listed in Oslo, fell 9.4%);
    /// 7. for a target or forecast count, the metric rules/ name as default
    ///    for that unit (a target of 7万辆 is a delivery target).
    #[allow(clippy::too_many_arguments)]
    fn metric_for(
        &self,
        s: &Sentence,
        figs: &[usize],
        fig: &Figure,
        qualifier: Qualifier,
        per: &Option<String>,
        prev: &[Fact],
        before: &Range<usize>,
        after: &Range<usize>,
    ) -> Option<MetricWord> {
        let window = &self.text[before.clone()];
        let growth = fig.kind == Kind::Ratio
            || (fig.kind == Kind::Percent
                && (qualifier == Qualifier::Change
                    || self.lex.change.contains(window)
                    || self.lex.forecast.contains(window)));
        let fits = |m: &MetricWord| {
            let metric = &self.lex.rules.metrics[m.metric];
            if fig.kind == Kind::Count
                && !metric.units.is_empty()
                && !metric.units.contains(&fig.unit)
            {
                return false;
            }
            metric.class == fig.kind
                || (growth && metric.class != Kind::Percent)
                || (fig.unit == "pp" && metric.class == Kind::Percent)
        };
        let within = |r: &Range<usize>| -> Vec<MetricWord> {
            self.metrics_in(r)
                .iter()
                .filter(|(at, m)| r.start <= at.start && at.end <= r.end && fits(m))
                .map(|(_, m)| *m)
                .collect()
        };
        let adjacent = self
            .metrics_in(&(fig.end..after.end))
            .iter()
            .find(|(at, m)| {
                fits(m)
                    && at.start >= fig.end
                    && ["的", "of"].contains(&self.text[fig.end..at.start].trim())
                    && at.end <= after.end
            });
        if let Some((_, m)) = adjacent {
            return Some(*m);
        }
        // 占营业收入的比重, "makes up 91% of sales": a share, not the revenue.
        if let Some(m) = self.revenue_share(s, fig, window) {
            return Some(m);
        }
        // 12,500 employees: the unit word itself names the metric.
        if let Some(m) = within(&(fig.start..fig.end)).last().copied() {
            return Some(m);
        }
        // 非经常性损益对净利润的影响金额约为769.65万元: the amount is the first
        // quantity's effect on the second.
        let hits = within(before);
        let effect = (window.contains("的影响") || window.contains("的贡献"))
            && hits.len() >= 2
            && self
                .metrics_in(before)
                .iter()
                .filter(|(at, m)| before.start <= at.start && at.end <= before.end && fits(m))
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| {
                    self.text[w[0].0.end..w[1].0.start]
                        .trim_start()
                        .starts_with('对')
                });
        if effect {
            return hits.first().copied();
        }
        let dominant = |m: &&MetricWord| self.lex.rules.metrics[m.metric].dominant;
        if let Some(m) = hits.iter().find(dominant) {
            return Some(*m);
        }
        if let Some(m) = hits
            .last()
            .copied()
            .or_else(|| within(after).first().copied())
        {
            return Some(m);
        }
        if let Some(m) = self.revenue_share(s, fig, window) {
            return Some(m);
        }
        // 报42.36元/股, 澄芯微报42.18元: a quote.
        let quote = self.text[fig.end..].starts_with("/股") || window.trim_end().ends_with('报');
        if fig.kind == Kind::Money && quote {
            return self.metric_word("stock_price");
        }
        let metric_of = |f: &Fact| {
            let id = f.metric.as_ref()?;
            let metric = self.lex.rules.metrics.iter().position(|m| &m.id == id)?;
            // A loss carries over to the next item of a list (净亏损A、B); a fall
            // or anything not in the list does not.
            let listed = f.end <= fig.start && is_list_join(&self.text[f.end..fig.start]);
            let negative = listed
                && f.value.is_sign_negative()
                && f.qualifier != Qualifier::Change
                && f.kind == fig.kind;
            Some(MetricWord { metric, negative })
        };
        if growth || fig.unit == "pp" {
            let wanted = |f: &&Fact| match fig.unit.as_str() {
                "pp" => f.kind == Kind::Percent,
                _ => f.kind != Kind::Percent || fig.kind == Kind::Ratio,
            };
            if let Some(m) = prev.iter().rev().filter(wanted).find_map(metric_of) {
                return Some(m);
            }
        }
        // 比前一年Y: a comparison's base is the figure it is compared with.
        let is_base = self
            .times
            .iter()
            .any(|(m, _, _)| m.basis && before.start <= m.start && m.end <= before.end);
        let tail = window.trim_end();
        let led_on = (crate::extract::text::at_most_chars(window, 8)
            && ["达到", "达", "至", "到", "为", "是", " to ", " from "]
                .iter()
                .any(|w| window.contains(w)))
            || ["至", "到", "达到", " to", " at", " from"]
                .iter()
                .any(|w| tail.ends_with(w));
        // "$0.9 billion in 2022, $1.1 billion in 2023": the next item of a list.
        // Between two items there is only a separator and the item's time
        // (", ", " in 2022, ", "、"); the first may follow a colon.
        let next_item = |f: &Fact| {
            let from = f.end.min(fig.start);
            let between = &self.text[from..fig.start];
            let mut rest = String::new();
            let mut at = from;
            for (m, _, _) in self
                .times
                .iter()
                .filter(|(m, _, _)| from <= m.start && m.end <= fig.start)
            {
                rest.push_str(&self.text[at..m.start]);
                at = m.end;
            }
            rest.push_str(&self.text[at..fig.start]);
            let rest = rest.rsplit([':', '：']).next().unwrap_or_default();
            let words: Vec<&str> = rest
                .split(|c: char| c.is_whitespace() || ",，、".contains(c))
                .filter(|w| !w.is_empty() && !["and", "in", "for", "和", "及", "以及"].contains(w))
                .collect();
            f.unit == fig.unit
                && words.is_empty()
                && between.contains([',', '，', '、', ':', '：'])
                && !between.contains(['.', '。', ';', '；'])
        };
        let borrows = |f: &&Fact| {
            (f.kind == fig.kind
                || (led_on && (f.qualifier == Qualifier::Change || f.kind == Kind::Ratio)))
                && &f.per == per
                && (self.same_clause(s, f.start, fig.start)
                    || qualifier.is_outlook()
                    || is_base
                    || led_on
                    || next_item(f))
        };
        if let Some(m) = prev
            .iter()
            .rev()
            .filter(borrows)
            .find_map(metric_of)
            .filter(fits)
        {
            return Some(m);
        }
        // An earlier clause with no figure of its own names the topic
        // (毛利率和净利率,由…; Its shares, which …, fell 9.4%): the nearest
        // such clause that has a keyword gives it.
        let own = s.clause_of(fig.start);
        let nearest = s
            .clauses
            .iter()
            .rev()
            .filter(|c| {
                c.end <= own.start && !figs.iter().any(|&j| c.contains(&self.figures[j].start))
            })
            .find_map(|c| {
                self.metrics_in(c)
                    .iter()
                    .rfind(|(at, m)| fits(m) && c.start <= at.start && at.end <= c.end)
            });
        if let Some((_, m)) = nearest {
            return Some(*m);
        }
        if self.quote_move(figs, fig) {
            return self.metric_word("stock_price");
        }
        // "Cloud contributed 52% of revenue, devices 31% and advertising 24%":
        // the rest of a list of shares are shares too.
        let share_list = fig.kind == Kind::Percent
            && qualifier == Qualifier::Actual
            && !SHARE_WORDS.iter().any(|w| window.contains(w))
            && prev
                .iter()
                .rev()
                .find(|f| f.kind == Kind::Percent)
                .is_some_and(|f| {
                    f.metric
                        .as_deref()
                        .is_some_and(|m| m == "revenue_share" || m == "market_share")
                });
        if share_list {
            let id = prev
                .iter()
                .rev()
                .find(|f| f.kind == Kind::Percent)
                .and_then(|f| f.metric.clone())?;
            return self.metric_word(&id);
        }
        if qualifier.is_outlook() {
            let mut units = vec![fig.unit.clone()];
            units.extend(
                self.lex
                    .rules
                    .unit(&fig.unit)
                    .map(|u| u.compatible.clone())
                    .unwrap_or_default(),
            );
            let metric = self
                .lex
                .rules
                .metrics
                .iter()
                .position(|m| m.default_for_targets.iter().any(|u| units.contains(u)))?;
            return Some(MetricWord {
                metric,
                negative: false,
            });
        }
        None
    }

    /// The figures that start within `r` (they are kept in text order).
    fn figures_in(&self, r: &Range<usize>) -> &[Figure] {
        let from = self.figures.partition_point(|f| f.start < r.start);
        let to = self.figures.partition_point(|f| f.start <= r.end);
        &self.figures[from..to.max(from)]
    }

    /// The metric keywords that start within `r` (they are kept in text
    /// order): a search, not a scan, as this is asked for every figure.
    fn metrics_in(&self, r: &Range<usize>) -> &[(Range<usize>, MetricWord)] {
        let from = self.metrics.partition_point(|(at, _)| at.start < r.start);
        let to = self.metrics.partition_point(|(at, _)| at.start <= r.end);
        &self.metrics[from..to.max(from)]
    }

    /// "The EV maker dropped 4.4% to $272.04", 跌4.4%至272.04元: a percentage
    /// move that lands on a plain price (under 100,000: no million, no 亿) is a share quote,
    /// both the move and the price.
    fn quote_move(&self, figs: &[usize], fig: &Figure) -> bool {
        let plain_price = |f: &Figure| {
            f.kind == Kind::Money && f.number.value.abs() < rust_decimal::Decimal::from(100_000)
        };
        let lands = |a: &Figure, b: &Figure| {
            let between = self.text[a.end..b.start].trim();
            a.kind == Kind::Percent
                && plain_price(b)
                && [
                    "to",
                    "at",
                    "higher at",
                    "lower at",
                    "higher to",
                    "lower to",
                    "至",
                    "到",
                    "报",
                ]
                .contains(&between)
        };
        let pos = figs
            .iter()
            .position(|&j| self.figures[j].start == fig.start);
        let Some(pos) = pos else {
            return false;
        };
        let next = figs.get(pos + 1).map(|&j| &self.figures[j]);
        let prev = pos
            .checked_sub(1)
            .and_then(|p| figs.get(p))
            .map(|&j| &self.figures[j]);
        next.is_some_and(|n| lands(fig, n)) || prev.is_some_and(|p| lands(p, fig))
    }

    fn metric_word(&self, id: &str) -> Option<MetricWord> {
        let metric = self.lex.rules.metrics.iter().position(|m| m.id == id)?;
        Some(MetricWord {
            metric,
            negative: false,
        })
    }

    /// 占总营收的36%, 在营业收入中的占比约为36.7%: a share word with a revenue
    /// keyword in the same clause.
    fn revenue_share(&self, s: &Sentence, fig: &Figure, window: &str) -> Option<MetricWord> {
        if fig.kind != Kind::Percent || !SHARE_WORDS.iter().any(|w| window.contains(w)) {
            return None;
        }
        // 研发开支…占收入的比例: another quantity as a share of revenue. What
        // the share is of is named before the share word.
        let share_at = SHARE_WORDS
            .iter()
            .filter_map(|w| {
                self.text[s.range.start..fig.start]
                    .rfind(w)
                    .map(|i| s.range.start + i)
            })
            .max()
            .unwrap_or(fig.start);
        let named_before = self
            .metrics
            .iter()
            .rfind(|(at, _)| s.range.start <= at.start && at.end <= share_at);
        if named_before.is_some_and(|(_, m)| {
            let id = self.lex.rules.metrics[m.metric].id.as_str();
            id != "revenue"
                && id != "revenue_share"
                && self.lex.rules.metrics[m.metric].class == Kind::Money
        }) && !window.contains("收入占比")
        {
            return None;
        }
        let clause = s.clause_of(fig.start);
        let revenue = self.metrics.iter().any(|(at, m)| {
            s.range.start <= at.start
                && at.end <= clause.end
                && self.lex.rules.metrics[m.metric].id == "revenue"
        });
        revenue.then(|| self.metric_word("revenue_share")).flatten()
    }

    fn same_clause(&self, s: &Sentence, a: usize, b: usize) -> bool {
        s.clause_of(a) == s.clause_of(b)
    }

    /// Entity: the nearest name before the figure in its clause, else after it
    /// in the clause, else before it in the sentence, else the last one named
    /// before the sentence (the company in focus, which 该公司/公司 refer to).
    /// People stand for their company (rules/entities.toml `affiliation`)
    /// unless the metric is about people, such as net worth.
    fn entity_for(
        &self,
        s: &Sentence,
        fig: &Figure,
        clause: &Range<usize>,
        for_people: Option<bool>,
        has_metric: bool,
    ) -> Option<EntityRef> {
        let want_person = for_people == Some(true);
        // Regulators, exchanges and media are sources, not subjects of figures.
        let ok = |m: &&EntityMention| {
            let kind = self.table[m.entity].kind;
            kind != EntityKind::Organization
                && (!want_person || kind == EntityKind::Person)
                && !is_source(self.text, m)
        };
        let in_range = |r: Range<usize>| {
            self.entities
                .iter()
                .filter(move |m| r.start <= m.start && m.end <= r.end)
        };
        let in_clause = in_range(clause.start..fig.start)
            .rfind(ok)
            .or_else(|| in_range(fig.end..clause.end).find(ok));
        let in_sentence = in_clause.or_else(|| in_range(s.range.start..fig.start).rfind(ok));
        // realme真我2021年市占率为3%: a sentence about a name no lexicon knows
        // is not about the company of the sentence before.
        if in_sentence.is_none() && UNKNOWN_LATIN_SUBJECT.is_match(&self.text[s.range.clone()]) {
            return None;
        }
        // 现代汽车、起亚、雷诺三星和双龙汽车五大车企的全球销量: a figure after a
        // list of companies is their total, no one's.
        if in_sentence.is_some_and(|m| self.listed(m)) {
            return None;
        }
        let found = in_sentence
            .or_else(|| in_range(0..s.range.start).rfind(ok))
            .or_else(|| {
                in_range(0..fig.start)
                    .rfind(|m| self.table[m.entity].kind != EntityKind::Organization)
            })?;
        let mut known = &self.table[found.entity];
        if known.kind == EntityKind::Person
            && !want_person
            && has_metric
            && let Some(org) = known
                .affiliation
                .as_ref()
                .and_then(|a| self.table.iter().find(|k| &k.id == a))
        {
            known = org;
        }
        Some(EntityRef {
            id: known.id.clone(),
            name: known.name.clone(),
        })
    }

    /// Whether a name is an item of a list joined by 、 (A、B和C).
    fn listed(&self, m: &EntityMention) -> bool {
        // 、雷诺三星: up to four more characters of the item may come first.
        let before = self.text[..m.start]
            .chars()
            .rev()
            .take(5)
            .find(|c| !super::entity::is_han(*c));
        let after = self.text[m.end..].chars().next();
        // 吉利汽车和长城汽车: the last item, after another name and 和.
        let joined = ["和", "与", "及"].iter().any(|w| {
            self.text[..m.start].ends_with(w)
                && self.entities.iter().any(|o| o.end == m.start - w.len())
        });
        before == Some('、') || after == Some('、') || joined
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
        s: &Sentence,
        fig: &Figure,
        clause: &Range<usize>,
        qualifier: Qualifier,
        metric: Option<&crate::rules::Metric>,
    ) -> (Option<Period>, Option<Period>) {
        let level = metric.is_some_and(|m| m.level);
        // The times of the figure's sentence, and the part of the article up
        // to it: found by search, as this runs for every figure.
        let from = self
            .times
            .partition_point(|(m, _, _)| m.start < s.range.start);
        let upto = self
            .times
            .partition_point(|(m, _, _)| m.start < s.range.end.max(clause.end))
            .max(from);
        let sentence_times = &self.times[from..upto];
        let daily = metric.is_some_and(|m| m.daily);
        let has_metric = metric.is_some();
        // A share price or market cap is a quote of one day: the day its
        // sentence names (截至3月18日收盘), else the article's date.
        if daily && qualifier == Qualifier::Actual {
            return (self.quote_day(s, fig), None);
        }
        // "closed 2.6% lower": a quote's move in percent is the day's, unless
        // a period is written before it (年内累计下跌31.6%).
        let written_before = sentence_times.iter().any(|(m, _, _)| {
            let before = s.range.start <= m.start && m.end <= fig.start;
            // "gained 71% this year": a period right after the move is its own.
            let right_after = fig.end <= m.start
                && m.start < clause.end
                && crate::extract::text::at_most_chars(&self.text[fig.end..m.start], 12);
            before || right_after
        });
        if daily && qualifier == Qualifier::Change && fig.kind == Kind::Percent && !written_before {
            return (self.reference.map(Period::day), None);
        }
        if self.spans_many_years(s, fig, clause) {
            return (None, None);
        }
        let usable = |(m, r, _): &&(Mention, Option<Resolved>, usize)| {
            if r.is_none() {
                return false;
            }
            // 是2020年的7.4倍: the year is the multiple's base, not its period.
            let base_of_multiple = fig.kind == Kind::Ratio && m.end <= fig.start && {
                let between = self.text[m.end..fig.start].trim();
                between.starts_with('的') && crate::extract::text::at_most_chars(between, 3)
            };
            if base_of_multiple {
                return false;
            }
            // 从2021年的3.4%降至2.9%: a period attached to an earlier figure does
            // not reach past the move to the next one.
            let attached = self.figures_in(&(m.end..fig.start)).iter().any(|g| {
                m.end <= g.start
                    && crate::extract::text::at_most_chars(self.text[m.end..g.start].trim(), 2)
                    && g.end <= fig.start
                    && g.start != fig.start
                    && moves_to(&self.text[g.end..fig.start])
            });
            if attached {
                return false;
            }
            // 在2021年的基础上: the year is a base.
            if self.text[m.end..]
                .trim_start_matches('的')
                .starts_with("基础上")
            {
                return false;
            }
            // "FY2025, which ended March 31, 2025": the date describes the year.
            let lead: String = self.text[..m.start]
                .chars()
                .rev()
                .take(14)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if ["ended ", "ending ", "ends ", "ended on ", "ends on "]
                .iter()
                .any(|w| lead.ends_with(w))
            {
                return false;
            }
            if !m.comparative {
                return true;
            }
            // 上年同期，公司净利润为X; "a year ago, when net income was X": a
            // comparison that opens the sentence, or that a "when" clause
            // picks up, dates the next clause too.
            let rest = self
                .text
                .get(m.end..fig.start)
                .unwrap_or_default()
                .trim_start();
            let opens = self.text[s.range.start..m.start].trim().is_empty()
                && rest.starts_with(['，', ',']);
            let when = rest.starts_with(", when ") || rest.starts_with(",when ");
            let in_clause = clause.start <= m.start || opens || when;
            let crosses = moves_to(&self.text[m.end.min(fig.start)..fig.start]);
            in_clause && !crosses && !(m.basis && qualifier == Qualifier::Change)
        };
        let before = sentence_times
            .iter()
            .filter(|(m, _, _)| s.range.start <= m.start && m.end <= fig.start)
            .rfind(usable);
        // "the range it had guided to in January": a bare month after the
        // figure is usually when something was said, not what it measures.
        let after = || {
            sentence_times
                .iter()
                .filter(|(m, _, _)| fig.end <= m.start && m.start < clause.end)
                .filter(|(m, _, _)| !matches!(m.when, When::In(super::period::Year::Latest, _)))
                // "to $1.94 billion from $1.71 billion a year earlier": a
                // comparison dates the base it follows, not this figure.
                .filter(|(m, _, _)| {
                    !m.comparative
                        || !self
                            .figures_in(&(fig.end..m.start))
                            .iter()
                            .any(|g| fig.end <= g.start && g.end <= m.start)
                })
                .find(usable)
        };
        // "guided in November to growth of 4.8% to 5.1% for fiscal 2025": for
        // an outlook, a past day or month before it is when it was given; the
        // period after it is what it is for.
        let said_on = |r: &Option<Resolved>| {
            r.is_some_and(|r| {
                (r.period.end - r.period.start).num_days() <= 31
                    && self.reference.is_some_and(|today| r.period.end <= today)
            })
        };
        // "said on Wednesday it delivered 48,200 vehicles in the first quarter":
        // a day before a flow figure is when it was told when a period of a
        // month or more follows it in its clause.
        let long = |r: &Option<Resolved>| {
            r.is_some_and(|r| (r.period.end - r.period.start).num_days() >= 27)
        };
        let day = |r: &Option<Resolved>| r.is_some_and(|r| r.period.start == r.period.end);
        let before = match before {
            Some(b) if qualifier.is_outlook() && said_on(&b.1) => after().or(Some(b)),
            Some(b) if !level && day(&b.1) && after().is_some_and(|a| long(&a.1)) => after(),
            other => other,
        };
        let reported = !qualifier.is_outlook();
        let paragraph = || {
            // Paragraphs go in text order: the walk back stops at the one
            // before (a time outside every sentence counts as paragraph 0).
            let same =
                |(_, _, p): &&(Mention, Option<Resolved>, usize)| *p >= s.paragraph || *p == 0;
            self.times[..from]
                .iter()
                .rev()
                .take_while(same)
                .find(|(m, r, p)| {
                    let future = r.is_some_and(|r| {
                        self.reference.is_some_and(|today| r.period.start > today)
                    });
                    *p == s.paragraph
                        && m.end <= s.range.start
                        && !m.comparative
                        && r.is_some()
                        && !(reported && future)
                })
        };

        // a loss of RMB1.15bn in the same period a year earlier; against 15% a
        // year earlier: a comparison right after a level dates it.
        let compared_after = sentence_times
            .iter()
            .filter(|(m, r, _)| {
                m.comparative && r.is_some() && fig.end <= m.start && m.start < clause.end
            })
            .find(|(m, _, _)| {
                crate::extract::text::at_most_chars(&self.text[fig.end..m.start], 24)
                    && !self
                        .figures_in(&(fig.end..m.start))
                        .iter()
                        .any(|g| fig.end <= g.start && g.start < m.start)
            })
            // "3.6 times the level a year earlier": the base of a multiple.
            .filter(|_| qualifier != Qualifier::Change && fig.kind != Kind::Ratio);
        // 31.5% in 2024, 12% last year, 净利润5亿元(2023年): a period written
        // right after the figure is its own.
        let right_after = sentence_times
            .iter()
            .filter(|(m, r, _)| r.is_some() && fig.end <= m.start && m.start < clause.end)
            .find(|(m, _, _)| {
                let gap = self.text[fig.end..m.start].trim();
                [
                    "",
                    "in",
                    "for",
                    "at",
                    "of",
                    "in the",
                    "for the",
                    "of the",
                    "in fiscal",
                    "（",
                    "(",
                ]
                .contains(&gap)
            })
            .filter(|_| qualifier != Qualifier::Change);
        let from_sentence = compared_after.or(right_after).or(before).or_else(after);
        let carried = from_sentence.is_none();
        let chosen = from_sentence
            .or_else(paragraph)
            .and_then(|(m, r, _)| Some((*m, self.with_listed((*m, (*r)?)))));
        self.source.set(chosen.map(|(m, _)| m));
        let Some((mention, resolved)) = chosen else {
            let as_of = self.reference.map(Period::day);
            let level_now = level && matches!(qualifier, Qualifier::Actual | Qualifier::Change);
            return match (level_now, qualifier.is_outlook()) {
                (true, _) => (as_of, None),
                (_, true) => (None, as_of),
                _ if has_metric => (self.reporting_period(fig.start), None),
                _ => (None, None),
            };
        };
        // 员工总数从年初的1280人: a level at the start of the year is on January 1.
        if level && resolved.stage == Some(super::period::Stage::Early) && !qualifier.is_outlook() {
            let day = NaiveDate::from_ymd_opt(resolved.period.start.year(), 1, 1);
            return (day.map(Period::day), None);
        }
        if !qualifier.is_outlook() {
            // Carried from an earlier sentence, 年初 names the year, not the months.
            let period = if carried {
                resolved.year.unwrap_or(resolved.period)
            } else {
                resolved.period
            };
            return (Some(period), None);
        }
        // A target is for a year; the day or stage it was set is its as-of.
        if resolved.stage.is_some() {
            return (resolved.year, Some(resolved.period));
        }
        let staged = sentence_times
            .iter()
            .rfind(|(m, r, _)| {
                s.range.start <= m.start
                    && m.end <= fig.start
                    && r.is_some_and(|r| r.stage.is_some())
            })
            .and_then(|(_, r, _)| *r);
        if let Some(st) = staged {
            return (Some(resolved.period), Some(st.period));
        }
        if matches!(mention.when, When::In(_, super::period::Part::Day(..)))
            || resolved.period.start == resolved.period.end
        {
            return (None, Some(resolved.period));
        }
        let stated = sentence_times
            .iter()
            .rfind(|(m, r, _)| {
                s.range.start <= m.start
                    && m.end <= fig.start
                    && r.is_some_and(|r| r.period.start == r.period.end)
            })
            .and_then(|(_, r, _)| r.map(|r| r.period));
        (
            Some(resolved.period),
            stated.or(self.reference.map(Period::day)),
        )
    }

    /// The period an article reports on, for a figure whose sentence and
    /// paragraph name none: the last period of a month or longer written
    /// before it (a day is usually when something was announced, not what it
    /// measured), not a comparison's base.
    fn reporting_period(&self, at: usize) -> Option<Period> {
        let upto = self.times.partition_point(|(m, _, _)| m.start < at);
        let written = || {
            self.times[..upto]
                .iter()
                .rev()
                .filter(|(m, _, _)| {
                    m.end <= at
                        && !m.comparative
                        && !matches!(
                            m.when,
                            When::Now | When::SameDay | When::In(super::period::Year::Latest, _)
                        )
                })
                .filter_map(|(m, r, _)| r.map(|r| (*m, r.year.unwrap_or(r.period))))
                .filter(|(_, p)| p.start != p.end)
        };
        // News reports on periods that have ended; one under way is more often
        // what a plan is for ("cut 1,100 jobs during the current fiscal year").
        // A period not yet begun is a forecast's, never the one reported on.
        let ended = |p: &Period| self.reference.is_none_or(|r| p.end <= r);
        let begun = |p: &Period| self.reference.is_none_or(|r| p.start <= r);
        let (m, p) = written()
            .find(|(_, p)| ended(p))
            .or_else(|| written().find(|(_, p)| begun(p)))?;
        self.source.set(Some(m));
        Some(p)
    }

    /// When a share price or market cap was quoted: the last time written
    /// before it in its sentence when that is a day (截至3月18日收盘) or a
    /// period already over (当年…总市值也只有80亿美元: that year), else the
    /// article's date.
    fn quote_day(&self, s: &Sentence, fig: &Figure) -> Option<Period> {
        let written = self
            .times
            .iter()
            .rfind(|(m, r, _)| {
                s.range.start <= m.start
                    && m.end <= fig.start
                    && r.is_some()
                    && !m.comparative
                    && !matches!(m.when, When::Now)
            })
            .and_then(|(_, r, _)| r.map(|r| r.period));
        let today = self.reference.map(Period::day);
        if let Some(day) = self.day_in_sentence(s, fig) {
            return Some(day);
        }
        match (written, self.reference) {
            (Some(p), Some(r)) if p.end < r => Some(p),
            _ => today,
        }
    }

    /// The last day written before the figure in its sentence (截至3月18日收盘).
    fn day_in_sentence(&self, s: &Sentence, fig: &Figure) -> Option<Period> {
        self.times
            .iter()
            // 现在 is today, which a quote defaults to anyway; it does not
            // outrank 当年 before it.
            .filter(|(m, _, _)| {
                s.range.start <= m.start
                    && m.end <= fig.start
                    && !m.comparative
                    && !matches!(m.when, When::Now)
            })
            .filter_map(|(_, r, _)| r.map(|r| r.period))
            .rfind(|p| p.start == p.end)
    }

    /// 2017年四季度、2018年一季度…合计28亿元: a list of periods is their span.
    fn with_listed(&self, (mention, mut resolved): (Mention, Resolved)) -> Resolved {
        let mut end = mention.start;
        for (m, r, _) in self
            .times
            .iter()
            .rev()
            .filter(|(m, _, _)| m.end <= mention.start)
        {
            match r {
                Some(r) if is_list_join(&self.text[m.end..end]) => {
                    resolved.period.start = resolved.period.start.min(r.period.start);
                    resolved.period.end = resolved.period.end.max(r.period.end);
                    end = m.start;
                }
                _ => break,
            }
        }
        resolved
    }

    /// `分别` pairs a list of years or metrics with a run of figures of the same
    /// length: 2021年至2023年…分别为A、B、C; 毛利率和净利率…分别跌至X和Y.
    fn distribute(&self, s: &Sentence, figs: &[usize]) -> HashMap<usize, Assigned> {
        let mut out = HashMap::new();
        let text = &self.text[s.range.clone()];
        if !text.contains("分别") {
            return out;
        }
        let back_reference = ["各期", "同期", "三年", "各年"]
            .iter()
            .any(|w| text.contains(w));
        // Each run of figures pairs with the lists written between the end of
        // the previous run and the 分别 right before it (a sentence may hold
        // two: 营收分别为A、B、C，净利润分别为D、E、F).
        let mut from = s.range.start;
        for run in self.runs(figs) {
            let run_start = self.figures[run[0]].start;
            let run_end = self.figures[run[run.len() - 1]].end;
            // 分别为A、B, or A、B分别降至…: 分别 before the run, or right after it.
            let before = self.text[from..run_start].rfind("分别").map(|i| from + i);
            let after = self.text[run_end..s.range.end]
                .find("分别")
                .filter(|&i| {
                    crate::extract::text::at_most_chars(&self.text[run_end..run_end + i], 4)
                })
                .map(|_| run_start);
            let Some(p) = before.or(after).filter(|_| run.len() >= 2) else {
                from = run_end.max(from);
                continue;
            };
            if let Some(list) = self
                .metric_list(s.range.start..p)
                .filter(|l| l.0.len() == run.len() && l.1 <= run_start)
            {
                for (fi, m) in run.iter().zip(&list.0) {
                    out.entry(*fi).or_insert_with(Assigned::default).metric = Some(*m);
                }
            }
            let periods = self
                .period_list(from..p)
                .or_else(|| self.period_list(s.range.start..p))
                .or_else(|| back_reference.then(|| self.earlier_years(s)).flatten());
            if let Some(list) = periods.filter(|l| l.len() == run.len()) {
                for (fi, period) in run.iter().zip(list) {
                    out.entry(*fi).or_insert_with(Assigned::default).period = Some(period);
                }
            }
            from = run_end;
        }
        out
    }

    /// The periods a list may pair with in `range`: the years of 2021年至2023年,
    /// the quarters of 2024年一至四季度, or periods written as a list.
    fn period_list(&self, range: Range<usize>) -> Option<Vec<Period>> {
        self.times
            .iter()
            .filter(|(m, _, _)| range.start <= m.start && m.end <= range.end)
            .find_map(|(m, r, _)| split_span(m, r))
            .or_else(|| self.listed_periods(range).map(|(_, list)| list))
    }

    /// For 各期/同期 in a sentence with no list of its own: the last span of
    /// years written before it.
    fn earlier_years(&self, s: &Sentence) -> Option<Vec<Period>> {
        self.times
            .iter()
            .rev()
            .filter(|(m, _, _)| m.end <= s.range.start && matches!(m.when, When::Years(..)))
            .find_map(|(m, r, _)| split_span(m, r))
    }

    /// 2015年和2016年, 2016年、2017年和2018年1-3月: periods written as a list
    /// (the last such list before `range.end`), with where it ends.
    fn listed_periods(&self, range: Range<usize>) -> Option<(usize, Vec<Period>)> {
        let mut runs: Vec<Vec<(usize, Period)>> = Vec::new();
        let mut last_end: Option<usize> = None;
        for (m, r, _) in self
            .times
            .iter()
            .filter(|(m, _, _)| range.start <= m.start && m.end <= range.end)
        {
            let Some(r) = r else { continue };
            let joined = last_end.is_some_and(|e| is_list_join(&self.text[e..m.start]));
            match runs.last_mut() {
                Some(run) if joined => run.push((m.end, r.period)),
                _ => runs.push(vec![(m.end, r.period)]),
            }
            last_end = Some(m.end);
        }
        let run = runs.into_iter().rfind(|r| r.len() >= 2)?;
        let end = run.last()?.0;
        Some((end, run.into_iter().map(|(_, p)| p).collect()))
    }

    /// Figures joined only by list separators (、 和 与 及).
    fn runs(&self, figs: &[usize]) -> Vec<Vec<usize>> {
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for &fi in figs {
            let joined = runs.last().and_then(|r| r.last()).is_some_and(|&last| {
                is_list_join(&self.text[self.figures[last].end..self.figures[fi].start])
            });
            if joined {
                if let Some(r) = runs.last_mut() {
                    r.push(fi)
                }
            } else {
                runs.push(vec![fi]);
            }
        }
        runs
    }

    /// The last list of two or more metric keywords joined by list separators.
    fn metric_list(&self, range: Range<usize>) -> Option<(Vec<MetricWord>, usize)> {
        let hits: Vec<&(Range<usize>, MetricWord)> = self
            .metrics
            .iter()
            .filter(|(at, _)| range.start <= at.start && at.end <= range.end)
            .collect();
        let mut best: Option<(Vec<MetricWord>, usize)> = None;
        let mut current: Vec<&(Range<usize>, MetricWord)> = Vec::new();
        for h in hits {
            // Keywords of different classes may overlap (年销, 销售额): skip those.
            if current.last().is_some_and(|last| h.0.start < last.0.end) {
                continue;
            }
            let joined = current
                .last()
                .is_some_and(|last| is_list_join(&self.text[last.0.end..h.0.start]));
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

/// The years of 2021年至2023年, the quarters of 2024年一至四季度.
fn split_span(m: &Mention, r: &Option<Resolved>) -> Option<Vec<Period>> {
    match (m.when, r) {
        (When::Years(a, b), _) if b > a => Some(
            (a..=b)
                .filter_map(|y| {
                    Some(Period {
                        start: NaiveDate::from_ymd_opt(y, 1, 1)?,
                        end: NaiveDate::from_ymd_opt(y, 12, 31)?,
                    })
                })
                .collect(),
        ),
        (When::In(_, super::period::Part::Months(a, b)), Some(r))
            if b > a + 2 && (b - a + 1) % 3 == 0 =>
        {
            let y = r.period.start.year();
            Some(
                (0..(b - a + 1) / 3)
                    .filter_map(|q| {
                        let first = a + 3 * q;
                        let start = NaiveDate::from_ymd_opt(y, first, 1)?;
                        let end = NaiveDate::from_ymd_opt(y, first + 2, 1)?
                            .checked_add_months(chrono::Months::new(1))?
                            .pred_opt()?;
                        Some(Period { start, end })
                    })
                    .collect(),
            )
        }
        _ => None,
    }
}

/// "fiscal year ends March 31", "fiscal year ending January", 财年截至3月31日.
fn stated_fiscal_end(text: &str) -> Option<(u32, u32)> {
    static STATED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(?:fiscal\s+year|fiscal\s+[0-9]{4}|FY\s?[0-9]{2,4}),?\s+(?:that\s+|which\s+)?end(?:s|ed|ing)?\s+(?:on\s+|in\s+)?([A-Za-z]+)\.?(?:\s+([0-9]{1,2}))?|财年(?:截至|结束于|止于)\s*([0-9]{1,2})月(?:([0-9]{1,2})日)?",
        )
        .expect("valid regex")
    });
    let c = STATED.captures(text)?;
    let (m, d) = match c.get(1) {
        Some(name) => (crate::article::month_number(name.as_str())?, c.get(2)),
        None => (c.get(3)?.as_str().parse().ok()?, c.get(4)),
    };
    let last = NaiveDate::from_ymd_opt(2001, m % 12 + 1, 1)?
        .pred_opt()?
        .day();
    let d = d.and_then(|d| d.as_str().parse().ok()).unwrap_or(last);
    Some((m, d))
}

/// How far before an amount with no unit a money word may stand (总支出大约300亿).
const IMPLIED_MONEY_REACH: usize = 18;

/// Keeps a 万/亿 amount written with no unit as CNY when a money metric's
/// keyword stands shortly before it in its clause; drops it otherwise.
fn keep_implied_money(
    text: &str,
    figures: &mut Vec<Figure>,
    metrics: &[(Range<usize>, MetricWord)],
    lex: &Lexicon,
    sentences: &[Sentence],
) {
    // 5000亿美元(超3.6万亿): a bare amount in brackets right after an amount
    // in a foreign currency restates it in yuan.
    let restates: Vec<usize> = (1..figures.len())
        .filter(|&i| {
            let (prev, f) = (&figures[i - 1], &figures[i]);
            let between = text[prev.end.min(f.start)..f.start].trim();
            let opener = between.strip_prefix(['(', '（']).map(str::trim);
            f.unit.is_empty()
                && prev.kind == Kind::Money
                && prev.unit != "CNY"
                && opener.is_some_and(|o| {
                    [
                        "",
                        "约",
                        "约合",
                        "折合",
                        "合",
                        "超",
                        "超过",
                        "逾",
                        "近",
                        "约为",
                        "相当于",
                    ]
                    .contains(&o)
                })
        })
        .map(|i| figures[i].start)
        .collect();
    figures.retain_mut(|f| {
        if !f.unit.is_empty() {
            return true;
        }
        if restates.contains(&f.start) {
            f.unit = "CNY".to_string();
            return true;
        }
        let Some(s) = sentences.iter().find(|s| s.range.contains(&f.start)) else {
            return false;
        };
        let clause = s.clause_of(f.start);
        let from = f
            .start
            .saturating_sub(IMPLIED_MONEY_REACH)
            .max(clause.start);
        let money_word = metrics.iter().any(|(at, m)| {
            from <= at.start
                && at.end <= f.start
                && lex.rules.metrics[m.metric].class == Kind::Money
        });
        if money_word {
            f.unit = "CNY".to_string();
        }
        let _ = text;
        money_word
    });
}

/// Words after a percentage that make it a stake in a company.
const STAKE_WORDS: [&str; 6] = [
    "股权",
    "股份",
    "的股权",
    "的股份",
    " stake",
    " of the shares",
];

/// 翻番, doubled, tripled: a change written as a multiple, kept as a ratio.
/// "up from 24% in 2023", "compared with RMB1.2bn in 2022": a period right
/// after a base figure dates the base. It is a comparison, so it neither dates
/// the rest of the sentence nor becomes the period an article reports on.
fn mark_bases(text: &str, figures: &[Figure], times: &mut [(Mention, Option<Resolved>, usize)]) {
    static BASE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:from|compared\s+(?:with|to)|versus|vs\.?|against)(?:\s+(?:an?|the|its)(?:\s+[a-z-]+){0,4}\s+of)?\s*$",
        )
        .expect("valid regex")
    });
    for (m, _, _) in times.iter_mut() {
        // 由上年的14.1%提升至15.3%: the start of a move, dated.
        let starts_move = ["由", "从"].iter().any(|w| text[..m.start].ends_with(w))
            && text[m.end..].starts_with('的');
        if starts_move {
            m.comparative = true;
            continue;
        }
        // 约为去年的1.4倍: the year a multiple is taken of.
        let of_multiple = figures.iter().any(|g| {
            g.kind == crate::fact::Kind::Ratio
                && m.end <= g.start
                && text[m.end..g.start].trim() == "的"
        });
        if of_multiple {
            m.comparative = true;
            m.basis = true;
            continue;
        }
        let Some(g) = figures.iter().rfind(|g| g.end <= m.start) else {
            continue;
        };
        let gap = text[g.end..m.start].trim();
        if !["", "in", "in the", "for", "for the", "at the end of"].contains(&gap) {
            continue;
        }
        let lead_start = text[..g.start]
            .char_indices()
            .rev()
            .take(40)
            .last()
            .map_or(0, |(i, _)| i);
        if BASE.is_match(&text[lead_start..g.start]) {
            m.comparative = true;
            m.basis = true;
        }
    }
}

/// Change words that name the size of a change (涨幅达到35%), not a move.
const CHANGE_NOUNS: [&str; 7] = ["涨幅", "增幅", "跌幅", "降幅", "增速", "growth of", "差额"];

/// "lifted its market value to about $45bn", 股价涨至约52元: the words
/// before a figure end with "to", so it is the level a move reached.
fn lands_on(before: &str) -> bool {
    static TO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(?:\bto|至|到|达到)\s*(?:about|around|roughly|nearly|almost|some|over|more than|约|近|超过|逾)?\s*$",
        )
        .expect("valid regex")
    });
    TO.is_match(before)
}

fn is_doubling(text: &str) -> bool {
    text.starts_with('翻') || text.starts_with("doubl") || text.starts_with("tripl")
}

/// Words that measure a change from the start of the year.
const YEAR_START_WORDS: [&str; 9] = [
    "较年初",
    "比年初",
    "较上年末",
    "较去年末",
    "较去年底",
    "比上年末",
    "年内累计",
    "年初以来",
    "since the start of the year",
];

/// Where a sentence turns from one claim to another: an outlook word before
/// it does not reach past it.
const CONTRASTS: [&str; 14] = [
    "，而", ",而", "但", "不过", "然而", "却", "实际", "最终", "；", ";", " but ", " while ",
    "however", "whereas",
];

/// Words that make a percentage a share of something (占比, 约占36%).
/// (比重 and 比例 alone name a ratio of whatever precedes them, 权益比例; a
/// share of revenue says 占.)
const SHARE_WORDS: [&str; 14] = [
    "占比",
    "占",
    "share of",
    "accounted for",
    "accounts for",
    "account for",
    "makes up",
    "make up",
    "made up",
    "contributed",
    "contributes",
    "represented",
    "represents",
    "comprised",
];

/// A product named right after a count: 5780万台iPad, 12万辆Model Y.
static PRODUCT_AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^ ?((?:[A-Z]|[a-z][A-Z])[A-Za-z0-9+]*(?: [A-Z0-9][A-Za-z0-9+]*)?)")
        .expect("valid regex")
});

/// A capitalised name right before a sales or revenue word at the end of
/// the words before a figure: "iPhone sales were", "Services revenue rose".
static PRODUCT_BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?:^|[^A-Za-z0-9])([a-z]?[A-Z][A-Za-z0-9+]*(?: [A-Z][A-Za-z0-9+]*)?) (?:sales|revenue|revenues|shipments|deliveries|sold|unit sales)\b[^.;:]{0,40}$",
    )
    .expect("valid regex")
});

/// A Chinese sentence that opens with a Latin-script name (realme真我…,
/// Shein今年…): not an all-caps acronym of four letters or fewer (GDP, CPI).
static UNKNOWN_LATIN_SUBJECT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"^\s*[“"]?(?:[A-Za-z]*[a-z][A-Za-z0-9]*|[A-Z][A-Z0-9]{4,})[”"]?\s?\p{Han}"#)
        .expect("valid regex")
});

/// China's five-year plans (“十四五”, 2021-2025) and plans of any length.
static FIVE_YEAR_PLAN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"十[一二三四五六]五|五年规划|五年计划|(?i:five-year plan)")
        .expect("valid regex")
});

/// Totals since ever: 从过去到现在累计, 成立以来, "since inception", "to date".
static EVER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"从过去到现在|有史以来|历史累计|成立以来|上线以来|问世以来|创立以来|自成立|迄今为止|(?i:since (?:its |their )?(?:inception|launch|founding)|to date\b|all-time|cumulative(?:ly)?)",
    )
    .expect("valid regex")
});

/// Capitalised words before "sales" that date the figure instead of naming a
/// product: "FY2024 revenue", "Q3 sales", "First-half revenue", "January sales".
static PERIOD_WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:fy|cy|q[1-4]|h[12]|[1-4]q|[12]h)\b|^(?:fy|cy)?'?\d|quarter|half|year|fiscal|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    )
    .expect("valid regex")
});

/// Capitalised words before "sales" that name no product.
const NOT_PRODUCTS: [&str; 24] = [
    "Total",
    "Net",
    "Group",
    "Quarterly",
    "Annual",
    "Overall",
    "Organic",
    "Global",
    "Worldwide",
    "Company",
    "Its",
    "The",
    "Their",
    "Retail",
    "Comparable",
    "Core",
    "Full-year",
    "Vehicle",
    "Car",
    "Home",
    "Revenue",
    "Product",
    "Fourth-quarter",
    "Holiday",
];

/// Words before 收入 that name the whole company's income, or a verb.
const NOT_PRODUCT_HEADS: [&str; 31] = [
    "保费", "营业", "主营", "总", "实现", "录得", "取得", "完成", "公司", "集团", "累计", "合计",
    "本期", "当期", "单季", "全年", "整体", "综合", "净", "其", "该", "共", "同比", "期内", "年",
    "月", "季", "达到", "合并", "全部", "所有",
];

/// Named lines that are business lines rather than products.
const BUSINESS_LINES: [&str; 10] = [
    "Services",
    "Cloud",
    "Advertising",
    "Wholesale",
    "Gaming",
    "Automotive",
    "Software",
    "Hardware",
    "Licensing",
    "Subscription",
];

/// Words that point back at an earlier figure (这个数字增长到4倍).
const ANAPHORA: [&str; 5] = ["这个数字", "这一数字", "该数字", "此数字", "this figure"];

/// Words before 家 that make it count stores, not companies.
const STORE_WORDS: [&str; 8] = [
    "门店",
    "店铺",
    "网点",
    "分行",
    "支行",
    "营业部",
    "餐厅",
    "专卖店",
];

/// Words that refer back to the company in focus.
const PRONOUNS: [&str; 7] = [
    "该公司",
    "该集团",
    "这家公司",
    "此公司",
    "the company",
    "The company",
    "the group",
];

/// Adds 该公司 and the like as mentions of the last company named before them.
fn add_pronouns(text: &str, body: Range<usize>, mentions: &mut Vec<EntityMention>, table: &Table) {
    let mut extra = Vec::new();
    for word in PRONOUNS {
        for (at, _) in text[body.clone()].match_indices(word) {
            let start = body.start + at;
            let last_company = mentions.iter().rfind(|m| {
                m.end <= start && table[m.entity].kind == EntityKind::Company && !is_source(text, m)
            });
            if let Some(m) = last_company {
                extra.push(EntityMention {
                    start,
                    end: start + word.len(),
                    entity: m.entity,
                });
            }
        }
    }
    mentions.extend(extra);
    mentions.sort_by_key(|m| m.start);
}

/// 中信证券分析师预计…, "analysts at Jefferies estimate": a broker named as
/// the source of a forecast is not what the figure is about, nor what a
/// later "the company" refers to.
fn is_source(text: &str, m: &EntityMention) -> bool {
    let after: String = text[m.end..].chars().take(6).collect();
    let after_says = [
        "分析师",
        "研究员",
        "研报",
        "研究报告",
        " analyst",
        "的分析师",
    ]
    .iter()
    .any(|w| {
        after
            .trim_start_matches(['(', '（'])
            .starts_with(w.trim_start())
            || after.starts_with(w)
    });
    let mut from = m.start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..m.start].trim_end().to_ascii_lowercase();
    let before_says = [
        "analysts at",
        "analyst at",
        "analysts from",
        "analysts with",
        "strategists at",
        "economists at",
        "analysts including",
    ]
    .iter()
    .any(|w| before.ends_with(w));
    after_says || before_says
}

fn is_list_join(between: &str) -> bool {
    let t = between.trim();
    [
        "、", ",", "，", "和", "与", "及", "以及", "、和", "and", ", and",
    ]
    .contains(&t)
}

/// Resolves every time expression in order, each against the explicit year
/// and day written before it and the period its paragraph is about. Relative
/// words inside a quotation resolve against the date of the speech when the
/// paragraph gives one before the quote (“今年我们要…” said on 2024年12月20日).
/// A first line of one sentence, short, not ending in 。 (an article of one
/// paragraph has no headline).
fn is_headline(text: &str, sentences: &[Sentence]) -> bool {
    let Some(first) = sentences.first().filter(|s| s.paragraph == 0) else {
        return false;
    };
    let alone = sentences.get(1).is_none_or(|s| s.paragraph != 0);
    let line = text[first.range.clone()].trim_end();
    alone && crate::extract::text::at_most_chars(line, 80) && !line.ends_with('。')
}

/// The sentence holding byte `at` (sentences are in text order).
fn sentence_at(sentences: &[Sentence], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.range.end <= at);
    sentences
        .get(i)
        .filter(|s| s.range.contains(&at))
        .map(|_| i)
}

fn resolve_all(
    text: &str,
    mentions: Vec<Mention>,
    sentences: &[Sentence],
    reference: Option<NaiveDate>,
    body: Range<usize>,
) -> Vec<(Mention, Option<Resolved>, usize)> {
    let quotes = quote_spans(text, body);
    let mut ctx = Context {
        reference,
        ..Context::default()
    };
    let mut paragraph = usize::MAX;
    let mut sentence = usize::MAX;
    let mut paragraph_day: Option<(usize, NaiveDate)> = None;
    mentions
        .into_iter()
        .map(|m| {
            let si = sentence_at(sentences, m.start).unwrap_or(0);
            let p = sentences.get(si).map_or(0, |s| s.paragraph);
            if si != sentence {
                sentence = si;
                ctx.sentence_year = None;
            }
            if p != paragraph {
                paragraph = p;
                ctx.current = None;
                ctx.paragraph_year = None;
            }
            let quote = quotes.iter().find(|q| q.start <= m.start && m.end <= q.end);
            let speech = quote
                .and_then(|q| paragraph_day.filter(|(at, _)| *at < q.start))
                .map(|(_, d)| d);
            let r = match speech {
                Some(day) => m.resolve(&Context {
                    reference: Some(day),
                    ..ctx
                }),
                None => m.resolve(&ctx),
            };
            // 现在 is no anchor for 当年 ("that year") after it.
            let anchors = !m.comparative && !matches!(m.when, When::Now);
            if let Some(r) = r.filter(|_| anchors) {
                ctx.current = Some(r.year.unwrap_or(r.period));
                ctx.sentence_year = r
                    .year
                    .or(Some(r.period))
                    .and_then(|p| (p.start.year() == p.end.year()).then_some(p.start.year()));
                if matches!(m.when, When::Ending(..)) {
                    ctx.report = Some(r.period);
                }
                let span = r.year.unwrap_or(r.period);
                if (span.end - span.start).num_days() >= 27 {
                    ctx.recent = Some(span);
                }
                if is_quarter(r.period) && ctx.quarter.is_none() {
                    ctx.quarter = Some(r.period);
                }
                // Only years the text writes out anchor 当年/全年; 现在 does not.
                let written = matches!(
                    m.when,
                    When::In(super::period::Year::Explicit(_), _)
                        | When::Years(..)
                        | When::Ending(..)
                );
                if let Some(y) = r.explicit_year().filter(|_| written) {
                    ctx.year = Some(y);
                    ctx.paragraph_year = Some(y);
                }
                if r.period.start == r.period.end && !matches!(m.when, When::Now) {
                    ctx.day = Some(r.period.start);
                    // A speech is dated by a written day (2023年12月28日), not
                    // by a year end (2021年末).
                    let written_day =
                        matches!(m.when, When::In(_, super::period::Part::Day(_, d)) if d > 0);
                    if quote.is_none() && written_day {
                        paragraph_day = Some((m.start, r.period.start));
                    }
                }
            }
            (m, r, p)
        })
        .collect()
}

/// `p` renamed into the fiscal year ending on month `m`, day `d`: the fiscal
/// year named Y ends in calendar year Y, and its quarters count from its start
/// (Q4 of a year ending January 31, 2025 is November 2024 to January 2025).
fn fiscal_months(p: Period, m: u32, d: u32) -> Option<Period> {
    use chrono::Months;
    let fy = p.end.year();
    let fy_end =
        NaiveDate::from_ymd_opt(fy, m, d).or_else(|| NaiveDate::from_ymd_opt(fy, m, 28))?;
    let fy_start = fy_end.checked_sub_months(Months::new(12))?.succ_opt()?;
    let months = p.end.month() - p.start.month() + 1;
    let start = fy_start.checked_add_months(Months::new(p.start.month0()))?;
    let end = start.checked_add_months(Months::new(months))?.pred_opt()?;
    Some(Period { start, end })
}

fn year_back(p: Period) -> Period {
    let back = |d: NaiveDate| d.checked_sub_months(chrono::Months::new(12));
    back(p.start)
        .zip(back(p.end))
        .map_or(p, |(start, end)| Period { start, end })
}

fn year_forward(p: Period) -> Period {
    let on = |d: NaiveDate| d.checked_add_months(chrono::Months::new(12));
    on(p.start)
        .zip(on(p.end))
        .map_or(p, |(start, end)| Period { start, end })
}

/// The same months in the year that makes them the latest ended by `reference`.
fn latest_ended(p: Period, reference: NaiveDate) -> Period {
    let mut p = latest_begun(p, reference);
    while p.end > reference {
        match (
            p.start.checked_sub_months(chrono::Months::new(12)),
            p.end.checked_sub_months(chrono::Months::new(12)),
        ) {
            (Some(start), Some(end)) => p = Period { start, end },
            _ => break,
        }
    }
    p
}

/// Words that make the figure after them the base of a comparison: 比, 较,
/// 相比, 与…相比.
static COMPARE_LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:比|较|相比|相较|对比|与)[^，,。；;比较]{0,16}$").expect("valid regex")
});

/// Words between a change and its base written after it: "to $5bn from",
/// "compared with".
static FROM_LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:from|compared\s+(?:with|to)|versus|vs\.?|against)(?:\s+(?:an?|the|its)(?:\s+[a-z-]+){0,4}\s+of)?\s*$")
        .expect("valid regex")
});

/// Three calendar months starting on a quarter's first day.
fn is_quarter(p: Period) -> bool {
    p.start.day() == 1
        && p.start.month0().is_multiple_of(3)
        && p.start.checked_add_months(chrono::Months::new(3)) == p.end.succ_opt()
}

/// The same months in the year that makes them the latest begun by `reference`.
fn latest_begun(p: Period, reference: NaiveDate) -> Period {
    use chrono::Months;
    let shift = |p: Period, back: bool| -> Option<Period> {
        let m = Months::new(12);
        Some(match back {
            true => Period {
                start: p.start.checked_sub_months(m)?,
                end: p.end.checked_sub_months(m)?,
            },
            false => Period {
                start: p.start.checked_add_months(m)?,
                end: p.end.checked_add_months(m)?,
            },
        })
    };
    let mut p = p;
    while p.start > reference {
        match shift(p, true) {
            Some(q) => p = q,
            None => break,
        }
    }
    while let Some(next) = shift(p, false).filter(|n| n.start <= reference) {
        p = next;
    }
    p
}

/// 降至, 增长到, 跌至: a move to a new level (not 不到, 达到, 受到).
fn moves_to(text: &str) -> bool {
    if text.contains(" to ") || text.trim_end().ends_with(" to") {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .any(|w| matches!(w[1], '至' | '到') && "跌降升增涨长少落大小提回".contains(w[0]))
}

/// Byte ranges of quotations: “…”, 「…」, and "…" pairs within a line.
fn quote_spans(text: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut ascii_open: Option<usize> = None;
    let from = body.start;
    for (i, c) in text[body].char_indices().map(|(i, c)| (from + i, c)) {
        match c {
            '“' | '「' => open = Some(i),
            '”' | '」' => {
                if let Some(s) = open.take() {
                    spans.push(s..i);
                }
            }
            '"' => match ascii_open.take() {
                Some(s) => spans.push(s..i),
                None => ascii_open = Some(i),
            },
            '\n' => {
                open = None;
                ascii_open = None;
            }
            _ => {}
        }
    }
    spans
}
