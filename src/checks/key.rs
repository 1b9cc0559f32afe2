//! What makes two facts statements about the same thing.

use crate::fact::{Fact, Kind, Period};
use crate::rules::Rules;

/// The identity of what a figure measures: two facts with one key claim
/// values for the same quantity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub entity: String,
    pub metric: String,
    /// A part of the entity (a region, a business line), or the whole.
    pub segment: Option<String>,
    pub period: Period,
    pub qualifier: &'static str,
    /// A currency, %, pp, or a counting unit with the units rules/units.toml
    /// declares compatible (辆 and 台 of cars).
    pub unit_class: String,
    /// Year on year or quarter on quarter, for changes.
    pub basis: Option<String>,
    /// A rate's denominator (per month, per share).
    pub per: Option<String>,
}

/// The key of a fact; none for a fact with no entity, metric or period.
pub fn of(f: &Fact, rules: &Rules) -> Option<Key> {
    Some(Key {
        entity: f.entity.as_ref()?.id.clone(),
        metric: f.metric.clone()?,
        segment: f.segment.clone(),
        period: f.period?,
        qualifier: f.qualifier.as_str(),
        unit_class: unit_class(f, rules),
        basis: f.basis.clone(),
        per: f.per.clone(),
    })
}

/// Counting units compare with the units rules/units.toml calls compatible.
pub fn unit_class(f: &Fact, rules: &Rules) -> String {
    if f.kind != Kind::Count {
        return f.unit.clone();
    }
    let mut class: Vec<&str> = vec![f.unit.as_str()];
    if let Some(u) = rules.unit(&f.unit) {
        class.extend(u.compatible.iter().map(String::as_str));
    }
    class.sort_unstable();
    class.join("|")
}

/// Whether two facts of one key are independent statements that must agree:
/// not a restatement of the other (约合人民币…), not set at different times
/// (a target revised in July), not marked as superseded (此前预计), and not
/// in the same sentence (one sentence giving two values for one key is a
/// list of parts, a restatement or a before-and-after).
pub fn comparable(a: &Fact, b: &Fact) -> bool {
    let restates = a.converts.as_deref() == Some(&b.id) || b.converts.as_deref() == Some(&a.id);
    !restates && same_time(a, b) && !same_sentence(a, b) && !a.revised && !b.revised && a.id != b.id
}

/// Whether two outlook figures (targets, forecasts) were set at one time;
/// actuals always are.
pub fn same_time(a: &Fact, b: &Fact) -> bool {
    !a.qualifier.is_outlook()
        || match (a.as_of, b.as_of) {
            (Some(x), Some(y)) => x.overlaps(&y),
            _ => true,
        }
}

pub fn same_sentence(a: &Fact, b: &Fact) -> bool {
    a.path == b.path && a.sentence == b.sentence
}

/// The name to show for a fact's entity.
pub fn entity_name(f: &Fact) -> String {
    f.entity
        .as_ref()
        .map_or_else(|| "-".to_string(), |e| e.name.clone())
}
