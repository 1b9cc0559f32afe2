//! Reports: a readable table for people, JSON for programs.

mod json;
mod table;

pub use json::json;
pub use table::{facts_table, findings_table, summary_line};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A decimal as people read it: no trailing zeros, at most 4 decimals.
pub fn number(d: Decimal) -> String {
    d.round_dp(4).normalize().to_string()
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
