//! The typed hand-off between extraction and checks: one `Fact` per figure.
//!
//! Field names are the `factcheck/v1` JSON contract: later versions add
//! fields, never rename them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Money,
    Percent,
    /// A multiple: 是…的2.4倍, 2.4 times, 翻番 (unit "times").
    Ratio,
    Count,
}

/// How the wording bounds the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    Exact,
    About,
    AtLeast,
    AtMost,
    Range,
}

/// What kind of claim the figure makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Actual,
    Target,
    Forecast,
    Estimate,
    Change,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Actual => "actual",
            Qualifier::Target => "target",
            Qualifier::Forecast => "forecast",
            Qualifier::Estimate => "estimate",
            Qualifier::Change => "change",
        }
    }

    /// Targets, forecasts and estimates are statements about the future made
    /// at a time; a later statement may revise them without contradiction.
    pub fn is_outlook(self) -> bool {
        matches!(
            self,
            Qualifier::Target | Qualifier::Forecast | Qualifier::Estimate
        )
    }
}

impl Fact {
    /// Drops trailing zeros, so equal amounts print alike ("1500000000000",
    /// not "1500000000000.0").
    pub fn normalized(mut self) -> Fact {
        self.value = self.value.normalize();
        self.low = self.low.map(|d| d.normalize());
        self.high = self.high.map(|d| d.normalize());
        self.precision = self.precision.normalize();
        self
    }
}

/// A part of a company a figure is about: a subsidiary, a business line, a
/// plant, a sales channel, a product or a region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scope {
    /// subsidiary, business_line, plant, channel, product, region, or part
    /// (其中, 合计: a part the text does not name).
    pub kind: String,
    /// The words that named it.
    pub name: String,
}

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn day(d: NaiveDate) -> Period {
        Period { start: d, end: d }
    }

    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Short human form: 2024, 2024-Q1, 2024-H1, 2024-03, 2024-03-05, or a span.
    pub fn label(&self) -> String {
        use chrono::Datelike;
        let (s, e) = (self.start, self.end);
        if s == e {
            return s.to_string();
        }
        let whole_months = s.day() == 1 && e.succ_opt().is_none_or(|n| n.day() == 1);
        if whole_months && s.year() == e.year() {
            let months = e.month() - s.month() + 1;
            return match (months, s.month()) {
                (12, 1) => s.year().to_string(),
                (6, 1) => format!("{}-H1", s.year()),
                (6, 7) => format!("{}-H2", s.year()),
                (3, m) if (m - 1) % 3 == 0 => format!("{}-Q{}", s.year(), (m - 1) / 3 + 1),
                (1, m) => format!("{}-{m:02}", s.year()),
                _ => format!("{s}..{e}"),
            };
        }
        format!("{s}..{e}")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRef {
    pub id: String,
    pub name: String,
}

/// Where a fact's relative dates were resolved from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reference {
    /// The article's publication date.
    Published,
    /// The latest full date in an undated article's body.
    Inferred,
    /// No date to resolve against.
    None,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fact {
    pub id: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// Byte offsets of the figure in the file.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: Kind,
    pub value: Decimal,
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub approx: Approx,
    pub unit: String,
    pub entity: Option<EntityRef>,
    pub metric: Option<String>,
    pub period: Option<Period>,
    pub qualifier: Qualifier,
    /// Half a unit of the last significant digit, fully expanded
    /// (1.5万亿 -> 50000000000): how precisely the figure was written.
    pub precision: Decimal,
    /// Written with trailing zeros (100亿): `precision` is only an upper bound.
    pub rounded: bool,
    /// A part of the business (china, us, ...), when the clause names one.
    /// Facts are compared only with facts of the same segment.
    pub segment: Option<String>,
    /// What kind of part `segment` is, and the words that named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// yoy or qoq, for changes that say so.
    pub basis: Option<String>,
    /// month, day, year or unit_price for rates ("每月交付1万辆").
    pub per: Option<String>,
    /// For targets, forecasts and estimates: when the statement was made.
    pub as_of: Option<Period>,
    /// Id of the fact this one restates: in another currency (约合人民币…) or
    /// in other words (跌了1/4(26%)).
    pub converts: Option<String>,
    pub reference: Reference,
    /// Index of the sentence in its article: figures of one sentence are
    /// parts of a list or restatements, never compared with each other.
    pub sentence: usize,
    /// Stated as an earlier or superseded figure (此前预计, 由X修正为Y): kept,
    /// but not compared with current figures.
    pub revised: bool,
    /// Id of the figure a change or multiple is measured against, when the
    /// text gives it: 较上年同期的16.9亿美元增长10.1%, 是净利润2亿元的10倍,
    /// "rose 25% to $5bn from $4bn".
    pub compared_with: Option<String>,
    /// For a multiple, the period of what it is a multiple of, when the text
    /// names a time instead of a figure: 是2020年的7.4倍, "3.6 times the level
    /// a year earlier".
    pub base_period: Option<Period>,
    /// Written as a total (合计, 累计, 共, "a total of", "in total").
    pub total: bool,
    /// A total the sentence then breaks down item by item (合计25亿元,分别用于…;
    /// "48,200 in total: 15,100 in January, …"), or that sums the items
    /// before it (A、B和C,合计X).
    pub itemized: bool,
    /// Id of the itemized total this figure is one item of.
    pub item_of: Option<String>,
    /// How entity, metric, period and qualifier were decided.
    #[serde(default)]
    pub evidence: Evidence,
}

/// Where the words that decided an attribute stand, nearest first. A
/// figure whose entity is named in its own clause is surer than one whose
/// entity was carried from an earlier paragraph.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// In the figure's own clause.
    Clause,
    /// Elsewhere in its sentence.
    Sentence,
    /// A pronoun (该公司, 其, "the company") standing for the last company named.
    Pronoun,
    /// An earlier sentence of its paragraph.
    Paragraph,
    /// The headline, for a body figure, or the body, for a headline figure.
    Headline,
    /// Carried from earlier in the article, or the article's date.
    Article,
    /// Taken from another figure (a growth rate takes its level's metric).
    Inherited,
    /// Not decided by any words: the attribute is unknown, or a default.
    #[default]
    None,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Clause => "clause",
            Source::Sentence => "sentence",
            Source::Pronoun => "pronoun",
            Source::Paragraph => "paragraph",
            Source::Headline => "headline",
            Source::Article => "article",
            Source::Inherited => "inherited",
            Source::None => "none",
        }
    }
}

/// How one attribute was decided, with the words used (byte offsets in the
/// file, like the figure's own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    pub from: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

impl Basis {
    pub fn words(from: Source, text: &str, at: std::ops::Range<usize>) -> Basis {
        Basis {
            from,
            text: Some(text[at.clone()].to_string()),
            start: Some(at.start),
            end: Some(at.end),
        }
    }
    pub fn bare(from: Source) -> Basis {
        Basis {
            from,
            ..Basis::default()
        }
    }
}

/// The evidence behind a fact's attributes (`evidence` in factcheck/v1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub entity: Basis,
    pub metric: Basis,
    pub period: Basis,
    pub qualifier: Basis,
}

/// Facts by id, built once per run and shared by the checks, the policy and
/// the reports (findings name their facts by id).
pub fn by_id(facts: &[Fact]) -> std::collections::HashMap<&str, &Fact> {
    facts.iter().map(|f| (f.id.as_str(), f)).collect()
}
