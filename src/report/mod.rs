//! Reports: a readable table for people, JSON for programs.

mod json;
mod table;

pub use json::json;
pub use table::{facts_table, findings_table, summary_line};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A decimal, fully expanded: no trailing zeros, at most 4 decimals.
pub fn number(d: Decimal) -> String {
    d.round_dp(4).normalize().to_string()
}

/// An amount as Chinese business news writes it, for messages: 171.08亿, 76000.
pub fn amount(d: Decimal) -> String {
    let (yi, wan) = (Decimal::from(100_000_000), Decimal::from(10_000));
    if d.abs() >= yi {
        format!("{}亿", number(d / yi))
    } else if d.abs() >= wan * Decimal::from(10) {
        format!("{}万", number(d / wan))
    } else {
        number(d)
    }
}

/// A ratio: 1.5 stays 1.50, a large one reads 1.0e8.
pub fn ratio(d: Decimal) -> String {
    let f = d.to_f64().unwrap_or(f64::INFINITY);
    if f >= 1000.0 {
        format!("{f:.1e}")
    } else {
        format!("{f:.2}")
    }
}

/// An amount computed from others, to three significant digits: 26.9万亿,
/// 3.46万亿, 1380亿, 42,200.
pub fn rough(x: f64) -> String {
    if !x.is_finite() {
        return "∞".to_string();
    }
    let (scale, word) = match x.abs() {
        a if a >= 1e12 => (1e12, "万亿"),
        a if a >= 1e8 => (1e8, "亿"),
        a if a >= 1e5 => (1e4, "万"),
        _ => (1.0, ""),
    };
    let v = x / scale;
    let digits = match v.abs() {
        a if a >= 100.0 => 0,
        a if a >= 10.0 => 1,
        _ => 2,
    };
    format!("{v:.digits$}{word}")
}
