//! The report model: canonical ids, cells with raw text, parsed value, state
//! and provenance.

pub mod ids;
pub mod num;
pub mod value;

pub use ids::{Format, TableId};
pub use num::Num;
pub use value::{parse_cell, CellState, Norm, Parsed, Unit, ValueKind};

use serde::{Deserialize, Serialize};

/// Which reader produced a piece of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    #[default]
    Text,
    Json,
    Html,
    Markdown,
    Docx,
    Pdf,
}

/// Where a cell (or a paragraph, or a table) came from in the input.
///
/// One type for every reader; each fills what it knows:
/// text → `line` (+ `span`); JSON → `path`; HTML → `table`, `row`, `col`,
/// `ordinal` (the n-th `<td>`/`<th>` in document order), `span`, `line`;
/// Markdown → `line`, `table`, `row`, `col`; DOCX → `table`, `row`, `col`,
/// `paragraph`; PDF → `page`, `bbox` (and `table`, `row`, `col` for a cell).
/// Rows and columns are 0-based grid positions, `line` is 1-based,
/// `span` is a byte range `[start, end)` in the (decoded UTF-8) input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Source {
    pub kind: SourceKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[u32; 2]>,
    /// PDF: the page (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// PDF: the box `[x0, y0, x1, y1]` in points on the page as displayed
    /// (origin top-left, y down, rounded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[u32; 4]>,
}

impl Source {
    pub fn line(kind: SourceKind, line: u32) -> Source {
        Source {
            kind,
            line: Some(line),
            ..Source::default()
        }
    }
    pub fn json(path: String) -> Source {
        Source {
            kind: SourceKind::Json,
            path: Some(path),
            ..Source::default()
        }
    }
}

/// One value cell of table 2, 3 or 4.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    pub table: TableId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<&'static str>,
    pub row: &'static str,
    pub column: &'static str,
    pub kind: ValueKind,
    pub raw: String,
    #[serde(flatten)]
    pub parsed: Parsed,
    pub source: Source,
}

impl Cell {
    pub fn new(
        table: TableId,
        block: Option<&'static str>,
        row: &'static str,
        column: &'static str,
        kind: ValueKind,
        raw: String,
        source: Source,
    ) -> Cell {
        let parsed = parse_cell(&raw, kind);
        Cell {
            table,
            block,
            row,
            column,
            kind,
            raw,
            parsed,
            source,
        }
    }
    pub fn value(&self) -> Option<Num> {
        self.parsed.value
    }
    pub fn state(&self) -> CellState {
        self.parsed.state
    }
    #[inline(always)]
    pub fn is(&self, block: Option<&str>, row: &str, column: &str) -> bool {
        // Ids are mostly the same `&'static str`s: length, then address,
        // then bytes; inlined, as tables are searched cell by cell.
        #[inline(always)]
        fn same(a: &str, b: &str) -> bool {
            a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
        }
        same(self.column, column)
            && same(self.row, row)
            && match (self.block, block) {
                (None, None) => true,
                (Some(a), Some(b)) => same(a, b),
                _ => false,
            }
    }
}

/// A row the reader found but could not place (e.g. Hubei's 其他主动公开文件).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtraRow {
    pub label: String,
    pub values: Vec<String>,
    pub source: Source,
}

/// A problem the reader met while building the model; turned into a
/// `structure/*` diagnostic by the rules.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadIssue {
    pub rule: &'static str,
    pub table: Option<TableId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<&'static str>,
    pub detail: String,
    pub source: Source,
}

impl ReadIssue {
    /// A required row whose label was found but whose numbers could not be
    /// placed: fewer cells than the header (`short:` and what was read), or
    /// a table with no header (`no-header`).
    pub fn is_unplaced_row(&self) -> bool {
        self.rule == "structure/row-unknown"
            && self.row.is_some()
            && (self.detail.starts_with("short:") || self.detail == "no-header")
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    pub id: TableId,
    /// The format this table's header and rows follow, when it tells.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    pub cells: Vec<Cell>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extra_rows: Vec<ExtraRow>,
    pub source: Source,
}

impl Table {
    pub fn new(id: TableId, source: Source) -> Table {
        Table {
            id,
            format: None,
            cells: Vec::new(),
            extra_rows: Vec::new(),
            source,
        }
    }
    pub fn cell(&self, block: Option<&str>, row: &str, column: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.is(block, row, column))
    }
    pub fn has_row(&self, block: Option<&str>, row: &str) -> bool {
        self.cells.iter().any(|c| c.block == block && c.row == row)
    }
}

/// One of the six sections 一…六, with its prose.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// 1…6
    pub ordinal: u8,
    pub heading: String,
    pub text: String,
    pub source: Source,
    /// Where each paragraph of `text` starts (byte offset) and came from,
    /// so a sentence can be placed in the input.
    #[serde(skip)]
    pub parts: Vec<(usize, Source)>,
}

#[derive(Clone, Debug, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Where the year came from: "title", "period", "text", "option", "json".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_source: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    pub source_kind: SourceKind,
    pub tables: Vec<Table>,
    pub sections: Vec<Section>,
    /// Whether the input could carry prose at all (false for JSON forms).
    pub has_prose: bool,
    /// Prose lines before the first section heading (title, preamble).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub preamble: String,
    /// Where each paragraph of `preamble` starts and came from.
    #[serde(skip)]
    pub preamble_parts: Vec<(usize, Source)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub read_issues: Vec<ReadIssue>,
}

impl Report {
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }
    pub fn section(&self, ordinal: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.ordinal == ordinal)
    }
    /// All prose: preamble and every section's text.
    pub fn all_text(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.preamble.as_str()).chain(
            self.sections
                .iter()
                .flat_map(|s| [s.heading.as_str(), s.text.as_str()]),
        )
    }
}

/// A hash of a cell's place (table, block, row, column), a word at a time
/// and without iterator adapters (the wasm is built for size, where those
/// are calls per byte). For indexes that confirm a hit against the cell: a
/// collision is never taken for the place.
#[inline]
pub(crate) fn place_hash(table: TableId, block: Option<&str>, row: &str, column: &str) -> u64 {
    #[inline(always)]
    fn mix(h: u64, w: u64) -> u64 {
        (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
    }
    #[inline(always)]
    fn word(b: &[u8], at: usize) -> u64 {
        let mut w = [0u8; 8];
        if let Some(src) = b.get(at..at + 8) {
            w.copy_from_slice(src);
        }
        u64::from_le_bytes(w)
    }
    let mut h = mix(0, table as u64 + 1);
    for part in [block.unwrap_or(""), row, column] {
        let b = part.as_bytes();
        let n = b.len();
        // Whole words, then the last eight bytes (overlapping the words:
        // equal strings still hash equal) with the length mixed in.
        let mut i = 0;
        while i + 8 < n {
            h = mix(h, word(b, i));
            i += 8;
        }
        let tail = if n >= 8 {
            word(b, n - 8)
        } else {
            let mut t = 0u64;
            let mut k = 0;
            while k < n {
                t |= u64::from(b[k]) << (8 * k);
                k += 1;
            }
            t
        };
        h = mix(h, tail ^ (n as u64).rotate_right(5));
    }
    h
}
