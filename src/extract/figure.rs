//! Figures: a number with its multiplier and unit (money, percent or count),
//! its bounds from the words around it, and ranges such as 10-12万辆.
//!
//! A number with no unit is not a figure: years, codes, model names and
//! ordinals fall out because nothing after them names a currency, % or a
//! counting unit.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::number::{Number, multiplier, parse_mixed};
use super::words::{Words, set};
use crate::fact::{Approx, Kind};
use crate::rules::Rules;

#[derive(Debug, Clone)]
pub struct Figure {
    /// Byte range of the figure in the article text (currency prefix through unit).
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub number: Number,
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub approx: Approx,
    pub unit: String,
}

impl Figure {
    /// An exact whole number written without a multiplier or bound words
    /// ("three times", the 2,100 of "5,300 and 2,100 vehicles").
    fn whole(at: std::ops::Range<usize>, kind: Kind, value: Decimal, unit: String) -> Figure {
        Figure {
            start: at.start,
            end: at.end,
            kind,
            number: Number {
                value,
                place: Decimal::ONE,
                rounded: false,
            },
            low: None,
            high: None,
            approx: Approx::Exact,
            unit,
        }
    }
}

/// A number with its multiplier: 170多亿, 1.5万亿, 44.06bn.
static ATOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<num>
            (?:[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十])
            (?:[0-9０-９.．零〇一二两三四五六七八九十百千]|[,，][0-9０-９]{3})*
        )
        (?P<more1>\s?[多余])?
        (?P<tail>\s?[万亿千百兆][0-9０-９.．零〇一二两三四五六七八九十百千万亿兆]*)?
        (?P<more2>[多余])?
        (?P<en>\s?(?:trillion|billion|million|thousand)(?-u:\b)|(?:tn|bn|mn|m|k)(?-u:\b))?",
    )
    .expect("valid regex")
});

/// Figures written without digits: 百分之五十, 四分之一, 1/4, 一半, 翻番.
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        百分之(?P<pct>[0-9.零〇一二两三四五六七八九十百]+)
      | (?P<den>[一二三四五六七八九十]+)分之(?P<numer>[一二三四五六七八九十]+)
      | (?:^|[^0-9/])(?P<fn>[1-9])/(?P<fd>[2-9]|1[0-2])(?:[^0-9/]|$)
      | (?P<half>一半)
      | (?P<double>翻(?:了)?(?:一)?番|翻倍|(?-u:\b)(?:doubled|doubling)(?-u:\b))
      | (?P<triple>(?-u:\b)(?:tripled|tripling)(?-u:\b))
      | (?P<fold>(?-u:\b)(?P<fold_n>two|three|four|five|six|seven|eight|nine|ten)fold(?-u:\b))
      | (?P<quad>翻(?:了)?两番)
      | (?P<words>(?-u:\b)(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion)(?:[\s-]+(?:and\s+)?)?)+)",
    )
    .expect("valid regex")
});

/// What follows a multiple written in words: "three times the", "five times
/// that of", "four times as large", "twice its".
static MULTIPLE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:the|that|those|as|its|their|his|her|higher|larger|bigger|greater|more|what|last|a year|year-earlier)(?-u:\b)")
        .expect("valid regex")
});

/// 倍, times, -fold: a multiple.
static TIMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:倍|times(?-u:\b)|-fold(?-u:\b)|fold(?-u:\b))").expect("valid regex")
});

/// 成 is tenths (三成 = 30%) unless it starts another word (成本, 成交).
const CHENG_WORDS: [&str; 16] = [
    "本", "员", "为", "交", "立", "功", "长", "都", "果", "绩", "熟", "就", "品", "型", "份", "分",
];

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?P<pp>个百分点|百分点|percentage points?|pp(?-u:\b))|%|％|\s?percent(?-u:\b)|\s?per cent(?-u:\b))",
    )
    .expect("valid regex")
});

/// Between the two ends of a range.
static RANGE_JOIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:-|~|～|—|–|至|到|to)\s*$").expect("valid regex"));

