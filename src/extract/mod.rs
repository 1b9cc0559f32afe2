//! Extraction: from an article's text to typed facts.
//!
//! Each stage finds one kind of thing in the body (figures, time expressions,
//! entity names, metric keywords, wording cues); `assemble` then attaches to
//! each figure the nearest fitting mention of each kind, sentence by sentence.

mod age;
mod assemble;
pub mod entity;
pub mod figure;
pub mod hant;
pub mod number;
pub mod numeral;
pub mod period;
pub mod text;
pub mod words;

use crate::article::Article;
use crate::fact::{Fact, Kind};
use crate::rules::Rules;
use words::{Words, set};

/// A metric keyword: which metric, and whether it names a loss.
#[derive(Debug, Clone, Copy)]
pub struct MetricWord {
    pub metric: usize,
    pub negative: bool,
}

/// Everything extraction needs, compiled once from the rules.
#[derive(Debug)]
pub struct Lexicon {
    pub rules: Rules,
    figures: figure::FigureLexicon,
    entities: entity::EntityLexicon,
    metrics: [Words<MetricWord>; 4],
    segments: Words<(String, String)>,
    scopes: Words<&'static str>,
    target: Words<()>,
    estimate: Words<()>,
    forecast: Words<()>,
    change: words::ChangeWords,
    change_to_level: Words<()>,
    earlier: Words<()>,
    part: Words<()>,
    yoy: Words<()>,
    qoq: Words<()>,
    rates: Words<String>,
    unit_price: Words<()>,
}

impl Lexicon {
    pub fn new(rules: Rules) -> Lexicon {
        // One automaton per class: leftmost-longest matching would otherwise
        // let a count keyword (年销) hide the money keyword inside it (销售额).
        let metrics = [Kind::Money, Kind::Percent, Kind::Count, Kind::Ratio].map(|class| {
            Words::any_case(
                rules
                    .metrics
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.class == class)
                    .flat_map(|(i, m)| {
                        let plain = m.keywords.iter().map(move |k| {
                            (
                                k.clone(),
                                MetricWord {
                                    metric: i,
                                    negative: false,
                                },
                            )
                        });
                        let loss = m.negative.iter().map(move |k| {
                            (
                                k.clone(),
                                MetricWord {
                                    metric: i,
                                    negative: true,
                                },
                            )
                        });
                        plain.chain(loss)
                    }),
            )
        });
        let w = &rules.words;
        let rates = Words::new(
            [
                ("month", &w.rates.month),
                ("day", &w.rates.day),
                ("year", &w.rates.year),
            ]
            .into_iter()
            .flat_map(|(id, list)| list.iter().map(move |k| (k.clone(), id.to_string()))),
        );
        Lexicon {
            figures: figure::FigureLexicon::new(&rules),
            entities: entity::EntityLexicon::new(&rules),
            metrics,
            segments: Words::new(w.segment.iter().flat_map(|s| {
                s.words
                    .iter()
                    .map(|k| (k.clone(), (s.id.clone(), s.kind.clone())))
            })),
            scopes: Words::any_case(
                w.scope
                    .kinds()
                    .into_iter()
                    .flat_map(|(kind, list)| list.iter().map(move |k| (k.clone(), kind))),
            ),
            target: set(&w.qualifiers.target),
            estimate: set(&w.qualifiers.estimate),
            forecast: set(&w.qualifiers.forecast),
            change: words::ChangeWords::new(&w.qualifiers.change, &w.qualifiers.not_change),
            change_to_level: set(&w.qualifiers.change_to_level),
            earlier: set(&w.qualifiers.earlier),
            part: set(&w.qualifiers.part),
            yoy: set(&w.basis.yoy),
            qoq: set(&w.basis.qoq),
            rates,
            unit_price: set(&w.rates.unit_price),
            rules,
        }
    }
}

/// Bodies longer than this are read in parts of about this size, cut at
/// line breaks. Attribution looks back over the whole body for each figure
/// (the last company named, the last year), which is quadratic in its
/// length: a news article is far shorter, but a 10 MB file of one report
/// would take an hour read whole, and takes seconds read in parts.
const PART: usize = 64 * 1024;

