//! Who a figure is about: lexicon names and aliases, organisations introduced
//! with a stock code or a legal name that the lexicon does not know, and their
//! later mentions (declared 简称, derived short forms, 该公司).
//!
//! No word segmenter (jieba-rs and the like) is used. Company names are the
//! words a general-purpose dictionary knows least: an unknown name tends to be
//! split into the dictionary words inside it (青禾/半导体). News marks new
//! organisations explicitly instead: a stock code
//! in brackets, a legal suffix (股份有限公司, Inc.), a declared short name
//! (以下简称"…"). Reading those markers finds the name and its short forms
//! exactly; a segmenter would add a dictionary of several megabytes and still
//! need them.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::words::Words;
use crate::rules::{EntityKind, Rules};

/// An entity known for this article: from the lexicon or found in the text.
#[derive(Debug, Clone)]
pub struct Known {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub affiliation: Option<String>,
    /// (month, day) the fiscal year ends on, when not December 31.
    pub fiscal_year_end: Option<(u32, u32)>,
}

/// The entity table of one article: the lexicon's entries, shared by every
/// article, then the names found in this one. (A per-article copy of the
/// lexicon once took a third of extraction time.)
#[derive(Debug)]
pub struct Table<'a> {
    lexicon: &'a [Known],
    found: Vec<Known>,
}

impl Table<'_> {
    /// Adds a company found in the text, known by `short` (its id is
    /// `org:short`) and shown as `name`; returns its index.
    pub fn add_company(&mut self, short: &str, name: String) -> usize {
        self.found.push(Known {
            id: format!("org:{short}"),
            name,
            kind: EntityKind::Company,
            affiliation: None,
            fiscal_year_end: None,
        });
        self.len() - 1
    }

    pub fn len(&self) -> usize {
        self.lexicon.len() + self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Known> {
        self.lexicon.iter().chain(&self.found)
    }
}

impl std::ops::Index<usize> for Table<'_> {
    type Output = Known;
    fn index(&self, i: usize) -> &Known {
        match i.checked_sub(self.lexicon.len()) {
            Some(j) => &self.found[j],
            None => &self.lexicon[i],
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct EntityMention {
    pub start: usize,
    pub end: usize,
    /// Index into the article's entity table.
    pub entity: usize,
}

/// The compiled lexicon of names.
#[derive(Debug)]
pub struct EntityLexicon {
    names: Words<usize>,
    tickers: HashMap<String, usize>,
    table: Vec<Known>,
}

/// A name followed by a stock code: 寒武纪(SHA: 688256), 中国儒意(00136.HK),
/// Coca-Cola (KO.N), Nvidia (Nasdaq: NVDA).
static STOCK_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)[(（]\s*
        (?:行情|股票代码|证券代码|代码)?\s*[:：]?\s*
        (?:(?:SHA|SHE|SSE|SZSE|SZ|SH|BJ|HKEX|HK|NYSE|NASDAQ|Nasdaq|AMEX|LSE|LON|OSE|OSL|TSE|TYO|TSX|ASX|SGX|KRX|KOSPI|TWSE|TPE|NSE|BSE|SIX|XETRA|ETR|EPA|AMS|STO|CPH|HEL|纽交所|港交所|纳斯达克|深交所|上交所|北交所)\s*[:：]\s*)?
        (?P<code>[0-9]{6}|[0-9]{4,5}(?:\.HK)?|[A-Z]{1,5}(?:\.[NO])?)
        (?:\.(?P<ex>SH|SZ|BJ|HK|N|O|US|TW|KS|T|L|OL|DE|PA|AS|AX|SI))?
        \s*(?:[,，][^()（）\n]{0,6})?[)）]",
    )
    .expect("valid regex")
});

