//! nianbao-check: a validator for 政府信息公开工作年度报告.
//!
//! `check(input, options)` reads a report (text, JSON, HTML, Markdown, DOCX),
//! builds the [model](model::Report) with canonical ids and provenance, runs
//! the [rules](rules) and returns [diagnostics](diagnostic::Diagnostic) with
//! Chinese and English messages. The core does no I/O and has no wasm code;
//! `wasm.rs` is the only file that touches wasm-bindgen.

pub mod api;
pub mod diagnostic;
pub mod model;
pub mod read;
pub mod rules;
#[doc(hidden)]
pub mod testkit;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use api::{EmptyPolicy, LimitExceeded, Limits, Options, Output, RuleInfo};
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
    let sample: String = head
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with('<')
        || sample.contains("<table")
        || sample.contains("<html")
        || sample.contains("<p")
        || sample.contains("<div")
        || input.contains("<table")
        || input.contains("<TABLE")
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
        // Until the HTML and Markdown readers land, those inputs go through the text reader.
        InputKind::Html | InputKind::Markdown | InputKind::Text => {
            read::text::read_limited(input, max_cells)
                .map(|d| read::recognize::recognize(&d))
                .map_err(|l| Box::new(rules::input::limit_exceeded(l)))
        }
    }
}

/// Checks a report given as a string (kind detected), with an optional
/// previous-year report for the `history/*` rules.
pub fn check(input: &str, options: &Options, previous: Option<&str>) -> Output {
    let locale = options.locale();
    let (report, mut pre) = match read_limited(input, options) {
        Ok(r) => (r, Vec::new()),
        // Unreadable input: that one diagnostic, not a list of missing tables.
        Err(d) => {
            return Output {
                locale,
                report: Report::default(),
                diagnostics: vec![*d],
            }
        }
    };
    let prev = previous.and_then(|p| read_limited(p, options).ok());
    let mut out = check_report(report, options, prev.as_ref());
    pre.append(&mut out.diagnostics);
    out.diagnostics = pre;
    out.locale = locale;
    out
}

fn read_limited(input: &str, options: &Options) -> Result<Report, Box<Diagnostic>> {
    if input.len() > options.limits.max_input_bytes {
        return Err(Box::new(rules::input::limit_exceeded(LimitExceeded {
            option: "limits.maxInputBytes",
            limit: u64::try_from(options.limits.max_input_bytes).unwrap_or(u64::MAX),
        })));
    }
    if looks_binary(input) {
        return Err(Box::new(rules::input_error("binary", "")));
    }
    if input.trim_matches(model::value::is_blank_char).is_empty() {
        return Err(Box::new(rules::input_error("empty", "")));
    }
    read(input, detect(input), options)
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

/// Checks a document a host already split into prose and grids (the browser
/// adapter reads tables from the live DOM and sends them this way).
pub fn check_document(doc: &read::Document, options: &Options, previous: Option<&str>) -> Output {
    let prev = previous.and_then(|p| read_limited(p, options).ok());
    let max = options.limits.max_cells;
    let cells = doc
        .tables()
        .flat_map(|g| &g.rows)
        .try_fold(0usize, |n, r| n.checked_add(r.len()).filter(|n| *n <= max));
    if cells.is_none() {
        let mut out = check_report(Report::default(), options, prev.as_ref());
        out.diagnostics
            .insert(0, rules::input::limit_exceeded(LimitExceeded::cells(max)));
        return out;
    }
    check_report(read::recognize::recognize(doc), options, prev.as_ref())
}

/// Runs the rules on an already-built report.
pub fn check_report(mut report: Report, options: &Options, previous: Option<&Report>) -> Output {
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

/// Every rule's metadata.
pub fn rules() -> Vec<RuleInfo> {
    rules::REGISTRY
        .iter()
        .map(|r| RuleInfo {
            id: r.id,
            severity: r.severity,
            title_zh: r.title_zh,
            title_en: r.title_en,
            doc_zh: r.doc_zh,
            doc_en: r.doc_en,
        })
        .collect()
}