/// All facts of one article, in text order.
pub fn extract(article: &Article, lex: &Lexicon) -> Vec<Fact> {
    if article.body.len() <= PART {
        return extract_whole(article, lex);
    }
    let mut facts: Vec<Fact> = Vec::new();
    // One copy of the article for all parts, only its body moved along (a
    // copy per part would copy the whole text, and index its lines, again
    // for every 64 KB).
    let mut part = article.clone();
    part.line_col(0);
    let mut start = article.body.start;
    while start < article.body.end {
        let mut end = crate::rules::floor_char(&article.text, (start + PART).min(article.body.end));
        if end < article.body.end {
            end = cut(&article.text[start..end])
                .map(|i| start + i)
                .filter(|&e| e > start)
                .unwrap_or(end);
        }
        part.body = start..end;
        // Sentence numbers go on from the previous part's: figures of
        // different parts are never one sentence.
        let base = facts.last().map_or(0, |f| f.sentence + 1);
        facts.extend(extract_whole(&part, lex).into_iter().map(|mut f| {
            f.sentence += base;
            f
        }));
        start = end;
    }
    facts
}

/// Where to end a part: after its last line, else (one long line) after
/// its last sentence, so that no figure is cut in two.
fn cut(part: &str) -> Option<usize> {
    if let Some(i) = part.rfind('\n') {
        return Some(i + 1);
    }
    let wide = part
        .rfind(['。', '！', '？', '；'])
        .map(|i| i + '。'.len_utf8());
    let ascii = part.rfind(". ").map(|i| i + 2);
    wide.max(ascii)
}

fn extract_whole(article: &Article, lex: &Lexicon) -> Vec<Fact> {
    if !hant::is_traditional(article.body_text()) {
        return assemble::Assembler::new(article, lex).facts();
    }
    // A part of a long text folds only its own body (folding keeps byte
    // offsets), not the whole text once per part.
    let part = article.text.len() > PART;
    let text = match part {
        true => {
            let mut text = article.text.clone();
            let body = article.body.clone();
            let folded = hant::fold(&text[body.clone()]);
            text.replace_range(body, &folded);
            text
        }
        false => hant::fold(&article.text),
    };
    let folded = Article {
        text,
        ..article.clone()
    };
    let local = hant::local_currency(folded.body_text());
    let mut facts = assemble::Assembler::new(&folded, lex).facts();
    // Names found in the text are reported as written, not as folded; in a
    // part, as written in that part.
    let find = |name: &str| match part {
        true => folded.body_text().find(name).map(|i| folded.body.start + i),
        false => None,
    };
    let mut seen: std::collections::HashMap<String, Option<String>> = Default::default();
    let mut original = |name: &str| -> Option<String> {
        if let Some(known) = seen.get(name) {
            return known.clone();
        }
        let written = find(name)
            .or_else(|| folded.text.find(name))
            .and_then(|at| article.text.get(at..at + name.len()).map(str::to_string));
        seen.insert(name.to_string(), written.clone());
        written
    };
    for f in &mut facts {
        f.text = article.text[f.start..f.end].to_string();
        if let Some(e) = f.entity.as_mut()
            && let Some(name) = e.id.strip_prefix("org:")
            && let Some(written) = original(name)
        {
            e.id = format!("org:{written}");
            e.name = original(&e.name).unwrap_or(written);
        }
        if let Some(s) = f.scope.as_mut()
            && let Some(written) = original(&s.name)
        {
            s.name = written;
        }
        for b in [
            &mut f.evidence.entity,
            &mut f.evidence.metric,
            &mut f.evidence.period,
            &mut f.evidence.qualifier,
        ] {
            if let (Some(s), Some(e)) = (b.start, b.end) {
                b.text = article.text.get(s..e).map(str::to_string);
            }
        }
        if let Some(cur) = local
            && f.unit == "CNY"
            && !hant::names_renminbi(&f.text)
        {
            f.unit = cur.to_string();
        }
    }
    facts
}
