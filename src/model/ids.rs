//! Canonical ids of tables, blocks, rows and columns (format.md §2–§4), with
//! the official Chinese labels, English labels and the label stems readers
//! match on.

use super::value::ValueKind;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Format {
    #[serde(rename = "2019")]
    F2019,
    #[serde(rename = "2021")]
    F2021,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::F2019 => "2019",
            Format::F2021 => "2021",
        }
    }
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim() {
            "2019" => Some(Format::F2019),
            "2021" => Some(Format::F2021),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TableId {
    T2,
    T3,
    T4,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::T2, TableId::T3, TableId::T4];
    pub fn as_str(self) -> &'static str {
        match self {
            TableId::T2 => "t2",
            TableId::T3 => "t3",
            TableId::T4 => "t4",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            TableId::T2 => "表二",
            TableId::T3 => "表三",
            TableId::T4 => "表四",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            TableId::T2 => "Table 2",
            TableId::T3 => "Table 3",
            TableId::T4 => "Table 4",
        }
    }
    pub fn title_zh(self) -> &'static str {
        match self {
            TableId::T2 => "主动公开政府信息情况",
            TableId::T3 => "收到和处理政府信息公开申请情况",
            TableId::T4 => "政府信息公开行政复议、行政诉讼情况",
        }
    }
    pub fn parse(s: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A row or column: canonical id, official label, English label, and the
/// stems (normalised substrings) that identify it in a report.
#[derive(Debug)]
pub struct Item {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub stems: &'static [&'static str],
    /// The bits of [`char_mask`] every stem has, computed at compile time
    /// (one word an item, not one a stem: the web module's size): a label
    /// whose mask lacks one of them holds none of the stems.
    pub mask: u64,
}

/// The bit of a character in a [`char_mask`].
#[inline]
pub const fn char_bit(c: u32) -> u64 {
    1 << (c.wrapping_mul(0x9e37_79b1) >> 26)
}

/// One bit per distinct character of `s` (64 bits shared by hashing): the
/// mask of a substring is always within the mask of the string.
pub const fn char_mask(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut m = 0;
    let mut i = 0;
    // UTF-8 decoded by hand: `chars()` is not available in a const fn.
    while i < b.len() {
        let c = b[i] as u32;
        let (cp, w) = if c < 0x80 {
            (c, 1)
        } else if c < 0xe0 {
            (((c & 0x1f) << 6) | (b[i + 1] as u32 & 0x3f), 2)
        } else if c < 0xf0 {
            (
                ((c & 0x0f) << 12) | ((b[i + 1] as u32 & 0x3f) << 6) | (b[i + 2] as u32 & 0x3f),
                3,
            )
        } else {
            (
                ((c & 0x07) << 18)
                    | ((b[i + 1] as u32 & 0x3f) << 12)
                    | ((b[i + 2] as u32 & 0x3f) << 6)
                    | (b[i + 3] as u32 & 0x3f),
                4,
            )
        };
        m |= char_bit(cp);
        i += w;
    }
    m
}

/// [`char_mask`] of text at run time (the same bits, by `chars()`).
pub fn char_mask_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c as u32))
}

#[derive(Debug)]
pub struct Column {
    pub item: Item,
    pub kind: ValueKind,
}

#[derive(Debug)]
pub struct Block {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub rows: &'static [Item],
    pub cols: &'static [Column],
}

const fn it(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    stems: &'static [&'static str],
) -> Item {
    let mut mask = if stems.is_empty() { 0 } else { u64::MAX };
    let mut k = 0;
    while k < stems.len() {
        mask &= char_mask(stems[k]);
        k += 1;
    }
    Item {
        id,
        zh,
        en,
        stems,
        mask,
    }
}
const fn col(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    stems: &'static [&'static str],
    kind: ValueKind,
) -> Column {
    Column {
        item: it(id, zh, en, stems),
        kind,
    }
}

use ValueKind::{Count, MoneyAny, MoneyWan, SignedCount};

// ---------------------------------------------------------------- table 2

