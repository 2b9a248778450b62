//! nianbao-check: a validator for 政府信息公开工作年度报告.
//!
//! `check(input, options)` reads a report (text, JSON, HTML, Markdown, DOCX),
//! builds the [model](model::Report) with canonical ids and provenance, runs
//! the [rules](rules) and returns [diagnostics](diagnostic::Diagnostic) with
//! Chinese and English messages. The core does no I/O and has no wasm code;
//! `wasm.rs` is the only file that touches wasm-bindgen.

pub mod api;
pub mod diagnostic;
pub(crate) mod json_in;
mod json_out;
#[doc(hidden)]
pub mod json_value;
pub mod model;
pub mod read;
pub mod rules;
mod sort;
#[doc(hidden)]
pub mod testkit;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use api::{EmptyPolicy, LimitExceeded, Limits, Options, Output, OutputPart, RuleInfo};
pub use diagnostic::{Diagnostic, Locale, Severity};
pub use model::{Format, Report, TableId};

/// What kind of input a string is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Json,
    Html,
    Markdown,
    Text,
}

/// Guesses the input kind from its content.
pub fn detect(input: &str) -> InputKind {
    let head = input.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if head.starts_with('{') {
        return InputKind::Json;
    }
    // The first 4096 characters, ASCII-lowercased; no tag can start in
    // text without a `<` (most text and Markdown: no copy, no search).
    let end = head.char_indices().nth(4096).map_or(head.len(), |(i, _)| i);
    let tag_in = |s: &str| {
        s.contains('<') && {
            let sample = s.to_ascii_lowercase();
            sample.contains("<table")
                || sample.contains("<html")
                || sample.contains("<p")
                || sample.contains("<div")
        }
    };
    if head.starts_with('<')
        || tag_in(head.get(..end).unwrap_or(head))
        || (input.contains('<') && (input.contains("<table") || input.contains("<TABLE")))
    {
        return InputKind::Html;
    }
    if input
        .lines()
        .filter(|l| l.trim_start().starts_with('|'))
        .take(3)
        .count()
        >= 3
        && !input.lines().any(|l| l.starts_with('\t'))
    {
        return InputKind::Markdown;
    }
    InputKind::Text
}

/// Reads an input string into a report (no rules run).
pub fn read(input: &str, kind: InputKind, options: &Options) -> Result<Report, Box<Diagnostic>> {
    let max_cells = options.limits.max_cells;
    match kind {
        InputKind::Json => read::json::read_str_limited(input, max_cells).map_err(|e| match e {
            read::json::ReadError::Json(e) => Box::new(rules::input_error("json", &e.0)),
            read::json::ReadError::Limit(l) => Box::new(rules::input::limit_exceeded(l)),
        }),
        #[cfg(feature = "html")]
        InputKind::Html => {
            let (doc, issues) = read::html::read_with(input, &options.limits);
            Ok(with_issues(read::recognize::recognize(&doc), issues))
        }
        #[cfg(not(feature = "html"))]
        InputKind::Html => Err(Box::new(rules::input_error(
            "html",
            "this build has no HTML reader (cargo feature `html`); read the tables from the DOM and use check_document",
        ))),
        InputKind::Markdown => {
            let (doc, issues) = read::markdown::read_with(input, &options.limits);
            Ok(with_issues(read::recognize::recognize(&doc), issues))
        }
        InputKind::Text => read::text::read_limited(input, max_cells)
            .map(|d| read::recognize::recognize(&d))
            .map_err(|l| Box::new(rules::input::limit_exceeded(l))),
    }
}

fn with_issues(mut report: Report, mut issues: Vec<model::ReadIssue>) -> Report {
    report.read_issues.append(&mut issues);
    report
}

/// Reads a report given as bytes: decodes them first (UTF-8, UTF-16 by BOM,
/// GBK/GB2312/GB18030 by `<meta charset>` or by not being UTF-8; see
/// [`read::html::encoding`]). The wasm build does not decode GBK: the JS
/// host decodes with `TextDecoder` and calls [`check`] with a string.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), read::html::encoding::DecodeError> {
    read::html::encoding::decode(bytes)
}

/// Checks a report given as a string (kind detected), with an optional
/// previous-year report for the `history/*` rules.
pub fn check(input: &str, options: &Options, previous: Option<&str>) -> Output {
    check_with(input, options, previous.map(|p| read_str(p, options)))
}

