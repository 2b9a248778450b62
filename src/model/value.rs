//! Cell-value parsing (format.md §5).
//!
//! Three states are kept apart: a number (an explicit zero included), *no
//! number* (blank or a placeholder such as `无`, `—`, `/`), and text that is
//! not a number. What is unambiguous is parsed and every normalisation is
//! recorded; what is ambiguous stays raw and becomes a diagnostic. No number is
//! ever invented.

use super::num::Num;
use serde::Serialize;

/// What kind of number a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A non-negative integer count.
    Count,
    /// A signed integer count (2019 table 2 `change`).
    SignedCount,
    /// Money in 万元 (2021 table 2 fees).
    MoneyWan,
    /// Money in 元 or 万元, as written (2019 procurement amount).
    MoneyAny,
}

impl ValueKind {
    pub fn is_money(self) -> bool {
        matches!(self, ValueKind::MoneyWan | ValueKind::MoneyAny)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// A non-zero number.
    Number,
    /// An explicit zero.
    Zero,
    /// Nothing written (blank, whitespace, `&nbsp;`).
    Empty,
    /// A placeholder meaning "no number": `无`, `—`, `-`, `/`, `不适用` …
    Placeholder,
    /// Text that is not a number.
    Text,
}

impl CellState {
    pub fn has_number(self) -> bool {
        matches!(self, CellState::Number | CellState::Zero)
    }
    pub fn is_blank(self) -> bool {
        matches!(self, CellState::Empty | CellState::Placeholder)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 件 / 个 / 项 / 次 / 条: a count unit, dropped.
    Count,
    /// 元
    Yuan,
    /// 万元
    WanYuan,
}

/// One normalisation applied to reach the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Norm {
    FullWidth,
    Thousands,
    Sign,
    ChineseSign,
    Unit,
    Note,
    Spaces,
}

impl Norm {
    pub fn zh(self) -> &'static str {
        match self {
            Norm::FullWidth => "全角数字或符号",
            Norm::Thousands => "千位分隔符",
            Norm::Sign => "正负号",
            Norm::ChineseSign => "“增加/减少”文字",
            Norm::Unit => "单位",
            Norm::Note => "括注",
            Norm::Spaces => "数字中的空格",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Norm::FullWidth => "full-width characters",
            Norm::Thousands => "thousands separators",
            Norm::Sign => "an explicit sign",
            Norm::ChineseSign => "the words 增加/减少",
            Norm::Unit => "a unit",
            Norm::Note => "a note in brackets",
            Norm::Spaces => "spaces inside the number",
        }
    }
}

/// Why a non-empty cell is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextReason {
    NotNumeric,
    TooLarge,
    /// More decimal places than exact arithmetic keeps (12).
    TooPrecise,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Parsed {
    pub state: CellState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub normalised: Vec<Norm>,
    /// The bracketed note that followed the number, e.g. `（其中修订16件）`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<TextReason>,
}

impl Parsed {
    fn of(state: CellState) -> Parsed {
        Parsed {
            state,
            value: None,
            unit: None,
            normalised: Vec::new(),
            note: None,
            reason: None,
        }
    }
}

/// Characters that render as nothing: spaces of every width, NBSP,
/// zero-width, and control characters (a NUL left by a broken export).
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{a0}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{3000}'
        )
}

/// Folds full-width ASCII variants (U+FF01–FF5E) and the ideographic space to
/// ASCII, the part of NFKC that matters for numbers and labels.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2212}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2500}' | '\u{fe63}' => '-',
        '\u{3002}' => '.',
        _ => c,
    }
}

const PLACEHOLDERS: &[&str] = &[
    "无",
    "-",
    "--",
    "---",
    "/",
    "//",
    "\\",
    "不适用",
    "暂无",
    "空",
    "n/a",
    "na",
    "x",
    "*",
    "…",
    "……",
    "·",
];

/// Parses one value cell.
pub fn parse_cell(raw: &str, kind: ValueKind) -> Parsed {
    let trimmed: &str = raw.trim_matches(is_blank_char);
    if trimmed.is_empty() {
        return Parsed::of(CellState::Empty);
    }
    // Plain ASCII digits, the usual value cell: what the steps below make of
    // them (no folding, note, sign, unit or separator; a number), without
    // their buffers (tested against them in `plain_digits_as_the_full_parse`).
    if trimmed.len() <= 18 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(value) = Num::parse(trimmed) {
            let mut p = Parsed::of(if value.is_zero() {
                CellState::Zero
            } else {
                CellState::Number
            });
            p.value = Some(value);
            return p;
        }
    }
    parse_trimmed(trimmed, kind)
}

