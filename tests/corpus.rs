//! Extraction scored on the annotated fixture corpus (fixtures/corpus: 44
//! articles written for this repo, zh and en, gold annotated by hand before
//! tuning). The test fails below issue 3's targets: value+unit precision and
//! recall 0.97, entity, metric and period accuracy 0.90 (and qualifier 0.90,
//! which the issue does not set but we hold).

use std::path::PathBuf;

use factcheck::eval;
use factcheck::extract::Lexicon;
use factcheck::rules::Rules;

#[test]
fn extraction_scores_hold_on_the_fixture_corpus() {
    let gold = eval::load(&PathBuf::from("fixtures/corpus")).expect("gold loads");
    assert!(
        gold.articles.len() >= 40,
        "{} articles",
        gold.articles.len()
    );
    let rules = Rules::load(Some(&PathBuf::from("rules"))).expect("rules load");
    let out = eval::run_articles(&gold, &Lexicon::new(rules)).expect("articles read");
    let score = eval::score(&gold, &out).expect("gold places");
    println!("{}", score.summary());
    println!("issue 3 targets: value+unit P/R 0.97, entity/metric/period 0.90");
    // Last measured (README): P 0.981, R 0.979, entity 0.940, metric 0.920,
    // period 0.914, qualifier 0.916.
    assert!(score.precision() >= 0.97, "{}", score.summary());
    assert!(score.recall() >= 0.97, "{}", score.summary());
    assert!(score.entity.rate() >= 0.90, "{}", score.summary());
    assert!(score.metric.rate() >= 0.90, "{}", score.summary());
    assert!(score.period.rate() >= 0.90, "{}", score.summary());
    assert!(score.qualifier.rate() >= 0.90, "{}", score.summary());
}

/// The held-out set (fixtures/holdout: written after the rules were tuned
/// on the corpus, never tuned on) must not get worse than last measured; its
/// scores are lower than the corpus's and reported as they are in the README.
#[test]
fn extraction_holds_on_the_held_out_articles() {
    let gold = eval::load(&PathBuf::from("fixtures/holdout")).expect("gold loads");
    let rules = Rules::load(Some(&PathBuf::from("rules"))).expect("rules load");
    let out = eval::run_articles(&gold, &Lexicon::new(rules)).expect("articles read");
    let score = eval::score(&gold, &out).expect("gold places");
    println!("{}", score.summary());
    // Last measured (README): P 0.933, R 0.890, entity 0.726, metric 0.824,
    // period 0.671, qualifier 0.847.
    assert!(score.precision() >= 0.92, "{}", score.summary());
    assert!(score.recall() >= 0.88, "{}", score.summary());
    assert!(score.entity.rate() >= 0.71, "{}", score.summary());
    assert!(score.metric.rate() >= 0.81, "{}", score.summary());
    assert!(score.period.rate() >= 0.66, "{}", score.summary());
    assert!(score.qualifier.rate() >= 0.83, "{}", score.summary());
}

/// The second held-out set (fixtures/holdout2: ten articles written and
/// annotated by someone who had not seen the code, after all tuning). Its
/// first measurement, blind at commit c9bfe76, is the floor.
#[test]
fn extraction_holds_on_the_second_held_out_set() {
    let gold = eval::load(&PathBuf::from("fixtures/holdout2")).expect("gold loads");
    let rules = Rules::load(Some(&PathBuf::from("rules"))).expect("rules load");
    let out = eval::run_articles(&gold, &Lexicon::new(rules)).expect("articles read");
    let score = eval::score(&gold, &out).expect("gold places");
    println!("{}", score.summary());
    // Measured blind: P 0.970, R 0.948, entity 0.715, metric 0.859,
    // period 0.694, qualifier 0.931.
    assert!(score.precision() >= 0.96, "{}", score.summary());
    assert!(score.recall() >= 0.94, "{}", score.summary());
    assert!(score.entity.rate() >= 0.70, "{}", score.summary());
    assert!(score.metric.rate() >= 0.85, "{}", score.summary());
    assert!(score.period.rate() >= 0.68, "{}", score.summary());
    assert!(score.qualifier.rate() >= 0.92, "{}", score.summary());
}