/// A previous-year report already read, or the reason it could not be:
/// what [`check_with`], [`check_bytes_with`] and [`check_document_with`]
/// take (read it with [`read_str`], [`read_bytes`] or [`read_document`]).
/// One that cannot be read, or is for another year, gets a
/// `history/previous` warning instead of silently skipping the cross-year
/// rules.
pub type Previous = Option<Result<Report, Box<Diagnostic>>>;

/// [`check`] with the previous-year report in any form (see [`Previous`]).
pub fn check_with(input: &str, options: &Options, previous: Previous) -> Output {
    match read_str(input, options) {
        Ok(report) => check_report_with(report, options, previous),
        // Unreadable input: that one diagnostic, not a list of missing tables.
        Err(d) => unreadable(*d, options, Report::default()),
    }
}

/// The output for an input that could not be read: its one diagnostic.
fn unreadable(d: Diagnostic, options: &Options, report: Report) -> Output {
    Output {
        locale: options.locale(),
        report,
        diagnostics: vec![d],
    }
}

/// Runs the rules with a previous-year report that may have failed to read.
fn check_report_with(report: Report, options: &Options, previous: Previous) -> Output {
    let last = previous.as_ref().map(|p| p.as_ref().map_err(|d| &**d));
    run_rules(report, options, last)
}

/// Reads a report given as a string (kind detected; size, binary and empty
/// input refused with the diagnostic [`check`] would give). No rules run.
pub fn read_str(input: &str, options: &Options) -> Result<Report, Box<Diagnostic>> {
    refuse_str(input, options)?;
    read(input, detect(input), options)
}

/// What [`read_str`] refuses before reading: over the size limit, binary, empty.
fn refuse_str(input: &str, options: &Options) -> Result<(), Box<Diagnostic>> {
    if input.len() > options.limits.max_input_bytes {
        return Err(Box::new(rules::input::limit_exceeded(input_bytes_limit(
            options,
        ))));
    }
    if looks_binary(input) {
        return Err(Box::new(rules::input_error("binary", "")));
    }
    if input.trim_matches(model::value::is_blank_char).is_empty() {
        return Err(Box::new(rules::input_error("empty", "")));
    }
    Ok(())
}

/// Reads an HTML string into a document, before recognition: what
/// [`check`] does with HTML up to the recogniser (the same refusals, the
/// same document and read issues), for the browsers' reader module, whose
/// output the web module's `checkDocument` checks (see [`read::ReadResult`]).
#[cfg(feature = "html")]
pub fn read_html_result(input: &str, options: &Options) -> read::ReadResult {
    match refuse_str(input, options) {
        Err(d) => read::ReadResult::unreadable(model::SourceKind::default(), *d),
        Ok(()) => {
            let (doc, issues) = read::html::read_with(input, &options.limits);
            read::ReadResult::read(doc, issues)
        }
    }
}

fn input_bytes_limit(options: &Options) -> LimitExceeded {
    LimitExceeded {
        option: "limits.maxInputBytes",
        limit: u64::try_from(options.limits.max_input_bytes).unwrap_or(u64::MAX),
    }
}

/// Whether raw bytes are binary (an image, a PDF, an archive) rather than
/// text in some encoding: more than 1 in 10 of the first 4,096 bytes is a
/// control byte other than tab, line feed, carriage return, form feed and
/// escape. UTF-16 with a byte-order mark is text.
pub fn looks_binary_bytes(input: &[u8]) -> bool {
    if input.starts_with(&[0xff, 0xfe]) || input.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let head = &input[..input.len().min(4096)];
    let bad = head
        .iter()
        .filter(|b| {
            (**b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || **b == 0x7f
        })
        .count();
    bad * 10 > head.len()
}

/// Whether decoded input is really binary (an image, a PDF, a zip renamed
/// .html): in its first 4096 characters, more than 1 in 10 is a replacement
/// character (invalid UTF-8) or a control character other than tab, line
/// feed, carriage return and form feed. A few stray NUL or invalid bytes in a
/// real report stay well under that and the report is read.
pub fn looks_binary(input: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in input.chars().take(4096) {
        total += 1;
        if c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) {
            bad += 1;
        }
    }
    bad * 10 > total
}

