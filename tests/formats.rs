//! The machine formats of `factcheck --format`: sarif, github, jsonl, csv
//! (json is covered by tests/cli.rs). Each runs the binary on small
//! articles in a fresh temporary folder, from that folder, so paths are
//! short and relative and the repository's `./rules` never leaks in.
//!
//! SARIF is validated against the OASIS SARIF 2.1.0 schema kept in
//! fixtures/sarif/ (see its README).

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use factcheck::checks::CHECKS;
use factcheck::report::{escape_data, escape_property};

/// A dated article giving 星河电子's 2024 revenue...
const XINGHE_A: &str = "星河电子年报速览\n\n2025-03-01 10:00\n\n星河电子(688999.SH)发布年度报告，2024年营收120.5亿元，同比增长12%。\n";
/// ...and an undated one giving another: one conflicting-figure error and
/// one undated-article note.
const XINGHE_B: &str = "星河电子(688999.SH)公告称，公司2024年营收98.2亿元。\n";
/// A dated article; two copies agree: no finding.
const YUEGUANG: &str =
    "月光科技快讯\n\n2025-03-01 10:00\n\n月光科技(300999.SZ)表示，2024年营收1.5万亿元。\n";

/// A temporary folder holding `news/` with these files.
fn news(files: &[(&str, &str)]) -> TempDir {
    let tmp = TempDir::new().unwrap();
    for (name, text) in files {
        let path = tmp.path().join("news").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    tmp
}

fn conflicting() -> TempDir {
    news(&[("xinghe_a.txt", XINGHE_A), ("xinghe_b.txt", XINGHE_B)])
}

/// `factcheck --format FORMAT ARGS...` run in `cwd`: (exit code, stdout, stderr).
fn run(cwd: &Path, format: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("factcheck")
        .unwrap()
        .current_dir(cwd)
        .args(["--format", format])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn json_doc(cwd: &Path, args: &[&str]) -> Value {
    parse(&run(cwd, "json", args).1)
}

fn sarif_doc(cwd: &Path, args: &[&str]) -> Value {
    parse(&run(cwd, "sarif", args).1)
}

fn fact<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no fact {id}"))
}

fn finding<'a>(doc: &'a Value, rule: &str) -> &'a Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {doc:#}"))
}

fn results(sarif: &Value) -> &Vec<Value> {
    sarif["runs"][0]["results"].as_array().unwrap()
}

fn result<'a>(sarif: &'a Value, rule: &str) -> &'a Value {
    results(sarif)
        .iter()
        .find(|r| r["ruleId"] == rule)
        .unwrap_or_else(|| panic!("no {rule} result"))
}

// ---------------------------------------------------------------------------
// SARIF
// ---------------------------------------------------------------------------

/// The OASIS schema is draft-04; formats (`uri`) are checked too.
fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sarif/sarif-schema-2.1.0.json");
    let schema = parse(&fs::read_to_string(path).unwrap());
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(doc: &Value) {
    let errors: Vec<String> = sarif_validator()
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_schema_rejects_what_it_should() {
    // Guards the test above: a validator that accepts anything proves nothing.
    let tmp = conflicting();
    let doc = sarif_doc(tmp.path(), &["news"]);
    let validator = sarif_validator();
    assert!(validator.is_valid(&doc));
    let mut bad = doc.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad));
    // Formats are checked: `$schema` must be a URI.
    let mut bad = doc.clone();
    bad["$schema"] = "sarif 2.1.0".into();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn sarif_is_valid_with_findings_without_and_with_unreadable_files() {
    let tmp = conflicting();
    let (code, stdout, _) = run(tmp.path(), "sarif", &["news"]);
    assert_eq!(code, 1, "an error finding still exits 1");
    let doc = parse(&stdout);
    assert_valid_sarif(&doc);
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(doc["runs"].as_array().unwrap().len(), 1);
    assert_eq!(results(&doc).len(), 2);
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );

    let clean = news(&[("a.txt", YUEGUANG), ("b.txt", YUEGUANG)]);
    let (code, stdout, _) = run(clean.path(), "sarif", &["news"]);
    assert_eq!(code, 0);
    let doc = parse(&stdout);
    assert_valid_sarif(&doc);
    assert!(results(&doc).is_empty());

    let (code, stdout, stderr) = run(tmp.path(), "sarif", &["news", "missing.txt"]);
    assert_eq!(code, 2, "an unreadable file still exits 2");
    assert!(stderr.contains("missing.txt"), "{stderr}");
    let doc = parse(&stdout);
    assert_valid_sarif(&doc);
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("missing.txt")
    );
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "missing.txt"
    );
}

