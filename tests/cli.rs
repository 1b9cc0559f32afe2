//! End-to-end tests of the `factcheck` binary: exit codes, table and JSON
//! output, dates, input errors and rules files (encodings, HTML, walking
//! and per-file problems: tests/input.rs).
//!
//! Every fixture is written into a fresh temporary folder, and each command
//! runs with that folder as its working directory, so the repository's own
//! `./rules` folder never leaks into a test.

mod common;
use common::{factcheck, write};

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use assert_cmd::Command;
use predicates::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Fixtures (made-up companies and stock codes that no lexicon knows).
// ---------------------------------------------------------------------------

/// A dated article: a title, a header line with a date and time, then the story.
const XINGHE_A: &str = "星河电子年报速览\n\n2025-03-01 10:00\n\n星河电子(688999.SH)发布年度报告，2024年营收120.5亿元，同比增长12%。\n";
/// An undated article that gives a different 2024 revenue for the same company.
const XINGHE_B: &str = "星河电子(688999.SH)公告称，公司2024年营收98.2亿元。\n";

/// Two articles that state the same figure with different precision.
const YUEGUANG_A: &str = "月光科技(300999.SZ)表示，2024年营收1.5万亿元。\n";
const YUEGUANG_B: &str = "月光科技(300999.SZ)公告称，公司2024年营收1.50万亿元。\n";

/// A market-cap figure in Hong Kong dollars.
const YUNHAI: &str = "云海控股(02999.HK)周五收涨3%，市值1.5万亿港元。\n";

/// Front matter with a date.
const FRONT_MATTER: &str =
    "---\ndate: 2024-07-20\ntitle: x\n---\n月光科技(300999.SZ)2024年上半年营收80亿元。\n";

/// No header date, but a full date in the body.
const INFERRED: &str = "月光科技(300999.SZ)在2024年12月31日发布公告，称公司全年营收有望突破千亿元，这一消息令市场颇为振奋，股价随之走高。\n";

/// A complete checks.toml that turns conflicting-figure into a warning.
const CHECKS_AS_WARNING: &str = "[intervals]\nprecision_cap = 0.05\nabout = 0.05\nnear = 0.10\n\n[checks.conflicting-figure]\nenabled = true\nseverity = \"warning\"\ntolerance = 0.0\n";

/// A working folder with a `news` subfolder holding `files`.
fn news(files: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("news");
    fs::create_dir(&dir).unwrap();
    for (name, text) in files {
        write(&dir, name, text);
    }
    (tmp, dir)
}

fn conflicting() -> (TempDir, PathBuf) {
    news(&[("xinghe_a.txt", XINGHE_A), ("xinghe_b.txt", XINGHE_B)])
}

/// Runs factcheck on the conflicting pair with `--rules` pointing at a folder
/// that holds only `file` with `text` (the rest falls back to the built-in rules).
fn with_rules(file: &str, text: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    let (tmp, dir) = conflicting();
    let rules = tmp.path().join("myrules");
    write(&rules, file, text);
    factcheck(tmp.path())
        .arg("--rules")
        .arg(&rules)
        .args(extra)
        .arg(&dir)
        .assert()
}

fn consistent() -> (TempDir, PathBuf) {
    news(&[
        ("yueguang_a.txt", YUEGUANG_A),
        ("yueguang_b.txt", YUEGUANG_B),
    ])
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

fn json_of(cmd: &mut Command) -> Value {
    let out = stdout_of(cmd.args(["--format", "json"]));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{out}"))
}

fn decimal(v: &Value) -> Decimal {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("expected a decimal string, got {v}"));
    Decimal::from_str(s).unwrap_or_else(|e| panic!("{s:?} is not a decimal: {e}"))
}

fn article<'a>(doc: &'a Value, file: &str) -> &'a Value {
    doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"].as_str().unwrap().ends_with(file))
        .unwrap_or_else(|| panic!("no article {file} in {doc:#}"))
}

