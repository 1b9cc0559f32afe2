//! Proof by generation: numbers rendered into Chinese numerals in every style
//! news uses, by a renderer written here (not the parser's code), read back
//! exactly; and percents and money in sentences read back with their unit.
//!
//! Each style runs 100,000 cases (`NUMERAL_CASES` overrides it).
//!
//! One deliberate gap: a lone financial digit (贰, 陆, 伍) with no unit in
//! its run is not read, since 陆 and 伍 are surnames and 陆股通 a market
//! link; so financial cases start at 10.

use factcheck::extract::figure::FigureLexicon;
use factcheck::extract::numeral;
use factcheck::fact::Kind;
use factcheck::rules::Rules;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::LazyLock;

static FIGURES: LazyLock<FigureLexicon> =
    LazyLock::new(|| FigureLexicon::new(&Rules::embedded().expect("embedded rules")));

fn cases() -> u32 {
    std::env::var("NUMERAL_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    /// 一千三百五十亿零七
    Plain,
    /// 壹仟叁佰伍拾亿零柒
    Financial,
    /// 一千三百五十億零七, 兩千, 兆 for 10^12
    Traditional,
}

struct Glyphs {
    digits: [&'static str; 10],
    small: [&'static str; 3],
    wan: &'static str,
    yi: &'static str,
    trillion: &'static str,
}

fn glyphs(style: Style) -> Glyphs {
    match style {
        Style::Plain => Glyphs {
            digits: ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"],
            small: ["十", "百", "千"],
            wan: "万",
            yi: "亿",
            trillion: "万亿",
        },
        Style::Financial => Glyphs {
            digits: ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"],
            small: ["拾", "佰", "仟"],
            wan: "万",
            yi: "亿",
            trillion: "万亿",
        },
        Style::Traditional => Glyphs {
            digits: ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"],
            small: ["十", "百", "千"],
            wan: "萬",
            yi: "億",
            trillion: "兆",
        },
    }
}

/// 1 ≤ n ≤ 9999 as a section: inner zeros as one 零, 十二 (not 一十二) at
/// the very start in plain and traditional styles, 兩 for a leading 2 before
/// 千 or 百 in traditional.
fn section(n: u64, first: bool, style: Style, g: &Glyphs) -> String {
    let mut out = String::new();
    let mut zero = false;
    for (i, size) in [1000u64, 100, 10, 1].into_iter().enumerate() {
        let d = (n / size % 10) as usize;
        if d == 0 {
            zero |= !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(g.digits[0]);
            zero = false;
        }
        let bare_ten = i == 2 && d == 1 && out.is_empty() && first && style != Style::Financial;
        if style == Style::Traditional && d == 2 && out.is_empty() && i < 2 {
            out.push('兩');
        } else if !bare_ten {
            out.push_str(g.digits[d]);
        }
        if i < 3 {
            out.push_str(g.small[2 - i]);
        }
    }
    out
}

/// 0 < n < 10^16 in the standard form: groups of four digits under 万, 亿
/// and 万亿/兆, a 零 wherever digits are skipped.
fn standard(n: u64, style: Style) -> String {
    let g = glyphs(style);
    let groups = [
        (n / 1_000_000_000_000, g.trillion),
        (n / 100_000_000 % 10_000, g.yi),
        (n / 10_000 % 10_000, g.wan),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut zero = false;
    for (value, unit) in groups {
        if value == 0 {
            zero |= !out.is_empty();
            continue;
        }
        if !out.is_empty() && (zero || value < 1000) {
            out.push_str(g.digits[0]);
        }
        zero = false;
        out.push_str(&section(value, out.is_empty(), style, &g));
        out.push_str(unit);
    }
    out
}

/// The standard form with every 零 left out that the reading does not need:
/// all but one right before a final bare digit (一千零五 stays, 一千零五十
/// becomes 一千五十).
fn without_zeros(n: u64, style: Style) -> String {
    let written = standard(n, style);
    let chars: Vec<char> = written.chars().collect();
    let keep_at = (chars.len() >= 2 && chars[chars.len() - 2] == '零').then(|| chars.len() - 2);
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| c != '零' || Some(i) == keep_at)
        .map(|(_, c)| c)
        .collect()
}

/// 两千四百五, 一万三, 三亿五: the last unit left out when the digit before
/// it stands right under the unit before that. `None` when the form does not
/// apply.
fn elided(n: u64, style: Style) -> Option<String> {
    let place = 10u64.pow(n.trailing_zeros_base10());
    let d = n / place % 10;
    let above = n / (place * 10) % 10;
    let allowed = [10, 100, 1000, 10_000_000, 100_000_000_000];
    if !allowed.contains(&place) || above == 0 {
        return None;
    }
    let g = glyphs(style);
    Some(format!(
        "{}{}",
        standard(n - d * place, style),
        g.digits[d as usize]
    ))
}

/// Groups in Arabic digits under Chinese units: 1234亿5678万9012, 3万零5.
fn mixed(n: u64) -> String {
    let groups = [
        (n / 1_000_000_000_000, "万亿"),
        (n / 100_000_000 % 10_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    for (value, unit) in groups {
        if value == 0 {
            continue;
        }
        if !out.is_empty() && unit.is_empty() && value < 10 {
            out.push('零');
        }
        out.push_str(&format!("{value}{unit}"));
    }
    out
}

trait Base10 {
    fn trailing_zeros_base10(self) -> u32;
}

impl Base10 for u64 {
    fn trailing_zeros_base10(mut self) -> u32 {
        let mut z = 0;
        while self > 0 && self.is_multiple_of(10) {
            self /= 10;
            z += 1;
        }
        z
    }
}

fn read(text: &str) -> Option<Decimal> {
    numeral::value(text).map(|n| n.value)
}

/// Numbers that exercise every group: any size, many zeros, and round ones.
fn numbers() -> impl Strategy<Value = u64> {
    prop_oneof![
        1u64..10_000_000_000_000_000,
        1u64..100_000,
        (1u64..10_000, 0u32..13).prop_map(|(m, e)| m * 10u64.pow(e)),
        (1u64..10, 0u32..16, 1u64..10, 0u32..16).prop_map(|(a, x, b, y)| {
            let (hi, lo) = (x.max(y), x.min(y));
            (a * 10u64.pow(hi) + b * 10u64.pow(lo)) % 10_000_000_000_000_000
        }),
    ]
    .prop_filter("positive", |n| *n > 0)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn plain(n in numbers()) {
        let written = standard(n, Style::Plain);
        prop_assert_eq!(read(&written), Some(Decimal::from(n)), "{}", written);
    }

    #[test]
    fn financial(n in numbers()) {
        prop_assume!(n >= 10);
        let written = standard(n, Style::Financial);
        prop_assert_eq!(read(&written), Some(Decimal::from(n)), "{}", written);
    }

    #[test]
    fn traditional(n in numbers()) {
        let written = standard(n, Style::Traditional);
        prop_assert_eq!(read(&written), Some(Decimal::from(n)), "{}", written);
    }

    #[test]
    fn without_needless_zeros(n in numbers(), style in prop_oneof![Just(Style::Plain), Just(Style::Financial), Just(Style::Traditional)]) {
        prop_assume!(n >= 10 || style != Style::Financial);
        let written = without_zeros(n, style);
        prop_assert_eq!(read(&written), Some(Decimal::from(n)), "{}", written);
    }

    #[test]
    fn elided_last_unit(n in numbers(), style in prop_oneof![Just(Style::Plain), Just(Style::Financial), Just(Style::Traditional)]) {
        if let Some(written) = elided(n, style) {
            prop_assert_eq!(read(&written), Some(Decimal::from(n)), "{}", written);
        }
    }

    #[test]
    fn mixed_with_digits(n in numbers()) {
        let written = mixed(n);
        prop_assert_eq!(read(&written), Some(Decimal::from(n)), "{}", written);
    }

    /// 十五点七亿, 零点零五, 1.5万亿: a decimal under a large unit.
    #[test]
    fn decimals(whole in 0u64..10_000, frac in 0u64..1_000, last in 1u64..10, digits in 1u32..5,
                unit in 0usize..4, arabic in any::<bool>()) {
        // A fraction of `digits` digits whose last one is not zero.
        let frac = frac % 10u64.pow(digits - 1) * 10 + last;
        let frac_text = format!("{frac:0width$}", width = digits as usize);
        let frac_text = frac_text.as_str();
        let (unit_text, exp) = [("", 0), ("万", 4), ("亿", 8), ("万亿", 12)][unit];
        let written = if arabic {
            format!("{whole}.{frac_text}{unit_text}")
        } else {
            let whole_text = if whole == 0 { "零".to_string() } else { standard(whole, Style::Plain) };
            let spelt: String = frac_text
                .chars()
                .map(|c| ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"][c as usize - '0' as usize])
                .collect();
            format!("{whole_text}点{spelt}{unit_text}")
        };
        let value: Decimal = format!("{whole}.{frac_text}").parse().unwrap();
        let want = value * Decimal::from(10u64.pow(exp));
        prop_assert_eq!(read(&written).map(|v| v.normalize()), Some(want.normalize()), "{}", written);
    }

    /// Money in a sentence, with 负 or without, in every currency's word.
    #[test]
    fn money_in_sentences(n in numbers(), style in prop_oneof![Just(Style::Plain), Just(Style::Financial)],
                          negative in any::<bool>(), currency in 0usize..7) {
        prop_assume!(n >= 10 || style != Style::Financial);
        let (word, code) = [("元", "CNY"), ("美元", "USD"), ("港元", "HKD"), ("澳门元", "MOP"),
                            ("菲律宾比索", "PHP"), ("台币", "TWD"), ("欧元", "EUR")][currency];
        let sign = if negative { "负" } else { "" };
        let sentence = format!("该公司报告期内净利润为{sign}{}{word}，同比变动明显。", standard(n, style));
        let figures = FIGURES.find(&sentence, 0..sentence.len());
        prop_assert_eq!(figures.len(), 1, "{}: {:?}", sentence, figures);
        let f = &figures[0];
        let want = if negative { -Decimal::from(n) } else { Decimal::from(n) };
        prop_assert_eq!((f.kind, f.unit.as_str(), f.number.value), (Kind::Money, code, want), "{}", sentence);
    }

    /// Percents written as 百分之…, 千分之…, …%, …个百分点, …成, …折.
    #[test]
    fn percents_in_sentences(n in 1u64..10_000, form in 0usize..6, negative in any::<bool>()) {
        let chinese = standard(n, Style::Plain);
        let (text, unit, value) = match form {
            0 => (format!("百分之{chinese}"), "%", Decimal::from(n)),
            1 => (format!("千分之{chinese}"), "%", Decimal::from(n) / Decimal::TEN),
            2 => (format!("{n}%"), "%", Decimal::from(n)),
            3 => (format!("{chinese}个百分点"), "pp", Decimal::from(n)),
            4 => {
                let d = n % 9 + 1;
                (format!("{}成", standard(d, Style::Plain)), "%", Decimal::from(d * 10))
            }
            _ => {
                let d = n % 9 + 1;
                (format!("打{}折", standard(d, Style::Plain)), "%", Decimal::from(d * 10))
            }
        };
        // A sign only where the form takes one.
        let negative = negative && form == 2;
        let sign = if negative { "负" } else { "" };
        let sentence = format!("数据显示，该项指标为{sign}{text}，高于市场预期。");
        let figures = FIGURES.find(&sentence, 0..sentence.len());
        prop_assert_eq!(figures.len(), 1, "{}: {:?}", sentence, figures);
        let f = &figures[0];
        let want = if negative { -value } else { value };
        prop_assert_eq!((f.kind, f.unit.as_str(), f.number.value.normalize()), (Kind::Percent, unit, want.normalize()), "{}", sentence);
    }
}

/// The figures of one sentence, as (value, unit).
fn figures(sentence: &str) -> Vec<(String, String)> {
    FIGURES
        .find(sentence, 0..sentence.len())
        .iter()
        .map(|f| (f.number.value.normalize().to_string(), f.unit.clone()))
        .collect()
}

fn one(value: &str, unit: &str) -> Vec<(String, String)> {
    vec![(value.to_string(), unit.to_string())]
}

#[test]
fn chinese_money_forms_read_whole() {
    assert_eq!(
        figures("公司去年亏损达十二点四亿元。"),
        one("1240000000", "CNY")
    );
    assert_eq!(figures("一台旧机器卖了三千六百五元。"), one("3650", "CNY"));
    assert_eq!(figures("押金一共两万七元。"), one("27000", "CNY"));
    assert_eq!(figures("赔偿款共计一万零十五元。"), one("10015", "CNY"));
    assert_eq!(figures("当年税收约六万万元。"), one("600000000", "CNY"));
    assert_eq!(figures("本季度营业利润为负四十五元。"), one("-45", "CNY"));
    assert_eq!(
        figures("合同总价人民币贰佰叁拾万元整。"),
        one("2300000", "CNY")
    );
    assert_eq!(figures("找零18元3角七分。"), one("18.37", "CNY"));
    assert_eq!(figures("这支笔三美元又五美分。"), one("3.05", "USD"));
    assert_eq!(
        figures("該集團資產達十二兆三千億台幣。"),
        one("12300000000000", "TWD")
    );
    assert_eq!(
        figures("去年博彩收入为二百一十亿澳门元。"),
        one("21000000000", "MOP")
    );
    assert_eq!(
        figures("项目投资约48亿菲律宾比索。"),
        one("4800000000", "PHP")
    );
    assert_eq!(
        figures("大豆期货收于10.05-1/4美元。"),
        one("10.0525", "USD")
    );
}

#[test]
fn percent_forms_read_whole() {
    assert_eq!(figures("毛利率为百分之三点五。"), one("3.5", "%"));
    assert_eq!(figures("全场商品一律八折。"), one("80", "%"));
    assert_eq!(figures("会员价为七点五折。"), one("75", "%"));
    assert_eq!(figures("清仓商品五五折出售。"), one("55", "%"));
    assert_eq!(figures("不良率约为千分之１．８。"), one("0.18", "%"));
    assert_eq!(figures("手续费为万分之三。"), one("0.03", "%"));
    assert_eq!(figures("约有两成半的门店亏损。"), one("25", "%"));
    assert_eq!(figures("净息差收窄了三个百分点。"), one("3", "pp"));
    assert_eq!(figures("占比提高一个半百分点。"), one("1.5", "pp"));
    assert_eq!(figures("出生率上升2个千分点。"), one("0.2", "pp"));
    assert_eq!(figures("增速为负2.6%。"), one("-2.6", "%"));
}

#[test]
fn figures_in_addresses_codes_and_names_are_none() {
    assert!(figures("详见 https://example.org/s?q=45%25%2030%E5 页面。").is_empty());
    assert!(figures("游客在七台山景区停留。").is_empty());
    assert!(figures("他们来自三家村。").is_empty());
    assert!(figures("软件升级到3.2.1版本。").is_empty());
    assert!(figures("陆股通资金净流入。").is_empty());
    assert!(figures("该项目一波三折。").is_empty());
    assert_eq!(
        figures("标价$20，300美圆，￥300不等。"),
        vec![
            ("20".to_string(), "USD".to_string()),
            ("300".to_string(), "USD".to_string()),
            ("300".to_string(), "CNY".to_string()),
        ]
    );
}
