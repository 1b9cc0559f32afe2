//! Traditional Chinese: articles from Taiwan and Hong Kong outlets are read
//! through a Simplified copy of their text, so that one lexicon serves both
//! scripts (營收 is matched as 营收, 億 as 亿, 新台幣 as 新台币).
//!
//! The copy is made with the `zhconv` crate (OpenCC and MediaWiki tables)
//! and kept only where it changes no character's width: every offset into
//! the copy is an offset into the original, so facts still point at the
//! words as written and quote them as written.
//!
//! A bare 元 in a Taiwan outlet is the New Taiwan dollar and in a Hong Kong
//! outlet the Hong Kong dollar; `local_currency` says which, from the words
//! the article uses.

use zhconv::{Variant, zhconv};

/// Characters written only in Traditional script, common in business news.
const TRADITIONAL: &str = "億萬營淨們這與為於內個過時後實業經會來說對發開關長門問間東車貨幣臺灣區報價額並從將應當歲紀錄續產際總變歷權資損虧與運銷幾務轉買賣達較";

/// Whether `text` is written (at least partly) in Traditional script.
pub fn is_traditional(text: &str) -> bool {
    // Sorted once, so each character of an article costs a binary search,
    // not a scan of the list.
    static SORTED: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<char> = TRADITIONAL.chars().collect();
        v.sort_unstable();
        v
    });
    text.chars()
        .filter(|c| !c.is_ascii() && SORTED.binary_search(c).is_ok())
        .take(3)
        .count()
        >= 3
}

/// A Simplified copy of `text` with the same byte offsets.
pub fn fold(text: &str) -> String {
    let whole = zhconv(text, Variant::ZhHans);
    if same_widths(text, &whole) {
        return whole;
    }
    // A phrase rule changed the length somewhere: convert character by
    // character, keeping any character whose conversion would not fit.
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                return c;
            }
            let mut buf = [0u8; 4];
            let one = zhconv(c.encode_utf8(&mut buf), Variant::ZhHans);
            let mut it = one.chars();
            match (it.next(), it.next()) {
                (Some(s), None) if s.len_utf8() == c.len_utf8() => s,
                _ => c,
            }
        })
        .collect()
}

fn same_widths(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars().count() == b.chars().count()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x.len_utf8() == y.len_utf8())
}

/// The currency a bare 元 means in this (Simplified-folded) article: TWD
/// for a Taiwan outlet, HKD for a Hong Kong one, none when the article does
/// not say where it is from.
pub fn local_currency(folded: &str) -> Option<&'static str> {
    const TAIWAN: [&str; 10] = [
        "新台币",
        "台币",
        "台湾",
        "台北",
        "经济日报",
        "工商时报",
        "钜亨",
        "中央社",
        "证交所",
        "柜买",
    ];
    const HONG_KONG: [&str; 9] = [
        "港币",
        "港元",
        "港股",
        "香港",
        "信报",
        "明报",
        "东方日报",
        "联交所",
        "恒指",
    ];
    let count = |words: &[&str]| {
        words
            .iter()
            .map(|w| folded.matches(w).count())
            .sum::<usize>()
    };
    let (tw, hk) = (count(&TAIWAN), count(&HONG_KONG));
    match (tw, hk) {
        (0, 0) => None,
        (t, h) if t > h => Some("TWD"),
        (t, h) if h > t => Some("HKD"),
        _ => None,
    }
}

/// Whether a figure's own words name the yuan as renminbi.
pub fn names_renminbi(text: &str) -> bool {
    ["人民币", "人民幣", "RMB", "CNY", "rmb"]
        .iter()
        .any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_offsets() {
        let t = "台積電2024年營收為2.89兆新台幣，淨利潤1.17兆元。";
        let f = fold(t);
        assert_eq!(f.len(), t.len());
        assert!(f.contains("营收"), "{f}");
        assert!(f.contains("净利润"), "{f}");
        assert!(f.contains("新台币"), "{f}");
        assert!(is_traditional(t));
        assert!(!is_traditional("台积电2024年营收为2.89万亿元"));
    }

    #[test]
    fn local_currency_from_the_outlet() {
        assert_eq!(
            local_currency(&fold("經濟日報 台北報導 營收新台幣")),
            Some("TWD")
        );
        assert_eq!(local_currency(&fold("信報 香港 恒指 港股")), Some("HKD"));
        assert_eq!(local_currency("某公司营收"), None);
    }
}
