//! The `factcheck` command line: parse flags, call the library, print, exit.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use factcheck::config::{self, FailOn, Project};
use factcheck::extract::Lexicon;
use factcheck::policy::baseline::Baseline;
use factcheck::policy::focus::Focus;
use factcheck::rules::Rules;
use factcheck::{article, checks, eval, report, run};

/// Fact-check the financial figures in news articles: extract every dated
/// money, percent and count claim, and flag figures that contradict each other.
#[derive(Parser, Debug)]
#[command(
    name = "factcheck",
    version,
    about,
    after_help = "Two stages, for archives too big for one machine:\n  \
        factcheck extract PATHS... --out facts.jsonl   extract only (run it per shard)\n  \
        factcheck check FACTS.jsonl...                 check facts files together\n\
        (a folder named `extract` or `check` is given as ./extract)"
)]
struct Cli {
    /// Article files or folders (searched recursively for .txt, .md, .html
    /// and .htm); `-` reads one article from standard input.
    #[arg(required_unless_present_any = ["list_rules", "explain", "eval"])]
    paths: Vec<PathBuf>,

    /// Only walk files matching GLOB; `!GLOB` excludes (repeatable;
    /// ripgrep's rules, relative to each folder given).
    #[arg(long = "glob", short = 'g', value_name = "GLOB", value_parser = parse_glob)]
    globs: Vec<String>,

    /// Also walk hidden files and folders.
    #[arg(long)]
    hidden: bool,

    /// Do not respect .gitignore, .ignore and git's exclude files.
    #[arg(long)]
    no_ignore: bool,

    /// Skip files larger than this (512K, 10M, 1G; default 10M).
    #[arg(long, value_name = "SIZE", value_parser = article::parse_size)]
    max_file_size: Option<u64>,

    /// Exit 2 when any file could not be read (unreadable, binary,
    /// undecodable, too large); without it those are warnings.
    #[arg(long)]
    strict: bool,

    /// Folder of rules files; default ./rules when present. Files missing
    /// there fall back to the copies built into the binary.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,

    /// Output format: full (each finding with its sentences), concise (one
    /// line a finding), table, or html (a page with timelines; use with
    /// --output-file) for people; json, jsonl (one object a line),
    /// sarif (GitHub code scanning), github (workflow annotations) or csv
    /// (the facts) for programs and CI.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    format: Format,

    /// Also print the table of extracted facts.
    #[arg(long)]
    facts: bool,

    /// Colors: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,

    /// Print the findings and nothing else: no summary line, no notes on
    /// standard error (errors still are), no progress bar.
    #[arg(short, long)]
    quiet: bool,

    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    output_file: Option<PathBuf>,

    /// Print how many findings each rule raised instead of the findings
    /// (as text, or with --format json as JSON).
    #[arg(long)]
    statistics: bool,

    /// Exit 1 when a finding is at or above this severity [default: error,
    /// or `fail_on` in factcheck.toml].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,

    /// The project file; by default the nearest factcheck.toml in the
    /// current folder or one above it.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,

    /// Ignore any factcheck.toml.
    #[arg(long)]
    no_config: bool,

    /// Keep extracted facts in this SQLite file and reuse them for files
    /// whose bytes and rules have not changed.
    #[arg(long, value_name = "FILE")]
    cache: Option<PathBuf>,

    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record this run's findings as the baseline (before --focus and
    /// --baseline are applied).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,

    /// Report only findings that involve a figure from these files or
    /// folders, still comparing them with every article given.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    focus: Vec<PathBuf>,

    /// Focus on the files git says changed since REV (plus untracked ones).
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,

    /// Never draw the progress bar (it is drawn only on a terminal anyway).
    #[arg(long)]
    no_progress: bool,

    /// List every check with its id, default severity and summary.
    #[arg(long)]
    list_rules: bool,

    /// Print the documentation of one check.
    #[arg(long, value_name = "ID")]
    explain: Option<String>,

    /// Report errors and warnings below this confidence (high, medium, low)
    /// as info; a finding's confidence comes from how explicitly the text
    /// names its figures' company, metric and period (default: high).
    #[arg(long, value_name = "LEVEL")]
    min_confidence: Option<factcheck::checks::Confidence>,

    /// Worker threads for reading and extracting (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// With `factcheck extract`: the facts file to write (`-` for standard
    /// output).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,