/// [`parse_cell`] of a trimmed, non-empty cell, every step.
fn parse_trimmed(trimmed: &str, kind: ValueKind) -> Parsed {
    let mut norms = Vec::new();
    let mut s = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        let f = fold_width(c);
        if f != c
            && c != '\u{3002}'
            && !matches!(c, '\u{2013}'..='\u{2015}' | '\u{2212}' | '\u{2500}')
        {
            push_norm(&mut norms, Norm::FullWidth);
        }
        s.push(f);
    }
    let lower = s.to_ascii_lowercase();
    if PLACEHOLDERS.contains(&lower.as_str()) || lower.chars().all(|c| c == '-' || c == '—') {
        return Parsed::of(CellState::Placeholder);
    }

    // A bracketed note after the number: 22（其中修订16件）, 22(含…).
    let mut note = None;
    let mut body = s.as_str();
    if let Some(open) = body.find('(') {
        if open > 0 && body.ends_with(')') {
            note = Some(trimmed_note(trimmed, open, body));
            body = body[..open].trim_end();
            push_norm(&mut norms, Norm::Note);
        }
    }

    // Chinese signs: 减少8, 增加8.
    let mut neg_word = false;
    for (word, neg) in [("减少", true), ("增加", false), ("减", true), ("增", false)] {
        if let Some(rest) = body.strip_prefix(word) {
            body = rest.trim_start();
            neg_word = neg;
            push_norm(&mut norms, Norm::ChineseSign);
            break;
        }
    }

    // Units.
    let mut unit = None;
    for (suffix, u) in [
        ("万元", Unit::WanYuan),
        ("元", Unit::Yuan),
        ("件", Unit::Count),
        ("个", Unit::Count),
        ("项", Unit::Count),
        ("次", Unit::Count),
        ("条", Unit::Count),
        ("家", Unit::Count),
    ] {
        if let Some(rest) = body.strip_suffix(suffix) {
            body = rest.trim_end();
            unit = Some(u);
            if u == Unit::Count || !kind.is_money() {
                push_norm(&mut norms, Norm::Unit);
            }
            break;
        }
    }
    if unit.is_some_and(|u| u != Unit::Count) && kind.is_money() {
        push_norm(&mut norms, Norm::Unit);
    }

    // Spaces inside digits (PDF conversions): "1 234" is ambiguous unless
    // every group after the first has three digits.
    let mut digits = String::with_capacity(body.len());
    let mut had_sep = false;
    let mut had_space = false;
    let mut groups_ok = true;
    let mut group_len: Option<usize> = None;
    for c in body.chars() {
        match c {
            ',' => {
                had_sep = true;
                if group_len.is_some_and(|g| g != 3 && digits.contains(',')) {
                    groups_ok = false;
                }
                group_len = Some(0);
                digits.push(',');
            }
            ' ' => had_space = true,
            '0'..='9' => {
                group_len = group_len.map(|g| g + 1);
                digits.push(c);
            }
            _ => digits.push(c),
        }
    }
    if had_sep {
        // Every group after the first must have exactly three digits.
        let mut parts = digits.split('.').next().unwrap_or("").split(',');
        let first = parts.next().unwrap_or("");
        let first_digits = first.trim_start_matches(['-', '+']);
        groups_ok = !first_digits.is_empty()
            && first_digits.len() <= 3
            && parts.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()));
        if !groups_ok {
            return text(trimmed, norms, TextReason::NotNumeric);
        }
        digits.retain(|c| c != ',');
        push_norm(&mut norms, Norm::Thousands);
    }
    if had_space {
        push_norm(&mut norms, Norm::Spaces);
    }
    let signed = digits.starts_with(['+', '-']);
    if signed {
        push_norm(&mut norms, Norm::Sign);
    }
    let looks_numeric = {
        let d = digits.trim_start_matches(['+', '-']);
        !d.is_empty()
            && d.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && d.bytes().any(|b| b.is_ascii_digit())
    };
    if !looks_numeric || (signed && neg_word) {
        return text(trimmed, norms, TextReason::NotNumeric);
    }
    let Some(mut value) = Num::parse(&digits) else {
        let reason = match digits.split_once('.') {
            Some((_, f)) if f.contains('.') => TextReason::NotNumeric,
            Some((_, f))
                if f.trim_end_matches('0').len() > crate::model::num::MAX_SCALE as usize =>
            {
                TextReason::TooPrecise
            }
            _ => TextReason::TooLarge,
        };
        return text(trimmed, norms, reason);
    };
    if neg_word {
        match value.checked_neg() {
            Some(v) => value = v,
            None => return text(trimmed, norms, TextReason::TooLarge),
        }
    }
    let _ = groups_ok;
    Parsed {
        state: if value.is_zero() {
            CellState::Zero
        } else {
            CellState::Number
        },
        value: Some(value),
        unit: unit.filter(|u| *u != Unit::Count),
        normalised: norms,
        note,
        reason: None,
    }
}

fn trimmed_note(original: &str, _open: usize, folded: &str) -> String {
    // Report the note as the author wrote it: take the same number of chars
    // from the end of the original as the folded note has.
    let folded_note_chars = folded[_open..].chars().count();
    let total = original.chars().count();
    original
        .chars()
        .skip(total.saturating_sub(folded_note_chars))
        .collect()
}

