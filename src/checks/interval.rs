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
///   widened by the precision; 近X (at most X) is also at least X less
///   `near` of it (default 10%), while 超过X has no upper end.
pub fn of(fact: &Fact, cfg: &Intervals) -> Interval {
    let magnitude = fact.value.abs();
    // The cap only narrows figures whose trailing zeros may be rounding (100亿);
    // a written last digit (2亿) keeps its full half unit (1.5-2.5亿).
    let h = match fact.rounded {
        true => fact.precision.min(magnitude * frac(cfg.precision_cap)),
        false => fact.precision,
    };
    if fact.low.is_some() || fact.high.is_some() {
        let mut bounds = Interval {
            low: fact.low.map(|l| l - h),
            high: fact.high.map(|x| x + h),
        };
        // 近7%, 接近9000亿: at most the value, and not far below it.
        if fact.approx == crate::fact::Approx::AtMost {
            let floor = fact.value * (Decimal::ONE - frac(cfg.near));
            match fact.value.is_sign_negative() {
                false => bounds.low = bounds.low.or(Some(floor - h)),
                true => bounds.high = bounds.high.or(Some(floor + h)),
            }
        }
        return bounds;
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

/// Bounds as floats, for ratios and products (±∞ when open).
pub fn bounds(i: &Interval) -> (f64, f64) {
    use rust_decimal::prelude::ToPrimitive;
    (
        i.low.and_then(|d| d.to_f64()).unwrap_or(f64::NEG_INFINITY),
        i.high.and_then(|d| d.to_f64()).unwrap_or(f64::INFINITY),
    )
}

/// The bounds of a figure's magnitude (a loss of 3-4亿 is 3-4亿), or none
/// when the interval straddles zero.
pub fn magnitude(i: &Interval) -> Option<(f64, f64)> {
    let (lo, hi) = bounds(i);
    if lo >= 0.0 {
        Some((lo, hi))
    } else if hi <= 0.0 {
        Some((-hi, -lo))
    } else {
        None
    }
}

/// The interval of `a / b` for positive intervals.
pub fn quotient(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    if b.0 <= 0.0 {
        return None;
    }
    Some((a.0 / b.1, a.1 / b.0))
}

/// Whether two float intervals meet, allowing `slack` between them.
pub fn meet(a: (f64, f64), b: (f64, f64), slack: f64) -> bool {
    a.0 <= b.1 + slack && b.0 <= a.1 + slack
}

/// A float interval for messages: "1.18" or "1.16-1.20".
pub fn show_range(r: (f64, f64), digits: usize) -> String {
    let one = |x: f64| {
        if x.is_infinite() {
            "∞".to_string()
        } else {
            format!("{x:.digits$}")
        }
    };
    if (r.1 - r.0).abs() < 10f64.powi(-(digits as i32)) {
        one(r.0)
    } else {
        format!("{} to {}", one(r.0), one(r.1))
    }
}
