//! The rule engine: one registry, one file per rule.
//!
//! A rule reads the model and pushes diagnostics; it never changes the model.
//! Each rule file holds its doc (what · why · example · source), the code that
//! builds its diagnostics with zh and en messages side by side, its metadata
//! and its tests. Registering a rule is one line in [`REGISTRY`].

pub mod sums;
#[cfg(test)]
mod by_place_tests {
    use super::*;
    use crate::model::{Source, ValueKind};

    fn cell(row: &'static str, column: &'static str, raw: &str) -> Cell {
        Cell::new(
            TableId::T3,
            None,
            row,
            column,
            ValueKind::Count,
            raw.to_string(),
            Source::default(),
        )
    }

    /// Every hash colliding (one constant): each place still finds its
    /// first cell, and a place without cells finds none.
    #[test]
    fn colliding_hashes_find_the_first_cell_of_each_place() {
        let cells = [
            cell("a", "x", "1"),
            cell("b", "x", "2"),
            cell("a", "x", "3"),
            cell("b", "y", "4"),
            cell("b", "x", "5"),
        ];
        for hash in [
            |_: &Cell| 7u64,
            |c: &Cell| place_hash(c.table, c.block, c.row, c.column),
        ] {
            let mut by = ByPlace::default();
            for c in &cells {
                by.insert(hash(c), c, |a, b| a.is(b.block, b.row, b.column));
            }
            for (row, col, want) in [
                ("a", "x", Some("1")),
                ("b", "x", Some("2")),
                ("b", "y", Some("4")),
                ("a", "y", None),
            ] {
                let probe = cell(row, col, "");
                let got = by.find(hash(&probe), |c| c.is(None, row, col));
                assert_eq!(got.map(|c| c.raw.as_str()), want, "{row}/{col}");
            }
        }
    }

    #[test]
    fn place_hashes_differ_where_places_do() {
        let h = |t, b, r, c| place_hash(t, b, r, c);
        let all = [
            h(TableId::T3, None, "new", "natural"),
            h(TableId::T4, None, "new", "natural"),
            h(TableId::T3, Some("new"), "", "natural"),
            h(TableId::T3, None, "newn", "atural"),
            h(TableId::T3, None, "new", "natural_person"),
            h(TableId::T3, None, "results_total", "natural"),
            h(TableId::T3, None, "results_total", ""),
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}

#[cfg(test)]
pub mod testutil;

pub mod cell;
pub mod format;
pub mod history;
pub mod structure;
pub mod t3;
pub mod t4;
pub mod text;

use crate::api::{EmptyPolicy, Options};
use crate::diagnostic::labels;
use crate::diagnostic::{CellRef, Diagnostic, Severity};
use crate::model::ids::Format;
use crate::model::{place_hash, Cell, Report, Table, TableId};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A rule: id, severity, titles, short docs in both languages, and its check.
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// Short docs. Left out of the wasm build: the package's JS serves them
    /// from `js/rule-docs.js`, generated from these by the catalogue test.
    #[cfg(not(target_arch = "wasm32"))]
    pub doc_zh: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    pub doc_en: &'static str,
    pub check: fn(&Ctx, &mut Vec<Diagnostic>),
}

/// Every rule, in the order findings are reported.
pub static REGISTRY: &[&Rule] = &[
    &input::UNREADABLE,
    &format::unknown::RULE,
    &structure::table_missing::RULE,
    &structure::row_missing::RULE,
    &structure::column_missing::RULE,
    &structure::row_unknown::RULE,
    &structure::section_missing::RULE,
    &format::outdated::RULE,
    &format::mismatch::RULE,
    &t3::balance::RULE,
    &t3::results_total::RULE,
    &t3::row_total::RULE,
    &t4::total::RULE,
    &cell::not_a_number::RULE,
    &cell::negative::RULE,
    &cell::fraction::RULE,
    &cell::empty::RULE,
    &cell::unit::RULE,
    &cell::normalised::RULE,
    &text::year::RULE,
    &text::table_mismatch::RULE,
    &text::claim_unplaced::RULE,
    &text::fee_statement::RULE,
    &history::previous::RULE,
    &history::carry_over::RULE,
    &history::in_force::RULE,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| r.id == id)
}

