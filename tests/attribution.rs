//! Attribution (issue 9): scopes, metric variants, qualifier cue reach,
//! headline periods, Traditional Chinese, and the confidence a finding gets
//! from its facts' evidence. Every article here was written for these tests.

use std::path::PathBuf;

use factcheck::article::Article;
use factcheck::checks::Confidence;
use factcheck::extract::{Lexicon, extract};
use factcheck::fact::{Fact, Qualifier, Source};
use factcheck::rules::{Rules, Severity};

fn lex() -> Lexicon {
    Lexicon::new(Rules::embedded().expect("embedded rules"))
}

fn facts_of(head: &str, body: &str) -> Vec<Fact> {
    let lex = lex();
    let text = format!("{head}\n{body}\n");
    let article = Article::parse("t.txt", text, &lex.rules.words);
    extract(&article, &lex)
}

fn facts(body: &str) -> Vec<Fact> {
    facts_of("测试稿件\n发布时间：2025-03-20 09:00\n", body)
}

fn one<'a>(facts: &'a [Fact], text: &str) -> &'a Fact {
    facts.iter().find(|f| f.text == text).unwrap_or_else(|| {
        panic!(
            "no fact {text:?} in {:?}",
            facts.iter().map(|f| &f.text).collect::<Vec<_>>()
        )
    })
}

fn scope(f: &Fact) -> Option<&str> {
    f.scope.as_ref().map(|s| s.kind.as_str())
}

fn period(f: &Fact) -> String {
    f.period.map(|p| p.label()).unwrap_or_default()
}

#[test]
fn a_plant_is_a_scope() {
    let f = facts("青岚汽车2024年全球交付88.2万辆。青岚汽车南湖超级工厂2024年交付41.5万辆。");
    assert_eq!(scope(one(&f, "88.2万辆")), None);
    assert_eq!(scope(one(&f, "41.5万辆")), Some("plant"));
    assert_ne!(one(&f, "41.5万辆").segment, None);
}

#[test]
fn a_subsidiary_is_a_scope() {
    let f = facts("远帆控股2024年净利润12.3亿元。其控股子公司远帆物流2024年实现净利润3.1亿元。");
    assert_eq!(scope(one(&f, "12.3亿元")), None);
    assert_eq!(scope(one(&f, "3.1亿元")), Some("subsidiary"));
}

#[test]
fn a_business_line_is_a_scope() {
    let f = facts("松石科技2024年营收320亿元，云计算业务收入85亿元。");
    assert_eq!(scope(one(&f, "320亿元")), None);
    assert_eq!(scope(one(&f, "85亿元")), Some("business_line"));
}

#[test]
fn a_region_carries_through_its_clause() {
    let f = facts_of(
        "Harrow results\nMarch 20, 2025 (Reuters)\n",
        "Harrow Systems Inc reported revenue of $9.8 billion for the quarter.\nSales in Europe fell 4% to $2.1 billion.",
    );
    assert_eq!(scope(one(&f, "$9.8 billion")), None);
    assert_eq!(scope(one(&f, "4%")), Some("region"));
    assert_eq!(scope(one(&f, "$2.1 billion")), Some("region"));
}

#[test]
fn a_channel_is_a_scope() {
    let f = facts("禾丰乳业2024年营收312.6亿元，线上渠道收入58.7亿元。");
    assert_eq!(scope(one(&f, "58.7亿元")), Some("channel"));
    let g = facts_of(
        "Brook results\nMarch 20, 2025 (Reuters)\n",
        "Brook Foods Company said net sales were $6.45 billion.\nE-commerce net sales of $612 million rose 11%.",
    );
    assert_eq!(scope(one(&g, "$612 million")), Some("channel"));
}

#[test]
fn a_product_is_a_scope() {
    let f = facts("2024年全球共出货平板电脑1.5亿台，领跑者共卖出了5200万台Tabula。");
    assert_eq!(scope(one(&f, "5200万台")), Some("product"));
    let g =
        facts("禾丰乳业2024年营收312.6亿元，同比下降2.8%。全年液态奶收入221.4亿元，同比下降4.1%。");
    assert_eq!(scope(one(&g, "312.6亿元")), None);
    assert_eq!(scope(one(&g, "221.4亿元")), Some("product"));
    assert_eq!(scope(one(&g, "4.1%")), Some("product"));
}

