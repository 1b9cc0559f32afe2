//! Copies each check's module doc comment (`//!` lines in src/checks/*.rs)
//! to OUT_DIR, so that `factcheck --explain ID` prints the same text a
//! reader of the source sees.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=src/checks");
    for entry in fs::read_dir("src/checks").expect("src/checks exists") {
        let path = entry.expect("readable dir entry").path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        if path.extension().is_none_or(|e| e != "rs") || name == "mod" {
            continue;
        }
        let source = fs::read_to_string(&path).expect("readable check source");
        let doc: Vec<&str> = source
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                l.trim_start_matches("//!")
                    .strip_prefix(' ')
                    .unwrap_or(l.trim_start_matches("//!"))
            })
            .collect();
        fs::write(
            Path::new(&out).join(format!("{name}.md")),
            doc.join("\n") + "\n",
        )
        .expect("writable OUT_DIR");
    }
}
