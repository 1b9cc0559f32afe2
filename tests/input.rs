//! Input as archives really are: GBK, Big5 and BOM files, HTML pages,
//! standard input, binary, oversized and unreadable files, and the walk
//! (`--glob`, .gitignore, hidden files).
//!
//! Encoded files are made here with encoding_rs, so no binary file is
//! committed; the HTML page is `fixtures/input/article.html`.

mod common;
use common::{factcheck, write};

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use encoding_rs::{BIG5, GBK};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// A dated article whose figure 12.5亿元 is on line 3.
const ZH: &str = "星河电子年报速览\n2025-03-01 10:00\n星河电子(688999.SH)发布年报，2024年营收12.5亿元，同比增长12%。\n";

/// The same in traditional characters (Big5 cannot write 亿; the extractor
/// reads 12.5% and 88.6元 here).
const ZH_TW: &str =
    "星河電子年報速覽\n2025-03-01 10:00\n星河電子(688999.SH)股價上漲12.5%，收於88.6元。\n";

/// A second, plain article, so that a bad file can be seen not to stop the run.
const GOOD: &str = "月光科技(300999.SZ)公告称，公司2024年营收98.2亿元。\n";

/// Runs with `--format json` and returns the exit code, the document and stderr.
fn json(cmd: &mut Command) -> (Option<i32>, Value, String) {
    let out = cmd.args(["--format", "json"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let doc = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{stderr}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code(), doc, stderr)
}

/// The paths of the articles read, in order.
fn paths(doc: &Value) -> Vec<String> {
    doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap().to_string())
        .collect()
}

fn fact<'a>(doc: &'a Value, text: &str) -> &'a Value {
    doc["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["text"] == text)
        .unwrap_or_else(|| panic!("no fact {text}: {doc:#}"))
}

/// The file's one article has `encoding` and its 12.5亿元 on line 3, at the
/// byte offset of the decoded text (not of the file).
fn assert_decoded(file: &str, bytes: &[u8], encoding: &str) {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), file, bytes);
    let (code, doc, stderr) = json(factcheck(tmp.path()).arg(file));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(doc["articles"][0]["encoding"], encoding, "{doc:#}");
    assert_eq!(doc["articles"][0]["published"], "2025-03-01");
    let f = fact(&doc, "12.5亿元");
    assert_eq!(f["value"], "1250000000");
    assert_eq!(f["unit"], "CNY");
    assert_eq!(f["metric"], "revenue");
    assert_eq!(f["line"], 3);
    let start = ZH.find("12.5亿元").unwrap();
    assert_eq!(f["start"], start);
    assert_eq!(f["end"], start + "12.5亿元".len());
}

#[test]
fn gbk_file_is_decoded() {
    let (bytes, _, unmappable) = GBK.encode(ZH);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err());
    assert_decoded("gbk.txt", &bytes, "gbk");
}

#[test]
fn utf8_bom_file_is_read_without_its_bom() {
    let bytes = [b"\xef\xbb\xbf".as_slice(), ZH.as_bytes()].concat();
    assert_decoded("bom.txt", &bytes, "utf-8-bom");
}

#[test]
fn plain_utf8_says_so() {
    assert_decoded("plain.md", ZH.as_bytes(), "utf-8");
}

#[test]
fn big5_file_is_decoded() {
    let tmp = TempDir::new().unwrap();
    let (bytes, _, unmappable) = BIG5.encode(ZH_TW);
    assert!(!unmappable);
    write(tmp.path(), "big5.txt", &bytes);
    let (code, doc, stderr) = json(factcheck(tmp.path()).arg("big5.txt"));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(doc["articles"][0]["encoding"], "big5");
    let price = fact(&doc, "88.6元");
    assert_eq!(price["value"], "88.6");
    assert_eq!(price["line"], 3);
    assert_eq!(price["start"], ZH_TW.find("88.6元").unwrap());
    assert_eq!(price["entity"]["name"], "星河電子");
    assert_eq!(fact(&doc, "12.5%")["line"], 3);
}

fn html_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/input/article.html")
}