/// Checks a report given as bytes, as a file picker or `fs.readFile` hands it
/// over: a zip (PK…) or an OLE compound file goes to the [DOCX
/// reader](read::docx) (feature `docx`), anything else is decoded (see
/// [`decode`]: UTF-8, UTF-16, GBK/GB18030) and checked like [`check`]. `previous` is the
/// previous-year report, also as bytes (text or .docx).
///
/// An input that cannot be read at all (an encrypted or damaged Word file,
/// over the size limit) gets its one `input/unreadable` diagnostic and no
/// rule findings: "table 2 missing" on a file that was never opened would
/// only bury the message that matters.
pub fn check_bytes(bytes: &[u8], options: &Options, previous: Option<&[u8]>) -> Output {
    check_bytes_with(bytes, options, previous.map(|p| read_bytes(p, options)))
}

/// [`check_bytes`] with the previous-year report in any form (see [`Previous`]).
pub fn check_bytes_with(bytes: &[u8], options: &Options, previous: Previous) -> Output {
    let report = match read_bytes(bytes, options) {
        Ok(r) => r,
        Err(d) => {
            let report = Report {
                source_kind: file_kind(bytes),
                ..Report::default()
            };
            return unreadable(*d, options, report);
        }
    };
    check_report_with(report, options, previous)
}

