//! Property tests: numbers written as Chinese numerals, as 万/亿 forms and as
//! English words parse back to themselves, and no input makes extraction panic.

use factcheck::article::Article;
use factcheck::extract::number::parse_english;
use factcheck::extract::numeral;
use factcheck::extract::{Lexicon, extract};
use factcheck::rules::Rules;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::LazyLock;

static LEX: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::new(Rules::embedded().expect("embedded rules")));

/// Writes 0 ≤ n < 10^16 in Chinese numerals the way news does: 一千三百五十亿,
/// 二十二万, 一千零五十, 一万亿零一亿.
fn chinese(n: u64) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    /// 1 ≤ n ≤ 9999 with inner zeros as one 零; 十二 (not 一十二) when first.
    fn section(n: u64, first: bool) -> String {
        let mut out = String::new();
        let mut pending_zero = false;
        for (i, (size, unit)) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
            .into_iter()
            .enumerate()
        {
            let d = (n / size % 10) as usize;
            if d == 0 {
                pending_zero |= !out.is_empty();
                continue;
            }
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            if !(i == 2 && d == 1 && out.is_empty() && first) {
                out.push(DIGITS[d]);
            }
            out.push_str(unit);
        }
        out
    }
    if n == 0 {
        return "零".into();
    }
    let parts = [
        (n / 1_000_000_000_000, "万亿"),
        (n / 100_000_000 % 10_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut gap = false;
    for (value, unit) in parts {
        if value == 0 {
            gap |= !out.is_empty();
            continue;
        }
        if !out.is_empty() && (gap || value < 1000) {
            out.push('零');
        }
        gap = false;
        out.push_str(&section(value, out.is_empty()));
        out.push_str(unit);
    }
    out
}

/// Writes 0 ≤ n < 10^15 in English words.
fn english(n: u64) -> String {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn below_thousand(n: u64) -> String {
        let mut words = Vec::new();
        if n >= 100 {
            words.push(format!("{} hundred", SMALL[(n / 100) as usize]));
        }
        let rest = n % 100;
        match rest {
            0 => {}
            1..=19 => words.push(SMALL[rest as usize].to_string()),
            _ if rest.is_multiple_of(10) => words.push(TENS[(rest / 10) as usize].to_string()),
            _ => words.push(format!(
                "{}-{}",
                TENS[(rest / 10) as usize],
                SMALL[(rest % 10) as usize]
            )),
        }
        words.join(" ")
    }
    if n == 0 {
        return "zero".into();
    }
    let scales = [
        (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1000, "thousand"),
        (1, ""),
    ];
    scales
        .iter()
        .filter(|(s, _)| !(n / s).is_multiple_of(1000))
        .map(|(s, name)| {
            format!("{} {name}", below_thousand((n / s) % 1000))
                .trim()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

proptest! {
    #[test]
    fn chinese_numerals_parse_back(n in 0u64..10_000_000_000_000_000) {
        let written = chinese(n);
        let parsed = numeral::value(&written).map(|x| x.value);
        prop_assert_eq!(parsed, Some(Decimal::from(n)), "{}", written);
    }

    #[test]
    fn wan_and_yi_forms_parse_back(whole in 0u64..100_000, cents in 0u32..100, unit in 0usize..3) {
        let (word, scale) = [("万", 10_000u64), ("亿", 100_000_000), ("万亿", 1_000_000_000_000)][unit];
        let number = Decimal::new((whole * 100 + cents as u64) as i64, 2).normalize();
        let written = format!("{number}{word}");
        let parsed = numeral::value(&written).map(|x| x.value);
        prop_assert_eq!(parsed, Some(number * Decimal::from(scale)), "{}", written);
    }

    #[test]
    fn english_words_parse_back(n in 0u64..1_000_000_000_000_000) {
        let written = english(n);
        prop_assert_eq!(parse_english(&written), Some(Decimal::from(n)), "{}", written);
    }

    #[test]
    fn extraction_never_panics(body in "[0-9０-９一二两三四五六七八九十百千万亿.,，、%％~元美港币辆台人家成倍年月日季度同比增长下降约超过近多余的是为由至到 \\n“”()（）$¥a-zA-Z-]{0,160}") {
        let text = format!("标题\n2025-05-20 09:00\n\n{body}\n");
        let article = Article::parse("p.txt", text, &LEX.rules.words);
        let facts = extract(&article, &LEX);
        for f in facts {
            prop_assert!(f.start < f.end && f.end <= article.text.len());
            prop_assert_eq!(&f.text, &article.text[f.start..f.end]);
        }
    }

    #[test]
    fn extraction_never_panics_on_any_text(body in "\\PC{0,200}") {
        let article = Article::parse("q.txt", body, &LEX.rules.words);
        let _ = extract(&article, &LEX);
    }
}

#[test]
fn writers_write_what_news_writes() {
    assert_eq!(chinese(135_000_000_000), "一千三百五十亿");
    assert_eq!(chinese(220_000), "二十二万");
    assert_eq!(chinese(1050), "一千零五十");
    assert_eq!(chinese(1_000_100_000_000), "一万亿零一亿");
    assert_eq!(english(44_060_000), "forty-four million sixty thousand");
}