/// Compiled unit and bound words.
#[derive(Debug)]
pub struct FigureLexicon {
    currency_suffix: Words<String>,
    currency_prefix: Words<String>,
    units: Words<(String, Vec<String>)>,
    about_before: Words<()>,
    about_after: Words<()>,
    at_least_before: Words<()>,
    at_least_after: Words<()>,
    at_most_before: Words<()>,
    at_most_after: Words<()>,
}

impl FigureLexicon {
    pub fn new(rules: &Rules) -> FigureLexicon {
        let b = &rules.words.bounds;
        FigureLexicon {
            currency_suffix: Words::new(
                rules
                    .currencies
                    .iter()
                    .flat_map(|c| c.suffix.iter().map(|w| (w.clone(), c.code.clone()))),
            ),
            currency_prefix: Words::new(
                rules
                    .currencies
                    .iter()
                    .flat_map(|c| c.prefix.iter().map(|w| (w.clone(), c.code.clone()))),
            ),
            units: Words::new(rules.units.iter().flat_map(|u| {
                u.words
                    .iter()
                    .map(|w| (w.clone(), (u.unit.clone(), u.not_before.clone())))
            })),
            about_before: set(&b.about_before),
            about_after: set(&b.about_after),
            at_least_before: set(&b.at_least_before),
            at_least_after: set(&b.at_least_after),
            at_most_before: set(&b.at_most_before),
            at_most_after: set(&b.at_most_after),
        }
    }