fn push_norm(v: &mut Vec<Norm>, n: Norm) {
    if !v.contains(&n) {
        v.push(n);
    }
}

fn text(_raw: &str, norms: Vec<Norm>, reason: TextReason) -> Parsed {
    let mut p = Parsed::of(CellState::Text);
    p.normalised = norms;
    p.reason = Some(reason);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(raw: &str) -> (CellState, Option<String>) {
        let p = parse_cell(raw, ValueKind::Count);
        (p.state, p.value.map(|n| n.to_string()))
    }

    #[test]
    fn states() {
        assert_eq!(v(""), (CellState::Empty, None));
        assert_eq!(v(" \u{a0}\u{200b} "), (CellState::Empty, None));
        assert_eq!(v("0"), (CellState::Zero, Some("0".into())));
        assert_eq!(v("７"), (CellState::Number, Some("7".into())));
        for p in ["无", "—", "-", "/", "不适用", "——", "－"] {
            assert_eq!(v(p).0, CellState::Placeholder, "{p}");
        }
        assert_eq!(v("见附件").0, CellState::Text);
        assert_eq!(v("1.2.3").0, CellState::Text);
    }

    #[test]
    fn signs_units_notes() {
        assert_eq!(v("+34"), (CellState::Number, Some("34".into())));
        assert_eq!(v("-467"), (CellState::Number, Some("-467".into())));
        assert_eq!(v("－8"), (CellState::Number, Some("-8".into())));
        assert_eq!(v("减少8"), (CellState::Number, Some("-8".into())));
        assert_eq!(v("12件"), (CellState::Number, Some("12".into())));
        assert_eq!(v("1,234"), (CellState::Number, Some("1234".into())));
        assert_eq!(v("1，234"), (CellState::Number, Some("1234".into())));
        assert_eq!(v("12,34").0, CellState::Text);
        let p = parse_cell("22（其中修订16件）", ValueKind::Count);
        assert_eq!(p.value.map(|n| n.to_string()).as_deref(), Some("22"));
        assert_eq!(p.note.as_deref(), Some("（其中修订16件）"));
        assert!(p.normalised.contains(&Norm::Note) && p.normalised.contains(&Norm::FullWidth));
    }

    #[test]
    fn plain_digits_as_the_full_parse() {
        let mut texts: Vec<String> = Vec::new();
        for len in 1..=20 {
            texts.push("9".repeat(len));
            texts.push("0".repeat(len));
            texts.push(format!("1{}", "0".repeat(len - 1)));
            texts.push(format!("0{}", "7".repeat(len - 1)));
        }
        // A fixed pseudo-random walk over digit strings of every length.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..4000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 20) as usize + 1;
            texts.push(
                (0..len)
                    .map(|i| char::from(b'0' + ((x >> (i % 60)) % 10) as u8))
                    .collect(),
            );
        }
        for t in &texts {
            for kind in [
                ValueKind::Count,
                ValueKind::SignedCount,
                ValueKind::MoneyWan,
                ValueKind::MoneyAny,
            ] {
                assert_eq!(parse_cell(t, kind), parse_trimmed(t, kind), "{t}");
                let padded = format!(" \u{3000}{t}\u{a0}");
                assert_eq!(
                    parse_cell(&padded, kind),
                    parse_trimmed(t, kind),
                    "{padded:?}"
                );
            }
        }
    }

    #[test]
    fn money() {
        let p = parse_cell("25.96万元", ValueKind::MoneyAny);
        assert_eq!(
            (p.value.map(|n| n.to_string()).as_deref(), p.unit),
            (Some("25.96"), Some(Unit::WanYuan))
        );
        let p = parse_cell("251000元", ValueKind::MoneyWan);
        assert_eq!(
            (p.value.map(|n| n.to_string()).as_deref(), p.unit),
            (Some("251000"), Some(Unit::Yuan))
        );
        let p = parse_cell(&"9".repeat(400), ValueKind::Count);
        assert_eq!(
            (p.state, p.reason),
            (CellState::Text, Some(TextReason::TooLarge))
        );
        // Twelve decimals are kept exactly; a thirteenth is said to be one
        // too many, not "too large"; trailing zeros do not count.
        let p = parse_cell("25.960000000001", ValueKind::MoneyAny);
        assert_eq!(
            p.value.map(|n| n.to_string()).as_deref(),
            Some("25.960000000001")
        );
        let p = parse_cell("25.9600000000001", ValueKind::MoneyAny);
        assert_eq!(
            (p.state, p.reason),
            (CellState::Text, Some(TextReason::TooPrecise))
        );
        let p = parse_cell("25.96000000000000000", ValueKind::MoneyAny);
        assert_eq!(p.value.map(|n| n.to_string()).as_deref(), Some("25.96"));
        let p = parse_cell("1.2.3", ValueKind::Count);
        assert_eq!(p.reason, Some(TextReason::NotNumeric));
    }
}
