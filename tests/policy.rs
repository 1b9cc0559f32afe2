//! The CI-lint policy, end to end: suppression comments, baselines, focus
//! (paths and git), the project file and the cache.
//!
//! Each test writes made-up articles into a fresh temporary folder and runs
//! the binary there, so the repository's own files never leak in.

mod common;
use common::{factcheck, write};

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// Two outlets give 星河电子's 2024 revenue as 120.5亿 and 98.2亿: one
/// conflicting-figure error across files.
const OUTLET_A: &str = "星河电子年报速览\n\n2025-03-01 10:00\n\n星河电子(688999.SH)发布年度报告，2024年营收120.5亿元，同比增长12%。\n";
const OUTLET_B: &str =
    "星河电子再获订单\n\n2025-03-02 09:00\n\n星河电子(688999.SH)公告称，公司2024年营收98.2亿元。\n";
/// A third article, consistent with the first.
const OUTLET_C: &str = "星河电子业绩会\n\n2025-03-05 16:00\n\n星河电子(688999.SH)在业绩会上表示，2024年营收120.5亿元。\n";
/// An unrelated company whose two figures conflict within one article.
const OTHER: &str = "云杉股份公告\n\n2025-03-04 08:00\n\n云杉股份(603999.SH)表示，2024年净利润为8.2亿元。\n\n云杉股份(603999.SH)另据年报，2024年净利润为6.1亿元。\n";

/// The JSON report of a run, with its exit code.
fn json(cwd: &Path, args: &[&str]) -> (Value, i32) {
    let out = factcheck(cwd)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (v, out.status.code().unwrap())
}

fn rules_of(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn archive() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "news/a.txt", OUTLET_A);
    write(dir.path(), "news/b.txt", OUTLET_B);
    write(dir.path(), "news/c.txt", OUTLET_C);
    write(dir.path(), "news/other.txt", OTHER);
    dir
}

#[test]
fn the_archive_has_two_conflicts() {
    let dir = archive();
    let (v, code) = json(dir.path(), &["news"]);
    assert_eq!(rules_of(&v), ["conflicting-figure", "conflicting-figure"]);
    assert_eq!(code, 1);
}

// --- suppressions ----------------------------------------------------------