const T2_ITEM1_ROWS_2021: &[Item] = &[
    it("regulations", "规章", "Regulations", &["规章"]),
    it(
        "normative",
        "行政规范性文件",
        "Normative documents",
        &["规范性文件"],
    ),
];
const T2_ITEM1_ROWS_2019: &[Item] = &[
    it("regulations", "规章", "Regulations", &["规章"]),
    it(
        "normative",
        "规范性文件",
        "Normative documents",
        &["规范性文件"],
    ),
];
const DECISIONS_2021: &[Column] = &[col(
    "decisions",
    "本年处理决定数量",
    "Decisions this year",
    &["处理决定"],
    Count,
)];
const PREV_CHANGE_DECISIONS: &[Column] = &[
    col(
        "prev_items",
        "上一年项目数量",
        "Items last year",
        &["上一年项目", "上年项目"],
        Count,
    ),
    col(
        "change",
        "本年增/减",
        "Change this year",
        &["增减", "本年增"],
        SignedCount,
    ),
    col(
        "decisions",
        "处理决定数量",
        "Decisions",
        &["处理决定"],
        Count,
    ),
];
const PENALTY_ROWS: &[Item] = &[
    it(
        "penalty",
        "行政处罚",
        "Administrative penalties",
        &["行政处罚"],
    ),
    it(
        "coercion",
        "行政强制",
        "Administrative coercion",
        &["行政强制"],
    ),
];

pub const T2_2021: &[Block] = &[
    Block {
        id: "item1",
        zh: "第二十条第（一）项",
        en: "Article 20 item (1)",
        rows: T2_ITEM1_ROWS_2021,
        cols: &[
            col(
                "issued",
                "本年制发件数",
                "Issued this year",
                &["制发"],
                Count,
            ),
            col(
                "repealed",
                "本年废止件数",
                "Repealed this year",
                &["废止"],
                Count,
            ),
            col("in_force", "现行有效件数", "In force", &["现行有效"], Count),
        ],
    },
    Block {
        id: "item5",
        zh: "第二十条第（五）项",
        en: "Article 20 item (5)",
        rows: &[it(
            "licensing",
            "行政许可",
            "Administrative licensing",
            &["行政许可"],
        )],
        cols: DECISIONS_2021,
    },
    Block {
        id: "item6",
        zh: "第二十条第（六）项",
        en: "Article 20 item (6)",
        rows: PENALTY_ROWS,
        cols: DECISIONS_2021,
    },
    Block {
        id: "item8",
        zh: "第二十条第（八）项",
        en: "Article 20 item (8)",
        rows: &[it(
            "fees",
            "行政事业性收费",
            "Administrative fees",
            &["行政事业性收费", "事业性收费"],
        )],
        cols: &[col(
            "amount",
            "本年收费金额（单位：万元）",
            "Fees collected (10k yuan)",
            &["收费金额"],
            MoneyWan,
        )],
    },
];

pub const T2_2019: &[Block] = &[
    Block {
        id: "item1",
        zh: "第二十条第（一）项",
        en: "Article 20 item (1)",
        rows: T2_ITEM1_ROWS_2019,
        cols: &[
            col(
                "made",
                "本年新制作数量",
                "Made this year",
                &["新制作"],
                Count,
            ),
            col(
                "published",
                "本年新公开数量",
                "Newly published this year",
                &["新公开"],
                Count,
            ),
            col(
                "total_public",
                "对外公开总数量",
                "Total published",
                &["公开总数"],
                Count,
            ),
        ],
    },
    Block {
        id: "item5",
        zh: "第二十条第（五）项",
        en: "Article 20 item (5)",
        rows: &[
            it(
                "licensing",
                "行政许可",
                "Administrative licensing",
                &["行政许可"],
            ),
            it(
                "other_services",
                "其他对外管理服务事项",
                "Other public management services",
                &["其他对外管理服务", "对外管理服务"],
            ),
        ],
        cols: PREV_CHANGE_DECISIONS,
    },
    Block {
        id: "item6",
        zh: "第二十条第（六）项",
        en: "Article 20 item (6)",
        rows: PENALTY_ROWS,
        cols: PREV_CHANGE_DECISIONS,
    },
    Block {
        id: "item8",
        zh: "第二十条第（八）项",
        en: "Article 20 item (8)",
        rows: &[it(
            "fees",
            "行政事业性收费",
            "Administrative fees",
            &["行政事业性收费", "事业性收费"],
        )],
        // Fees have no decisions column: the first two of item (5)/(6)'s.
        cols: PREV_CHANGE_DECISIONS.split_at(2).0,
    },
    Block {
        id: "item9",
        zh: "第二十条第（九）项",
        en: "Article 20 item (9)",
        rows: &[it(
            "procurement",
            "政府集中采购",
            "Central government procurement",
            &["集中采购"],
        )],
        cols: &[
            col(
                "projects",
                "采购项目数量",
                "Procurement projects",
                &["采购项目"],
                Count,
            ),
            col(
                "amount",
                "采购总金额",
                "Total procurement amount",
                &["采购总金额", "总金额"],
                MoneyAny,
            ),
        ],
    },
];

