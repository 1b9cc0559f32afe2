//! `--format html`: one self-contained page (no network fetches) with the
//! summary, every finding with its sentences, and for each entity and
//! metric with at least two figures a timeline of them.
//!
//! The page embeds its data as JSON and draws it with a small script of its
//! own (`html/report.js`): findings and timelines are paged and filtered by
//! rule, severity and entity, so an archive's 10,000 findings or 20,000
//! timelines open as fast as the seeds' five. Each timeline is an SVG the
//! script draws: a point per figure at its period, linked to its file and
//! line; figures in a finding are ringed in their severity's colour;
//! targets, forecasts and estimates are hollow diamonds on their own dashed
//! lane, apart from the actuals.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use super::diagnostics::label;
use super::source::Sources;
use crate::fact::Fact;
use crate::rules::Severity;
use crate::run::Outcome;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Where the page will be, so that its links to articles are relative to
/// it (and still work when the folder is moved with the report).
pub struct Page {
    /// The folder the report is written to (the current folder for stdout).
    pub folder: PathBuf,
}

pub fn html(out: &Outcome, page: &Page, w: &mut dyn Write) -> io::Result<()> {
    let data = Data::of(out, page);
    let json = serde_json::to_string(&data)?;
    // Inside <script>, `</script>` or `<!--` in an article would end it.
    let json = json.replace('<', "\\u003c");
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>factcheck: {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <noscript>This report draws its findings with JavaScript.</noscript>\n\
         <div id=\"app\"></div>\n\
         <script id=\"data\" type=\"application/json\">{json}</script>\n\
         <script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        escape(&super::summary_line(out)),
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Everything the page shows; files are numbered, so each path is written once.
#[derive(Serialize)]
struct Data<'a> {
    summary: Summary,
    files: Vec<String>,
    hrefs: Vec<String>,
    rules: Vec<Rule>,
    findings: Vec<FindingData<'a>>,
    timelines: Vec<Timeline>,
}

#[derive(Serialize)]
struct Summary {
    line: String,
    articles: usize,
    facts: usize,
    error: usize,
    warning: usize,
    info: usize,
    unread: Vec<String>,
}

#[derive(Serialize)]
struct Rule {
    id: &'static str,
    summary: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct FindingData<'a> {
    rule: &'static str,
    severity: &'static str,
    confidence: &'static str,
    title: &'a str,
    why: Option<&'a str>,
    notes: Vec<String>,
    entity: Option<String>,
    figures: Vec<Figure>,
}

#[derive(Serialize)]
struct Figure {
    file: usize,
    line: usize,
    column: usize,
    text: String,
    read: String,
    /// The words that decided its entity, metric, period and qualifier.
    evidence: String,
    /// The sentence around the figure, when its file could be read again.
    before: Option<String>,
    after: Option<String>,
    /// Index of the timeline the figure is drawn in.
    timeline: Option<usize>,
}

#[derive(Serialize)]
struct Timeline {
    entity: String,
    metric: String,
    unit: String,
    /// level, or change for growth rates and other changes.
    kind: &'static str,
    segment: Option<String>,
    /// The highest severity of a finding among its figures, if any.
    worst: Option<Severity>,
    points: Vec<Point>,
}

/// One figure on a timeline, written as a JSON array to keep 100,000s of
/// them small: [first day, last day (days since 1970), value, flags, file,
/// line, figure, what was read]; flags: 1 outlook, 2/4/6 in an
/// info/warning/error finding.
#[derive(Serialize)]
struct Point(i64, i64, f64, u8, usize, usize, String, String);

/// The key figures share a timeline by: same entity, metric, unit, level
/// or change, and segment.
type Key = (String, String, String, bool, Option<String>);

fn key(f: &Fact) -> Option<Key> {
    Some((
        f.entity.as_ref()?.id.clone(),
        f.metric.clone()?,
        f.unit.clone(),
        f.qualifier == crate::fact::Qualifier::Change,
        f.segment.clone(),
    ))
}

impl<'a> Data<'a> {
    fn of(out: &'a Outcome, page: &Page) -> Data<'a> {
        let mut files = Files::new(page);
        let worst = worst_finding(out);
        let timelines = timelines(out, &worst, &mut files);
        let index: HashMap<Key, usize> = timelines
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect();
        let findings = findings(out, &index, &mut files);
        let count = |s: Severity| out.findings.iter().filter(|f| f.severity == s).count();
        Data {
            summary: Summary {
                line: super::summary_line(out),
                articles: out.articles.len(),
                facts: out.fact_count,
                error: count(Severity::Error),
                warning: count(Severity::Warning),
                info: count(Severity::Info),
                unread: out.missing.iter().chain(&out.errors).cloned().collect(),
            },
            rules: super::statistics(out)
                .into_iter()
                .map(|c| Rule {
                    id: c.rule,
                    summary: crate::checks::find(c.rule).map_or("", |k| k.summary),
                    count: c.count,
                })
                .collect(),
            findings,
            timelines: timelines.into_iter().map(|(_, t)| t).collect(),
            files: files.shown,
            hrefs: files.hrefs,
        }
    }
}

/// For each fact in a finding, the highest severity among its findings.
fn worst_finding(out: &Outcome) -> HashMap<&str, Severity> {
    let mut worst: HashMap<&str, Severity> = HashMap::new();
    for finding in &out.findings {
        for id in &finding.facts {
            let s = worst.entry(id.as_str()).or_insert(finding.severity);
            *s = (*s).max(finding.severity);
        }
    }
    worst
}

fn findings<'a>(
    out: &'a Outcome,
    index: &HashMap<Key, usize>,
    files: &mut Files,
) -> Vec<FindingData<'a>> {
    let by_id = crate::fact::by_id(&out.facts);
    let mut sources = Sources::default();
    out.findings
        .iter()
        .map(|f| {
            let facts = super::facts_of(f, &by_id);
            let (title, why) = super::title_and_why(f);
            let mut notes = Vec::new();
            if let Some(c) = &f.confidence_why {
                notes.push(format!("{} confidence: {c}", f.confidence.as_str()));
            }
            if let Some(was) = f.demoted_from {
                notes.push(format!(
                    "{} below --min-confidence, reported as info",
                    was.as_str()
                ));
            }
            let mut figures: Vec<Figure> = facts
                .iter()
                .map(|fact| figure(fact, facts[0], &mut sources, index, files))
                .collect();
            if let Some(at) = f.at.as_ref().filter(|_| facts.is_empty()) {
                figures.push(Figure {
                    file: files.number(&at.path),
                    line: at.line,
                    column: at.column,
                    text: String::new(),
                    read: String::new(),
                    evidence: String::new(),
                    before: None,
                    after: None,
                    timeline: None,
                });
            }
            FindingData {
                rule: f.rule,
                severity: f.severity.as_str(),
                confidence: f.confidence.as_str(),
                title,
                why,
                notes,
                entity: facts
                    .first()
                    .and_then(|x| x.entity.as_ref())
                    .map(|e| e.name.clone()),
                figures,
            }
        })
        .collect()
}

