//! Figures the prose states, and the table cells each one is about.
//!
//! Shared by `text/table-mismatch` (a claim that disagrees with its cells)
//! and `text/claim-unplaced` (a figure that reads as a table figure but
//! cannot be tied to cells). Reading is deterministic and section-aware:
//!
//! 1. The prose of each section is folded (full-width digits and
//!    punctuation to ASCII, whitespace and line breaks dropped, so a figure
//!    split across lines or inline tags reads whole), keeping a map back to
//!    the text as written.
//! 2. Every number followed by a count unit (件 起 宗 例) or by 元/万元 is a
//!    *mention*: Arabic digits (with thousands separators), Chinese numerals
//!    (三件, 十二件, 两件), and 0 written as a negation (未收到…申请,
//!    未发生…行政复议).
//! 3. The words of its clause (between commas, 、 and brackets) say what
//!    the mention is about: the keyword ending nearest before the figure
//!    (the longest on a tie: 予以公开和部分公开 over 部分公开), or, when
//!    none, one right after it (收到70件申请). Modifiers take their head
//!    from earlier in the sentence: 自然人72件 after 收到…申请, 维持1件
//!    after 行政复议, 规范性文件34件 after 主动公开规章22件、.
//! 4. A mention that is a comparison (同比增加), cumulative (以来, 至今),
//!    about another year (2024年…, 上年…), about another body (其中民政局…)
//!    or inside a title 《…》 is not a claim about the table.
//!
//! A claim names one or more *alternatives*, each a sum of cells: it agrees
//! with the table when any alternative equals the figure (收到 may or may
//! not include last year's carried-over requests).

use crate::model::ids::{t3_outcome_rows, Format, T3_APPLICANTS};
use crate::model::{Num, Report, Source, TableId};

/// A cell by canonical ids: table, block, row, column.
pub type Place = (TableId, Option<&'static str>, &'static str, &'static str);

/// What a figure in the prose is.
#[derive(Clone, Debug)]
pub enum Reading {
    /// A figure about the table: `alts` are the sums it may equal, the
    /// first being the one it is reported against.
    Claim { topic: Topic, alts: Vec<Vec<Place>> },
    /// Clearly a table figure, but not one the reader can tie to cells.
    Unplaced {
        why_zh: &'static str,
        why_en: &'static str,
    },
    /// Not a claim about the table; the reason, for the golden listing.
    Not(&'static str),
}

/// What a claim is about, in words and as an id (for fingerprints and the
/// golden listing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    pub id: String,
    pub zh: String,
    pub en: String,
}

/// One figure stated in the prose.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Section ordinal 1…6; 0 for the preamble.
    pub section: u8,
    /// The sentence as written (whitespace collapsed, shortened around the
    /// figure when long).
    pub sentence: String,
    /// The words from the clause start to the unit, as read (folded).
    pub quote: String,
    /// The figure as written: `75`, `十二`, `未`.
    pub figure: String,
    /// Its value: a count, or money in 万元.
    pub value: Num,
    pub money: bool,
    pub reading: Reading,
    /// Where the paragraph holding the figure is in the input.
    pub source: Source,
    /// Byte offset of the figure in its section's text.
    pub offset: usize,
}

/// Every figure the report's prose states, in order.
/// `t2` and `t3` are the formats tables 2 and 3 follow (they decide which
/// rows and columns a wording maps to).
pub fn extract(report: &Report, t2: Format, t3: Format) -> Vec<Mention> {
    // The browser adapter re-checks on every keystroke, mostly in a table,
    // with the prose as it was: the last prose read and its figures are
    // kept (compared in full, not by a hash), so such a re-check does not
    // read the prose again (≈ a fifth of it). Only prose of a usual size.
    let key = ProseKey::of(report, t2, t3);
    if let Some(key) = &key {
        let hit = LAST_PROSE.with(|last| {
            last.borrow()
                .as_ref()
                .filter(|(k, _)| k == key)
                .map(|(_, mentions)| mentions.clone())
        });
        if let Some(mentions) = hit {
            return mentions;
        }
    }
    let out = extract_uncached(report, t2, t3);
    if let Some(key) = key {
        LAST_PROSE.with(|last| *last.borrow_mut() = Some((key, out.clone())));
    }
    out
}

thread_local! {
    static LAST_PROSE: std::cell::RefCell<Option<(ProseKey, Vec<Mention>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Everything [`extract`] reads, owned, to compare with the next report's.
#[derive(PartialEq)]
struct ProseKey {
    formats: (Format, Format),
    year: Option<i32>,
    title: Option<String>,
    preamble: String,
    preamble_parts: Vec<(usize, Source)>,
    sections: Vec<SectionKey>,
}

/// A section's ordinal, text, paragraph starts and source.
type SectionKey = (u8, String, Vec<(usize, Source)>, Source);

impl ProseKey {
    /// Prose of at most 256 kB is kept (a real report has ≈ 10–30 kB).
    const MAX_BYTES: usize = 256 << 10;

    fn of(report: &Report, t2: Format, t3: Format) -> Option<ProseKey> {
        let bytes =
            report.preamble.len() + report.sections.iter().map(|s| s.text.len()).sum::<usize>();
        (bytes <= Self::MAX_BYTES).then(|| ProseKey {
            formats: (t2, t3),
            year: report.year,
            title: report.title.clone(),
            preamble: report.preamble.clone(),
            preamble_parts: report.preamble_parts.clone(),
            sections: report
                .sections
                .iter()
                .map(|s| (s.ordinal, s.text.clone(), s.parts.clone(), s.source.clone()))
                .collect(),
        })
    }
}

fn extract_uncached(report: &Report, t2: Format, t3: Format) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut scanned = 0;
    let index = key_index();
    let ctx = Env {
        keys: &index,
        section: 0,
        t2,
        t3,
        year: report.year,
        title: report.title.as_deref().unwrap_or(""),
    };
    if !report.preamble.is_empty() {
        read_text(
            &ctx,
            0,
            &report.preamble,
            &report.preamble_parts,
            &Source::default(),
            (&mut out, &mut scanned),
        );
    }
    for s in &report.sections {
        read_text(
            &ctx,
            s.ordinal,
            &s.text,
            &s.parts,
            &s.source,
            (&mut out, &mut scanned),
        );
    }
    out
}

/// Bounds for hostile input (a 50 MB paste of figures): a real report
/// states fewer than a hundred figures in fewer than a thousand sentences.
/// Past these, the rest of the prose is not read for claims.
const MAX_MENTIONS: usize = 5_000;
/// Bytes of sentences scanned for keywords.
const MAX_SCANNED: usize = 4 << 20;
/// A "sentence" longer than this (no punctuation for pages) is read in
/// pieces of this size.
const MAX_SENTENCE: usize = 1 << 10;

/// The figures a report's prose states, read as the rules read them (for
/// tools and the golden listings).
pub fn of_report(report: &Report, options: &crate::Options) -> Vec<Mention> {
    crate::rules::Ctx::new(report, options, None)
        .claims()
        .to_vec()
}

#[derive(Clone, Copy)]
struct Env<'a> {
    keys: &'a KeyIndex,
    /// The section being read (0: preamble): in section 三 every figure is
    /// about requests.
    section: u8,
    t2: Format,
    t3: Format,
    year: Option<i32>,
    title: &'a str,
}

// ------------------------------------------------------------ folding

/// The text folded for reading, with each folded byte's origin.
struct Folded {
    text: String,
    /// For each byte of `text`, the byte offset in the original.
    origin: Vec<usize>,
}

fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        // CJK and most of what prose holds: never blank (fast path).
        '\u{3001}'..='\u{fefe}' | '!'..='~' => Some(c),
        c if crate::model::value::is_blank_char(c) => None,
        c => Some(c),
    }
}

