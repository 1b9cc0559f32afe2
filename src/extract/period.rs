//! Time expressions: find them in the text, then resolve them against the
//! article's date and the years mentioned before them.

use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate};
use regex::{Captures, Regex};

use crate::fact::Period;

/// Part of a year named together with it (年初, 上半年, 一季度...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    Quarter(u32),
    Half(u32),
    /// Months M to N (1-12月, 前两季度 = 1-6, 前11月 = 1-11).
    Months(u32, u32),
    Day(u32, u32),
    Early,
    Mid,
    Late,
    /// From the start of the year to the reference date (年初至今, 今年以来).
    ToDate,
    /// The same part as the period in context (去年同期).
    SamePeriod,
}

/// Which year a time expression is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Year {
    Explicit(i32),
    /// Relative to the article's date: 0 this year, -1 last year.
    Relative(i32),
    /// Relative to the year in context (前一年 = -1, 当年 = 0).
    Context(i32),
    /// A month named in English with no year ("in March"): the year of its
    /// sentence or paragraph, else the latest such month by the article's date.
    Latest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    In(Year, Part),
    Years(i32, i32),
    /// Now: 现在, 目前, 最新.
    Now,
    /// The last day mentioned: 当日, 当天.
    SameDay,
    /// A quarter counted from the article's date: last quarter = -1.
    QuarterFromNow(i32),
    /// N months ending on a day (year, month, day or month end, months):
    /// 截至2024年6月30日止六个月, fiscal year ending March 2026.
    Ending(Year, u32, Option<u32>, u32),
    /// The period being reported: 报告期内, 期内.
    Report,
    /// The quarter being reported: "for the quarter", 当季.
    ReportQuarter,
    /// The (fiscal) year being reported: "for the full fiscal year".
    ReportYear,
    /// The next N years from the article's date (未来五年, the next five years).
    Next(u32),
    /// The N whole years before the article's year (过去五年, the past five years).
    Past(u32),
    /// The N years up to the article's date (过去三年来, over the past three years).
    PastToDate(u32),
    /// A weekday (on Tuesday, 周三): the latest such day by the article's
    /// date, `weeks` weeks further back (last Friday, 上周五).
    Weekday {
        weeks: i64,
        day: u32,
    },
}

/// A time expression in the text.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub when: When,
    /// Names an earlier period to compare with (去年同期, 前一年, 上年同期).
    pub comparative: bool,
    /// Preceded by 比/较/相比: the basis of a change, not the change's period.
    pub basis: bool,
    /// A fiscal year (FY2025, 2025财年, fiscal 2025): its months depend on
    /// whose fiscal year it is.
    pub fiscal: bool,
    /// "since the start of 2021", 自3月18日以来: from then to the article's date.
    pub since: bool,
    /// "the year just ended": the latest (fiscal) year ended by the article's date.
    pub ended: bool,
}

/// When a stated target or forecast was set, if the words say (年初定下...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Early,
    Mid,
    Late,
}

/// A mention resolved to days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub period: Period,
    /// The whole year, for stage words (年初) that qualify a year.
    pub year: Option<Period>,
    pub stage: Option<Stage>,
}

