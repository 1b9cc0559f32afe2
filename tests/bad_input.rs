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

/// A file far over the size limit is not read (not even into memory): the
/// warning names the size and the flag that reads it; `--strict` makes it
/// an error. The file is sparse, so the test writes nothing to disk.
#[test]
fn a_50_mb_file_is_skipped_with_the_flag_that_reads_it() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "ok.txt", ARTICLE);
    let big = std::fs::File::create(tmp.path().join("big.txt")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    let (code, err) = run(tmp.path(), &["big.txt", "ok.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "big.txt: larger than --max-file-size (52428800 > 10485760 bytes), skipped \
             (to read it, raise the limit: --max-file-size 52428800)"
        ),
        "{err}"
    );
    let (code, _) = run(tmp.path(), &["--strict", "big.txt", "ok.txt"]);
    assert_eq!(code, 2);
}

/// Text of `n` paragraphs, each with one revenue figure of 12.5亿元 and one
/// growth rate, joined by `sep`.
fn dense(n: usize, sep: &str) -> String {
    let para = "青木能源(600999.SH)2023年营收为12.5亿元，同比增长8.2%。";
    format!("2024-05-01\n\n{}\n", vec![para; n].join(sep))
}

/// How many 12.5亿元 figures a run over `file` read (exit code, count).
fn revenues(dir: &Path, file: &str, extra: &[&str], limit: Duration) -> (i32, usize) {
    let out = factcheck(dir)
        .args(["--no-config", "--format", "csv", file])
        .args(extra)
        .timeout(limit)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("internal error"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let csv = String::from_utf8(out.stdout).unwrap();
    let n = csv.lines().filter(|l| l.contains("1250000000")).count();
    (out.status.code().unwrap_or(-1), n)
}

/// A 50 MB article read with the limit raised: every figure found, none
/// lost or doubled where its parts meet. Large: run in release by `.ci/run`
/// (`cargo test --release --test bad_input -- --ignored`); its time is
/// measured by `scripts/bench_long.sh`, the timeout only stops a hang.
#[test]
#[ignore = "50 MB: run in release by .ci/run"]
fn a_50_mb_article_is_read_whole_with_the_limit_raised() {
    let tmp = TempDir::new().unwrap();
    let n = 50_000_000 / dense(1, "").len();
    write(tmp.path(), "big.txt", dense(n, "\n"));
    let (code, found) = revenues(
        tmp.path(),
        "big.txt",
        &["--max-file-size", "60000000"],
        Duration::from_secs(600),
    );
    assert_eq!(code, 0);
    assert_eq!(found, n);
}

/// 5 MB on one line: no line-based lookup reads back to its start for
/// every figure. Large: run in release by `.ci/run`.
#[test]
#[ignore = "5 MB: run in release by .ci/run"]
fn a_5_mb_single_line_is_read_whole() {
    let tmp = TempDir::new().unwrap();
    let n = 5_000_000 / dense(1, "").len();
    write(tmp.path(), "line.txt", dense(n, ""));
    let (code, found) = revenues(tmp.path(), "line.txt", &[], Duration::from_secs(120));
    assert_eq!(code, 0);
    assert_eq!(found, n);
}

/// A folder the run may not list: its files are skipped with a warning that
/// says why and how to leave it out, the others are read. Root reads any
/// folder, so as root the run drops that power first (`setpriv`).
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_reported_and_the_walk_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "news/ok/a.txt", ARTICLE);
    write(tmp.path(), "news/locked/b.txt", ARTICLE);
    let locked = tmp.path().join("news/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = String::from_utf8(
        std::process::Command::new("id")
            .arg("-u")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
        == "0";
    let bin = assert_cmd::cargo::cargo_bin!("factcheck");
    let mut cmd = match root {
        true => {
            let mut c = assert_cmd::Command::new("setpriv");
            c.args(["--bounding-set", "-dac_override,-dac_read_search"])
                .arg(bin);
            c
        }
        false => assert_cmd::Command::new(bin),
    };
    let out = cmd
        .current_dir(tmp.path())
        .args(["--no-config", "--format", "json", "news"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    if root && err.contains("setpriv") {
        eprintln!("skipped: root without a working setpriv: {err}");
        return;
    }
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "news/locked: a folder that cannot be listed (permission denied), so its files \
             were not read (give the run read access to it, or leave it out with --glob '!locked')"
        ),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["articles"], 1, "{json}");
}

/// A dangling symlink in a folder names its missing target.
#[cfg(unix)]
#[test]
fn a_link_to_nothing_names_its_target() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "news/a.txt", ARTICLE);
    std::os::unix::fs::symlink("/nonexistent/x.txt", tmp.path().join("news/gone.txt")).unwrap();
    let (code, err) = run(tmp.path(), &["news"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "news/gone.txt: a symlink to /nonexistent/x.txt, which does not exist; skipped"
        ),
        "{err}"
    );
}

/// A file listed by the walk and gone before it is read says so.
#[test]
fn a_file_that_vanishes_before_it_is_read_says_so() {
    let tmp = TempDir::new().unwrap();
    let path = write(tmp.path(), "gone.txt", ARTICLE);
    std::fs::remove_file(&path).unwrap();
    let err = factcheck::article::read(&path, "gone.txt", &factcheck::article::Input::default())
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "gone.txt: vanished before it was read (deleted or moved while the run went on); skipped"
    );
}

/// Files deleted while a run reads them: once the run has opened its first
/// file (so the walk has listed them all), the rest are deleted from the
/// last. Each is then either read or reported as vanished, the run ends with
/// 0, and nothing panics.
#[cfg(target_os = "linux")]
#[test]
fn files_deleted_during_a_run_are_read_or_reported() {
    let tmp = TempDir::new().unwrap();
    let n = 400;
    // Long enough that reading them all outlasts deleting them.
    let body = ARTICLE.repeat(200);
    for i in 0..n {
        write(tmp.path(), &format!("news/{i:05}.txt"), &body);
    }
    let bin = assert_cmd::cargo::cargo_bin("factcheck");
    let mut child = std::process::Command::new(bin)
        .current_dir(tmp.path())
        .args(["--no-config", "--format", "json", "-j1", "news"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let fds = format!("/proc/{}/fd", child.id());
    let reading = || {
        std::fs::read_dir(&fds)
            .into_iter()
            .flatten()
            .flatten()
            .any(|fd| {
                std::fs::read_link(fd.path()).is_ok_and(|t| t.to_string_lossy().contains("/news/"))
            })
    };
    let started = std::time::Instant::now();
    while !reading() && started.elapsed() < Duration::from_secs(30) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::yield_now();
    }
    for i in (0..n).rev() {
        let _ = std::fs::remove_file(tmp.path().join(format!("news/{i:05}.txt")));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{err}");
    let vanished = err.matches("vanished before it was read").count();
    for line in err.lines().filter(|l| l.contains("warning:")) {
        assert!(line.contains("vanished before it was read"), "{line}");
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let read = json["summary"]["articles"].as_u64().unwrap() as usize;
    assert_eq!(read + vanished, n, "{read} read, {vanished} vanished");
    assert!(
        vanished > 0,
        "the run read all {n} files before any was deleted"
    );
}
