//! Focus: report only what some files are involved in, while comparing them
//! against the whole archive. A pull request that adds one article wants to
//! hear about that article's conflicts with the archive, not the archive's
//! old ones.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::checks::Finding;
use crate::fact::Fact;

/// The focused files and folders, as absolute paths.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    roots: Vec<PathBuf>,
}

impl Focus {
    /// `--focus PATH...`: files or folders that must exist.
    pub fn of_paths(paths: &[PathBuf]) -> Result<Focus, String> {
        let roots = paths
            .iter()
            .map(|p| {
                std::fs::canonicalize(p)
                    .map_err(|e| format!("{}: cannot focus on it: {e}", p.display()))
            })
            .collect::<Result<_, _>>()?;
        Ok(Focus { roots })
    }

    /// `--changed-since REV`: the files git says differ from REV (committed,
    /// staged or not), plus new untracked files. Deleted files drop out.
    pub fn changed_since(rev: &str) -> Result<Focus, String> {
        let top = git(&["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
        let diff = git(&["diff", "--name-only", "-z", rev, "--"])?;
        let new = git(&[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--full-name",
            ":/",
        ])?;
        let roots = diff
            .split('\0')
            .chain(new.split('\0'))
            .filter(|p| !p.is_empty())
            .filter_map(|p| std::fs::canonicalize(top.join(p)).ok())
            .collect();
        Ok(Focus { roots })
    }

    /// Both foci: `--focus` and `--changed-since` together.
    pub fn union(mut self, other: Focus) -> Focus {
        self.roots.extend(other.roots);
        self
    }

    /// Whether the article shown as `path` is focused.
    pub fn covers(&self, path: &str) -> bool {
        std::fs::canonicalize(Path::new(path))
            .is_ok_and(|real| self.roots.iter().any(|r| real.starts_with(r)))
    }

    /// Keeps the findings that involve a focused file.
    pub fn apply(&self, findings: &mut Vec<Finding>, by_id: &HashMap<&str, &Fact>) {
        let mut memo: HashMap<String, bool> = HashMap::new();
        let mut covers = |path: &str| {
            *memo
                .entry(path.to_string())
                .or_insert_with(|| self.covers(path))
        };
        findings.retain(|f| {
            f.facts
                .iter()
                .filter_map(|id| by_id.get(id.as_str()))
                .any(|fact| covers(&fact.path))
                || f.at.as_ref().is_some_and(|a| covers(&a.path))
        });
    }
}

fn git(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("--changed-since needs git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("git {}: {e}", args.join(" ")))
}