    /// All figures in `text[range]`, in order.
    pub fn find(&self, text: &str, range: std::ops::Range<usize>) -> Vec<Figure> {
        let mut atoms: Vec<Atom> = Vec::new();
        for c in ATOM.captures_iter(&text[range.clone()]) {
            // A unit word can swallow the start of the next number's prefix.
            if let Some(a) = self.atom(text, range.start, &c)
                && atoms.last().is_none_or(|last| last.end <= a.start)
            {
                atoms.push(a);
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < atoms.len() {
            let a = &atoms[i];
            if let Some(b) = atoms.get(i + 1).filter(|b| self.is_range(text, a, b)) {
                out.extend(self.range_figure(a, b));
                i += 2;
                continue;
            }
            out.extend(self.single(text, a));
            i += 1;
        }
        for w in self.word_figures(text, range.clone()) {
            if !out.iter().any(|f| f.start < w.end && w.start < f.end) {
                out.push(w);
            }
        }
        out.sort_by_key(|f| f.start);
        let items = list_items(text, range, &out);
        out.extend(items);
        out.sort_by_key(|f| f.start);
        out
    }

    /// Figures written without digits (百分之五十, 四分之一, 1/4, 一半, 翻番).
    fn word_figures(&self, text: &str, range: std::ops::Range<usize>) -> Vec<Figure> {
        WORDS
            .captures_iter(&text[range.clone()])
            .filter_map(|c| {
                let (name, m) = [
                    "pct", "den", "fn", "half", "double", "triple", "fold", "quad", "words",
                ]
                .iter()
                .find_map(|n| c.name(n).map(|m| (*n, m)))?;
                let (kind, unit, value, span) = match name {
                    "pct" => (
                        Kind::Percent,
                        "%",
                        parse_mixed(m.as_str())?.value,
                        c.get(0)?.range(),
                    ),
                    "den" => {
                        let den = parse_mixed(m.as_str())?.value;
                        let numer = parse_mixed(c.name("numer")?.as_str())?.value;
                        (
                            Kind::Percent,
                            "%",
                            (numer * Decimal::ONE_HUNDRED).checked_div(den)?,
                            c.get(0)?.range(),
                        )
                    }
                    "fn" => {
                        let (n, d): (Decimal, Decimal) = (
                            m.as_str().parse().ok()?,
                            c.name("fd")?.as_str().parse().ok()?,
                        );
                        let span = m.start()..c.name("fd")?.end();
                        (n < d).then_some(())?;
                        (
                            Kind::Percent,
                            "%",
                            (n * Decimal::ONE_HUNDRED).checked_div(d)?,
                            span,
                        )
                    }
                    "half" => (Kind::Percent, "%", Decimal::from(50), m.range()),
                    "double" => (Kind::Ratio, "times", Decimal::TWO, m.range()),
                    "triple" => (Kind::Ratio, "times", Decimal::from(3), m.range()),
                    "fold" => {
                        let n = [
                            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                        ]
                        .iter()
                        .position(|w| *w == &c["fold_n"])? as i64
                            + 2;
                        (Kind::Ratio, "times", Decimal::from(n), m.range())
                    }
                    "quad" => (Kind::Ratio, "times", Decimal::from(4), m.range()),
                    _ => {
                        // "forty-four billion dollars": only with a unit after it.
                        let words = m
                            .as_str()
                            .trim_end_matches(|c: char| c.is_whitespace() || c == '-');
                        let value = super::number::parse_english(words)?;
                        let end = range.start + m.start() + words.len();
                        let UnitAfter::Found(kind, unit, unit_end) = self.unit_after(text, end)?
                        else {
                            return None;
                        };
                        // "three times the $2.4bn" is a multiple; "met three
                        // times" counts occasions, and is not a claim.
                        let compared = MULTIPLE_OF.is_match(text[unit_end..].trim_start());
                        if value <= Decimal::ONE || (unit == "times" && !compared) {
                            return None;
                        }
                        let span = m.start()..unit_end - range.start;
                        return Some(Figure::whole(
                            range.start + span.start..range.start + span.end,
                            kind,
                            value,
                            unit,
                        ));
                    }
                };
                let value = value.round_dp(4).normalize();
                Some(Figure {
                    start: range.start + span.start,
                    end: range.start + span.end,
                    kind,
                    number: Number {
                        value,
                        place: Decimal::new(1, value.scale()),
                        rounded: false,
                    },
                    low: None,
                    high: None,
                    approx: if name == "den" || name == "fn" {
                        Approx::About
                    } else {
                        Approx::Exact
                    },
                    unit: unit.to_string(),
                })
            })
            .collect()
    }

    fn atom(&self, text: &str, base: usize, c: &regex::Captures) -> Option<Atom> {
        let whole = c.get(0)?;
        // "$2.76." ends a sentence: the stop is not part of the number.
        let trailing = c.name("num")?.as_str().len()
            - c.name("num")?.as_str().trim_end_matches(['.', '．']).len();
        let trailing = if whole.end() == c.name("num")?.end() {
            trailing
        } else {
            0
        };
        let (start, end) = (base + whole.start(), base + whole.end() - trailing);
        let before = &text[..start];
        let prefix = self.currency_prefix.suffix_of(before);
        let prefix_start = prefix.as_ref().map(|h| h.start);
        // Model names and codes: H20, SU7, 4S店; ordinals: 第3.
        let glued = before.ends_with(|ch: char| {
            ch.is_ascii_alphabetic() || ch == '_' || ch == '第' || ch == '.' || ch == '#'
        });
        if glued && prefix.is_none() {
            return None;
        }
        let digits = c.name("num")?.as_str().trim_end_matches(['.', '．']);
        // 几十家, 数百万: vague counts, not figures.
        if before.ends_with(['几', '数', '若', '上']) {
            return None;
        }
        let base_number = parse_mixed(digits)?;
        let chinese_only = !digits
            .chars()
            .any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch));
        // 一家, 一位: "a", not a count of one (but 一成 is 10%, 一倍 is 100%).
        let tenths_or_times = text[end..].starts_with(['成', '倍']);
        if chinese_only
            && base_number.value == Decimal::ONE
            && c.name("tail").is_none()
            && !tenths_or_times
        {
            return None;
        }
        let mut number = match c.name("tail") {
            Some(t) => parse_mixed(&format!("{digits}{}", t.as_str().trim()))?,
            None => base_number,
        };
        let mut mult = (c.name("tail").is_some() && !base_number.value.is_zero())
            .then(|| number.value.checked_div(base_number.value))
            .flatten();
        if let Some(en) = c.name("en") {
            let m = multiplier(en.as_str())?;
            number = number.times(m)?;
            mult = Some(mult.unwrap_or(Decimal::ONE) * m);
        }
        // 净利润为-2386.66万元: a minus sign after a word, not between two numbers.
        let negative = minus_before(before);
        if negative {
            number.value = -number.value;
        }
        let more = c.name("more1").or(c.name("more2")).is_some();
        let prefix_code = prefix.as_ref().map(|h| {
            // ¥ is yuan in Chinese text and yen in English text.
            let symbol = &before[h.start..h.end];
            // The line it is on, looked at no further back than 4 KB (a
            // file of one long line would be scanned once per figure).
            let near = crate::rules::floor_char(before, before.len().saturating_sub(4096));
            let line_start = before[near..].rfind('\n').map_or(near, |i| near + i + 1);
            let english = !before[line_start..].chars().any(super::entity::is_han);
            if matches!(symbol, "¥" | "￥") && english {
                "JPY".to_string()
            } else {
                h.value.clone()
            }
        });
        let (kind, mut unit, unit_end) = self
            .unit_after(text, end)?
            .or_else_prefix(prefix_code, end)?;
        // 新台币150亿元: a currency written before the number outranks the
        // generic 元 after it.
        if kind == Some(Kind::Money)
            && text[end..unit_end].trim() == "元"
            && let Some(code) = prefix.as_ref().map(|h| h.value.clone())
        {
            unit = Some(code);
        }
        if unit.as_deref() == Some("成") {
            // 三成 = 30%; more than 10 成 is not tenths.
            if number.value.abs() > Decimal::TEN {
                return None;
            }
            number = number.times(Decimal::TEN)?;
            unit = Some("%".to_string());
        }
        let sign_start = if negative {
            before.trim_end().len() - before.trim_end().chars().last().map_or(0, char::len_utf8)
        } else {
            start
        };
        Some(Atom {
            start: prefix_start.unwrap_or(sign_start),
            end: unit_end,
            num_end: end,
            number,
            mult,
            more,
            kind,
            unit,
        })
    }

