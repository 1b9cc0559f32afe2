//! Numbers as written in news: digits (half- or full-width), thousands
//! separators, decimals, and the multipliers 万/亿/万亿/千亿 or
//! thousand/million/billion/trillion. Chinese numerals and their mixtures
//! with digits are read by the grammar in `numeral`.

use rust_decimal::Decimal;

/// A parsed number: its value, fully expanded, and the place value of its last
/// significant digit (also expanded): 1.5万亿 -> (1500000000000, 100000000000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub value: Decimal,
    pub place: Decimal,
    /// Written with trailing zeros (100亿, 76000): the place is an upper bound
    /// of the precision, since the writer may have rounded or not.
    pub rounded: bool,
}

/// Maps full-width digits and punctuation to ASCII, leaving the rest alone.
pub fn to_ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' => '.',
        '，' => ',',
        _ => c,
    }
}

/// Parses the digits of a number (`1,234.5`, `１２３`), without multiplier.
pub fn parse_digits(text: &str) -> Option<Number> {
    if !text.starts_with(|c: char| to_ascii_digit(c).is_ascii_digit()) {
        return None;
    }
    let ascii: String = text
        .chars()
        .map(to_ascii_digit)
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if ascii.is_empty() || !ascii.chars().next()?.is_ascii_digit() {
        return None;
    }
    let value: Decimal = ascii.parse().ok()?;
    let place = match ascii.split_once('.') {
        Some((_, frac)) => Decimal::new(1, u32::try_from(frac.len()).ok()?.min(28)),
        None => {
            let zeros = ascii.len() - ascii.trim_end_matches('0').len();
            // "0" itself has no trailing significant zero.
            let zeros = if value.is_zero() { 0 } else { zeros };
            pow10(zeros as u32)?
        }
    };
    let rounded = !ascii.contains('.') && place > Decimal::ONE;
    Some(Number {
        value,
        place,
        rounded,
    })
}

/// The value of a multiplier word, if it is one.
pub fn multiplier(word: &str) -> Option<Decimal> {
    let exp = match word.trim().to_ascii_lowercase().as_str() {
        "万亿" | "兆" | "trillion" | "tn" | "trn" => 12,
        "千亿" => 11,
        "百亿" => 10,
        "十亿" | "billion" | "bn" | "b" => 9,
        "亿" => 8,
        "千万" => 7,
        "百万" | "million" | "mn" | "m" | "mln" => 6,
        "十万" => 5,
        "万" => 4,
        "千" | "thousand" | "k" => 3,
        "百" => 2,
        _ => return None,
    };
    pow10(exp)
}

pub fn pow10(exp: u32) -> Option<Decimal> {
    let mut v = Decimal::ONE;
    for _ in 0..exp {
        v = v.checked_mul(Decimal::TEN)?;
    }
    Some(v)
}

impl Number {
    /// A whole number as written, precise to the unit.
    pub fn exact(value: Decimal) -> Number {
        Number {
            value,
            place: Decimal::ONE,
            rounded: false,
        }
    }

    /// Applies a multiplier, keeping the precision: "1.5" × 万亿.
    pub fn times(self, m: Decimal) -> Option<Number> {
        Some(Number {
            value: self.value.checked_mul(m)?,
            place: self.place.checked_mul(m)?,
            rounded: self.rounded,
        })
    }
}

/// Parses a whole number written in English words: "forty-four billion",
/// "one hundred and twelve thousand three hundred", "zero".
pub fn parse_english(text: &str) -> Option<Decimal> {
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
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let (mut total, mut current) = (Decimal::ZERO, Decimal::ZERO);
    let mut any = false;
    for word in text
        .to_ascii_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
    {
        if word == "and" {
            continue;
        }
        any = true;
        // Checked: "hundred hundred hundred …" overflows a decimal (found
        // by fuzzing); such words are no number.
        if let Some(n) = SMALL.iter().position(|w| *w == word) {
            current = current.checked_add(Decimal::from(n))?;
        } else if let Some(n) = TENS.iter().position(|w| *w == word) {
            current = current.checked_add(Decimal::from(20 + 10 * n))?;
        } else if word == "hundred" {
            current = current
                .max(Decimal::ONE)
                .checked_mul(Decimal::ONE_HUNDRED)?;
        } else {
            let scale = match word {
                "thousand" => 3,
                "million" => 6,
                "billion" => 9,
                "trillion" => 12,
                _ => return None,
            };
            let part = current.max(Decimal::ONE).checked_mul(pow10(scale)?)?;
            total = total.checked_add(part)?;
            current = Decimal::ZERO;
        }
    }
    any.then_some(total.checked_add(current)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn digits_and_precision() {
        let n = parse_digits("171.08").unwrap();
        assert_eq!((n.value, n.place), (dec("171.08"), dec("0.01")));
        let n = parse_digits("76000").unwrap();
        assert_eq!((n.value, n.place), (dec("76000"), dec("1000")));
        let n = parse_digits("36,000").unwrap();
        assert_eq!(n.value, dec("36000"));
        let n = parse_digits("１２．５").unwrap();
        assert_eq!(n.value, dec("12.5"));
        assert!(parse_digits(",5").is_none());
    }

    #[test]
    fn english_words() {
        let v = |s: &str| parse_english(s).map(|d| d.to_string());
        assert_eq!(v("forty-four billion"), Some("44000000000".into()));
        assert_eq!(
            v("one hundred and twelve thousand three hundred"),
            Some("112300".into())
        );
        assert_eq!(v("zero"), Some("0".into()));
        assert_eq!(v("many"), None);
    }

    #[test]
    fn multipliers_expand() {
        let n = parse_digits("1.5")
            .unwrap()
            .times(multiplier("万亿").unwrap())
            .unwrap();
        assert_eq!(n.value, dec("1500000000000"));
        assert_eq!(n.place, dec("100000000000"));
        assert_eq!(multiplier("亿"), Some(dec("100000000")));
        assert_eq!(multiplier("bn"), Some(dec("1000000000")));
        assert_eq!(multiplier("元"), None);
    }
}