// ---------------------------------------------------------------- table 3

pub const T3_COLUMNS: &[Column] = &[
    col("natural", "自然人", "Natural persons", &["自然人"], Count),
    col(
        "commercial",
        "商业企业",
        "Commercial enterprises",
        &["商业企业"],
        Count,
    ),
    col(
        "research",
        "科研机构",
        "Research institutions",
        &["科研机构"],
        Count,
    ),
    col(
        "nonprofit",
        "社会公益组织",
        "Non-profit organisations",
        &["社会公益"],
        Count,
    ),
    col(
        "legal",
        "法律服务机构",
        "Legal service institutions",
        &["法律服务"],
        Count,
    ),
    col("other", "其他", "Other", &["其他"], Count),
    col("total", "总计", "Total", &["总计", "合计"], Count),
];

/// The six applicant columns summed by `total`.
pub const T3_APPLICANTS: &[&str] = &[
    "natural",
    "commercial",
    "research",
    "nonprofit",
    "legal",
    "other",
];

const fn r(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    stems: &'static [&'static str],
) -> Item {
    it(id, zh, en, stems)
}

macro_rules! t3_rows {
    ($($other:expr),*) => {
        &[
            r("new", "一、本年新收政府信息公开申请数量", "I. New requests this year", &["本年新收"]),
            r("carried_in", "二、上年结转政府信息公开申请数量", "II. Carried over from last year", &["上年结转"]),
            r("granted", "（一）予以公开", "(1) Granted", &["予以公开"]),
            r("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(2) Partly granted", &["部分公开"]),
            r("denied_secret", "（三）不予公开 1．属于国家秘密", "(3) Denied: 1. state secret", &["国家秘密"]),
            r("denied_law", "（三）不予公开 2．其他法律行政法规禁止公开", "(3) Denied: 2. prohibited by other laws", &["法规禁止公开", "禁止公开"]),
            r("denied_security", "（三）不予公开 3．危及“三安全一稳定”", "(3) Denied: 3. endangers security and stability", &["三安全一稳定", "三安全"]),
            r("denied_third_party", "（三）不予公开 4．保护第三方合法权益", "(3) Denied: 4. third-party rights", &["第三方合法权益", "第三方"]),
            r("denied_internal", "（三）不予公开 5．属于三类内部事务信息", "(3) Denied: 5. internal affairs", &["内部事务"]),
            r("denied_process", "（三）不予公开 6．属于四类过程性信息", "(3) Denied: 6. process information", &["过程性信息", "过程性"]),
            r("denied_enforcement", "（三）不予公开 7．属于行政执法案卷", "(3) Denied: 7. enforcement files", &["行政执法案卷", "执法案卷"]),
            r("denied_inquiry", "（三）不予公开 8．属于行政查询事项", "(3) Denied: 8. administrative inquiry", &["行政查询"]),
            r("unable_no_info", "（四）无法提供 1．本机关不掌握相关政府信息", "(4) Unable: 1. information not held", &["不掌握"]),
            r("unable_need_creation", "（四）无法提供 2．没有现成信息需要另行制作", "(4) Unable: 2. would need to be created", &["另行制作", "没有现成信息"]),
            r("unable_unclear", "（四）无法提供 3．补正后申请内容仍不明确", "(4) Unable: 3. still unclear after correction", &["仍不明确", "补正后申请内容"]),
            r("rejected_petition", "（五）不予处理 1．信访举报投诉类申请", "(5) Not handled: 1. petitions and complaints", &["信访举报", "信访"]),
            r("rejected_duplicate", "（五）不予处理 2．重复申请", "(5) Not handled: 2. repeated request", &["重复申请"]),
            r("rejected_publication", "（五）不予处理 3．要求提供公开出版物", "(5) Not handled: 3. published material", &["公开出版物", "出版物"]),
            r("rejected_massive", "（五）不予处理 4．无正当理由大量反复申请", "(5) Not handled: 4. massive repeated requests", &["大量反复"]),
            r("rejected_confirmation", "（五）不予处理 5．要求行政机关确认或重新出具已获取信息", "(5) Not handled: 5. confirm or reissue", &["重新出具", "确认或重新"]),
            $($other,)*
            r("results_total", "（七）总计", "(7) Total", &["总计", "合计"]),
            r("carried_out", "四、结转下年度继续办理", "IV. Carried over to next year", &["结转下年度", "结转下一年", "转下年度", "下年度继续"]),
        ]
    };
}