#[test]
fn a_period_before_a_sales_word_is_not_a_product() {
    let f =
        facts("Orrin Foods reported FY2024 revenue of $9.1 billion and Q4 sales of $2.2 billion.");
    assert_eq!(scope(one(&f, "$9.1 billion")), None);
    assert_eq!(scope(one(&f, "$2.2 billion")), None);
    let g = facts("Orrin Foods said Snackline sales rose 7% to $1.4 billion.");
    assert_eq!(scope(one(&g, "$1.4 billion")), Some("product"));
}

#[test]
fn adjusted_and_pre_provision_profit_are_their_own_metrics() {
    let f = facts("澄江银行2024年归母净利润41.2亿元，扣非净利润39.8亿元，拨备前利润88亿元。");
    assert_eq!(one(&f, "41.2亿元").metric.as_deref(), Some("net_profit"));
    assert_eq!(
        one(&f, "39.8亿元").metric.as_deref(),
        Some("net_profit_adjusted")
    );
    assert_eq!(
        one(&f, "88亿元").metric.as_deref(),
        Some("pre_provision_profit")
    );
}

#[test]
fn a_consensus_cue_reaches_only_the_figure_after_it() {
    let f = facts("华辰科技2024年归母净利润139.63亿元，市场预估131亿元，同比增长12%。");
    assert_eq!(one(&f, "139.63亿元").qualifier, Qualifier::Actual);
    assert_eq!(one(&f, "131亿元").qualifier, Qualifier::Estimate);
    assert_eq!(one(&f, "12%").qualifier, Qualifier::Change);
}

#[test]
fn an_english_consensus_cue_reaches_back_to_its_own_figure() {
    let f = facts_of(
        "Pell results\nMarch 20, 2025 (Reuters)\n",
        "Pell Robotics Inc earned $1.12 a share, above the $1.05 analysts expected.",
    );
    assert_eq!(one(&f, "$1.12").qualifier, Qualifier::Actual);
    assert_eq!(one(&f, "$1.05").qualifier, Qualifier::Estimate);
}

#[test]
fn a_cue_before_all_figures_governs_them_all() {
    let f = facts("据券商测算，华辰科技2025年营收约800亿元，净利润160亿元。");
    assert_eq!(one(&f, "800亿元").qualifier, Qualifier::Estimate);
    assert_eq!(one(&f, "160亿元").qualifier, Qualifier::Estimate);
}

#[test]
fn a_headline_figure_takes_the_period_before_it() {
    let f = facts_of(
        "岑川电通去年营收1.16万亿元 12月营收创同期新高\n发布时间：2026-01-09 09:00\n",
        "岑川电通12月营收1082亿元，创历年同期新高。",
    );
    assert_eq!(period(one(&f, "1.16万亿元")), "2025");
    assert_eq!(period(one(&f, "1082亿元")), "2025-12");
}

#[test]
fn a_full_year_result_is_for_a_year_that_has_ended() {
    let f = facts(
        "云栖控股公布第四季度及全年业绩。全年营收6602.6亿元，同比增长8%。第四季度营收1724.5亿元。",
    );
    assert_eq!(period(one(&f, "6602.6亿元")), "2024");
    assert_eq!(period(one(&f, "1724.5亿元")), "2024-Q4");
}

#[test]
fn a_difference_is_not_a_level() {
    let f = facts("甲方汽车2024年销量230万辆，乙方汽车销量220万辆，两者销量相差10万辆。");
    assert_eq!(one(&f, "10万辆").qualifier, Qualifier::Change);
}

#[test]
fn a_first_crossing_is_a_bound() {
    let f = facts("澄江电网2025年投资首次突破5000亿元。");
    assert_eq!(one(&f, "5000亿元").approx, factcheck::fact::Approx::AtLeast);
}

