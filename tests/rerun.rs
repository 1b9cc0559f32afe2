//! A cached run after some files changed checks again only the articles and
//! entities they touch; what it prints must be what a cold run prints.
//! Each step below edits the archive, then compares the two runs' SARIF,
//! GitHub annotations, table and counts.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use factcheck::extract::Lexicon;
use factcheck::report;
use factcheck::rules::Rules;
use factcheck::run::{self, Options, Outcome};

/// Every fixture article the repository has: many outlets and entities,
/// several articles per entity.
fn archive() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names = Vec::new();
    for sub in [
        "seeds",
        "fixtures/corpus",
        "fixtures/holdout",
        "fixtures/blind3",
    ] {
        let mut files: Vec<PathBuf> = fs::read_dir(root.join(sub))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .collect();
        files.sort();
        for p in files {
            let name = format!(
                "{}-{}",
                sub.replace('/', "-"),
                p.file_name().unwrap().to_string_lossy()
            );
            fs::copy(&p, dir.path().join(&name)).unwrap();
            age(&dir.path().join(&name), 600);
            names.push(name);
        }
    }
    (dir, names)
}

/// Sets a file's mtime `secs` into the past: a file modified within
/// seconds of a cached run is hashed anyway, and the test would not see
/// the partial run.
fn age(path: &Path, secs: u64) {
    fs::File::options()
        .append(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(secs))
        .unwrap();
}

fn options(cache: Option<PathBuf>) -> Options {
    Options {
        cache,
        findings_only: true,
        ..Options::default()
    }
}

/// What a reader sees of a run.
fn shown(out: &Outcome) -> (String, String, String, String, Vec<String>) {
    let sarif = serde_json::to_string_pretty(&report::sarif(out)).unwrap();
    let mut github = Vec::new();
    report::annotations(out, &mut github).unwrap();
    let table =
        report::findings_table(out, Some(u16::MAX)).map_or(String::new(), |t| t.to_string());
    (
        sarif,
        String::from_utf8(github).unwrap(),
        table,
        report::summary_line(out),
        out.errors.clone(),
    )
}

/// Runs with the cache and without it, and checks they show the same;
/// returns how many articles the cached run checked again.
fn same_as_cold(dir: &Path, lex: &Lexicon, step: &str) -> Option<usize> {
    let paths = [dir.join("news")];
    let cache = dir.join("facts.db");
    let warm = run::run_with(&paths, lex, &options(Some(cache))).unwrap();
    let cold = run::run_with(&paths, lex, &options(None)).unwrap();
    assert!(!cold.findings.is_empty());
    let (w, c) = (shown(&warm), shown(&cold));
    for (what, w, c) in [
        ("SARIF", &w.0, &c.0),
        ("annotations", &w.1, &c.1),
        ("table", &w.2, &c.2),
        ("summary", &w.3, &c.3),
    ] {
        let first = w.lines().zip(c.lines()).position(|(a, b)| a != b);
        assert!(
            w == c,
            "{step}: the cached run's {what} differs from a cold one's, first at line {first:?}:\n{:?}\n---\n{:?}",
            first.and_then(|i| w.lines().nth(i)),
            first.and_then(|i| c.lines().nth(i))
        );
    }
    assert_eq!(w.4, c.4, "{step}: errors");
    assert_eq!(warm.fact_count, cold.fact_count, "{step}");
    warm.stats.rechecked
}

#[test]
fn runs_after_edits_show_what_cold_runs_show() {
    let lex = Lexicon::new(Rules::load(None).unwrap());
    let (tmp, names) = archive();
    let news = tmp.path().join("news");
    fs::create_dir(&news).unwrap();
    for n in &names {
        fs::rename(tmp.path().join(n), news.join(n)).unwrap();
    }
    let total = names.len();
    assert_eq!(same_as_cold(tmp.path(), &lex, "first run"), None);
    assert_eq!(same_as_cold(tmp.path(), &lex, "unchanged"), None);
    // Articles spread over the archive, so entities of several outlets.
    for (k, i) in [3, total / 3, total / 2, total - 2].into_iter().enumerate() {
        let name = &names[i];
        let path = news.join(name);
        let text = fs::read_to_string(&path).unwrap();
        // A copy with one figure changed: a conflict with its original.
        let copy = news.join(format!("zz-copy-{k}.txt"));
        fs::write(&copy, text.replacen('1', "7", 1)).unwrap();
        age(&copy, 300);
        let n = same_as_cold(tmp.path(), &lex, &format!("{name} copied"));
        assert!(
            n.is_some_and(|n| n < total / 2),
            "copied: {n:?} of {total} checked again"
        );
        // The original edited: another digit changed.
        fs::write(&path, text.replacen('2', "9", 1)).unwrap();
        age(&path, 200);
        let n = same_as_cold(tmp.path(), &lex, &format!("{name} edited"));
        assert!(n.is_some(), "edited: checked again in part");
        // Touched: same bytes, a new mtime.
        age(&copy, 100);
        same_as_cold(tmp.path(), &lex, &format!("{name}'s copy touched"));
        // Removed.
        fs::remove_file(&copy).unwrap();
        let n = same_as_cold(tmp.path(), &lex, &format!("{name}'s copy removed"));
        assert!(n.is_some(), "removed: checked again in part");
    }
    // An article that cannot be read is an error in both runs, and the
    // next run, with it gone, is right again.
    let bad = news.join("zz-binary.txt");
    fs::write(&bad, b"\x00\x01\x02 not text \x00").unwrap();
    age(&bad, 100);
    same_as_cold(tmp.path(), &lex, "an unreadable file added");
    fs::remove_file(&bad).unwrap();
    same_as_cold(tmp.path(), &lex, "the unreadable file removed");
}

/// An article naming only one entity is checked again with every article
/// naming that entity; a finding of another entity those articles share
/// comes from the last run, not from that partial check (where the other
/// entity's third article is missing and its claim would count one source).
#[test]
fn a_shared_articles_other_entity_keeps_its_whole_finding() {
    let lex = Lexicon::new(Rules::load(None).unwrap());
    let tmp = tempfile::tempdir().unwrap();
    let news = tmp.path().join("news");
    fs::create_dir(&news).unwrap();
    let article = |name: &str, day: u32, body: &str| {
        let path = news.join(name);
        fs::write(&path, format!("快讯\n\n2025-03-{day:02} 09:00\n\n{body}\n")).unwrap();
        age(&path, 600);
    };
    let both = "甲乙科技(300999.SZ)公告，2024年营收为{}亿元。丙丁物流(603999.SH)称，2024年营收为45.2亿元。";
    article("p.txt", 1, &both.replace("{}", "120.5"));
    article("q.txt", 2, &both.replace("{}", "150.8"));
    article(
        "r.txt",
        3,
        "甲乙科技(300999.SZ)披露，2024年营收为150.8亿元。",
    );
    assert_eq!(same_as_cold(tmp.path(), &lex, "first run"), None);
    article(
        "s.txt",
        4,
        "丙丁物流(603999.SH)表示，2024年营收为45.2亿元。",
    );
    let n = same_as_cold(tmp.path(), &lex, "an article of the second entity added");
    assert_eq!(
        n,
        Some(3),
        "p, q and the new one are checked again; r is not"
    );
    let cold = run::run_with(&[news], &lex, &options(None)).unwrap();
    assert!(
        cold.findings.iter().any(|f| f.message.contains("×2")),
        "the first entity's conflict counts two sources: {:#?}",
        cold.findings
    );
}
