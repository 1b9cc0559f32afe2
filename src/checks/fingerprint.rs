//! Fingerprints: a finding's identity that survives unrelated edits.
//!
//! A baseline must still recognise a finding after someone adds a paragraph
//! above it, so line numbers and byte offsets stay out. What goes in is what
//! the finding is about: the rule, and for each fact its file, entity,
//! metric, period, qualifier, unit, value and the figure as written. Editing
//! one of those figures (or moving the file) makes it a new finding, which is
//! what a reviewer wants to see again.
//!
//! The hash is BLAKE3 (the `blake3` crate: fast, and its output is fixed by
//! its specification, unlike `std`'s `DefaultHasher`), shown as 16 hex digits.

use crate::fact::Fact;

/// The fingerprint of a finding about these facts.
pub fn of_facts(rule: &str, facts: &[&Fact]) -> String {
    let mut parts: Vec<String> = facts.iter().map(|f| fact_key(f)).collect();
    // Text order may change with edits; the set of facts does not.
    parts.sort();
    let mut h = blake3::Hasher::new();
    h.update(rule.as_bytes());
    for p in &parts {
        h.update(b"\x1f");
        h.update(p.as_bytes());
    }
    short(h)
}

/// The fingerprint of a finding about a place rather than facts (an
/// undated article, a suppression comment): the rule, the file and `what`.
pub fn of_place(rule: &str, path: &str, what: &str) -> String {
    let mut h = blake3::Hasher::new();
    for p in [rule, normal_path(path), what] {
        h.update(p.as_bytes());
        h.update(b"\x1f");
    }
    short(h)
}

fn fact_key(f: &Fact) -> String {
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}",
        normal_path(&f.path),
        f.entity.as_ref().map_or("", |e| e.id.as_str()),
        f.metric.as_deref().unwrap_or(""),
        f.period.map(|p| p.label()).unwrap_or_default(),
        f.qualifier.as_str(),
        f.unit,
        f.value.normalize(),
        f.text,
    )
}

/// `./a/b.md` and `a/b.md` name the same file.
fn normal_path(p: &str) -> &str {
    p.strip_prefix("./").unwrap_or(p)
}

fn short(h: blake3::Hasher) -> String {
    h.finalize().to_hex()[..16].to_string()
}
