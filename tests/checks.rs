//! Every check against its fixture cases (fixtures/checks/<check>/<case>/,
//! articles written for this repo): each `fire-*` case must make the check
//! report a finding that involves the figures its `expect.toml` lists, and
//! each `pass-*` case (a near miss) must make it report nothing.

use std::path::{Path, PathBuf};

use factcheck::checks;
use factcheck::extract::Lexicon;
use factcheck::rules::Rules;
use factcheck::run;

#[derive(serde::Deserialize)]
struct Expect {
    fires: bool,
    #[serde(default)]
    figures: Vec<String>,
    why: String,
}

fn cases(check: &str) -> Vec<PathBuf> {
    let dir = Path::new("fixtures/checks").join(check);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// What went wrong with one case, if anything.
fn judge(case: &Path, check: &str, lex: &Lexicon) -> Option<String> {
    let expect: Expect = toml::from_str(
        &std::fs::read_to_string(case.join("expect.toml")).expect("expect.toml is readable"),
    )
    .expect("expect.toml parses");
    let out = run::run(&[case.to_path_buf()], lex);
    assert!(
        out.errors.is_empty(),
        "{}: {:?}",
        case.display(),
        out.errors
    );
    let text_of = |id: &str| {
        out.facts
            .iter()
            .find(|f| f.id == id)
            .map_or(String::new(), |f| f.text.clone())
    };
    let found: Vec<_> = out.findings.iter().filter(|f| f.rule == check).collect();
    let named = |f: &&checks::Finding| {
        let texts: Vec<String> = f.facts.iter().map(|id| text_of(id)).collect();
        expect.figures.iter().all(|want| texts.contains(want))
    };
    let shown = || {
        found
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let ok = match expect.fires {
        true => found.iter().any(named),
        false => found.is_empty(),
    };
    match (ok, expect.fires) {
        (true, _) => None,
        (false, true) => Some(format!(
            "{}: must fire on {:?} ({}); found: [{}]",
            case.display(),
            expect.figures,
            expect.why,
            shown()
        )),
        (false, false) => Some(format!(
            "{}: must not fire ({}), but: {}",
            case.display(),
            expect.why,
            shown()
        )),
    }
}

#[test]
fn every_check_fires_on_its_cases_and_not_on_near_misses() {
    let lex = Lexicon::new(Rules::load(Some(Path::new("rules"))).expect("rules load"));
    let mut failures = Vec::new();
    let mut counted = 0;
    for check in checks::CHECKS {
        let cases = cases(check.id);
        let fire = cases.iter().filter(|c| is(c, "fire-")).count();
        let pass = cases.iter().filter(|c| is(c, "pass-")).count();
        assert!(
            fire >= 3 && pass >= 3,
            "{}: {fire} fire and {pass} pass cases, need 3 of each",
            check.id
        );
        for case in &cases {
            counted += 1;
            failures.extend(judge(case, check.id, &lex));
        }
    }
    println!("{counted} cases, {} failing", failures.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn is(case: &Path, prefix: &str) -> bool {
    case.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(prefix))
}