    /// The unit right after a number: %, a currency or a counting word.
    fn unit_after(&self, text: &str, at: usize) -> Option<UnitAfter> {
        let rest = &text[at..];
        if let Some(c) = PERCENT.captures(rest) {
            let unit = if c.name("pp").is_some() { "pp" } else { "%" };
            return Some(UnitAfter::Found(
                Kind::Percent,
                unit.to_string(),
                at + c.get(0)?.end(),
            ));
        }
        if let Some(m) = TIMES.find(rest) {
            return Some(UnitAfter::Found(
                Kind::Ratio,
                "times".to_string(),
                at + m.end(),
            ));
        }
        if let Some(after) = rest.strip_prefix('成')
            && !CHENG_WORDS.iter().any(|w| after.starts_with(w))
        {
            return Some(UnitAfter::Found(
                Kind::Percent,
                "成".to_string(),
                at + '成'.len_utf8(),
            ));
        }
        let trimmed = rest.trim_start();
        let skip = rest.len() - trimmed.len();
        // A unit word on the next line belongs to the next line (17:45 / 台积电…).
        if rest[..skip].contains('\n') {
            return Some(UnitAfter::None);
        }
        if skip > 1 && !rest.starts_with(' ') {
            return Some(UnitAfter::None);
        }
        if let Some(h) = self.currency_suffix.prefix_of(trimmed) {
            return Some(UnitAfter::Found(
                Kind::Money,
                h.value.clone(),
                at + skip + h.end,
            ));
        }
        if let Some(h) = self.units.prefix_of(trimmed) {
            let (unit, not_before) = h.value;
            let after = &trimmed[h.end..];
            if not_before.iter().any(|w| after.starts_with(w.as_str())) {
                return Some(UnitAfter::None);
            }
            return Some(UnitAfter::Found(
                Kind::Count,
                unit.clone(),
                at + skip + h.end,
            ));
        }
        Some(UnitAfter::None)
    }