pub const T3_ROWS_2019: &[Item] = t3_rows!(r(
    "other",
    "（六）其他处理",
    "(6) Other handling",
    &["其他处理"]
));
pub const T3_ROWS_2021: &[Item] = t3_rows!(
    r(
        "other_no_correction",
        "（六）其他处理 1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "(6) Other: 1. no correction in time",
        &["逾期不补正", "不补正"]
    ),
    r(
        "other_unpaid_fee",
        "（六）其他处理 2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "(6) Other: 2. fee not paid",
        &["缴纳费用", "收费通知"]
    ),
    r(
        "other_other",
        "（六）其他处理 3．其他",
        "(6) Other: 3. other",
        &[]
    )
);

/// The outcome rows summed by `results_total`, per format.
pub fn t3_outcome_rows(f: Format) -> impl Iterator<Item = &'static str> {
    t3_rows(f)
        .iter()
        .map(|r| r.id)
        .filter(|id| !matches!(*id, "new" | "carried_in" | "results_total" | "carried_out"))
}

pub fn t3_rows(f: Format) -> &'static [Item] {
    match f {
        Format::F2019 => T3_ROWS_2019,
        Format::F2021 => T3_ROWS_2021,
    }
}

pub fn t2_blocks(f: Format) -> &'static [Block] {
    match f {
        Format::F2019 => T2_2019,
        Format::F2021 => T2_2021,
    }
}

// ---------------------------------------------------------------- table 4

pub const T4_GROUPS: &[Item] = &[
    it("review", "行政复议", "Administrative review", &["行政复议"]),
    it(
        "suit_direct",
        "行政诉讼（未经复议直接起诉）",
        "Lawsuit, filed directly",
        &["未经复议直接起诉", "直接起诉"],
    ),
    it(
        "suit_after_review",
        "行政诉讼（复议后起诉）",
        "Lawsuit after review",
        &["复议后起诉"],
    ),
];

pub const T4_COLUMNS: &[Column] = &[
    col("upheld", "结果维持", "Upheld", &["维持"], Count),
    col("corrected", "结果纠正", "Corrected", &["纠正"], Count),
    col("other", "其他结果", "Other result", &["其他结果"], Count),
    col(
        "pending",
        "尚未审结",
        "Pending",
        &["尚未审结", "未审结"],
        Count,
    ),
    col("total", "总计", "Total", &["总计", "合计"], Count),
];

/// Looks up a row or column label for messages. `block` is `None` for t3/t4.
pub fn row_item(
    table: TableId,
    format: Format,
    block: Option<&str>,
    row: &str,
) -> Option<&'static Item> {
    match table {
        TableId::T2 => t2_blocks(format)
            .iter()
            .find(|b| Some(b.id) == block)
            .and_then(|b| b.rows.iter().find(|r| r.id == row)),
        TableId::T3 => t3_rows(format)
            .iter()
            .find(|r| r.id == row)
            .or_else(|| t3_rows(other(format)).iter().find(|r| r.id == row)),
        TableId::T4 => T4_GROUPS.iter().find(|r| r.id == row),
    }
}

pub fn column(
    table: TableId,
    format: Format,
    block: Option<&str>,
    column: &str,
) -> Option<&'static Column> {
    match table {
        TableId::T2 => t2_blocks(format)
            .iter()
            .find(|b| Some(b.id) == block)
            .and_then(|b| b.cols.iter().find(|c| c.item.id == column)),
        TableId::T3 => T3_COLUMNS.iter().find(|c| c.item.id == column),
        TableId::T4 => T4_COLUMNS.iter().find(|c| c.item.id == column),
    }
}

pub fn block(format: Format, block: &str) -> Option<&'static Block> {
    t2_blocks(format).iter().find(|b| b.id == block)
}

