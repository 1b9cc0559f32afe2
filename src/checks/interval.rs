//! The interval of values a written figure stands for.

use rust_decimal::Decimal;

use crate::fact::Fact;
use crate::rules::Intervals;

/// Inclusive bounds; `None` is unbounded on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
}

fn frac(x: f64) -> Decimal {
    Decimal::try_from(x).unwrap_or_default()
}

/// What a figure can mean, given how it was written:
/// - exact: ± half a unit of its last written digit (1.5万亿 is 1.45-1.55万亿,
///   2亿 is 1.5-2.5亿); when that digit is a trailing zero (100亿, 76000) at
///   most ± `precision_cap` of the value, so that 100亿 is not read as 50-150亿;
/// - 约/左右: ± `about` of the value, or the precision if wider;
/// - bounds and ranges (超过X, X多, 近X, 10-12万): the stated ends, each
///   widened by the precision.
pub fn of(fact: &Fact, cfg: &Intervals) -> Interval {
    let magnitude = fact.value.abs();
    // The cap only narrows figures whose trailing zeros may be rounding (100亿);
    // a written last digit (2亿) keeps its full half unit (1.5-2.5亿).
    let h = match fact.rounded {
        true => fact.precision.min(magnitude * frac(cfg.precision_cap)),
        false => fact.precision,
    };
    if fact.low.is_some() || fact.high.is_some() {
        return Interval {
            low: fact.low.map(|l| l - h),
            high: fact.high.map(|x| x + h),
        };
    }
    let w = match fact.approx {
        crate::fact::Approx::About => h.max(magnitude * frac(cfg.about)),
        _ => h,
    };
    Interval {
        low: Some(fact.value - w),
        high: Some(fact.value + w),
    }
}

impl Interval {
    /// How far apart two intervals are (zero or negative when they meet).
    pub fn gap(&self, other: &Interval) -> Decimal {
        let a = match (self.low, other.high) {
            (Some(l), Some(h)) => l - h,
            _ => Decimal::MIN,
        };
        let b = match (other.low, self.high) {
            (Some(l), Some(h)) => l - h,
            _ => Decimal::MIN,
        };
        a.max(b)
    }

    pub fn show(&self) -> String {
        let end = |d: Option<Decimal>, inf: &str| d.map_or(inf.to_string(), crate::report::amount);
        format!("[{}, {}]", end(self.low, "-∞"), end(self.high, "∞"))
    }
}
