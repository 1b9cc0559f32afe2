//! The numeral grammar: how a number is written, in Arabic digits, Chinese
//! numerals, financial (capital) numerals or any mix of them.
//!
//! A run of numeral characters is read whole or not at all. A parser that
//! keeps the part it understands turns 十五点七亿 into 七亿 and 一万三 into
//! 10003: plausible values, wrong, and each a false finding with confident
//! arithmetic. So [`run_len`] first measures the whole run, and [`parse`]
//! gives its value or `None`.
//!
//! What the grammar reads:
//! - digits, half- or full-width, with thousands separators (1,234 and
//!   １，２３４ and 1，234, but not the clause comma of 20，3000) and a
//!   decimal point;
//! - Chinese digits 〇零一二两三…九 and the financial 壹贰叁…玖 (also 貳參陸),
//!   units 十百千 (拾佰仟) inside a four-digit section and 万亿兆 (萬億) above;
//! - 点 decimals (十五点七, 零点五), 零 anywhere (一万零十二 = 10012),
//!   elided final units (两千四百五 = 2450, 一万三 = 13000; 一万零三 = 10003),
//!   stacked units (四万万 = 4亿, 一万亿 = 10^12), nested ones (一亿二千万亿),
//!   兆 as 10^12 with 億/萬 (四十九兆九千五百九十二億);
//! - a year or code spelt digit by digit (二〇二五) when it has three or more
//!   digits or a zero; two bare digits (三四万) are a vague range, not a number.
//!
//! Signs (负, 正, -) and bounds (多, 余) are read by the caller: they depend on
//! the words around the run, not on the run.

use rust_decimal::Decimal;

use super::number::{Number, parse_digits, pow10, to_ascii_digit};

/// What a character is to the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// 0-9 or ０-９.
    Arabic,
    /// A Chinese digit 1-9 (一, 壹, 两 …).
    Digit(u8),
    /// 零 〇 ○.
    Zero,
    /// 十 百 千 as a power of ten (1, 2, 3).
    Small(u32),
    /// 万 亿 兆 as a power of ten (4, 8, 12).
    Large(u32),
    /// 点: a decimal point between Chinese numerals.
    Point,
    /// 多, 余: "more than", between the number and its large unit or after it.
    More,
}

fn class(c: char) -> Option<Class> {
    use Class::*;
    Some(match c {
        '0'..='9' | '０'..='９' => Arabic,
        '零' | '〇' | '○' => Zero,
        '一' | '壹' | '弌' => Digit(1),
        '二' | '两' | '兩' | '俩' | '倆' | '贰' | '貳' | '弍' => Digit(2),
        '三' | '叁' | '參' | '参' | '弎' => Digit(3),
        '四' | '肆' => Digit(4),
        '五' | '伍' => Digit(5),
        '六' | '陆' | '陸' => Digit(6),
        '七' | '柒' => Digit(7),
        '八' | '捌' => Digit(8),
        '九' | '玖' => Digit(9),
        '十' | '拾' => Small(1),
        '百' | '佰' => Small(2),
        '千' | '仟' => Small(3),
        '万' | '萬' => Large(4),
        '亿' | '億' => Large(8),
        '兆' => Large(12),
        '点' | '點' => Point,
        '多' | '余' => More,
        _ => return None,
    })
}

/// The value of one Chinese digit character, plain or financial (八, 捌), or 零.
pub fn digit(c: char) -> Option<u8> {
    match class(c)? {
        Class::Digit(d) => Some(d),
        Class::Zero => Some(0),
        _ => None,
    }
}

/// Whether a numeral run can start at `c`: a digit, 零, or 十 (十五 = 15).
pub fn starts_run(c: char) -> bool {
    matches!(
        class(c),
        Some(Class::Arabic | Class::Digit(_) | Class::Zero | Class::Small(1))
    )
}

/// Whether `c` is a Chinese numeral character (a digit, 零 or a unit).
pub fn is_chinese_numeral(c: char) -> bool {
    matches!(
        class(c),
        Some(Class::Digit(_) | Class::Zero | Class::Small(_) | Class::Large(_))
    )
}