/// What a rule sees.
pub struct Ctx<'a> {
    pub report: &'a Report,
    pub previous: Option<&'a Report>,
    /// Why the previous-year report given could not be read (`history/previous`).
    pub previous_error: Option<&'a Diagnostic>,
    /// The format the report is checked against: detected, declared, or
    /// inferred from the year (2021 for 2021 and later, else 2019).
    pub format: Format,
    pub options: &'a Options,
    index: ByPlace<'a>,
    rows: ByPlace<'a>,
    /// The figures the prose states, read once for the rules that need them.
    claims: std::cell::OnceCell<Vec<text::claims::Mention>>,
    /// The relations of each [`sums::SumKind`], built on first use.
    sums: [std::cell::OnceCell<Vec<sums::Relation<'a>>>; 4],
}

/// Cells by a hash of their place ([`place_hash`](crate::model::place_hash)),
/// confirmed against the cell on lookup: the first cell of each hash in a
/// map, the cells whose hash a cell of another place already took in a
/// list (in report order, so the first cell of a place is always found).
/// Hashing the ids' bytes through `Hash` for a tuple of strings was 5 % of
/// a browser re-check.
#[derive(Default)]
struct ByPlace<'a> {
    first: HashMap<u64, &'a Cell, BuildHasherDefault<Id>>,
    more: Vec<&'a Cell>,
}

impl<'a> ByPlace<'a> {
    fn insert(&mut self, hash: u64, c: &'a Cell, same: impl Fn(&Cell, &Cell) -> bool) {
        match self.first.entry(hash) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(c);
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                if !same(o.get(), c) {
                    self.more.push(c);
                }
            }
        }
    }
    fn find(&self, hash: u64, is: impl Fn(&Cell) -> bool) -> Option<&'a Cell> {
        match self.first.get(&hash) {
            Some(c) if is(c) => Some(c),
            Some(_) => self.more.iter().copied().find(|c| is(c)),
            None => None,
        }
    }
}

/// The hasher of a map keyed by hashes: the key as it is.
#[derive(Default)]
struct Id(u64);

impl Hasher for Id {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl<'a> Ctx<'a> {
    pub fn new(report: &'a Report, options: &'a Options, previous: LastYear<'a>) -> Ctx<'a> {
        let format = report
            .format
            .or_else(|| report.tables.iter().find_map(|t| t.format))
            .or_else(|| {
                report.year.map(|y| {
                    if y >= 2021 {
                        Format::F2021
                    } else {
                        Format::F2019
                    }
                })
            })
            .unwrap_or(Format::F2021);
        let mut index = ByPlace::default();
        let mut rows = ByPlace::default();
        for c in report.tables.iter().flat_map(|t| t.cells.iter()) {
            index.insert(place_hash(c.table, c.block, c.row, c.column), c, |a, b| {
                a.table == b.table && a.is(b.block, b.row, b.column)
            });
            rows.insert(place_hash(c.table, c.block, c.row, ""), c, |a, b| {
                a.table == b.table && a.block == b.block && a.row == b.row
            });
        }
        let (previous, previous_error) = match previous {
            None => (None, None),
            Some(Ok(p)) => (Some(p), None),
            Some(Err(d)) => (None, Some(d)),
        };
        Ctx {
            report,
            previous,
            previous_error,
            format,
            options,
            index,
            rows,
            claims: std::cell::OnceCell::new(),
            sums: Default::default(),
        }
    }
    /// The figures the prose states (read on first use).
    pub fn claims(&self) -> &[text::claims::Mention] {
        self.claims.get_or_init(|| {
            text::claims::extract(
                self.report,
                self.fmt_of(TableId::T2),
                self.fmt_of(TableId::T3),
            )
        })
    }
    /// The cell at a canonical place (indexed: rules look cells up often).
    pub fn cell(
        &self,
        table: TableId,
        block: Option<&str>,
        row: &str,
        column: &str,
    ) -> Option<&'a Cell> {
        self.index.find(place_hash(table, block, row, column), |c| {
            c.table == table && c.is(block, row, column)
        })
    }
    pub fn has_row(&self, table: TableId, block: Option<&str>, row: &str) -> bool {
        self.rows
            .find(place_hash(table, block, row, ""), |c| {
                c.table == table && c.block == block && c.row == row
            })
            .is_some()
    }
    pub fn table(&self, id: TableId) -> Option<&'a Table> {
        self.report.table(id)
    }
    /// The format a table's cells follow (its own, else the report's).
    pub fn table_format(&self, t: &Table) -> Format {
        t.format.unwrap_or(self.format)
    }
    pub fn cell_ref(&self, c: &Cell) -> CellRef {
        CellRef::of(c, self.cell_zh(c))
    }
    pub fn cell_zh(&self, c: &Cell) -> String {
        labels::cell_label_zh(c.table, self.fmt_of(c.table), c.block, c.row, c.column)
    }
    pub fn cell_en(&self, c: &Cell) -> String {
        labels::cell_label_en(c.table, self.fmt_of(c.table), c.block, c.row, c.column)
    }
    pub fn fmt_of(&self, t: TableId) -> Format {
        self.table(t)
            .map(|t| self.table_format(t))
            .unwrap_or(self.format)
    }
    pub fn empty_policy(&self) -> EmptyPolicy {
        self.options.empty
    }
}