#[test]
fn html_article_keeps_file_offsets_and_lines() {
    let page = fs::read_to_string(html_fixture()).unwrap();
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "news/page.html", &page);
    let (code, doc, stderr) = json(factcheck(tmp.path()).arg("news"));
    assert_eq!(code, Some(0), "{stderr}");
    let a = &doc["articles"][0];
    // The <meta>, not the <time> further down nor the script's text.
    assert_eq!(a["published"], "2025-03-01", "{a:#}");
    assert_eq!(a["date_source"], "header");
    assert_eq!(a["title"], "星河电子2024年营收120.5亿元 & 净利增长");
    assert_eq!(a["encoding"], "utf-8");

    // After `营收&nbsp;`, on the file's line 17, at the file's byte offset.
    let revenue = fact(&doc, "120.5亿元");
    let line_of = |needle: &str| page[..page.rfind(needle).unwrap()].matches('\n').count() + 1;
    assert_eq!(revenue["line"], line_of("120.5亿元"));
    assert_eq!(revenue["line"], 17);
    let start = revenue["start"].as_u64().unwrap() as usize;
    assert_eq!(&page[start..start + "120.5亿元".len()], "120.5亿元");
    assert_eq!(revenue["metric"], "revenue");
    assert_eq!(revenue["entity"]["name"], "星河电子");
    // Inside <b>…</b> on line 19.
    let profit = fact(&doc, "15.3亿元");
    assert_eq!(profit["line"], line_of("15.3亿元"));
    assert_eq!(profit["metric"], "net_profit");

    // Script, comment and head are not text.
    let texts: Vec<&str> = doc["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(!texts.contains(&"999亿元"), "script read: {texts:?}");
    assert!(!texts.contains(&"98.2亿元"), "comment read: {texts:?}");
    assert_eq!(texts.len(), 3, "{texts:?}");
}

#[test]
fn html_block_tags_separate_sentences() {
    // Two paragraphs on one line: the headline's figure has no metric of its
    // own, and must not take one from the paragraph after it.
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        "a.htm",
        "<h1>星河电子 7万辆</h1><p>月光科技(300999.SZ)2024年营收98.2亿元。</p>\n",
    );
    let (_, doc, _) = json(factcheck(tmp.path()).arg("a.htm"));
    let headline = fact(&doc, "7万辆");
    let body = fact(&doc, "98.2亿元");
    assert_ne!(headline["sentence"], body["sentence"], "{doc:#}");
    assert_eq!(headline["line"], 1);
    assert_eq!(body["line"], 1);
}

#[test]
fn stdin_is_one_article() {
    let tmp = TempDir::new().unwrap();
    let (code, doc, stderr) = json(factcheck(tmp.path()).arg("-").write_stdin(ZH));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(paths(&doc), ["<stdin>"]);
    assert_eq!(fact(&doc, "12.5亿元")["line"], 3);
    assert_eq!(fact(&doc, "12.5亿元")["path"], "<stdin>");

    // Decoded like a file, and HTML when it starts with `<`.
    let (gbk, _, _) = GBK.encode(ZH);
    let (_, doc, _) = json(factcheck(tmp.path()).arg("-").write_stdin(gbk.into_owned()));
    assert_eq!(doc["articles"][0]["encoding"], "gbk");
    let page = fs::read(html_fixture()).unwrap();
    let (_, doc, _) = json(factcheck(tmp.path()).arg("-").write_stdin(page));
    assert_eq!(doc["articles"][0]["published"], "2025-03-01");
    assert_eq!(fact(&doc, "120.5亿元")["line"], 17);
}

/// A folder with a good article and one bad file.
fn with_bad_file(name: &str, bytes: &[u8]) -> (TempDir, String) {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "news/a.txt", GOOD);
    write(tmp.path(), &format!("news/{name}"), bytes);
    (tmp, format!("news/{name}"))
}

/// The bad file is warned about and listed, the good one still read; exit 0,
/// or 2 with --strict.
fn assert_skipped(tmp: &TempDir, bad: &str, what: &str, extra: &[&str]) {
    let (code, doc, stderr) = json(factcheck(tmp.path()).arg("news").args(extra));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!("factcheck: warning: {bad}: {what}")),
        "{stderr}"
    );
    assert_eq!(paths(&doc), ["news/a.txt"]);
    assert_eq!(doc["summary"]["input_errors"], 1);
    let listed = doc["input_errors"][0].as_str().unwrap();
    assert!(listed.starts_with(bad) && listed.contains(what), "{listed}");
    factcheck(tmp.path())
        .arg("news")
        .args(extra)
        .arg("--strict")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("1 article, 1 fact"))
        .stdout(predicate::str::contains("1 file could not be read"));
}

