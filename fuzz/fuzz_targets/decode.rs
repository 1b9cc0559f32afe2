//! The decoders: BOMs, UTF-16, GBK/GB18030, Big5, windows-1252 sniffing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = factcheck::article::decode::decode(bytes);
});