/// Words that end a name's left edge when reading backwards from a stock code.
const NAME_STOPS: [&str; 46] = [
    "记者",
    "诊股",
    "：",
    "的",
    "与",
    "和",
    "及",
    "、",
    "是",
    "在",
    "为",
    "龙头",
    "巨头",
    "旗下",
    "称",
    "了",
    "对",
    "即",
    "讯",
    "公告",
    "披露",
    "晚间",
    "发布",
    "消息",
    // Descriptions written before a name: 储能设备制造商星澜科技.
    "制造商",
    "供应商",
    "服务商",
    "运营商",
    "开发商",
    "零售商",
    "经销商",
    "生产商",
    "提供商",
    "厂商",
    "品牌商",
    "企业",
    "公司",
    "集团",
    "厂家",
    "新贵",
    "独角兽",
    "黑马",
    "老牌",
    "明星",
    "上市公司",
    "概念股",
];

/// Last characters that show a "name" is the tail of a figure or a date.
const NOT_NAME_END: [char; 11] = [
    '元', '万', '亿', '%', '日', '月', '年', '辆', '人', '家', '次',
];
/// (控股 ends many real names, so 股 is judged by the first character.)
const NOT_NAME_START: [char; 6] = ['万', '亿', '千', '百', '元', '股'];

impl EntityLexicon {
    pub fn new(rules: &Rules) -> EntityLexicon {
        let mut pairs = Vec::new();
        let mut tickers = HashMap::new();
        let mut table = Vec::new();
        for (i, e) in rules.entities.iter().enumerate() {
            for name in std::iter::once(&e.zh)
                .chain(std::iter::once(&e.en))
                .chain(&e.aliases)
            {
                pairs.push((name.clone(), i));
            }
            for t in &e.tickers {
                let code = t.split('.').next().unwrap_or(t);
                tickers.insert(code.trim_start_matches('0').to_string(), i);
                tickers.insert(code.to_string(), i);
            }
            table.push(Known {
                id: e.id.clone(),
                name: e.zh.clone(),
                kind: e.kind,
                affiliation: e.affiliation.clone(),
                fiscal_year_end: e.fiscal_year_end.as_deref().and_then(month_day),
            });
        }
        EntityLexicon {
            names: Words::new(pairs),
            tickers,
            table,
        }
    }

    /// All mentions in `text[range]`, and the entity table they index (the
    /// lexicon's, plus organisations this article introduces by stock code).
    pub fn mentions(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
    ) -> (Vec<EntityMention>, Table<'_>) {
        let mut table = Table {
            lexicon: &self.table,
            found: Vec::new(),
        };
        let mut found: Vec<EntityMention> = self
            .names
            .find(text, range.clone())
            .into_iter()
            .map(|h| EntityMention {
                start: h.start,
                end: h.end,
                entity: *h.value,
            })
            .collect();
        let mut new_names = joint_ventures(text, &found, &mut table);
        new_names.extend(headings(text, range.clone(), &found, &mut table));
        new_names.extend(self.introduced(text, range.clone(), &found, &mut table));
        new_names.extend(legal_names(text, range.clone(), &found, &mut table));
        let known: Vec<String> = new_names.iter().map(|(n, _)| n.clone()).collect();
        new_names.extend(brand_names(text, range.clone(), &found, &known, &mut table));
        if !new_names.is_empty() {
            let words = Words::new(new_names);
            for h in words.find(text, range) {
                // 知微软件 is not 微软: a name found in the text that contains a
                // lexicon name where it stands replaces it.
                found.retain(|m| {
                    !(h.start <= m.start && m.end <= h.end && (h.start, h.end) != (m.start, m.end))
                });
                if !found.iter().any(|m| m.start < h.end && h.start < m.end) {
                    found.push(EntityMention {
                        start: h.start,
                        end: h.end,
                        entity: *h.value,
                    });
                }
            }
            found.sort_by_key(|m| m.start);
        }
        (found, table)
    }