/// The width of the character at `b[i]` (a character boundary) when
/// [`fold_char`] keeps it as it is and it is the common case, printable
/// ASCII (1) or a three-byte character U+3001–U+EFFF (3); else 0.
#[inline(always)]
fn plain_width(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'!'..=b'~' => 1,
        0xe4..=0xee => 3,
        // U+3000 (E3 80 80) is blank.
        0xe3 if b.get(i + 1..i + 3) != Some(&[0x80, 0x80]) => 3,
        _ => 0,
    }
}

fn fold(text: &str) -> Folded {
    let b = text.as_bytes();
    let mut f = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    let mut pending_space = None;
    let mut i = 0;
    while i < b.len() {
        // A run of characters that stay as they are, after no blank: copied
        // by their bytes (most of a report's prose).
        if pending_space.is_none() && plain_width(b, i) > 0 {
            let start = i;
            while i < b.len() {
                let w = plain_width(b, i);
                if w == 0 {
                    break;
                }
                f.origin.extend(std::iter::repeat_n(i, w));
                i += w;
            }
            f.text.push_str(text.get(start..i).unwrap_or_default());
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        match fold_char(c) {
            None => {
                if pending_space.is_none() {
                    pending_space = Some(i);
                }
            }
            Some(c) => {
                // A space stays only between two ASCII letters (a figure
                // broken across lines or tags reads whole: "7\n5件" is 75).
                if let Some(at) = pending_space.take() {
                    let prev = f.text.chars().next_back();
                    if prev.is_some_and(|p| p.is_ascii_alphabetic()) && c.is_ascii_alphabetic() {
                        f.text.push(' ');
                        f.origin.push(at);
                    }
                }
                let start = f.text.len();
                f.text.push(c);
                f.origin
                    .extend(std::iter::repeat_n(i, f.text.len() - start));
            }
        }
        i += c.len_utf8();
    }
    f
}

// ------------------------------------------------------------ numbers

const COUNT_UNITS: &[char] = &['件', '起', '宗', '例'];

fn cn_digit(c: char) -> Option<i64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万')
}

/// 十二 → 12, 一百零五 → 105, 两千 → 2000; `None` for what is not a number.
fn parse_cn(s: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut section: i64 = 0;
    let mut digit: Option<i64> = None;
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            // 一二三 is a list, not a number (零 may stand before a digit:
            // 一百零五).
            if digit.is_some_and(|p| p != 0) {
                return None;
            }
            digit = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                section = (section + digit.take().unwrap_or(0)).checked_mul(10_000)?;
                total = total.checked_add(section)?;
                section = 0;
                continue;
            }
            _ => return None,
        };
        // 十二: a 十 with no digit before it means 一十.
        section = section.checked_add(digit.take().unwrap_or(1).checked_mul(unit)?)?;
    }
    total.checked_add(section)?.checked_add(digit.unwrap_or(0))
}

/// A number and its unit found at a byte position of the folded text.
struct Found {
    /// Byte range of the figure (digits only) and of figure + unit.
    start: usize,
    fig_end: usize,
    end: usize,
    value: Num,
    money: bool,
}

/// The numbers with a unit in a folded sentence.
fn numbers(s: &str) -> Vec<Found> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if c.is_ascii_digit() {
            let start = i;
            let prev = s[..i].chars().next_back();
            let mut j = i;
            let mut digits = String::new();
            while j < b.len() {
                if b[j].is_ascii_digit() {
                    digits.push(char::from(b[j]));
                    j += 1;
                } else if b[j] == b','
                    && b.get(j + 1..j + 4)
                        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                    && !b.get(j + 4).is_some_and(u8::is_ascii_digit)
                {
                    j += 1;
                } else if b[j] == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                    digits.push('.');
                    j += 1;
                } else {
                    break;
                }
            }
            let fig_end = j;
            // Part of a code, a phone number, a date or a decimal list.
            let glued = prev.is_some_and(|p| {
                p.is_ascii_alphanumeric() || matches!(p, '.' | '-' | '/' | '_' | '第' | '~')
            });
            let mut k = j;
            while b.get(k) == Some(&b' ') {
                k += 1;
            }
            let rest = &s[k..];
            let unit = rest.chars().next();
            if !glued {
                if let Some(u) = unit.filter(|u| COUNT_UNITS.contains(u)) {
                    if !digits.contains('.') {
                        if let Some(v) = Num::parse(&digits) {
                            out.push(Found {
                                start,
                                fig_end,
                                end: k + u.len_utf8(),
                                value: v,
                                money: false,
                            });
                        }
                    }
                } else if let Some((len, shift)) = if rest.starts_with("万元") {
                    Some(("万元".len(), 0))
                } else if rest.starts_with('元') {
                    Some(("元".len(), 4))
                } else {
                    None
                } {
                    if let Some(v) = Num::parse(&digits).and_then(|v| v.shift_point(shift)) {
                        out.push(Found {
                            start,
                            fig_end,
                            end: k + len,
                            value: v,
                            money: true,
                        });
                    }
                }
            }
            i = j.max(i + 1);
            continue;
        }
        if is_cn_numeral(c) {
            let start = i;
            let mut j = i;
            for ch in s[i..].chars() {
                if !is_cn_numeral(ch) {
                    break;
                }
                j += ch.len_utf8();
            }
            let prev = s[..start].chars().next_back();
            let unit = s[j..].chars().next();
            if let (Some(u), false) = (
                unit.filter(|u| COUNT_UNITS.contains(u)),
                // 第一件, 每一件, 这一件, 同一件: not a count.
                prev.is_some_and(|p| "第之初单统唯每任哪这那某同逐".contains(p)),
            ) {
                if let Some(v) = parse_cn(&s[start..j]) {
                    out.push(Found {
                        start,
                        fig_end: j,
                        end: j + u.len_utf8(),
                        value: Num::int(v),
                        money: false,
                    });
                }
            }
            i = j;
            continue;
        }
        i += c.len_utf8();
    }
    out
}