    /// Score extraction against a gold annotation file and print precision,
    /// recall and accuracies (with every disagreement when --facts is given).
    #[arg(long, value_name = "GOLD.json")]
    eval: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Full,
    Concise,
    Table,
    Json,
    Jsonl,
    Sarif,
    Github,
    Csv,
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    // A bug caught per article is reported once, in one line, by the run.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("factcheck: internal error: {info}")
    }));
    let (stage, cli) = parse_args();
    if let Some(n) = cli.threads {
        // Only fails if a pool exists already, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    match real_main(cli, stage) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("factcheck: error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// A plain run, or one of the two stages of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Run,
    Extract,
    Check,
}

/// `factcheck extract …` and `factcheck check …` take the flags of a plain
/// run; a first argument naming a stage selects it.
fn parse_args() -> (Stage, Cli) {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let stage = match args.get(1).and_then(|a| a.to_str()) {
        Some("extract") => Stage::Extract,
        Some("check") => Stage::Check,
        _ => Stage::Run,
    };
    if stage != Stage::Run {
        args.remove(1);
    }
    (stage, Cli::parse_from(args))
}

fn real_main(cli: Cli, stage: Stage) -> Result<u8, String> {
    if cli.list_rules {
        for c in checks::CHECKS {
            println!("{:<22} {:<8} {}", c.id, c.severity.as_str(), c.summary);
        }
        return Ok(0);
    }
    if let Some(id) = &cli.explain {
        let check =
            checks::find(id).ok_or_else(|| format!("no check `{id}` (see --list-rules)"))?;
        print!("{}", check.explain);
        return Ok(0);
    }
    let project = project(&cli)?;
    let rules_dir = cli
        .rules
        .clone()
        .or_else(|| project.config.rules.as_ref().map(|r| project.dir().join(r)))
        .or_else(|| {
            let local = PathBuf::from("rules");
            local.is_dir().then_some(local)
        });
    if let Some(dir) = rules_dir.as_ref().filter(|d| !d.is_dir()) {
        return Err(format!("{}: rules folder not found", dir.display()));
    }
    let mut rules = Rules::load(rules_dir.as_deref()).map_err(|e| e.to_string())?;
    if let Some(path) = &project.path {
        rules
            .overlay_checks(
                &path.display().to_string(),
                &project.text,
                &project.config.checks,
            )
            .map_err(|e| e.to_string())?;
    }
    let lex = Lexicon::new(rules);
    if let Some(gold) = &cli.eval {
        return evaluate(gold, &lex, cli.facts);
    }
    let fail_on = cli.fail_on.or(project.config.fail_on).unwrap_or_default();
    let options = options(&cli, project)?;
    let out = match stage {
        Stage::Run => run::run_with(&cli.paths, &lex, &options)?,
        Stage::Extract => return extract_stage(&cli, &lex, &options),
        Stage::Check => {
            let extracted = factcheck::stages::read(&cli.paths, &lex.rules.version)?;
            run::check_all(extracted, &lex, &options)?
        }
    };
    report_input_errors(&out.missing, &out.errors);
    if let Some(w) = &out.cache_warning {
        eprintln!("factcheck: warning: {w}");
    }
    if !cli.quiet {
        report_stats(&out, &options);
    }
    if !cli.quiet && out.articles.is_empty() && out.errors.is_empty() && out.missing.is_empty() {
        eprintln!(
            "factcheck: warning: no articles found (looked for .txt, .md, .html and .htm files)"
        );
    }
    print(&cli, &out)?;
    let failing = fail_on
        .threshold()
        .is_some_and(|t| out.findings.iter().any(|f| f.severity >= t));
    // A path that does not exist is a usage error; a file that cannot be
    // read is one bad file in an archive, fatal only when asked.
    Ok(
        if !out.missing.is_empty() || (cli.strict && !out.errors.is_empty()) {
            EXIT_ERROR
        } else if failing {
            EXIT_FINDINGS
        } else {
            0
        },
    )
}

/// Paths that do not exist are errors; files that could not be read, warnings.
fn report_input_errors(missing: &[String], unread: &[String]) {
    for e in missing {
        eprintln!("factcheck: error: {e}");
    }
    for e in unread {
        eprintln!("factcheck: warning: {e}");
    }
}

