//! The checking modules' exports (`pkg/web`, `pkg/node`; not the reader
//! module, see `reader.rs`).
//!
//! Exports (the JS entries in `js/` wrap them: bytes decoding, re-instantiation
//! after a trap):
//! - `check(input, options)` — input is a string (HTML, text, Markdown or JSON,
//!   detected) or an object in the canonical JSON model;
//! - `checkUtf8(bytes, options)` (Node's module only) — report bytes without a
//!   BOM or a non-UTF-8 `<meta charset>`, read in place when valid UTF-8
//!   (else `undefined`);
//! - `checkDocument(document, options)` — a [`read::Document`](crate::read::Document)
//!   a host already read (the browser adapter sends grids from the live DOM);
//! - `checkBinary(bytes, options)` — bytes that are not text: a Word file or
//!   a PDF (read with the `docx` and `pdf` features, Node's module; pointed
//!   to `checkFile` without them, the `web` module), or anything else binary;
//! - `rules()` (and `version()`, in `mod.rs`).
//!
//! Output is built as JSON by the core and handed over with one `JSON.parse`,
//! which is faster and smaller than walking it value by value.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::{Options, Output, OutputPart, Report};
use std::panic::{catch_unwind, AssertUnwindSafe};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** `"2019"` or `"2021"`: the national table formats (format.md). */
export type Format = "2019" | "2021";
export type TableId = "t2" | "t3" | "t4";
export type Severity = "error" | "warning" | "info";
export type Locale = "zh-CN" | "en";
export type SourceKind = "text" | "json" | "html" | "markdown" | "docx" | "pdf";
export type CellState = "number" | "zero" | "empty" | "placeholder" | "text";
export type ValueKind = "count" | "signed_count" | "money_wan" | "money_any";
export type Unit = "count" | "yuan" | "wan_yuan";
export type Norm = "full_width" | "thousands" | "sign" | "chinese_sign" | "unit" | "note" | "spaces";
/** An exact value: a JSON number, or a decimal string when it would not fit a double exactly. */
export type NumValue = number | string;

/** How empty cells count in sums. */
export type EmptyPolicy = "zero-if-any" | "zero" | "skip";

export interface Limits {
  /** Largest input accepted, in bytes (default 64 MiB). */
  maxInputBytes?: number;
  /** Most table cells read from one input (default 1,000,000). */
  maxCells?: number;
  /** Largest colspan/rowspan honoured (default 1000). */
  maxSpan?: number;
  /** Deepest element nesting followed (default 512). */
  maxDepth?: number;
}

/** Where a cell, paragraph or table came from in the input. */
export interface Source {
  kind: SourceKind;
  /** 1-based line (text, Markdown, HTML). */
  line?: number;
  /** JSON pointer (JSON model input). */
  path?: string;
  /** 0-based table index, grid row and column. */
  table?: number;
  row?: number;
  col?: number;
  /** The n-th `<td>`/`<th>` in document order (HTML). */
  ordinal?: number;
  /** 0-based paragraph (DOCX). */
  paragraph?: number;
  /** Byte range [start, end) in the decoded UTF-8 input. */
  span?: [number, number];
  /** 1-based page (PDF). */
  page?: number;
  /** Box [x0, y0, x1, y1] in points on the page as displayed, origin top-left (PDF). */
  bbox?: [number, number, number, number];
}

/** A cell a finding is about; the first cell of a diagnostic is the primary one. */
export interface CellRef {
  table: TableId;
  block: string | null;
  row: string;
  column: string | null;
  raw: string | null;
  value: NumValue | null;
  state: CellState | null;
  /** The cell in the report's words, e.g. 表三“（七）总计”行“自然人”列. */
  label: string;
  source: Source | null;
}

export interface Diagnostic {
  /** Rule id, e.g. `t3/balance`. */
  rule: string;
  severity: Severity;
  /** In the requested locale. */
  message: string;
  messageZh: string;
  messageEn: string;
  help?: string;
  cells: CellRef[];
  expected: NumValue | null;
  actual: NumValue | null;
  /** Where the finding points when it is not about a cell. */
  source?: Source;
  /** Stable id of the finding (rule + places), for dismissing it. */
  fingerprint: string;
}

export interface Cell {
  table: TableId;
  block?: string;
  row: string;
  column: string;
  kind: ValueKind;
  raw: string;
  state: CellState;
  value?: NumValue;
  unit?: Unit;
  normalised?: Norm[];
  note?: string;
  reason?: "not_numeric" | "too_large" | "too_precise";
  source: Source;
}

export interface ExtraRow {
  label: string;
  values: string[];
  source: Source;
}