    /// Organisations named right before a stock code that no lexicon name covers.
    fn introduced(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        found: &[EntityMention],
        table: &mut Table,
    ) -> Vec<(String, usize)> {
        let mut names = Vec::new();
        for c in STOCK_CODE.captures_iter(&text[range.clone()]) {
            let at = range.start + c.get(0).map_or(0, |m| m.start());
            let code = c["code"].split('.').next().unwrap_or_default();
            // 资本充足率(LCSM), 总资产（AUM）: a term and its acronym. A bare
            // letter code names a company only with an exchange around it.
            let marked = c
                .get(0)
                .is_some_and(|m| m.as_str().contains([':', '：', '.']));
            if code.chars().all(|ch| ch.is_ascii_alphabetic()) && !marked {
                continue;
            }
            // (2023) is a year; (TSE: 7291) and (00700.HK) are codes.
            let short_digits = code.len() < 6 && code.chars().all(|ch| ch.is_ascii_digit());
            if short_digits && !marked {
                continue;
            }
            if found.iter().any(|m| m.end == at) {
                continue;
            }
            let Some(name) = name_before(&text[range.start..at]) else {
                continue;
            };
            if names.iter().any(|(n, _)| n == &name) {
                continue;
            }
            // A known code under a name the lexicon does not spell (新城控股 for
            // 新城控股集团) is that entity; an unknown one is a new organisation.
            // Hong Kong codes are written 00700, 0700 or 700; a six-digit
            // mainland code (002353) is never a four-digit Taiwan one (2353).
            let known = self.tickers.get(code).or_else(|| {
                (code.len() <= 5)
                    .then(|| self.tickers.get(code.trim_start_matches('0')))
                    .flatten()
            });
            let index = match known {
                Some(&i) => i,
                None => table.add_company(&name, name.clone()),
            };
            names.push((name, index));
        }
        names
    }

    pub fn table(&self) -> &[Known] {
        &self.table
    }
}

/// The run of Han characters (or a capitalised Latin name) ending the text,
/// cut at the last particle such as 的 or 龙头.
fn name_before(text: &str) -> Option<String> {
    let text = text.trim_end();
    let han: String = {
        let mut rev: Vec<char> = text.chars().rev().take_while(|c| is_han(*c)).collect();
        rev.reverse();
        rev.into_iter().collect()
    };
    let name = if han.is_empty() {
        let latin: String = {
            let mut rev: Vec<char> = text
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-' || *c == '.')
                .collect();
            rev.reverse();
            rev.into_iter().collect()
        };
        // Capitalised words only: "shares of Acme Widgets" -> "Acme Widgets".
        let words: Vec<&str> = latin
            .split_whitespace()
            .rev()
            .take_while(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
            .collect();
        words.into_iter().rev().collect::<Vec<_>>().join(" ")
    } else {
        // Cut after the last stop word that leaves a name (星辰集团 keeps 集团).
        let cut = NAME_STOPS
            .iter()
            .filter_map(|s| han.rfind(s).map(|i| i + s.len()))
            .filter(|&i| han[i..].chars().count() >= 2)
            .max()
            .unwrap_or(0);
        han[cut..].to_string()
    };
    let chars = name.chars().count();
    let junk = name.ends_with(NOT_NAME_END)
        || name.starts_with(NOT_NAME_START)
        || name.chars().any(|c| c.is_ascii_digit());
    ((2..=12).contains(&chars) && !junk).then_some(name)
}

/// A Chinese legal name: 华澜生物医药（苏州）股份有限公司, 启曜汽车科技集团有限公司.
static ZH_LEGAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<name>[\p{Han}A-Za-z0-9]{2,24}?(?:[（(]\p{Han}{2,6}[）)][\p{Han}A-Za-z0-9]{0,8}?)?)(?P<suffix>集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司)",
    )
    .expect("valid regex")
});

/// The short name an article declares: （以下简称"启曜汽车"）, （股票简称：恒屹储能）.
static DECLARED_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^\s*[（(][^（()）\n]{0,24}?(?:以下简称|以下称|下称|简称|股票简称|证券简称)\s*[：:]?\s*["“「『]?(?P<short>[^"”」』）)，,\s]{2,12})"#,
    )
    .expect("valid regex")
});