/// Most findings one rule reports; the rest are counted in one more finding.
pub const MAX_PER_RULE: usize = 500;

/// Last year's report as the rules get it: not given, read, or the reason
/// it could not be read.
pub type LastYear<'a> = Option<Result<&'a Report, &'a Diagnostic>>;

/// Runs every enabled rule; drops dismissed findings.
pub fn run(report: &Report, options: &Options, previous: LastYear) -> Vec<Diagnostic> {
    let ctx = Ctx::new(report, options, previous);
    let mut out = Vec::new();
    for rule in REGISTRY {
        if !options.rule_enabled(rule.id) {
            continue;
        }
        let start = out.len();
        (rule.check)(&ctx, &mut out);
        debug_assert!(
            out[start..]
                .iter()
                .all(|d| d.rule == rule.id && !d.fingerprint.is_empty()),
            "{}",
            rule.id
        );
        // Hostile input (a million unknown rows) must not make a million
        // findings: keep the first MAX_PER_RULE and say how many were left out.
        let n = out.len() - start;
        if n > MAX_PER_RULE {
            out.truncate(start + MAX_PER_RULE);
            let more = n - MAX_PER_RULE;
            out.push(
                Diagnostic::new(
                    rule.id,
                    Severity::Info,
                    format!("另有{more}条同类问题（{}）未逐条列出。", rule.id),
                    format!(
                        "{more} more findings of this kind ({}) are not listed.",
                        rule.id
                    ),
                )
                .finish("more"),
            );
        }
    }
    // A report in neither national format: one clear finding, not a list of
    // every table, row and section the formats would have.
    if out.iter().any(|d| d.rule == format::unknown::RULE.id) {
        out.retain(|d| !d.rule.starts_with("structure/"));
    }
    if let Some(dismissed) = &options.dismissed {
        out.retain(|d| !dismissed.contains(&d.fingerprint));
    }
    out
}

/// A diagnostic for input that could not be read at all.
pub fn input_error(what: &str, detail: &str) -> Diagnostic {
    input::unreadable(what, detail)
}

pub mod input {
    //! `input/unreadable` — the input could not be read at all (invalid JSON,
    //! over the size limit, not text). Not in format.md §6: it reports on the
    //! input, not the report.
    use super::*;