fn facts_of<'a>(doc: &'a Value, file: &str) -> Vec<&'a Value> {
    doc["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with(file))
        .collect()
}

// ---------------------------------------------------------------------------
// 1-3. Table output and exit codes
// ---------------------------------------------------------------------------

#[test]
fn conflicting_figures_are_reported_in_the_table_and_exit_1() {
    let (tmp, dir) = conflicting();
    factcheck(tmp.path())
        .arg(&dir)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("conflicting-figure"))
        .stdout(predicate::str::contains("error"))
        .stdout(predicate::str::contains("星河电子"))
        .stdout(predicate::str::contains("120.5亿元"))
        .stdout(predicate::str::contains("98.2亿元"))
        .stdout(predicate::str::contains("xinghe_a.txt:5"))
        .stdout(predicate::str::contains("xinghe_b.txt:1"))
        .stdout(
            predicate::str::is_match(
                r"(?m)^2 articles, \d+ facts: 1 error, 0 warnings, \d+ infos?$",
            )
            .unwrap(),
        );
}

#[test]
fn english_conflicting_figures_are_reported() {
    let (tmp, dir) = news(&[
        (
            "acme_1.txt",
            "Acme Motors (ACME.O) said its revenue for fiscal year 2024 was $12.5 billion.\n",
        ),
        (
            "acme_2.txt",
            "Acme Motors (ACME.O) reported FY2024 revenue of $9.1 billion.\n",
        ),
    ]);
    factcheck(tmp.path())
        .arg(&dir)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("conflicting-figure"))
        .stdout(predicate::str::contains("Acme Motors"))
        .stdout(predicate::str::contains("acme_1.txt"))
        .stdout(predicate::str::contains("acme_2.txt"))
        .stdout(predicate::str::contains(
            "2 articles, 2 facts: 1 error, 0 warnings,",
        ));
}