#[test]
fn traditional_chinese_from_a_taiwan_outlet() {
    let f = facts_of(
        "曜川電去年營收2.89兆元\n經濟日報 記者王小明／台北報導 2025年1月17日\n",
        "晶圓代工大廠曜川電子公布財報，曜川電子2024年營收為2.89兆新台幣，淨利潤1.17兆元。曜川電子第四季營收8,684億元。",
    );
    let rev = one(&f, "2.89兆新台幣");
    assert_eq!(rev.value.to_string(), "2890000000000");
    assert_eq!(rev.unit, "TWD");
    assert_eq!(rev.metric.as_deref(), Some("revenue"));
    let profit = one(&f, "1.17兆元");
    assert_eq!(profit.unit, "TWD", "a bare 元 in a Taiwan outlet");
    assert_eq!(profit.metric.as_deref(), Some("net_profit"));
    assert_eq!(period(one(&f, "8,684億元")), "2024-Q4");
    assert!(rev.entity.is_some());
}

#[test]
fn traditional_chinese_from_a_hong_kong_outlet() {
    let f = facts_of(
        "恒嶺置業中期盈利下跌\n信報 記者李大文 2025年8月22日\n",
        "恒嶺置業公布截至6月底止中期業績，股東應佔溢利42.6億元，按年下跌6.4%。中期息每股0.52元。",
    );
    let profit = one(&f, "42.6億元");
    assert_eq!(profit.unit, "HKD", "a bare 元 in a Hong Kong outlet");
    assert_eq!(profit.metric.as_deref(), Some("net_profit"));
    assert_eq!(one(&f, "0.52元").metric.as_deref(), Some("dividend"));
    let name = profit.entity.as_ref().map(|e| e.name.as_str());
    assert_eq!(name, Some("恒嶺置業"), "names are reported as written");
}

#[test]
fn evidence_says_where_each_attribute_was_named() {
    let f = facts("澄江精密(300999.SZ)2024年实现营业收入52.3亿元。\n\n全年净利润4.1亿元。");
    let rev = one(&f, "52.3亿元");
    assert_eq!(rev.evidence.entity.from, Source::Clause);
    assert_eq!(rev.evidence.metric.from, Source::Clause);
    assert_eq!(rev.evidence.metric.text.as_deref(), Some("营业收入"));
    assert_eq!(rev.evidence.period.from, Source::Clause);
    let profit = one(&f, "4.1亿元");
    assert_eq!(profit.evidence.entity.from, Source::Article);
}

fn run_dir(files: &[(&str, &str)]) -> factcheck::run::Outcome {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let out = factcheck::run::run(&[PathBuf::from(dir.path())], &lex());
    // Keep the files until the run is done.
    drop(dir);
    out
}

#[test]
fn a_conflict_within_one_article_needs_explicit_evidence() {
    let out = run_dir(&[(
        "a.txt",
        "澄江精密年报\n发布时间：2025-03-20 09:00\n\n澄江精密(300999.SZ)2024年实现营业收入52.3亿元。\n\n报告期内，营业收入35.1亿元。\n",
    )]);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule == "conflicting-figure")
        .expect("a conflicting-figure finding");
    assert_eq!(f.confidence, Confidence::Low);
    assert_eq!(f.severity, Severity::Info, "demoted by --min-confidence");
    assert_eq!(f.demoted_from, Some(Severity::Error));
    assert!(f.confidence_why.is_some());
}