/// An English legal name: Northgate Robotics Inc., Sunvale Battery Technology
/// Co., Ltd., Brightwater Apparel Group plc.
static EN_LEGAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<name>(?:[A-Z][A-Za-z0-9&'\-]+[ \t]+){0,4}[A-Z][A-Za-z0-9&'\-]+),?[ \t]+(?P<suffix>Co\.,?\s*Ltd\.?|Inc\.?|Ltd\.?|Limited|Corp\.?|Corporation|Holdings|plc|PLC|AG|SE|N\.V\.|NV|LLC|Bhd|ASA|AB|A/S|S\.A\.|SA|SpA|S\.p\.A\.|GmbH|Oyj|K\.K\.|Co\.|Company|Systems|Foods|Technologies|Motors|Pharmaceuticals|Semiconductor|Semiconductors|Electronics|Industries|Networks|Robotics|Therapeutics|Airlines|Chemicals|Logistics|Aerospace|Biosciences|Dairy|Brands|Apparel|Instruments|Devices|Petroleum|Mining|Steel)(?-u:\b)",
    )
    .expect("valid regex")
});

/// Words that end a legal name's left edge (上市公司X股份有限公司).
const LEGAL_STOPS: [&str; 22] = [
    "公司",
    "企业",
    "股东",
    "宣布",
    "表示",
    "获悉",
    "据悉",
    "日前",
    "近日",
    "今日",
    "昨日",
    "全资",
    "旗下",
    "披露",
    "发布",
    "公告",
    "收购",
    "拟",
    "向",
    "入股",
    "参股",
    "旗下的",
];

/// Industry words a short form drops: 恒屹储能科技 is called 恒屹储能.
const INDUSTRY_WORDS: [&str; 24] = [
    "生物医药",
    "汽车科技",
    "信息技术",
    "网络科技",
    "供应链",
    "新材料",
    "科技",
    "医药",
    "技术",
    "电子",
    "实业",
    "股份",
    "控股",
    "国际",
    "集团",
    "智能",
    "食品",
    "物流",
    "材料",
    "制造",
    "软件",
    "传媒",
    "化工",
    "机械",
];

/// Places a legal name starts with and its short form drops: 上海启衡生物医药.
const PLACES: [&str; 44] = [
    "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "苏州", "武汉", "成都", "西安",
    "江苏", "浙江", "广东", "山东", "河南", "河北", "湖南", "湖北", "四川", "福建", "安徽", "江西",
    "辽宁", "吉林", "山西", "陕西", "云南", "贵州", "广西", "海南", "甘肃", "香港", "台湾", "厦门",
    "宁波", "青岛", "大连", "无锡", "佛山", "东莞", "合肥", "长沙",
];

/// English words that start a sentence or describe a company, not name it.
const EN_NOT_NAME: [&str; 12] = [
    "The",
    "Shares",
    "Chinese",
    "Japanese",
    "British",
    "American",
    "Taiwanese",
    "Korean",
    "German",
    "Rival",
    "Its",
    "In",
];

