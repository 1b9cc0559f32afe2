//! Figures: a number with its multiplier and unit (money, percent or count),
//! its bounds from the words around it, and ranges such as 10-12万辆.
//!
//! A number with no unit is not a figure: years, codes, model names and
//! ordinals fall out because nothing after them names a currency, % or a
//! counting unit.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::number::{Number, multiplier};
use super::numeral;
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

/// An English multiplier after digits: 44.06bn, 1.5 billion, $3m.
static ENGLISH_SCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s?(?:trillion|billion|million|thousand)(?-u:\b)|(?:tn|bn|mn|m|k)(?-u:\b))")
        .expect("valid regex")
});

/// Where a web address or e-mail runs: its digits and %-escapes are no figures.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:https?://|www\.)[a-z0-9\-._~:/?#\[\]@!$&'*+,;=%]*|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}",
    )
    .expect("valid regex")
});

/// 7.42-3/4美元: a futures quote, the fraction of its last decimal place.
static QUOTE_FRACTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^-([1-9][0-9]?)/(2|4|8|16|32)(?-u:\b)").expect("valid regex"));

/// Figures written without digits: 百分之五十, 四分之一, 1/4, 一半, 翻番.
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<per>[百千万萬])[\ \t]?分[\ \t]?之[\ \t]?
      | (?P<den>[一二三四五六七八九十]+)分之(?P<numer>[一二三四五六七八九十]+)
      | (?:^|[^0-9/\-])(?P<fn>[1-9])/(?P<fd>[2-9]|1[0-2])(?:[^0-9/]|$)
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

/// 折 after a number is tenths of the price (九折) unless it starts a word.
const DISCOUNT_WORDS: [&str; 14] = [
    "合", "旧", "算", "扣", "叠", "价", "让", "腾", "射", "返", "损", "现", "成", "半",
];

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?P<ppt>[个個]千分[点點]|千分[点點])|(?P<pp>[个個]百分[点點]|百分[点點]|percentage points?|pp(?-u:\b))|%|％|\s?percent(?-u:\b)|\s?per cent(?-u:\b))",
    )
    .expect("valid regex")
});