// ------------------------------------------------------------ keywords

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    // table 3 rows
    Received,
    /// 政府信息公开申请 with no verb (申请数量为N件): received, but any
    /// row's own words in the clause win (上年结转政府信息公开申请2件).
    RequestNoun,
    Handled,
    Concluded,
    CarriedIn,
    Granted,
    Partial,
    GrantedPartial,
    Denied,
    Unable,
    Rejected,
    OtherHandling,
    CarriedOut,
    // table 3 columns
    Applicant(Applicant),
    // table 4
    Review,
    Suit,
    SuitDirect,
    SuitAfterReview,
    Outcome(Outcome),
    // table 2
    Doc(Doc),
    Action(Action),
    Licensing,
    Penalty,
    Coercion,
    Fees,
    /// Words that make a figure about something else: 信息处理费, 案件 with
    /// no table keyword…
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Applicant {
    Natural,
    Organisations,
    Commercial,
    Research,
    Nonprofit,
    Legal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Upheld,
    Corrected,
    Other,
    Pending,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Doc {
    Regulations,
    Normative,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    InForce,
    Issued,
    Published,
    Repealed,
}

/// Keywords, matched in the folded text. On a tie of end position the
/// longest wins, so compound wordings come before their parts only for
/// readability.
const KEYS: &[(&str, Key)] = &[
    ("收到", Key::Received),
    ("新收", Key::Received),
    ("受理", Key::Received),
    ("接收", Key::Received),
    ("接到", Key::Received),
    ("收悉", Key::Received),
    ("政府信息公开申请", Key::RequestNoun),
    ("信息公开申请", Key::RequestNoun),
    ("办理", Key::Handled),
    ("处理", Key::Handled),
    ("办结", Key::Concluded),
    ("已办结", Key::Concluded),
    ("办理完毕", Key::Concluded),
    ("办理完成", Key::Concluded),
    ("作出答复", Key::Concluded),
    ("答复", Key::Concluded),
    ("上年结转", Key::CarriedIn),
    ("上年度结转", Key::CarriedIn),
    ("上一年度结转", Key::CarriedIn),
    ("上一年结转", Key::CarriedIn),
    ("去年结转", Key::CarriedIn),
    ("上年转结", Key::CarriedIn),
    ("上年度转结", Key::CarriedIn),
    ("予以公开", Key::Granted),
    ("同意公开", Key::Granted),
    ("全部公开", Key::Granted),
    ("准予公开", Key::Granted),
    ("公开答复", Key::Granted),
    ("部分公开", Key::Partial),
    ("部分公开答复", Key::Partial),
    ("予以公开和部分公开", Key::GrantedPartial),
    ("予以公开及部分公开", Key::GrantedPartial),
    ("予以公开或部分公开", Key::GrantedPartial),
    ("公开和部分公开", Key::GrantedPartial),
    ("公开及部分公开", Key::GrantedPartial),
    ("全部或部分公开", Key::GrantedPartial),
    ("不予公开", Key::Denied),
    ("不予公开答复", Key::Denied),
    ("不公开", Key::Denied),
    ("无法提供", Key::Unable),
    ("不予处理", Key::Rejected),
    ("其他处理", Key::OtherHandling),
    ("结转", Key::CarriedOut),
    ("正在办理", Key::CarriedOut),
    ("仍在办理", Key::CarriedOut),
    ("结转下年度", Key::CarriedOut),
    ("结转下年", Key::CarriedOut),
    ("结转下一年", Key::CarriedOut),
    ("转下一年度", Key::CarriedOut),
    ("转入下一年度", Key::CarriedOut),
    ("转入下年度", Key::CarriedOut),
    ("自然人", Key::Applicant(Applicant::Natural)),
    ("法人或其他组织", Key::Applicant(Applicant::Organisations)),
    ("法人和其他组织", Key::Applicant(Applicant::Organisations)),
    ("法人及其他组织", Key::Applicant(Applicant::Organisations)),
    ("商业企业", Key::Applicant(Applicant::Commercial)),
    ("科研机构", Key::Applicant(Applicant::Research)),
    ("社会公益组织", Key::Applicant(Applicant::Nonprofit)),
    ("法律服务机构", Key::Applicant(Applicant::Legal)),
    ("行政复议", Key::Review),
    ("复议", Key::Review),
    ("行政诉讼", Key::Suit),
    ("诉讼", Key::Suit),
    ("直接起诉", Key::SuitDirect),
    ("复议后起诉", Key::SuitAfterReview),
    ("维持", Key::Outcome(Outcome::Upheld)),
    ("纠正", Key::Outcome(Outcome::Corrected)),
    ("纠错", Key::Outcome(Outcome::Corrected)),
    ("败诉", Key::Outcome(Outcome::Corrected)),
    ("其他结果", Key::Outcome(Outcome::Other)),
    ("尚未审结", Key::Outcome(Outcome::Pending)),
    ("未审结", Key::Outcome(Outcome::Pending)),
    ("规章", Key::Doc(Doc::Regulations)),
    ("规范性文件", Key::Doc(Doc::Normative)),
    ("现行有效", Key::Action(Action::InForce)),
    ("制发", Key::Action(Action::Issued)),
    ("印发", Key::Action(Action::Issued)),
    ("制定", Key::Action(Action::Issued)),
    ("出台", Key::Action(Action::Issued)),
    ("新制作", Key::Action(Action::Issued)),
    ("发布", Key::Action(Action::Published)),
    ("主动公开", Key::Action(Action::Published)),
    ("废止", Key::Action(Action::Repealed)),
    ("宣布失效", Key::Action(Action::Repealed)),
    ("行政许可", Key::Licensing),
    ("行政处罚", Key::Penalty),
    ("行政强制", Key::Coercion),
    ("行政事业性收费", Key::Fees),
    ("信息处理费", Key::Other),
    ("处理费", Key::Other),
    ("规章制度", Key::Other),
    ("申请人", Key::Other),
];

/// Words that make a figure a comparison, not a count.
const COMPARISON: &[&str] = &[
    "同比",
    "环比",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "增幅",
    "降幅",
    "多出",
    "持平",
];

/// Words that make a figure cumulative over more than the report year.
const CUMULATIVE: &[&str] = &[
    "以来",
    "至今",
    "历年",
    "截至目前",
    "截止目前",
    "累计至",
    "近年来",
    "先后",
];

/// How requests arrived: a figure for one channel is part of the total.
const CHANNELS: &[&str] = &[
    "网上",
    "网络",
    "信函",
    "当面",
    "快递",
    "邮寄",
    "传真",
    "电子邮件",
    "来信",
];

/// Words that put a figure in another year.
const OTHER_YEAR: &[&str] = &["上年", "去年", "上一年", "前年", "往年"];

/// Suffixes of another body's name (其中民政局1件).
const BODIES: &[&str] = &[
    "局",
    "委员会",
    "办公室",
    "中心",
    "街道",
    "镇",
    "乡",
    "单位",
    "部门",
    "公司",
    "医院",
    "学校",
    "管委会",
    "法院",
];

/// [`KEYS`] by first character, in 64 buckets (the character's low six
/// bits): most characters of a sentence start no keyword and are passed
/// over with one look-up.
type KeyIndex = [Vec<u8>; 64];

fn bucket(c: char) -> usize {
    (c as usize) & 63
}

fn key_index() -> KeyIndex {
    let mut index: KeyIndex = std::array::from_fn(|_| Vec::new());
    for (i, (k, _)) in KEYS.iter().enumerate() {
        if let (Some(c), Ok(i)) = (k.chars().next(), u8::try_from(i)) {
            index[bucket(c)].push(i);
        }
    }
    index
}

/// Every keyword occurrence in `s`: (start, end, key), in order of position,
/// none inside another.
fn keys_in(s: &str, index: &KeyIndex) -> Vec<(usize, usize, Key)> {
    let mut v: Vec<(usize, usize, Key)> = Vec::new();
    // One pass in order of position (no sort: a sort would cost ~15 kB of
    // wasm for lists this short).
    for (at, c) in s.char_indices() {
        let group = &index[bucket(c)];
        if group.is_empty() {
            continue;
        }
        let rest = &s[at..];
        for (k, key) in group.iter().filter_map(|i| KEYS.get(usize::from(*i))) {
            if !rest.starts_with(k) {
                continue;
            }
            let e = at + k.len();
            // 依申请公开答复 is a request, not 公开; 复议审查机关 is who reviews.
            let request = matches!(key, Key::Granted | Key::Denied) && s[..at].ends_with("依申请");
            let reviewer = *key == Key::Review && s[e..].starts_with("审查");
            if !request && !reviewer {
                v.push((at, e, *key));
            }
        }
    }
    // Drop a keyword inside a longer one (部分公开 inside 予以公开和部分公开,
    // 复议 inside 行政复议, 处理 inside 不予处理): what is left does not
    // nest, so it is in order of end position too.
    let all = v.clone();
    v.retain(|(a, e, _)| {
        !all.iter()
            .any(|(a2, e2, _)| a2 <= a && e <= e2 && (a2, e2) != (a, e))
    });
    v
}

/// The nearest keyword ending at or before `at` in `s`, matching `f`.
fn last_key(keys: &[(usize, usize, Key)], at: usize, f: impl Fn(Key) -> bool) -> Option<Key> {
    keys.iter()
        .rev()
        .find(|(_, e, k)| *e <= at && f(*k))
        .map(|(_, _, k)| *k)
}

fn is_t3_row(k: Key) -> bool {
    matches!(
        k,
        Key::Received
            | Key::RequestNoun
            | Key::Handled
            | Key::Concluded
            | Key::CarriedIn
            | Key::Granted
            | Key::Partial
            | Key::GrantedPartial
            | Key::Denied
            | Key::Unable
            | Key::Rejected
            | Key::OtherHandling
            | Key::CarriedOut
    )
}

fn is_t4_group(k: Key) -> bool {
    matches!(
        k,
        Key::Review | Key::Suit | Key::SuitDirect | Key::SuitAfterReview
    )
}

// ------------------------------------------------------------ reading

/// Clause and sentence punctuation (folded).
/// Sentences end at 。！？ (a semicolon keeps the sentence's subject:
/// 共受理申请749件；共办理718件).
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '\n')
}