fn figure(
    fact: &Fact,
    first: &Fact,
    sources: &mut Sources,
    index: &HashMap<Key, usize>,
    files: &mut Files,
) -> Figure {
    let around = sources.line_of(fact).map(|line| {
        let (from, to) = (fact.start - line.start, fact.end - line.start);
        (tail(&line.text[..from], 60), head(&line.text[to..], 60))
    });
    Figure {
        file: files.number(&fact.path),
        line: fact.line,
        column: fact.column,
        text: fact.text.clone(),
        read: label(fact, first),
        evidence: evidence(fact),
        before: around.as_ref().map(|a| a.0.clone()),
        after: around.map(|a| a.1),
        timeline: key(fact).and_then(|k| index.get(&k).copied()),
    }
}

/// "entity from its clause (“雷军”); period from its sentence (“全年”)".
fn evidence(fact: &Fact) -> String {
    let e = &fact.evidence;
    [
        ("entity", &e.entity),
        ("metric", &e.metric),
        ("period", &e.period),
        ("qualifier", &e.qualifier),
    ]
    .iter()
    .filter(|(_, b)| b.from != crate::fact::Source::None)
    .map(|(name, b)| match &b.text {
        Some(words) => format!("{name} from its {} (“{words}”)", b.from.as_str()),
        None => format!("{name} from its {}", b.from.as_str()),
    })
    .collect::<Vec<_>>()
    .join("; ")
}

/// The last `n` characters of `s`, from a sentence start when one is near.
fn tail(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let from = chars.len().saturating_sub(n);
    let cut = chars[from..]
        .iter()
        .rposition(|c| "。！？!?；;".contains(*c))
        .map_or(from, |i| from + i + 1);
    let text: String = chars[cut..].iter().collect();
    match cut > 0 && cut == from {
        true => format!("…{}", text.trim_start()),
        false => text.trim_start().to_string(),
    }
}

/// The first `n` characters of `s`, to a sentence end when one is near.
fn head(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let to = chars.len().min(n);
    let cut = chars[..to]
        .iter()
        .position(|c| "。！？!?；;".contains(*c))
        .map_or(to, |i| i + 1);
    let text: String = chars[..cut].iter().collect();
    match cut < chars.len() && cut == to {
        true => format!("{}…", text.trim_end()),
        false => text.trim_end().to_string(),
    }
}