/// What relative expressions resolve against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    pub reference: Option<NaiveDate>,
    /// The last explicit year before the expression.
    pub year: Option<i32>,
    /// The last explicit year earlier in the same paragraph.
    pub paragraph_year: Option<i32>,
    /// The year of the last time expression earlier in the same sentence
    /// (去年…全年 is last year's whole year).
    pub sentence_year: Option<i32>,
    /// The last day mentioned before the expression.
    pub day: Option<NaiveDate>,
    /// The period the surrounding text is about (for 去年同期).
    pub current: Option<Period>,
    /// The period the article reports on (截至…止六个月), for 报告期内.
    pub report: Option<Period>,
    /// The last period of a month or more written anywhere before, for 期内
    /// in a paragraph that names none.
    pub recent: Option<Period>,
    /// The first quarter the article names (the one it reports on), for "for
    /// the quarter".
    pub quarter: Option<Period>,
}

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    let y = |name: &str| format!(r"(?P<{name}>[12１２][09０９][0-9０-９]{{2}})");
    const MONTH: &str = r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?";
    let pattern = format!(
        r"(?x)
        (?P<ending>截至\s*(?P<ending_y>[12１２][09０９][0-9０-９]{{2}})\s*年\s*(?P<ending_m>[0-9０-９]{{1,2}})\s*月\s*(?:(?P<ending_d>[0-9０-９]{{1,2}})\s*日)?\s*(?:止)?\s*(?:的\s*)?(?P<ending_n>年度|财年|六个月|三个月|九个月|十二个月|半年|季度|中期))
      | (?P<efye>(?:(?i:the)\s+)?(?:(?:full|whole)\s+)?(?:fiscal\s+|financial\s+)?(?P<efye_n>year|quarter|half|six\s+months|three\s+months|nine\s+months)\s+(?:that\s+|which\s+)?(?:ending|ended|ends|to)\s+(?:on\s+)?(?P<efye_m>{MONTH})\.?(?:\s+(?P<efye_d>[0-9]{{1,2}})(?-u:\b))?(?:,?\s+(?P<efye_y>(?:19|20)[0-9]{{2}}))?)
      | (?P<next>未来\s*(?P<next_n>[0-9]{{1,2}}|[一二两三四五六七八九十]{{1,2}})\s*(?:个)?年|(?i:the\s+)?next\s+(?P<next_e>[0-9]{{1,2}}|two|three|four|five|six|seven|eight|nine|ten)\s+years)
      | (?P<past>(?:过去|近|最近)\s*(?P<past_n>[0-9]{{1,2}}|[一二两三四五六七八九十]{{1,2}})\s*(?:个)?年(?P<past_to>来|以来)?|(?i:the\s+)?(?:past|last)\s+(?P<past_e>[0-9]{{1,2}}|two|three|four|five|six|seven|eight|nine|ten)\s+years)
      | (?P<esp>(?i:in\s+)?(?i:the)\s+same\s+(?:period|quarter|half|months)\s+(?:of|in)\s+(?P<esp_y>(?:19|20)[0-9]{{2}})(?-u:\b))
      | (?P<emo>(?i:in|during|by|through|since|until)\s+(?:(?i:early|late|mid)[-\s]+)?(?P<emo_m>{MONTH})\.?(?:\s+(?P<emo_d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b))?(?:,?\s+(?P<emo_y>(?:19|20)[0-9]{{2}}))?(?-u:\b))
      | (?P<esince>(?i:since)\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?P<esince_y>(?:19|20)[0-9]{{2}})(?-u:\b))
      | (?P<ewd>(?i:on|last|this)\s+(?P<ewd_d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b))
      | (?P<zwd>(?P<zwd_w>上|本)?(?:周|星期|礼拜)(?P<zwd_d>[一二三四五六日天]))
      | (?P<qend>(?:(?P<qend_y>[12１２][09０９][0-9０-９]{{2}})\s*年\s*)?(?:第?(?P<qend_q>[一二三四1-4１-４])\s*季度|[Qq](?P<qend_e>[1-4]))\s*(?:末|底))
      | (?P<mend>(?:(?P<mend_y>[12１２][09０９][0-9０-９]{{2}})\s*年\s*)?(?P<mend_m>[0-9０-９]{{1,2}})\s*月\s*(?:末|底))
      | (?P<report>报告期内|报告期|期内|同期内)
      | (?P<ymd>{}\s*年\s*(?P<ymd_m>[0-9０-９]{{1,2}})\s*月\s*(?P<ymd_d>[0-9０-９]{{1,2}})\s*[日号])
      | (?P<iso>{}[-/.](?P<iso_m>[0-9０-９]{{1,2}})[-/.](?P<iso_d>[0-9０-９]{{1,2}}))
      | (?P<years>{}\s*年?\s*(?:至|到|-|~|～|—)\s*{}\s*年)
      | (?P<ymr>{}\s*年\s*(?P<ymr_a>[0-9０-９]{{1,2}})\s*(?:-|~|～|—|至|到)\s*(?P<ymr_b>[0-9０-９]{{1,2}})\s*月(?:份)?)
      | (?P<yfm>{}\s*年\s*前\s*(?P<yfm_n>[0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,2}})\s*(?:个)?月)
      | (?P<yqr>{}\s*年\s*(?:第)?(?P<yqr_a>[一二三四1-4])\s*(?:至|到|-|~)\s*(?:第)?(?P<yqr_b>[一二三四1-4])\s*季度)
      | (?P<yq>{}\s*年?\s*(?:第\s*)?(?P<yq_q>[一二三四1-4])\s*季(?:度)?)
      | (?P<yqe>{}\s*(?:年\s*)?[Qq](?P<yqe_q>[1-4]))
      | (?P<yh>{}\s*年\s*(?P<yh_h>上|下)半年)
      | (?P<yhe>{}\s*[Hh](?P<yhe_h>[12]))
      | (?P<yfq>{}\s*年\s*前\s*(?P<yfq_n>[两二三23])\s*(?:个)?季度)
      | (?P<ym>{}\s*年\s*(?P<ym_m>[0-9０-９]{{1,2}})\s*月)
      | (?P<ysp>{}\s*年\s*同期)
      | (?P<fy>(?:FY|fiscal\s+year\s+|财年)\s*{})
      | (?P<edate>(?P<edate_m>{MONTH})\.?\s+(?P<edate_d>[0-9０-９]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<edate_y>[12１２][09０９][0-9０-９]{{2}}))
      | (?P<edate2>(?P<edate2_d>[0-9０-９]{{1,2}})\s+(?P<edate2_m>{MONTH})\.?,?\s+(?P<edate2_y>[12１２][09０９][0-9０-９]{{2}}))
      | (?P<emy>(?P<emy_m>{MONTH})\s+(?P<emy_y>[12１２][09０９][0-9０-９]{{2}}))
      | (?P<emd>(?P<emd_m>{MONTH})\.?\s+(?P<emd_d>[0-9０-９]{{1,2}})(?:st|nd|rd|th)?(?-u:\b))
      | (?P<eq>(?:the\s+)?(?:fiscal\s+)?(?P<eq_o>first|second|third|fourth)[-\s]quarter(?:\s+(?:of\s+)?(?:[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){{0,3}}['’]s\s+)?(?:fiscal\s+(?:year\s+)?)?(?P<eq_y>[12１２][09０９][0-9０-９]{{2}}))?)
      | (?P<eqy>[Qq](?P<eqy_q>[1-4])\s*(?:FY\s*)?(?P<eqy_y>[12１２][09０９][0-9０-９]{{2}}))
      | (?P<efm>(?:the\s+)?first\s+(?P<efm_n>two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months(?:\s+of\s+(?:(?:the|this|last)\s+year|(?P<efm_y>[12１２][09０９][0-9０-９]{{2}})))?)
      | (?P<eh>(?:the\s+)?(?P<eh_o>first|second)[-\s]half(?:\s+(?:of\s+)?(?P<eh_y>[12１２][09０９][0-9０-９]{{2}}))?)
      | (?P<ehy>[Hh](?P<ehy_h>[12])\s*(?P<ehy_y>[12１２][09０９][0-9０-９]{{2}}))
      | (?P<efy>(?:fiscal(?:\s+year)?\s+|FY\s?)(?P<efy_y>[12１２][09０９][0-9０-９]{{2}}|[0-9０-９]{{2}})(?-u:\b))
      | (?P<eyear>(?i:in|for|of|during|by|calendar|through|its|full[-\s]year|whole[-\s]year)\s+(?P<eyear_y>[12１２][09０９][0-9０-９]{{2}})(?-u:\b))
      | (?P<emq>(?:the\s+)?(?P<emq_m>{MONTH})[-\s]quarter)
      | (?P<eend>(?:the\s+)?end\s+of\s+(?P<eend_m>{MONTH})(?:\s+(?P<eend_y>(?:19|20)[0-9]{{2}}))?)
      | (?P<erq>(?i:for|in|during)\s+the\s+quarter(?-u:\b)|当季|该季度|本季度)
      | (?P<ereport>(?i:for|in|during)\s+the\s+(?:period|half)(?-u:\b)|报告期末)
      | (?P<efyc>(?i:the\s+|this\s+)?(?i:current|present)\s+(?:fiscal\s+|financial\s+)?year|(?i:this)\s+(?:fiscal|financial)\s+year)
      | (?P<efyj>(?i:the\s+)?(?:fiscal\s+|financial\s+)?year\s+just\s+(?:ended|finished|closed|completed)(?-u:\b))
      | (?P<efyf>(?i:the\s+)?(?:full|whole)\s+(?:fiscal|financial)\s+year)
      | (?P<elq>(?P<elq_w>last|previous|prior|this|current)\s+quarter)
      | (?P<ytd>year[-\s]to[-\s]date|so\s+far\s+this\s+year)
      | (?P<y>{}\s*(?:自然年|财年|年度|年(?P<y_stage>初至今|以来|年初|年底|年末|初|底|末)?))
      | (?P<md>(?P<md_m>[0-9０-９]{{1,2}})\s*月\s*(?P<md_d>[0-9０-９]{{1,2}})\s*[日号])
      | (?P<mo>(?P<mo_m>[0-9０-９]{{1,2}})\s*月份?)
      | (?P<mr>(?P<mr_a>[0-9０-９]{{1,2}})\s*(?:-|~|～|—|至|到)\s*(?P<mr_b>[0-9０-９]{{1,2}})\s*月(?:份)?)
      | (?P<fm>前\s*(?P<fm_n>[0-9０-９]{{1,2}}|[一二两三四五六七八九十]{{1,2}})\s*(?:个)?月)
      | (?P<fq>前\s*(?P<fq_n>[两二三])\s*(?:个)?季度)
      | (?P<cmp>上年同期|上一年同期|上年度同期|前一年|上一年|上一财年|前一财年|last\s+year's\s+same\s+period|(?:in\s+)?the\s+same\s+period\s+(?:a|last|of\s+the\s+previous)\s+year(?:\s+earlier)?|a\s+year\s+(?:earlier|ago|before)|(?:in\s+)?the\s+(?:prior|previous)\s+(?:fiscal\s+)?year|year[-\s]on[-\s]year\s+comparison)
      | (?P<rel>今年|本年|去年|上年|前年|明年|次年|来年|下一年|翌年)(?P<rel_part>同期|第?[一二三四1-4]季度|[Qq][1-4]|上半年|下半年|初至今|以来|年初|年底|年末|初|底|末)?
      | (?P<ctx>全年|当年|那一年|同年|这一年|该年|年内|(?i:for\s+the\s+year\s*,|(?:for\s+)?the\s+full\s+year(?-u:\b)))
      | (?P<stage>年初至今|年初|年底|年末|年中)
      | (?P<q>(?:第\s*)?(?P<q_n>[一二三四1-4])\s*季度|第(?P<q_t>[一二三四1-4])季|(?P<q_r>[一二三四])季报|(?-u:\b)[Qq](?P<q_e>[1-4])(?-u:\b))
      | (?P<h>(?P<h_n>上|下)半年|(?-u:\b)[Hh](?P<h_e>[12])(?-u:\b))
      | (?P<now>现在|目前|当前|如今|截至发稿)
      | (?P<same>当日|当天|同日|彼时|上市首日|首日|(?i:on\s+the\s+day|that\s+day|the\s+same\s+day)(?-u:\b))
      | (?P<eny>(?-u:\b)(?:this|last|next)\s+year(?-u:\b))",
        y("ymd_y"),
        y("iso_y"),
        y("years_a"),
        y("years_b"),
        y("ymr_y"),
        y("yfm_y"),
        y("yqr_y"),
        y("yq_y"),
        y("yqe_y"),
        y("yh_y"),
        y("yhe_y"),
        y("yfq_y"),
        y("ym_y"),
        y("ysp_y"),
        y("fy_y"),
        y("y_y"),
    );
    Regex::new(&pattern).expect("valid time regex")
});

/// Every time expression in `text[range]`, in order.
pub fn mentions(text: &str, range: std::ops::Range<usize>) -> Vec<Mention> {
    let hay = &text[range.clone()];
    TIME.captures_iter(hay)
        .filter_map(|c| {
            let m = c.get(0)?;
            // A year glued to other digits (a code or phone number) is not a year.
            let text = m.as_str();
            let digit = |ch: char| super::number::to_ascii_digit(ch).is_ascii_digit();
            let glued_before = text.starts_with(digit) && hay[..m.start()].ends_with(digit);
            let glued_after = text.ends_with(digit) && hay[m.end()..].starts_with(digit);
            if glued_before || glued_after {
                return None;
            }
            let when = classify(&c)?;
            // 每周三, 一周一次, 下个周一: a week count, a repeat or a week not
            // counted from the article's date, not a weekday we can place.
            if c.name("zwd").is_some()
                && hay[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(|ch| "每一二两三四五六七八九十几下个".contains(ch))
            {
                return None;
            }
            let comparative = c.name("cmp").is_some()
                || c.name("esp").is_some()
                || c.name("ysp").is_some()
                || c.name("rel_part").is_some_and(|s| s.as_str() == "同期");
            // Only the few words before the mention matter (since the ...).
            let mut from = m.start().saturating_sub(24);
            while !hay.is_char_boundary(from) {
                from -= 1;
            }
            let lead = hay[from..m.start()].to_ascii_lowercase();
            let since = text.to_ascii_lowercase().starts_with("since")
                || ["since ", "since its ", "since the ", "since their "]
                    .iter()
                    .any(|w| lead.ends_with(w))
                || hay[m.end()..].starts_with("以来");
            let before: String = hay[..m.start()]
                .chars()
                .rev()
                .take(3)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let basis = ["比", "较", "相比", "对比", "与"]
                .iter()
                .any(|w| before.ends_with(w));
            // 较上年末: any period after 比/较 is a comparison's base.
            let comparative = comparative || basis;
            let lower = m.as_str().to_ascii_lowercase();
            let fiscal = lower.contains("fy")
                || lower.contains("fiscal")
                || lower.contains("financial year")
                || c.name("efyc").is_some()
                || c.name("efyj").is_some()
                || m.as_str().contains("财年");
            Some(Mention {
                start: range.start + m.start(),
                end: range.start + m.end(),
                when,
                comparative,
                basis,
                fiscal,
                since,
                ended: c.name("efyj").is_some(),
            })
        })
        .collect()
}

/// A small number in digits or Chinese numerals (一 to 十二, 两).
fn small(s: &str) -> Option<u32> {
    let ascii: String = s.chars().map(super::number::to_ascii_digit).collect();
    if let Ok(n) = ascii.parse() {
        return Some(n);
    }
    const DIGITS: &str = "一二三四五六七八九";
    let digit = |c: char| DIGITS.chars().position(|d| d == c).map(|p| p as u32 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['两'] => Some(2),
        ['上'] => Some(1),
        ['下'] => Some(2),
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(*d)?),
        [d] => digit(*d),
        _ => None,
    }
}

fn num(c: &Captures, name: &str) -> Option<u32> {
    small(c.name(name)?.as_str())
}

/// A small count in digits or English words: 3, three.
fn english(c: &Captures, name: &str) -> Option<u32> {
    let w = c.name(name)?.as_str().to_ascii_lowercase();
    let n = w
        .parse()
        .ok()
        .or_else(|| super::number::parse_english(&w))?;
    u32::try_from(n).ok()
}

fn month(c: &Captures, name: &str) -> Option<u32> {
    crate::article::month_number(c.name(name)?.as_str())
}

fn ordinal(word: &str) -> Option<u32> {
    Some(match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        _ => return None,
    })
}

fn year(c: &Captures, name: &str) -> Option<Year> {
    let ascii: String = c
        .name(name)?
        .as_str()
        .chars()
        .map(super::number::to_ascii_digit)
        .collect();
    let y: i32 = ascii.parse().ok()?;
    (1900..2100).contains(&y).then_some(Year::Explicit(y))
}

fn classify(c: &Captures) -> Option<When> {
    use Part::*;
    let has = |name: &str| c.name(name).is_some();
    let count = |zh: &str, en: &str| num(c, zh).or_else(|| english(c, en));
    let when = if has("next") {
        When::Next(count("next_n", "next_e").filter(|n| (1..=30).contains(n))?)
    } else if has("past") {
        let n = count("past_n", "past_e").filter(|n| (1..=30).contains(n))?;
        // 过去三年来: a duration up to now, not a run of whole years.
        match has("past_to") {
            true => When::PastToDate(n),
            false => When::Past(n),
        }
    } else if has("esp") {
        When::In(year(c, "esp_y")?, SamePeriod)
    } else if has("ysp") {
        When::In(year(c, "ysp_y")?, SamePeriod)
    } else if has("emo") {
        let m = month(c, "emo_m")?;
        match (c.name("emo_y").is_some(), num(c, "emo_d")) {
            (true, Some(d)) => When::In(year(c, "emo_y")?, Day(m, d)),
            (true, None) => When::In(year(c, "emo_y")?, Months(m, m)),
            (false, Some(d)) => When::In(Year::Relative(0), Day(m, d)),
            (false, None) => When::In(Year::Latest, Months(m, m)),
        }
    } else if has("esince") {
        When::In(year(c, "esince_y")?, Whole)
    } else if let Some(d) = c.name("ewd_d") {
        const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let lower = d.as_str().to_ascii_lowercase();
        let day = DAYS.iter().position(|w| lower.starts_with(w))? as u32;
        let weeks = i64::from(c[0].to_ascii_lowercase().starts_with("last"));
        When::Weekday { weeks, day }
    } else if let Some(d) = c.name("zwd_d") {
        let day = "一二三四五六日天"
            .chars()
            .position(|w| d.as_str().starts_with(w))?;
        let weeks = i64::from(c.name("zwd_w").is_some_and(|w| w.as_str() == "上"));
        When::Weekday {
            weeks,
            day: (day as u32).min(6),
        }
    } else if has("ending") {
        let months = match &c["ending_n"] {
            "六个月" | "半年" | "中期" => 6,
            "三个月" | "季度" => 3,
            "九个月" => 9,
            _ => 12,
        };
        When::Ending(
            year(c, "ending_y")?,
            num(c, "ending_m")?,
            num(c, "ending_d"),
            months,
        )
    } else if has("efye") {
        let n = c["efye_n"].to_ascii_lowercase();
        let months = if n.starts_with("quarter") || n.starts_with("three") {
            3
        } else if n.starts_with("half") || n.starts_with("six") {
            6
        } else if n.starts_with("nine") {
            9
        } else {
            12
        };
        // "the three months to December 31": the year comes from context.
        let y = match c.name("efye_y") {
            Some(_) => year(c, "efye_y")?,
            None => Year::Context(0),
        };
        When::Ending(y, month(c, "efye_m")?, num(c, "efye_d"), months)
    } else if has("qend") {
        let q = num(c, "qend_q").or_else(|| num(c, "qend_e"))?;
        let y = c
            .name("qend_y")
            .map_or(Some(Year::Context(0)), |_| year(c, "qend_y"))?;
        When::In(y, Day(3 * q, 0))
    } else if has("mend") {
        let y = c
            .name("mend_y")
            .map_or(Some(Year::Relative(0)), |_| year(c, "mend_y"))?;
        When::In(y, Day(num(c, "mend_m")?, 0))
    } else if has("report") {
        When::Report
    } else if has("ymd") {
        When::In(year(c, "ymd_y")?, Day(num(c, "ymd_m")?, num(c, "ymd_d")?))
    } else if has("iso") {
        When::In(year(c, "iso_y")?, Day(num(c, "iso_m")?, num(c, "iso_d")?))
    } else if has("years") {
        match (year(c, "years_a")?, year(c, "years_b")?) {
            (Year::Explicit(a), Year::Explicit(b)) => When::Years(a, b),
            _ => return None,
        }
    } else if has("ymr") {
        When::In(
            year(c, "ymr_y")?,
            Months(num(c, "ymr_a")?, num(c, "ymr_b")?),
        )
    } else if has("yfm") {
        When::In(year(c, "yfm_y")?, Months(1, num(c, "yfm_n")?))
    } else if has("yqr") {
        let (a, b) = (num(c, "yqr_a")?, num(c, "yqr_b")?);
        When::In(year(c, "yqr_y")?, Months(3 * a - 2, 3 * b))
    } else if has("yq") {
        When::In(year(c, "yq_y")?, Quarter(num(c, "yq_q")?))
    } else if has("yqe") {
        When::In(year(c, "yqe_y")?, Quarter(num(c, "yqe_q")?))
    } else if has("yh") {
        When::In(year(c, "yh_y")?, Half(num(c, "yh_h")?))
    } else if has("yhe") {
        When::In(year(c, "yhe_y")?, Half(num(c, "yhe_h")?))
    } else if has("yfq") {
        When::In(year(c, "yfq_y")?, Months(1, 3 * num(c, "yfq_n")?))
    } else if has("ym") {
        When::In(year(c, "ym_y")?, Months(num(c, "ym_m")?, num(c, "ym_m")?))
    } else if has("fy") {
        When::In(year(c, "fy_y")?, Whole)
    } else if has("edate") {
        When::In(
            year(c, "edate_y")?,
            Day(month(c, "edate_m")?, num(c, "edate_d")?),
        )
    } else if has("edate2") {
        When::In(
            year(c, "edate2_y")?,
            Day(month(c, "edate2_m")?, num(c, "edate2_d")?),
        )
    } else if has("emy") {
        let m = month(c, "emy_m")?;
        When::In(year(c, "emy_y")?, Months(m, m))
    } else if has("emd") {
        When::In(Year::Relative(0), Day(month(c, "emd_m")?, num(c, "emd_d")?))
    } else if has("eq") {
        let q = ordinal(&c["eq_o"])?;
        match c.name("eq_y") {
            Some(_) => When::In(year(c, "eq_y")?, Quarter(q)),
            None => When::In(Year::Context(0), Quarter(q)),
        }
    } else if has("eqy") {
        When::In(year(c, "eqy_y")?, Quarter(num(c, "eqy_q")?))
    } else if has("efm") {
        let n = english(c, "efm_n")?;
        match c.name("efm_y") {
            Some(_) => When::In(year(c, "efm_y")?, Months(1, n)),
            None => When::In(Year::Context(0), Months(1, n)),
        }
    } else if has("eh") {
        let h = ordinal(&c["eh_o"])?;
        match c.name("eh_y") {
            Some(_) => When::In(year(c, "eh_y")?, Half(h)),
            None => When::In(Year::Context(0), Half(h)),
        }
    } else if has("ehy") {
        When::In(year(c, "ehy_y")?, Half(num(c, "ehy_h")?))
    } else if has("efy") {
        let y: i32 = c["efy_y"].parse().ok()?;
        When::In(Year::Explicit(if y < 100 { 2000 + y } else { y }), Whole)
    } else if has("eyear") {
        When::In(year(c, "eyear_y")?, Whole)
    } else if has("emq") {
        let m = month(c, "emq_m")?;
        When::In(Year::Context(0), Months(m.saturating_sub(2).max(1), m))
    } else if has("eend") {
        let y = c
            .name("eend_y")
            .map_or(Some(Year::Relative(0)), |_| year(c, "eend_y"))?;
        When::In(y, Day(month(c, "eend_m")?, 0))
    } else if has("erq") {
        When::ReportQuarter
    } else if has("efyc") {
        When::In(Year::Relative(0), Whole)
    } else if has("efyj") {
        When::In(Year::Relative(-1), Whole)
    } else if has("efyf") {
        When::ReportYear
    } else if has("ereport") {
        When::Report
    } else if has("elq") {
        let offset = if matches!(&c["elq_w"], "last" | "previous" | "prior") {
            -1
        } else {
            0
        };
        When::QuarterFromNow(offset)
    } else if has("ytd") {
        When::In(Year::Relative(0), ToDate)
    } else if has("y") {
        When::In(
            year(c, "y_y")?,
            stage_part(c.name("y_stage").map(|m| m.as_str())),
        )
    } else if has("md") {
        When::In(Year::Relative(0), Day(num(c, "md_m")?, num(c, "md_d")?))
    } else if has("mo") {
        When::In(Year::Context(0), Months(num(c, "mo_m")?, num(c, "mo_m")?))
    } else if has("mr") {
        When::In(Year::Context(0), Months(num(c, "mr_a")?, num(c, "mr_b")?))
    } else if has("fm") {
        When::In(Year::Context(0), Months(1, num(c, "fm_n")?))
    } else if has("fq") {
        When::In(Year::Context(0), Months(1, 3 * num(c, "fq_n")?))
    } else if has("cmp") {
        let cmp = c["cmp"].to_ascii_lowercase();
        let part =
            if cmp.contains("同期") || cmp.contains("same period") || cmp.starts_with("a year") {
                SamePeriod
            } else {
                Whole
            };
        When::In(Year::Context(-1), part)
    } else if let Some(rel) = c.name("rel") {
        let offset = match rel.as_str() {
            "今年" | "本年" => 0,
            "去年" | "上年" => -1,
            "前年" => -2,
            _ => 1,
        };
        // 上年 is the year before the one being discussed (2024年…比上年), not
        // necessarily before the article's; 去年 counts from today.
        let year = match rel.as_str() {
            "上年" => Year::Context(-1),
            _ => Year::Relative(offset),
        };
        let part = match c.name("rel_part").map(|m| m.as_str()) {
            Some("同期") => SamePeriod,
            Some(s) if s.contains("季度") || s.starts_with(['Q', 'q']) => Quarter(
                s.chars()
                    .find_map(|ch| small(&ch.to_string()).filter(|n| *n <= 4))?,
            ),
            Some("上半年") => Half(1),
            Some("下半年") => Half(2),
            other => stage_part(other),
        };
        When::In(year, part)
    } else if has("ctx") {
        When::In(Year::Context(0), Whole)
    } else if let Some(stage) = c.name("stage") {
        When::In(
            Year::Context(0),
            stage_part(Some(stage.as_str().trim_start_matches('年'))),
        )
    } else if has("q") {
        When::In(
            Year::Context(0),
            Quarter(
                num(c, "q_n")
                    .or_else(|| num(c, "q_t"))
                    .or_else(|| num(c, "q_r"))
                    .or_else(|| num(c, "q_e"))?,
            ),
        )
    } else if has("h") {
        When::In(
            Year::Context(0),
            Half(num(c, "h_n").or_else(|| num(c, "h_e"))?),
        )
    } else if has("now") {
        When::Now
    } else if has("same") {
        When::SameDay
    } else if let Some(en) = c.name("eny") {
        let s = en.as_str().to_ascii_lowercase();
        let offset = if s.starts_with("last") {
            -1
        } else if s.starts_with("next") {
            1
        } else {
            0
        };
        When::In(Year::Relative(offset), Whole)
    } else {
        return None;
    };
    Some(when)
}

fn stage_part(s: Option<&str>) -> Part {
    match s {
        Some("初至今" | "以来" | "年初至今") => Part::ToDate,
        Some("初" | "年初") => Part::Early,
        Some("中" | "年中") => Part::Mid,
        Some("底" | "末" | "年底" | "年末") => Part::Late,
        _ => Part::Whole,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let next = if m == 12 {
        ymd(y + 1, 1, 1)
    } else {
        ymd(y, m + 1, 1)
    }?;
    next.pred_opt()
}

fn months(y: i32, first: u32, last: u32) -> Option<Period> {
    Some(Period {
        start: ymd(y, first, 1)?,
        end: month_end(y, last)?,
    })
}

fn whole_year(y: i32) -> Option<Period> {
    months(y, 1, 12)
}

impl Mention {
    /// Resolves the expression to days; `None` when its context is missing.
    pub fn resolve(&self, ctx: &Context) -> Option<Resolved> {
        let r = self.resolve_plain(ctx)?;
        // 二季度以来 in a review of last year runs to that year's end.
        let context_year = matches!(self.when, When::In(Year::Context(_), _));
        let until = |today: NaiveDate| match ymd(r.period.start.year(), 12, 31) {
            Some(end) if context_year && end < today => end,
            _ => today,
        };
        match ctx.reference {
            Some(today) if self.since && r.period.start < today => Some(Resolved {
                period: Period {
                    start: r.period.start,
                    end: until(today),
                },
                year: None,
                stage: None,
            }),
            _ => Some(r),
        }
    }

    fn resolve_plain(&self, ctx: &Context) -> Option<Resolved> {
        let plain = |period| {
            Some(Resolved {
                period,
                year: None,
                stage: None,
            })
        };
        match self.when {
            When::Now => plain(Period::day(ctx.reference?)),
            When::SameDay => plain(Period::day(ctx.day?)),
            When::Report => plain(ctx.report.or(ctx.current).or(ctx.recent)?),
            When::Next(n) => {
                let r = ctx.reference?;
                let end = r
                    .checked_add_months(chrono::Months::new(12 * n))?
                    .pred_opt()?;
                plain(Period { start: r, end })
            }
            When::Past(n) => {
                let y = ctx.reference?.year();
                plain(Period {
                    start: ymd(y - n as i32, 1, 1)?,
                    end: ymd(y - 1, 12, 31)?,
                })
            }
            When::PastToDate(n) => {
                let r = ctx.reference?;
                let start = r.checked_sub_months(chrono::Months::new(12 * n))?;
                plain(Period { start, end: r })
            }
            When::ReportQuarter => plain(ctx.quarter.or(ctx.report).or(ctx.current)?),
            When::ReportYear => {
                let reported = ctx.report.filter(|p| (p.end - p.start).num_days() >= 360);
                let year = ctx
                    .current
                    .map(|p| p.end.year())
                    .or(ctx.year)
                    .or(ctx.reference.map(|r| r.year()));
                plain(reported.or_else(|| whole_year(year?))?)
            }
            When::Weekday { weeks, day } => {
                let r = ctx.reference?;
                let back = (r.weekday().num_days_from_monday() + 7 - day) % 7;
                let date = r.checked_sub_days(Days::new(u64::from(back) + 7 * weeks as u64))?;
                plain(Period::day(date))
            }
            When::Ending(year, m, d, months) => {
                use chrono::Months;
                let y = match year {
                    Year::Explicit(y) => y,
                    _ => ctx
                        .sentence_year
                        .or(ctx.paragraph_year)
                        .or(ctx.reference.map(|r| r.year()))?,
                };
                let end = match d {
                    Some(d) => ymd(y, m, d)?,
                    None => month_end(y, m)?,
                };
                let start = ymd(y, m, 1)?.checked_sub_months(Months::new(months - 1))?;
                let span = Period { start, end };
                // "the three months to December 31" with no year: the latest begun.
                match (year, ctx.reference) {
                    (Year::Explicit(_), _) | (_, None) => plain(span),
                    (_, Some(r)) if span.start > r => {
                        let back = |d: NaiveDate| d.checked_sub_months(Months::new(12));
                        plain(Period {
                            start: back(span.start)?,
                            end: back(span.end)?,
                        })
                    }
                    _ => plain(span),
                }
            }
            When::QuarterFromNow(offset) => {
                let r = ctx.reference?;
                let index = r.year() * 4 + (r.month0() / 3) as i32 + offset;
                let (y, q) = (index.div_euclid(4), index.rem_euclid(4) as u32 + 1);
                plain(months(y, 3 * q - 2, 3 * q)?)
            }
            When::Years(a, b) if a <= b => plain(Period {
                start: ymd(a, 1, 1)?,
                end: ymd(b, 12, 31)?,
            }),
            When::Years(..) => None,
            When::In(year, part) => {
                let y = match year {
                    Year::Explicit(y) => y,
                    Year::Relative(offset) => ctx.reference?.year() + offset,
                    Year::Latest => ctx
                        .sentence_year
                        .or(ctx.paragraph_year)
                        .or(ctx.reference.map(|r| r.year()))?,
                    Year::Context(offset) => {
                        // 当年/同年 reach back to any year written before; a bare
                        // quarter (一季度) only to a year in its own paragraph.
                        let base = match part {
                            Part::SamePeriod => ctx.current.map(|p| p.start.year()).or(ctx.year),
                            Part::Quarter(_) | Part::Half(_) => {
                                ctx.sentence_year.or(ctx.paragraph_year)
                            }
                            _ if offset == 0 => ctx.sentence_year.or(ctx.year),
                            _ => ctx.year,
                        };
                        base.or(ctx.reference.map(|r| r.year()))? + offset
                    }
                };
                resolve_part(y, part, year, ctx)
            }
        }
    }
}

fn resolve_part(y: i32, part: Part, year: Year, ctx: &Context) -> Option<Resolved> {
    let with_stage = |period, stage| {
        Some(Resolved {
            period,
            year: whole_year(y),
            stage: Some(stage),
        })
    };
    let plain = |period| {
        Some(Resolved {
            period,
            year: None,
            stage: None,
        })
    };
    match part {
        Part::Whole => plain(whole_year(y)?),
        Part::Quarter(q @ 1..=4) => {
            let p = months(y, 3 * q - 2, 3 * q)?;
            // A bare quarter not yet begun at the article's date is last year's.
            match (year, ctx.reference) {
                (Year::Context(0), Some(r)) if p.start > r && ctx.paragraph_year.is_none() => {
                    plain(months(y - 1, 3 * q - 2, 3 * q)?)
                }
                _ => plain(p),
            }
        }
        Part::Half(h @ 1..=2) => plain(months(y, 6 * h - 5, 6 * h)?),
        Part::Months(a @ 1..=12, b @ 1..=12) if a <= b => {
            // 12月份 written in January, with no year in context, is last year's.
            let unanchored = matches!(year, Year::Context(0) | Year::Latest)
                && ctx.paragraph_year.is_none()
                && ctx.sentence_year.is_none();
            let p = months(y, a, b)?;
            match ctx.reference {
                Some(r) if unanchored && p.start > r => plain(months(y - 1, a, b)?),
                _ => plain(p),
            }
        }
        Part::Day(m, 0) => {
            // 3月末 / the end of December with no year: the latest already past.
            let day = month_end(y, m)?;
            match (year, ctx.reference) {
                (Year::Relative(0), Some(r)) if day > r => plain(Period::day(month_end(y - 1, m)?)),
                _ => plain(Period::day(day)),
            }
        }
        Part::Day(m, d) => {
            let date = ymd(y, m, d)?;
            // 12月31日 written in early January means last year's.
            match (year, ctx.reference) {
                (Year::Relative(0), Some(r)) if date > r.checked_add_days(Days::new(31))? => {
                    plain(Period::day(ymd(y - 1, m, d)?))
                }
                _ => plain(Period::day(date)),
            }
        }
        Part::Early => with_stage(months(y, 1, 3)?, Stage::Early),
        Part::Mid => with_stage(months(y, 5, 8)?, Stage::Mid),
        // 2023年末 is a day: the level on December 31 (as-of for targets).
        Part::Late => with_stage(Period::day(ymd(y, 12, 31)?), Stage::Late),
        Part::ToDate => {
            let end = ctx
                .reference
                .filter(|r| r.year() >= y)
                .unwrap_or(ymd(y, 12, 31)?);
            plain(Period {
                start: ymd(y, 1, 1)?,
                end,
            })
        }
        Part::SamePeriod => {
            // 上年同期: the period in context, a year back. 去年同期: last year
            // (from the article's date), in the months the context is about.
            // A span of several years (2021年至2023年) has no same period.
            let current = ctx.current.filter(|c| (c.end - c.start).num_days() <= 366);
            let Some(current) = current else {
                return plain(whole_year(y)?);
            };
            let target = match year {
                Year::Relative(_) | Year::Explicit(_) => y,
                _ => current.start.year() - 1,
            };
            // Shift by whole years, keeping month ends (a fiscal year to
            // January 31 a year earlier ends on January 31 too).
            let back = u32::try_from(current.start.year() - target).ok()?;
            let shift = |d: NaiveDate| d.checked_sub_months(chrono::Months::new(12 * back));
            let end = shift(current.end)?;
            let end = if current.end == month_end(current.end.year(), current.end.month())? {
                month_end(end.year(), end.month())?
            } else {
                end
            };
            plain(Period {
                start: shift(current.start)?,
                end,
            })
        }
        _ => None,
    }
}

impl Resolved {
    /// The year this expression pins down, for anaphora such as 当年.
    pub fn explicit_year(&self) -> Option<i32> {
        (self.period.start.year() == self.period.end.year()).then_some(self.period.start.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(r: &str) -> Context {
        Context {
            reference: r.parse().ok(),
            ..Context::default()
        }
    }

    fn first(text: &str, c: &Context) -> String {
        let m = mentions(text, 0..text.len());
        m.first()
            .and_then(|m| m.resolve(c))
            .map(|r| r.period.label())
            .unwrap_or_default()
    }

    #[test]
    fn absolute_forms() {
        let c = ctx("2025-04-19");
        assert_eq!(first("2025年7月21日收盘", &c), "2025-07-21");
        assert_eq!(first("2025年一季报显示", &c), "2025-Q1");
        assert_eq!(first("2024自然年中", &c), "2024");
        assert_eq!(first("2025年前两季度累计", &c), "2025-H1");
        assert_eq!(first("2021年至2023年期间", &c), "2021-01-01..2023-12-31");
        assert_eq!(first("FY2025 revenue", &c), "2025");
        assert_eq!(first("2024 年 3 月那场", &c), "2024-03");
        assert_eq!(first("2017年1-12月份,合计产量", &c), "2017");
        assert_eq!(first("2017年前11个月", &c), "2017-01-01..2017-11-30");
        assert_eq!(first("12月份产量", &ctx("2018-01-11")), "2017-12");
        assert_eq!(first("截至2024年6月30日止六个月的中期业绩", &c), "2024-H1");
        assert_eq!(first("２０２３年公司实现营业收入", &c), "2023");
        assert_eq!(first("在截至2021年12月的三个月内交付", &c), "2021-Q4");
        assert_eq!(first("截至3月末,不良贷款率", &c), "2025-03-31");
        assert_eq!(first("2023年末员工", &c), "2023-12-31");
    }

    #[test]
    fn relative_forms() {
        let c = ctx("2025-04-19");
        assert_eq!(first("今年第一季度", &c), "2025-Q1");
        assert_eq!(first("去年英伟达", &c), "2024");
        assert_eq!(first("截至7月21日收盘", &ctx("2025-07-23")), "2025-07-21");
        assert_eq!(first("12月31日晚", &ctx("2025-01-02")), "2024-12-31");
        assert_eq!(first("发布Q1业绩", &c), "2025-Q1");
        assert_eq!(first("年初至今", &c), "2025-01-01..2025-04-19");
        let mut c2 = c;
        c2.current = months(2025, 1, 3);
        assert_eq!(first("去年同期的", &c2), "2024-Q1");
    }

    #[test]
    fn english_forms() {
        let c = ctx("2025-05-20");
        assert_eq!(first("as of the March 4, 2025 close", &c), "2025-03-04");
        assert_eq!(first("in the first quarter of 2024", &c), "2024-Q1");
        assert_eq!(first("Q1 2025 revenue", &c), "2025-Q1");
        assert_eq!(first("first-half sales", &c), "2025-H1");
        assert_eq!(first("last quarter", &c), "2025-Q1");
        assert_eq!(first("in fiscal 2025", &c), "2025");
        assert_eq!(
            first("the third quarter of Alibaba's fiscal year 2025", &c),
            "2025-Q3"
        );
        assert_eq!(
            first("in the year to January 31, 2025, and", &c),
            "2024-02-01..2025-01-31"
        );
        assert_eq!(first("FY25 guidance", &c), "2025");
        assert_eq!(first("revenue in 2023", &c), "2023");
        assert_eq!(first("year-to-date", &c), "2025-01-01..2025-05-20");
        assert_eq!(
            first("for the fiscal year ending March 2026", &c),
            "2025-04-01..2026-03-31"
        );
    }

    #[test]
    fn weekdays_months_and_since() {
        // 2024-08-28 is a Wednesday.
        let c = ctx("2024-08-28");
        assert_eq!(first("slumped 14% on Wednesday", &c), "2024-08-28");
        assert_eq!(first("closed higher on Friday", &c), "2024-08-23");
        assert_eq!(first("上周五收盘", &c), "2024-08-16");
        assert!(mentions("每周三开会", 0..15).is_empty());
        assert_eq!(first("repaid bonds in July", &c), "2024-07");
        assert_eq!(first("in October", &c), "2023-10");
        assert_eq!(
            first("since the start of 2021", &c),
            "2021-01-01..2024-08-28"
        );
        assert_eq!(
            first("since its December 17 peak", &c),
            "2023-12-17..2024-08-28"
        );
        assert_eq!(first("2021年以来", &c), "2021-01-01..2024-08-28");
        let mut h1 = c;
        h1.current = months(2024, 1, 6);
        assert_eq!(first("in the same period of 2023", &h1), "2023-H1");
        assert_eq!(first("2023年同期", &h1), "2023-H1");
    }

    #[test]
    fn fiscal_phrases() {
        let c = ctx("2025-05-13");
        assert_eq!(first("in the current financial year", &c), "2025");
        assert_eq!(first("for the year just ended", &c), "2024");
        assert_eq!(
            first("for the full fiscal year ending March 2025", &c),
            "2024-04-01..2025-03-31"
        );
        let mut q = c;
        q.quarter = months(2024, 10, 12);
        assert_eq!(first("capital spending for the quarter", &q), "2024-Q4");
        let mut fy = c;
        fy.current = months(2025, 10, 12);
        assert_eq!(first("For the full fiscal year, revenue", &fy), "2025");
        assert_eq!(first("up from a year earlier", &fy), "2024-Q4");
    }

    #[test]
    fn spans_counted_from_the_article() {
        let c = ctx("2022-03-28");
        assert_eq!(first("未来五年的营收", &c), "2022-03-28..2027-03-27");
        assert_eq!(
            first("over the next three years", &c),
            "2022-03-28..2025-03-27"
        );
        assert_eq!(first("过去五年我们的营收", &c), "2017-01-01..2021-12-31");
        assert_eq!(first("in the past two years", &c), "2020-01-01..2021-12-31");
        assert_eq!(first("过去三年来", &c), "2019-03-28..2022-03-28");
    }

    #[test]
    fn codes_are_not_years() {
        assert!(mentions("代码2024123", 0..13).is_empty());
    }
}