/// Organisations introduced by legal name, with the short forms later text
/// uses for them (declared 简称, the name without its industry word, the
/// first word of an English name).
fn legal_names(
    text: &str,
    range: std::ops::Range<usize>,
    found: &[EntityMention],
    table: &mut Table,
) -> Vec<(String, usize)> {
    let mut names: Vec<(String, usize)> = Vec::new();
    let hay = &text[range.clone()];
    let zh = ZH_LEGAL.captures_iter(hay).filter_map(|c| {
        let m = c.name("name")?;
        let cut = LEGAL_STOPS
            .iter()
            .chain(NAME_STOPS.iter())
            .filter_map(|s| m.as_str().rfind(s).map(|i| i + s.len()))
            .max()
            .unwrap_or(0);
        let name = m.as_str()[cut..].to_string();
        let bare: String = strip_brackets(&name);
        // 东吴证券(7.530,-0.02)股份有限公司: a quote splits the name, leaving
        // only a legal word before 有限公司.
        if ["股份", "集团", "控股", "集团股份", "实业", "投资"].contains(&bare.as_str())
        {
            return None;
        }
        let declared = DECLARED_SHORT
            .captures(&hay[c.get(0)?.end()..])
            .map(|d| d["short"].to_string())
            .filter(|d| !GENERIC_SHORT.contains(&d.as_str()));
        let unplaced = PLACES
            .iter()
            .find_map(|p| bare.strip_prefix(p))
            .filter(|r| r.chars().count() >= 3)
            .map(str::to_string);
        let base = unplaced.clone().unwrap_or_else(|| bare.clone());
        let short = INDUSTRY_WORDS.iter().find_map(|w| {
            base.strip_suffix(w)
                .filter(|r| r.chars().count() >= 3)
                .map(str::to_string)
        });
        let full = format!("{name}{}", &c["suffix"]);
        Some((
            range.start + m.start() + cut,
            full,
            vec![Some(name), Some(bare), unplaced, short, declared],
        ))
    });
    let en = EN_LEGAL.captures_iter(hay).filter_map(|c| {
        let m = c.name("name")?;
        let words: Vec<&str> = m
            .as_str()
            .split_whitespace()
            .skip_while(|w| {
                EN_NOT_NAME.contains(w) || w.contains("-based") || w.contains("-listed")
            })
            .collect();
        let first = words
            .first()
            .filter(|w| w.len() >= 4)
            .map(|w| w.to_string());
        let two = (words.len() > 2).then(|| words[..2].join(" "));
        let name = words.join(" ");
        let full = format!("{name} {}", &c["suffix"]);
        (!name.is_empty()).then(|| {
            (
                range.start + m.end() - name.len(),
                full,
                vec![Some(name), two, first],
            )
        })
    });
    let mut candidates: Vec<_> = zh.chain(en).collect();
    candidates.sort_by_key(|(at, _, _)| *at);
    for (at, full, forms) in candidates {
        if found.iter().any(|f| f.start <= at && at < f.end)
            || names.iter().any(|(n, _)| full.contains(n.as_str()))
        {
            continue;
        }
        let forms: Vec<String> = forms
            .into_iter()
            .flatten()
            .filter(|f| f.chars().count() >= 2)
            .collect();
        let Some(short) = forms.last().cloned() else {
            continue;
        };
        let index = table.add_company(&short, full.clone());
        names.push((full, index));
        for f in forms {
            if !names.iter().any(|(n, _)| *n == f) {
                names.push((f, index));
            }
        }
    }
    names
}

static BRAND_SUFFIX_FINDER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(BRAND_SUFFIXES).expect("fixed suffix list compiles")
});

/// Words a company name ends with when an article names it without a legal
/// suffix or stock code (曜途汽车, 泓拓能源, 知微软件).
const BRAND_SUFFIXES: [&str; 90] = [
    "科技",
    "基金",
    "汽车",
    "银行",
    "证券",
    "电子",
    "集团",
    "控股",
    "医药",
    "生物",
    "智能",
    "半导体",
    "能源",
    "电池",
    "电器",
    "地产",
    "置业",
    "物流",
    "传媒",
    "食品",
    "保险",
    "航空",
    "动力",
    "材料",
    "制药",
    "机器人",
    "芯片",
    "通信",
    "软件",
    "电气",
    "重工",
    "光电",
    "精密",
    "化工",
    "药业",
    "储能",
    "新材",
    "乳业",
    "电通",
    "乳品",
    "酒业",
    "实业",
    "矿业",
    "钢铁",
    "家电",
    "服饰",
    "纺织",
    "餐饮",
    "电力",
    "环保",
    "建工",
    "航运",
    "物业",
    "百货",
    "光伏",
    "通讯",
    "牧业",
    "农业",
    "种业",
    "饮料",
    "啤酒",
    "电缆",
    "机械",
    "工业",
    "资源",
    "燃气",
    "水务",
    "租赁",
    "信托",
    "资本",
    "创投",
    "微电子",
    "电机",
    "汽配",
    "轮胎",
    "玻璃",
    "水泥",
    "纸业",
    "造船",
    "船舶",
    "海运",
    "快递",
    "影业",
    "游戏",
    "网络科技",
    "信息技术",
    "健康",
    "医疗",
    "器械",
    "生物科技",
];

