//! Bytes → text. The core works on `&str`; this turns the bytes of a file
//! into one.
//!
//! - a BOM decides (UTF-8, UTF-16LE/BE);
//! - else a `charset` in the first 1024 bytes (`<meta charset="gbk">`,
//!   `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`)
//!   decides, GB2312/GBK/GB18030 all read as GB18030 (their superset);
//! - else valid UTF-8 is UTF-8, and anything else is taken as GB18030, the
//!   encoding of every non-UTF-8 Chinese government page met so far.
//!
//! **Where GBK is decoded**: natively with `encoding_rs` (cargo feature
//! `encoding`, on by default, never compiled for wasm32). In the wasm build
//! [`decode`] handles UTF-8 and UTF-16 only and returns
//! [`DecodeError::NeedsHost`] for GBK: the JS host decodes with
//! `new TextDecoder(label)` (`label` from [`sniff`]) and passes a string,
//! which keeps the GB18030 tables (≈ 170 kB) out of the wasm.

use std::fmt;

/// Why bytes could not be decoded here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are in this encoding (a WHATWG label) and this build cannot
    /// decode it: decode in the host (`TextDecoder(label)`).
    NeedsHost(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NeedsHost(label) => write!(
                f,
                "输入为 {label} 编码，本构建无法解码，请在宿主中用 TextDecoder('{label}') 解码后传入字符串 \
                 (input is {label}; decode it with TextDecoder('{label}') and pass a string)"
            ),
        }
    }
}

/// The encoding the bytes declare or look like: `"utf-8"`, `"utf-16le"`,
/// `"utf-16be"` or `"gb18030"` (WHATWG labels).
pub fn sniff(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
        return "utf-8";
    }
    if bytes.starts_with(&[0xff, 0xfe]) {
        return "utf-16le";
    }
    if bytes.starts_with(&[0xfe, 0xff]) {
        return "utf-16be";
    }
    let declared = declared_charset(&bytes[..bytes.len().min(1024)]);
    match declared {
        Some(l) if is_gb(&l) => "gb18030",
        Some(l) if l == "utf-8" || l == "utf8" => {
            // Pages lie: a UTF-8 label on GBK bytes.
            if mostly_utf8(bytes) {
                "utf-8"
            } else {
                "gb18030"
            }
        }
        _ => {
            if mostly_utf8(bytes) {
                "utf-8"
            } else {
                "gb18030"
            }
        }
    }
}

/// UTF-8 with at most a few stray bytes (a truncated copy, one bad byte)
/// stays UTF-8, read lossily; bytes that are mostly invalid as UTF-8 are GBK.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    bad == 0 || good >= 4 * bad
}

fn is_gb(label: &str) -> bool {
    matches!(
        label,
        "gbk"
            | "gb2312"
            | "gb_2312"
            | "gb18030"
            | "x-gbk"
            | "gb_2312-80"
            | "chinese"
            | "csgb2312"
            | "iso-ir-58"
            | "cp936"
            | "windows-936"
    )
}

/// The `charset=` value in a byte prefix, lower-cased.
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let needle = b"charset";
    let mut i = 0;
    while i + needle.len() <= lower.len() {
        if &lower[i..i + needle.len()] == needle {
            let mut j = i + needle.len();
            while j < lower.len() && lower[j].is_ascii_whitespace() {
                j += 1;
            }
            if lower.get(j) == Some(&b'=') {
                j += 1;
                while j < lower.len() && matches!(lower[j], b' ' | b'"' | b'\'') {
                    j += 1;
                }
                let start = j;
                while j < lower.len()
                    && (lower[j].is_ascii_alphanumeric() || matches!(lower[j], b'-' | b'_'))
                {
                    j += 1;
                }
                if j > start {
                    return Some(String::from_utf8_lossy(&lower[start..j]).into_owned());
                }
            }
        }
        i += 1;
    }
    None
}

/// Decodes bytes to a string; returns the text and the encoding used.
/// A BOM is removed. Invalid sequences become U+FFFD.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    match sniff(bytes) {
        "utf-8" => {
            let b = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
            Ok((String::from_utf8_lossy(b).into_owned(), "utf-8"))
        }
        "utf-16le" => Ok((utf16(&bytes[2..], u16::from_le_bytes), "utf-16le")),
        "utf-16be" => Ok((utf16(&bytes[2..], u16::from_be_bytes), "utf-16be")),
        label => gb(bytes, label),
    }
}

fn utf16(b: &[u8], f: fn([u8; 2]) -> u16) -> String {
    let units = b.chunks_exact(2).map(|c| f([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect()
}

#[cfg(all(feature = "encoding", not(target_arch = "wasm32")))]
fn gb(bytes: &[u8], _label: &'static str) -> Result<(String, &'static str), DecodeError> {
    let (text, _, _) = encoding_rs::GB18030.decode(bytes);
    Ok((text.into_owned(), "gb18030"))
}

#[cfg(not(all(feature = "encoding", not(target_arch = "wasm32"))))]
fn gb(_bytes: &[u8], label: &'static str) -> Result<(String, &'static str), DecodeError> {
    Err(DecodeError::NeedsHost(label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert_eq!(sniff(b"\xef\xbb\xbf<p>x"), "utf-8");
        assert_eq!(sniff("<p>年度报告</p>".as_bytes()), "utf-8");
        assert_eq!(
            sniff(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">"),
            "gb18030"
        );
        assert_eq!(sniff(b"<meta charset='gbk'>"), "gb18030");
        // No label, not UTF-8: GBK bytes of 报告.
        assert_eq!(sniff(&[0xb1, 0xa8, 0xb8, 0xe6]), "gb18030");
        assert_eq!(sniff(&[0xff, 0xfe, b'a', 0]), "utf-16le");
    }

    #[test]
    fn decodes_utf() {
        assert_eq!(decode(b"\xef\xbb\xbfab").map(|d| d.0), Ok("ab".to_string()));
        assert_eq!(
            decode(&[0xff, 0xfe, 0xa5, 0x62]).map(|d| d.0),
            Ok("报".to_string())
        );
    }

    #[cfg(all(feature = "encoding", not(target_arch = "wasm32")))]
    #[test]
    fn decodes_gbk() {
        let (s, enc) = decode(&[0xb1, 0xa8, 0xb8, 0xe6]).expect("gbk");
        assert_eq!((s.as_str(), enc), ("报告", "gb18030"));
    }
}
