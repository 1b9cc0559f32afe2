//! Writes a deterministic synthetic archive of business news for benchmarks
//! and recall checks:
//!
//! ```sh
//! cargo run --release --example gen_archive -- --articles 200000 --out /tmp/archive [--seed 1]
//! ```
//!
//! Articles (about 70% Chinese, 30% English; `.txt` with a header date line
//! or `.md` with YAML front matter) go to `OUT/YYYY/MM/NNNNNN.ext`. Each is
//! about one company's results for one period, with market commentary,
//! industry figures and analyst notes around it, about 6 KB on average, so
//! 200,000 articles are over 1 GB.
//!
//! Every figure is a function of what it is about (company, metric, period,
//! date), not of the article, so two articles about the same thing agree:
//! in a clean archive the checks have nothing true to find. A few percent
//! of articles are *plants*: they restate a figure of an earlier article
//! (same company, metric and period) with a drift: a dropped 亿/万 or a
//! million written for a billion (`magnitude`), another value (`conflict`),
//! or the year's target given as the result (`target-as-actual`). Each plant
//! is listed in `OUT/planted.jsonl` (not read as an article).
//!
//! Output depends only on the arguments: article `i` is generated from
//! `(seed, i)` alone, so articles are written in parallel and the archive is
//! byte-identical on every run. The PRNG is splitmix64, inline, so no `rand`
//! dependency (and no change of output when such a crate changes its
//! algorithms).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;

const USAGE: &str = "usage: gen_archive --articles N --out DIR [--seed S]";

/// Share of articles that are plants (from the 100th article on).
const PLANT_RATE: u64 = 3; // percent
/// Share of articles about a company with English news.
const ENGLISH_RATE: u64 = 30; // percent
// Each brand (星澜, Northgate) names one company: the extractor rightly
// takes 星澜 and Northgate as short forms, so two companies sharing one
// would be one entity. The syllable lists allow about 2,300 and 384 brands.
const CN_COMPANIES: usize = 1500;
const EN_COMPANIES: usize = 300;

struct Args {
    articles: usize,
    out: PathBuf,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut articles = None;
    let mut out = None;
    let mut seed = 1;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--articles" => {
                let v = value()?;
                articles = Some(
                    v.parse()
                        .map_err(|_| format!("--articles: not a number: {v}"))?,
                );
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => {
                let v = value()?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not a number: {v}"))?;
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    Ok(Args {
        articles: articles.ok_or(USAGE)?,
        out: out.ok_or(USAGE)?,
        seed,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_archive: {e}");
            return ExitCode::from(2);
        }
    };
    match generate(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_archive: {}: {e}", args.out.display());
            ExitCode::from(1)
        }
    }
}