fn is_clause_end(c: char) -> bool {
    is_sentence_end(c) || matches!(c, ';' | ',' | '、' | ':' | '(' | ')' | '【' | '】')
}

/// Byte ranges of the sentences of a folded text.
fn sentences(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if is_sentence_end(c) {
            if i > start {
                out.push((start, i));
            }
            start = i + c.len_utf8();
        } else if i - start >= MAX_SENTENCE {
            out.push((start, i));
            start = i;
        }
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out
}

fn clause_bounds(s: &str, at: usize, end: usize) -> (usize, usize) {
    let start = s[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| is_clause_end(*c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let stop = s[end..]
        .char_indices()
        .find(|(_, c)| is_clause_end(*c))
        .map(|(i, _)| end + i)
        .unwrap_or(s.len());
    (start, stop)
}

fn read_text(
    env: &Env,
    section: u8,
    text: &str,
    parts: &[(usize, Source)],
    fallback: &Source,
    (out, scanned): (&mut Vec<Mention>, &mut usize),
) {
    let env = &Env { section, ..*env };
    // Paragraph breaks end sentences only after sentence punctuation or a
    // heading; elsewhere (PDF conversions) a line break is inside a sentence.
    let folded = fold(text);
    let f = &folded.text;
    for (ss, se) in sentences(f) {
        let sent = &f[ss..se];
        // Only a sentence with a unit can state a figure.
        let nums = if sent.contains(['件', '起', '宗', '例', '元']) {
            numbers(sent)
        } else {
            Vec::new()
        };
        // Most sentences state no figure: skip the keyword scan for them.
        if nums.is_empty() && !sent.contains(['未', '没', '无']) {
            continue;
        }
        *scanned += sent.len();
        if *scanned > MAX_SCANNED || out.len() >= MAX_MENTIONS {
            return;
        }
        let keys = keys_in(sent, env.keys);
        let mut found: Vec<(Found, Option<Key>)> = nums.into_iter().map(|n| (n, None)).collect();
        // Both lists are in order of position: merge them.
        for neg in negations(sent, &keys) {
            let at = found.partition_point(|(n, _)| n.start <= neg.0.start);
            found.insert(at, neg);
        }
        for (n, neg) in found {
            let reading = match neg {
                Some(k) => read_negation(env, sent, &keys, &n, k),
                None => read_mention(env, sent, &keys, &n),
            };
            if matches!(reading, Reading::Not("no-keyword")) {
                continue;
            }
            let offset = folded.origin.get(ss + n.start).copied().unwrap_or(0);
            // The paragraph holding the figure (parts are in text order).
            let source = parts
                .partition_point(|(o, _)| *o <= offset)
                .checked_sub(1)
                .and_then(|i| parts.get(i))
                .map(|(_, s)| s.clone())
                .unwrap_or_else(|| fallback.clone());
            let (cs, _) = clause_bounds(sent, n.start, n.end);
            out.push(Mention {
                section,
                sentence: as_written(text, &folded, ss, se, ss + n.start),
                quote: sent[cs..n.end].to_string(),
                figure: sent[n.start..n.fig_end].to_string(),
                value: n.value,
                money: n.money,
                reading,
                source,
                offset,
            });
        }
    }
}

/// The sentence as written: whitespace runs collapsed, at most 80
/// characters, cut around the figure.
fn as_written(text: &str, folded: &Folded, ss: usize, se: usize, fig: usize) -> String {
    let o = |i: usize| folded.origin.get(i).copied().unwrap_or(text.len());
    let start = o(ss);
    let end = if se >= folded.text.len() {
        text.len()
    } else {
        o(se)
    };
    let at = o(fig);
    let raw = text.get(start..end).unwrap_or("");
    let mut words = String::new();
    let mut fig_char = 0;
    let mut space = false;
    for (i, c) in raw.char_indices() {
        if start + i == at {
            fig_char = words.chars().count();
        }
        if crate::model::value::is_blank_char(c) {
            space = true;
            continue;
        }
        if space && !words.is_empty() {
            // Keep a space only where the author had one between words.
            let prev = words.chars().next_back();
            if prev.is_some_and(|p| p.is_ascii() && !p.is_ascii_punctuation())
                || c.is_ascii_alphanumeric()
            {
                words.push(' ');
            }
        }
        space = false;
        words.push(c);
    }
    let n = words.chars().count();
    const MAX: usize = 80;
    if n <= MAX {
        return words;
    }
    let from = fig_char.saturating_sub(MAX / 2).min(n - MAX);
    let mut s: String = words.chars().skip(from).take(MAX).collect();
    if from > 0 {
        s.insert(0, '…');
    }
    if from + MAX < n {
        s.push('…');
    }
    s
}

/// 0 written in words: 未收到政府信息公开申请, 未发生…行政复议、行政诉讼,
/// 无行政复议. Each table keyword in the negated stretch (to the next comma)
/// is a zero claim.
fn negations(s: &str, keys: &[(usize, usize, Key)]) -> Vec<(Found, Option<Key>)> {
    const NEG: &[&str] = &[
        "未收到",
        "未发生",
        "未产生",
        "未出现",
        "未接到",
        "未有",
        "未受理",
        "没有收到",
        "没有发生",
        "没有产生",
        "没有出现",
        "未引起",
        "未引发",
        "未涉及",
        "无",
    ];
    /// Words that may stand between 无 and its keyword (无政府信息公开类行政复议).
    const NO_FILLER: &[&str] = &[
        "政府信息公开类",
        "政府信息公开",
        "涉及政府信息公开的",
        "相关",
    ];
    let mut out = Vec::new();
    // In order of position, one negation per place (no sort: keeps the
    // wasm small).
    for (at, c) in s.char_indices() {
        if !matches!(c, '未' | '没' | '无') {
            continue;
        }
        let Some(neg) = NEG.iter().find(|n| s[at..].starts_with(**n)) else {
            continue;
        };
        let from = at + neg.len();
        let stop = s[from..]
            .char_indices()
            .find(|(_, c)| is_sentence_end(*c) || matches!(*c, ',' | ';'))
            .map(|(i, _)| from + i)
            .unwrap_or(s.len());
        // 无 counts only right before a keyword (无行政复议, 无政府信息公开类
        // 行政复议、行政诉讼), never in 无法提供 or 无正当理由.
        if *neg == "无" {
            let filler = NO_FILLER
                .iter()
                .find(|f| s[from..].starts_with(**f))
                .map_or(0, |f| f.len());
            if !keys
                .iter()
                .any(|(a, _, _)| *a == from + filler || *a == from)
            {
                continue;
            }
        }
        let scope: Vec<&(usize, usize, Key)> = keys
            .iter()
            .filter(|(a, e, _)| *a >= at && *e <= stop)
            .collect();
        // A figure in the stretch makes it no zero claim (未收到…以外的3件).
        if scope.is_empty() || !numbers(&s[from..stop]).is_empty() {
            continue;
        }
        let found = |k: Key| {
            (
                Found {
                    start: at,
                    fig_end: from,
                    end: stop,
                    value: Num::ZERO,
                    money: false,
                },
                Some(k),
            )
        };
        let outcome = scope.iter().find_map(|(_, _, k)| match k {
            Key::Outcome(o) => Some(*o),
            _ => None,
        });
        let groups: Vec<Key> = [Key::Review, Key::Suit]
            .into_iter()
            .filter(|g| {
                scope
                    .iter()
                    .any(|(_, _, k)| is_t4_group(*k) && same_group(*k, *g))
            })
            .collect();
        match outcome {
            // 未发生被行政复议纠错或被行政诉讼败诉: one claim, both groups.
            Some(o) if !groups.is_empty() => out.push(found(Key::Outcome(o))),
            Some(_) => {}
            None if !groups.is_empty() => out.extend(groups.into_iter().map(found)),
            None => {
                // 无结转下年度继续办理, 无上年结转: that row is 0.
                if let Some((_, _, k)) = scope
                    .iter()
                    .find(|(_, _, k)| matches!(k, Key::CarriedOut | Key::CarriedIn))
                {
                    out.push(found(*k));
                } else if scope
                    .iter()
                    .any(|(_, _, k)| matches!(k, Key::Received | Key::RequestNoun))
                    && s[from..stop].contains("申请")
                {
                    out.push(found(Key::Received));
                }
            }
        }
    }
    out
}

fn read_negation(env: &Env, s: &str, keys: &[(usize, usize, Key)], n: &Found, k: Key) -> Reading {
    if let Some(why) = not_a_claim(env, s, n, k) {
        return Reading::Not(why);
    }
    match k {
        Key::Outcome(o) => {
            // Every group named in the negated stretch: 未发生被行政复议纠错
            // 或被行政诉讼败诉 → both groups' corrected = 0.
            let groups: Vec<Key> = keys
                .iter()
                .filter(|(a, _, g)| *a >= n.fig_end && *a < n.end && is_t4_group(*g))
                .map(|(_, _, g)| *g)
                .collect();
            let mut alts = Vec::new();
            let mut topic_zh = Vec::new();
            let mut topic_en = Vec::new();
            for g in [Key::Review, Key::Suit] {
                if groups.iter().any(|x| same_group(*x, g)) {
                    let (t, places) = t4_places(g, Some(o));
                    topic_zh.push(t.zh);
                    topic_en.push(t.en);
                    alts.extend(places.into_iter().flatten());
                }
            }
            if alts.is_empty() {
                return Reading::Not("no-keyword");
            }
            Reading::Claim {
                topic: Topic {
                    id: format!("t4/{}", outcome_id(o)),
                    zh: topic_zh.join("与"),
                    en: topic_en.join(" and "),
                },
                alts: vec![alts],
            }
        }
        k if is_t4_group(k) => {
            let (topic, alts) = t4_places(k, None);
            Reading::Claim { topic, alts }
        }
        _ => t3_claim(env.t3, k, None),
    }
}

fn same_group(a: Key, b: Key) -> bool {
    let norm = |k: Key| match k {
        Key::SuitDirect | Key::SuitAfterReview => Key::Suit,
        k => k,
    };
    norm(a) == norm(b)
}

/// Why a mention is not a claim about the table, if it is not.
fn not_a_claim(env: &Env, s: &str, n: &Found, head: Key) -> Option<&'static str> {
    let (cs, ce) = clause_bounds(s, n.start, n.end);
    let before = &s[cs..n.start];
    let sent_before = &s[..n.start];
    if COMPARISON.iter().any(|w| before.contains(w)) || s[n.end..ce].starts_with('%') {
        return Some("comparison");
    }
    if CUMULATIVE.iter().any(|w| sent_before.contains(w)) {
        return Some("cumulative");
    }
    // 收到群众网上申请105件, 信函申请10件: one channel, not all requests.
    if CHANNELS.iter().any(|w| before.contains(w)) {
        return Some("channel");
    }
    // Inside a title: 《…》.
    if sent_before
        .rfind('《')
        .is_some_and(|o| sent_before.rfind('》').is_none_or(|c| c < o))
    {
        return Some("title");
    }
    // Another year: the last year named before the figure in the sentence,
    // or 上年/去年 in its clause (but 上年结转 is this year's table row).
    // (A year inside a bracket closed before the figure is about that
    // bracket: 办结31件（其中1件为2021年结转），无结转下年度.)
    let year_before =
        crate::read::recognize::years_in(&without_closed_brackets(sent_before)).last();
    // …or any year in the rest of its clause (1件为2022年结转本年度办理).
    let years_after = crate::read::recognize::years_in(&s[n.end..ce]);
    if let Some(report) = env.year {
        let next_ok = |y: i32| head == Key::CarriedOut && y == report + 1;
        if year_before
            .into_iter()
            .chain(years_after)
            .any(|y| y != report && !next_ok(y))
        {
            return Some("other-year");
        }
    }
    if head != Key::CarriedIn
        && OTHER_YEAR.iter().any(|w| {
            before.match_indices(w).any(|(i, _)| {
                !before[i + w.len()..].starts_with("结转")
                    && !before[i + w.len()..].starts_with("度结转")
            })
        })
    {
        return Some("other-year");
    }
    // 区政府本级…: one level of a region's report, not the whole.
    if another_body(env, before) || before.contains("本级") {
        return Some("other-body");
    }
    None
}

/// `s` as far as the years it names go: without the bracketed parts that
/// close within it, nor the years of comparisons (较2021年上升).
fn without_closed_brackets(s: &str) -> String {
    let s = no_compared_years(s);
    let s = s.as_str();
    let mut out = String::with_capacity(s.len());
    let mut open: Vec<usize> = Vec::new();
    for c in s.chars() {
        match c {
            '(' => {
                open.push(out.len());
                out.push(c);
            }
            ')' => match open.pop() {
                Some(at) => out.truncate(at),
                None => out.push(c),
            },
            c => out.push(c),
        }
    }
    out
}

fn no_compared_years(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        let year = after
            .get(..4)
            .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
            && after[4..].starts_with('年');
        if matches!(c, '较' | '比' | '于') && year {
            rest = &after[4 + '年'.len_utf8()..];
            continue;
        }
        out.push(c);
        rest = after;
    }
    out
}

