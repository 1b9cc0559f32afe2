//! Helpers shared by the CLI test files.
// Each test crate uses some of these helpers, not all.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Writes `name` (folders made as needed) under `dir`.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

/// The binary, run from `cwd` (so the repository's own `./rules` and
/// `factcheck.toml` never leak into a test).
pub fn factcheck(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("factcheck").unwrap();
    cmd.current_dir(cwd);
    cmd
}
