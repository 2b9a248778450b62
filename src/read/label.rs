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
    out.extend(
        label
            .chars()
            .map(fold_width)
            .filter(|c| !is_blank_char(*c) && !is_punct(*c)),
    );
    out
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