/// A clause about another body than the report's: 其中民政局1件,
/// 区公安局收到申请30件 (when the title names no such body).
fn another_body(env: &Env, before: &str) -> bool {
    for suffix in BODIES {
        for (i, _) in before.match_indices(suffix) {
            let head: String = before[..i]
                .chars()
                .rev()
                .take(2)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if head.is_empty() {
                continue;
            }
            // 本局, 我局, 该中心: the report's own body (各部门, 各乡镇 are
            // parts of it, not the whole).
            if head.ends_with(['本', '我', '该', '全']) {
                continue;
            }
            let name = format!("{head}{suffix}");
            if env.title.contains(&name) {
                continue;
            }
            return true;
        }
    }
    false
}

fn read_mention(env: &Env, s: &str, keys: &[(usize, usize, Key)], n: &Found) -> Reading {
    let (cs, ce) = clause_bounds(s, n.start, n.end);
    let in_clause = |k: &&(usize, usize, Key)| k.0 >= cs && k.1 <= ce;
    // The keyword ending nearest before the figure; a generic verb (办理,
    // 答复) gives way to a row's own words in the same clause
    // (转下一年度办理答复的有1件 is carried over, not concluded).
    let generic = |k: Key| matches!(k, Key::Handled | Key::Concluded | Key::RequestNoun);
    let before_all: Vec<Key> = keys
        .iter()
        .filter(in_clause)
        .filter(|(_, e, _)| *e <= n.start)
        .map(|(_, _, k)| *k)
        .collect();
    let before = before_all
        .iter()
        .rev()
        .find(|k| !generic(**k) && **k != Key::Other)
        .or_else(|| before_all.iter().rev().find(|k| **k != Key::RequestNoun))
        .or_else(|| before_all.last())
        .copied();
    // 收到70件申请, 有1件…行政复议: the keyword after the figure.
    // The keyword must end the clause (or stand before words that add
    // nothing): 120件做了复议决定 is about decisions, not reviews.
    let after = || {
        let (_, e, k) = keys
            .iter()
            .filter(in_clause)
            .find(|(a, _, k)| *a >= n.end && !matches!(k, Key::Other))?;
        let tail = &s[*e..ce];
        ["", "继续办理", "办理", "处理", "情况", "案件", "事项", "中"]
            .contains(&tail)
            .then_some(*k)
    };
    let head = match before {
        Some(k) => k,
        None => match after() {
            Some(k) => k,
            None => {
                // 共办理相关案件74件 after 行政复议、行政诉讼: a table figure
                // with no one cell.
                if s[cs..n.end].contains("案件") {
                    if let Some(why) = not_a_claim(env, s, n, Key::Other) {
                        return Reading::Not(why);
                    }
                    return cases(keys, n);
                }
                return Reading::Not("no-keyword");
            }
        },
    };
    if head == Key::Other {
        return Reading::Not("no-keyword");
    }
    if let Some(why) = not_a_claim(env, s, n, head) {
        return Reading::Not(why);
    }
    // 共办理相关案件74件 after 行政复议、行政诉讼: cases, not requests.
    if matches!(
        head,
        Key::Handled | Key::Concluded | Key::Received | Key::RequestNoun
    ) && s[cs..ce].contains("案件")
        && !s[cs..ce].contains("申请")
    {
        return cases(keys, n);
    }
    topic_for(env, s, keys, n, head, Some((cs, ce)))
}