/// `factcheck extract`: the first stage only, written as a facts file.
fn extract_stage(cli: &Cli, lex: &Lexicon, options: &run::Options) -> Result<u8, String> {
    let out = cli
        .out
        .as_ref()
        .ok_or("factcheck extract needs --out FILE (the facts file to write; - for stdout)")?;
    let cannot = |e: std::io::Error| format!("{}: cannot write facts: {e}", out.display());
    let w: Box<dyn Write> = if out.as_os_str() == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(std::fs::File::create(out).map_err(cannot)?)
    };
    let mut facts_file = factcheck::stages::Writer::new(w, &lex.rules.version).map_err(cannot)?;
    let (mut facts, mut articles) = (0, 0);
    let extracted = run::extract_each(&cli.paths, lex, options, &mut |e| {
        facts += e.facts.len();
        articles += 1;
        facts_file.article(&e).map_err(cannot)
    })?;
    report_input_errors(&extracted.missing, &extracted.errors);
    if let Some(w) = &extracted.cache_warning {
        eprintln!("factcheck: warning: {w}");
    }
    facts_file
        .finish(&extracted.missing, &extracted.errors)
        .map_err(cannot)?;
    eprintln!(
        "factcheck: extracted {} from {}",
        count(facts, "fact"),
        count(articles, "article")
    );
    let failed = !extracted.missing.is_empty() || (cli.strict && !extracted.errors.is_empty());
    Ok(if failed { EXIT_ERROR } else { 0 })
}

/// A `--glob` as the walker will read it, checked before any file is.
fn parse_glob(g: &str) -> Result<String, String> {
    ignore::overrides::OverrideBuilder::new(".")
        .add(g)
        .map(|_| g.to_string())
        .map_err(|e| e.to_string())
}

/// The project file: --config, else the nearest factcheck.toml.
fn project(cli: &Cli) -> Result<Project, String> {
    if cli.no_config {
        return Ok(Project::default());
    }
    let found = match &cli.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir().ok().and_then(|d| config::find(&d)),
    };
    match found {
        Some(p) => Project::read(&p).map_err(|e| e.to_string()),
        None => Ok(Project::default()),
    }
}

fn options(cli: &Cli, project: Project) -> Result<run::Options, String> {
    let mut focus = match cli.focus.is_empty() {
        true => None,
        false => Some(Focus::of_paths(&cli.focus)?),
    };
    if let Some(rev) = &cli.changed_since {
        let changed = Focus::changed_since(rev)?;
        focus = Some(match focus {
            Some(f) => f.union(changed),
            None => changed,
        });
    }
    // factcheck.toml's include/exclude come first; --glob flags add to them.
    let mut globs: Vec<String> = project.config.include.clone();
    globs.extend(project.config.exclude.iter().map(|g| format!("!{g}")));
    globs.extend(cli.globs.iter().cloned());
    Ok(run::Options {
        input: article::Input {
            globs,
            hidden: cli.hidden,
            no_ignore: cli.no_ignore,
            max_file_size: cli.max_file_size.unwrap_or(article::DEFAULT_MAX_FILE_SIZE),
        },
        cache: cli.cache.clone(),
        // What only findings are shown by can reuse the cache's last run whole.
        findings_only: matches!(
            cli.format,
            Format::Full | Format::Concise | Format::Table | Format::Sarif | Format::Github
        ) && !cli.facts,
        progress: !cli.no_progress && !cli.quiet && std::io::stderr().is_terminal(),
        min_confidence: cli
            .min_confidence
            .or(project.config.min_confidence)
            .unwrap_or_default(),
        project,
        write_baseline: cli.write_baseline.clone(),
        baseline: cli.baseline.as_deref().map(Baseline::read).transpose()?,
        focus,
    })
}

/// What the policy hid, and what the cache saved, on stderr.
fn report_stats(out: &run::Outcome, options: &run::Options) {
    let s = out.stats;
    if options.cache.is_some() {
        let whole = match (s.reused_run, s.rechecked) {
            (true, _) => " (no file changed: the last run's findings)".to_string(),
            (_, Some(n)) => format!(
                " ({} checked again, with the articles naming the same entities; the last run's other findings kept)",
                count(n, "article")
            ),
            _ => String::new(),
        };
        eprintln!(
            "factcheck: cache: {} files reused, {} extracted{whole}",
            s.cached, s.extracted
        );
    }
    if s.demoted > 0 {
        eprintln!(
            "factcheck: {} below --min-confidence reported as info",
            count(s.demoted, "error or warning finding")
        );
    }
    if s.suppressed > 0 {
        eprintln!(
            "factcheck: {} silenced by factcheck-ignore comments",
            count(s.suppressed, "finding")
        );
    }
    if options.focus.is_some() {
        eprintln!(
            "factcheck: focus: {} not involving the focused files left out",
            count(s.unfocused, "finding")
        );
    }
    if options.baseline.is_some() {
        eprintln!(
            "factcheck: baseline: {} hidden; {} of the baseline no longer occur",
            count(s.baselined, "known finding"),
            count(s.stale, "entry")
        );
    }
    if let Some(p) = &options.write_baseline {
        eprintln!(
            "factcheck: wrote {} to {}",
            count(s.written, "finding"),
            p.display()
        );
    }
}

