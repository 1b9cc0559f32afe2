//! The `factcheck` command line: parse flags, call the library, print, exit.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use factcheck::extract::Lexicon;
use factcheck::rules::{Rules, Severity};
use factcheck::{article, checks, eval, report, run};

/// Fact-check the financial figures in news articles: extract every dated
/// money, percent and count claim, and flag figures that contradict each other.
#[derive(Parser, Debug)]
#[command(name = "factcheck", version, about)]
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

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Also print the table of extracted facts.
    #[arg(long)]
    facts: bool,

    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,

    /// List every check with its id, default severity and summary.
    #[arg(long)]
    list_rules: bool,

    /// Print the documentation of one check.
    #[arg(long, value_name = "ID")]
    explain: Option<String>,

    /// Worker threads for reading and extracting (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// Score extraction against a gold annotation file and print precision,
    /// recall and accuracies (with every disagreement when --facts is given).
    #[arg(long, value_name = "GOLD.json")]
    eval: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    // A bug caught per article is reported once, in one line, by the run.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("factcheck: internal error: {info}")
    }));
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        // Only fails if a pool exists already, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    match real_main(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("factcheck: error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn real_main(cli: Cli) -> Result<u8, String> {
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
    let rules_dir = cli.rules.clone().or_else(|| {
        let local = PathBuf::from("rules");
        local.is_dir().then_some(local)
    });
    if let Some(dir) = cli.rules.as_ref().filter(|d| !d.is_dir()) {
        return Err(format!("{}: rules folder not found", dir.display()));
    }
    let rules = Rules::load(rules_dir.as_deref()).map_err(|e| e.to_string())?;
    let lex = Lexicon::new(rules);
    if let Some(gold) = &cli.eval {
        return evaluate(gold, &lex, cli.facts);
    }
    let input = article::Input {
        globs: cli.globs.clone(),
        hidden: cli.hidden,
        no_ignore: cli.no_ignore,
        max_file_size: cli.max_file_size.unwrap_or(article::DEFAULT_MAX_FILE_SIZE),
    };
    let out = run::run_with(&cli.paths, &lex, &input);
    for e in &out.missing {
        eprintln!("factcheck: error: {e}");
    }
    for e in &out.errors {
        eprintln!("factcheck: warning: {e}");
    }
    if out.articles.is_empty() && out.errors.is_empty() && out.missing.is_empty() {
        eprintln!(
            "factcheck: warning: no articles found (looked for .txt, .md, .html and .htm files)"
        );
    }
    print(&cli, &out).map_err(|e| format!("cannot write output: {e}"))?;
    let failing = cli
        .fail_on
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

/// A `--glob` as the walker will read it, checked before any file is.
fn parse_glob(g: &str) -> Result<String, String> {
    ignore::overrides::OverrideBuilder::new(".")
        .add(g)
        .map(|_| g.to_string())
        .map_err(|e| e.to_string())
}

fn print(cli: &Cli, out: &run::Outcome) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match cli.format {
        Format::Json => writeln!(
            stdout,
            "{}",
            serde_json::to_string_pretty(&report::json(out))?
        )?,
        Format::Table => {
            // On a terminal comfy-table fits the window; piped, lines stay whole.
            let width = (!std::io::stdout().is_terminal()).then_some(u16::MAX);
            if cli.facts {
                writeln!(stdout, "{}", report::facts_table(out, width))?;
            }
            if let Some(t) = report::findings_table(out, width) {
                writeln!(stdout, "{t}")?;
            }
            writeln!(stdout, "{}", report::summary_line(out))?;
        }
    }
    Ok(())
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