export interface Table {
  id: TableId;
  format?: Format;
  cells: Cell[];
  extraRows?: ExtraRow[];
  source: Source;
}

export interface Section {
  ordinal: number;
  heading: string;
  text: string;
  source: Source;
}

export interface ReadIssue {
  rule: string;
  table: TableId | null;
  block?: string;
  row?: string;
  column?: string;
  detail: string;
  source: Source;
}

/** The report as read: canonical ids, raw text, parsed values and provenance. */
export interface Report {
  title?: string;
  year?: number;
  yearSource?: string;
  format?: Format;
  sourceKind: SourceKind;
  tables: Table[];
  sections: Section[];
  hasProse: boolean;
  preamble?: string;
  readIssues?: ReadIssue[];
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

/** What `check` returns. */
export interface CheckResult {
  /** Detected (or declared) format; null when neither national format was recognised. */
  format: Format | null;
  year: number | null;
  title: string | null;
  /** The kind of input that was read. */
  input: SourceKind;
  /**
   * The tables read (the model, with every cell's provenance). Serialised
   * on first access (the module reads the same input again), not with every
   * check: most callers need only the findings, which already name their
   * cells and where they are.
   */
  report: Report;
  diagnostics: Diagnostic[];
  summary: Summary;
}

/** Last year's report: a string (any input form), bytes (text or .docx), a `Document` (an object with `blocks`), or an object in the canonical JSON model. */
export type PreviousInput = string | Uint8Array | Document | Record<string, unknown>;

export interface CheckOptions {
  /** `zh-CN` (default) or `en`. */
  locale?: Locale | string;
  /** The report year, when the caller knows it (overrides detection). */
  year?: number;
  /** The format, when the caller knows it (overrides detection). */
  format?: Format;
  /** Run only these rules (ids, or group prefixes such as `t3/`). */
  rules?: string[];
  /** Skip these rules (ids or group prefixes). */
  skip?: string[];
  /** How empty cells count in sums (default `zero-if-any`). */
  empty?: EmptyPolicy;
  /** Fingerprints of dismissed findings: dropped from the output. */
  dismissed?: string[];
  limits?: Limits;
  /** Last year's report, for the `history/*` rules. */
  previous?: PreviousInput;
}

/** A rule's metadata, for help pages. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  titleZh: string;
  titleEn: string;
  docZh: string;
  docEn: string;
}

/** A document a host already split into prose and table grids (spans expanded). */
export interface GridCell {
  /** Text content, whitespace collapsed. */
  text: string;
  source?: Source;
  /** Grid column of this slot. */
  col: number;
  /** True for the top-left slot of a cell, false for span copies. */
  origin?: boolean;
  colStart?: number;
  colspan?: number;
  rowStart?: number;
}
export interface Grid {
  /** 0-based index among the document's tables. */
  index: number;
  rows: GridCell[][];
  source?: Source;
}
export type Block =
  | { type: "para"; text: string; source?: Source }
  | ({ type: "table" } & Grid);
export interface Document {
  kind?: SourceKind;
  blocks: Block[];
}
"#;

/// Reads the options object (js/core.js takes `previous` out of it first).
fn options(v: &JsValue) -> Result<Options, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Options::default());
    }
    if !v.is_object() {
        return Err(JsError::new("options must be an object"));
    }
    from_js(v)
        .and_then(|v| Options::from_value(&v))
        .map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

/// Last year's report, as js/core.js hands it over: report text (or the
/// canonical model's JSON), the JSON of a [`Document`](crate::read::Document)
/// when `document` is set, or bytes that are not text (js/core.js decodes
/// text bytes itself: `TextDecoder` knows GBK).
#[inline(never)]
fn previous(
    text: Option<String>,
    bytes: Option<Vec<u8>>,
    document: bool,
    opts: &Options,
) -> crate::Previous {
    if let Some(b) = bytes {
        let word = crate::is_word_file(&b);
        let pdf = !word && crate::is_pdf_file(&b);
        if (word && !cfg!(feature = "docx")) || (pdf && !cfg!(feature = "pdf")) {
            return Some(Err(Box::new(unavailable(
                if word { "docx" } else { "pdf" },
                "此模块不含 DOCX/PDF 读取器：请用 checkFile() 检查（它会按需加载读取模块）。",
                "This module has no DOCX/PDF reader: use checkFile(), which loads the reader module on demand.",
            ))));
        }
        if word || pdf || cfg!(feature = "docx") {
            return Some(crate::read_bytes(&b, opts));
        }
        return Some(Err(Box::new(crate::rules::input_error("binary", ""))));
    }
    let text = text?;
    if !document {
        return Some(crate::read_str(&text, opts));
    }
    Some(
        crate::read::ReadResult::parse(&text)
            .map_err(|e| Box::new(crate::rules::input_error("document", &e)))
            .and_then(|read| crate::read_result_report(read, opts)),
    )
}