/// `1 finding`, `2 findings`, `3 entries`.
fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// The report, to standard output or --output-file.
fn print(cli: &Cli, out: &run::Outcome) -> Result<(), String> {
    let file = cli.output_file.as_ref();
    let cannot = |e: std::io::Error| match file {
        Some(p) => format!("{}: cannot write the report: {e}", p.display()),
        None => format!("cannot write output: {e}"),
    };
    let terminal = file.is_none() && std::io::stdout().is_terminal();
    let mut w: Box<dyn Write> = match file {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(cannot)?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let looks = Looks {
        color: match cli.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && colors_wanted(),
        },
        width: width(terminal),
    };
    write_report(cli, out, looks, &mut w)
        .and_then(|()| w.flush())
        .map_err(cannot)
}

/// Colors and the width to fit, decided once for the whole report.
#[derive(Clone, Copy)]
struct Looks {
    color: bool,
    width: Option<usize>,
}

impl Looks {
    /// A table's width: the page's, or (piped, to a file) lines kept whole.
    fn table_width(self) -> u16 {
        self.width
            .map_or(u16::MAX, |w| w.min(u16::MAX as usize) as u16)
    }
}

fn write_report(
    cli: &Cli,
    out: &run::Outcome,
    looks: Looks,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    if cli.statistics {
        let counts = report::statistics(out);
        return match cli.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *w, &counts)?;
                writeln!(w)
            }
            _ => report::statistics_text(&counts, w),
        };
    }
    match cli.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *w, &report::json(out))?;
            writeln!(w)?;
        }
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut *w, &report::sarif(out))?;
            writeln!(w)?;
        }
        Format::Jsonl => report::jsonl(out, w)?,
        Format::Github => report::annotations(out, &mut &mut *w)?,
        Format::Csv => report::facts_csv(out, w)?,
        Format::Html => {
            let folder = cli
                .output_file
                .as_ref()
                .and_then(|f| f.parent())
                .map_or(PathBuf::from("."), Path::to_path_buf);
            report::html(out, &report::Page { folder }, w)?;
        }
        Format::Full | Format::Concise | Format::Table => {
            if cli.facts {
                writeln!(w, "{}", report::facts_table(out, Some(looks.table_width())))?;
            }
            human(cli, out, looks, w)?;
        }
    }
    Ok(())
}

/// The findings for people, and the summary line.
fn human(cli: &Cli, out: &run::Outcome, looks: Looks, w: &mut dyn Write) -> std::io::Result<()> {
    match cli.format {
        Format::Concise => report::concise(out, w)?,
        Format::Table => {
            if let Some(t) = report::findings_table(out, Some(looks.table_width())) {
                writeln!(w, "{t}")?;
            }
        }
        _ => {
            let style = report::Style {
                color: looks.color,
                // rustc's width when nothing says how wide the page is.
                width: looks.width.unwrap_or(140),
            };
            report::diagnostics(out, style, w)?;
        }
    }
    if !cli.quiet {
        let line = report::summary_line(out);
        match looks.color {
            true => writeln!(w, "\x1b[1m{line}\x1b[0m")?,
            false => writeln!(w, "{line}")?,
        }
    }
    Ok(())
}

/// NO_COLOR (no-color.org) set to anything but empty, or a dumb terminal,
/// turns colors off.
fn colors_wanted() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    !no_color && !dumb
}

/// The width to fit: the terminal's, else `COLUMNS`; none when the report
/// is piped or written to a file and `COLUMNS` is not set.
fn width(terminal: bool) -> Option<usize> {
    let stdout = std::io::stdout();
    let window = terminal
        .then(|| terminal_size::terminal_size_of(&stdout))
        .flatten()
        .map(|(w, _)| w.0 as usize);
    let columns = || std::env::var("COLUMNS").ok()?.parse().ok();
    window.or_else(columns).filter(|w| *w > 0)
}

fn evaluate(gold_path: &Path, lex: &Lexicon, verbose: bool) -> Result<u8, String> {
    let gold = eval::load(gold_path)?;
    let out = eval::run_articles(&gold, lex)?;
    let score = eval::score(&gold, &out)?;
    if verbose {
        for n in &score.notes {
            println!("{n}");
        }
    }
    println!("{}", score.summary());
    Ok(0)
}
