//! Rules files a user gets wrong: each is a `file:line:column` error that
//! says what is wrong, with exit code 2; none panics or hangs, and a huge
//! lexicon is read in seconds.

mod common;

use std::time::Duration;

use common::{factcheck, write};
use tempfile::TempDir;

const ARTICLE: &str = "2024-05-01\n\n青木能源(600999.SH)2023年营收为12.5亿元。\n";

/// A run with `rules/entities.toml` holding `text`: (exit code, stderr).
fn with_entities(text: &str) -> (i32, String) {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "a.txt", ARTICLE);
    write(tmp.path(), "mine/entities.toml", text);
    let out = factcheck(tmp.path())
        .args(["--no-config", "--rules", "mine", "a.txt"])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn entity(id: &str, zh: &str, more: &str) -> String {
    format!("[[entity]]\nid = \"{id}\"\nkind = \"company\"\nzh = \"{zh}\"\nen = \"{id}\"\n{more}\n")
}

fn assert_error(text: &str, want: &str) {
    let (code, err) = with_entities(text);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(want), "wanted {want:?} in:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn an_empty_file_says_it_is_empty() {
    assert_error(
        "# nothing yet\n",
        "mine/entities.toml:1:1: the file is empty (missing field `entity`); write its tables, or delete it to use the built-in one",
    );
}

#[test]
fn a_value_of_the_wrong_type_is_pointed_at() {
    let text = "[[entity]]\nid = \"a\"\nkind = \"company\"\nzh = 5\nen = \"A\"\n";
    assert_error(
        text,
        "mine/entities.toml:4:6: invalid type: integer `5`, expected a string",
    );
    let text = "[[entity]]\nid = \"a\"\nkind = \"bank\"\nzh = \"甲\"\nen = \"A\"\n";
    assert_error(text, "mine/entities.toml:3:8: unknown variant `bank`");
}

#[test]
fn a_missing_field_points_at_its_table() {
    let text = format!(
        "{}{}",
        entity("a", "甲公司", ""),
        "[[entity]]\nid = \"b\"\nkind = \"company\"\nzh = \"乙公司\"\n"
    );
    assert_error(&text, "mine/entities.toml:7:1: missing field `en`");
}

#[test]
fn a_duplicate_id_names_both_places() {
    let text = format!(
        "{}{}",
        entity("acme", "甲公司", ""),
        entity("acme", "乙公司", "")
    );
    assert_error(
        &text,
        "mine/entities.toml:8:6: entity id `acme` is defined twice (first at line 2)",
    );
}

#[test]
fn a_regex_like_or_blank_name_is_refused() {
    assert_error(
        &entity("re", ".*(营收|[0-9]+)亿元", ""),
        "mine/entities.toml:4:6: entity `re`: name `.*(营收|[0-9]+)亿元` looks like a regular expression",
    );
    assert_error(
        &entity("re", "甲公司", "aliases = [\"甲\", \"^甲\"]"),
        "mine/entities.toml:6:11: entity `re`: name `^甲` looks like a regular expression",
    );
    assert_error(
        &entity("blank", "甲公司", "aliases = [\"甲\", \" \"]"),
        "mine/entities.toml:6:11: entity `blank`: name ` ` is blank (it would match everywhere)",
    );
}

#[test]
fn an_affiliation_to_nothing_is_pointed_at() {
    let text = format!(
        "{}{}",
        entity("a", "甲公司", ""),
        entity("p", "张三", "affiliation = \"nobody\"")
    );
    assert_error(
        &text,
        "mine/entities.toml:12:15: entity `p`: affiliation `nobody` names no entity",
    );
}

#[test]
fn an_unknown_key_lists_the_known_ones() {
    assert_error(
        &entity("a", "甲公司", "zhh = \"typo\""),
        "mine/entities.toml:6:1: unknown field `zhh`, expected one of `id`, `kind`, `zh`, `en`",
    );
}

/// 100,000 entities, many sharing a name: read and used, not a hang.
#[test]
fn a_huge_lexicon_is_read() {
    let mut text = String::new();
    for i in 0..100_000u32 {
        // Three CJK characters from the index, and one English name for all.
        let zh: String = [i % 97, (i / 97) % 89, i / 8633]
            .iter()
            .map(|&k| char::from_u32(0x4e00 + 300 + k * 7).unwrap())
            .collect();
        text.push_str(&format!(
            "[[entity]]\nid = \"e{i}\"\nkind = \"company\"\nzh = \"{zh}公司\"\nen = \"Same Name\"\n\n"
        ));
    }
    text.push_str(&entity("qm", "青木能源", "tickers = [\"600999.SH\"]"));
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "a.txt", ARTICLE);
    write(tmp.path(), "mine/entities.toml", &text);
    let out = factcheck(tmp.path())
        .args(["--no-config", "--rules", "mine", "--format", "csv", "a.txt"])
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(csv.contains("qm"), "{csv}");
}
