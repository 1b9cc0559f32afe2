//! Inputs a lint over an unattended archive meets: each gives a clear
//! message (the path, what is wrong, what to do), the run goes on with the
//! other files, and nothing hangs (every command runs under a timeout).

mod common;

use std::path::Path;
use std::time::Duration;

use common::{factcheck, write};
use tempfile::TempDir;

const ARTICLE: &str = "2024-05-01\n\n青木能源(600999.SH)2023年营收为12.5亿元。\n";

/// Runs factcheck in `dir` on `args`; (exit code, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = factcheck(dir)
        .args(["--no-config", "--format", "concise"])
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_skipped_not_waited_on() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "ok.txt", ARTICLE);
    let fifo = tmp.path().join("pipe.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, err) = run(tmp.path(), &["pipe.txt", "ok.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("pipe.txt: a named pipe (FIFO), not a regular file; skipped"),
        "{err}"
    );
    assert!(err.contains("factcheck - < pipe.txt"), "{err}");
    let (code, _) = run(tmp.path(), &["--strict", "pipe.txt", "ok.txt"]);
    assert_eq!(code, 2);
}

#[cfg(unix)]
#[test]
fn dev_zero_is_skipped_not_read_forever() {
    let tmp = TempDir::new().unwrap();
    let (code, err) = run(tmp.path(), &["/dev/zero"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("/dev/zero: a character device, not a regular file"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_once_per_link_and_the_walk_goes_on() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "news/a.txt", ARTICLE);
    std::os::unix::fs::symlink("..", tmp.path().join("news/up")).unwrap();
    let (code, err) = run(tmp.path(), &["news"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "news/up/news/up: a symlink loop (it leads back to news/up); not followed again"
        ),
        "{err}"
    );
}

#[test]
fn random_bytes_are_a_binary_file() {
    let tmp = TempDir::new().unwrap();
    // A fixed xorshift stream: bytes with NULs, no text.
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let bytes: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    write(tmp.path(), "noise.txt", &bytes);
    let (code, err) = run(tmp.path(), &["noise.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("noise.txt: binary file"), "{err}");
}

#[test]
fn deeply_nested_html_is_read() {
    let tmp = TempDir::new().unwrap();
    let page = format!(
        "<html><body>{}<p>青木能源(600999.SH)2023年营收为12.5亿元。</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    write(tmp.path(), "deep.html", page);
    let out = factcheck(tmp.path())
        .args(["--no-config", "--format", "csv", "deep.html"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("1250000000"), "{csv}");
}

/// A body far longer than a news article is read in parts: its figures
/// are all found, none is lost or doubled at a part's edge, and none of
/// them fails (an internal error would skip the whole file).
#[test]
fn a_long_file_is_read_whole_in_parts() {
    let tmp = TempDir::new().unwrap();
    let para = "青木能源(600999.SH)2023年营收为12.5亿元，同比增长8.2%。\n";
    let n = 150_000 / para.len() + 1;
    write(
        tmp.path(),
        "long.txt",
        format!("2024-05-01\n\n{}", para.repeat(n)),
    );
    let line = format!("2024-05-01\n\n{}\n", para.trim_end().repeat(n));
    write(tmp.path(), "line.txt", line);
    for file in ["long.txt", "line.txt"] {
        let out = factcheck(tmp.path())
            .args(["--no-config", "--format", "csv", file])
            .timeout(Duration::from_secs(120))
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!err.contains("internal error"), "{err}");
        let csv = String::from_utf8(out.stdout).unwrap();
        let revenue = csv.lines().filter(|l| l.contains("1250000000")).count();
        assert_eq!(revenue, n, "{file}");
    }
}

#[test]
fn empty_stdin_is_an_article_with_nothing_in_it() {
    let tmp = TempDir::new().unwrap();
    let out = factcheck(tmp.path())
        .args(["--no-config", "--format", "json", "-"])
        .write_stdin("")
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["facts"], 0);
}
