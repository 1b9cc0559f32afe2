//! factcheck: extract dated financial figures from news articles and flag
//! figures that contradict one another.
//!
//! The pipeline, one module per stage:
//! `article` (load, date, clean) -> `extract` (figures, periods, entities,
//! metrics) -> `fact` (the typed hand-off) -> `checks` (one module per rule)
//! -> `report` (table, json). `run` strings them together; `rules` reads the
//! declarative data under `rules/`; `eval` scores extraction against gold.

pub mod article;
pub mod cache;
pub mod checks;
pub mod config;
pub mod eval;
pub mod extract;
pub mod fact;
pub mod policy;
pub mod report;
pub mod rules;
pub mod run;