#[test]
fn fail_on_never_exits_0_despite_errors() {
    let (tmp, dir) = conflicting();
    factcheck(tmp.path())
        .arg(&dir)
        .args(["--fail-on", "never"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("conflicting-figure"))
        .stdout(predicate::str::contains("1 error"));
}

#[test]
fn fail_on_warning_exits_1_on_an_error() {
    let (tmp, dir) = conflicting();
    factcheck(tmp.path())
        .arg(&dir)
        .args(["--fail-on", "warning"])
        .assert()
        .code(1);
}

#[test]
fn fail_on_rejects_an_unknown_level() {
    let (tmp, dir) = conflicting();
    factcheck(tmp.path())
        .arg(&dir)
        .args(["--fail-on", "sometimes"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty());
}

#[test]
fn consistent_figures_written_with_different_precision_pass() {
    let (tmp, dir) = consistent();
    factcheck(tmp.path())
        .arg(&dir)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("conflicting-figure").not())
        .stdout(predicate::str::contains(
            "2 articles, 2 facts: 0 errors, 0 warnings,",
        ));
}

#[test]
fn the_same_figure_given_twice_passes() {
    let same = "星河电子(688999.SH)公告称，公司2024年营收98.2亿元。\n";
    let again = "据星河电子(688999.SH)年报，2024年营收为98.2亿元，略低于市场预期。\n";
    let (tmp, dir) = news(&[("one.txt", same), ("two.txt", again)]);
    factcheck(tmp.path())
        .arg(&dir)
        .args(["--fail-on", "warning"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2 articles, 2 facts: 0 errors, 0 warnings,",
        ));
}

// ---------------------------------------------------------------------------
// 4. --facts
// ---------------------------------------------------------------------------

#[test]
fn facts_flag_prints_the_facts_table() {
    let (tmp, dir) = consistent();
    let out = stdout_of(factcheck(tmp.path()).arg(&dir).arg("--facts"));
    let header = out
        .lines()
        .find(|l| l.contains("figure"))
        .unwrap_or_else(|| panic!("no header line in:\n{out}"));
    for column in [
        "where",
        "figure",
        "value",
        "unit",
        "entity",
        "metric",
        "period",
        "qualifier",
    ] {
        assert!(header.contains(column), "header lacks {column}: {header}");
    }
    let row = out
        .lines()
        .find(|l| l.contains("1.50万亿元"))
        .unwrap_or_else(|| panic!("no row for 1.50万亿元 in:\n{out}"));
    for cell in [
        "yueguang_b.txt:1:",
        "1500000000000",
        "CNY",
        "月光科技",
        "revenue",
        "2024",
        "actual",
    ] {
        assert!(row.contains(cell), "row lacks {cell}: {row}");
    }
    assert!(out.contains("1.5万亿元"), "{out}");
    assert!(out.contains("2 articles, 2 facts"), "{out}");
}

#[test]
fn without_facts_flag_no_facts_table_is_printed() {
    let (tmp, dir) = consistent();
    for format in ["full", "table"] {
        let out = stdout_of(factcheck(tmp.path()).arg(&dir).args(["--format", format]));
        assert!(!out.contains("qualifier"), "{out}");
        assert!(!out.contains("┆ value"), "{out}");
    }
}

// ---------------------------------------------------------------------------
// 5. JSON contract
// ---------------------------------------------------------------------------

#[test]
fn json_output_follows_the_v1_contract() {
    let (tmp, dir) = news(&[
        ("xinghe_a.txt", XINGHE_A),
        ("xinghe_b.txt", XINGHE_B),
        ("yunhai.txt", YUNHAI),
        ("front.md", FRONT_MATTER),
    ]);
    let given = dir.display().to_string();
    let output = factcheck(tmp.path())
        .arg(&dir)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the conflict is an error");
    let doc: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");

    assert_eq!(doc["schema"], "factcheck/v1");

    // Articles.
    let articles = doc["articles"].as_array().expect("articles array");
    assert_eq!(articles.len(), 4);
    let mut fact_total = 0;
    for a in articles {
        let path = a["path"].as_str().expect("path is a string");
        assert!(
            path.starts_with(&given),
            "{path} does not start with {given}"
        );
        assert!(Path::new(path).is_file(), "{path} is not the file read");
        match &a["published"] {
            Value::Null => {}
            Value::String(s) => {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .unwrap_or_else(|e| panic!("published {s:?}: {e}"));
            }
            other => panic!("published is {other}"),
        }
        let source = a["date_source"].as_str().expect("date_source");
        assert!(
            ["front-matter", "header", "inferred", "none"].contains(&source),
            "date_source {source}"
        );
        let n = a["facts"].as_u64().expect("facts count") as usize;
        assert_eq!(n, facts_of(&doc, path).len(), "fact count of {path}");
        fact_total += n;
    }
    assert_eq!(article(&doc, "xinghe_a.txt")["published"], "2025-03-01");
    assert_eq!(article(&doc, "xinghe_a.txt")["date_source"], "header");
    assert_eq!(article(&doc, "xinghe_b.txt")["published"], Value::Null);
    assert_eq!(article(&doc, "xinghe_b.txt")["date_source"], "none");
    assert_eq!(article(&doc, "front.md")["published"], "2024-07-20");
    assert_eq!(article(&doc, "front.md")["date_source"], "front-matter");

    // Facts.
    let facts = doc["facts"].as_array().expect("facts array");
    assert_eq!(facts.len(), fact_total);
    assert!(facts.len() >= 4, "too few facts: {doc:#}");
    let keys = [
        "id",
        "path",
        "line",
        "column",
        "start",
        "end",
        "text",
        "kind",
        "value",
        "low",
        "high",
        "approx",
        "unit",
        "entity",
        "metric",
        "period",
        "qualifier",
    ];
    let mut ids = HashSet::new();
    for f in facts {
        for k in keys {
            assert!(f.get(k).is_some(), "fact lacks {k}: {f}");
        }
        let id = f["id"].as_str().expect("id is a string");
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        let path = f["path"].as_str().unwrap();
        assert!(path.starts_with(&given), "{path}");
        assert!(
            articles.iter().any(|a| a["path"] == path),
            "{path} is no article"
        );

        decimal(&f["value"]);
        for bound in ["low", "high"] {
            if !f[bound].is_null() {
                decimal(&f[bound]);
            }
        }
        assert!(
            ["money", "percent", "count"].contains(&f["kind"].as_str().unwrap()),
            "{f}"
        );
        assert!(
            ["exact", "about", "at_least", "at_most", "range"]
                .contains(&f["approx"].as_str().unwrap()),
            "{f}"
        );
        assert!(
            ["actual", "target", "forecast", "estimate", "change"]
                .contains(&f["qualifier"].as_str().unwrap()),
            "{f}"
        );

        // The text is the file's bytes start..end, and line/column point at it.
        let bytes = fs::read(path).unwrap();
        let start = f["start"].as_u64().unwrap() as usize;
        let end = f["end"].as_u64().unwrap() as usize;
        assert!(start < end && end <= bytes.len(), "{f}");
        let text = f["text"].as_str().unwrap();
        assert_eq!(&bytes[start..end], text.as_bytes(), "{f}");
        let file = std::str::from_utf8(&bytes).unwrap();
        let before = &file[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        assert_eq!(f["line"].as_u64().unwrap() as usize, line, "{f}");
        assert_eq!(f["column"].as_u64().unwrap() as usize, column, "{f}");
    }

    // A figure after front matter is located in the whole file, not the body.
    let front = facts_of(&doc, "front.md");
    let eighty = front
        .iter()
        .find(|f| f["text"] == "80亿元")
        .unwrap_or_else(|| panic!("no 80亿元 fact: {doc:#}"));
    assert_eq!(eighty["line"], 5);

    // Value expansion: 1.5万亿港元.
    let cap = facts_of(&doc, "yunhai.txt")
        .into_iter()
        .find(|f| f["text"].as_str().unwrap().contains("1.5万亿港元"))
        .unwrap_or_else(|| panic!("no 1.5万亿港元 fact: {doc:#}"));
    assert_eq!(decimal(&cap["value"]), Decimal::from(1_500_000_000_000u64));
    assert_eq!(cap["unit"], "HKD");
    assert_eq!(cap["kind"], "money");
    assert_eq!(cap["metric"], "market_cap");

    // The conflicting revenue figures.
    let revenue = facts_of(&doc, "xinghe_a.txt")
        .into_iter()
        .find(|f| f["text"] == "120.5亿元")
        .expect("120.5亿元 fact");
    assert_eq!(decimal(&revenue["value"]), Decimal::from(12_050_000_000u64));
    assert_eq!(revenue["unit"], "CNY");
    assert_eq!(revenue["entity"]["name"], "星河电子");
    assert_eq!(revenue["metric"], "revenue");
    assert_eq!(revenue["period"]["start"], "2024-01-01");
    assert_eq!(revenue["period"]["end"], "2024-12-31");
    assert_eq!(revenue["qualifier"], "actual");

    // Findings.
    let findings = doc["findings"].as_array().expect("findings array");
    // The two test articles are undated: each also gets an undated-article info.
    let about_figures: Vec<&Value> = findings
        .iter()
        .filter(|f| f["rule"] != "undated-article")
        .collect();
    assert_eq!(about_figures.len(), 1, "{doc:#}");
    for finding in about_figures.iter().copied() {
        assert!(finding["rule"].is_string(), "{finding}");
        assert!(
            ["error", "warning", "info"].contains(&finding["severity"].as_str().unwrap()),
            "{finding}"
        );
        assert!(finding["message"].is_string(), "{finding}");
        let refs = finding["facts"].as_array().expect("finding facts");
        assert!(refs.len() >= 2, "{finding}");
        for r in refs {
            assert!(ids.contains(r.as_str().unwrap()), "unknown fact id {r}");
        }
    }
    let conflict = about_figures[0];
    assert_eq!(conflict["rule"], "conflicting-figure");
    assert_eq!(conflict["severity"], "error");
    let texts: Vec<&str> = conflict["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| {
            facts.iter().find(|f| f["id"] == *id).unwrap()["text"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(texts, ["120.5亿元", "98.2亿元"]);

    // Summary.
    let summary = &doc["summary"];
    let count = |s: &str| findings.iter().filter(|f| f["severity"] == s).count() as u64;
    assert_eq!(summary["articles"], articles.len() as u64);
    assert_eq!(summary["facts"], facts.len() as u64);
    assert_eq!(summary["errors"], count("error"));
    assert_eq!(summary["warnings"], count("warning"));
    assert_eq!(summary["infos"], count("info"));
    assert_eq!(summary["errors"], 1);
}

#[test]
fn json_article_path_is_as_given_on_the_command_line() {
    let (tmp, _dir) = conflicting();
    write(tmp.path(), "extra/yunhai.txt", YUNHAI);
    // A relative folder and a single relative file, each shown as given.
    let doc = json_of(
        factcheck(tmp.path())
            .arg("news")
            .arg(Path::new("extra").join("yunhai.txt")),
    );
    let paths: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(
        paths,
        [
            format!("news{sep}xinghe_a.txt"),
            format!("news{sep}xinghe_b.txt"),
            format!("extra{sep}yunhai.txt"),
        ]
    );
    for f in doc["facts"].as_array().unwrap() {
        assert!(paths.contains(&f["path"].as_str().unwrap()), "{f}");
    }
}

#[test]
fn a_file_given_twice_is_read_once() {
    let (tmp, _dir) = conflicting();
    let output = factcheck(tmp.path())
        .arg("news")
        .arg(Path::new("news").join("xinghe_b.txt"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = doc["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate fact ids: {ids:?}");
    assert_eq!(doc["summary"]["articles"], 2);
    assert_eq!(doc["findings"][0]["facts"].as_array().unwrap().len(), 2);
}

#[test]
fn json_value_is_the_plain_expanded_number() {
    let (tmp, dir) = news(&[("yunhai.txt", YUNHAI), ("yueguang_b.txt", YUEGUANG_B)]);
    let doc = json_of(factcheck(tmp.path()).arg(&dir));
    let cap = facts_of(&doc, "yunhai.txt")
        .into_iter()
        .find(|f| f["text"] == "1.5万亿港元")
        .expect("1.5万亿港元 fact");
    assert_eq!(cap["value"], "1500000000000");
    assert_eq!(cap["unit"], "HKD");
    let revenue = facts_of(&doc, "yueguang_b.txt")
        .into_iter()
        .find(|f| f["text"] == "1.50万亿元")
        .expect("1.50万亿元 fact");
    assert_eq!(revenue["value"], "1500000000000");
}

#[test]
fn json_on_consistent_input_has_no_findings() {
    let (tmp, dir) = consistent();
    let output = factcheck(tmp.path())
        .arg(&dir)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|f| f["rule"] == "undated-article"),
        "{findings:#?}"
    );
    assert_eq!(doc["summary"]["facts"], 2);
    assert_eq!(doc["summary"]["errors"], 0);
    let values: Vec<Decimal> = doc["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| decimal(&f["value"]))
        .collect();
    assert_eq!(values, [Decimal::from(1_500_000_000_000u64); 2]);
}

// ---------------------------------------------------------------------------
// 6. Publication dates
// ---------------------------------------------------------------------------

#[test]
fn front_matter_date_is_the_publication_date() {
    let (tmp, dir) = news(&[("front.md", FRONT_MATTER)]);
    let doc = json_of(factcheck(tmp.path()).arg(&dir));
    let a = article(&doc, "front.md");
    assert_eq!(a["published"], "2024-07-20");
    assert_eq!(a["date_source"], "front-matter");
    // The front matter's own date is not read as a figure or a period of one.
    let facts = facts_of(&doc, "front.md");
    assert_eq!(facts.len(), 1, "{doc:#}");
    assert_eq!(facts[0]["text"], "80亿元");
    assert_eq!(facts[0]["period"]["start"], "2024-01-01");
    assert_eq!(facts[0]["period"]["end"], "2024-06-30");
}

#[test]
fn undated_article_with_a_full_date_in_the_body_is_inferred() {
    let (tmp, dir) = news(&[("inferred.txt", INFERRED)]);
    let doc = json_of(factcheck(tmp.path()).arg(&dir));
    let a = article(&doc, "inferred.txt");
    assert_eq!(a["published"], Value::Null);
    assert_eq!(a["date_source"], "inferred");
}

#[test]
fn article_without_any_date_has_date_source_none() {
    let (tmp, dir) = news(&[("plain.txt", XINGHE_B)]);
    let doc = json_of(factcheck(tmp.path()).arg(&dir));
    let a = article(&doc, "plain.txt");
    assert_eq!(a["published"], Value::Null);
    assert_eq!(a["date_source"], "none");
}

// ---------------------------------------------------------------------------
// 7-9. Input errors
// ---------------------------------------------------------------------------

#[test]
fn missing_path_exits_2_and_names_it() {
    let tmp = TempDir::new().unwrap();
    factcheck(tmp.path())
        .arg("/nonexistent/path")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/path"));
}

#[test]
fn missing_path_does_not_stop_the_run() {
    let (tmp, dir) = conflicting();
    factcheck(tmp.path())
        .arg("/nonexistent/path")
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/path"))
        .stdout(predicate::str::contains("conflicting-figure"))
        .stdout(predicate::str::contains("xinghe_a.txt"))
        .stdout(predicate::str::contains("2 articles"))
        .stdout(predicate::str::contains("1 file could not be read"));
}

#[test]
fn missing_path_is_listed_in_json_input_errors() {
    let (tmp, dir) = consistent();
    let output = factcheck(tmp.path())
        .arg(&dir)
        .arg("/nonexistent/path")
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["summary"]["articles"], 2);
    assert_eq!(doc["summary"]["input_errors"], 1);
    assert!(
        doc["input_errors"][0]
            .as_str()
            .unwrap()
            .contains("/nonexistent/path"),
        "{doc:#}"
    );
}

#[test]
fn empty_folder_warns_and_exits_0() {
    let tmp = TempDir::new().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    // Files that are not articles do not count.
    write(&empty, "notes.csv", "星河电子,2024,98.2亿元\n");
    factcheck(tmp.path())
        .arg(&empty)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no articles found"))
        .stdout(predicate::str::contains("0 articles, 0 facts"));
}

#[test]
fn damaged_utf8_file_is_warned_and_the_rest_still_runs() {
    let (tmp, dir) = news(&[("good.txt", XINGHE_B)]);
    // A UTF-8 article with one stray byte: damaged, not another encoding
    // (see tests/input.rs for GBK and Big5 files, which are read).
    let mut damaged = "星河电子简讯，星河电子今日发布公告。\n".as_bytes().to_vec();
    damaged.extend_from_slice(b"\xff");
    damaged.extend_from_slice("公司营收增长。\n".as_bytes());
    let bad = write(&dir, "bad.txt", damaged);
    let bad_shown = bad.display().to_string();
    let output = factcheck(tmp.path())
        .arg(&dir)
        .arg("--facts")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    // One bad file in an archive is a warning; --strict makes it fatal.
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!("factcheck: warning: {bad_shown}: not valid UTF-8")),
        "{stderr}"
    );
    assert!(
        stderr.contains("at line 2, column 1"),
        "no line number (2) for the bad byte: {stderr}"
    );
    assert!(stdout.contains("98.2亿元"), "{stdout}");
    assert!(stdout.contains("good.txt"), "{stdout}");
    assert!(
        stdout.contains("1 article, 1 fact: 0 errors"),
        "good article not processed: {stdout}"
    );
    assert!(stdout.contains("1 file could not be read"), "{stdout}");
    factcheck(tmp.path())
        .arg(&dir)
        .arg("--strict")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("1 article, 1 fact"));
}

// ---------------------------------------------------------------------------
// 10. Rules folders
// ---------------------------------------------------------------------------

#[test]
fn metrics_syntax_error_is_located() {
    with_rules(
        "metrics.toml",
        "[[metric]]\nid = \"revenue\"\nclass = = \"money\"\nkeywords = [\"营收\"]\n",
        &[],
    )
    .code(2)
    .stdout(predicate::str::is_empty())
    .stderr(predicate::str::contains("metrics.toml:3:"));
}

#[test]
fn checks_unknown_field_is_named() {
    with_rules("checks.toml", "[intervals]\nprecision_cap = 0.05\nabout = 0.05\nnear = 0.10\n\n[checks.conflicting-figure]\nseverty = \"error\"\n", &[])
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("checks.toml:7:"))
        .stderr(predicate::str::contains("severty"));
}

