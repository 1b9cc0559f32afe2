//! Finding article files: folders are walked with the `ignore` crate
//! (ripgrep's walker: `.gitignore`, `.ignore` and hidden files respected,
//! `--glob` overrides); files given are taken as they are.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use super::{Input, InputError};

/// File extensions read as articles when walking a folder (any case). A file
/// named on the command line is read whatever its extension.
pub const EXTENSIONS: [&str; 4] = ["txt", "md", "html", "htm"];

/// The path meaning standard input.
pub const STDIN: &str = "-";

/// What the paths given lead to.
#[derive(Debug, Default)]
pub struct Found {
    /// Article files, each with the path to show: as given, or joined under
    /// the folder given. Folders' files are sorted, so runs are repeatable.
    pub files: Vec<(PathBuf, String)>,
    /// Paths given that do not exist, and bad `--glob`s: usage errors.
    pub missing: Vec<String>,
    /// Folders or entries that could not be read while walking.
    pub errors: Vec<String>,
    /// Whether the walk followed a symbolic link (then a file may be found twice).
    pub linked: bool,
}

/// The article files under each path (folders recursively).
pub fn files(paths: &[PathBuf], input: &Input) -> Found {
    let mut found = Found::default();
    for p in paths {
        if p.as_os_str() == STDIN {
            found.files.push((p.clone(), "<stdin>".to_string()));
        } else if p.is_dir() {
            if let Err(e) = walk(p, input, &mut found) {
                found.missing.push(e);
            }
        } else if p.exists() || p.symlink_metadata().is_ok() {
            // A dangling link given by name is a file that cannot be read.
            found.files.push((p.clone(), p.display().to_string()));
        } else {
            found.missing.push(
                InputError::Missing {
                    path: p.display().to_string(),
                }
                .to_string(),
            );
        }
    }
    // A file named twice (directly and under a folder, or through a link) is
    // read once. One folder walked without links yields each file once, so
    // the system calls are spared then.
    if paths.len() > 1 || found.linked {
        let mut seen = std::collections::HashSet::new();
        found
            .files
            .retain(|(p, _)| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    }
    found
}

fn walk(dir: &Path, input: &Input, found: &mut Found) -> Result<(), String> {
    let respect = !input.no_ignore;
    let mut walker = WalkBuilder::new(dir);
    walker
        .hidden(!input.hidden)
        .ignore(respect)
        .git_ignore(respect)
        .git_exclude(respect)
        .git_global(respect)
        .parents(respect)
        // An archive is seldom a git repository; its .gitignore still counts.
        .require_git(false)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b));
    if !input.globs.is_empty() {
        let mut globs = OverrideBuilder::new(dir);
        for g in &input.globs {
            globs.add(g).map_err(|e| format!("--glob {g}: {e}"))?;
        }
        walker.overrides(globs.build().map_err(|e| format!("--glob: {e}"))?);
    }
    for entry in walker.build() {
        if entry.as_ref().is_ok_and(|e| e.path_is_symlink()) {
            found.linked = true;
        }
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_dir()) => {}
            Ok(e) if has_article_extension(e.path()) => {
                let shown = e.path().display().to_string();
                found.files.push((e.into_path(), shown));
            }
            Ok(_) => {}
            Err(e) if loop_of(&e).is_some() => {
                let (child, ancestor) = loop_of(&e).expect("checked");
                found.errors.push(format!(
                    "{}: a symlink loop (it leads back to {}); not followed again",
                    child.display(),
                    ancestor.display()
                ));
            }
            Err(e) => match path_of(&e) {
                // A link to nothing named x.jpg is not an article that is missing.
                Some(p) if !p.is_dir() && !has_article_extension(p) => {}
                Some(p) => found.errors.push(walk_problem(dir, p, &e)),
                None => found.errors.push(e.to_string()),
            },
        }
    }
    Ok(())
}

/// A path the walk could not read, in words (ignore wraps walkdir's error,
/// which repeats the path; the plain I/O error gives the reason).
fn walk_problem(dir: &Path, p: &Path, e: &ignore::Error) -> String {
    // --glob is relative to the folder walked.
    let glob = p.strip_prefix(dir).unwrap_or(p);
    let io = e
        .io_error()
        .map(|io| std::io::Error::new(io.kind(), io.to_string()))
        .or_else(|| std::fs::metadata(p).err());
    match io {
        Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied && p.is_dir() => format!(
            "{}: a folder that cannot be listed (permission denied), so its files were not read (give the run read access to it, or leave it out with --glob '!{}')",
            p.display(),
            glob.display()
        ),
        Some(io) => format!("{}: {}", p.display(), super::io_problem(p, &io)),
        None => format!("{}: cannot read: {e}", p.display()),
    }
}

/// The link and the folder it leads back to, for a symlink loop.
fn loop_of(e: &ignore::Error) -> Option<(&Path, &Path)> {
    match e {
        ignore::Error::Loop { ancestor, child } => Some((child, ancestor)),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => loop_of(err),
        _ => None,
    }
}

/// The path an error of the walk is about.
fn path_of(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            path_of(err)
        }
        _ => None,
    }
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}