#[test]
fn a_suppression_comment_silences_its_finding_and_says_so() {
    let dir = archive();
    let b = OUTLET_B.replace(
        "星河电子(688999.SH)公告称",
        "<!-- factcheck-ignore conflicting-figure: reviewed, B reports a restated figure -->\n星河电子(688999.SH)公告称",
    );
    write(dir.path(), "news/b.txt", b);
    let out = factcheck(dir.path())
        .args(["--format", "json", "news"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rules_of(&v), ["conflicting-figure"], "only 云杉 is left");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 finding silenced"));
}

#[test]
fn a_suppression_that_silences_nothing_is_reported_as_info() {
    let dir = archive();
    // A fourth company, whose one figure conflicts with nothing.
    write(
        dir.path(),
        "news/d.txt",
        "远帆物流快讯\n\n2025-03-07 11:00\n\n<!-- factcheck-ignore -->\n远帆物流(002999.SZ)2024年营收为45亿元。\n",
    );
    let (v, _) = json(dir.path(), &["news"]);
    let unused: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unused-suppression")
        .collect();
    assert_eq!(unused.len(), 1);
    assert_eq!(unused[0]["severity"], "info");
    assert_eq!(unused[0]["at"]["line"], 5);
    assert!(unused[0]["at"]["path"].as_str().unwrap().ends_with("d.txt"));
}

// --- baselines -------------------------------------------------------------

#[test]
fn a_baseline_hides_known_findings_and_survives_unrelated_edits() {
    let dir = archive();
    factcheck(dir.path())
        .args(["news", "--write-baseline", "baseline.json"])
        .assert()
        .code(1);
    let (v, code) = json(dir.path(), &["news", "--baseline", "baseline.json"]);
    assert_eq!(rules_of(&v), Vec::<String>::new());
    assert_eq!(code, 0, "nothing new: CI passes");

    // A paragraph added above the figures moves every line: still known.
    let moved = OUTLET_B.replace(
        "2025-03-02 09:00\n",
        "2025-03-02 09:00\n\n记者从公司获悉，新厂房已于上月投产。\n",
    );
    write(dir.path(), "news/b.txt", moved);
    let (v, code) = json(dir.path(), &["news", "--baseline", "baseline.json"]);
    assert_eq!((rules_of(&v).len(), code), (0, 0));

    // A new conflicting article is reported.
    write(
        dir.path(),
        "news/d.txt",
        "星河电子速报\n\n2025-03-06 10:00\n\n星河电子(688999.SH)2024年营收为150亿元。\n",
    );
    let (v, code) = json(dir.path(), &["news", "--baseline", "baseline.json"]);
    assert_eq!(rules_of(&v), ["conflicting-figure"]);
    assert_eq!(code, 1);
}

#[test]
fn a_broken_baseline_is_an_error_with_its_path() {
    let dir = archive();
    write(
        dir.path(),
        "baseline.json",
        "{\"schema\": \"factcheck-baseline/v1\", \"findings\": [",
    );
    factcheck(dir.path())
        .args(["news", "--baseline", "baseline.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("baseline.json:1:"));
}

// --- focus -----------------------------------------------------------------

#[test]
fn focus_reports_only_findings_involving_the_focused_files() {
    let dir = archive();
    // b.txt conflicts with a.txt and c.txt, which are not focused.
    let (v, code) = json(dir.path(), &["news", "--focus", "news/b.txt"]);
    assert_eq!(rules_of(&v), ["conflicting-figure"]);
    let f = &v["findings"][0];
    let paths: Vec<&str> = f["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    assert!(paths.iter().any(|p| p.contains("b.txt")), "{paths:?}");
    assert_eq!(code, 1);
    // c.txt agrees with a.txt: nothing to say about it.
    let (v, code) = json(dir.path(), &["news", "--focus", "news/c.txt"]);
    assert_eq!(
        (rules_of(&v).len(), code),
        (1, 1),
        "c.txt is in the 120.5 vs 98.2 group"
    );
    let (v, code) = json(
        dir.path(),
        &["news", "--focus", "news/other.txt", "news/c.txt"],
    );
    assert_eq!((rules_of(&v).len(), code), (2, 1));
}

#[test]
fn focus_on_a_missing_path_is_an_error() {
    let dir = archive();
    factcheck(dir.path())
        .args(["news", "--focus", "news/nope.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.txt"));
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn changed_since_focuses_on_what_git_says_changed() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("git is not installed; skipped");
        return;
    }
    let dir = TempDir::new().unwrap();
    write(dir.path(), "news/a.txt", OUTLET_A);
    write(dir.path(), "news/other.txt", OTHER);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "archive"]);
    // Only the old in-article conflict: nothing changed since HEAD.
    let (v, code) = json(dir.path(), &["news", "--changed-since", "HEAD"]);
    assert_eq!((rules_of(&v).len(), code), (0, 0));
    // A new untracked article conflicting with the archive is reported.
    write(dir.path(), "news/b.txt", OUTLET_B);
    let (v, code) = json(dir.path(), &["news", "--changed-since", "HEAD"]);
    assert_eq!(rules_of(&v), ["conflicting-figure"]);
    assert_eq!(code, 1);
    factcheck(dir.path())
        .args(["news", "--changed-since", "no-such-rev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-rev"));
}

// --- project file ----------------------------------------------------------

#[test]
fn the_project_file_is_found_above_and_sets_checks_and_overrides() {
    let dir = archive();
    write(
        dir.path(),
        "factcheck.toml",
        "fail_on = \"never\"\n\n[checks.conflicting-figure]\nseverity = \"warning\"\n\n[[overrides]]\npaths = [\"**/other.txt\"]\nchecks.conflicting-figure = { enabled = false }\n",
    );
    let sub = dir.path().join("news");
    let (v, code) = json(&sub, &["."]);
    assert_eq!(
        rules_of(&v),
        ["conflicting-figure"],
        "other.txt is overridden"
    );
    assert_eq!(v["findings"][0]["severity"], "warning");
    assert_eq!(code, 0, "fail_on = never");
    // A flag wins over the file; --no-config ignores it.
    let (_, code) = json(&sub, &[".", "--fail-on", "warning"]);
    assert_eq!(code, 1);
    let (v, _) = json(&sub, &[".", "--no-config"]);
    assert_eq!(rules_of(&v).len(), 2);
    assert_eq!(v["findings"][0]["severity"], "error");
}

#[test]
fn a_bad_project_file_names_the_file_and_line() {
    let dir = archive();
    write(
        dir.path(),
        "factcheck.toml",
        "fail_on = \"error\"\n[checks.conflicting-figur]\nseverity = \"warning\"\n",
    );
    factcheck(dir.path()).arg("news").assert().code(2).stderr(
        predicate::str::contains("factcheck.toml:2:")
            .and(predicate::str::contains("no such check")),
    );
    write(
        dir.path(),
        "factcheck.toml",
        "[[overrides]]\npaths = [\"a/**\"]\nchecks.conflicting-figure = { tolerance = 0.1 }\n",
    );
    factcheck(dir.path())
        .arg("news")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only `enabled` and `severity`"));
}

// --- cache -----------------------------------------------------------------

fn cache_line(cwd: &Path, args: &[&str]) -> String {
    let out = factcheck(cwd).args(args).output().unwrap();
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .find(|l| l.contains("cache:"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_cache_is_reused_and_invalidated_by_a_file_or_rules_change() {
    let dir = archive();
    let run = ["news", "--cache", "facts.db"];
    assert!(cache_line(dir.path(), &run).contains("0 files reused, 4 extracted"));
    assert!(cache_line(dir.path(), &run).contains("4 files reused, 0 extracted"));
    // Same findings from the cache as without it.
    let (cached, _) = json(dir.path(), &run);
    let (fresh, _) = json(dir.path(), &["news"]);
    assert_eq!(cached["findings"], fresh["findings"]);
    assert_eq!(cached["facts"], fresh["facts"]);
    // One file edited: only it is extracted again.
    write(
        dir.path(),
        "news/c.txt",
        OUTLET_C.replace("120.5亿元", "120.6亿元"),
    );
    assert!(cache_line(dir.path(), &run).contains("3 files reused, 1 extracted"));
    // A rules change: everything is extracted again.
    let rules = dir.path().join("rules");
    fs::create_dir_all(&rules).unwrap();
    fs::write(
        rules.join("units.toml"),
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/units.toml")).unwrap()
            + "\n# a comment changes the rules version\n",
    )
    .unwrap();
    let with_rules = ["news", "--cache", "facts.db", "--rules", "rules"];
    assert!(cache_line(dir.path(), &with_rules).contains("0 files reused, 4 extracted"));
    assert!(cache_line(dir.path(), &with_rules).contains("4 files reused, 0 extracted"));
}

/// Sets every file under `dir` a minute into the past, as an archive's files
/// are: a file modified within seconds of a cached run is hashed anyway.
fn age_files(dir: &Path) {
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        fs::File::options()
            .append(true)
            .open(&p)
            .unwrap()
            .set_modified(past)
            .unwrap();
    }
}

fn output(cwd: &Path, args: &[&str]) -> (Vec<u8>, Option<i32>, String) {
    let out = factcheck(cwd).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    (out.stdout, out.status.code(), stderr)
}

#[test]
fn an_unchanged_rerun_reuses_the_last_run_and_says_so() {
    let dir = archive();
    age_files(&dir.path().join("news"));
    for format in ["table", "sarif", "github"] {
        let cold = output(dir.path(), &["news", "--format", format]);
        let run = ["news", "--cache", "facts.db", "--format", format];
        let first = output(dir.path(), &run);
        let second = output(dir.path(), &run);
        assert!(
            first.2.contains("0 files reused, 4 extracted"),
            "{}",
            first.2
        );
        assert!(
            second
                .2
                .contains("no file changed: the last run's findings"),
            "{}",
            second.2
        );
        // Byte for byte what a run without a cache prints, with its exit code.
        assert_eq!((&first.0, first.1), (&cold.0, cold.1));
        assert_eq!((&second.0, second.1), (&cold.0, cold.1));
        fs::remove_file(dir.path().join("facts.db")).unwrap();
    }
}

/// A run with the cache.
const CACHED: [&str; 3] = ["news", "--cache", "facts.db"];

/// The archive, its files a minute old, with the cache filled by one run.
fn warm_archive() -> TempDir {
    let dir = archive();
    age_files(&dir.path().join("news"));
    output(dir.path(), &CACHED);
    dir
}

#[test]
fn a_run_after_adding_an_article_equals_a_cold_run() {
    let dir = warm_archive();
    // A new article that contradicts one already there.
    write(
        dir.path(),
        "news/d.txt",
        "星河电子快讯\n\n2025-03-06 10:00\n\n星河电子(688999.SH)称，2024年营收为150.1亿元。\n",
    );
    let warm = output(dir.path(), &CACHED);
    assert!(warm.2.contains("4 files reused, 1 extracted"), "{}", warm.2);
    let cold = output(dir.path(), &["news"]);
    assert_eq!((&warm.0, warm.1), (&cold.0, cold.1));
    assert!(String::from_utf8_lossy(&cold.0).contains("150.1亿元"));
    // And in JSON, every fact and finding, after one more new article.
    write(
        dir.path(),
        "news/e.txt",
        "星河电子简讯\n\n2025-03-07 10:00\n\n星河电子(688999.SH)2024年营收为120.5亿元。\n",
    );
    let warm_line = cache_line(dir.path(), &CACHED);
    assert!(
        warm_line.contains("5 files reused, 1 extracted"),
        "{warm_line}"
    );
    let (warm, _) = json(dir.path(), &CACHED);
    let (cold, _) = json(dir.path(), &["news"]);
    assert_eq!(warm["findings"], cold["findings"]);
    assert_eq!(warm["facts"], cold["facts"]);
}

#[test]
fn a_file_touched_but_not_changed_is_hashed_not_extracted() {
    let dir = warm_archive();
    // Same bytes, new mtime: read and hashed, then reused.
    let text = fs::read(dir.path().join("news/a.txt")).unwrap();
    fs::write(dir.path().join("news/a.txt"), text).unwrap();
    let again = output(dir.path(), &CACHED);
    assert!(
        again.2.contains("4 files reused, 0 extracted"),
        "{}",
        again.2
    );
    assert!(!again.2.contains("no file changed"), "{}", again.2);
}

#[test]
fn a_suppression_comment_works_in_an_html_article() {
    let dir = archive();
    fs::remove_file(dir.path().join("news/b.txt")).unwrap();
    write(
        dir.path(),
        "news/b.html",
        "<html><head><meta property=\"article:published_time\" content=\"2025-03-02T09:00:00+08:00\"></head><body>\n<!-- factcheck-ignore conflicting-figure: reviewed -->\n<p>星河电子(688999.SH)公告称，公司2024年营收98.2亿元。</p>\n</body></html>\n",
    );
    let (v, _) = json(dir.path(), &["news"]);
    assert_eq!(
        rules_of(&v),
        ["conflicting-figure"],
        "only 云杉 is left: {v:#}"
    );
}

#[test]
fn the_project_file_include_and_exclude_choose_the_files() {
    let dir = archive();
    write(dir.path(), "factcheck.toml", "exclude = [\"other.txt\"]\n");
    let (v, _) = json(dir.path(), &["news"]);
    assert_eq!(v["summary"]["articles"], 3);
    assert_eq!(rules_of(&v), ["conflicting-figure"]);
    write(
        dir.path(),
        "factcheck.toml",
        "include = [\"a.txt\", \"b.txt\"]\n",
    );
    let (v, _) = json(dir.path(), &["news"]);
    assert_eq!(v["summary"]["articles"], 2);
}