#[test]
fn checks_unknown_check_id_is_rejected() {
    with_rules("checks.toml", "[intervals]\nprecision_cap = 0.05\nabout = 0.05\nnear = 0.10\n\n[checks.no-such-check]\nseverity = \"error\"\n", &[])
        .code(2)
        .stderr(predicate::str::contains("checks.toml"))
        .stderr(predicate::str::contains("no-such-check"));
}

#[test]
fn a_single_overriding_file_lowers_the_severity() {
    with_rules("checks.toml", CHECKS_AS_WARNING, &[])
        .code(0)
        .stdout(predicate::str::contains("conflicting-figure"))
        .stdout(predicate::str::contains("warning"))
        .stdout(predicate::str::contains(
            "2 articles, 3 facts: 0 errors, 1 warning,",
        ));
    with_rules("checks.toml", CHECKS_AS_WARNING, &["--fail-on", "warning"]).code(1);
    let out = with_rules("checks.toml", CHECKS_AS_WARNING, &["--format", "json"]).code(0);
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc["findings"][0]["severity"], "warning");
    assert_eq!(doc["summary"]["warnings"], 1);
    assert_eq!(doc["summary"]["errors"], 0);
}

#[test]
fn a_minimal_checks_override_needs_only_the_changed_setting() {
    with_rules(
        "checks.toml",
        "[checks.conflicting-figure]\nseverity = \"warning\"\n",
        &[],
    )
    .code(0)
    .stdout(predicate::str::contains("0 errors, 1 warning"));
}