/// Timelines with at least two figures: those with findings first (errors
/// before warnings), then the longest.
fn timelines(
    out: &Outcome,
    worst: &HashMap<&str, Severity>,
    files: &mut Files,
) -> Vec<(Key, Timeline)> {
    // In key order (not a HashMap's, which differs run to run): files are
    // numbered as the groups are visited, and the page must not change.
    let mut groups: std::collections::BTreeMap<Key, Vec<&Fact>> = Default::default();
    for f in &out.facts {
        if let (Some(k), Some(_)) = (key(f), f.period) {
            groups.entry(k).or_default().push(f);
        }
    }
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
    let mut list: Vec<(Key, Timeline)> = groups
        .into_iter()
        .filter(|(_, facts)| facts.len() >= 2)
        .map(|(k, facts)| {
            let mut top: Option<Severity> = None;
            let points = facts
                .iter()
                .map(|f| {
                    let p = f.period.expect("grouped facts have periods");
                    let mut flags = u8::from(f.qualifier.is_outlook());
                    if let Some(&s) = worst.get(f.id.as_str()) {
                        top = top.max(Some(s));
                        flags |= match s {
                            Severity::Info => 2,
                            Severity::Warning => 4,
                            Severity::Error => 6,
                        };
                    }
                    Point(
                        (p.start - epoch).num_days(),
                        (p.end - epoch).num_days(),
                        f.value.to_f64().unwrap_or(0.0),
                        flags,
                        files.number(&f.path),
                        f.line,
                        f.text.clone(),
                        label(f, f),
                    )
                })
                .collect();
            let first = facts[0];
            let timeline = Timeline {
                entity: first
                    .entity
                    .as_ref()
                    .map_or(String::new(), |e| e.name.clone()),
                metric: k.1.clone(),
                unit: k.2.clone(),
                kind: if k.3 { "change" } else { "level" },
                segment: k.4.clone(),
                worst: top,
                points,
            };
            (k, timeline)
        })
        .collect();
    list.sort_by(|(ka, a), (kb, b)| {
        // Errors first, then warnings, infos, and those in no finding.
        b.worst
            .cmp(&a.worst)
            .then(b.points.len().cmp(&a.points.len()))
            .then(ka.cmp(kb))
    });
    for (_, t) in &mut list {
        t.points.sort_by_key(|p| (p.0, p.1, p.4, p.5));
    }
    list
}

/// Article paths as shown, and as links relative to the report's folder.
struct Files {
    folder: PathBuf,
    cwd: PathBuf,
    numbers: HashMap<String, usize>,
    shown: Vec<String>,
    hrefs: Vec<String>,
}

impl Files {
    fn new(page: &Page) -> Files {
        let cwd = std::env::current_dir().unwrap_or_default();
        let folder = absolute(&cwd, &page.folder);
        Files {
            folder,
            cwd,
            numbers: HashMap::new(),
            shown: Vec::new(),
            hrefs: Vec::new(),
        }
    }

    fn number(&mut self, path: &str) -> usize {
        if let Some(&n) = self.numbers.get(path) {
            return n;
        }
        let target = absolute(&self.cwd, Path::new(path));
        let relative = pathdiff::diff_paths(&target, &self.folder).unwrap_or(target);
        let href = relative
            .components()
            .map(|c| {
                percent_encoding::utf8_percent_encode(&c.as_os_str().to_string_lossy(), URL_PATH)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("/");
        let n = self.shown.len();
        self.numbers.insert(path.to_string(), n);
        self.shown.push(path.to_string());
        self.hrefs.push(href);
        n
    }
}

/// What a link's path segment cannot hold as it is.
const URL_PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'/');

/// `path` made absolute against `cwd`, with `.` and `..` taken out (the
/// file may not exist any more, so it is not canonicalized).
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_around_a_figure() {
        assert_eq!(tail("上一句。这一句的开头", 60), "这一句的开头");
        assert_eq!(head("之后的话。下一句", 60), "之后的话。");
        assert_eq!(tail("abcdef", 3), "…def");
        assert_eq!(head("abcdef", 3), "abc…");
    }

    #[test]
    fn links_are_relative_to_the_report() {
        let cwd = Path::new("/work/news");
        assert_eq!(
            absolute(cwd, Path::new("./a/../b.txt")),
            Path::new("/work/news/b.txt")
        );
        let mut files = Files {
            folder: PathBuf::from("/work/out"),
            cwd: cwd.to_path_buf(),
            numbers: HashMap::new(),
            shown: Vec::new(),
            hrefs: Vec::new(),
        };
        assert_eq!(files.number("2024/a b.txt"), 0);
        assert_eq!(files.number("2024/a b.txt"), 0);
        assert_eq!(files.hrefs, ["../news/2024/a%20b.txt"]);
    }
}