    fn is_range(&self, text: &str, a: &Atom, b: &Atom) -> bool {
        let between = &text[a.end..b.start];
        let joined = RANGE_JOIN.is_match(between)
            || (a.kind.is_none() && RANGE_JOIN.is_match(&text[a.num_end..b.start]));
        let from = ["从", "由"]
            .iter()
            .any(|w| text[..a.start].trim_end().ends_with(w));
        // 新台币75亿至80亿元: the generic 元 at the far end is the near end's currency.
        let generic_yuan = a.kind == Some(Kind::Money)
            && b.kind == Some(Kind::Money)
            && text[..b.end].ends_with('元');
        joined
            && !from
            && b.kind.is_some()
            && (a.kind.is_none() || a.unit == b.unit || generic_yuan)
    }

    fn range_figure(&self, a: &Atom, b: &Atom) -> Option<Figure> {
        let kind = b.kind?;
        let unit = if a.kind == Some(Kind::Money) {
            a.unit.clone()?
        } else {
            b.unit.clone()?
        };
        let mut low = a.number;
        if let (None, Some(m)) = (a.mult, b.mult) {
            // 10-12万辆: the multiplier on the far end applies to both.
            low = low.times(m)?;
        }
        let mut high = b.number;
        if low.value > high.value {
            // 亏损1.55亿元到1.48亿元: written from the larger magnitude down.
            std::mem::swap(&mut low, &mut high);
        }
        let value = (low.value + high.value) / Decimal::TWO;
        let number = Number {
            value,
            place: low.place.min(high.place),
            rounded: low.rounded || high.rounded,
        };
        let (start, end) = (a.start, b.end);
        Some(Figure {
            start,
            end,
            kind,
            number,
            low: Some(low.value),
            high: Some(high.value),
            approx: Approx::Range,
            unit,
        })
    }

    fn single(&self, text: &str, a: &Atom) -> Option<Figure> {
        // 总支出大约300亿: a 万/亿 amount with no unit may be money; the
        // assembler keeps it only next to a money word (unit left empty here).
        let implied =
            a.kind.is_none() && a.mult.is_some() && a.number.value.abs() >= Decimal::from(10_000);
        let before = &text[..a.start];
        let after = &text[a.end..];
        let (kind, unit) = match implied {
            true => (Kind::Money, String::new()),
            false if a.kind.is_none() && appositive_age(before, after, a) => {
                (Kind::Count, "age".to_string())
            }
            false => (a.kind?, a.unit.clone()?),
        };
        let (approx, low, high) = if a.more {
            (
                Approx::AtLeast,
                Some(a.number.value),
                Some(a.number.value + a.number.place),
            )
        } else if let Some(approx) = self.longest_before(before) {
            match approx {
                Approx::AtLeast => (Approx::AtLeast, Some(a.number.value), None),
                Approx::AtMost => (Approx::AtMost, None, Some(a.number.value)),
                _ => (Approx::About, None, None),
            }
        } else if self.at_least_after.prefix_of(after).is_some() {
            (Approx::AtLeast, Some(a.number.value), None)
        } else if self.at_most_after.prefix_of(after).is_some() {
            (Approx::AtMost, None, Some(a.number.value))
        } else if self.about_after.prefix_of(after).is_some() {
            (Approx::About, None, None)
        } else {
            (Approx::Exact, None, None)
        };
        Some(Figure {
            start: a.start,
            end: a.end,
            kind,
            number: a.number,
            low,
            high,
            approx,
            unit,
        })
    }

    /// The bound word ending right before a figure (optionally followed by 在/为/达),
    /// the longest of all lists winning: 没有超越 is at most, 超越 at least.
    fn longest_before(&self, before: &str) -> Option<Approx> {
        let trimmed = before.trim_end();
        let stripped = trimmed.trim_end_matches(['在', '为', '是', '达', '了', '有']);
        [trimmed, stripped].iter().find_map(|b| {
            [
                (self.at_least_before.suffix_of(b), Approx::AtLeast),
                (self.at_most_before.suffix_of(b), Approx::AtMost),
                (self.about_before.suffix_of(b), Approx::About),
            ]
            .into_iter()
            .filter_map(|(h, a)| h.map(|h| (h.end - h.start, a)))
            .max_by_key(|(len, _)| *len)
            .map(|(_, a)| a)
        })
    }
}

