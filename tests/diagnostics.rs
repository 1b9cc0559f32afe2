//! The reports people read: diagnostics with their sources, the table, and
//! the terminal conventions (--color, NO_COLOR, --quiet, --output-file,
//! --statistics). Run from the repository root, on the seeds.

mod common;

use assert_cmd::Command;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

use common::{factcheck, write};

/// The binary in the repository root, with its `rules/` and no project
/// file, at a fixed width and without colors unless a test asks.
fn seeds(columns: usize) -> Command {
    let mut cmd = Command::cargo_bin("factcheck").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", columns.to_string())
        .env_remove("NO_COLOR")
        .args(["seeds", "--no-config"]);
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

/// Lines wider than `columns` terminal cells (a CJK character is two).
fn too_wide(text: &str, columns: usize) -> Vec<String> {
    text.lines()
        .filter(|l| l.width() > columns)
        .map(|l| format!("{} cells: {l}", l.width()))
        .collect()
}

#[test]
fn seeds_fit_80_and_140_columns_in_every_format_for_people() {
    for columns in [80, 140] {
        for format in ["full", "table", "concise"] {
            let out = stdout(seeds(columns).args(["--format", format]));
            assert!(out.contains("5 articles"), "{format} at {columns}:\n{out}");
            if format == "concise" {
                continue; // one line a finding, for grep and editors: never wrapped
            }
            let wide = too_wide(&out, columns);
            assert!(
                wide.is_empty(),
                "{format} at {columns}:\n{}",
                wide.join("\n")
            );
        }
    }
}

#[test]
fn full_diagnostics_of_the_seeds_at_100_columns() {
    insta::assert_snapshot!(stdout(&mut seeds(100)));
}

#[test]
fn full_diagnostics_of_the_seeds_at_80_columns() {
    insta::assert_snapshot!(stdout(&mut seeds(80)));
}

#[test]
fn table_of_the_seeds_at_80_columns() {
    insta::assert_snapshot!(stdout(seeds(80).args(["--format", "table"])));
}

#[test]
fn concise_and_statistics_of_the_seeds() {
    let concise = stdout(seeds(80).args(["--format", "concise"]));
    let statistics = stdout(seeds(80).arg("--statistics"));
    insta::assert_snapshot!(format!("{concise}\n{statistics}"));
}

#[test]
fn every_figure_is_underlined_in_its_own_line() {
    let out = stdout(&mut seeds(140));
    // The figure of the first finding, its line number and its label.
    let line = out
        .lines()
        .find(|l| l.contains("7万辆的方针"))
        .unwrap_or_else(|| panic!("no source line:\n{out}"));
    let under = out.lines().skip_while(|l| *l != line).nth(1).unwrap();
    let at = |s: &str, needle: &str| s[..s.find(needle).unwrap()].width();
    assert_eq!(at(line, "7万辆"), at(under, "━"), "{line}\n{under}");
    assert_eq!(under.matches('━').count(), "7万辆".width(), "{under}");
    assert!(under.contains("target"), "{under}");
}

#[test]
fn colors_on_request_and_never_when_piped_or_no_color() {
    let ansi = "\x1b[";
    assert!(!stdout(&mut seeds(100)).contains(ansi));
    assert!(stdout(seeds(100).args(["--color", "always"])).contains(ansi));
    let no_color = stdout(seeds(100).env("NO_COLOR", "1"));
    assert!(!no_color.contains(ansi));
    // An explicit request beats NO_COLOR.
    let forced = stdout(seeds(100).env("NO_COLOR", "1").args(["--color", "always"]));
    assert!(forced.contains(ansi));
    assert!(!stdout(seeds(100).args(["--color", "never"])).contains(ansi));
}

#[test]
fn quiet_prints_the_findings_only() {
    let out = seeds(100).arg("--quiet").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("error[conflicting-figure]"), "{text}");
    assert!(!text.contains("5 articles"), "{text}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn output_file_takes_the_report_and_stdout_stays_empty() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("report.sarif");
    let out = seeds(100)
        .args(["--format", "sarif", "--output-file"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 5);

    let bad = seeds(100)
        .args(["--output-file"])
        .arg(tmp.path().join("no/such/folder/report.txt"))
        .output()
        .unwrap();
    let err = String::from_utf8(bad.stderr).unwrap();
    assert_eq!(bad.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no/such/folder/report.txt: cannot write the report"),
        "{err}"
    );
}

#[test]
fn statistics_count_the_findings_of_each_rule() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(seeds(100).args(["--format", "json"]))).unwrap();
    let stats: serde_json::Value = serde_json::from_str(&stdout(seeds(100).args([
        "--format",
        "json",
        "--statistics",
    ])))
    .unwrap();
    let findings = json["findings"].as_array().unwrap();
    for row in stats.as_array().unwrap() {
        let rule = row["rule"].as_str().unwrap();
        let n = findings.iter().filter(|f| f["rule"] == rule).count();
        assert_eq!(row["count"], n, "{rule}");
        let by = ["error", "warning", "info"].map(|s| row[s].as_u64().unwrap());
        assert_eq!(by.iter().sum::<u64>(), n as u64, "{rule}");
    }
    let total: u64 = stats
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, findings.len());
}

/// A figure whose file changed after it was extracted is still reported,
/// with where it was and what was read, instead of a wrong source line.
#[test]
fn a_changed_file_shows_the_figure_without_its_source() {
    let tmp = TempDir::new().unwrap();
    let a = write(
        tmp.path(),
        "news/a.txt",
        "2024-05-01\n\n青木能源(600999.SH)2023年营收为12.5亿元。\n",
    );
    write(
        tmp.path(),
        "news/b.txt",
        "2024-05-02\n\n青木能源(600999.SH)2023年营收为18.1亿元。\n",
    );
    let run = |args: &[&str]| {
        factcheck(tmp.path())
            .env("COLUMNS", "100")
            .args(args)
            .output()
            .unwrap()
    };
    run(&["extract", "news", "--out", "facts.jsonl"]);
    std::fs::write(&a, "rewritten since\n").unwrap();
    let out = run(&["check", "facts.jsonl"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("error[conflicting-figure]"), "{text}");
    assert!(text.contains("figure: news/a.txt:3:"), "{text}");
    assert!(text.contains("营收为18.1亿元"), "{text}");
}

#[test]
fn version_names_the_tool() {
    let out = stdout(Command::cargo_bin("factcheck").unwrap().arg("--version"));
    assert_eq!(
        out.trim(),
        format!("factcheck {}", env!("CARGO_PKG_VERSION"))
    );
}