/// 案件N件 in a sentence about reviews or lawsuits: that group's total
/// when the sentence names one, unplaced when it names both.
fn cases(keys: &[(usize, usize, Key)], n: &Found) -> Reading {
    let groups: Vec<Key> = keys
        .iter()
        .filter(|(_, e, k)| *e <= n.start && is_t4_group(*k))
        .map(|(_, _, k)| *k)
        .collect();
    let review = groups.iter().any(|g| same_group(*g, Key::Review));
    let suit = groups.iter().any(|g| same_group(*g, Key::Suit));
    match (review, suit) {
        (true, true) => t4_all(),
        (true, false) | (false, true) => {
            let (topic, alts) = t4_places(groups[groups.len() - 1], None);
            Reading::Claim { topic, alts }
        }
        (false, false) => Reading::Not("no-keyword"),
    }
}

/// Resolves a head keyword (with the sentence's context) to a topic.
fn topic_for(
    env: &Env,
    s: &str,
    keys: &[(usize, usize, Key)],
    n: &Found,
    head: Key,
    clause: Option<(usize, usize)>,
) -> Reading {
    let (cs, ce) = clause.unwrap_or((n.start, n.end));
    let sentence_has_request = s.contains("申请") || env.section == 3;
    let clause_text = &s[cs..ce];
    let request_in_clause = clause_text
        .match_indices("申请")
        .any(|(i, _)| !clause_text[i..].starts_with("申请人"));
    let count = !n.money;
    let head = match head {
        Key::RequestNoun => Key::Received,
        k => k,
    };
    match head {
        _ if n.money && head != Key::Fees => Reading::Not("money"),
        Key::Fees => {
            if env.t2 != Format::F2021 || !n.money {
                return Reading::Not("fee-items");
            }
            claim(
                "t2/fees",
                "表二“行政事业性收费”的本年收费金额（万元）",
                "table 2, fees, amount (10k yuan)",
                vec![vec![(TableId::T2, Some("item8"), "fees", "amount")]],
            )
        }
        Key::Received | Key::Handled | Key::Concluded
            if !(request_in_clause || (head != Key::Received && sentence_has_request)) =>
        {
            Reading::Not("no-request")
        }
        k if is_t3_row(k) && count => {
            if !sentence_has_request && !matches!(k, Key::CarriedIn | Key::CarriedOut) {
                return Reading::Not("no-request");
            }
            if matches!(k, Key::CarriedOut | Key::CarriedIn)
                && !sentence_has_request
                && !s.contains("办理")
            {
                return Reading::Not("no-request");
            }
            t3_claim(env.t3, k, None)
        }
        Key::Applicant(a) if count => {
            if !sentence_has_request {
                return Reading::Not("no-request");
            }
            let row = last_key(keys, n.start, is_t3_row).unwrap_or(Key::Received);
            t3_claim(env.t3, row, Some(a))
        }
        k if is_t4_group(k) && count => {
            // 行政复议、行政诉讼案件N件: a list of both groups before one figure.
            let listed = s[..cs].strip_suffix('、').is_some_and(|prev| {
                let (ps, _) = clause_bounds(prev, prev.len(), prev.len());
                let p = &prev[ps..];
                numbers(p).is_empty()
                    && keys_in(p, env.keys)
                        .iter()
                        .any(|(_, _, g)| is_t4_group(*g) && !same_group(*g, k))
            });
            if listed || clause_mentions_both_groups(keys, cs, ce) {
                return t4_all();
            }
            let (topic, alts) = t4_places(k, None);
            Reading::Claim { topic, alts }
        }
        Key::Outcome(o) if count => {
            // The group named earlier in the sentence: 行政复议2件，其中维持1件.
            match last_key(keys, n.start, is_t4_group) {
                Some(g) => {
                    let (topic, alts) = t4_places(g, Some(o));
                    Reading::Claim { topic, alts }
                }
                None => Reading::Not("no-keyword"),
            }
        }
        Key::Doc(d) if count => {
            // The verb of this clause, or of the list it continues
            // (现行有效规章5件、规范性文件12件), never of another clause
            // (废止…2件，修改规范性文件3件 is no repeal).
            let from = list_start(s, cs);
            // 制定发布规范性文件4件: making it is what counts, not publishing.
            let actions: Vec<Key> = keys
                .iter()
                .filter(|(a, e, k)| *a >= from && *e <= n.start && matches!(k, Key::Action(_)))
                .map(|(_, _, k)| *k)
                .collect();
            let action = actions
                .iter()
                .rev()
                .find(|k| **k != Key::Action(Action::Published))
                .or(actions.last())
                .copied();
            match action {
                Some(Key::Action(a)) => t2_doc(env.t2, d, a),
                _ => Reading::Unplaced {
                    why_zh: "未说明是制发、废止还是现行有效的件数",
                    why_en: "it does not say issued, repealed or in force",
                },
            }
        }
        Key::Action(a) if count => {
            // 制发规章和规范性文件共12件: the document type after the verb;
            // 规章13件（含新制定5件，废止4件）: the one the bracket is about.
            let doc = |from: usize, to: usize| {
                keys.iter()
                    .find(|(st, _, k)| *st >= from && *st < to && matches!(k, Key::Doc(_)))
                    .map(|(_, _, k)| *k)
            };
            let owner = || {
                let open = s[..n.start].rfind('(')?;
                if s[open..n.start].contains(')') {
                    return None;
                }
                doc(clause_bounds(s, open, open).0, open)
            };
            // 制发规范性文件12件，废止3件，现行有效件数25件: a bare verb
            // and figure continue the sentence's document type.
            let bare = || {
                let (_, verb_end, _) = keys
                    .iter()
                    .rev()
                    .find(|(a, e, k)| *a >= cs && *e <= n.start && matches!(k, Key::Action(_)))?;
                if !s[*verb_end..n.start]
                    .chars()
                    .all(|c| "文件数量的为共计有".contains(c))
                {
                    return None;
                }
                keys.iter()
                    .rev()
                    .find(|(_, e, k)| *e <= cs && matches!(k, Key::Doc(_)))
                    .map(|(_, _, k)| *k)
            };
            match doc(cs, n.start).or_else(owner).or_else(bare) {
                Some(Key::Doc(d)) => t2_doc(env.t2, d, a),
                _ => Reading::Not("no-keyword"),
            }
        }
        Key::Licensing | Key::Penalty | Key::Coercion if count => {
            // 受理行政许可申请N件 counts requests, not decisions.
            if request_in_clause || clause_text.contains("受理") {
                return Reading::Unplaced {
                    why_zh: "说的是申请件数，表二只有处理决定数量",
                    why_en: "it counts requests; table 2 has decisions only",
                };
            }
            let (row, block, zh, en) = match head {
                Key::Licensing => (
                    "licensing",
                    "item5",
                    "表二“行政许可”的本年处理决定数量",
                    "table 2, licensing, decisions",
                ),
                Key::Penalty => (
                    "penalty",
                    "item6",
                    "表二“行政处罚”的本年处理决定数量",
                    "table 2, penalties, decisions",
                ),
                _ => (
                    "coercion",
                    "item6",
                    "表二“行政强制”的本年处理决定数量",
                    "table 2, coercive measures, decisions",
                ),
            };
            claim(
                &format!("t2/{row}"),
                zh,
                en,
                vec![vec![(TableId::T2, Some(block), row, "decisions")]],
            )
        }
        _ => Reading::Not("no-keyword"),
    }
}

