//! Extraction on short articles written for these tests (not from any
//! source): each asserts one piece of the grammar.

use factcheck::article::Article;
use factcheck::extract::{Lexicon, extract};
use factcheck::fact::{Approx, Fact, Qualifier};
use factcheck::rules::Rules;

fn facts(body: &str) -> Vec<Fact> {
    let rules = Rules::embedded().expect("embedded rules");
    let text = format!("测试稿件\n发布时间：2025-05-20 09:00\n\n{body}\n");
    let lex = Lexicon::new(rules);
    let article = Article::parse("t.txt", text, &lex.rules.words);
    extract(&article, &lex)
}

fn one<'a>(facts: &'a [Fact], text: &str) -> &'a Fact {
    facts.iter().find(|f| f.text == text).unwrap_or_else(|| {
        panic!(
            "no fact {text:?} in {:?}",
            facts.iter().map(|f| &f.text).collect::<Vec<_>>()
        )
    })
}

fn period(f: &Fact) -> String {
    f.period.map(|p| p.label()).unwrap_or_default()
}

#[test]
fn values_expand_and_bounds_follow_the_wording() {
    let f = facts(
        "星河电子(688999.SH)去年营收约1.2万亿元,净利润超过300亿元,研发投入近50亿元,员工12万多人。",
    );
    let rev = one(&f, "1.2万亿元");
    assert_eq!(rev.value.to_string(), "1200000000000");
    assert_eq!((rev.approx, rev.unit.as_str()), (Approx::About, "CNY"));
    assert_eq!(one(&f, "300亿元").approx, Approx::AtLeast);
    assert_eq!(one(&f, "50亿元").approx, Approx::AtMost);
    let staff = one(&f, "12万多人");
    assert_eq!(
        (staff.approx, staff.unit.as_str()),
        (Approx::AtLeast, "person")
    );
    assert_eq!(staff.high.map(|h| h.to_string()), Some("130000".into()));
}

#[test]
fn ranges_take_the_multiplier_of_their_far_end() {
    let f = facts("星河汽车(300999.SZ)预计今年交付8-9万辆,全年营收增长将在15%-20%之间。");
    let r = one(&f, "8-9万辆");
    assert_eq!(
        (r.low.unwrap().to_string(), r.high.unwrap().to_string()),
        ("80000".into(), "90000".into())
    );
    assert_eq!(r.approx, Approx::Range);
    assert_eq!(one(&f, "15%-20%").unit, "%");
}

#[test]
fn unknown_company_is_found_by_stock_code_and_pronoun() {
    let f = facts("青禾半导体(688777.SH)公布年报。该公司2024年营收为35.6亿元。");
    let rev = one(&f, "35.6亿元");
    assert_eq!(
        rev.entity.as_ref().map(|e| e.name.as_str()),
        Some("青禾半导体")
    );
    assert_eq!(rev.metric.as_deref(), Some("revenue"));
    assert_eq!(period(rev), "2024");
}

#[test]
fn conversions_restate_the_figure_before_them() {
    let f = facts("比亚迪今年一季度海外营收为20亿美元(约合人民币145亿元)。");
    let cny = one(&f, "人民币145亿元");
    let usd = one(&f, "20亿美元");
    assert_eq!(cny.converts.as_deref(), Some(usd.id.as_str()));
    assert_eq!(cny.metric, usd.metric);
    assert_eq!(period(cny), "2025-Q1");
}

#[test]
fn comparisons_and_growth_get_their_own_periods() {
    let f = facts("比亚迪2024年营收7771亿元,比前一年6023亿元增长29%。");
    assert_eq!(period(one(&f, "7771亿元")), "2024");
    assert_eq!(period(one(&f, "6023亿元")), "2023");
    let growth = one(&f, "29%");
    assert_eq!(
        (growth.qualifier, period(growth)),
        (Qualifier::Change, "2024".to_string())
    );
    assert_eq!(growth.metric.as_deref(), Some("revenue"));
}

#[test]
fn lists_with_fenbie_pair_up_in_order() {
    let f = facts(
        "2021年至2023年,星河电子(688999.SH)净利润分别为1.1亿元、2.2亿元、3.3亿元。毛利率和净利率,由去年同期的40%、20%分别降至35%和15%。",
    );
    assert_eq!(period(one(&f, "1.1亿元")), "2021");
    assert_eq!(period(one(&f, "3.3亿元")), "2023");
    assert_eq!(one(&f, "40%").metric.as_deref(), Some("gross_margin"));
    assert_eq!(one(&f, "20%").metric.as_deref(), Some("net_margin"));
    assert_eq!(period(one(&f, "40%")), "2024");
    assert_eq!(one(&f, "15%").metric.as_deref(), Some("net_margin"));
}