#[test]
fn binary_file_is_skipped() {
    let (tmp, bad) = with_bad_file("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    assert_skipped(&tmp, &bad, "binary file", &[]);
}

#[test]
fn undecodable_file_is_skipped() {
    // GBK lead bytes with no valid trail byte: no encoding reads this.
    let mut bytes = GBK.encode(ZH).0.into_owned();
    bytes.extend(std::iter::repeat_n([0x81, 0x20], 40).flatten());
    let (tmp, bad) = with_bad_file("broken.txt", &bytes);
    assert_skipped(&tmp, &bad, "cannot decode", &[]);
}

#[test]
fn oversized_file_is_skipped() {
    let big = "星河电子。".repeat(200); // 3,000 bytes
    let (tmp, bad) = with_bad_file("big.md", big.as_bytes());
    assert_skipped(
        &tmp,
        &bad,
        "larger than --max-file-size (3000 > 2048 bytes)",
        &["--max-file-size", "2K"],
    );
    // The default (10M) reads it.
    factcheck(tmp.path()).arg("news").assert().code(0);
    factcheck(tmp.path())
        .args(["news", "--max-file-size", "lots"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a size"));
}

#[test]
fn unreadable_file_is_skipped() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "news/a.txt", GOOD);
    // A link to nothing: unreadable even for root, who reads chmod 000 files.
    std::os::unix::fs::symlink(tmp.path().join("gone.txt"), tmp.path().join("news/b.txt")).unwrap();
    assert_skipped(&tmp, "news/b.txt", "a symlink to ", &[]);
    // Named on the command line it is read, and fails the same way.
    let (code, doc, stderr) = json(factcheck(tmp.path()).arg("news/b.txt"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("factcheck: warning: news/b.txt: a symlink to ")
            && stderr.contains("gone.txt, which does not exist; skipped"),
        "{stderr}"
    );
    assert_eq!(doc["summary"]["input_errors"], 1);
    // Nor is it noise when it would not have been read anyway.
    fs::remove_file(tmp.path().join("news/b.txt")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("gone"), tmp.path().join("news/b.jpg")).unwrap();
    let (_, _, stderr) = json(factcheck(tmp.path()).arg("news"));
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn file_without_permission_is_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, bad) = with_bad_file("locked.txt", ZH.as_bytes());
    let path = tmp.path().join(&bad);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        eprintln!("skipped: running as root, chmod 000 does not stop reading");
        return;
    }
    assert_skipped(&tmp, &bad, "permission denied; skipped", &[]);
}

#[test]
fn missing_path_is_a_usage_error_even_without_strict() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "news/a.txt", GOOD);
    factcheck(tmp.path())
        .args(["news", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "factcheck: error: nowhere: no such file or directory",
        ))
        .stdout(predicate::str::contains("1 article"));
}

/// A folder `news` with `files` (each holding GOOD).
fn tree(files: &[&str]) -> TempDir {
    let tmp = TempDir::new().unwrap();
    for f in files {
        write(&tmp.path().join("news"), f, GOOD);
    }
    tmp
}

fn walked(tmp: &TempDir, extra: &[&str]) -> Vec<String> {
    let (code, doc, stderr) = json(factcheck(tmp.path()).arg("news").args(extra));
    assert_eq!(code, Some(0), "{stderr}");
    paths(&doc)
}

#[test]
fn walk_reads_article_extensions_in_sorted_order() {
    let tmp = tree(&[
        "b.md",
        "a.txt",
        "c/page.HTML",
        "c/old.htm",
        "data.csv",
        "notes",
    ]);
    assert_eq!(
        walked(&tmp, &[]),
        [
            "news/a.txt",
            "news/b.md",
            "news/c/old.htm",
            "news/c/page.HTML"
        ]
    );
    // A file named directly is read whatever its extension.
    let (_, doc, _) = json(factcheck(tmp.path()).arg("news/data.csv"));
    assert_eq!(paths(&doc), ["news/data.csv"]);
}

#[test]
fn glob_includes_and_excludes() {
    let tmp = tree(&["a.txt", "b.md", "drafts/c.txt", "drafts/d.md"]);
    assert_eq!(
        walked(&tmp, &["--glob", "*.md"]),
        ["news/b.md", "news/drafts/d.md"]
    );
    assert_eq!(
        walked(&tmp, &["--glob", "!drafts/"]),
        ["news/a.txt", "news/b.md"]
    );
    assert_eq!(
        walked(&tmp, &["-g", "*.txt", "-g", "!drafts/**"]),
        ["news/a.txt"]
    );
    factcheck(tmp.path())
        .args(["news", "--glob", "a[.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a[.txt"));
}

#[test]
fn gitignore_is_respected_outside_git() {
    let tmp = tree(&["a.txt", "drafts/c.txt", "tmp.md"]);
    write(&tmp.path().join("news"), ".gitignore", "drafts/\n*.md\n");
    assert!(!tmp.path().join(".git").exists());
    assert_eq!(walked(&tmp, &[]), ["news/a.txt"]);
    assert_eq!(
        walked(&tmp, &["--no-ignore"]),
        ["news/a.txt", "news/drafts/c.txt", "news/tmp.md"]
    );
}

#[test]
fn hidden_files_are_skipped() {
    let tmp = tree(&["a.txt", ".draft.txt", ".cache/b.txt"]);
    assert_eq!(walked(&tmp, &[]), ["news/a.txt"]);
    assert_eq!(
        walked(&tmp, &["--hidden"]),
        ["news/.cache/b.txt", "news/.draft.txt", "news/a.txt"]
    );
    // Named directly, a hidden file is read.
    let (_, doc, _) = json(factcheck(tmp.path()).arg("news/.draft.txt"));
    assert_eq!(paths(&doc), ["news/.draft.txt"]);
}
