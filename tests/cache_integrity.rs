//! The cache can be damaged, stale, shared or unwritable: whatever befalls
//! it, a run gives the findings of a run without it (same output, same exit
//! code), says what happened, and never loses or alters another file.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::factcheck;
use tempfile::TempDir;

/// An archive of the seeds and the corpus fixtures, under `news/`.
fn archive() -> TempDir {
    let tmp = TempDir::new().unwrap();
    let news = tmp.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["seeds", "fixtures/corpus"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                std::fs::copy(&p, news.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    tmp
}

/// What a run printed: (exit code, stdout, stderr).
struct Ran {
    code: i32,
    out: String,
    err: String,
}

fn run(dir: &Path, extra: &[&str]) -> Ran {
    let out = factcheck(dir)
        .args(["--no-config", "--format", "json", "news"])
        .args(extra)
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    Ran {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8(out.stdout).unwrap(),
        err: String::from_utf8(out.stderr).unwrap(),
    }
}

fn cached(dir: &Path) -> Ran {
    run(dir, &["--cache", "cache/facts.db"])
}

/// The report without the lines that tell how the run was made.
fn report(r: &Ran) -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(&r.out).unwrap_or_else(|e| panic!("{e}: {}\n{}", r.out, r.err));
    serde_json::json!({"findings": v["findings"], "facts": v["facts"], "articles": v["articles"]})
}

/// The run without a cache that every cached run must equal.
fn plain(dir: &Path) -> Ran {
    run(dir, &[])
}

fn assert_same(dir: &Path, got: &Ran, want: &Ran) {
    assert_eq!(got.code, want.code, "{}", got.err);
    assert!(
        report(got) == report(want),
        "{} differs from a run without the cache\n{}",
        dir.display(),
        got.err
    );
    assert!(!got.err.contains("panicked"), "{}", got.err);
}

fn cache_line(r: &Ran) -> &str {
    r.err
        .lines()
        .find(|l| l.contains("cache:"))
        .unwrap_or_default()
}

fn fill(dir: &Path) -> Vec<u8> {
    std::fs::create_dir_all(dir.join("cache")).unwrap();
    let r = cached(dir);
    assert!(cache_line(&r).contains("0 files reused"), "{}", r.err);
    std::fs::read(dir.join("cache/facts.db")).unwrap()
}

#[test]
fn a_file_that_is_not_a_cache_is_left_alone_and_the_run_goes_on() {
    let tmp = archive();
    let want = plain(tmp.path());
    let text = "notes that are not a database, long enough to pass for a header ........\n";
    common::write(tmp.path(), "cache/facts.db", text);
    let got = cached(tmp.path());
    assert_same(tmp.path(), &got, &want);
    assert!(
        got.err.contains(
            "cache/facts.db: not a factcheck cache (file is not a database); this run did not use it and left it as it is"
        ),
        "{}",
        got.err
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("cache/facts.db")).unwrap(),
        text
    );
}