/// Reads a JS value through its JSON text: one `JSON.stringify`, then the
/// serde_json parser the JSON reader already carries, into a `Value` the
/// hand readers in `json_in.rs` take apart (far smaller than serde's
/// derived deserializers in the wasm).
fn from_js(v: &JsValue) -> Result<crate::json_value::Value, String> {
    let text = js_sys::JSON::stringify(v)
        .map_err(|_| "not serialisable as JSON".to_string())?
        .as_string()
        .ok_or_else(|| "not serialisable as JSON".to_string())?;
    crate::json_value::Value::parse(&text).map_err(|e| e.to_string())
}

/// A string as is; an object as its JSON text (the canonical model).
fn text_of(v: &JsValue, what: &str) -> Result<String, JsError> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if v.is_object() {
        return js_sys::JSON::stringify(v)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new(&format!("{what}: object cannot be serialised")));
    }
    Err(JsError::new(&format!(
        "{what} must be a string or an object in the canonical JSON model"
    )))
}

/// Runs the core, turning a panic into an error the caller can read (where
/// the target unwinds; on wasm32 a panic traps and the JS entry re-instantiates).
fn guarded(part: u8, f: impl FnOnce() -> Output) -> Result<JsValue, JsError> {
    let out = catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        JsError::new(&format!("nianbao-check internal error: {msg}"))
    })?;
    parse(&out.to_json_string_part(OutputPart::from_code(part)))
}

fn parse(s: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(s).map_err(|_| JsError::new("output is not valid JSON"))
}

/// Checks a report given as a string (kind detected) or an object in the
/// canonical JSON model.
#[wasm_bindgen(js_name = check, unchecked_return_type = "CheckResult")]
pub fn check_js(
    #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options: JsValue,
    previous_text: Option<String>,
    previous_bytes: Option<Vec<u8>>,
    previous_document: bool,
    part: u8,
) -> Result<JsValue, JsError> {
    let opts = self::options(&options)?;
    let input = text_of(&input, "input")?;
    check_text(
        &input,
        &opts,
        previous_text,
        previous_bytes,
        previous_document,
        part,
    )
}

/// Checks report bytes that js/core.js found to carry no byte-order mark and
/// no `<meta charset>` other than UTF-8: when they are valid UTF-8 they are
/// read in place, which spares decoding them to a JS string and encoding that
/// string back into the wasm memory (docs/performance.md); otherwise
/// `undefined`, and js/core.js decodes them (GB18030…) and calls `check`.
/// Only in Node's module: browsers decode bytes themselves (the web
/// module's HTML goes to `DOMParser`).
#[cfg(feature = "html")]
#[wasm_bindgen(js_name = checkUtf8, unchecked_return_type = "CheckResult | undefined")]
pub fn check_utf8_js(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options: JsValue,
    previous_text: Option<String>,
    previous_bytes: Option<Vec<u8>>,
    previous_document: bool,
    part: u8,
) -> Result<JsValue, JsError> {
    let Ok(input) = std::str::from_utf8(bytes) else {
        return Ok(JsValue::UNDEFINED);
    };
    let opts = self::options(&options)?;
    check_text(
        input,
        &opts,
        previous_text,
        previous_bytes,
        previous_document,
        part,
    )
}

fn check_text(
    input: &str,
    opts: &Options,
    previous_text: Option<String>,
    previous_bytes: Option<Vec<u8>>,
    previous_document: bool,
    part: u8,
) -> Result<JsValue, JsError> {
    #[cfg(not(feature = "html"))]
    if input.len() <= opts.limits.max_input_bytes && crate::detect(input) == crate::InputKind::Html
    {
        return unreadable(
            unavailable(
                "html",
                "此模块不含 HTML 解析器，且当前环境没有 DOMParser（例如 Web Worker）：请用 checkFile() 检查 HTML（它会按需加载读取模块）。",
                "This module has no HTML parser and there is no DOMParser here (a Web Worker?): check HTML with checkFile(), which loads the reader module on demand.",
            ),
            opts,
            crate::model::SourceKind::Html,
            part,
        );
    }
    guarded(part, || {
        let prev = self::previous(previous_text, previous_bytes, previous_document, opts);
        crate::check_with(input, opts, prev)
    })
}

