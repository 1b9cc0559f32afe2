//! Publication dates: from a header line near the top, and, for undated
//! articles, the latest full date written in the body.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// A full date written as 2025-07-23, 2025/7/23, 2025.07.23 or 2025年7月23日.
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|[^0-9])
        ((?:19|20)[0-9]{2}) \s* (?: [-/.] | 年 \s* )
        ([0-9]{1,2})        \s* (?: [-/.] | 月 \s* )
        ([0-9]{1,2})        (?: \s* [日号] | [^0-9] | $ )",
    )
    .expect("valid regex")
});

/// An English date: March 4, 2025 / Mar. 4 2025 / 4 March 2025.
static EN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    Regex::new(&format!(
        r"(?-u:\b)(?:{month}\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)[0-9]{{2}})|([0-9]{{1,2}})\s+{month}\.?,?\s+((?:19|20)[0-9]{{2}}))(?-u:\b)"
    ))
    .expect("valid regex")
});

/// The month number of an English month name or abbreviation.
pub fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// Words that announce a publication date on a header line.
static HEADER_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)发布时间|发布日期|发表时间|发表于|更新时间|日期[:：]|时间[:：]|published|updated|posted")
        .expect("valid regex")
});

/// A dateline: a written English date opening a line (after at most a
/// weekday), then nothing, a separator or a time.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:[a-z]{3,9}\.?\s+[0-9]{1,2},?\s+[0-9]{4}|[0-9]{1,2}\s+[a-z]{3,9}\.?,?\s+[0-9]{4})\s*(?:$|[|·•—–/,-]|[0-9]{1,2}:[0-9]{2})",
    )
    .expect("valid regex")
});

/// An all-caps city opening a paragraph, then a written date and a dash.
static CITY_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][A-Z .'-]{2,30}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?,\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+[0-9]{1,2},?\s+[0-9]{4})\s*(?:[—–-]|/)")
        .expect("valid regex")
});

static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]{1,2}:[0-9]{2}").expect("valid regex"));

/// How many non-empty lines at the top may hold the header date.
const HEADER_LINES: usize = 10;
/// A header line is short; a longer line is a sentence of the story.
const HEADER_MAX_CHARS: usize = 80;

/// Every full date in `text`, with the byte offset where it starts, in order.
pub fn full_dates(text: &str) -> impl Iterator<Item = (usize, NaiveDate)> + '_ {
    let numeric = FULL_DATE.captures_iter(text).filter_map(|c| {
        let y = c[1].parse().ok()?;
        let m = c[2].parse().ok()?;
        let d = c[3].parse().ok()?;
        Some((c.get(1)?.start(), NaiveDate::from_ymd_opt(y, m, d)?))
    });
    let english = EN_DATE.captures_iter(text).filter_map(|c| {
        let (m, d, y) = match c.get(1) {
            Some(m) => (m.as_str(), &c[2], &c[3]),
            None => (c.get(5)?.as_str(), &c[4], &c[6]),
        };
        let date = NaiveDate::from_ymd_opt(y.parse().ok()?, month_number(m)?, d.parse().ok()?)?;
        Some((c.get(0)?.start(), date))
    });
    let mut all: Vec<(usize, NaiveDate)> = numeric.chain(english).collect();
    all.sort_by_key(|(at, _)| *at);
    all.into_iter()
}

pub fn latest_full_date(text: &str) -> Option<NaiveDate> {
    latest_full_date_at(text).map(|(_, d)| d)
}

/// The latest full date written in `text`, with its byte offset (the first
/// place it is written).
pub fn latest_full_date_at(text: &str) -> Option<(usize, NaiveDate)> {
    full_dates(text).max_by(|(a, x), (b, y)| x.cmp(y).then(b.cmp(a)))
}

/// The date at the start of `value` (front matter: `2025-07-23`, `2025-07-23T08:00:00Z`).
pub fn parse_date_prefix(value: &str) -> Option<NaiveDate> {
    full_dates(value)
        .next()
        .filter(|(at, _)| *at == 0)
        .map(|(_, d)| d)
}