fn is_financial_digit(c: char) -> bool {
    "壹贰貳叁參参肆伍陆陸柒捌玖".contains(c)
}

fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The byte length of the numeral run at the start of `s` (0 if none).
///
/// Arabic digits and Chinese digits do not join without a unit between them
/// (the 一 of 之一 does not swallow the 3 of 之一3亿), a separator or point
/// belongs to the run only with a digit after it, and 多/余 only once, after a
/// digit or unit, and followed by nothing but large units.
pub fn run_len(s: &str) -> usize {
    let chars: Vec<(usize, char)> = s.char_indices().take(256).collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let Some(first) = at(0).filter(|&c| starts_run(c)) else {
        return 0;
    };
    let mut prev = first;
    let mut point_in_group = false;
    let mut more = false;
    let mut i = 1;
    while let Some(c) = at(i) {
        let take = match (class(prev), c) {
            // Thousands separators: exactly three digits follow, of the same
            // width. Chinese text writes 1，093.48万 with a full-width comma
            // between ASCII digits too; a comma before any other count of
            // digits ends the number (20，3000).
            (Some(Class::Arabic), ',' | '，') if prev.is_ascii_digit() => {
                three_after(&chars, i, |d| d.is_ascii_digit()) && !point_in_group
            }
            (Some(Class::Arabic), '，') => {
                three_after(&chars, i, |d| ('０'..='９').contains(&d)) && !point_in_group
            }
            (Some(Class::Arabic), '.' | '．') => {
                !point_in_group && at(i + 1).is_some_and(is_arabic)
            }
            // 12 万, 170 多辆: one space between digits and a large unit or 多.
            (Some(Class::Arabic), ' ') => at(i + 1)
                .is_some_and(|n| matches!(class(n), Some(Class::Large(_) | Class::More)) && !more),
            _ => match class(c) {
                None => false,
                Some(Class::Arabic) => {
                    is_arabic(prev)
                        || matches!(prev, ',' | '，' | '.' | '．')
                        || matches!(class(prev), Some(Class::Small(_) | Class::Large(_)))
                        // 1万零5: a 零 after a unit.
                        || (class(prev) == Some(Class::Zero) && i > 1)
                }
                Some(Class::Point) => {
                    !point_in_group
                        && matches!(
                            class(prev),
                            Some(Class::Digit(_) | Class::Zero | Class::Small(_))
                        )
                        && at(i + 1).is_some_and(|n| {
                            matches!(class(n), Some(Class::Digit(_) | Class::Zero))
                        })
                }
                Some(Class::More) => {
                    !more
                        && (is_arabic(prev)
                            || prev == ' '
                            || matches!(
                                class(prev),
                                Some(Class::Digit(_) | Class::Small(_) | Class::Large(_))
                            ))
                }
                Some(Class::Large(_)) => true,
                Some(Class::Small(_)) => !more && prev != ' ',
                // 零 and Chinese digits never follow Arabic ones directly.
                Some(_) => !more && !is_arabic(prev),
            },
        };
        if !take {
            break;
        }
        match class(c) {
            Some(Class::More) => more = true,
            Some(Class::Point) => point_in_group = true,
            _ if c == '.' || c == '．' => point_in_group = true,
            Some(Class::Small(_) | Class::Large(_)) => point_in_group = false,
            _ => {}
        }
        prev = c;
        i += 1;
    }
    let end = chars
        .get(i)
        .map_or(s.len().min(end_of(&chars)), |&(b, _)| b);
    // A run never ends on a separator or space (they need what follows).
    s[..end].trim_end_matches([',', '，', ' ']).len()
}

fn end_of(chars: &[(usize, char)]) -> usize {
    chars.last().map_or(0, |&(b, c)| b + c.len_utf8())
}

fn three_after(chars: &[(usize, char)], i: usize, digit: impl Fn(char) -> bool) -> bool {
    let d = |k: usize| chars.get(i + k).is_some_and(|&(_, c)| digit(c));
    d(1) && d(2) && d(3) && !d(4)
}

