//! Finding article files: folders are walked, files given are taken as they are.

use std::path::{Path, PathBuf};

use super::InputError;

/// File extensions read as articles.
pub const EXTENSIONS: [&str; 2] = ["txt", "md"];

/// The article files under each path (folders recursively, sorted), each
/// with the path to show: as given, or joined under the folder given.
pub fn files(paths: &[PathBuf]) -> (Vec<(PathBuf, String)>, Vec<String>) {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut errors);
        } else if p.exists() {
            files.push((p.clone(), p.display().to_string()));
        } else {
            errors.push(
                InputError::Missing {
                    path: p.display().to_string(),
                }
                .to_string(),
            );
        }
    }
    // A file named twice (directly and under a folder) is read once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|(p, _)| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<(PathBuf, String)>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return errors.push(format!("{}: cannot read folder: {e}", dir.display())),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, errors);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e))
        {
            let shown = p.display().to_string();
            files.push((p, shown));
        }
    }
}
