//! The same input gives byte-identical output in every format, whatever the
//! thread count and however often it runs: files are read in parallel, but
//! nothing that reaches the output may depend on which thread finished first.

mod common;

use std::path::Path;
use std::time::Duration;

use common::factcheck;

const FORMATS: [&str; 9] = [
    "full", "concise", "table", "json", "jsonl", "sarif", "github", "csv", "html",
];

/// Every fixture folder with articles: many articles, many findings.
const INPUTS: [&str; 6] = [
    "seeds",
    "fixtures/corpus",
    "fixtures/blind3",
    "fixtures/holdout",
    "fixtures/holdout2",
    "fixtures/checks",
];

/// One run's output (the report file for html) and exit code.
fn output(format: &str, threads: &str, out_dir: &Path) -> (Vec<u8>, Option<i32>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = out_dir.join(format!("report-{threads}.html"));
    let mut cmd = factcheck(root);
    cmd.args([
        "--no-config",
        "--format",
        format,
        "--threads",
        threads,
        "--facts",
    ])
    .args(INPUTS)
    .env("COLUMNS", "100")
    .timeout(Duration::from_secs(600));
    if format == "html" {
        cmd.arg("--output-file").arg(&page);
    }
    let out = cmd.output().unwrap();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{format} -j{threads}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    match format {
        "html" => (std::fs::read(&page).unwrap(), code),
        _ => (out.stdout, code),
    }
}

#[test]
fn every_format_is_byte_identical_across_thread_counts_and_runs() {
    let tmp = tempfile::TempDir::new().unwrap();
    for format in FORMATS {
        let (first, code) = output(format, "1", tmp.path());
        assert!(first.len() > 1000, "{format}: too little output to compare");
        for threads in ["2", "8", "2"] {
            let (again, again_code) = output(format, threads, tmp.path());
            assert_eq!(code, again_code, "{format} -j{threads}: exit code");
            if again != first {
                let at = first.iter().zip(&again).position(|(a, b)| a != b);
                panic!(
                    "{format}: -j{threads} differs from -j1 at byte {at:?} ({} vs {} bytes)",
                    again.len(),
                    first.len()
                );
            }
        }
    }
}