#[test]
fn disabled_check_reports_nothing() {
    let (tmp, dir) = conflicting();
    let rules = tmp.path().join("myrules");
    write(
        &rules,
        "checks.toml",
        CHECKS_AS_WARNING.replace("enabled = true", "enabled = false"),
    );
    factcheck(tmp.path())
        .arg("--rules")
        .arg(&rules)
        .arg(&dir)
        .args(["--fail-on", "warning"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("conflicting-figure").not())
        .stdout(predicate::str::contains("0 errors, 0 warnings,"));
}

#[test]
fn rules_folder_in_the_working_directory_is_used_by_default() {
    let (tmp, dir) = conflicting();
    write(&tmp.path().join("rules"), "checks.toml", CHECKS_AS_WARNING);
    factcheck(tmp.path())
        .arg(&dir)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors, 1 warning"));
}

#[test]
fn missing_rules_folder_exits_2() {
    let (tmp, dir) = conflicting();
    factcheck(tmp.path())
        .args(["--rules", "/nonexistent"])
        .arg(&dir)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("/nonexistent"));
}

// ---------------------------------------------------------------------------
// 11-12. --list-rules, --explain, usage
// ---------------------------------------------------------------------------

#[test]
fn list_rules_shows_each_check_with_its_severity() {
    let tmp = TempDir::new().unwrap();
    factcheck(tmp.path())
        .arg("--list-rules")
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(r"(?m)^conflicting-figure\s+error\s+\S").unwrap());
}