fn other(f: Format) -> Format {
    match f {
        Format::F2019 => Format::F2021,
        Format::F2021 => Format::F2019,
    }
}

/// Every (block, row, column, kind) of a table in a format, in reading order.
pub fn layout(table: TableId, format: Format) -> Vec<Place> {
    let mut out = Vec::new();
    match table {
        TableId::T2 => {
            for b in t2_blocks(format) {
                for r in b.rows {
                    for c in b.cols {
                        out.push((Some(b.id), r.id, c.item.id, c.kind));
                    }
                }
            }
        }
        TableId::T3 => {
            for r in t3_rows(format) {
                for c in T3_COLUMNS {
                    out.push((None, r.id, c.item.id, c.kind));
                }
            }
        }
        TableId::T4 => {
            for g in T4_GROUPS {
                for c in T4_COLUMNS {
                    out.push((None, g.id, c.item.id, c.kind));
                }
            }
        }
    }
    out
}

/// A place in a table's [`layout`]: block, row, column, kind.
pub type Place = (Option<&'static str>, &'static str, &'static str, ValueKind);

/// A layout split into rows: the places of one (block, row) each, in
/// reading order (a row's places are next to each other; tested).
pub fn layout_rows(layout: &[Place]) -> impl Iterator<Item = &[Place]> {
    layout.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::label::stem;

    /// Each (block, row) of every layout is one run of places.
    #[test]
    fn layout_rows_are_runs() {
        for t in [TableId::T2, TableId::T3, TableId::T4] {
            for f in [Format::F2019, Format::F2021] {
                let layout = layout(t, f);
                let rows: Vec<_> = layout_rows(&layout).map(|p| (p[0].0, p[0].1)).collect();
                let mut distinct = rows.clone();
                distinct.sort();
                distinct.dedup();
                assert_eq!(rows.len(), distinct.len(), "{t:?} {f:?}");
                assert_eq!(
                    layout_rows(&layout).map(<[Place]>::len).sum::<usize>(),
                    layout.len()
                );
            }
        }
    }

    /// Every item of every table, format and block.
    fn every_item() -> impl Iterator<Item = &'static Item> {
        let t2 = T2_2019
            .iter()
            .chain(T2_2021)
            .flat_map(|b| b.rows.iter().chain(b.cols.iter().map(|c| &c.item)));
        T3_ROWS_2019
            .iter()
            .chain(T3_ROWS_2021)
            .chain(T4_GROUPS)
            .chain(T3_COLUMNS.iter().map(|c| &c.item))
            .chain(T4_COLUMNS.iter().map(|c| &c.item))
            .chain(t2)
    }

    #[test]
    fn stem_masks_are_the_run_time_masks() {
        for it in every_item() {
            let every = it
                .stems
                .iter()
                .map(|s| char_mask_of(s))
                .reduce(|a, b| a & b)
                .unwrap_or(0);
            assert_eq!(it.mask, every, "{}", it.id);
        }
        // The hand decoder of the const fn against `chars()`, on characters
        // of every UTF-8 length.
        for s in [
            "",
            "a",
            "é",
            "总计",
            "𠀋𝟘",
            "1属于国家秘密（三）",
            "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ] {
            assert_eq!(char_mask(s), char_mask_of(s), "{s:?}");
        }
        let all: String = ('\0'..=char::MAX).step_by(97).collect();
        assert_eq!(char_mask(&all), char_mask_of(&all));
        assert_eq!(char_mask(&all), u64::MAX, "every bit is used");
    }

    /// Readers compare label stems with these without normalising them again.
    #[test]
    fn spec_stems_are_normalised() {
        for it in every_item() {
            for s in it.stems {
                assert_eq!(stem(s), *s, "{}", it.id);
            }
        }
    }

    #[test]
    fn layouts_have_the_official_sizes() {
        assert_eq!(layout(TableId::T3, Format::F2019).len(), 23 * 7);
        assert_eq!(layout(TableId::T3, Format::F2021).len(), 25 * 7);
        assert_eq!(layout(TableId::T4, Format::F2021).len(), 15);
        assert_eq!(layout(TableId::T2, Format::F2021).len(), 6 + 1 + 2 + 1);
        assert_eq!(layout(TableId::T2, Format::F2019).len(), 6 + 6 + 6 + 2 + 2);
    }
}