/// Where the 、-separated list holding the clause at `cs` starts.
fn list_start(s: &str, mut cs: usize) -> usize {
    while let Some(prev) = s[..cs].strip_suffix('、') {
        cs = clause_bounds(prev, prev.len(), prev.len()).0;
    }
    cs
}

fn clause_mentions_both_groups(keys: &[(usize, usize, Key)], cs: usize, ce: usize) -> bool {
    let g: Vec<Key> = keys
        .iter()
        .filter(|(a, e, k)| *a >= cs && *e <= ce && is_t4_group(*k))
        .map(|(_, _, k)| *k)
        .collect();
    g.iter().any(|k| same_group(*k, Key::Review)) && g.iter().any(|k| same_group(*k, Key::Suit))
}

fn claim(id: &str, zh: &str, en: &str, alts: Vec<Vec<Place>>) -> Reading {
    Reading::Claim {
        topic: Topic {
            id: id.to_string(),
            zh: zh.to_string(),
            en: en.to_string(),
        },
        alts,
    }
}

fn outcome_id(o: Outcome) -> &'static str {
    match o {
        Outcome::Upheld => "upheld",
        Outcome::Corrected => "corrected",
        Outcome::Other => "other",
        Outcome::Pending => "pending",
    }
}

fn t4_places(group: Key, outcome: Option<Outcome>) -> (Topic, Vec<Vec<Place>>) {
    let col = outcome.map(outcome_id).unwrap_or("total");
    let (col_zh, col_en) = match outcome {
        None => ("总计", "Total"),
        Some(Outcome::Upheld) => ("结果维持", "upheld"),
        Some(Outcome::Corrected) => ("结果纠正", "corrected"),
        Some(Outcome::Other) => ("其他结果", "other results"),
        Some(Outcome::Pending) => ("尚未审结", "pending"),
    };
    let (groups, zh, en): (&[&'static str], String, String) = match group {
        Key::Review => (
            &["review"],
            format!("表四“行政复议”的“{col_zh}”"),
            format!("table 4, reviews, {col_en}"),
        ),
        Key::SuitDirect => (
            &["suit_direct"],
            format!("表四“行政诉讼 未经复议直接起诉”的“{col_zh}”"),
            format!("table 4, direct lawsuits, {col_en}"),
        ),
        Key::SuitAfterReview => (
            &["suit_after_review"],
            format!("表四“行政诉讼 复议后起诉”的“{col_zh}”"),
            format!("table 4, lawsuits after review, {col_en}"),
        ),
        _ => (
            &["suit_direct", "suit_after_review"],
            format!("表四两类行政诉讼“{col_zh}”之和"),
            format!("table 4, lawsuits, {col_en} (both kinds)"),
        ),
    };
    let alts = vec![groups
        .iter()
        .map(|g| (TableId::T4, None, *g, col))
        .collect()];
    let id = format!("t4/{}/{col}", groups.join("+"));
    (Topic { id, zh, en }, alts)
}

/// Reviews and lawsuits stated as one figure (行政复议、行政诉讼案件74件):
/// the three totals of table 4 together.
fn t4_all() -> Reading {
    claim(
        "t4/all/total",
        "表四行政复议与两类行政诉讼“总计”之和",
        "table 4, reviews and lawsuits, Totals",
        vec![["review", "suit_direct", "suit_after_review"]
            .iter()
            .map(|g| (TableId::T4, None, *g, "total"))
            .collect()],
    )
}

fn t3_claim(format: Format, row: Key, applicant: Option<Applicant>) -> Reading {
    let cols: Vec<&'static str> = match applicant {
        None => vec!["total"],
        Some(Applicant::Natural) => vec!["natural"],
        Some(Applicant::Commercial) => vec!["commercial"],
        Some(Applicant::Research) => vec!["research"],
        Some(Applicant::Nonprofit) => vec!["nonprofit"],
        Some(Applicant::Legal) => vec!["legal"],
        Some(Applicant::Organisations) => T3_APPLICANTS[1..].to_vec(),
    };
    let (col_zh, col_en) = match applicant {
        None => ("“总计”列", "Total"),
        Some(Applicant::Natural) => ("“自然人”列", "natural persons"),
        Some(Applicant::Commercial) => ("“商业企业”列", "businesses"),
        Some(Applicant::Research) => ("“科研机构”列", "research bodies"),
        Some(Applicant::Nonprofit) => ("“社会公益组织”列", "non-profits"),
        Some(Applicant::Legal) => ("“法律服务机构”列", "legal services"),
        Some(Applicant::Organisations) => (
            "“法人或其他组织”各列之和",
            "legal persons and other organisations",
        ),
    };
    let rows = |ids: &[&'static str]| -> Vec<Place> {
        ids.iter()
            .flat_map(|r| cols.iter().map(move |c| (TableId::T3, None, *r, *c)))
            .collect()
    };
    let outcome_rows = |prefix: &str| -> Vec<&'static str> {
        t3_outcome_rows(format)
            .filter(|r| {
                if prefix == "other" {
                    *r == "other" || r.starts_with("other_")
                } else {
                    r.starts_with(prefix)
                }
            })
            .collect()
    };
    let (id, zh, en, alts): (&str, &str, &str, Vec<Vec<Place>>) = match row {
        Key::Received | Key::RequestNoun => (
            "received",
            "表三“一、本年新收政府信息公开申请数量”行",
            "table 3, new requests",
            vec![rows(&["new"]), rows(&["new", "carried_in"])],
        ),
        Key::Handled => (
            "handled",
            "表三“一、本年新收”加“二、上年结转”",
            "table 3, new plus carried-in requests",
            vec![
                rows(&["new", "carried_in"]),
                rows(&["results_total"]),
                rows(&["new"]),
            ],
        ),
        Key::Concluded => (
            "concluded",
            "表三“（七）总计”行",
            "table 3, results total",
            vec![rows(&["results_total"])],
        ),
        Key::CarriedIn => (
            "carried_in",
            "表三“二、上年结转政府信息公开申请数量”行",
            "table 3, carried in",
            vec![rows(&["carried_in"])],
        ),
        Key::Granted => (
            "granted",
            "表三“（一）予以公开”行",
            "table 3, granted",
            vec![rows(&["granted"])],
        ),
        Key::Partial => (
            "partial",
            "表三“（二）部分公开”行",
            "table 3, partly granted",
            vec![rows(&["partial"])],
        ),
        Key::GrantedPartial => (
            "granted+partial",
            "表三“（一）予以公开”与“（二）部分公开”两行之和",
            "table 3, granted plus partly granted",
            vec![rows(&["granted", "partial"])],
        ),
        Key::Denied => (
            "denied",
            "表三“（三）不予公开”各行之和",
            "table 3, denied (all reasons)",
            vec![rows(&outcome_rows("denied_"))],
        ),
        Key::Unable => (
            "unable",
            "表三“（四）无法提供”各行之和",
            "table 3, unable to provide (all reasons)",
            vec![rows(&outcome_rows("unable_"))],
        ),
        Key::Rejected => (
            "rejected",
            "表三“（五）不予处理”各行之和",
            "table 3, not handled (all reasons)",
            vec![rows(&outcome_rows("rejected_"))],
        ),
        Key::OtherHandling => (
            "other",
            "表三“（六）其他处理”各行之和",
            "table 3, other handling",
            vec![rows(&outcome_rows("other"))],
        ),
        Key::CarriedOut => (
            "carried_out",
            "表三“四、结转下年度继续办理”行",
            "table 3, carried over to next year",
            vec![rows(&["carried_out"])],
        ),
        _ => return Reading::Not("no-keyword"),
    };
    let col_id = applicant
        .map(|_| cols.join("+"))
        .unwrap_or_else(|| "total".into());
    Reading::Claim {
        topic: Topic {
            id: format!("t3/{id}/{col_id}"),
            zh: format!("{zh}{col_zh}"),
            en: format!("{en}, {col_en}"),
        },
        alts,
    }
}