#[test]
fn explain_prints_the_check_documentation() {
    let tmp = TempDir::new().unwrap();
    factcheck(tmp.path())
        .args(["--explain", "conflicting-figure"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("conflicting-figure"))
        .stdout(predicate::str::contains("interval"));
}

/// Every check the issue asks for, with its default severity.
const CATALOGUE: [(&str, &str); 11] = [
    ("conflicting-figure", "error"),
    ("magnitude-slip", "error"),
    ("conversion-mismatch", "warning"),
    ("growth-mismatch", "error"),
    ("ratio-mismatch", "error"),
    ("share-sum", "error"),
    ("total-vs-parts", "error"),
    ("implied-level", "warning"),
    ("age-consistency", "warning"),
    ("undated-article", "info"),
    ("unused-suppression", "info"),
];

#[test]
fn list_rules_shows_the_whole_catalogue() {
    let tmp = TempDir::new().unwrap();
    let out = stdout_of(factcheck(tmp.path()).arg("--list-rules"));
    for (id, severity) in CATALOGUE {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id} missing from:\n{out}"));
        assert_eq!(line.split_whitespace().nth(1), Some(severity), "{line}");
    }
    assert_eq!(out.lines().count(), CATALOGUE.len(), "{out}");
}

#[test]
fn explain_documents_every_check_with_examples_and_settings() {
    let tmp = TempDir::new().unwrap();
    for (id, _) in CATALOGUE {
        let out = stdout_of(factcheck(tmp.path()).args(["--explain", id]));
        assert!(
            out.starts_with(&format!("# {id} (default severity:")),
            "{id}:\n{out}"
        );
        for section in [
            "## Example that fires",
            "## Example that does not",
            "## Configure",
        ] {
            assert!(out.contains(section), "{id} lacks {section}:\n{out}");
        }
        assert!(
            out.contains(&format!("[checks.{id}]")),
            "{id}: no settings example"
        );
    }
}

