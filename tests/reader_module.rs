//! The browsers' two-module path gives what one module gives.
//!
//! In a browser, a Word file, a PDF, or HTML where there is no DOMParser is
//! read by the reader module (`pkg/full`, feature `wasm-reader-only`: no
//! recogniser, no rules), which hands a [`ReadResult`] as JSON to the web
//! module's `checkDocument`. Here the same two halves run natively: the
//! reader's JSON, read back, checked, must be byte for byte the output
//! `check_bytes` / `check` give on the same input — findings, model,
//! provenance (byte spans, part paths, pages and boxes), the unreadable
//! files' diagnostics, and under tight limits.
#![cfg(all(feature = "html", feature = "docx", feature = "pdf"))]

mod common;

use nianbao_check::read::ReadResult;
use nianbao_check::{Limits, Options};
use std::path::PathBuf;

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(common::repo().join(dir))
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

/// The options each input is checked with: defaults, English, a year given,
/// and limits tight enough to stop the readers.
fn option_sets() -> Vec<(&'static str, Options)> {
    let limited = |f: fn(&mut Limits)| {
        let mut o = Options::default();
        f(&mut o.limits);
        o
    };
    vec![
        ("default", Options::default()),
        (
            "en, year",
            Options {
                locale: Some("en".into()),
                year: Some(2024),
                ..Options::default()
            },
        ),
        ("maxCells 40", limited(|l| l.max_cells = 40)),
        ("maxInputBytes 4096", limited(|l| l.max_input_bytes = 4096)),
        (
            "maxSpan 2, maxDepth 8",
            limited(|l| {
                l.max_span = 2;
                l.max_depth = 8;
            }),
        ),
    ]
}

/// The reader's JSON, read back as the web module reads it.
fn through_json(r: &ReadResult) -> ReadResult {
    let text = r.to_json_string();
    ReadResult::parse(&text)
        .unwrap_or_else(|e| panic!("reader JSON does not read back: {e}\n{text:.300}"))
}

#[test]
fn word_files_and_pdfs_check_alike_through_the_reader_module() {
    let mut inputs = files("tests/fixtures/docx", "docx");
    inputs.extend(files("tests/fixtures/pdf", "pdf"));
    assert!(inputs.len() >= 25, "fixtures missing: {}", inputs.len());
    let mut unreadable = 0;
    for path in &inputs {
        let bytes = std::fs::read(path).expect("fixture");
        for (name, opts) in option_sets() {
            let whole = nianbao_check::check_bytes(&bytes, &opts, None).to_json_string();
            // Bytes that are neither (`bad-not-zip.docx`) never reach the
            // reader module: the web module says they are not text.
            let Some(read) = nianbao_check::read_file_result(&bytes, &opts) else {
                assert!(path.ends_with("bad-not-zip.docx"), "{}", path.display());
                continue;
            };
            unreadable += usize::from(read.unreadable.is_some());
            let split =
                nianbao_check::check_read_with(through_json(&read), &opts, None).to_json_string();
            assert!(whole == split, "{} ({name}): the two-module output differs\n one: {whole:.600}\n two: {split:.600}", path.display());
        }
    }
    // The damaged, encrypted and scanned fixtures, and the tight limits.
    assert!(unreadable > 20, "unreadable cases: {unreadable}");
}

