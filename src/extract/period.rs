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
    /// The first N quarters (前两季度).
    FirstQuarters(u32),
    Month(u32),
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    In(Year, Part),
    Years(i32, i32),
    /// Now: 现在, 目前, 最新.
    Now,
    /// The last day mentioned: 当日, 当天.
    SameDay,
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
}

const Y: &str = r"((?:19|20)[0-9]{2})";
const CN_DIGIT: &str = "一二三四";

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<ymd>{Y}\s*年\s*([0-9]{{1,2}})\s*月\s*([0-9]{{1,2}})\s*[日号])
      | (?P<iso>{Y}[-/.]([0-9]{{1,2}})[-/.]([0-9]{{1,2}}))
      | (?P<years>{Y}\s*年?\s*(?:至|到|-|~|～|—)\s*{Y}\s*年)
      | (?P<yq>{Y}\s*年?\s*(?:第\s*)?([一二三四1-4])\s*季(?:度)?)
      | (?P<yqe>{Y}\s*(?:年\s*)?[Qq]([1-4]))
      | (?P<yh>{Y}\s*年\s*(上|下)半年)
      | (?P<yhe>{Y}\s*[Hh]([12]))
      | (?P<yfq>{Y}\s*年\s*前\s*([两二三23])\s*(?:个)?季度)
      | (?P<ym>{Y}\s*年\s*([0-9]{{1,2}})\s*月)
      | (?P<fy>(?:FY|fiscal\s+year\s+|财年)\s*{Y})
      | (?P<y>{Y}\s*(?:自然年|财年|年度|年(初至今|以来|年初|年底|年末|初|底|末)?))
      | (?P<md>([0-9]{{1,2}})\s*月\s*([0-9]{{1,2}})\s*[日号])
      | (?P<cmp>去年同期|上年同期|上一年同期|上年度同期|前一年|上一年|上一财年|前一财年|last\s+year's\s+same\s+period)
      | (?P<rel>今年|本年|去年|上年|前年|明年|次年|来年|下一年|翌年)(同期|第?[一二三四1-4]季度|[Qq][1-4]|上半年|下半年|初至今|以来|年初|年底|年末|初|底|末)?
      | (?P<ctx>全年|当年|那一年|同年|这一年|该年|年内)
      | (?P<stage>年初至今|年初|年底|年末|年中)
      | (?P<q>(?:第\s*)?([一二三四1-4])\s*季度|[一二三四]季报|(?-u:\b)[Qq]([1-4])(?-u:\b))
      | (?P<h>(上|下)半年|(?-u:\b)[Hh]([12])(?-u:\b))
      | (?P<now>现在|目前|当前|如今|截至发稿)
      | (?P<same>当日|当天|同日)
      | (?P<eny>\b(?:this|last|next)\s+year\b)
      | (?P<enq>\b(?:last|this)\s+quarter\b)"
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
            if hay[..m.start()].ends_with(|ch: char| ch.is_ascii_digit())
                || hay[m.end()..].starts_with(|ch: char| ch.is_ascii_digit())
            {
                return None;
            }
            let when = classify(&c)?;
            let comparative = c.name("cmp").is_some()
                || c.name("rel")
                    .is_some_and(|_| c.get(33).is_some_and(|s| s.as_str() == "同期"));
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
            Some(Mention {
                start: range.start + m.start(),
                end: range.start + m.end(),
                when,
                comparative,
                basis,
            })
        })
        .collect()
}

fn num(c: &Captures, i: usize) -> Option<u32> {
    let s = c.get(i)?.as_str();
    if let Some(pos) = CN_DIGIT.chars().position(|d| s.starts_with(d)) {
        return Some(pos as u32 + 1);
    }
    match s {
        "两" | "二" => Some(2),
        "上" => Some(1),
        "下" => Some(2),
        _ => s.parse().ok(),
    }
}

fn year(c: &Captures, i: usize) -> Option<Year> {
    Some(Year::Explicit(c.get(i)?.as_str().parse().ok()?))
}

