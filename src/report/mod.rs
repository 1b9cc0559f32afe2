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
