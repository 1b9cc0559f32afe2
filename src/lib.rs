//! factcheck: extract dated financial figures from news articles and flag
//! figures that contradict one another.
//!
//! The pipeline, one module per stage:
//! `article` (load, date, clean) -> `extract` (figures, periods, entities,
//! metrics) -> `fact` (the typed hand-off) -> `checks` (one module per rule)
//! -> `policy` (suppressions, overrides, focus, baseline) -> `report` (table,
//! json, jsonl, sarif, github, csv). `run` strings them together, in parallel
//! and through the `cache`; `rules` reads the declarative data under
//! `rules/`, `config` the project's `factcheck.toml`; `eval` scores
//! extraction against gold; `stages` splits a run into `factcheck extract`
//! and `factcheck check` over facts files.

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
pub mod stages;