#[test]
fn targets_record_when_they_were_set() {
    let f = facts("年初,蔚来定下全年20万辆的交付目标。7月,蔚来把目标调整为25万辆。");
    let early = one(&f, "20万辆");
    assert_eq!(
        (early.qualifier, early.metric.as_deref()),
        (Qualifier::Target, Some("deliveries"))
    );
    assert_eq!(early.as_of.map(|p| p.label()), Some("2025-Q1".into()));
}

#[test]
fn numbers_that_are_not_figures_stay_out() {
    let f = facts("小米SU7与H20芯片在第3季度发布,热线400-800-1234,代码600519,2025年7月1日见。");
    assert!(
        f.is_empty(),
        "{:?}",
        f.iter().map(|f| &f.text).collect::<Vec<_>>()
    );
}

#[test]
fn losses_are_negative() {
    let f = facts("星河电子(688999.SH)2024年净亏损2.5亿元。");
    assert_eq!(one(&f, "2.5亿元").value.to_string(), "-250000000");
}

#[test]
fn a_minus_sign_after_a_word_is_negative_but_a_range_dash_is_not() {
    let f = facts(
        "青禾半导体(688777.SH)2月净利润为-2386.66万元,上半年净利润-172,801,107.65元,全年营收增长20%-30%,投资140亿-180亿元。",
    );
    assert_eq!(one(&f, "-2386.66万元").value.to_string(), "-23866600");
    assert_eq!(
        one(&f, "-172,801,107.65元").value.to_string(),
        "-172801107.65"
    );
    assert_eq!(one(&f, "140亿-180亿元").approx, Approx::Range);
    assert_eq!(one(&f, "20%-30%").approx, Approx::Range);
}

#[test]
fn chinese_numerals_and_mixed_forms() {
    let f = facts(
        "远岚新能源(300888.SZ)今年交付二十二万辆,员工两千名,去年净利润一千三百五十亿元,订单12万5千辆,约三成来自海外,市值3千亿元。",
    );
    assert_eq!(one(&f, "二十二万辆").value.to_string(), "220000");
    assert_eq!(one(&f, "两千名").value.to_string(), "2000");
    assert_eq!(
        one(&f, "一千三百五十亿元").value.to_string(),
        "135000000000"
    );
    assert_eq!(one(&f, "12万5千辆").value.to_string(), "125000");
    let share = one(&f, "三成");
    assert_eq!(
        (share.value.to_string(), share.unit.as_str()),
        ("30".into(), "%")
    );
    assert_eq!(one(&f, "3千亿元").value.to_string(), "300000000000");
}

#[test]
fn multiples_grow_by_or_grow_to() {
    let f = facts(
        "华澜生物(688555.SH)今年一季度营收同比增长了4倍,净利润增长到去年的3倍,研发投入翻番。",
    );
    let by = one(&f, "4倍");
    assert_eq!(
        (by.value.to_string(), by.unit.as_str(), by.qualifier),
        ("400".into(), "%", Qualifier::Change)
    );
    let to = one(&f, "3倍");
    assert_eq!(
        (to.value.to_string(), to.unit.as_str()),
        ("3".into(), "times")
    );
    let doubled = one(&f, "翻番");
    assert_eq!(
        (doubled.value.to_string(), doubled.qualifier),
        ("2".into(), Qualifier::Change)
    );
}

#[test]
fn fractions_and_halves_are_percents() {
    let f = facts("青禾半导体(688777.SH)股价跌了1/4,四分之一的收入来自海外,一半员工在研发。");
    assert_eq!(one(&f, "1/4").value.to_string(), "-25");
    assert_eq!(one(&f, "四分之一").value.to_string(), "25");
    assert_eq!(one(&f, "一半").value.to_string(), "50");
}

#[test]
fn falling_changes_are_negative_and_rising_ones_positive() {
    let f = facts(
        "星河电子(688999.SH)2024年营收同比下降12.5%,净利润同比增长8%,市值蒸发300亿元,毛利率下降2.1个百分点。",
    );
    assert_eq!(one(&f, "12.5%").value.to_string(), "-12.5");
    assert_eq!(one(&f, "8%").value.to_string(), "8");
    assert_eq!(one(&f, "300亿元").value.to_string(), "-30000000000");
    let pp = one(&f, "2.1个百分点");
    assert_eq!(
        (pp.value.to_string(), pp.unit.as_str()),
        ("-2.1".into(), "pp")
    );
}

#[test]
fn an_amount_without_a_unit_is_money_only_next_to_a_money_word() {
    let f = facts("星河电子(688999.SH)造车总支出大约300亿,在线观众超过10万。");
    let spend = one(&f, "300亿");
    assert_eq!(
        (spend.unit.as_str(), spend.metric.as_deref()),
        ("CNY", Some("spending"))
    );
    assert!(
        f.iter().all(|x| x.text != "10万"),
        "{:?}",
        f.iter().map(|x| &x.text).collect::<Vec<_>>()
    );
}

