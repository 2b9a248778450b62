//! Label normalisation: labels are matched on stems, not strings.
//!
//! A stem is the label with full-width forms folded to ASCII (the part of NFKC
//! that occurs in reports), and every whitespace, punctuation mark and ordinal
//! marker removed — so `（二）部分公开（区分处理的，只计这一情况…）`,
//! `(二)部分公开` and `二、 部分 公开` share the stem `二部分公开…`.

use crate::model::value::{fold_width, is_blank_char};
use std::borrow::Cow;

/// Normalised stem of a label: folded width, no whitespace, no punctuation.
/// Borrowed when the label is its own stem (a number, a label of ideographs
/// only): most cells are, and a stem is asked for per cell in several passes.
pub fn stem(label: &str) -> Cow<'_, str> {
    let b = label.as_bytes();
    // Most characters of a label are ideographs, ASCII letters or digits,
    // which stay as they are: runs of them are copied whole, by their
    // UTF-8 bytes, and only the others are decoded, folded and tested (a
    // stem was 8 %, then a fifth of a browser re-check).
    let mut i = 0;
    while i < b.len() {
        let kept = kept_len(b, i);
        if kept == 0 {
            break;
        }
        i += kept;
    }
    if i >= b.len() {
        return Cow::Borrowed(label);
    }
    let mut out = String::with_capacity(label.len());
    let mut run = 0;
    while i < b.len() {
        let kept = kept_len(b, i);
        if kept > 0 {
            i += kept;
            continue;
        }
        out.push_str(label.get(run..i).unwrap_or_default());
        let Some(c) = label.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        if let Some(c) = stem_char(c) {
            out.push(c);
        }
        i += c.len_utf8();
        run = i;
    }
    out.push_str(label.get(run..).unwrap_or_default());
    Cow::Owned(out)
}

/// The length of the character at `b[i]` (a character boundary of valid
/// UTF-8) when it is an ASCII letter or digit (1) or a CJK unified ideograph
/// U+4E00–U+9FFF (3: lead byte E4 with a second byte from B8, or E5–E9);
/// 0 for any other character.
#[inline(always)]
fn kept_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        c if c.is_ascii_alphanumeric() => 1,
        0xe5..=0xe9 => 3,
        0xe4 if b.get(i + 1).is_some_and(|&n| n >= 0xb8) => 3,
        _ => 0,
    }
}