#[test]
fn another_programs_database_is_never_touched() {
    let tmp = archive();
    let want = plain(tmp.path());
    std::fs::create_dir_all(tmp.path().join("cache")).unwrap();
    let db = tmp.path().join("cache/facts.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (7);")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    let got = cached(tmp.path());
    assert_same(tmp.path(), &got, &want);
    assert!(
        got.err
            .contains("not a factcheck cache (another program's database)"),
        "{}",
        got.err
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// Cut short or overwritten in the middle: the run is right, says the cache
/// was damaged, and the cache is rebuilt by the next run.
#[test]
fn a_truncated_or_garbled_cache_is_rebuilt() {
    let tmp = archive();
    let want = plain(tmp.path());
    let full = fill(tmp.path());
    let db = tmp.path().join("cache/facts.db");
    let garbled = {
        let mut g = full.clone();
        let mid = g.len() / 3;
        for (i, b) in g[mid..mid + 8192].iter_mut().enumerate() {
            *b = (i * 131 % 251) as u8;
        }
        g
    };
    for (what, bytes) in [
        ("truncated", full[..full.len() / 2].to_vec()),
        ("garbled", garbled),
    ] {
        std::fs::write(&db, &bytes).unwrap();
        let got = cached(tmp.path());
        assert_same(tmp.path(), &got, &want);
        assert!(got.err.contains("cache/facts.db: "), "{what}: {}", got.err);
        assert!(
            got.err.contains("damaged") || got.err.contains("could not be read"),
            "{what}: no warning: {}",
            got.err
        );
        // Rebuilt (or repaired) by the runs after it.
        let again = cached(tmp.path());
        assert_same(tmp.path(), &again, &want);
        let third = cached(tmp.path());
        assert_same(tmp.path(), &third, &want);
        assert!(
            cache_line(&third).contains(" 0 extracted"),
            "{what}: {}",
            third.err
        );
    }
}

/// A cache of another layout (another factcheck) is rebuilt, with a word;
/// rows made under other rules are not used.
#[test]
fn a_cache_from_another_version_is_not_used() {
    let tmp = archive();
    let want = plain(tmp.path());
    fill(tmp.path());
    let db = tmp.path().join("cache/facts.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA user_version = 1;").unwrap();
    drop(conn);
    let got = cached(tmp.path());
    assert_same(tmp.path(), &got, &want);
    assert!(
        got.err.contains("made by another version of factcheck"),
        "{}",
        got.err
    );
    assert!(cache_line(&got).contains("0 files reused"), "{}", got.err);

    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("UPDATE articles SET rules = 'an-older-build'; DELETE FROM runs;")
        .unwrap();
    drop(conn);
    let got = cached(tmp.path());
    assert_same(tmp.path(), &got, &want);
    assert!(cache_line(&got).contains("0 files reused"), "{}", got.err);
}

/// Runs `cmd` without the power to ignore file permissions when it is
/// root (`setpriv`), so that read-only means read-only.
fn unprivileged(dir: &Path, extra: &[&str]) -> Option<Ran> {
    let root = Command::new("id").arg("-u").output().ok()?.stdout == b"0\n";
    let bin = assert_cmd::cargo::cargo_bin("factcheck");
    let mut cmd = match root {
        true => {
            let mut c = Command::new("setpriv");
            c.args(["--bounding-set", "-dac_override,-dac_read_search"])
                .arg(bin);
            c
        }
        false => Command::new(bin),
    };
    let out = cmd
        .current_dir(dir)
        .args(["--no-config", "--format", "json", "news"])
        .args(extra)
        .output()
        .ok()?;
    let err = String::from_utf8(out.stderr).unwrap();
    if root && err.contains("setpriv") {
        eprintln!("skipped: no working setpriv: {err}");
        return None;
    }
    Some(Ran {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8(out.stdout).unwrap(),
        err,
    })
}

#[cfg(unix)]
#[test]
fn a_cache_in_a_read_only_folder_is_read_or_skipped_never_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = archive();
    let want = plain(tmp.path());
    let folder = tmp.path().join("cache");
    let mode = |m| std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(m)).unwrap();
    // No cache yet, and none can be made.
    std::fs::create_dir_all(&folder).unwrap();
    mode(0o555);
    let Some(got) = unprivileged(tmp.path(), &["--cache", "cache/facts.db"]) else {
        mode(0o755);
        return;
    };
    mode(0o755);
    assert_same(tmp.path(), &got, &want);
    assert!(
        got.err.contains("cache/facts.db: cannot use the cache"),
        "{}",
        got.err
    );
    // A filled cache, then the folder and file made read-only, and a file
    // changed so that the run must write.
    fill(tmp.path());
    std::fs::set_permissions(
        folder.join("facts.db"),
        std::fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let first = std::fs::read_dir(tmp.path().join("news"))
        .unwrap()
        .flatten()
        .next()
        .unwrap();
    let mut text = std::fs::read_to_string(first.path()).unwrap();
    text.push_str("\n补充：该公司2023年营收为1.5亿元。\n");
    std::fs::write(first.path(), text).unwrap();
    let want = plain(tmp.path());
    mode(0o555);
    let got = unprivileged(tmp.path(), &["--cache", "cache/facts.db"]).unwrap();
    mode(0o755);
    assert_same(tmp.path(), &got, &want);
    assert!(got.err.contains("cache/facts.db: "), "{}", got.err);
    assert!(got.err.contains("warning:"), "{}", got.err);
}

/// Two runs sharing one cache at once: both right, neither gives up on it
/// (one waits for the other's write), and the cache serves the next run.
#[test]
fn two_runs_sharing_one_cache_at_once_are_both_right() {
    let tmp = archive();
    let want = plain(tmp.path());
    std::fs::create_dir_all(tmp.path().join("cache")).unwrap();
    let spawn = || {
        Command::new(assert_cmd::cargo::cargo_bin("factcheck"))
            .current_dir(tmp.path())
            .args([
                "--no-config",
                "--format",
                "json",
                "news",
                "--cache",
                "cache/facts.db",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    for _ in 0..3 {
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let got = Ran {
                code: out.status.code().unwrap_or(-1),
                out: String::from_utf8(out.stdout).unwrap(),
                err: String::from_utf8(out.stderr).unwrap(),
            };
            assert_same(tmp.path(), &got, &want);
            assert!(!got.err.contains("warning: cache"), "{}", got.err);
        }
    }
    let next = cached(tmp.path());
    assert_same(tmp.path(), &next, &want);
    assert!(cache_line(&next).contains(" 0 extracted"), "{}", next.err);
}

/// Killed (SIGKILL) at moments spread over a run, its writes included: the
/// next run is right and warns of nothing, since each write is one
/// transaction; the one after reuses the cache whole.
#[cfg(unix)]
#[test]
fn a_run_killed_while_writing_loses_nothing() {
    let tmp = archive();
    let want = plain(tmp.path());
    std::fs::create_dir_all(tmp.path().join("cache")).unwrap();
    let started = Instant::now();
    fill(tmp.path());
    let whole = started.elapsed();
    std::fs::remove_file(tmp.path().join("cache/facts.db")).unwrap();
    for tenth in [3, 6, 8, 9, 10, 11] {
        // A file changed each round, so every run has something to write.
        let path = tmp.path().join("news/kill.txt");
        let text = format!("2024-05-01\n\n青木能源(600999.SH)2023年营收为{tenth}.5亿元。\n");
        std::fs::write(&path, text).unwrap();
        let want_now = plain(tmp.path());
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("factcheck"))
            .current_dir(tmp.path())
            .args([
                "--no-config",
                "--format",
                "json",
                "news",
                "--cache",
                "cache/facts.db",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole * tenth / 10);
        let _ = child.kill();
        let _ = child.wait();
        let got = cached(tmp.path());
        assert_same(tmp.path(), &got, &want_now);
        assert!(
            !got.err.contains("warning:"),
            "after a kill at {tenth}/10: {}",
            got.err
        );
        let again = cached(tmp.path());
        assert!(cache_line(&again).contains(" 0 extracted"), "{}", again.err);
    }
    let _ = want;
}
