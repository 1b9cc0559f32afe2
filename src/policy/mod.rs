//! Policy: what of the checks' findings a run reports. Suppression comments
//! in articles, per-path overrides from the project file, a focus on some
//! files, and a baseline of accepted findings are applied here, after the
//! checks and before the report, so checks stay about figures only.

pub mod baseline;
pub mod confidence;
pub mod focus;
pub mod suppress;