/// Words before 基金 that name a kind of fund, not a fund manager (华夏基金).
const FUND_KINDS: [&str; 28] = [
    "产业", "投资", "社保", "养老", "私募", "公募", "货币", "指数", "股票", "债券", "混合", "引导",
    "发展", "专项", "创业", "并购", "主权", "对冲", "偏股", "权益", "设施", "公益", "慈善", "保障",
    "公积", "大", "子", "母",
];

/// Short names a filing declares that name no company in particular
/// (以下简称“本公司”): every issuer writes them.
const GENERIC_SHORT: [&str; 12] = [
    "本公司",
    "公司",
    "该公司",
    "本集团",
    "集团",
    "本行",
    "该行",
    "发行人",
    "上市公司",
    "本基金",
    "基金",
    "我公司",
];

/// Words before such a suffix that make a common noun, not a name
/// (新能源汽车, 国产芯片, 商业银行).
const GENERIC_HEADS: [&str; 90] = [
    "工程",
    "建筑",
    "农用",
    "重型",
    "医疗",
    "家用",
    "新能源",
    "能源",
    "国产",
    "传统",
    "电动",
    "燃油",
    "智能",
    "自主",
    "合资",
    "外资",
    "民营",
    "国有",
    "商业",
    "城市",
    "农村",
    "网络",
    "人工",
    "信息",
    "金融",
    "数字",
    "全球",
    "中国",
    "国内",
    "海外",
    "头部",
    "龙头",
    "二线",
    "一线",
    "上市",
    "整车",
    "乘用",
    "商用",
    "本土",
    "这家",
    "多家",
    "其他",
    "动力",
    "锂电",
    "光伏",
    "新兴",
    "消费",
    "工业",
    "汽车",
    "相关",
    "人形",
    "独立",
    "户用",
    "储能",
    "风电",
    "显示",
    "医疗",
    "创新",
    "车载",
    "算力",
    "数据",
    "手机",
    "电脑",
    "家电",
    "服务",
    "功率",
    "美国",
    "日本",
    "韩国",
    "德国",
    "法国",
    "英国",
    "欧洲",
    "欧美",
    "印度",
    "北美",
    "亚洲",
    "全国",
    "国际",
    "跨国",
    "外国",
    "大型",
    "中小",
    "小型",
    "新型",
    "高端",
    "公司",
    "集团",
    "企业",
    "行业",
];