#[test]
fn one_written_as_a_word_is_an_article_not_a_count() {
    let f = facts("一家公司派出一位代表,两家公司共派出十多位代表。");
    let texts: Vec<&str> = f.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(texts, ["两家", "十多位"]);
    assert_eq!(
        one(&f, "十多位").high.map(|h| h.to_string()),
        Some("20".into())
    );
}

#[test]
fn fiscal_quarters_and_their_comparisons_follow_the_stated_year_end() {
    // Published 2025-05-20; an unknown retailer whose year ends January 31.
    let f = facts(
        "Brookfield Outfitters Inc. (NYSE: BKO), whose fiscal year ends January 31, said revenue for its fiscal fourth quarter rose 5% to $2.1 billion, compared with $2.0 billion a year earlier.\n\nFor the full fiscal year, revenue was $8.4 billion. The company expects sales of $8.8 billion in the current fiscal year.",
    );
    assert_eq!(period(one(&f, "$2.1 billion")), "2024-11-01..2025-01-31");
    assert_eq!(period(one(&f, "$2.0 billion")), "2023-11-01..2024-01-31");
    assert_eq!(period(one(&f, "$8.4 billion")), "2024-02-01..2025-01-31");
    assert_eq!(period(one(&f, "$8.8 billion")), "2025-02-01..2026-01-31");
}

#[test]
fn market_wraps_date_moves_to_the_day() {
    let f = facts(
        "The Shanghai Composite fell 1.2% and Brent crude slipped 0.8% to $71.04 a barrel. Acme Robotics Inc. shares closed 2.6% lower at $10.50 and have gained 31% this year.",
    );
    assert_eq!(period(one(&f, "0.8%")), "2025-05-20");
    assert_eq!(period(one(&f, "$71.04")), "2025-05-20");
    let move_ = one(&f, "2.6%");
    assert_eq!(
        (move_.qualifier, period(move_)),
        (Qualifier::Change, "2025-05-20".into())
    );
    assert_eq!(one(&f, "$10.50").metric.as_deref(), Some("stock_price"));
    assert_eq!(period(one(&f, "31%")), "2025-01-01..2025-05-20");
}

/// Found by the synthetic archive (examples/gen_archive.rs): a comparison
/// that opens a sentence or that a "when" clause picks up dates the figure
/// after it, and a broker's analysts give an estimate, not the company's own
/// figure nor what "the company" refers to later.
#[test]
fn a_comparison_opening_a_sentence_dates_it_and_analysts_are_a_source() {
    let f = facts(
        "越璟新材（002671.SZ）一季度归母净利润为19.2亿元。上年同期，公司归母净利润为15.55亿元。\n\
         Maplegate Foods Inc. (LSE: NFKR) said net income for the first quarter of 2025 was $19.4 billion. \
         Gross margin was 47.3% in the period, up 2.0 percentage points from a year ago, when net income was $25 billion.\n\
         Analysts at Barclays expect revenue of $36.4 billion for 2025. The company had 2,210 employees at the end of 2024.",
    );
    assert_eq!(period(one(&f, "19.2亿元")), "2025-Q1");
    assert_eq!(period(one(&f, "15.55亿元")), "2024-Q1");
    assert_eq!(period(one(&f, "$25 billion")), "2024-Q1");
    let estimate = one(&f, "$36.4 billion");
    assert_eq!(estimate.qualifier, Qualifier::Estimate);
    let staff = one(&f, "2,210 employees");
    assert_eq!(
        staff.entity.as_ref().map(|e| e.name.as_str()),
        Some("Maplegate Foods Inc")
    );
}

/// "the first nine months of 2024" is January to September; "full-year 2024"
/// is the year, also in an article published the next year.
#[test]
fn english_first_months_and_full_year() {
    let f = facts(
        "Pinebrook Energy Holdings (NYSE: SMPN) said revenue for the first nine months of 2024 was $394.3 billion.\n\
         Easthaven Semiconductor plc (NASDAQ: BSZT) reported revenue of $7.9 billion for full-year 2024.",
    );
    assert_eq!(period(one(&f, "$394.3 billion")), "2024-01-01..2024-09-30");
    assert_eq!(period(one(&f, "$7.9 billion")), "2024");
}

/// A six-digit mainland code that ends in a Taiwan ticker (2353 is Acer's)
/// names a new company, not the Taiwan one.
#[test]
fn a_mainland_code_is_not_a_taiwan_ticker_inside_it() {
    let f = facts("越璟新材（002353.SZ）一季度实现营业收入148.3亿元。");
    let e = one(&f, "148.3亿元").entity.as_ref().map(|e| e.name.clone());
    assert_eq!(e.as_deref(), Some("越璟新材"));
}