/// A numeral read whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numeral {
    pub number: Number,
    /// The large units the run ends with (万 in 12万, 10^12 in 1.5万亿): the
    /// multiplier a range's near end shares (10-12万).
    pub scale: Option<Decimal>,
    /// Written with 多 or 余 (170多亿, 100多): at least the number.
    pub more: bool,
    /// No Arabic digit in it.
    pub chinese_only: bool,
}

/// The previous token, for the rules that depend on it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Prev {
    Start,
    Number,
    Zero,
    Small(Decimal),
    Large(Decimal),
}

/// A number read but not yet scaled by the unit after it.
#[derive(Debug, Clone, Copy)]
struct Pending {
    value: Decimal,
    /// One digit, so it may stand for a digit of the next place down
    /// (the 五 of 一万五 is 5000).
    single: bool,
    /// The unit right before it, if any (no 零 between).
    after_unit: Option<Decimal>,
}

/// Reads a whole run as a number, or `None` when any part of it does not
/// fit the grammar.
pub fn parse(run: &str) -> Option<Numeral> {
    let chars: Vec<char> = run
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    if chars.is_empty() {
        return None;
    }
    let more = chars
        .iter()
        .filter(|&&c| class(c) == Some(Class::More))
        .count();
    let chars: Vec<char> = match more {
        0 => chars,
        1 => chars
            .into_iter()
            .filter(|&c| class(c) != Some(Class::More))
            .collect(),
        _ => return None,
    };
    let chinese_only = !chars.iter().any(|&c| is_arabic(c));
    // 陆 and 伍 are surnames (叶伍元), 陆股通 a market link: a financial
    // digit is a number only in a run that has a unit too (叁亿, 伍拾).
    let has_unit = chars
        .iter()
        .any(|&c| matches!(class(c), Some(Class::Small(_) | Class::Large(_))));
    if !has_unit && chars.iter().any(|&c| is_financial_digit(c)) {
        return None;
    }
    let number = match positional(&chars) {
        Some(spelt) => spelt?,
        None => Grammar::default().read(&chars)?,
    };
    let scale = trailing_scale(&chars);
    Some(Numeral {
        number,
        scale,
        more: more == 1,
        chinese_only,
    })
}

/// Digits spelt one by one with no unit: 二〇二五, 一二三. Two digits with no
/// zero (三四) are a vague range and read as nothing.
fn positional(chars: &[char]) -> Option<Option<Number>> {
    let digits: Option<Vec<u8>> = chars
        .iter()
        .map(|&c| match class(c)? {
            Class::Digit(d) => Some(d),
            Class::Zero => Some(0),
            _ => None,
        })
        .collect();
    let digits = digits.filter(|d| d.len() >= 2)?;
    if digits.len() == 2 && !digits.contains(&0) || digits[0] == 0 {
        return Some(None);
    }
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    Some(parse_digits(&text).map(|n| Number {
        place: Decimal::ONE,
        rounded: false,
        ..n
    }))
}

/// The product of the large units at the end of the run (亿 in 3千亿, 万亿 in
/// 1.5万亿), if it ends with one.
fn trailing_scale(chars: &[char]) -> Option<Decimal> {
    let mut exp = 0;
    // 三万八: an elided last digit still ends the run under its large unit.
    let elided = chars.len() >= 2
        && matches!(class(chars[chars.len() - 1]), Some(Class::Digit(_)))
        && matches!(class(chars[chars.len() - 2]), Some(Class::Large(_)));
    let chars = if elided {
        &chars[..chars.len() - 1]
    } else {
        chars
    };
    for &c in chars.iter().rev() {
        match class(c) {
            Some(Class::Large(e)) => exp += e,
            _ => break,
        }
    }
    (exp > 0).then(|| pow10(exp)).flatten()
}

#[derive(Debug)]
struct Grammar {
    /// Completed groups under a large unit, each (unit, value), units falling.
    groups: Vec<(Decimal, Decimal)>,
    /// The sum of the small-unit terms of the current group.
    section: Decimal,
    /// The last small unit of the section (they must fall: 三千二百).
    small: Option<Decimal>,
    pending: Option<Pending>,
    place: Decimal,
    rounded: bool,
    prev: Prev,
}

impl Default for Grammar {
    fn default() -> Grammar {
        Grammar {
            groups: Vec::new(),
            section: Decimal::ZERO,
            small: None,
            pending: None,
            place: Decimal::ONE,
            rounded: false,
            prev: Prev::Start,
        }
    }
}