#[test]
fn a_setting_a_check_does_not_take_is_an_error_with_its_line() {
    with_rules(
        "checks.toml",
        "[checks.share-sum]\nseverity = \"warning\"\n\n[checks.age-consistency]\nmax_ratio = 3.0\n",
        &[],
    )
    .code(2)
    .stderr(predicate::str::contains("checks.toml:4:"))
    .stderr(predicate::str::contains(
        "`max_ratio` is not a setting of this check",
    ));
}

#[test]
fn an_out_of_range_tolerance_is_an_error() {
    with_rules(
        "checks.toml",
        "[checks.growth-mismatch]\ntolerance = 5\n",
        &[],
    )
    .code(2)
    .stderr(predicate::str::contains("tolerance = 5 is outside 0 to 1"));
}

#[test]
fn a_check_can_be_switched_off_or_made_an_error() {
    // undated-article is info by default; made an error it fails the run.
    with_rules("checks.toml", "[checks.undated-article]\nseverity = \"error\"\n\n[checks.conflicting-figure]\nenabled = false\n", &[])
        .code(1)
        .stdout(predicate::str::contains("undated-article"))
        .stdout(predicate::str::contains("conflicting-figure").not());
}

#[test]
fn explain_unknown_check_exits_2() {
    let tmp = TempDir::new().unwrap();
    factcheck(tmp.path())
        .args(["--explain", "nope"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("nope"));
}

#[test]
fn no_arguments_is_a_usage_error() {
    let tmp = TempDir::new().unwrap();
    factcheck(tmp.path())
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("Usage"));
}