fn t2_doc(format: Format, d: Doc, a: Action) -> Reading {
    let (row, row_zh, row_en) = match d {
        Doc::Regulations => ("regulations", "规章", "regulations"),
        Doc::Normative => (
            "normative",
            if format == Format::F2021 {
                "行政规范性文件"
            } else {
                "规范性文件"
            },
            "normative documents",
        ),
    };
    let col = match (format, a) {
        (Format::F2021, Action::InForce) => Some(("in_force", "现行有效件数", "in force")),
        (Format::F2021, Action::Issued) => Some(("issued", "本年制发件数", "issued")),
        // 主动公开规章13件（含新制定5件，修改4件，废止4件）: what was published
        // this year is not a column of the 2021 table.
        (Format::F2021, Action::Published) => {
            return Reading::Unplaced {
                why_zh: "主动公开（发布）的件数不是表二的栏目，表二只有制发、废止和现行有效件数",
                why_en:
                    "published is no column of table 2, which counts issued, repealed and in force",
            }
        }
        (Format::F2021, Action::Repealed) => Some(("repealed", "本年废止件数", "repealed")),
        (Format::F2019, Action::Issued) => Some(("made", "本年新制作数量", "made")),
        (Format::F2019, Action::Published) => Some(("published", "本年新公开数量", "published")),
        (Format::F2019, Action::InForce) => {
            Some(("total_public", "对外公开总数量", "total public"))
        }
        (Format::F2019, Action::Repealed) => None,
    };
    let Some((col, col_zh, col_en)) = col else {
        return Reading::Unplaced {
            why_zh: "2019年格式的表二没有废止件数",
            why_en: "the 2019 table 2 has no repealed count",
        };
    };
    claim(
        &format!("t2/{row}/{col}"),
        &format!("表二“{row_zh}”的“{col_zh}”"),
        &format!("table 2, {row_en}, {col_en}"),
        vec![vec![(TableId::T2, Some("item1"), row, col)]],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold` copying runs of plain characters gives what folding each
    /// character gives: every character of the BMP edges and ranges, the
    /// seed's prose, and generated mixtures of blanks, ASCII, full-width
    /// forms and ideographs.
    #[test]
    fn fold_by_runs_is_fold_by_characters() {
        fn by_char(text: &str) -> (String, Vec<usize>) {
            let (mut t, mut o) = (String::new(), Vec::new());
            let mut pending = None;
            for (i, c) in text.char_indices() {
                match fold_char(c) {
                    None => {
                        pending.get_or_insert(i);
                    }
                    Some(c) => {
                        if let Some(at) = pending.take() {
                            let prev = t.chars().next_back();
                            if prev.is_some_and(|p: char| p.is_ascii_alphabetic())
                                && c.is_ascii_alphabetic()
                            {
                                t.push(' ');
                                o.push(at);
                            }
                        }
                        let start = t.len();
                        t.push(c);
                        o.extend(std::iter::repeat_n(i, t.len() - start));
                    }
                }
            }
            (t, o)
        }
        let check = |s: &str| {
            let f = fold(s);
            assert_eq!((f.text, f.origin), by_char(s), "{s:?}");
        };
        let every: String = ('\0'..=char::MAX).collect();
        check(&every);
        for c in ('\0'..='\u{ffff}').chain(['\u{10000}', '\u{10ffff}']) {
            check(&format!("a{c}b 共{c}"));
        }
        check(include_str!("../../../examples/seed-linzi-yingji-2020.txt"));
        let pool: Vec<char> = " \t\n\u{3000}\u{a0}\u{200b}aZ7!~（）１２ｂ共收件。，、\u{3001}\u{2fff}\u{efff}\u{f000}\u{fefe}\u{feff}\u{ff5e}\u{ff5f}"
            .chars()
            .collect();
        let mut x: u64 = 0x1234_5678_9abc_def1;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..(x % 24) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push(pool[(x % pool.len() as u64) as usize]);
            }
            check(&s);
        }
    }

    /// The kept prose answers only for the same prose, formats, year and title.
    #[test]
    fn the_last_prose_read_is_reused_only_when_all_of_it_is_the_same() {
        let seed = include_str!("../../../examples/seed-linzi-yingji-2020.txt");
        let opts = crate::Options::default();
        let report = crate::read_str(seed, &opts).expect("reads");
        let listing = |m: &[Mention]| -> Vec<String> {
            m.iter()
                .map(|m| format!("{} {} {:?} {:?}", m.section, m.figure, m.reading, m.source))
                .collect()
        };
        let (f19, f21) = (Format::F2019, Format::F2021);
        let first = listing(&extract_uncached(&report, f19, f19));
        assert!(!first.is_empty());
        assert_eq!(listing(&extract(&report, f19, f19)), first);
        assert_eq!(listing(&extract(&report, f19, f19)), first, "kept");
        // Another format reads the same words otherwise.
        assert_eq!(
            listing(&extract(&report, f21, f21)),
            listing(&extract_uncached(&report, f21, f21))
        );
        // One figure of the prose changed: read again.
        let mut changed = report.clone();
        let (s, at) = changed
            .sections
            .iter_mut()
            .find_map(|s| {
                let at = s.text.match_indices('件').find_map(|(i, _)| {
                    s.text[..i]
                        .ends_with(|c: char| c.is_ascii_digit())
                        .then(|| i - 1)
                })?;
                Some((s, at))
            })
            .expect("a section states a count in digits");
        s.text.replace_range(at..at + 1, "9");
        let again = listing(&extract(&changed, f19, f19));
        assert_eq!(again, listing(&extract_uncached(&changed, f19, f19)));
        assert_ne!(again, first, "the changed figure is read");
        let mut other_year = report.clone();
        other_year.year = Some(2019);
        assert_eq!(
            listing(&extract(&other_year, f19, f19)),
            listing(&extract_uncached(&other_year, f19, f19))
        );
        assert_eq!(listing(&extract(&report, f19, f19)), first);
    }

    #[test]
    fn key_index_holds_every_keyword() {
        assert!(KEYS.len() < usize::from(u8::MAX));
        let index = key_index();
        let n: usize = index.iter().map(|v| v.len()).sum();
        assert_eq!(n, KEYS.len());
    }

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("三", 3),
            ("十二", 12),
            ("两", 2),
            ("二十", 20),
            ("一百零五", 105),
            ("两千三百", 2300),
            ("十", 10),
            ("一万二千", 12000),
            ("零", 0),
        ] {
            assert_eq!(parse_cn(s), Some(v), "{s}");
        }
        assert_eq!(parse_cn("是"), None);
        assert_eq!(parse_cn("一二三"), None);
    }

    #[test]
    fn numbers_with_units() {
        let f = fold(
            "共收到１，２９５件，另3 件、十二起、两宗；电话0591-23165370，2022年，25.96万元，380元",
        );
        let got: Vec<(String, bool)> = numbers(&f.text)
            .iter()
            .map(|n| (n.value.to_string(), n.money))
            .collect();
        let want: Vec<(String, bool)> = [
            ("1295", false),
            ("3", false),
            ("12", false),
            ("2", false),
            ("25.96", true),
            ("0.038", true),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), *b))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn fold_keeps_origin() {
        let t = "申请 7\n5 件";
        let f = fold(t);
        assert_eq!(f.text, "申请75件");
        let at = f.text.find('5').unwrap();
        assert_eq!(&t[f.origin[at]..f.origin[at] + 1], "5");
    }
}
