//! Label normalisation: labels are matched on stems, not strings.
//!
//! A stem is the label with full-width forms folded to ASCII (the part of NFKC
//! that occurs in reports), and every whitespace, punctuation mark and ordinal
//! marker removed — so `（二）部分公开（区分处理的，只计这一情况…）`,
//! `(二)部分公开` and `二、 部分 公开` share the stem `二部分公开…`.

use crate::model::value::{fold_width, is_blank_char};

/// Normalised stem of a label: folded width, no whitespace, no punctuation.
pub fn stem(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        // Most characters of a label are ideographs, ASCII letters or
        // digits, which stay as they are: without the folding and the two
        // tests (a stem was 8 % of reading a report).
        if c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(&c) {
            out.push(c);
        } else if let Some(c) = stem_char(c) {
            out.push(c);
        }
    }
    out
}

/// `stem(label).is_empty()`, without building the stem.
pub fn stem_is_empty(label: &str) -> bool {
    label.chars().all(|c| {
        !(c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(&c))
            && stem_char(c).is_none()
    })
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
    stems.iter().any(|s| text_stem.contains(s))
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