#[test]
fn html_without_a_dom_parser_checks_alike_through_the_reader_module() {
    let mut inputs: Vec<(String, String)> = files("tests/fixtures/html", "html")
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("fixture");
            let text = nianbao_check::decode(&bytes).expect("decodes").0;
            (p.display().to_string(), text)
        })
        .collect();
    if let Some(dir) = common::corpus() {
        for p in std::fs::read_dir(dir)
            .expect("corpus")
            .filter_map(|e| e.ok().map(|e| e.path()))
        {
            if p.extension().is_some_and(|e| e == "html") {
                let bytes = std::fs::read(&p).expect("corpus page");
                inputs.push((
                    p.display().to_string(),
                    nianbao_check::decode(&bytes).expect("decodes").0,
                ));
            }
        }
    }
    // Hostile: spans past any limit, deep nesting, a table with no rows,
    // HTML that looks binary, whitespace only.
    let wide = format!(
        "<table><tr><td colspan=100000>1</td></tr>{}</table>",
        "<tr><td>2</td></tr>".repeat(50)
    );
    inputs.push(("colspan=100000".into(), wide));
    inputs.push((
        "nested".into(),
        format!("{}x", "<div><table><tr><td>".repeat(600)),
    ));
    inputs.push((
        "empty table".into(),
        "<p>三、政府信息公开</p><table></table>".into(),
    ));
    inputs.push((
        "controls".into(),
        format!("<p>{}</p>", "\u{1}\u{2}\u{3}".repeat(500)),
    ));
    inputs.push(("blank".into(), " \n\t ".into()));
    for (name, html) in &inputs {
        for (opt_name, opts) in option_sets() {
            let whole = nianbao_check::check(html, &opts, None).to_json_string();
            let read = nianbao_check::read_html_result(html, &opts);
            let split =
                nianbao_check::check_read_with(through_json(&read), &opts, None).to_json_string();
            assert!(whole == split, "{name} ({opt_name}): the two-module output differs\n one: {whole:.600}\n two: {split:.600}");
        }
    }
}

#[test]
fn last_years_report_as_a_word_file_or_pdf_reads_alike() {
    let dir = common::repo().join("tests/fixtures");
    let this = std::fs::read(dir.join("pdf/pingtan-czjrj-2025.pdf")).expect("fixture");
    let opts = Options::default();
    for prev in [
        "docx/seed-linzi-yingji-2020.docx",
        "pdf/seed-linzi-yingji-2020.pdf",
        "docx/bad-encrypted.docx",
        "pdf/pingtan-czjrj-2025-wps.pdf",
    ] {
        let prev = std::fs::read(dir.join(prev)).expect("fixture");
        let whole = nianbao_check::check_bytes(&this, &opts, Some(&prev)).to_json_string();
        let read =
            |b: &[u8]| through_json(&nianbao_check::read_file_result(b, &opts).expect("a file"));
        let last = nianbao_check::read_result_report(read(&prev), &opts);
        let split = nianbao_check::check_read_with(read(&this), &opts, Some(last)).to_json_string();
        assert_eq!(whole, split);
        assert!(
            whole.contains("history/"),
            "the cross-year rules ran or said why not"
        );
    }
}

#[test]
fn the_reader_json_keeps_every_source_field() {
    // A PDF cell has a page and a box; a Word cell its table, row and column; HTML byte spans.
    let dir = common::repo().join("tests/fixtures");
    let opts = Options::default();
    let pdf = nianbao_check::read_file_result(
        &std::fs::read(dir.join("pdf/seed-linzi-yingji-2020.pdf")).expect("pdf"),
        &opts,
    )
    .expect("pdf");
    let docx = nianbao_check::read_file_result(
        &std::fs::read(dir.join("docx/quirks.docx")).expect("docx"),
        &opts,
    )
    .expect("docx");
    let html =
        nianbao_check::read_html_result("<table><tr><td>总计</td><td>3</td></tr></table>", &opts);
    for (r, key) in [
        (&pdf, "\"bbox\":["),
        (&docx, "\"kind\":\"docx\",\"table\":"),
        (&html, "\"span\":["),
    ] {
        let text = r.to_json_string();
        assert!(text.contains(key), "{key} missing");
        // The hand-written document is what the derives write (as js/core.js
        // and the DOM reader send documents).
        assert_eq!(
            text,
            serde_json::to_string(&r.document).expect("document JSON")
        );
        // Written again after the round trip: the same text.
        assert_eq!(through_json(r).to_json_string(), text);
    }
}

#[test]
fn malformed_reader_json_is_refused_with_a_reason() {
    for (text, want) in [
        (
            r#"{"blocks":[],"issues":[{"rule":"no/such","detail":""}]}"#,
            "unknown rule `no/such`",
        ),
        (
            r#"{"blocks":[],"unreadable":3}"#,
            "expected an object at `unreadable`",
        ),
        (r#"{"blocks":[{"type":"para"}]}"#, "missing field `text`"),
    ] {
        let err = ReadResult::parse(text).expect_err(text);
        assert!(err.contains(want), "{text}: {err}");
    }
}
