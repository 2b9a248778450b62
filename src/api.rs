//! The JSON shape JavaScript and the CLI see, and the options they pass.
//! No wasm types here: the wasm layer and the native CLI both use this.

use crate::diagnostic::{Diagnostic, Locale};
use crate::model::{Format, Report, Source};
use serde::{Deserialize, Serialize};

/// How empty cells count in sums (format.md §6 `cell/empty`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmptyPolicy {
    /// Empty operands count as 0 when another operand is a number (default).
    #[default]
    ZeroIfAny,
    /// Empty operands always count as 0 (an empty total is still not compared).
    Zero,
    /// A sum with any empty operand is not compared.
    Skip,
}

/// Limits that keep hostile input bounded. All are options.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Limits {
    /// Largest input accepted, in bytes (default 64 MiB).
    pub max_input_bytes: usize,
    /// Most table cells (grid slots) read from one input (default 1,000,000).
    pub max_cells: usize,
    /// Largest colspan/rowspan honoured (browsers cap colspan at 1000 and
    /// rowspan at 65534; default 1000 for both).
    pub max_span: u32,
    /// Deepest element nesting followed (default 512).
    pub max_depth: usize,
}

/// A limit the input went over: reading stopped there. Becomes an
/// `input/unreadable` diagnostic naming the option that raises it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitExceeded {
    /// The option's name as callers write it (`limits.maxCells`).
    pub option: &'static str,
    /// The limit in force.
    pub limit: u64,
}

impl LimitExceeded {
    pub fn cells(limit: usize) -> LimitExceeded {
        LimitExceeded {
            option: "limits.maxCells",
            limit: u64::try_from(limit).unwrap_or(u64::MAX),
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 64 << 20,
            max_cells: 1_000_000,
            max_span: 1000,
            max_depth: 512,
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// `zh-CN` (default) or `en`.
    pub locale: Option<String>,
    /// The report year when the caller knows it (overrides detection).
    pub year: Option<i32>,
    /// `"2019"` or `"2021"` when the caller knows it (overrides detection).
    pub format: Option<String>,
    /// Run only these rules (ids or group prefixes such as `t3/`).
    pub rules: Option<Vec<String>>,
    /// Skip these rules (ids or group prefixes).
    pub skip: Option<Vec<String>>,
    pub empty: EmptyPolicy,
    /// Fingerprints of findings the user dismissed: dropped from the output.
    pub dismissed: Option<Vec<String>>,
    pub limits: Limits,
}

impl Options {
    pub fn locale(&self) -> Locale {
        self.locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default()
    }
    pub fn format(&self) -> Option<Format> {
        self.format.as_deref().and_then(Format::parse)
    }
    pub fn rule_enabled(&self, id: &str) -> bool {
        let hit = |list: &Vec<String>| {
            list.iter().any(|p| {
                p == id
                    || (p.ends_with('/') && id.starts_with(p.as_str()))
                    || id
                        .strip_prefix(p.as_str())
                        .is_some_and(|r| r.starts_with('/'))
            })
        };
        self.rules.as_ref().is_none_or(hit) && !self.skip.as_ref().is_some_and(hit)
    }
}

#[derive(Clone, Debug, Serialize, Default)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// One diagnostic as the JSON output shows it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutDiagnostic<'a> {
    pub rule: &'static str,
    pub severity: crate::diagnostic::Severity,
    /// In the requested locale.
    pub message: &'a str,
    pub message_zh: &'a str,
    pub message_en: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
    pub cells: &'a [crate::diagnostic::CellRef],
    pub expected: Option<crate::model::Num>,
    pub actual: Option<crate::model::Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a Source>,
    pub fingerprint: &'a str,
}

/// Everything `check` returns.
#[derive(Clone, Debug)]
pub struct Output {
    pub locale: Locale,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OutputJson<'a> {
    format: Option<Format>,
    year: Option<i32>,
    title: Option<&'a str>,
    input: crate::model::SourceKind,
    /// `null` in [`OutputPart::WithoutReport`] (the key keeps its place).
    report: Option<&'a Report>,
    diagnostics: Vec<OutDiagnostic<'a>>,
    summary: Summary,
}

impl Output {
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for d in &self.diagnostics {
            match d.severity {
                crate::diagnostic::Severity::Error => s.errors += 1,
                crate::diagnostic::Severity::Warning => s.warnings += 1,
                crate::diagnostic::Severity::Info => s.infos += 1,
            }
        }
        s
    }
    pub fn out_diagnostics(&self) -> Vec<OutDiagnostic<'_>> {
        self.diagnostics
            .iter()
            .map(|d| OutDiagnostic {
                rule: d.rule,
                severity: d.severity,
                message: d.message(self.locale),
                message_zh: &d.message_zh,
                message_en: &d.message_en,
                help: match self.locale {
                    Locale::Zh => d.help_zh.as_deref(),
                    Locale::En => d.help_en.as_deref(),
                },
                cells: &d.cells,
                expected: d.expected,
                actual: d.actual,
                source: d.source.as_ref(),
                fingerprint: &d.fingerprint,
            })
            .collect()
    }
    fn json(&self, with_report: bool) -> OutputJson<'_> {
        OutputJson {
            format: self.report.format,
            year: self.report.year,
            title: self.report.title.as_deref(),
            input: self.report.source_kind,
            report: with_report.then_some(&self.report),
            diagnostics: self.out_diagnostics(),
            summary: self.summary(),
        }
    }
    /// Serialises to the JSON shape the package documents.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self.json(true)).unwrap_or(serde_json::Value::Null)
    }
    /// The same shape as JSON text, written straight from the model (no
    /// intermediate `Value`: what the wasm layer hands to `JSON.parse`).
    pub fn to_json_string(&self) -> String {
        self.to_json_string_part(OutputPart::All)
    }
    /// One part of [`Output::to_json_string`]: the JS entries serialise the
    /// findings at once and the model (≈ 55 kB of JSON for a published
    /// page, most of a check's output cost) only when `report` is read.
    pub fn to_json_string_part(&self, part: OutputPart) -> String {
        crate::json_out::output(self, part)
    }
    /// [`Output::to_json_string_part`] through the derived `Serialize`
    /// impls: the tests hold the hand-written JSON to it.
    #[cfg(test)]
    pub(crate) fn to_json_string_part_serde(&self, part: OutputPart) -> String {
        let text = match part {
            OutputPart::All => serde_json::to_string(&self.json(true)),
            OutputPart::WithoutReport => serde_json::to_string(&self.json(false)),
            OutputPart::Report => serde_json::to_string(&self.report),
        };
        text.unwrap_or_else(|_| "null".to_string())
    }
}