/// `stem(label).is_empty()`, without building the stem.
pub fn stem_is_empty(label: &str) -> bool {
    let b = label.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if kept_len(b, i) > 0 {
            return false;
        }
        let Some(c) = label.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        if stem_char(c).is_some() {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// One character of a stem: folded to half width, or `None` when blank or
/// punctuation.
fn stem_char(c: char) -> Option<char> {
    let c = fold_width(c);
    (!is_blank_char(c) && !is_punct(c)).then_some(c)
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '、' | '，'
                | '。'
                | '．'
                | '：'
                | '；'
                | '！'
                | '？'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '（'
                | '）'
                | '—'
                | '–'
                | '…'
                | '·'
                | '・'
                | '﹝'
                | '﹞'
                | '「'
                | '」'
        )
}

/// The stem with a leading ordinal removed: `一`, `（三）`, `1.`, `3．` …
pub fn strip_ordinal(stem: &str) -> &str {
    let mut s = stem;
    // Chinese numerals used as section/row ordinals.
    let first = s.chars().next();
    if let Some(c) = first {
        if "一二三四五六七八九十".contains(c) {
            let rest = &s[c.len_utf8()..];
            // Only strip when the numeral is an ordinal, not a word (一是…).
            if !rest.starts_with('是') {
                s = rest;
            }
        }
    }
    s.trim_start_matches(|c: char| c.is_ascii_digit())
}

/// Whether a normalised text contains any of the stems (which must be
/// normalised already, as the spec stems in `model::ids` are).
pub fn matches_any(text_stem: &str, stems: &[&str]) -> bool {
    stems.iter().any(|s| has(text_stem, s))
}

/// `haystack.contains(needle)` for short texts such as labels and stems:
/// a scan for the needle's first and last bytes, then a compare. In the
/// wasm, `str::contains` builds a two-way searcher on every call, which on
/// label-sized texts costs more than the search (its setup alone was 6 % of
/// a browser re-check). UTF-8 is self-synchronising, so a byte match is a
/// match at a character boundary. Long texts (the product of the lengths
/// over 64 Ki, where the scan's worst case would grow) go to `str::contains`.
pub fn has(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let (Some(&first), Some(&last)) = (n.first(), n.last()) else {
        return true;
    };
    if h.len() < n.len() {
        return false;
    }
    if h.len().saturating_mul(n.len()) > 1 << 16 {
        return haystack.contains(needle);
    }
    let k = n.len() - 1;
    let end = h.len() - k;
    let mut i = 0;
    while i < end {
        if h[i] == first && h[i + k] == last {
            let mut j = 1;
            while j < k && h[i + j] == n[j] {
                j += 1;
            }
            if j >= k {
                return true;
            }
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for ideographs, letters and digits stems every one of
    /// them as the general rule does.
    #[test]
    fn the_shortcut_agrees_with_the_general_rule() {
        for c in ('\0'..=char::MAX)
            .filter(|c| c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(c))
        {
            assert_eq!(stem_char(c), Some(c), "{c:?}");
        }
    }

    /// The byte test for kept characters is the character test.
    #[test]
    fn kept_bytes_are_kept_characters() {
        let mut buf = [0u8; 4];
        for c in '\0'..=char::MAX {
            let s = c.encode_utf8(&mut buf);
            let kept = c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(&c);
            assert_eq!(
                kept_len(s.as_bytes(), 0),
                if kept { c.len_utf8() } else { 0 },
                "{c:?}"
            );
        }
    }

    /// The run-copying stem is the character-by-character one.
    #[test]
    fn stem_is_the_fold_of_each_character() {
        let by_char = |label: &str| -> String { label.chars().filter_map(stem_char).collect() };
        let mut buf = [0u8; 4];
        for c in '\0'..=char::MAX {
            let one = c.encode_utf8(&mut buf).to_string();
            let s = format!("a{one}一{one}{one}（{one}");
            assert_eq!(stem(&s), by_char(&s), "{c:?}");
        }
        for s in [
            "",
            "（二）部分公开（区分处理的，只计这一情形）",
            "１．属于国家秘密",
            "  总 计 ",
            "䷀㐀丁",
            "\u{3000}x\u{a0}",
        ] {
            assert_eq!(stem(s), by_char(s), "{s:?}");
        }
    }

    #[test]
    fn stem_is_empty_is_the_stem_being_empty() {
        for s in [
            "",
            " ",
            "（ ）",
            "、",
            "\u{3000}\u{a0}",
            "-",
            "０",
            "a",
            "总计",
            "…·",
            "\u{200b}",
            "（一）",
        ] {
            assert_eq!(stem_is_empty(s), stem(s).is_empty(), "{s:?}");
        }
        let mut buf = [0u8; 4];
        for c in '\0'..=char::MAX {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(stem_is_empty(s), stem(s).is_empty(), "{c:?}");
        }
    }

    #[test]
    fn has_is_contains() {
        let texts = [
            "",
            "a",
            "ab",
            "aab",
            "二部分公开区分处理的只计这一情形",
            "部分",
            "公开",
            "开",
            "一二",
            "情形",
            "本年新收政府信息公开申请数量",
            "申请",
            "数量",
            "量",
            "a部分b",
            "部分部分",
        ];
        for h in texts {
            for n in texts {
                assert_eq!(has(h, n), h.contains(n), "{h:?} ∋ {n:?}");
            }
        }
        // Past the size where the scan hands over to str::contains.
        let long = "已公开".repeat(3000);
        assert!(has(&format!("{long}部分公开"), "部分公开"));
        assert!(!has(&long, "部分公开"));
    }

    #[test]
    fn stems() {
        assert_eq!(
            stem("（二）部分公开（区分处理的，只计这一情形）"),
            "二部分公开区分处理的只计这一情形"
        );
        assert_eq!(stem("商业 企业"), "商业企业");
        assert_eq!(stem("１．属于国家秘密"), "1属于国家秘密");
        assert_eq!(stem("1. 属于国家秘密"), "1属于国家秘密");
        assert_eq!(strip_ordinal("三本年度办理结果"), "本年度办理结果");
        assert_eq!(strip_ordinal("1属于国家秘密"), "属于国家秘密");
    }
}