/// The publication date from a header line near the top of the body: a short
/// line holding a numeric date, a date with a clock time, or a date after a
/// marker such as 发布时间.
pub fn header_date(body: &str) -> Option<NaiveDate> {
    let lines = || body.lines().map(str::trim).filter(|l| !l.is_empty());
    // "CHICAGO, October 28, 2025 — Castlebrook Foods today reported…": a
    // wire or press-release dateline opens the first paragraph.
    if let Some(c) = lines().take(4).find_map(|l| CITY_DATELINE.captures(l)) {
        return full_dates(c.get(1)?.as_str()).next().map(|(_, d)| d);
    }
    lines()
        .take(HEADER_LINES)
        .filter(|l| crate::extract::text::at_most_chars(l, HEADER_MAX_CHARS))
        .find_map(|line| {
            let (at, date) = full_dates(line).next()?;
            let numeric = line[at..].starts_with(|c: char| c.is_ascii_digit())
                && !line[at..].chars().take(12).any(|c| c == '年');
            let marked = HEADER_MARK.is_match(line) || CLOCK.is_match(&line[at..]);
            // "June 11, 2025 | Reuters", "Tuesday, March 4, 2025": a line that
            // opens with a written date (after at most a weekday) is a dateline.
            let opens = DATELINE.is_match(line);
            // "經濟日報 記者陳怡君／新竹報導 2026年1月16日": an outlet or byline line
            // ending in its date, with no sentence punctuation.
            let byline = crate::extract::text::at_most_chars(line, 50)
                && !line.contains(['，', '。', '；', ',', ';'])
                && full_dates(line).all(|(a, _)| a == at)
                && crate::extract::text::at_most_chars(&line[at..], 16)
                && !line[..at].trim().is_empty();
            (numeric || marked || opens || byline).then_some(date)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn header_forms() {
        assert_eq!(
            header_date("标题\n\n某某媒体 2025-04-19 08:33+-\n正文"),
            d(2025, 4, 19)
        );
        assert_eq!(
            header_date("类别:科技 发布时间:2025-03-23 17:01:00 来源:x"),
            d(2025, 3, 23)
        );
        assert_eq!(header_date("标题\n2025-07-23 07:12:26\n"), d(2025, 7, 23));
        assert_eq!(header_date("发布时间：2024年5月6日\n"), d(2024, 5, 6));
    }

    #[test]
    fn english_headers() {
        assert_eq!(
            header_date("Title\nMarch 4, 2025 6:12 PM ET\n"),
            d(2025, 3, 4)
        );
        assert_eq!(
            header_date("Title\nPublished 2024-11-02 08:30\n"),
            d(2024, 11, 2)
        );
        assert_eq!(
            header_date("Title\nUpdated 4 March 2025 at 10:00\n"),
            d(2025, 3, 4)
        );
    }

    #[test]
    fn bylines_and_city_datelines() {
        assert_eq!(
            header_date("標題\n經濟日報 記者陳怡君／新竹報導 2026年1月16日\n"),
            d(2026, 1, 16)
        );
        assert_eq!(
            header_date(
                "Title\nCHICAGO, October 28, 2025 — Castlebrook Foods today reported results.\n"
            ),
            d(2025, 10, 28)
        );
        assert_eq!(header_date("标题\n公司2024年12月31日，发布公告\n"), None);
    }

    #[test]
    fn a_sentence_is_not_a_header() {
        let body = "标题\n2024年12月31日,在跨年直播中,某公司创始人立下目标,交付30万辆汽车,这是一个很长的句子,远远超过了页眉的长度,所以它不是页眉,也不应该被当作发布日期来读取。";
        assert_eq!(header_date(body), None);
        assert_eq!(header_date("用户名20241天前 阅读376\n"), None);
    }

    #[test]
    fn latest_date_in_body() {
        assert_eq!(
            latest_full_date("2023年1月2日说过,2024年12月31日又说"),
            d(2024, 12, 31)
        );
        assert_eq!(latest_full_date("2024年2月30日"), None);
    }
}