/// Group numbers follow the order of the capture groups in `TIME`.
fn classify(c: &Captures) -> Option<When> {
    use Part::*;
    let when = if c.name("ymd").is_some() {
        When::In(year(c, 2)?, Day(num(c, 3)?, num(c, 4)?))
    } else if c.name("iso").is_some() {
        When::In(year(c, 6)?, Day(num(c, 7)?, num(c, 8)?))
    } else if c.name("years").is_some() {
        When::Years(c[10].parse().ok()?, c[11].parse().ok()?)
    } else if c.name("yq").is_some() {
        When::In(year(c, 13)?, Quarter(num(c, 14)?))
    } else if c.name("yqe").is_some() {
        When::In(year(c, 16)?, Quarter(num(c, 17)?))
    } else if c.name("yh").is_some() {
        When::In(year(c, 19)?, Half(num(c, 20)?))
    } else if c.name("yhe").is_some() {
        When::In(year(c, 22)?, Half(num(c, 23)?))
    } else if c.name("yfq").is_some() {
        When::In(year(c, 25)?, FirstQuarters(num(c, 26)?))
    } else if c.name("ym").is_some() {
        When::In(year(c, 28)?, Month(num(c, 29)?))
    } else if c.name("fy").is_some() {
        When::In(year(c, 31)?, Whole)
    } else if c.name("y").is_some() {
        When::In(year(c, 33)?, stage_part(c.get(34).map(|m| m.as_str())))
    } else if c.name("md").is_some() {
        When::In(Year::Relative(0), Day(num(c, 36)?, num(c, 37)?))
    } else if c.name("cmp").is_some() {
        let s = &c["cmp"];
        let part = if s.contains("同期") {
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
        let part = match c.get(40).map(|m| m.as_str()) {
            Some("同期") => SamePeriod,
            Some(s) if s.contains("季度") || s.starts_with(['Q', 'q']) => {
                Quarter(s.chars().find_map(|ch| {
                    CN_DIGIT
                        .chars()
                        .position(|d| d == ch)
                        .map(|p| p as u32 + 1)
                        .or(ch.to_digit(10))
                })?)
            }
            Some("上半年") => Half(1),
            Some("下半年") => Half(2),
            other => stage_part(other),
        };
        When::In(Year::Relative(offset), part)
    } else if let Some(ctx) = c.name("ctx") {
        let _ = ctx;
        When::In(Year::Context(0), Whole)
    } else if let Some(stage) = c.name("stage") {
        When::In(
            Year::Context(0),
            stage_part(Some(stage.as_str().trim_start_matches('年'))),
        )
    } else if c.name("q").is_some() {
        let q = num(c, 44).or_else(|| num(c, 45)).or_else(|| {
            let s = &c["q"];
            CN_DIGIT
                .chars()
                .position(|d| s.starts_with(d))
                .map(|p| p as u32 + 1)
        })?;
        When::In(Year::Context(0), Quarter(q))
    } else if c.name("h").is_some() {
        When::In(Year::Context(0), Half(num(c, 47).or_else(|| num(c, 48))?))
    } else if c.name("now").is_some() {
        When::Now
    } else if c.name("same").is_some() {
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
            When::Years(a, b) if a <= b => plain(Period {
                start: ymd(a, 1, 1)?,
                end: ymd(b, 12, 31)?,
            }),
            When::Years(..) => None,
            When::In(year, part) => {
                let y = match year {
                    Year::Explicit(y) => y,
                    Year::Relative(offset) => ctx.reference?.year() + offset,
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
        Part::FirstQuarters(n @ 1..=4) => plain(months(y, 1, 3 * n)?),
        Part::Month(m) => plain(months(y, m, m)?),
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
        Part::Late => with_stage(months(y, 10, 12)?, Stage::Late),
        Part::ToDate => {
            let end = ctx
                .reference
                .filter(|r| r.year() == y)
                .unwrap_or(ymd(y, 12, 31)?);
            plain(Period {
                start: ymd(y, 1, 1)?,
                end,
            })
        }
        Part::SamePeriod => {
            let current = ctx.current.or_else(|| whole_year(y + 1))?;
            let shift = |d: NaiveDate| {
                d.with_year(d.year() - 1)
                    .or_else(|| ymd(d.year() - 1, d.month(), 28))
            };
            plain(Period {
                start: shift(current.start)?,
                end: shift(current.end)?,
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
        assert_eq!(first("在截至1月的2024自然年中", &c), "2024");
        assert_eq!(first("2024自然年中", &c), "2024");
        assert_eq!(first("2025年前两季度累计", &c), "2025-H1");
        assert_eq!(first("2021年至2023年期间", &c), "2021-01-01..2023-12-31");
        assert_eq!(first("FY2025 revenue", &c), "2025");
        assert_eq!(first("2024 年 3 月那场", &c), "2024-03");
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
    fn codes_are_not_years() {
        assert!(mentions("代码2024123", 0..13).is_empty());
    }
}
