//! Bytes to text: a byte-order mark decides when there is one; valid UTF-8
//! stays UTF-8; anything else is guessed by `chardetng` (the detector
//! Firefox uses, good on short Chinese texts) and decoded by `encoding_rs`.
//!
//! Facts' byte offsets refer to the text this returns: the file as decoded
//! to UTF-8, without its byte-order mark.

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Like git and ripgrep: a NUL byte this early means a binary file.
const BINARY_SNIFF: usize = 8 * 1024;

/// A decoding with more malformed sequences than this share of its
/// characters is the wrong encoding, not a stray bad byte.
const MAX_ERROR_SHARE: f64 = 0.001;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("binary file (NUL byte at offset {offset}), skipped")]
    Binary { offset: usize },
    #[error(
        "not valid UTF-8 at line {line}, column {column} (byte 0x{byte:02x} at offset {offset}); the rest of the file is UTF-8, so it looks damaged"
    )]
    BadUtf8 {
        line: usize,
        column: usize,
        byte: u8,
        offset: usize,
    },
    #[error(
        "cannot decode: looks like {encoding}, which factcheck does not read (UTF-8, UTF-16, GBK/GB18030, Big5 and Windows-1252 are read); convert the file to UTF-8"
    )]
    Unsupported { encoding: &'static str },
    #[error(
        "cannot decode: read as {encoding}, {errors} of {chars} characters are malformed; convert the file to UTF-8"
    )]
    Malformed {
        encoding: &'static str,
        errors: usize,
        chars: usize,
    },
}

/// The text of `bytes` and the name of its encoding as the JSON reports it
/// ("utf-8", "utf-8-bom", "utf-16le", "gbk", "big5", …).
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), Problem> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let name = match encoding {
            e if e == UTF_8 => "utf-8-bom",
            e if e == UTF_16LE => "utf-16le",
            e if e == UTF_16BE => "utf-16be",
            _ => "unknown-bom",
        };
        return decode_as(encoding, &bytes[bom..], name);
    }
    if let Some(offset) = bytes.iter().take(BINARY_SNIFF).position(|&b| b == 0) {
        return Err(Problem::Binary { offset });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "utf-8"));
    }
    if let Some(problem) = damaged_utf8(bytes) {
        return Err(problem);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if let Some(name) = legacy_name(guess) {
        return decode_as(guess, bytes, name);
    }
    // A short Chinese text can look like EUC-KR (its byte ranges are GBK's):
    // a guess this tool does not read gives way to GBK or Big5 when either
    // decodes the file without a single error.
    [(GBK, "gbk"), (BIG5, "big5")]
        .into_iter()
        .find_map(|(e, name)| {
            let (text, had_errors) = e.decode_without_bom_handling(bytes);
            (!had_errors).then(|| (text.into_owned(), name))
        })
        .ok_or(Problem::Unsupported {
            encoding: guess.name(),
        })
}

/// The legacy encodings an archive of Chinese and English news plausibly
/// uses, by the name the JSON gives them. Shift_JIS, EUC-KR, KOI8-R… are
/// far more often a wrong guess about a damaged file than a real article.
fn legacy_name(encoding: &'static Encoding) -> Option<&'static str> {
    match encoding {
        e if e == GBK => Some("gbk"),
        e if e == GB18030 => Some("gb18030"),
        e if e == BIG5 => Some("big5"),
        e if e == WINDOWS_1252 => Some("windows-1252"),
        _ => None,
    }
}

/// Decodes `bytes` (BOM already removed), refusing a decoding with more than
/// a stray malformed sequence or two. C1 control characters count as
/// malformed: Windows-1252 decodes every byte, but 0x81, 0x8d, 0x8f, 0x90
/// and 0x9d to controls no text holds.
fn decode_as(
    encoding: &'static Encoding,
    bytes: &[u8],
    name: &'static str,
) -> Result<(String, &'static str), Problem> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    // A U+FFFD the file itself encodes (a damaged copy saved again) is text.
    let errors = text
        .chars()
        .filter(|&c| (had_errors && c == '\u{fffd}') || ('\u{80}'..='\u{9f}').contains(&c))
        .count();
    let chars = text.chars().count();
    if errors as f64 > chars as f64 * MAX_ERROR_SHARE {
        return Err(Problem::Malformed {
            encoding: name,
            errors,
            chars,
        });
    }
    Ok((text.into_owned(), name))
}

/// A UTF-8 file with a few bad bytes (a truncated copy, one pasted GBK word)
/// is reported where it breaks, not guessed as another encoding: in a legacy
/// Chinese encoding most multi-byte characters are not valid UTF-8, here
/// almost all are.
fn damaged_utf8(bytes: &[u8]) -> Option<Problem> {
    let lossy = String::from_utf8_lossy(bytes);
    let bad = lossy.matches('\u{fffd}').count();
    let good = lossy
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{fffd}')
        .count();
    if bad * 20 > good {
        return None;
    }
    let offset = std::str::from_utf8(bytes).err()?.valid_up_to();
    let before = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    let (line, column) = crate::rules::line_col(before, offset);
    Some(Problem::BadUtf8 {
        line,
        column,
        byte: bytes[offset],
        offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZH: &str = "星河电子公告称，公司2024年营收12.5亿元，同比增长12%。\n";
    const ZH_TW: &str = "臺灣積體電路製造公司公布，營收12.5億元，年增百分之十二。\n";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(ZH.as_bytes()), Ok((ZH.to_string(), "utf-8")));
        let bom = [b"\xef\xbb\xbf".as_slice(), ZH.as_bytes()].concat();
        assert_eq!(decode(&bom), Ok((ZH.to_string(), "utf-8-bom")));
    }

    #[test]
    fn utf16_by_its_bom() {
        // (encoding_rs encodes only to ASCII-compatible encodings.)
        let mut bytes = vec![0xff, 0xfe];
        for u in ZH.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes), Ok((ZH.to_string(), "utf-16le")));
    }

    #[test]
    fn gbk_and_big5_are_detected() {
        let (gbk, _, _) = GBK.encode(ZH);
        assert_eq!(decode(&gbk), Ok((ZH.to_string(), "gbk")));
        let (big5, _, unmappable) = BIG5.encode(ZH_TW);
        assert!(!unmappable);
        assert_eq!(decode(&big5), Ok((ZH_TW.to_string(), "big5")));
    }

    #[test]
    fn a_replacement_character_in_the_file_is_text() {
        // GB18030 can encode U+FFFD: a damaged copy saved again.
        let text = ZH.replace('星', "\u{fffd}");
        let (bytes, _, _) = GB18030.encode(&text);
        assert_eq!(decode(&bytes), Ok((text, "gbk")));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00"),
            Err(Problem::Binary { offset: 4 })
        );
    }

    #[test]
    fn damaged_utf8_is_located() {
        let mut bytes = ZH.repeat(2).into_bytes();
        bytes.extend_from_slice(b"ab\xff\n");
        let Err(Problem::BadUtf8 { line, column, .. }) = decode(&bytes) else {
            panic!("{:?}", decode(&bytes));
        };
        assert_eq!((line, column), (3, 3));
    }

    #[test]
    fn malformed_gbk_is_refused() {
        // Lead bytes with no valid trail byte, over and over.
        let mut bytes = GBK.encode(ZH).0.into_owned();
        bytes.extend(std::iter::repeat_n([0x81, 0x20], 20).flatten());
        assert!(
            matches!(decode(&bytes), Err(Problem::Malformed { .. })),
            "{:?}",
            decode(&bytes)
        );
    }
}
