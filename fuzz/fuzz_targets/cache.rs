//! What the cache reads back: a file's entry and a kept run, from their
//! stored bytes (zstd frames, the run's chunk framing, JSON).
#![no_main]
use factcheck::cache::{Entry, read_memo, unpack};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|blob: &[u8]| {
    let _ = unpack::<Entry>(blob);
    let _ = read_memo(blob);
});