/// Whether bytes look like a Word file (a zip archive, or an OLE compound
/// file: an encrypted .docx or a legacy .doc), not text.
pub fn is_word_file(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Whether bytes are a PDF file: `%PDF-` within the first 1,024 bytes.
pub fn is_pdf_file(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Reads bytes (a .pdf, a .docx, or text in any form [`check`] takes) into a report
/// (no rules run).
pub fn read_bytes(bytes: &[u8], options: &Options) -> Result<Report, Box<Diagnostic>> {
    if bytes.len() > options.limits.max_input_bytes {
        return Err(Box::new(rules::input::limit_exceeded(input_bytes_limit(
            options,
        ))));
    }
    if let Some(read) = read_file(bytes, options) {
        return read.map(|doc| read::recognize::recognize(&doc));
    }
    // Checked on the bytes: a GB18030 decode turns any bytes into characters.
    if looks_binary_bytes(bytes) {
        return Err(Box::new(rules::input_error("binary", "")));
    }
    match decode(bytes) {
        Ok((text, _)) => read_str(&text, options),
        Err(e) => Err(Box::new(rules::input_error("encoding", &e.to_string()))),
    }
}

/// Reads a PDF or a Word file into a document (no recognition, no rules):
/// [`read_bytes`] up to the recogniser. `None` for bytes that are neither.
pub fn read_file(
    bytes: &[u8],
    options: &Options,
) -> Option<Result<read::Document, Box<Diagnostic>>> {
    let pdf = is_pdf_file(bytes);
    if !pdf && !is_word_file(bytes) {
        return None;
    }
    if bytes.len() > options.limits.max_input_bytes {
        return Some(Err(Box::new(rules::input::limit_exceeded(
            input_bytes_limit(options),
        ))));
    }
    if pdf {
        #[cfg(feature = "pdf")]
        return Some(
            read::pdf::read_pdf(bytes, &options.limits).map_err(|e| Box::new(e.to_diagnostic())),
        );
        #[cfg(not(feature = "pdf"))]
        return Some(Err(Box::new(rules::input_error(
            "pdf-unsupported",
            "this build has no PDF reader (feature `pdf`)",
        ))));
    }
    #[cfg(feature = "docx")]
    return Some(
        read::docx::read_docx(bytes, &options.limits).map_err(|e| Box::new(e.to_diagnostic())),
    );
    #[cfg(not(feature = "docx"))]
    return Some(Err(Box::new(rules::input_error(
        "docx-unsupported",
        "this build has no DOCX reader (feature `docx`)",
    ))));
}

/// [`read_file`] as the browsers' reader module hands it to the web module
/// (see [`read::ReadResult`]); `None` for bytes that are neither a PDF nor
/// a Word file.
pub fn read_file_result(bytes: &[u8], options: &Options) -> Option<read::ReadResult> {
    read_file(bytes, options).map(|r| match r {
        Ok(doc) => read::ReadResult::read(doc, Vec::new()),
        Err(d) => read::ReadResult::unreadable(file_kind(bytes), *d),
    })
}

/// The input kind an unreadable file reports.
fn file_kind(bytes: &[u8]) -> model::SourceKind {
    if is_word_file(bytes) {
        model::SourceKind::Docx
    } else if is_pdf_file(bytes) {
        model::SourceKind::Pdf
    } else {
        model::SourceKind::Text
    }
}

/// Checks a document a host already split into prose and grids (the browser
/// adapter reads tables from the live DOM and sends them this way).
pub fn check_document(doc: &read::Document, options: &Options, previous: Option<&str>) -> Output {
    check_document_with(doc, options, previous.map(|p| read_str(p, options)))
}

/// [`check_document`] with the previous-year report in any form (see [`Previous`]).
pub fn check_document_with(doc: &read::Document, options: &Options, previous: Previous) -> Output {
    match read_document(doc, options) {
        Ok(report) => check_report_with(report, options, previous),
        // Like an unreadable input: that one diagnostic, no rule findings.
        Err(d) => unreadable(*d, options, Report::default()),
    }
}

/// Recognises the report in a document of prose and grids (refused when it
/// holds more cells than `limits.maxCells`). No rules run.
pub fn read_document(doc: &read::Document, options: &Options) -> Result<Report, Box<Diagnostic>> {
    let max = options.limits.max_cells;
    let cells = doc
        .tables()
        .flat_map(|g| &g.rows)
        .try_fold(0usize, |n, r| n.checked_add(r.len()).filter(|n| *n <= max));
    match cells {
        Some(_) => Ok(read::recognize::recognize(doc)),
        None => Err(Box::new(rules::input::limit_exceeded(
            LimitExceeded::cells(max),
        ))),
    }
}

/// Recognises the report in what a reader made of an input (see
/// [`read::ReadResult`]): its read issues go into the report as
/// [`read`] puts them; an input that could not be read is its diagnostic.
pub fn read_result_report(
    read: read::ReadResult,
    options: &Options,
) -> Result<Report, Box<Diagnostic>> {
    if let Some(d) = read.unreadable {
        return Err(Box::new(d));
    }
    read_document(&read.document, options).map(|r| with_issues(r, read.issues))
}

/// Checks what a reader made of an input (see [`read::ReadResult`]): the
/// output [`check_bytes`] (a PDF, a Word file) or [`check`] (HTML) gives on
/// the same input.
pub fn check_read_with(read: read::ReadResult, options: &Options, previous: Previous) -> Output {
    // An unreadable file keeps its kind, as in `check_bytes`; a document
    // over the cell limit gets the default, as in `check_document`.
    let kind = match read.unreadable {
        Some(_) => read.document.kind,
        None => model::SourceKind::default(),
    };
    match read_result_report(read, options) {
        Ok(report) => check_report_with(report, options, previous),
        Err(d) => {
            let report = Report {
                source_kind: kind,
                ..Report::default()
            };
            unreadable(*d, options, report)
        }
    }
}

/// Runs the rules on an already-built report.
pub fn check_report(report: Report, options: &Options, previous: Option<&Report>) -> Output {
    run_rules(report, options, previous.map(Ok))
}

fn run_rules(mut report: Report, options: &Options, previous: rules::LastYear) -> Output {
    if let Some(y) = options.year {
        report.year = Some(y);
        report.year_source = Some("option");
    }
    if let Some(f) = options.format() {
        report.format = Some(f);
    }
    let diagnostics = rules::run(&report, options, previous);
    Output {
        locale: options.locale(),
        report,
        diagnostics,
    }
}

/// [`rules`] as JSON text (what the wasm `rules()` hands to `JSON.parse`).
#[doc(hidden)]
pub fn rules_json() -> String {
    json_out::rule_infos(&rules())
}

/// Every rule's metadata.
pub fn rules() -> Vec<RuleInfo> {
    rules::REGISTRY
        .iter()
        .map(|r| RuleInfo {
            id: r.id,
            severity: r.severity,
            title_zh: r.title_zh,
            title_en: r.title_en,
            #[cfg(not(target_arch = "wasm32"))]
            doc_zh: r.doc_zh,
            #[cfg(not(target_arch = "wasm32"))]
            doc_en: r.doc_en,
            // The wasm build leaves the docs out; js/rule-docs.js fills them in.
            #[cfg(target_arch = "wasm32")]
            doc_zh: "",
            #[cfg(target_arch = "wasm32")]
            doc_en: "",
        })
        .collect()
}