/// What [`Output::to_json_string_part`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputPart {
    /// The whole output.
    All,
    /// Everything but the model: `report` is `null`, in its place.
    WithoutReport,
    /// The model alone (the value of `report`).
    Report,
}

impl OutputPart {
    /// From the number the JS entries pass (0 all, 1 without the model, 2 the model).
    pub fn from_code(code: u8) -> Self {
        match code {
            1 => OutputPart::WithoutReport,
            2 => OutputPart::Report,
            _ => OutputPart::All,
        }
    }
}

/// A rule's metadata as `rules()` returns it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: crate::diagnostic::Severity,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub doc_zh: &'static str,
    pub doc_en: &'static str,
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_string_is_the_json_value() {
        let seed = include_str!("../examples/seed-linzi-yingji-2020.txt");
        let out = crate::check(seed, &crate::Options::default(), None);
        let text: serde_json::Value =
            serde_json::from_str(&out.to_json_string()).expect("valid JSON");
        assert_eq!(text, out.to_json_value());
        assert_eq!(text["summary"]["errors"], 4);
    }

    #[test]
    fn parts_put_back_together_are_the_whole() {
        use super::OutputPart;
        let seed = include_str!("../examples/seed-linzi-yingji-2020.txt");
        let out = crate::check(seed, &crate::Options::default(), None);
        let parse = |part| -> serde_json::Value {
            serde_json::from_str(&out.to_json_string_part(part)).expect("valid JSON")
        };
        // `report` keeps its place (the JS entry fills it in lazily there).
        let text = out.to_json_string_part(OutputPart::WithoutReport);
        assert!(
            text.contains(r#""input":"text","report":null,"diagnostics":["#),
            "{text}"
        );
        let mut head = parse(OutputPart::WithoutReport);
        head["report"] = parse(OutputPart::Report);
        assert_eq!(head, out.to_json_value());
        assert!(head["report"]["tables"]
            .as_array()
            .is_some_and(|t| !t.is_empty()));
    }
}