impl Grammar {
    fn read(mut self, chars: &[char]) -> Option<Number> {
        let mut i = 0;
        while i < chars.len() {
            i = self.step(chars, i)?;
        }
        self.finish()
    }

    /// Reads the token at `i`, returning where the next one starts.
    fn step(&mut self, chars: &[char], i: usize) -> Option<usize> {
        let c = chars[i];
        match class(c)? {
            Class::Arabic => {
                let end = (i..chars.len())
                    .find(|&j| !(is_arabic(chars[j]) || matches!(chars[j], '.' | '．')))
                    .unwrap_or(chars.len());
                let text: String = chars[i..end].iter().map(|&c| to_ascii_digit(c)).collect();
                // 00, 08: a code or a broken number, not a value.
                if text.len() > 1 && text.starts_with('0') && !text.starts_with("0.") {
                    return None;
                }
                let n = parse_digits(&text)?;
                self.number(n, end - i == 1)?;
                Some(end)
            }
            Class::Digit(d) => {
                let n = Number {
                    value: Decimal::from(d),
                    place: Decimal::ONE,
                    rounded: false,
                };
                self.number(n, true)?;
                Some(i + 1)
            }
            Class::Zero if self.prev == Prev::Start => {
                self.number(Number::exact(Decimal::ZERO), false)?;
                Some(i + 1)
            }
            Class::Zero => {
                if self.prev == Prev::Number {
                    return None;
                }
                self.prev = Prev::Zero;
                Some(i + 1)
            }
            Class::Point => self.point(chars, i),
            Class::Small(e) => {
                self.small_unit(pow10(e)?)?;
                Some(i + 1)
            }
            Class::Large(e) => {
                self.large_unit(pow10(e)?)?;
                Some(i + 1)
            }
            Class::More => None,
        }
    }

    fn number(&mut self, n: Number, single: bool) -> Option<()> {
        if self.pending.is_some() {
            return None;
        }
        let after_unit = match self.prev {
            Prev::Small(u) | Prev::Large(u) => Some(u),
            _ => None,
        };
        self.pending = Some(Pending {
            value: n.value,
            single,
            after_unit,
        });
        self.place = n.place;
        self.rounded = n.rounded;
        self.prev = Prev::Number;
        Some(())
    }

    /// 十五点七: the section and the digit before 点 are the whole part, the
    /// digits after it (read one by one) the fraction.
    fn point(&mut self, chars: &[char], i: usize) -> Option<usize> {
        if !matches!(self.prev, Prev::Number | Prev::Small(_)) {
            return None;
        }
        let whole = self
            .section
            .checked_add(self.pending.take().map_or(Decimal::ZERO, |p| p.value))?;
        let mut frac = String::new();
        let mut end = i + 1;
        while let Some(d) = chars.get(end).and_then(|&c| match class(c)? {
            Class::Digit(d) => Some(d),
            Class::Zero => Some(0),
            _ => None,
        }) {
            frac.push(char::from(b'0' + d));
            end += 1;
        }
        let frac_value = parse_digits(&format!("0.{frac}"))?;
        self.section = Decimal::ZERO;
        self.small = None;
        self.pending = Some(Pending {
            value: whole.checked_add(frac_value.value)?,
            single: false,
            after_unit: None,
        });
        self.place = frac_value.place;
        self.rounded = false;
        self.prev = Prev::Number;
        Some(end)
    }

    fn small_unit(&mut self, unit: Decimal) -> Option<()> {
        if self.small.is_some_and(|s| unit >= s) {
            return None;
        }
        let v = match self.pending.take() {
            Some(p) => p.value,
            // 十 alone is ten, also after 零 or a large unit (一万零十二, 十万).
            None if unit == Decimal::TEN && self.prev != Prev::Number => {
                self.place = Decimal::ONE;
                Decimal::ONE
            }
            None => return None,
        };
        self.section = self.section.checked_add(v.checked_mul(unit)?)?;
        self.small = Some(unit);
        self.place = self.place.checked_mul(unit)?;
        self.prev = Prev::Small(unit);
        Some(())
    }