/// A minus sign ends `before`, and what precedes the sign is a word (净利润-1.7亿,
/// 为-3%) or a bracket: not a digit, letter, unit or % (10-12万, 20%-30% and
/// 140亿-180亿 are ranges; H-20 is a name).
/// "Chief Executive Dana Whitlock, 54, said": an English age written as an
/// appositive, a bare whole number from 16 to 99 between commas after a
/// capitalised name.
fn appositive_age(before: &str, after: &str, a: &Atom) -> bool {
    static NAME_COMMA: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z]+)?, $").expect("valid regex")
    });
    let v = a.number.value;
    a.mult.is_none()
        && v.fract().is_zero()
        && (Decimal::from(16)..=Decimal::from(99)).contains(&v)
        && (after.starts_with(", ") || after.starts_with(",\n"))
        && NAME_COMMA.is_match(before)
}

fn minus_before(before: &str) -> bool {
    let mut rev = before.chars().rev();
    let Some(sign) = rev.next() else { return false };
    if !matches!(sign, '-' | '−' | '－') {
        return false;
    }
    match rev.next() {
        None => true,
        Some(c) => !(c.is_ascii_alphanumeric() || "%％万亿千百兆元辆台人家个股币金".contains(c)),
    }
}

#[derive(Debug)]
struct Atom {
    start: usize,
    end: usize,
    num_end: usize,
    number: Number,
    mult: Option<Decimal>,
    more: bool,
    kind: Option<Kind>,
    unit: Option<String>,
}

enum UnitAfter {
    Found(Kind, String, usize),
    None,
}

impl UnitAfter {
    /// A figure with no unit after it takes the currency written before it ($4.2 trillion).
    fn or_else_prefix(
        self,
        prefix: Option<String>,
        end: usize,
    ) -> Option<(Option<Kind>, Option<String>, usize)> {
        Some(match (self, prefix) {
            (UnitAfter::Found(k, u, e), _) => (Some(k), Some(u), e),
            (UnitAfter::None, Some(code)) => (Some(Kind::Money), Some(code), end),
            (UnitAfter::None, None) => (None, None, end),
        })
    }
}

/// "delivered 48,200 vehicles in the quarter: 15,100 in January, 12,300 in
/// February and 14,800 in March": after a count and a colon, numbers written
/// with thousands separators and no unit of their own count the same thing.
fn list_items(text: &str, range: std::ops::Range<usize>, figures: &[Figure]) -> Vec<Figure> {
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s,，:：(（])(?P<n>[0-9]{1,3}(?:,[0-9]{3})+)(?:$|[\s,，;；.。)）])")
            .expect("valid regex")
    });
    let mut out = Vec::new();
    for c in BARE.captures_iter(&text[range.clone()]) {
        let Some(m) = c.name("n") else { continue };
        let (start, end) = (range.start + m.start(), range.start + m.end());
        if figures.iter().any(|f| f.start < end && start < f.end) {
            continue;
        }
        // The count the list belongs to: earlier in the same sentence, with a
        // colon between it and this number.
        let Some(head) = figures.iter().rfind(|f| f.end <= start) else {
            continue;
        };
        let between = &text[head.end..start];
        let same_sentence = !between.contains(['.', '。', '\n', ';', '；']);
        let listed = between.contains([':', '：'])
            || out
                .iter()
                .any(|o: &Figure| o.end <= start && head.end <= o.start);
        if head.kind != Kind::Count || !same_sentence || !listed {
            continue;
        }
        let Ok(value) = m.as_str().replace(',', "").parse::<Decimal>() else {
            continue;
        };
        out.push(Figure::whole(
            start..end,
            Kind::Count,
            value,
            head.unit.clone(),
        ));
    }
    out
}