/// Companies an article names by a brand and an industry word (曜途汽车),
/// with no stock code or legal suffix: a name is taken when the article writes
/// it in full at least twice, its start where its occurrences agree
/// (曜途汽车 and 官宣曜途汽车 give 曜途); its head (曜途) is then a short form.
fn brand_names(
    text: &str,
    range: std::ops::Range<usize>,
    found: &[EntityMention],
    known: &[String],
    table: &mut Table,
) -> Vec<(String, usize)> {
    let hay = &text[range.clone()];
    let mut names: Vec<(String, usize)> = Vec::new();
    // Occurrence counts of candidate names, each counted once per article:
    // a long article names its company dozens of times.
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut count = |s: &str| -> usize {
        if let Some(&n) = counts.get(s) {
            return n;
        }
        // memchr's searcher: this counts every candidate name in the text.
        let n = memchr::memmem::find_iter(hay.as_bytes(), s.as_bytes()).count();
        counts.insert(s.to_string(), n);
        n
    };
    // One scan for all suffixes, visited suffix by suffix as the list orders
    // them (earlier suffixes' names cover later ones).
    let mut hits: Vec<(usize, usize)> = BRAND_SUFFIX_FINDER
        .find_overlapping_iter(hay)
        .map(|m| (m.pattern().as_usize(), m.start()))
        .collect();
    hits.sort_unstable();
    for (suffix, at) in hits {
        let suffix = BRAND_SUFFIXES[suffix];
        let before: Vec<char> = hay[..at].chars().rev().take(4).collect();
        let han = before.iter().take_while(|c| is_han(**c)).count();
        // The longest head that every occurrence of its two last
        // characters shares.
        let head_of = |n: usize| -> String { before[..n].iter().rev().collect() };
        if han < 2 {
            continue;
        }
        let base = count(&format!("{}{suffix}", head_of(2)));
        let n = (2..=han.min(4))
            .rev()
            .find(|&n| count(&format!("{}{suffix}", head_of(n))) == base)
            .unwrap_or(2);
        let mut head = head_of(n);
        let mut full = format!("{head}{suffix}");
        // Named at least twice in full: one mention may be an ad or a
        // passing phrase (新浪银行理财师大赛). Named once in full
        // (大厂晶曜半导体), the head must then stand alone twice (晶曜第四季…).
        let mut uses = count(&full);
        if uses < 2
            && let Some(k) = (2..=han.min(4))
                .rev()
                .find(|&k| count(&head_of(k)) >= uses + 2)
        {
            head = head_of(k);
            full = format!("{head}{suffix}");
            uses = 2;
        }
        // 新浪科技讯 anywhere: a newsroom's dateline, so a source, never a subject.
        let newsroom = count(&format!("{full}讯")) > 0;
        let start = range.start + at - head.len();
        // 经销商集团, 中国市场智能: a role or a market, not a name.
        let generic = GENERIC_HEADS.iter().any(|g| head.ends_with(g))
            || (suffix == "基金" && FUND_KINDS.iter().any(|k| head.ends_with(k)))
            || ["商", "市场", "领域", "厂", "业"].iter().any(|e| head.ends_with(e))
            || PLACES.iter().any(|p| head.ends_with(p))
            || head.chars().any(|c| NOT_NAME_START.contains(&c) || "的了在和与及是对向将让被把据由从为说称而但也都又就于以其该这那家个款年月日季度".contains(c));
        // 控股股东, 汽车行业, 科技股: the suffix starts a longer word.
        let continues = [
            "股东",
            "子公司",
            "股份",
            "行业",
            "板块",
            "股",
            "业务",
            "产业",
            "领域",
            "市场",
            "类",
            "化",
            "协会",
            "联合会",
            "商会",
            "学会",
            "研究院",
            "联盟",
        ]
        .iter()
        .any(|w| hay[at + suffix.len()..].starts_with(w));
        let covered = continues
            || found.iter().any(|m| m.start <= start && start < m.end)
            || known
                .iter()
                .chain(names.iter().map(|(n, _)| n))
                .any(|k| k.contains(&full) || full.contains(k.as_str()));
        if uses < 2 || generic || covered || newsroom {
            continue;
        }
        let index = table.add_company(&head, full.clone());
        names.push((full, index));
        names.push((head, index));
    }
    names
}

/// A roundup's headings: a line that is only a name and a colon (云岑峰泰：)
/// starts the part about that company.
fn headings(
    text: &str,
    range: std::ops::Range<usize>,
    found: &[EntityMention],
    table: &mut Table,
) -> Vec<(String, usize)> {
    let mut names: Vec<(String, usize)> = Vec::new();
    let mut at = range.start;
    for line in text[range].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let Some(c) = HEADING.captures(line) else {
            continue;
        };
        let name = &c["name"];
        let known = found.iter().any(|m| start <= m.start && m.end <= at);
        let generic = NOT_HEADINGS.iter().any(|w| name.ends_with(w))
            || name.chars().any(|c| "的了是在和与说称示出到".contains(c));
        if known || generic || names.iter().any(|(n, _)| n == name) {
            continue;
        }
        // 华霖科技： is the 华霖 that other articles name by brand_names.
        let head = BRAND_SUFFIXES
            .iter()
            .filter_map(|x| name.strip_suffix(x))
            .find(|h| h.chars().count() >= 2)
            .unwrap_or(name);
        let index = table.add_company(head, name.to_string());
        names.push((name.to_string(), index));
        if head != name {
            names.push((head.to_string(), index));
        }
    }
    names
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<name>[\p{Han}A-Za-z][\p{Han}A-Za-z0-9·&]{1,11})\s*[：:]\s*$")
        .expect("valid regex")
});