    fn large_unit(&mut self, unit: Decimal) -> Option<()> {
        if let Prev::Large(_) = self.prev {
            // 四万万, 一万亿: a large unit right after another multiplies it.
            let (u, v) = self.groups.pop()?;
            let stacked = u.checked_mul(unit)?;
            if self
                .groups
                .last()
                .is_some_and(|&(above, _)| above <= stacked)
            {
                return None;
            }
            self.groups.push((stacked, v.checked_mul(unit)?));
            self.place = self.place.checked_mul(unit)?;
            self.prev = Prev::Large(stacked);
            return Some(());
        }
        let pending = self.pending.take();
        if pending.is_none() && self.section.is_zero() {
            return None;
        }
        let mut v = self
            .section
            .checked_add(pending.map_or(Decimal::ZERO, |p| p.value))?;
        // 一亿二千万亿: the unit scales the groups below it written since.
        while let Some(&(u, x)) = self.groups.last().filter(|&&(u, _)| u <= unit) {
            let _ = u;
            v = v.checked_add(x)?;
            self.groups.pop();
        }
        self.groups.push((unit, v.checked_mul(unit)?));
        self.section = Decimal::ZERO;
        self.small = None;
        self.place = self.place.checked_mul(unit)?;
        self.prev = Prev::Large(unit);
        Some(())
    }

    fn finish(mut self) -> Option<Number> {
        if self.prev == Prev::Zero {
            return None;
        }
        if let Some(p) = self.pending.as_mut()
            && p.single
            && let Some(unit) = p.after_unit.filter(|u| *u >= Decimal::ONE_HUNDRED)
        {
            // 两千四百五: the last digit stands one place below the unit before it.
            let place = unit / Decimal::TEN;
            p.value = p.value.checked_mul(place)?;
            self.place = place;
            self.rounded = false;
        }
        let mut value = self
            .section
            .checked_add(self.pending.map_or(Decimal::ZERO, |p| p.value))?;
        for (_, x) in &self.groups {
            value = value.checked_add(*x)?;
        }
        Some(Number {
            value,
            place: self.place,
            rounded: self.rounded,
        })
    }
}