/// An English verb of change right before a figure.
static CHANGE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:gained|added|rose|climbed|jumped|advanced|fell|dropped|lost|slipped|declined|shed|eased|up|down|by)$")
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
    place_names: std::collections::BTreeMap<char, Vec<char>>,
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
            place_names: rules
                .place_names
                .iter()
                .filter_map(|(k, v)| {
                    let key = k.chars().next()?;
                    Some((key, v.iter().filter_map(|w| w.chars().next()).collect()))
                })
                .collect(),
        }
    }

    /// All figures in `text[range]`, in order.
    pub fn find(&self, text: &str, range: std::ops::Range<usize>) -> Vec<Figure> {
        let mut atoms: Vec<Atom> = Vec::new();
        let runs = runs(text, range.clone());
        let runs = runs
            .into_iter()
            .flat_map(|(start, end)| self.listed_prices(text, start, end));
        for (start, run_end) in runs {
            // A unit word can swallow the start of the next number's prefix.
            if let Some(a) = self.atom(text, start, run_end, range.end)
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
                    "per", "den", "fn", "half", "double", "triple", "fold", "quad", "words",
                ]
                .iter()
                .find_map(|n| c.name(n).map(|m| (*n, m)))?;
                let (kind, unit, value, span) = match name {
                    "per" => {
                        // 百分之二点五, 千分之２．４, 万分之五: the whole numeral after it.
                        let at = range.start + c.get(0)?.end();
                        let (n, len) = if text[at..range.end].starts_with('百') {
                            // 百分之百
                            (Decimal::ONE_HUNDRED, '百'.len_utf8())
                        } else {
                            let len = numeral::run_len(&text[at..range.end]);
                            (numeral::value(&text[at..at + len])?.value, len)
                        };
                        let per = match m.as_str() {
                            "百" => Decimal::ONE,
                            "千" => Decimal::TEN,
                            _ => Decimal::ONE_HUNDRED,
                        };
                        let span = c.get(0)?.start()..at + len - range.start;
                        (Kind::Percent, "%", n.checked_div(per)?, span)
                    }
                    "den" => {
                        let den = numeral::value(m.as_str())?.value;
                        let numer = numeral::value(c.name("numer")?.as_str())?.value;
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

    /// The number whose numeral run is `text[start..run_end]`, with its
    /// multiplier, sign, currency and unit, if it is a figure.
    fn atom(&self, text: &str, start: usize, run_end: usize, limit: usize) -> Option<Atom> {
        let before = &text[..start];
        let run = &text[start..run_end];
        let prefix = self.currency_prefix.suffix_of(before);
        let prefix_start = prefix.as_ref().map(|h| h.start);
        // Model names and codes: H20, SU7, 4S店; ordinals: 第3; the escapes
        // of a web address (%25).
        let glued = before.ends_with(|ch: char| {
            ch.is_ascii_alphabetic() || matches!(ch, '_' | '第' | '.' | '#' | '%')
        });
        if glued && prefix.is_none() {
            return None;
        }
        // 几十家, 数百万: vague counts, not figures.
        if before.ends_with(['几', '数', '若', '上']) {
            return None;
        }
        let parsed = match numeral::parse(run) {
            Some(p) => p,
            None => return self.discount_pair(text, start, run_end),
        };
        let mut end = run_end;
        let mut number = parsed.number;
        let mut mult = parsed.scale;
        if let Some(m) = run
            .ends_with(|c: char| c.is_ascii_digit())
            .then(|| ENGLISH_SCALE.find(&text[run_end..limit]))
            .flatten()
        {
            let m_value = multiplier(m.as_str())?;
            number = number.times(m_value)?;
            mult = Some(mult.unwrap_or(Decimal::ONE) * m_value);
            end = run_end + m.end();
        }
        // 7.42-3/4美元
        if mult.is_none()
            && run.contains(['.', '．'])
            && let Some(c) = QUOTE_FRACTION.captures(&text[end..limit])
        {
            let (n, d): (Decimal, Decimal) = (c[1].parse().ok()?, c[2].parse().ok()?);
            if n < d {
                number.value += number.place * n / d;
                number.place /= d;
                end += c.get(0)?.end();
            }
        }
        // 一家, 一位: "a", not a count of one (but 一成 is 10%, 一倍 100%,
        // 一个百分点 one point).
        if matches!(run, "一" | "壹") && !ONE_COUNTS.is_match(&text[end..limit]) {
            return None;
        }
        // 三成半, 一个半百分点, 两倍半: half a unit more.
        let (half, unit_at) = match HALF.captures(&text[end..limit]).and_then(|c| c.get(1)) {
            Some(m) => (true, end + m.end()),
            None => (false, end),
        };
        let negative = minus_before(before);
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
        let (kind, mut unit, mut unit_end) = self
            .unit_after(text, unit_at)?
            .or_else_prefix(prefix_code, end)?;
        if half {
            if !matches!(kind, Some(Kind::Percent | Kind::Ratio)) {
                return None;
            }
            number.value += Decimal::new(5, 1);
            number.place = number.place.min(Decimal::new(1, 1));
        }
        // 新台币150亿元: a currency written before the number outranks the
        // generic 元 after it.
        if kind == Some(Kind::Money)
            && text[end..unit_end].trim() == "元"
            && let Some(code) = prefix.as_ref().map(|h| h.value.clone())
        {
            unit = Some(code);
        }
        if kind == Some(Kind::Count)
            && parsed.chinese_only
            && self.place_name(&text[unit_end..limit])
        {
            return None;
        }
        match unit.as_deref() {
            // 三成 = 30%, 八五折 = 85%: more than 10 is not tenths.
            Some("成" | "折") => {
                if unit.as_deref() == Some("成")
                    && let Some((tenth, len)) = tenth_after(&text[unit_end..limit])
                {
                    // 三成半 = 35%, 四成五 = 45%.
                    number.value += tenth;
                    number.place = number.place.min(Decimal::new(1, 1));
                    unit_end += len;
                }
                if number.value.abs() > Decimal::TEN || number.value <= Decimal::ZERO {
                    return None;
                }
                number = number.times(Decimal::TEN)?;
                unit = Some("%".to_string());
            }
            Some("千分点") => {
                number = number.times(Decimal::new(1, 1))?;
                unit = Some("pp".to_string());
            }
            _ => {}
        }
        if kind == Some(Kind::Money)
            && let Some((cents, place, change_end)) =
                small_change(&text[end..unit_end], &text[unit_end..limit])
        {
            number.value += cents;
            number.place = number.place.min(place);
            unit_end += change_end;
        }
        if negative {
            number.value = -number.value;
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
            more: parsed.more,
            kind,
            unit,
        })
    }

    /// `$20，300美圆`: a number with a currency symbol before it and a currency
    /// word after it, joined by a full-width comma, is two prices in a list
    /// (one figure never names its currency twice), not 20,300. The run is
    /// cut at its full-width commas then; otherwise it is kept whole.
    fn listed_prices(&self, text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
        let run = &text[start..end];
        let symbol = self
            .currency_prefix
            .suffix_of(&text[..start])
            .is_some_and(|h| !text[h.start..h.end].chars().any(|c| c.is_alphanumeric()));
        if !run.contains('，') || !symbol {
            return vec![(start, end)];
        }
        let after = text[end..].trim_start();
        if self.currency_suffix.prefix_of(after).is_none() {
            return vec![(start, end)];
        }
        let mut out = Vec::new();
        let mut from = start;
        for (i, _) in run.match_indices('，') {
            out.push((from, start + i));
            from = start + i + '，'.len_utf8();
        }
        out.push((from, end));
        out
    }

    /// 五五折, 九五折: two digits and 折, the price in tenths (55%, 95%).
    fn discount_pair(&self, text: &str, start: usize, run_end: usize) -> Option<Atom> {
        let digits: Vec<Decimal> = text[start..run_end]
            .chars()
            .map(|c| numeral::value(&c.to_string()).map(|n| n.value))
            .collect::<Option<_>>()?;
        let [tens, ones] = digits[..] else {
            return None;
        };
        let UnitAfter::Found(Kind::Percent, unit, end) = self.unit_after(text, run_end)? else {
            return None;
        };
        (unit == "折" && !tens.is_zero()).then_some(())?;
        let value = tens * Decimal::TEN + ones;
        Some(Atom {
            start,
            end,
            num_end: run_end,
            number: Number {
                value,
                place: Decimal::ONE,
                rounded: false,
            },
            mult: None,
            more: false,
            kind: Some(Kind::Percent),
            unit: Some("%".to_string()),
        })
    }

    /// Whether the words after a count's measure word make the numeral the
    /// start of a place name (五台山, 三家村).
    fn place_name(&self, after: &str) -> bool {
        let mut chars = after.chars();
        let Some(c) = chars.next() else { return false };
        let next = chars.next();
        self.place_names
            .get(&c)
            .is_some_and(|others| next.is_none_or(|n| !others.contains(&n)))
    }

    /// The unit right after a number: %, a currency or a counting word.
    fn unit_after(&self, text: &str, at: usize) -> Option<UnitAfter> {
        let rest = &text[at..];
        if let Some(c) = PERCENT.captures(rest) {
            let end = c.get(0)?.end();
            // q=30%25%20: the escapes of a web address, not percents.
            if rest[..end].ends_with('%') && url_escape(&text[..at], &rest[end..]) {
                return Some(UnitAfter::None);
            }
            let unit = if c.name("ppt").is_some() {
                "千分点"
            } else if c.name("pp").is_some() {
                "pp"
            } else {
                "%"
            };
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
        // 九折, 八点五折: tenths of the price, unless 折 starts a word (折合, 折旧).
        if let Some(after) = rest.strip_prefix('折')
            && !DISCOUNT_WORDS.iter().any(|w| after.starts_with(w))
            && !idiom_before(&text[..at])
        {
            return Some(UnitAfter::Found(
                Kind::Percent,
                "折".to_string(),
                at + '折'.len_utf8(),
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
        let before = text[..a.start].trim_end();
        // "gained $3.40 to $286.90": a change, then the level it reached
        // (far above it); "up 25% to 35%" stays a range.
        let moved = CHANGE_VERB.is_match(before)
            && between.trim() == "to"
            && b.number.value > a.number.value * Decimal::TWO;
        let from = moved || ["从", "由"].iter().any(|w| before.ends_with(w));
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
    // 负三十二元, 负3.9%; 正负3% is a tolerance, not a sign.
    if let Some(b) = before.strip_suffix(['负', '負']) {
        return !b.ends_with(['正', '胜', '勝']);
    }
    let mut rev = before.chars().rev();
    let Some(sign) = rev.next() else { return false };
    if !matches!(sign, '-' | '−' | '－') {
        return false;
    }
    match rev.next() {
        None => true,
        Some(c) => {
            !(c.is_ascii_alphanumeric() || "%％万亿千百兆元辆台人家个股币金折成".contains(c))
        }
    }
}

/// 三成半, 四成五: the half or the digit after 成, as tenths of it, and its
/// length; a digit followed by another numeral or a unit (三成五年) is not.
fn tenth_after(after: &str) -> Option<(Decimal, usize)> {
    let mut chars = after.chars();
    let c = chars.next()?;
    if c == '半' {
        return Some((Decimal::new(5, 1), c.len_utf8()));
    }
    let d = numeral::digit(c).filter(|d| *d > 0)?;
    let next = chars.next();
    let word = next
        .is_some_and(|n| numeral::is_chinese_numeral(n) || "年月日个個人家元倍万亿成".contains(n));
    (!word).then(|| (Decimal::new(i64::from(d), 1), c.len_utf8()))
}

/// Whether the % after a number starts a %-escape (%E5, or %25 after a
/// query's =): 1.8%43.7% in garbled text stays two percents.
fn url_escape(before_number: &str, after_percent: &str) -> bool {
    let hex = after_percent.as_bytes();
    if hex.len() < 2 || !hex[..2].iter().all(u8::is_ascii_hexdigit) {
        return false;
    }
    let letter = hex[..2].iter().any(u8::is_ascii_alphabetic);
    let query = before_number
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
        .ends_with(['=', '&']);
    letter || query
}

/// 一波三折, 百折不挠: 折 in an idiom. The numeral before it is one character.
fn idiom_before(before_number: &str) -> bool {
    let mut rev = before_number.chars().rev();
    rev.next();
    matches!(rev.next(), Some('波' | '曲'))
}

/// The numeral runs in `text[range]`, as (start, end) byte offsets, outside
/// web addresses and dotted codes (versions, IP addresses, 2025.09.18).
fn runs(text: &str, range: std::ops::Range<usize>) -> Vec<(usize, usize)> {
    let addresses: Vec<(usize, usize)> = ADDRESS
        .find_iter(&text[range.clone()])
        .map(|m| (range.start + m.start(), range.start + m.end()))
        .collect();
    let mut out = Vec::new();
    let mut next_address = 0;
    let mut i = range.start;
    while i < range.end {
        let Some(c) = text[i..range.end].chars().next() else {
            break;
        };
        if !numeral::starts_run(c) {
            i += c.len_utf8();
            continue;
        }
        let mut end = i + numeral::run_len(&text[i..range.end]).max(c.len_utf8());
        // 市值超12亿1月15日: digits after a unit that start a date.
        if text[end..range.end].starts_with(['年', '月', '日', '号', '時', '时']) {
            let digits = text[i..end].trim_end_matches(|d: char| d.is_ascii_digit());
            if !digits.is_empty() && digits.ends_with(numeral::is_chinese_numeral) {
                end = i + digits.len();
            }
        }
        let after = &text[end..range.end];
        let dotted = after.starts_with('.') && after[1..].starts_with(|d: char| d.is_ascii_digit());
        if dotted {
            // Skip the whole dotted code, not just its first part.
            let rest = after.trim_start_matches(|d: char| d.is_ascii_digit() || d == '.');
            i = range.end - rest.len();
            continue;
        }
        while addresses.get(next_address).is_some_and(|&(_, e)| e <= i) {
            next_address += 1;
        }
        let in_address = addresses
            .get(next_address)
            .is_some_and(|&(s, e)| s <= i && i < e);
        if !in_address {
            out.push((i, end));
        }
        i = end;
    }
    out
}

/// After 一: the units for which it is a number, not the article "a".
static ONE_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:成|倍|折|个半|個半|个百分点|個百分點|百分点|百分點|个千分点|個千分點)")
        .expect("valid regex")
});

/// 一个半百分点: 个半 before percentage points is half a point more.
static HALF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([个個]半)[个個]?[百千]分[点點]").expect("valid regex"));

/// 50元6角三分, 两美元又三美分, 伍仟零贰拾元零捌分, 十四块五: the 角 and 分
/// after a money figure, as an amount, the place of its last digit and the
/// bytes it takes.
fn small_change(unit_word: &str, after: &str) -> Option<(Decimal, Decimal, usize)> {
    let mut at = after.strip_prefix('又').map_or(0, |_| '又'.len_utf8());
    let mut total = Decimal::ZERO;
    let mut place = None;
    for (units, scale) in [(&["角", "毛"][..], 1), (&["美分", "欧分", "分"][..], 2)] {
        let rest = &after[at..];
        let zero = rest
            .strip_prefix(['零', '〇'])
            .map_or(0, |_| '零'.len_utf8());
        let rest = &rest[zero..];
        let len = numeral::run_len(rest);
        let value = match rest[..len].chars().collect::<Vec<_>>()[..] {
            [c] => numeral::digit(c)
                .map(u32::from)
                .or_else(|| super::number::to_ascii_digit(c).to_digit(10))
                .map(Decimal::from),
            _ => numeral::value(&rest[..len]).map(|n| n.value),
        };
        let Some(value) = value.filter(|_| len > 0) else {
            continue;
        };
        let Some(unit) = units.iter().find(|u| rest[len..].starts_with(**u)) else {
            continue;
        };
        let tail = &rest[len + unit.len()..];
        // 3分钟, 5分之一, 两分析师: 分 starting another word.
        if *unit == "分"
            && tail.starts_with(|c: char| "钟之析别红配成享布散期拆支类数值".contains(c))
        {
            continue;
        }
        let most = if unit.len() > '分'.len_utf8() {
            100
        } else {
            10
        };
        if value >= Decimal::from(most) || !value.fract().is_zero() {
            return None;
        }
        let p = Decimal::new(1, scale);
        total += value * p;
        place = Some(p);
        at += zero + len + unit.len();
    }
    if place.is_none() && unit_word.ends_with('块') {
        // 十四块五: a digit after 块 is 角.
        let mut chars = after.chars();
        let first = chars.next()?;
        let d = numeral::digit(first).filter(|d| *d > 0)?;
        let ends = chars.next().is_none_or(|c| {
            !(numeral::is_chinese_numeral(c) || c.is_ascii_alphanumeric() || "钱毛角".contains(c))
        });
        if ends {
            return Some((
                Decimal::new(i64::from(d), 1),
                Decimal::new(1, 1),
                first.len_utf8(),
            ));
        }
    }
    place.map(|p| (total, p, at))
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