#[test]
fn a_conflict_across_articles_with_explicit_evidence_is_high() {
    let out = run_dir(&[
        (
            "a.txt",
            "澄江精密年报\n发布时间：2025-03-20 09:00\n\n澄江精密(300999.SZ)2024年实现营业收入52.3亿元。\n",
        ),
        (
            "b.txt",
            "澄江精密年报点评\n发布时间：2025-03-21 09:00\n\n澄江精密(300999.SZ)2024年实现营业收入25.3亿元。\n",
        ),
    ]);
    let f = out
        .findings
        .iter()
        .find(|f| f.rule == "conflicting-figure")
        .expect("a conflicting-figure finding");
    assert_eq!(f.confidence, Confidence::High);
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn estimates_from_two_outlets_do_not_make_an_error() {
    let out = run_dir(&[
        (
            "a.txt",
            "澄江精密点评\n发布时间：2025-03-20 09:00\n\n分析师预计澄江精密(300999.SZ)2025年营业收入60亿元。\n",
        ),
        (
            "b.txt",
            "澄江精密点评\n发布时间：2025-03-20 10:00\n\n分析师预计澄江精密(300999.SZ)2025年营业收入70亿元。\n",
        ),
    ]);
    assert!(
        out.findings
            .iter()
            .filter(|f| f.rule == "conflicting-figure")
            .all(|f| f.severity == Severity::Info),
        "{:?}",
        out.findings
    );
}

#[test]
fn a_roundup_heading_starts_a_new_company() {
    let f = facts(
        "以下为部分公司业绩要点：\n澄远科技：\n第三季度营业收入52.1亿元。\n朔川股份：\n第三季度营业收入17.4亿元。",
    );
    let first = one(&f, "52.1亿元").entity.as_ref().map(|e| e.name.as_str());
    let second = one(&f, "17.4亿元").entity.as_ref().map(|e| e.name.as_str());
    assert_eq!(first, Some("澄远科技"));
    assert_eq!(second, Some("朔川股份"));
}

#[test]
fn a_five_year_plan_or_a_total_since_ever_dates_no_figure() {
    let f = facts("2025年，“十四五”期间全省电网投资总额接近1.2万亿元。");
    assert_eq!(period(one(&f, "1.2万亿元")), "");
    let g = facts("2024年开发者盈利约300亿元，平台从过去到现在累计创造了1800亿元的收入。");
    assert_eq!(period(one(&g, "1800亿元")), "");
    assert_eq!(period(one(&g, "300亿元")), "2024");
}

#[test]
fn pay_is_not_revenue() {
    let f = facts("星岳科技CEO林远2024年股票加薪水总收入为4200万元。");
    assert_ne!(one(&f, "4200万元").metric.as_deref(), Some("revenue"));
}

#[test]
fn a_figure_after_a_list_of_companies_is_no_ones() {
    let f = facts("比亚迪、吉利汽车和长城汽车三家车企2024年合计销量同比增加12%，为720万辆。");
    assert_eq!(one(&f, "720万辆").entity, None);
}

#[test]
fn a_sentence_about_an_unknown_latin_name_is_not_the_last_companys() {
    let f = facts("小米2024年市占率为15%。zenvo今年市占率为3%。");
    assert_eq!(one(&f, "3%").entity, None);
    assert!(one(&f, "15%").entity.is_some());
}

#[test]
fn an_english_age_between_commas_is_an_age() {
    let f = facts(
        "Chief Executive Mara Quill, 61, said orders rose. Tolvin Labs, 12 of whose staff left, said nothing.",
    );
    let age = one(&f, "61");
    assert_eq!(age.unit, "age");
    assert_eq!(
        age.entity.as_ref().map(|e| e.id.as_str()),
        Some("person:Quill")
    );
    let g = facts("Pell Werner, Tolvin's 47-year-old finance chief, said margins held.");
    let age = one(&g, "47-year-old");
    assert_eq!(
        age.entity.as_ref().map(|e| e.id.as_str()),
        Some("person:Werner")
    );
}

#[test]
fn a_growth_triple_links_its_base_past_a_decimal_point() {
    let f = facts(
        "Tolvin Labs said cloud revenue climbed 18% to $1.94 billion from $1.71 billion a year earlier.",
    );
    let change = one(&f, "18%");
    let base = one(&f, "$1.71 billion");
    assert_eq!(change.compared_with.as_deref(), Some(base.id.as_str()));
    assert_ne!(
        period(one(&f, "$1.94 billion")),
        period(base),
        "a year earlier dates the base"
    );
}

#[test]
fn a_taiwan_year_on_year_word_is_a_basis() {
    let f = facts_of(
        "鼎嶽去年營收創新高\n經濟日報 記者王小明／台北報導 2026年1月10日\n",
        "鼎嶽2025年全年營收1.16兆元，年增15.2%。",
    );
    assert_eq!(one(&f, "15.2%").basis.as_deref(), Some("yoy"));
}