/// Reads `text` as one numeral run, all of it: the value, or `None`.
pub fn value(text: &str) -> Option<Number> {
    (run_len(text) == text.len())
        .then(|| parse(text))
        .flatten()
        .filter(|n| !n.more)
        .map(|n| n.number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Option<String> {
        value(s).map(|n| n.value.normalize().to_string())
    }

    fn placed(s: &str) -> Option<(String, String)> {
        value(s).map(|n| {
            (
                n.value.normalize().to_string(),
                n.place.normalize().to_string(),
            )
        })
    }

    #[test]
    fn decimals_with_dian() {
        assert_eq!(v("十五点七亿"), Some("1570000000".into()));
        assert_eq!(v("二点五"), Some("2.5".into()));
        assert_eq!(v("零点零五"), Some("0.05".into()));
        assert_eq!(v("三点一四一六"), Some("3.1416".into()));
        assert_eq!(placed("十五点七亿").unwrap().1, "10000000");
    }

    #[test]
    fn elided_last_unit() {
        assert_eq!(v("两千四百五"), Some("2450".into()));
        assert_eq!(v("一万三"), Some("13000".into()));
        assert_eq!(v("九百九"), Some("990".into()));
        assert_eq!(v("三亿五"), Some("350000000".into()));
        assert_eq!(v("1万5"), Some("15000".into()));
        // Written out, or with 零, it is read as written.
        assert_eq!(v("一万三千"), Some("13000".into()));
        assert_eq!(v("一万零三"), Some("10003".into()));
        assert_eq!(v("1万零5"), Some("10005".into()));
        assert_eq!(v("二十五"), Some("25".into()));
        assert_eq!(placed("两千四百五").unwrap().1, "10");
    }

    #[test]
    fn zero_before_ten() {
        assert_eq!(v("一万零十二"), Some("10012".into()));
        assert_eq!(v("一百零十万"), Some("1100000".into()));
        assert_eq!(v("一千零五十"), Some("1050".into()));
        assert_eq!(v("一千五十"), Some("1050".into()));
    }

    #[test]
    fn stacked_and_nested_large_units() {
        assert_eq!(v("四万万"), Some("400000000".into()));
        assert_eq!(v("一万亿"), Some("1000000000000".into()));
        assert_eq!(v("一万亿零一亿"), Some("1000100000000".into()));
        assert_eq!(v("一万二千亿"), Some("1200000000000".into()));
        assert_eq!(
            v("一亿二千三百四十五万六千七百八十九亿"),
            Some("12345678900000000".into())
        );
        assert_eq!(v("四十九兆九千五百九十二億"), Some("49959200000000".into()));
        assert_eq!(v("3千亿"), Some("300000000000".into()));
    }

    #[test]
    fn financial_numerals() {
        assert_eq!(v("壹百五十二"), Some("152".into()));
        assert_eq!(v("十万柒仟捌佰伍拾肆"), Some("107854".into()));
        assert_eq!(v("七十八万五佰零六"), Some("780506".into()));
        assert_eq!(v("壹佰贰拾万"), Some("1200000".into()));
        assert_eq!(v("叁万伍仟陆佰"), Some("35600".into()));
        assert_eq!(v("貳拾參萬"), Some("230000".into()));
    }

    #[test]
    fn digits_mixed_with_units() {
        assert_eq!(placed("12万5千"), Some(("125000".into(), "1000".into())));
        assert_eq!(
            placed("1.5万亿"),
            Some(("1500000000000".into(), "100000000000".into()))
        );
        assert_eq!(
            placed("1亿2000万"),
            Some(("120000000".into(), "10000000".into()))
        );
        assert_eq!(v("12亿3456万"), Some("1234560000".into()));
        assert_eq!(v("１２．５"), Some("12.5".into()));
        assert_eq!(v("１，２３４"), Some("1234".into()));
        assert_eq!(v("36,000"), Some("36000".into()));
        assert_eq!(v("12 万"), Some("120000".into()));
    }

    #[test]
    fn positional_digits() {
        assert_eq!(v("二〇二五"), Some("2025".into()));
        assert_eq!(v("一二三"), Some("123".into()));
        assert_eq!(v("三四"), None);
        assert_eq!(v("三四万"), None);
    }

    #[test]
    fn nonsense_is_nothing() {
        assert_eq!(v("三千二千"), None);
        assert_eq!(v("一千零"), None);
        assert_eq!(v("百"), None);
        assert_eq!(v("万"), None);
        assert_eq!(v("一零万"), None);
        assert_eq!(v("陆"), None);
        assert_eq!(v("伍"), None);
        assert_eq!(v("00"), None);
        assert_eq!(v("08"), None);
    }

    #[test]
    fn runs_stop_where_the_number_does() {
        fn len(s: &str) -> &str {
            &s[..run_len(s)]
        }
        assert_eq!(len("1，093.48万股"), "1，093.48万");
        assert_eq!(len("20，3000元"), "20");
        assert_eq!(len("２０，３００元"), "２０，３００");
        assert_eq!(len("1,234,567元"), "1,234,567");
        assert_eq!(len("1,23元"), "1");
        assert_eq!(len("2.76."), "2.76");
        assert_eq!(len("170多亿元"), "170多亿");
        assert_eq!(len("100多家"), "100多");
        assert_eq!(len("一3亿"), "一");
        assert_eq!(len("十五点七亿元"), "十五点七亿");
        assert_eq!(len("三点钟"), "三");
        assert_eq!(len("12 万辆"), "12 万");
        assert_eq!(len("12 years"), "12");
        assert_eq!(len("170 多辆"), "170 多");
        assert_eq!(len("5, 6"), "5");
        assert_eq!(len("1万5千"), "1万5千");
        assert_eq!(len("abc"), "");
    }

    #[test]
    fn more_marks_a_bound() {
        let n = parse("170多亿").unwrap();
        assert!(n.more);
        assert_eq!(n.number.value.to_string(), "17000000000");
        assert_eq!(n.number.place.normalize().to_string(), "1000000000");
        assert_eq!(n.scale.map(|s| s.to_string()), Some("100000000".into()));
    }
}