#[test]
fn sarif_rules_are_every_check_with_its_explain_text() {
    let tmp = conflicting();
    let doc = sarif_doc(tmp.path(), &["news"]);
    let driver = &doc["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "factcheck");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), CHECKS.len());
    for (rule, check) in rules.iter().zip(CHECKS) {
        assert_eq!(rule["id"], check.id);
        assert_eq!(rule["shortDescription"]["text"], check.summary);
        assert_eq!(rule["help"]["text"], check.explain);
        assert_eq!(rule["help"]["markdown"], check.explain);
        assert!(
            !rule["fullDescription"]["text"]
                .as_str()
                .unwrap()
                .starts_with('#')
        );
        let level = match check.severity.as_str() {
            "info" => "note",
            s => s,
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
    }
    for r in results(&doc) {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
}

#[test]
fn sarif_results_point_at_the_figures() {
    let tmp = conflicting();
    let json = json_doc(tmp.path(), &["news"]);
    let doc = sarif_doc(tmp.path(), &["news"]);

    let conflict = finding(&json, "conflicting-figure");
    let ids: Vec<&str> = conflict["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    let (first, second) = (fact(&json, ids[0]), fact(&json, ids[1]));
    let r = result(&doc, "conflicting-figure");
    assert_eq!(r["level"], "error");
    assert_eq!(r["message"]["text"], conflict["message"]);

    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "news/xinghe_a.txt");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let region = &loc["region"];
    assert_eq!(region["startLine"], first["line"]);
    assert_eq!(region["startColumn"], first["column"]);
    assert_eq!(region["endLine"], first["line"]);
    let chars = first["text"].as_str().unwrap().chars().count() as u64;
    assert_eq!(
        region["endColumn"].as_u64(),
        Some(first["column"].as_u64().unwrap() + chars)
    );
    assert_eq!(region["snippet"]["text"], "120.5亿元");
    // The region is where the figure is in the file, counted in characters.
    let line = XINGHE_A
        .lines()
        .nth(region["startLine"].as_u64().unwrap() as usize - 1)
        .unwrap();
    let from = region["startColumn"].as_u64().unwrap() as usize - 1;
    let to = region["endColumn"].as_u64().unwrap() as usize - 1;
    let span: String = line.chars().skip(from).take(to - from).collect();
    assert_eq!(span, "120.5亿元");

    let related = r["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["id"], 1);
    assert_eq!(related[0]["message"]["text"], second["text"]);
    let loc = &related[0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "news/xinghe_b.txt");
    assert_eq!(loc["region"]["startLine"], second["line"]);
    assert_eq!(loc["region"]["startColumn"], second["column"]);

    // A finding with no figure points at its `at`: the undated article's date line.
    let undated = finding(&json, "undated-article");
    let r = result(&doc, "undated-article");
    assert_eq!(r["level"], "note");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "news/xinghe_b.txt");
    assert_eq!(loc["region"]["startLine"], undated["at"]["line"]);
    assert!(loc["region"].get("endColumn").is_none());
    assert_eq!(doc["runs"][0]["columnKind"], "unicodeCodePoints");
}

#[test]
fn sarif_fingerprints_are_the_findings_own() {
    let tmp = conflicting();
    let json = json_doc(tmp.path(), &["news"]);
    let doc = sarif_doc(tmp.path(), &["news"]);
    let from_json: Vec<&Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["fingerprint"])
        .collect();
    let from_sarif: Vec<&Value> = results(&doc)
        .iter()
        .map(|r| &r["partialFingerprints"]["factcheck/v1"])
        .collect();
    assert_eq!(from_json, from_sarif);
    for fp in from_sarif {
        let fp = fp.as_str().unwrap();
        assert_eq!(fp.len(), 16);
        assert!(fp.chars().all(|c| c.is_ascii_hexdigit()), "{fp}");
    }
    // GitHub's own line hash is not faked.
    assert!(
        results(&doc)[0]["partialFingerprints"]
            .get("primaryLocationLineHash")
            .is_none()
    );
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let tmp = news(&[("a 星河.txt", XINGHE_A), ("b.txt", XINGHE_B)]);
    let doc = sarif_doc(tmp.path(), &["news"]);
    assert_valid_sarif(&doc);
    let uri = &result(&doc, "conflicting-figure")["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "news/a%20%E6%98%9F%E6%B2%B3.txt");
}

// ---------------------------------------------------------------------------
// GitHub annotations
// ---------------------------------------------------------------------------

#[test]
fn github_escaping() {
    assert_eq!(escape_data("up 50%\r\nnext"), "up 50%25%0D%0Anext");
    assert_eq!(escape_data("a: b, c"), "a: b, c");
    assert_eq!(escape_property("a: b, c%"), "a%3A b%2C c%25");
    assert_eq!(escape_property("x\ny"), "x%0Ay");
}

#[test]
fn github_prints_one_annotation_per_finding() {
    let tmp = conflicting();
    let json = json_doc(tmp.path(), &["news"]);
    let (code, stdout, _) = run(tmp.path(), "github", &["news"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        json["findings"].as_array().unwrap().len(),
        "{stdout}"
    );

    let conflict = finding(&json, "conflicting-figure");
    let first = fact(&json, conflict["facts"][0].as_str().unwrap());
    let second = fact(&json, conflict["facts"][1].as_str().unwrap());
    let (col, line) = (
        first["column"].as_u64().unwrap(),
        first["line"].as_u64().unwrap(),
    );
    let end = col + first["text"].as_str().unwrap().chars().count() as u64;
    let expected = format!(
        "::error file=news/xinghe_a.txt,line={line},col={col},endColumn={end},title=conflicting-figure::{} (also news/xinghe_b.txt:{})",
        escape_data(conflict["message"].as_str().unwrap()),
        second["line"]
    );
    assert!(
        lines.contains(&expected.as_str()),
        "no line\n{expected}\nin\n{stdout}"
    );

    let undated = finding(&json, "undated-article");
    let notice = lines
        .iter()
        .find(|l| l.starts_with("::notice "))
        .expect("a notice line");
    assert!(
        notice.starts_with(&format!(
            "::notice file=news/xinghe_b.txt,line={},col=1,title=undated-article::",
            undated["at"]["line"]
        )),
        "{notice}"
    );
    for l in &lines {
        assert!(
            l.starts_with("::error file=")
                || l.starts_with("::warning file=")
                || l.starts_with("::notice file="),
            "{l}"
        );
    }
}

#[test]
fn github_escapes_paths_and_messages() {
    // A comma in a file name would end the property.
    let tmp = news(&[("a,1.txt", XINGHE_A), ("b.txt", XINGHE_B)]);
    let (_, stdout, _) = run(tmp.path(), "github", &["news"]);
    let error = stdout.lines().find(|l| l.starts_with("::error ")).unwrap();
    assert!(
        error.starts_with("::error file=news/a%2C1.txt,line="),
        "{error}"
    );
    assert!(error.contains(" (also news/b.txt:1)"), "{error}");
}

// ---------------------------------------------------------------------------
// JSON Lines
// ---------------------------------------------------------------------------

#[test]
fn jsonl_is_one_typed_object_per_line() {
    let tmp = conflicting();
    let json = json_doc(tmp.path(), &["news", "missing.txt"]);
    let (code, stdout, _) = run(tmp.path(), "jsonl", &["news", "missing.txt"]);
    assert_eq!(code, 2);
    let lines: Vec<Value> = stdout.lines().map(parse).collect();
    let of = |t: &str| -> Vec<Value> {
        lines
            .iter()
            .filter(|l| l["type"] == t)
            .map(|l| {
                let mut l = l.clone();
                l.as_object_mut().unwrap().remove("type");
                l
            })
            .collect()
    };
    assert_eq!(Value::from(of("article")), json["articles"]);
    assert_eq!(Value::from(of("fact")), json["facts"]);
    assert_eq!(Value::from(of("finding")), json["findings"]);
    let errors: Vec<Value> = of("input_error")
        .iter()
        .map(|e| e["message"].clone())
        .collect();
    assert_eq!(Value::from(errors), json["input_errors"]);
    let types: HashSet<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        HashSet::from(["article", "fact", "finding", "input_error", "summary"])
    );
    // The summary comes last, with the JSON's counts.
    let last = lines.last().unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(of("summary"), vec![json["summary"].clone()]);
    assert_eq!(stdout.lines().count(), lines.len());
    assert!(stdout.ends_with('\n'));
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

#[test]
fn csv_has_a_row_per_fact() {
    let tmp = conflicting();
    let json = json_doc(tmp.path(), &["news"]);
    let (code, stdout, _) = run(tmp.path(), "csv", &["news"]);
    assert_eq!(code, 1);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header.join(","),
        "path,line,column,text,kind,value,low,high,approx,unit,entity_id,entity,metric,\
         period_start,period_end,qualifier,segment,basis,as_of_start,as_of_end,converts,id"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let facts = json["facts"].as_array().unwrap();
    assert_eq!(rows.len(), facts.len());
    assert!(rows.len() >= 3);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, f) in rows.iter().zip(facts) {
        assert_eq!(row[col("id")], f["id"]);
        assert_eq!(row[col("path")], f["path"]);
        assert_eq!(row[col("line")], f["line"].to_string());
        assert_eq!(row[col("text")], f["text"]);
        assert_eq!(row[col("value")], f["value"]);
        assert_eq!(row[col("kind")], f["kind"]);
        assert_eq!(row[col("unit")], f["unit"]);
        assert_eq!(row[col("qualifier")], f["qualifier"]);
        assert_eq!(
            &row[col("entity")],
            f["entity"]["name"].as_str().unwrap_or("")
        );
        assert_eq!(
            &row[col("period_start")],
            f["period"]["start"].as_str().unwrap_or("")
        );
    }
    // 120.5亿元 is written out in full, never with an exponent.
    let revenue = rows
        .iter()
        .find(|r| &r[col("text")] == "120.5亿元")
        .unwrap();
    assert_eq!(&revenue[col("value")], "12050000000");
    assert_eq!(&revenue[col("entity")], "星河电子");
    assert_eq!(&revenue[col("period_end")], "2024-12-31");
}

#[test]
fn sarif_of_the_seeds_is_valid() {
    // Real articles: findings across files, with up to five figures each.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = json_doc(repo, &["seeds"]);
    let doc = sarif_doc(repo, &["seeds"]);
    assert_valid_sarif(&doc);
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(results(&doc).len(), findings.len());
    for (r, f) in results(&doc).iter().zip(findings) {
        let figures = f["facts"].as_array().unwrap().len();
        let related = r["relatedLocations"].as_array().map_or(0, Vec::len);
        assert_eq!(related, figures.saturating_sub(1), "{r:#}");
    }
}