/// Checks a document a host already read into prose and grids.
#[wasm_bindgen(js_name = checkDocument, unchecked_return_type = "CheckResult")]
pub fn check_document_js(
    #[wasm_bindgen(unchecked_param_type = "Document | string")] document: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options: JsValue,
    previous_text: Option<String>,
    previous_bytes: Option<Vec<u8>>,
    previous_document: bool,
    part: u8,
) -> Result<JsValue, JsError> {
    let opts = self::options(&options)?;
    // js/core.js hands the document over as text: compact (src/json_in.rs
    // `COMPACT_MARK`), or its JSON when the compact form cannot carry it;
    // the reader module's JSON (`ReadResult`) may add read issues or say the
    // file could not be read.
    let read = match document.as_string() {
        Some(text) => crate::read::ReadResult::parse(&text),
        None => from_js(&document).and_then(|v| crate::read::ReadResult::from_value(&v)),
    }
    .map_err(|e| JsError::new(&format!("invalid document: {e}")))?;
    guarded(part, || {
        let prev = self::previous(previous_text, previous_bytes, previous_document, &opts);
        crate::check_read_with(read, &opts, prev)
    })
}

/// Checks bytes that are not text. With the `docx` and `pdf` features
/// (Node's module) a Word or PDF file goes to its reader
/// ([`crate::check_bytes`]); without them (the `web` module browsers load at
/// init) such a file gets one `input/unreadable` diagnostic pointing to
/// `checkFile`, which loads the reader module. Anything else binary (an
/// image) is unreadable.
#[wasm_bindgen(js_name = checkBinary, unchecked_return_type = "CheckResult")]
pub fn check_binary_js(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "CheckOptions | undefined")] options: JsValue,
    previous_text: Option<String>,
    previous_bytes: Option<Vec<u8>>,
    previous_document: bool,
    part: u8,
) -> Result<JsValue, JsError> {
    let opts = self::options(&options)?;
    let word = crate::is_word_file(bytes);
    let pdf = !word && crate::is_pdf_file(bytes);
    if (word && cfg!(feature = "docx")) || (pdf && cfg!(feature = "pdf")) {
        return guarded(part, || {
            let prev = self::previous(previous_text, previous_bytes, previous_document, &opts);
            crate::check_bytes_with(bytes, &opts, prev)
        });
    }
    // The input cannot be read here: last year's report is not needed.
    let _ = (previous_text, previous_bytes, previous_document);
    let (d, kind) = if word {
        (
            unavailable(
                "docx",
                "此模块不含 DOCX 读取器：请用 checkFile() 检查 Word 文件（它会按需加载读取模块）。",
                "This module has no DOCX reader: check Word files with checkFile(), which loads the reader module on demand.",
            ),
            crate::model::SourceKind::Docx,
        )
    } else if pdf {
        (
            unavailable(
                "pdf",
                "此模块不含 PDF 读取器：请用 checkFile() 检查 PDF 文件（它会按需加载读取模块）。",
                "This module has no PDF reader: check PDF files with checkFile(), which loads the reader module on demand.",
            ),
            crate::model::SourceKind::Pdf,
        )
    } else {
        (
            crate::rules::input_error("binary", ""),
            crate::model::SourceKind::Text,
        )
    };
    unreadable(d, &opts, kind, part)
}

/// An `input/unreadable` diagnostic for a reader this module does not have.
fn unavailable(what: &str, zh: &str, en: &str) -> Diagnostic {
    Diagnostic::new(
        crate::rules::input::UNREADABLE.id,
        Severity::Error,
        zh.to_string(),
        en.to_string(),
    )
    .finish(what)
}

/// The output for an input that could not be read: its one diagnostic only.
fn unreadable(
    d: Diagnostic,
    opts: &Options,
    kind: crate::model::SourceKind,
    part: u8,
) -> Result<JsValue, JsError> {
    let mut out = crate::check_report(
        Report {
            source_kind: kind,
            ..Report::default()
        },
        opts,
        None,
    );
    out.diagnostics = vec![d];
    parse(&out.to_json_string_part(OutputPart::from_code(part)))
}

/// The kind `check` detects for a string: `json`, `html`, `markdown` or
/// `text` (the tests hold the JS copy in js/core.js to it).
#[doc(hidden)]
#[wasm_bindgen(js_name = __detect)]
pub fn detect_js(input: &str) -> String {
    match crate::detect(input) {
        crate::InputKind::Json => "json",
        crate::InputKind::Html => "html",
        crate::InputKind::Markdown => "markdown",
        crate::InputKind::Text => "text",
    }
    .to_string()
}

/// Every rule's id, severity, titles and docs in both languages.
#[wasm_bindgen(js_name = rules, unchecked_return_type = "RuleInfo[]")]
pub fn rules_js() -> Result<JsValue, JsError> {
    parse(&crate::rules_json())
}