    pub static UNREADABLE: Rule = Rule {
        id: "input/unreadable",
        severity: Severity::Error,
        title_zh: "无法读取输入",
        title_en: "Input cannot be read",
        #[cfg(not(target_arch = "wasm32"))]
        doc_zh: "输入无法读取：JSON 语法错误、超过大小限制、不是文本或文件已损坏。",
        #[cfg(not(target_arch = "wasm32"))]
        doc_en: "The input could not be read: invalid JSON, over the size limit, not text, or a damaged file.",
        check: |_, _| {},
    };

    pub fn unreadable(what: &str, detail: &str) -> Diagnostic {
        let (zh, en) = match what {
            "json" => (format!("JSON 无法解析：{detail}"), format!("The JSON could not be parsed: {detail}")),
            "too-large" => (format!("输入过大（{detail} 字节），超过了大小限制。"), format!("The input is too large ({detail} bytes), over the size limit.")),
            "empty" => ("输入为空，没有可核对的内容。".to_string(), "The input is empty: there is nothing to check.".to_string()),
            "docx-unsupported" => ("这是 Word 文件，但此版本未包含 DOCX 读取功能；请将报告另存为 HTML 或纯文本后再检查。".to_string(), "This is a Word file, but this build has no DOCX reader; save the report as HTML or plain text and check again.".to_string()),
            "pdf-unsupported" => ("这是 PDF 文件，但此版本未包含 PDF 读取功能；请将报告另存为 HTML 或纯文本后再检查。".to_string(), "This is a PDF file, but this build has no PDF reader; save the report as HTML or plain text and check again.".to_string()),
            "binary" => ("输入不是文本，也不是可识别的文档（可能是图片或损坏的文件）。".to_string(), "The input is neither text nor a recognised document (an image or a damaged file?).".to_string()),
            _ => (format!("输入无法读取：{detail}"), format!("The input could not be read: {detail}")),
        };
        Diagnostic::new(UNREADABLE.id, Severity::Error, zh, en).finish(what)
    }

    /// The finding for a file a reader (DOCX, PDF) could not read: its
    /// messages, what to do, and the reader's error code.
    pub fn file_error(zh: String, en: String, help: (&str, &str), code: &str) -> Diagnostic {
        Diagnostic::new(UNREADABLE.id, Severity::Error, zh, en)
            .help(help.0.into(), help.1.into())
            .finish(code)
    }

    /// (zh, en) help for a limit: which option raises it, with an example.
    pub fn limit_help(option: &str, limit: u64) -> (String, String) {
        let key = option.trim_start_matches("limits.");
        let more = limit.saturating_mul(2);
        (
            format!("如确属正常报告，可调高选项 {option}（例如 {{\"limits\": {{\"{key}\": {more}}}}}）后重试。"),
            format!("If this is a genuine report, raise the option {option} (e.g. {{\"limits\": {{\"{key}\": {more}}}}}) and try again."),
        )
    }

    /// The input went over a limit (`Limits`): says which, and how to raise it.
    pub fn limit_exceeded(l: crate::api::LimitExceeded) -> Diagnostic {
        let (what_zh, what_en) = match l.option {
            "limits.maxInputBytes" => ("输入大小（字节）", "input size (bytes)"),
            "limits.maxCells" => ("表格单元格数", "number of table cells"),
            "limits.maxSpan" => ("单元格跨行/跨列数", "cell row/column span"),
            "limits.maxDepth" => ("元素嵌套层数", "element nesting depth"),
            _ => ("输入", "input"),
        };
        let opt = l.option;
        let n = l.limit;
        Diagnostic::new(
            UNREADABLE.id,
            Severity::Error,
            format!("{}：{what_zh}超过上限 {n}（选项 {opt}），已停止读取，未进行核对。", if opt == "limits.maxInputBytes" { "输入过大" } else { "输入超出限制" }),
            format!("The input is {}: its {what_en} exceeds {n} (option {opt}); reading stopped and nothing was checked.", if opt == "limits.maxInputBytes" { "too large" } else { "over a limit" }),
        )
        .help(limit_help(opt, n).0, limit_help(opt, n).1)
        .finish(opt)
    }
}