/// Heading words that are not company names.
const NOT_HEADINGS: [&str; 24] = [
    "来源",
    "记者",
    "编辑",
    "作者",
    "责编",
    "注",
    "提示",
    "风险",
    "声明",
    "附",
    "备注",
    "点评",
    "观点",
    "要点",
    "摘要",
    "分析",
    "数据",
    "图",
    "表",
    "问",
    "答",
    "链接",
    "关键词",
    "标签",
];

/// 雷诺三星, 上汽大众, 华晨宝马: two known names written together name a
/// joint venture, which is neither of them.
fn joint_ventures(text: &str, found: &[EntityMention], table: &mut Table) -> Vec<(String, usize)> {
    let mut names: Vec<(String, usize)> = Vec::new();
    for w in found.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let han = text[a.start..b.end].chars().all(is_han);
        if a.end != b.start || a.entity == b.entity || !han {
            continue;
        }
        let name = text[a.start..b.end].to_string();
        if !names.iter().any(|(n, _)| *n == name) {
            let index = table.add_company(&name, name.clone());
            names.push((name, index));
        }
    }
    names
}

fn strip_brackets(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// "01-31" -> (1, 31).
fn month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.split_once('-')?;
    Some((m.parse().ok()?, d.parse().ok()?))
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_names_and_their_short_forms() {
        let rules = crate::rules::Rules::embedded().unwrap();
        let lex = EntityLexicon::new(&rules);
        let text = "日前，华澜生物医药（苏州）股份有限公司（简称\"华澜生物\"）公告。华澜生物营收增长。Northgate Robotics Inc. said Northgate grew.";
        let (mentions, table) = lex.mentions(text, 0..text.len());
        let ids: Vec<&str> = mentions
            .iter()
            .map(|m| table[m.entity].id.as_str())
            .collect();
        assert!(
            ids.iter().filter(|i| **i == "org:华澜生物").count() >= 2,
            "{ids:?}"
        );
        assert!(
            ids.iter()
                .filter(|i| i.starts_with("org:Northgate"))
                .count()
                >= 2,
            "{ids:?}"
        );
    }

    #[test]
    fn brands_named_twice_are_companies_and_common_nouns_are_not() {
        let rules = crate::rules::Rules::embedded().unwrap();
        let lex = EntityLexicon::new(&rules);
        let text = "周末官宣曜途汽车降价，新能源汽车市场震动。曜途汽车称，曜途S7销量翻番。新能源汽车渗透率过半。知微软件发布年报，知微软件营收增长。";
        let (mentions, table) = lex.mentions(text, 0..text.len());
        let ids: Vec<&str> = mentions
            .iter()
            .map(|m| table[m.entity].id.as_str())
            .collect();
        assert_eq!(
            ids.iter().filter(|i| **i == "org:曜途").count(),
            3,
            "{ids:?}"
        );
        assert!(ids.contains(&"org:知微"), "{ids:?}");
        assert!(!ids.contains(&"microsoft"), "知微软件 is not 微软: {ids:?}");
        assert!(!ids.iter().any(|i| i.contains("新能源")), "{ids:?}");
    }

    #[test]
    fn name_before_stock_code() {
        assert_eq!(
            name_before("国内AI芯片龙头星河芯"),
            Some("星河芯".to_string())
        );
        assert_eq!(
            name_before("7月22日,中国儒意"),
            Some("中国儒意".to_string())
        );
        assert_eq!(
            name_before("shares of Acme Widgets"),
            Some("Acme Widgets".to_string())
        );
        assert_eq!(name_before("的"), None);
        assert_eq!(name_before("上年同期亏损13.18亿元"), None);
    }
}