fn generate(args: &Args) -> std::io::Result<()> {
    let started = std::time::Instant::now();
    let world = World::new(args.seed);
    std::fs::create_dir_all(&args.out)?;
    let results: Vec<std::io::Result<(u64, Option<String>)>> = (0..args.articles)
        .into_par_iter()
        .map(|i| {
            let a = world.article(i);
            let path = args.out.join(&a.rel_path);
            // Folders are made when a write first needs them.
            if let Err(e) = std::fs::write(&path, &a.text) {
                if e.kind() != std::io::ErrorKind::NotFound {
                    return Err(e);
                }
                std::fs::create_dir_all(path.parent().expect("article paths have a folder"))?;
                std::fs::write(&path, &a.text)?;
            }
            Ok((a.text.len() as u64, a.plant))
        })
        .collect();
    let mut bytes = 0;
    let mut manifest = String::new();
    let mut plants = 0;
    for r in results {
        let (n, plant) = r?;
        bytes += n;
        if let Some(p) = plant {
            manifest.push_str(&p);
            manifest.push('\n');
            plants += 1;
        }
    }
    std::fs::write(args.out.join("planted.jsonl"), manifest)?;
    println!(
        "{} articles, {} bytes ({:.1} MB, {:.0} bytes each), {} plants in {}, {:.1} s",
        args.articles,
        bytes,
        bytes as f64 / 1e6,
        bytes as f64 / args.articles.max(1) as f64,
        plants,
        args.out.join("planted.jsonl").display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

// ---------------------------------------------------------------- randomness

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A splitmix64 stream.
struct Rng(u64);

impl Rng {
    /// A stream named by a tag and numbers: the same names give the same stream.
    fn of(seed: u64, tag: &str, parts: &[u64]) -> Rng {
        let mut s = mix(seed ^ 0x9E37_79B9_7F4A_7C15);
        for b in tag.bytes() {
            s = mix(s ^ b as u64);
        }
        for &p in parts {
            s = mix(s.wrapping_add(p).wrapping_add(0x9E37_79B9_7F4A_7C15));
        }
        Rng(s)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// A fraction in [lo, hi).
    fn frac(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

// ---------------------------------------------------------------- the world

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    Zh,
    En,
}

struct Company {
    lang: Lang,
    /// The short name the article uses (星澜科技, Northgate Robotics).
    name: String,
    /// What introduces it the first time: 星澜科技（688321.SH）, Northgate
    /// Robotics Inc. (NASDAQ: NGRB).
    intro: String,
    /// Makes vehicles: reports deliveries.
    auto: bool,
    industry: usize,
}

/// What an article reports on: a company's results for a period.
#[derive(Clone, Copy)]
struct Subject {
    company: usize,
    year: i32,
    /// 0: first quarter, 1: first half, 2: first nine months, 3: full year.
    kind: u8,
}

impl Subject {
    fn prior(self) -> Subject {
        Subject {
            year: self.year - 1,
            ..self
        }
    }
    fn id(self) -> u64 {
        (self.company as u64) << 16 | (self.year as u64) << 2 | self.kind as u64
    }
    fn label(self) -> String {
        let k = ["Q1", "H1", "9M", "FY"][self.kind as usize];
        format!("{}{k}", self.year)
    }
}

struct World {
    seed: u64,
    companies: Vec<Company>,
}

const ZH_SYLLABLES: &[&str] = &[
    "星", "澜", "启", "曜", "岚", "鼎", "屹", "屿", "恒", "瑞", "泰", "博", "睿", "嘉", "诺", "润",
    "宏", "晟", "骏", "翔", "越", "芯", "云", "川", "岳", "昊", "珩", "璟", "峻", "霖", "朗", "熠",
    "钧", "岩", "沐", "栎", "潮", "衡", "昱", "禾", "晖", "拓", "弘", "凌", "溪", "舟", "穹", "砺",
];
/// Industry words, with whether such a company delivers vehicles.
const ZH_INDUSTRIES: &[(&str, bool)] = &[
    ("科技", false),
    ("汽车", true),
    ("医药", false),
    ("新材", false),
    ("电子", false),
    ("能源", false),
    ("食品", false),
    ("半导体", false),
    ("集团", false),
    ("股份", false),
];
const EN_HEADS: &[&str] = &[
    "North", "Bright", "Stone", "Silver", "Red", "Clear", "Iron", "Blue", "Green", "High", "West",
    "East", "Oak", "Pine", "Cedar", "Harbor", "Summit", "Falcon", "Granite", "Maple", "Copper",
    "Willow", "Ash", "Crest",
];
const EN_TAILS: &[&str] = &[
    "gate", "water", "ridge", "field", "brook", "stone", "wood", "haven", "point", "vale", "mont",
    "ford", "wick", "crest", "line", "peak",
];
const EN_INDUSTRIES: &[(&str, bool)] = &[
    ("Robotics", false),
    ("Motors", true),
    ("Foods", false),
    ("Energy", false),
    ("Semiconductor", false),
    ("Pharmaceuticals", false),
    ("Logistics", false),
    ("Software", false),
];
const EN_SUFFIXES: &[&str] = &["Inc.", "Holdings", "Corp.", "plc", "Group"];
const EN_EXCHANGES: &[&str] = &["NASDAQ", "NYSE", "LSE"];

impl World {
    fn new(seed: u64) -> World {
        // Synthetic companies must not be taken for ones the lexicon knows:
        // no known stock code, and no known name or alias inside a name.
        let rules = factcheck::rules::Rules::load(None).expect("the built-in rules load");
        let taken_codes: std::collections::HashSet<String> = rules
            .entities
            .iter()
            .flat_map(|e| &e.tickers)
            .map(|t| t.split('.').next().unwrap_or(t).to_string())
            .collect();
        let known_names: Vec<&str> = rules
            .entities
            .iter()
            .flat_map(|e| [&e.zh, &e.en].into_iter().chain(&e.aliases))
            .map(String::as_str)
            .filter(|n| n.chars().count() >= 2)
            .collect();
        let unknown = |name: &str| !known_names.iter().any(|k| name.contains(k));
        let mut companies = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut r = Rng::of(seed, "companies", &[]);
        while companies.len() < CN_COMPANIES {
            let (ind, auto) = *r.pick(ZH_INDUSTRIES);
            let brand = format!("{}{}", r.pick(ZH_SYLLABLES), r.pick(ZH_SYLLABLES));
            let name = format!("{brand}{ind}");
            let board = *r.pick(&[
                ("688", "SH"),
                ("600", "SH"),
                ("603", "SH"),
                ("300", "SZ"),
                ("002", "SZ"),
            ]);
            let digits = format!("{}{:03}", board.0, r.below(1000));
            if !unknown(&name) || taken_codes.contains(&digits) || !seen.insert(brand) {
                continue;
            }
            let code = format!("{digits}.{}", board.1);
            let intro = if r.chance(30) {
                format!("{name}股份有限公司（以下简称“{name}”，{code}）")
            } else {
                format!("{name}（{code}）")
            };
            companies.push(Company {
                lang: Lang::Zh,
                name,
                intro,
                auto,
                industry: ZH_INDUSTRIES.iter().position(|i| i.0 == ind).unwrap_or(0),
            });
        }
        while companies.len() < CN_COMPANIES + EN_COMPANIES {
            let (ind, auto) = *r.pick(EN_INDUSTRIES);
            let brand = format!("{}{}", r.pick(EN_HEADS), r.pick(EN_TAILS));
            let name = format!("{brand} {ind}");
            let ticker: String = (0..4).map(|_| (b'A' + r.below(26) as u8) as char).collect();
            if !unknown(&name) || taken_codes.contains(&ticker) || !seen.insert(brand) {
                continue;
            }
            let intro = format!(
                "{name} {} ({}: {ticker})",
                r.pick(EN_SUFFIXES),
                r.pick(EN_EXCHANGES)
            );
            companies.push(Company {
                lang: Lang::En,
                name,
                intro,
                auto,
                industry: EN_INDUSTRIES.iter().position(|i| i.0 == ind).unwrap_or(0),
            });
        }
        World { seed, companies }
    }

    fn rng(&self, tag: &str, parts: &[u64]) -> Rng {
        Rng::of(self.seed, tag, parts)
    }

    /// A company's revenue for a subject: in 万元 (Chinese companies) or in
    /// units of $0.1 million (English ones).
    fn revenue(&self, s: Subject) -> i64 {
        let mut base = self.rng("size", &[s.company as u64]);
        // Annual revenue in 2021: 3亿 to about 1500亿 (or $300m to $150bn).
        let annual_2021 = 30_000.0 * 500f64.powf(base.frac(0.0, 1.0));
        let mut annual = annual_2021;
        for y in 2022..=s.year {
            annual *= 1.0
                + self
                    .rng("growth", &[s.company as u64, y as u64])
                    .frac(-0.15, 0.45);
        }
        let share = [0.22, 0.47, 0.73, 1.0][s.kind as usize];
        let noise = self.rng("season", &[s.id()]).frac(0.96, 1.04);
        let v = annual * if s.kind == 3 { 1.0 } else { share * noise };
        // Written to four significant figures, as reports do.
        round_sig(v as i64, 4)
    }

    fn net_profit(&self, s: Subject) -> i64 {
        let margin = self
            .rng("margin", &[s.company as u64, s.year as u64])
            .frac(0.03, 0.22);
        round_sig((self.revenue(s) as f64 * margin) as i64, 4)
    }

    /// Gross margin in tenths of a percent.
    fn gross_margin(&self, s: Subject) -> i64 {
        let base = self.rng("gm", &[s.company as u64]).range(150, 520);
        base + self.rng("gm-year", &[s.id()]).range(-30, 30)
    }

    /// Vehicles delivered (auto makers only): revenue over an average price.
    fn deliveries(&self, s: Subject) -> i64 {
        let price = self.rng("price", &[s.company as u64]).range(12, 30); // 万元 or $10k
        let units = match self.companies[s.company].lang {
            Lang::Zh => self.revenue(s) / price,
            Lang::En => self.revenue(s) * 10 / price,
        };
        round_sig(units, 3)
    }

    /// The full-year revenue target set at the start of the year.
    fn revenue_target(&self, company: usize, year: i32) -> i64 {
        let fy = Subject {
            company,
            year,
            kind: 3,
        };
        let up = self.rng("target", &[fy.id()]).frac(0.08, 0.3);
        round_sig((self.revenue(fy) as f64 * (1.0 + up)) as i64, 2)
    }

    fn employees(&self, company: usize, year: i32) -> i64 {
        let fy = Subject {
            company,
            year,
            kind: 3,
        };
        round_sig(self.revenue(fy) / 150 + 200, 3)
    }

    fn is_plant(&self, i: usize) -> bool {
        i >= 100 && self.rng("plant", &[i as u64]).chance(PLANT_RATE)
    }

    /// The earlier, unplanted article a plant restates.
    fn source_of(&self, i: usize) -> usize {
        let back = 1 + self.rng("source", &[i as u64]).below(i.min(5000) as u64) as usize;
        let mut j = i - back;
        while self.is_plant(j) {
            j -= 1;
        }
        j
    }

    fn own_subject(&self, i: usize) -> Subject {
        let mut r = self.rng("subject", &[i as u64]);
        let company = if r.chance(ENGLISH_RATE) {
            CN_COMPANIES + r.below(EN_COMPANIES as u64) as usize
        } else {
            r.below(CN_COMPANIES as u64) as usize
        };
        let year = r.range(2022, 2025) as i32;
        // No full-year 2025 results yet: they are published in 2026.
        let kind = if year == 2025 { r.below(3) } else { r.below(4) } as u8;
        Subject {
            company,
            year,
            kind,
        }
    }

    fn article(&self, i: usize) -> Article {
        let plant = self.is_plant(i).then(|| {
            let source = self.source_of(i);
            let subject = self.own_subject(source);
            let mut r = self.rng("plant-kind", &[i as u64]);
            let kind = match r.below(10) {
                0..=3 => PlantKind::Magnitude,
                4..=7 => PlantKind::Conflict,
                _ if subject.kind == 3 => PlantKind::TargetAsActual,
                _ => PlantKind::Conflict,
            };
            let metric = if kind == PlantKind::TargetAsActual || r.chance(60) {
                Metric::Revenue
            } else {
                Metric::NetProfit
            };
            Plant {
                source,
                kind,
                metric,
                up: r.chance(50),
                drift: r.frac(0.08, 0.35),
            }
        });
        let subject = match &plant {
            Some(p) => self.own_subject(p.source),
            None => self.own_subject(i),
        };
        let mut w = Writer {
            world: self,
            r: self.rng("article", &[i as u64]),
            s: subject,
            c: &self.companies[subject.company],
            date: publication_date(self.rng("date", &[i as u64]), subject),
            plant: plant.as_ref(),
            out: String::with_capacity(8 * 1024),
            planted_text: None,
        };
        let md = w.r.chance(30);
        w.write(md);
        let rel_path = format!(
            "{}/{:02}/{i:06}.{}",
            w.date.0,
            w.date.1,
            if md { "md" } else { "txt" }
        );
        let manifest = plant.as_ref().map(|p| {
            let source_path = self.article(p.source).rel_path;
            format!(
                r#"{{"files":["{source_path}","{rel_path}"],"entity":"{}","metric":"{}","period":"{}","kind":"{}","planted":"{}"}}"#,
                w.c.name,
                p.metric.id(),
                subject.label(),
                p.kind.id(),
                w.planted_text.as_deref().unwrap_or("")
            )
        });
        Article {
            rel_path,
            text: w.out,
            plant: manifest,
        }
    }
}

struct Article {
    rel_path: String,
    text: String,
    /// The manifest line of a plant.
    plant: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum PlantKind {
    Magnitude,
    Conflict,
    TargetAsActual,
}

impl PlantKind {
    fn id(self) -> &'static str {
        match self {
            PlantKind::Magnitude => "magnitude",
            PlantKind::Conflict => "conflict",
            PlantKind::TargetAsActual => "target-as-actual",
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Metric {
    Revenue,
    NetProfit,
}

impl Metric {
    fn id(self) -> &'static str {
        match self {
            Metric::Revenue => "revenue",
            Metric::NetProfit => "net_profit",
        }
    }
}

struct Plant {
    source: usize,
    kind: PlantKind,
    metric: Metric,
    /// For a conflict: higher or lower, and by how much.
    up: bool,
    drift: f64,
}

/// (year, month, day, hour, minute): some weeks after the period ends.
fn publication_date(mut r: Rng, s: Subject) -> (i32, u32, u32, u32, u32) {
    let (year, month, first, span) = match s.kind {
        0 => (s.year, 4, 18, 12),
        1 => (s.year, 8, 12, 18),
        2 => (s.year, 10, 16, 14),
        _ => (s.year + 1, 3, 5, 24),
    };
    let day = first + r.below(span) as u32;
    let (month, day) = if day > 30 {
        (month + 1, day - 30)
    } else {
        (month, day)
    };
    (year, month, day, r.range(7, 22) as u32, r.below(60) as u32)
}

// ---------------------------------------------------------------- numbers

fn round_sig(v: i64, digits: u32) -> i64 {
    let v = v.max(1);
    let len = v.ilog10() + 1;
    if len <= digits {
        return v;
    }
    let unit = 10i64.pow(len - digits);
    (v + unit / 2) / unit * unit
}

fn thousands(v: i64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Tenths as "12.3".
fn tenths(v: i64) -> String {
    format!(
        "{}{}.{}",
        if v < 0 { "-" } else { "" },
        v.abs() / 10,
        v.abs() % 10
    )
}

/// Hundredths as "12.34", trailing zeros dropped.
fn hundredths(v: i64) -> String {
    let s = format!("{}.{:02}", v / 100, v % 100);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Change from `prior` to `now` in tenths of a percent.
fn change_tenths(now: i64, prior: i64) -> i64 {
    ((now as f64 / prior.max(1) as f64 - 1.0) * 1000.0).round() as i64
}

/// Money in 万元, in one of the ways Chinese news writes it. `exact` forms
/// only, when a plant must be able to drop the multiplier.
fn yuan(r: &mut Rng, wan: i64, exact: bool) -> String {
    let style = if exact { r.below(2) } else { r.below(6) };
    if wan >= 10_000 {
        let yi_hundredths = (wan + 50) / 100;
        match style {
            0 => format!("{}亿元", hundredths(yi_hundredths)),
            1 => format!("{}万元", thousands(wan)),
            2 => format!("约{}亿元", tenths((wan + 500) / 1000)),
            3 if wan >= 100_000 => format!("超过{}亿元", wan / 10_000),
            // 近13亿 only for 12.8亿 and up: a writer rounds up a little.
            4 if wan % 10_000 >= 8_000 => format!("近{}亿元", wan / 10_000 + 1),
            _ => format!("{}亿元", hundredths(yi_hundredths)),
        }
    } else {
        match style {
            0 | 1 => format!("{}万元", thousands(wan)),
            2 => format!("约{}万元", thousands(round_sig(wan, 2))),
            _ => format!("{}亿元", hundredths((wan + 50) / 100)),
        }
    }
}

/// Money in $0.1 million, as English news writes it.
fn dollars(r: &mut Rng, tenth_m: i64, exact: bool) -> String {
    let style = if exact { r.below(2) } else { r.below(5) };
    if tenth_m >= 10_000 {
        let bn_hundredths = (tenth_m + 50) / 100;
        match style {
            0 => format!("${} billion", hundredths(bn_hundredths)),
            1 => format!("US${}bn", hundredths(bn_hundredths)),
            2 => format!("about ${} billion", tenths((tenth_m + 500) / 1000)),
            3 => format!("more than ${} billion", tenth_m / 10_000),
            _ => format!("${} million", thousands(tenth_m / 10)),
        }
    } else {
        match style {
            0 | 1 => format!("${} million", tenths(tenth_m)),
            2 => format!("about ${} million", thousands(round_sig(tenth_m, 2) / 10)),
            _ => format!("US${}m", tenths(tenth_m)),
        }
    }
}

/// The figure with its multiplier dropped (亿元 -> 元, 万元 -> 元) or, in
/// English, a million written for a billion and the other way round.
fn slip(figure: &str) -> String {
    if figure.contains("亿元") {
        figure.replace("亿元", "元")
    } else if figure.contains("万元") {
        figure.replace("万元", "元")
    } else if figure.contains("billion") {
        figure.replace("billion", "million")
    } else if figure.contains("bn") {
        figure.replace("bn", "m")
    } else if figure.contains("million") {
        figure.replace("million", "billion")
    } else {
        figure.replace('m', "bn")
    }
}

// ---------------------------------------------------------------- writing

struct Writer<'a> {
    world: &'a World,
    r: Rng,
    s: Subject,
    c: &'a Company,
    date: (i32, u32, u32, u32, u32),
    plant: Option<&'a Plant>,
    out: String,
    planted_text: Option<String>,
}

const ZH_PERIODS: [&str; 4] = ["一季度", "上半年", "前三季度", "全年"];
const EN_PERIODS: [&str; 4] = [
    "the first quarter of",
    "the first half of",
    "the first nine months of",
    "full-year",
];
const ZH_OUTLETS: &[&str] = &[
    "财联社",
    "证券时报",
    "钛媒体",
    "界面新闻",
    "每日经济新闻",
    "中国证券报",
];
const BROKERS: &[&str] = &[
    "中信证券",
    "华泰证券",
    "国泰君安",
    "招商证券",
    "申万宏源",
    "广发证券",
];
const EN_BROKERS: &[&str] = &[
    "Morgan Stanley",
    "Goldman Sachs",
    "Jefferies",
    "Barclays",
    "UBS",
];

impl Writer<'_> {
    fn zh(&self) -> bool {
        self.c.lang == Lang::Zh
    }

    /// A figure of this article's subject, unless the plant changes it.
    fn money(&mut self, metric: Metric, s: Subject, lead: bool) -> String {
        let w = self.world;
        let truth = match metric {
            Metric::Revenue => w.revenue(s),
            Metric::NetProfit => w.net_profit(s),
        };
        let planted = self
            .plant
            .filter(|p| lead && p.metric == metric && s.year == self.s.year);
        let Some(p) = planted else {
            let exact = self.r.chance(40);
            return self.format_money(truth, exact);
        };
        let text = match p.kind {
            PlantKind::Magnitude => {
                let f = self.format_money(truth, true);
                slip(&f)
            }
            PlantKind::Conflict => {
                let factor = if p.up {
                    1.0 + p.drift
                } else {
                    1.0 - p.drift / 2.0
                };
                self.format_money(round_sig((truth as f64 * factor) as i64, 4), true)
            }
            PlantKind::TargetAsActual => {
                let t = w.revenue_target(s.company, s.year);
                self.format_money(t, true)
            }
        };
        self.planted_text = Some(text.clone());
        text
    }

    fn format_money(&mut self, v: i64, exact: bool) -> String {
        if self.zh() {
            yuan(&mut self.r, v, exact)
        } else {
            dollars(&mut self.r, v, exact)
        }
    }

    fn write(&mut self, md: bool) {
        let (y, m, d, hh, mm) = self.date;
        let title = self.title();
        if md {
            let _ = writeln!(
                self.out,
                "---\ntitle: \"{title}\"\ndate: {y}-{m:02}-{d:02}\ntags: [earnings]\n---"
            );
        } else {
            let _ = writeln!(self.out, "{title}");
            if self.zh() {
                if self.r.chance(50) {
                    let outlet = *self.r.pick(ZH_OUTLETS);
                    let _ = writeln!(self.out, "{outlet} {y}-{m:02}-{d:02} {hh:02}:{mm:02}");
                } else {
                    let _ = writeln!(self.out, "发布时间：{y}-{m:02}-{d:02} {hh:02}:{mm:02}:00");
                }
            } else {
                let _ = writeln!(self.out, "{} {d}, {y} | Newswire", MONTHS[m as usize - 1]);
            }
        }
        if self.zh() {
            self.zh_body();
        } else {
            self.en_body();
        }
    }

    fn title(&mut self) -> String {
        let (name, period) = (&self.c.name, self.s.kind as usize);
        if self.zh() {
            let p = ZH_PERIODS[period];
            let verb =
                *self
                    .r
                    .pick(&["业绩稳步增长", "交出成绩单", "盈利能力回升", "经营数据出炉"]);
            format!("{name}{}年{p}{verb}", self.s.year)
        } else {
            let verb = *self
                .r
                .pick(&["posts results", "reports earnings", "beats forecasts"]);
            format!("{name} {verb} for {} {}", EN_PERIODS[period], self.s.year)
        }
    }

    fn zh_body(&mut self) {
        let w = self.world;
        let s = self.s;
        let (y, m, d, _, _) = self.date;
        let p = ZH_PERIODS[s.kind as usize];
        // The lead: revenue and net profit with their changes.
        let rev = self.money(Metric::Revenue, s, true);
        let np = self.money(Metric::NetProfit, s, true);
        let rev_ch = change_tenths(w.revenue(s), w.revenue(s.prior()));
        let np_ch = change_tenths(w.net_profit(s), w.net_profit(s.prior()));
        let when = if self.r.chance(50) || s.kind == 3 {
            format!("{}年{p}", s.year)
        } else {
            format!("今年{p}")
        };
        let _ = writeln!(
            self.out,
            "{m}月{d}日晚间，{}披露{}年{}报告。报告显示，{when}公司实现营业收入{rev}，同比{}；归属于上市公司股东的净利润为{np}，同比{}。",
            self.c.intro,
            s.year,
            ["第一季度", "半年度", "第三季度", "年度"][s.kind as usize],
            zh_change(rev_ch),
            zh_change(np_ch),
        );
        let prior_np = self.money(Metric::NetProfit, s.prior(), false);
        let gm = w.gross_margin(s);
        let gm_ch = gm - w.gross_margin(s.prior());
        let _ = writeln!(
            self.out,
            "从盈利能力看，{}报告期内综合毛利率为{}%，较上年同期{}{}个百分点。上年同期，公司归母净利润为{prior_np}。{}",
            self.c.name,
            tenths(gm),
            if gm_ch >= 0 { "提升" } else { "下降" },
            tenths(gm_ch.abs()),
            zh_filler(&mut self.r, 2)
        );
        if self.c.auto {
            let units = w.deliveries(s);
            let prior = w.deliveries(s.prior());
            let _ = writeln!(
                self.out,
                "经营数据方面，{}{}年{p}累计交付新车{}辆，同比{}。{}",
                self.c.name,
                s.year,
                thousands(units),
                zh_change(change_tenths(units, prior)),
                zh_filler(&mut self.r, 1)
            );
        }
        if s.kind != 3 && self.r.chance(60) {
            let target = w.revenue_target(s.company, s.year);
            let t = yuan(&mut self.r, target, true);
            let _ = writeln!(
                self.out,
                "公司管理层在业绩说明会上表示，将维持{}年全年营业收入目标{t}不变，下半年将加快新产品导入节奏。",
                s.year
            );
        }
        let mut paragraphs: Vec<u8> = (0..11).collect();
        for k in (1..paragraphs.len()).rev() {
            paragraphs.swap(k, self.r.below(k as u64 + 1) as usize);
        }
        for k in paragraphs {
            match k {
                0 => self.zh_market(y, m, d),
                1 => self.zh_industry(y, m),
                2 => self.zh_analyst(),
                3 => self.zh_staff(),
                4 => self.zh_rd(),
                5 => self.zh_peer(),
                6 => self.zh_outlook(),
                _ => {
                    let f = zh_filler(&mut self.r, 6);
                    let _ = writeln!(self.out, "{f}");
                }
            }
        }
        if self.r.chance(40) {
            let _ = writeln!(self.out, "\n【相关阅读】");
            for _ in 0..3 {
                let other = &w.companies[self.r.below(CN_COMPANIES as u64) as usize].name;
                let _ = writeln!(
                    self.out,
                    "{other}{}年业绩预告出炉（{:02}-{:02} {:02}:{:02}）",
                    y,
                    m,
                    1 + self.r.below(28),
                    self.r.range(8, 22),
                    self.r.below(60)
                );
            }
        }
    }

    fn zh_market(&mut self, y: i32, m: u32, d: u32) {
        let mut day = self
            .world
            .rng("market", &[(y * 400 + m as i32 * 32 + d as i32) as u64]);
        let sh = day.range(290_000, 350_000); // hundredths of a point
        let sz = day.range(900_000, 1_150_000);
        let turnover = day.range(7_000, 16_000); // 亿元
        let turnover = if turnover >= 10_000 {
            format!("{}万亿元", hundredths(turnover / 100))
        } else {
            format!("{}亿元", thousands(turnover))
        };
        let up = day.range(-250, 250);
        let mut cap = self.world.rng(
            "cap",
            &[
                self.s.company as u64,
                (y * 400 + m as i32 * 32 + d as i32) as u64,
            ],
        );
        let price = cap.range(800, 25_000);
        let cap_yi = round_sig(
            self.world.revenue(self.s) / 10_000 * cap.range(2, 9) + 12,
            3,
        );
        let _ = writeln!(
            self.out,
            "二级市场方面，截至{m}月{d}日收盘，上证指数报{}点，{}{}%；深证成指报{}点，沪深两市全天成交额{turnover}。{}当日收报{}元/股，总市值约{}亿元。{}",
            hundredths(sh),
            if up >= 0 { "上涨" } else { "下跌" },
            hundredths(up.abs()),
            hundredths(sz),
            self.c.name,
            hundredths(price),
            thousands(cap_yi),
            zh_filler(&mut self.r, 2)
        );
    }

    fn zh_industry(&mut self, y: i32, m: u32) {
        let month = if m > 1 { m - 1 } else { 12 };
        let year = if m > 1 { y } else { y - 1 };
        let stat = |w: &World, yy: i32| {
            let base = w
                .rng("industry", &[self.c.industry as u64, month as u64])
                .range(50_000, 900_000);
            let drift = w
                .rng(
                    "industry-year",
                    &[self.c.industry as u64, yy as u64, month as u64],
                )
                .frac(0.9, 1.1);
            round_sig(
                (base as f64 * (1.0 + 0.12 * (yy - 2020) as f64) * drift) as i64,
                3,
            )
        };
        let now = stat(self.world, year);
        let before = stat(self.world, year - 1);
        let (what, unit) = if self.c.auto {
            ("国内新能源汽车销量", "辆")
        } else {
            ("行业规模以上企业出货量", "台")
        };
        let _ = writeln!(
            self.out,
            "从行业层面看，据行业协会统计，{year}年{month}月{what}为{}{unit}，同比{}。{}",
            thousands(now),
            zh_change(change_tenths(now, before)),
            zh_filler(&mut self.r, 3)
        );
    }

    fn zh_analyst(&mut self) {
        let w = self.world;
        let next = Subject {
            kind: 3,
            year: self.s.year,
            ..self.s
        };
        let est = round_sig(
            (w.revenue(next) as f64 * w.rng("estimate", &[next.id()]).frac(0.95, 1.1)) as i64,
            3,
        );
        let broker = *self.r.pick(BROKERS);
        let e = yuan(&mut self.r, est, true);
        let _ = writeln!(
            self.out,
            "{broker}在研报中指出，{}在手订单充足，新产能将于{}年陆续释放，预计公司{}年营业收入为{e}，维持“买入”评级。{}",
            self.c.name,
            self.s.year + 1,
            self.s.year,
            zh_filler(&mut self.r, 2)
        );
    }

    /// A competitor's figures for the same period, from the same truth.
    fn zh_peer(&mut self) {
        let w = self.world;
        let other = self.r.below(CN_COMPANIES as u64) as usize;
        if other == self.s.company {
            return;
        }
        let peer = Subject {
            company: other,
            ..self.s
        };
        let rev = yuan(&mut self.r, w.revenue(peer), false);
        let ch = change_tenths(w.revenue(peer), w.revenue(peer.prior()));
        let _ = writeln!(
            self.out,
            "横向对比来看，同行业的{}{}年{}实现营业收入{rev}，同比{}。{}",
            w.companies[other].intro,
            peer.year,
            ZH_PERIODS[peer.kind as usize],
            zh_change(ch),
            zh_filler(&mut self.r, 3)
        );
    }

    /// Guidance for the year, as a range.
    fn zh_outlook(&mut self) {
        let w = self.world;
        let s = self.s;
        let year = if s.kind == 3 { s.year + 1 } else { s.year };
        let fy = Subject {
            kind: 3,
            year: year.min(2025),
            ..s
        };
        if self.c.auto {
            let units = w.deliveries(fy);
            let lo = (units as f64 * 0.9 / 10_000.0).floor() as i64;
            let _ = writeln!(
                self.out,
                "展望{year}年，公司预计全年交付量为{}-{}万辆，新车型将于{}月上市。{}",
                lo.max(1),
                lo.max(1) + 2,
                self.r.range(3, 9),
                zh_filler(&mut self.r, 3)
            );
        } else {
            let growth = w.rng("guidance", &[fy.id()]).range(5, 25);
            let _ = writeln!(
                self.out,
                "展望{year}年，公司管理层预计全年营业收入同比增长{}%-{}%，{}年{}月起新产线将逐步投产。{}",
                growth,
                growth + 10,
                year,
                self.r.range(3, 11),
                zh_filler(&mut self.r, 3)
            );
        }
    }

    fn zh_staff(&mut self) {
        let n = self.world.employees(self.s.company, self.s.year - 1);
        let _ = writeln!(
            self.out,
            "截至{}年末，{}员工总数为{}人，其中研发人员占比超过三成。{}",
            self.s.year - 1,
            self.c.name,
            thousands(n),
            zh_filler(&mut self.r, 2)
        );
    }

    fn zh_rd(&mut self) {
        let w = self.world;
        let rev = w.revenue(self.s);
        let share = w.rng("rd", &[self.s.company as u64]).range(30, 120); // tenths of %
        let rd = round_sig(rev * share / 1000, 3);
        let p = ZH_PERIODS[self.s.kind as usize];
        let r = yuan(&mut self.r, rd, true);
        let _ = writeln!(
            self.out,
            "研发方面，{}{}年{p}研发投入{r}，占营业收入的比例约为{}%。{}",
            self.c.name,
            self.s.year,
            tenths(share),
            zh_filler(&mut self.r, 2)
        );
    }

    fn en_body(&mut self) {
        let w = self.world;
        let s = self.s;
        let (y, m, d, _, _) = self.date;
        let period = format!("{} {}", EN_PERIODS[s.kind as usize], s.year);
        let rev = self.money(Metric::Revenue, s, true);
        let np = self.money(Metric::NetProfit, s, true);
        let rev_ch = change_tenths(w.revenue(s), w.revenue(s.prior()));
        let np_ch = change_tenths(w.net_profit(s), w.net_profit(s.prior()));
        let _ = writeln!(
            self.out,
            "{} said on {} {d} that revenue for {period} was {rev}, {} from a year earlier. Net income for the period was {np}, {}.",
            self.c.intro,
            MONTHS[m as usize - 1],
            en_change(rev_ch),
            en_change(np_ch),
        );
        let gm = w.gross_margin(s);
        let gm_ch = gm - w.gross_margin(s.prior());
        let prior_np = self.money(Metric::NetProfit, s.prior(), false);
        let _ = writeln!(
            self.out,
            "Gross margin was {}% in the period, {} {} percentage points from a year ago, when net income was {prior_np}. {}",
            tenths(gm),
            if gm_ch >= 0 { "up" } else { "down" },
            tenths(gm_ch.abs()),
            en_filler(&mut self.r, 2)
        );
        if self.c.auto {
            let units = w.deliveries(s);
            let prior = w.deliveries(s.prior());
            let _ = writeln!(
                self.out,
                "{} delivered {} vehicles in {period}, {}. {}",
                self.c.name,
                thousands(units),
                en_change(change_tenths(units, prior)),
                en_filler(&mut self.r, 1)
            );
        }
        let mut paragraphs: Vec<u8> = (0..11).collect();
        for k in (1..paragraphs.len()).rev() {
            paragraphs.swap(k, self.r.below(k as u64 + 1) as usize);
        }
        for k in paragraphs {
            match k {
                0 => {
                    let key = (y * 400 + m as i32 * 32 + d as i32) as u64;
                    let mut day = w.rng("us-market", &[key]);
                    let spx = day.range(380_000, 620_000); // hundredths
                    let mv = day.range(-180, 180);
                    let _ = writeln!(
                        self.out,
                        "On {} {d}, {y}, the S&P 500 closed at {}, {} {}% on the day, while the 10-year Treasury yield stood at {}%. {}",
                        MONTHS[m as usize - 1],
                        thousands_hundredths(spx),
                        if mv >= 0 { "up" } else { "down" },
                        hundredths(mv.abs()),
                        hundredths(day.range(350, 480)),
                        en_filler(&mut self.r, 2)
                    );
                }
                1 => {
                    let fy = Subject { kind: 3, ..s };
                    let est = round_sig(
                        (w.revenue(fy) as f64 * w.rng("estimate", &[fy.id()]).frac(0.95, 1.1))
                            as i64,
                        3,
                    );
                    let broker = *self.r.pick(EN_BROKERS);
                    let e = dollars(&mut self.r, est, true);
                    let _ = writeln!(
                        self.out,
                        "Analysts at {broker} expect full-year {} revenue of {e}, citing a strong order book. {}",
                        s.year,
                        en_filler(&mut self.r, 2)
                    );
                }
                2 => {
                    let n = w.employees(s.company, s.year - 1);
                    let _ = writeln!(
                        self.out,
                        "The company had {} employees at the end of {}. {}",
                        thousands(n),
                        s.year - 1,
                        en_filler(&mut self.r, 2)
                    );
                }
                3 => {
                    let other = CN_COMPANIES + self.r.below(EN_COMPANIES as u64) as usize;
                    if other != s.company {
                        let peer = Subject {
                            company: other,
                            ..s
                        };
                        let rev = dollars(&mut self.r, w.revenue(peer), false);
                        let _ = writeln!(
                            self.out,
                            "Rival {} reported revenue of {rev} for {period}, {}. {}",
                            w.companies[other].intro,
                            en_change(change_tenths(w.revenue(peer), w.revenue(peer.prior()))),
                            en_filler(&mut self.r, 2)
                        );
                    }
                }
                4 => {
                    let year = if s.kind == 3 { s.year + 1 } else { s.year };
                    let g = w
                        .rng("guidance", &[Subject { kind: 3, year, ..s }.id()])
                        .range(5, 25);
                    let _ = writeln!(
                        self.out,
                        "For {year}, management guided to revenue growth of {g}% to {}%, and said a new plant would open in {}. {}",
                        g + 10,
                        MONTHS[self.r.below(12) as usize],
                        en_filler(&mut self.r, 3)
                    );
                }
                _ => {
                    let f = en_filler(&mut self.r, 5);
                    let _ = writeln!(self.out, "{f}");
                }
            }
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn zh_change(tenths_pct: i64) -> String {
    if tenths_pct >= 0 {
        format!("增长{}%", tenths(tenths_pct))
    } else {
        format!("下降{}%", tenths(-tenths_pct))
    }
}

fn en_change(tenths_pct: i64) -> String {
    if tenths_pct >= 0 {
        format!("up {}%", tenths(tenths_pct))
    } else {
        format!("down {}%", tenths(-tenths_pct))
    }
}

fn thousands_hundredths(v: i64) -> String {
    format!("{}.{:02}", thousands(v / 100), v % 100)
}

/// Market commentary without figures of its own, as news pads its stories.
const ZH_FILLER: &[&str] = &[
    "业内人士指出，随着下游需求逐步回暖，行业景气度有望在未来几个季度进一步改善。",
    "公司方面表示，将继续加大研发投入，推动核心产品迭代升级，巩固在细分领域的竞争优势。",
    "分析人士认为，原材料价格波动和海外市场的不确定性仍是影响公司业绩的主要因素。",
    "报告期内，公司持续优化产品结构，高端产品收入占比稳步提升，盈利能力有所增强。",
    "市场人士表示，在政策支持和技术进步的双重推动下，行业集中度将继续提高，龙头企业有望受益。",
    "公司在互动平台回复投资者提问时称，目前生产经营情况正常，各项业务有序推进。",
    "有券商分析师指出，公司新产能的释放节奏将决定其下半年业绩弹性，建议投资者关注订单落地情况。",
    "与此同时，公司积极拓展海外市场，已在东南亚和欧洲设立多个销售服务网点。",
    "值得注意的是，行业价格竞争依然激烈，部分中小企业已开始退出市场。",
    "公司董事长在股东大会上表示，未来三年将坚持主业，稳健经营，不盲目扩张。",
    "多位受访人士表示，消费端的复苏仍需时间，企业应做好应对周期波动的准备。",
    "从资金面看，北向资金近期对该板块的配置比例有所上升，机构持仓集中度提高。",
    "公司同时披露，应收账款周转效率有所提升，经营活动现金流状况明显好转。",
    "据了解，公司正在推进数字化转型，生产线自动化水平持续提高，单位成本有所下降。",
    "对于后市，有私募人士表示，短期市场情绪仍有反复，但中长期配置价值逐步显现。",
    "此外，公司表示将进一步完善治理结构，加强投资者关系管理，提升信息披露质量。",
];

const EN_FILLER: &[&str] = &[
    "Executives said demand held up better than expected despite a softer pricing environment.",
    "The company said it would keep investing in new products while tightening control of operating costs.",
    "Analysts noted that currency swings and input costs remain the main risks to the outlook.",
    "Management told investors on a conference call that the order pipeline remained healthy.",
    "Shares have been volatile this year as investors weigh the pace of the recovery in end markets.",
    "The chief executive said the group would stay disciplined on acquisitions and focus on its core business.",
    "Several investors said the update eased concerns about margins after a difficult previous year.",
    "The company has expanded its footprint in Europe and Southeast Asia over the past two years.",
    "Industry consultants expect consolidation to continue as smaller rivals struggle to compete on price.",
    "The board reaffirmed its capital allocation priorities, including a steady dividend.",
    "Competition in the sector remains intense, and pricing pressure is unlikely to ease soon.",
    "Investors will be watching whether new capacity comes online on schedule later this year.",
];

/// `n` different sentences of `pool`.
fn distinct(r: &mut Rng, pool: &[&'static str], n: usize) -> Vec<&'static str> {
    let start = r.below(pool.len() as u64) as usize;
    // A step coprime with the pool's size visits each sentence once.
    let steps = [1, 5, 7, 11];
    let step = *r.pick(&steps);
    (0..n.min(pool.len()))
        .map(|k| pool[(start + k * step) % pool.len()])
        .collect()
}

fn zh_filler(r: &mut Rng, n: usize) -> String {
    distinct(r, ZH_FILLER, n).concat()
}

fn en_filler(r: &mut Rng, n: usize) -> String {
    distinct(r, EN_FILLER, n).join(" ")
}
