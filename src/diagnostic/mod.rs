//! Diagnostics: data first (rule, severity, cells with values and sources,
//! expected and actual), messages rendered in Chinese and English.

pub mod labels;
pub mod render;

use crate::model::{Cell, CellState, Num, Source, TableId};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// A cell a finding is about. The first cell of a diagnostic is the primary
/// one (the stated total, the bad cell); the rest are operands.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CellRef {
    pub table: TableId,
    pub block: Option<&'static str>,
    pub row: &'static str,
    pub column: Option<&'static str>,
    pub raw: Option<String>,
    pub value: Option<Num>,
    pub state: Option<CellState>,
    /// Label in the report's words, e.g. 表三“（七）总计”行“自然人”列.
    pub label: String,
    pub source: Option<Source>,
}

impl CellRef {
    pub fn of(cell: &Cell, label: String) -> CellRef {
        CellRef {
            table: cell.table,
            block: cell.block,
            row: cell.row,
            column: Some(cell.column),
            raw: Some(cell.raw.clone()),
            value: cell.value(),
            state: Some(cell.state()),
            label,
            source: Some(cell.source.clone()),
        }
    }
    /// A reference to a place with no cell (a missing row or column).
    pub fn place(
        table: TableId,
        block: Option<&'static str>,
        row: &'static str,
        column: Option<&'static str>,
        label: String,
    ) -> CellRef {
        CellRef {
            table,
            block,
            row,
            column,
            raw: None,
            value: None,
            state: None,
            label,
            source: None,
        }
    }
    pub fn path(&self) -> String {
        let mut p = String::from(self.table.as_str());
        for part in [self.block, Some(self.row), self.column]
            .into_iter()
            .flatten()
        {
            p.push('.');
            p.push_str(part);
        }
        p
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message_zh: String,
    pub message_en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help_en: Option<String>,
    pub cells: Vec<CellRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Num>,
    /// Where the finding points when it is not about a cell (a paragraph, a table).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    pub fingerprint: String,
}

impl Diagnostic {
    pub fn new(rule: &'static str, severity: Severity, zh: String, en: String) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message_zh: zh,
            message_en: en,
            help_zh: None,
            help_en: None,
            cells: Vec::new(),
            expected: None,
            actual: None,
            source: None,
            fingerprint: String::new(),
        }
    }
    pub fn cells(mut self, cells: Vec<CellRef>) -> Diagnostic {
        self.cells = cells;
        self
    }
    pub fn help(mut self, zh: String, en: String) -> Diagnostic {
        self.help_zh = Some(zh);
        self.help_en = Some(en);
        self
    }
    pub fn values(mut self, expected: Option<Num>, actual: Option<Num>) -> Diagnostic {
        self.expected = expected;
        self.actual = actual;
        self
    }
    pub fn at(mut self, source: Source) -> Diagnostic {
        self.source = Some(source);
        self
    }
    /// Computes the fingerprint from the rule and the places involved (not
    /// their values), so a dismissed warning stays dismissed while the user
    /// edits other cells. `extra` distinguishes findings with no cell.
    pub fn finish(mut self, extra: &str) -> Diagnostic {
        let mut h = Fnv::new();
        h.write(self.rule.as_bytes());
        for c in &self.cells {
            h.write(b"|");
            h.write(c.path().as_bytes());
        }
        h.write(b"#");
        h.write(extra.as_bytes());
        self.fingerprint = format!("{:016x}", h.0);
        self
    }
    pub fn message(&self, locale: Locale) -> &str {
        match locale {
            Locale::Zh => &self.message_zh,
            Locale::En => &self.message_en,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub fn parse(s: &str) -> Option<Locale> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh_cn" => Some(Locale::Zh),
            "en" | "en-us" | "en-gb" => Some(Locale::En),
            _ => None,
        }
    }
}

/// FNV-1a, 64 bit: tiny, stable across platforms and builds.
struct Fnv(u64);
impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
