//! `factcheck extract` and `factcheck check`: two stages whose findings equal
//! one run's, whether the archive is extracted at once or in shards.

mod common;
use common::{factcheck, write};

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// An archive of three folders (the seeds and both held-out sets), copied so
/// the repository's ./rules cannot leak in.
fn archive() -> TempDir {
    let dir = TempDir::new().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (from, to) in [
        ("seeds", "news/seeds"),
        ("fixtures/holdout", "news/holdout"),
        ("fixtures/holdout2", "news/holdout2"),
    ] {
        for e in fs::read_dir(root.join(from)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                let name = format!("{to}/{}", p.file_name().unwrap().to_string_lossy());
                write(dir.path(), &name, fs::read(&p).unwrap());
            }
        }
    }
    dir
}

fn json(cwd: &Path, args: &[&str]) -> Value {
    let out = factcheck(cwd).args(args).output().unwrap();
    assert!(
        out.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `factcheck extract PATHS --out OUT`, which must succeed.
fn extract(cwd: &Path, paths: &[&str], out: &str) {
    factcheck(cwd)
        .arg("extract")
        .args(paths)
        .args(["--out", out])
        .assert()
        .success();
}

/// `factcheck check FILES`, which must fail as a usage error saying `why`.
fn check_refuses(cwd: &Path, files: &[&str], why: &str) {
    factcheck(cwd)
        .arg("check")
        .args(files)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(why));
}

/// What must agree between a run and a check of its facts: everything but
/// the stage-specific counts.
fn comparable(v: &Value) -> (Value, Value, Value, Value) {
    (
        v["articles"].clone(),
        v["facts"].clone(),
        v["findings"].clone(),
        v["summary"].clone(),
    )
}

#[test]
fn shards_extracted_apart_and_checked_together_equal_one_run() {
    let dir = archive();
    let cwd = dir.path();
    let whole = json(cwd, &["news", "--format", "json"]);
    assert!(!whole["findings"].as_array().unwrap().is_empty());
    extract(cwd, &["news/holdout2", "news/seeds"], "a.jsonl");
    extract(cwd, &["news/holdout"], "b.jsonl");
    // Given in either order, the shards check to the single run's output.
    for order in [["a.jsonl", "b.jsonl"], ["b.jsonl", "a.jsonl"]] {
        let checked = json(cwd, &["check", order[0], order[1], "--format", "json"]);
        assert_eq!(comparable(&checked), comparable(&whole));
    }
}

#[test]
fn one_facts_file_checks_to_the_same_exit_code_and_table() {
    let dir = archive();
    let cwd = dir.path();
    let run = factcheck(cwd).args(["news"]).output().unwrap();
    extract(cwd, &["news"], "all.jsonl");
    let check = factcheck(cwd)
        .args(["check", "all.jsonl"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), check.status.code());
    assert_eq!(run.stdout, check.stdout);
}

#[test]
fn extract_needs_out() {
    let dir = archive();
    factcheck(dir.path())
        .args(["extract", "news"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs --out FILE"));
}

#[test]
fn a_facts_file_of_other_rules_is_refused() {
    let dir = archive();
    let cwd = dir.path();
    extract(cwd, &["news/seeds"], "f.jsonl");
    let text = fs::read_to_string(cwd.join("f.jsonl")).unwrap();
    let (header, rest) = text.split_once('\n').unwrap();
    let mut h: Value = serde_json::from_str(header).unwrap();
    h["rules"] = Value::from("0000000000000000");
    fs::write(cwd.join("f.jsonl"), format!("{h}\n{rest}")).unwrap();
    check_refuses(cwd, &["f.jsonl"], "f.jsonl:1: extracted with other rules");
}

#[test]
fn an_article_in_two_shards_is_an_error() {
    let dir = archive();
    let cwd = dir.path();
    for out in ["a.jsonl", "b.jsonl"] {
        extract(cwd, &["news/seeds"], out);
    }
    factcheck(cwd)
        .args(["check", "a.jsonl", "b.jsonl"])
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains("b.jsonl:2:")
                .and(predicates::str::contains("is in more than one facts file")),
        );
}

#[test]
fn a_damaged_line_names_file_and_line() {
    let dir = archive();
    let cwd = dir.path();
    extract(cwd, &["news/seeds"], "f.jsonl");
    let mut text = fs::read_to_string(cwd.join("f.jsonl")).unwrap();
    // Cut mid-line, on a character boundary (the facts quote Chinese text).
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    text.truncate(half);
    fs::write(cwd.join("f.jsonl"), &text).unwrap();
    let line = text.lines().count();
    let why = format!("f.jsonl:{line}: not a factcheck facts line");
    check_refuses(cwd, &["f.jsonl"], &why);
    // Not a facts file at all.
    write(cwd, "notes.jsonl", "{\"hello\": 1}\n");
    check_refuses(cwd, &["notes.jsonl"], "notes.jsonl:1:");
}

#[test]
fn an_archive_of_several_batches_streams_to_the_same_facts_in_order() {
    let dir = TempDir::new().unwrap();
    let cwd = dir.path();
    let n = factcheck::run::BATCH + 5;
    for i in 0..n {
        let text = format!("2024-03-01\n\n某某公司2024年营业收入为{}亿元。\n", i + 1);
        write(cwd, &format!("news/{i:05}.txt"), text);
    }
    // One unreadable file in the second batch: reported after every article.
    write(cwd, "news/01026b.txt", [0xff_u8, 0xfe, 0x00, 0xd8]);
    let whole = json(cwd, &["news", "--format", "json"]);
    extract(cwd, &["news"], "all.jsonl");
    let checked = json(cwd, &["check", "all.jsonl", "--format", "json"]);
    assert_eq!(whole["articles"].as_array().unwrap().len(), n);
    assert_eq!(comparable(&checked), comparable(&whole));
    let text = fs::read_to_string(cwd.join("all.jsonl")).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), n + 2, "header, every article, one input error");
    assert_eq!(lines[n + 1]["type"], "input_error");
    // Articles in the walk's (name) order, each with its own figure.
    for (i, l) in lines[1..=n].iter().enumerate() {
        assert_eq!(l["summary"]["path"], format!("news/{i:05}.txt"));
        assert_eq!(l["facts"][0]["value"], format!("{}00000000", i + 1));
    }
}
