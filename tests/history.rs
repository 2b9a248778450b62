//! Last year's report in every form the API takes (text, JSON, bytes, a
//! .docx, a read document) feeds the cross-year rules; one that cannot be
//! used gets a `history/previous` warning instead of a silent skip.
//! Inputs: the Pingtan finance bureau's 2025 report as a .docx and as the
//! canonical JSON written from its published page (tests/fixtures/docx/).
#![cfg(feature = "docx")]

use nianbao_check::{
    check, check_bytes, check_document_with, check_with, read_bytes, read_document, Diagnostic,
    Options, Output,
};
use serde_json::{json, Value};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The 2025 report as canonical JSON.
fn report_2025() -> Value {
    serde_json::from_slice(&fixture("pingtan-czjrj-2025.json")).expect("fixture JSON")
}

/// A 2026 report whose 上年结转 says 1 request (natural persons) where the
/// 2025 report carried over none.
fn report_2026() -> String {
    let mut v = report_2025();
    v["year"] = json!(2026);
    v["tables"]["t3"]["carried_in"] = json!({
        "natural": 1, "commercial": 0, "research": 0, "nonprofit": 0,
        "legal": 0, "other": 0, "total": 1
    });
    v.to_string()
}

fn of<'a>(o: &'a Output, rule: &str) -> Vec<&'a Diagnostic> {
    o.diagnostics.iter().filter(|d| d.rule == rule).collect()
}

/// The carry-over findings: (column in the message, expected, actual).
fn carry_over(o: &Output) -> Vec<(String, String, String)> {
    of(o, "history/carry-over")
        .iter()
        .map(|d| {
            let num = |n: &Option<nianbao_check::model::num::Num>| {
                n.map(|n| n.to_string()).unwrap_or_default()
            };
            (d.message_zh.clone(), num(&d.expected), num(&d.actual))
        })
        .collect()
}

#[test]
fn a_docx_previous_is_read_and_compared() {
    let now = report_2026();
    let docx = fixture("pingtan-czjrj-2025.docx");
    let out = check_bytes(now.as_bytes(), &Options::default(), Some(&docx));
    let found = carry_over(&out);
    assert_eq!(found.len(), 2, "natural and total: {found:?}");
    for (msg, expected, actual) in &found {
        assert!(
            msg.contains("2025年度报告“四、结转下年度继续办理”为0"),
            "{msg}"
        );
        assert_eq!((expected.as_str(), actual.as_str()), ("0", "1"));
    }
    // The previous-year cell points into the Word file.
    let d = of(&out, "history/carry-over")[0];
    let prev_cell = d.cells.iter().find(|c| c.label.contains("2025年度报告"));
    let source = prev_cell.and_then(|c| c.source.as_ref()).expect("source");
    assert_eq!(source.kind, nianbao_check::model::SourceKind::Docx);
    assert!(of(&out, "history/previous").is_empty());

    // The same through a report read beforehand, and from its JSON text.
    let read = read_bytes(&docx, &Options::default());
    assert!(read.is_ok(), "the fixture .docx reads");
    let via_read = check_with(&now, &Options::default(), Some(read));
    assert_eq!(carry_over(&via_read), found);
    // (The JSON leaves out the rows that are all 0 on the page.)
    let mut json = report_2025();
    json["tables"]["t3"]["carried_out"] = json!({
        "natural": 0, "commercial": 0, "research": 0, "nonprofit": 0,
        "legal": 0, "other": 0, "total": 0
    });
    let json = json.to_string();
    assert_eq!(
        carry_over(&check(&now, &Options::default(), Some(&json))),
        found
    );
}

#[test]
fn a_previous_document_is_recognised_like_the_report() {
    // A host that read last year's tables itself (the browser's DOM reader)
    // hands them over as a document of prose and grids.
    let docx = fixture("pingtan-czjrj-2025.docx");
    let doc = nianbao_check::read::docx::read_docx(&docx, &Default::default()).expect("reads");
    let opts = Options::default();
    let now = report_2026();
    let out = check_with(&now, &opts, Some(read_document(&doc, &opts)));
    assert_eq!(
        carry_over(&out),
        carry_over(&check_bytes(now.as_bytes(), &opts, Some(&docx)))
    );
    assert_eq!(carry_over(&out).len(), 2);

    // The 2025 document given as its own previous report: the wrong year,
    // said once, and nothing compared.
    let out = check_document_with(&doc, &opts, Some(read_document(&doc, &opts)));
    let p = of(&out, "history/previous");
    assert_eq!(p.len(), 1, "{:?}", out.diagnostics);
    assert!(p[0]
        .message_zh
        .contains("所给上年报告为2025年度，本报告为2025年度，应为2024年度的报告"));
    assert!(carry_over(&out).is_empty());
    assert!(of(&out, "history/in-force").is_empty());
}

#[test]
fn an_unusable_previous_is_reported_not_skipped() {
    let now = report_2026();
    let opts = Options::default();
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "broken JSON",
            b"{\"year\": 2025, \"tables\": {",
            "无法读取：JSON 无法解析",
        ),
        (
            "an image",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
            "无法读取：输入不是文本",
        ),
        ("an empty file", b"  \n", "无法读取：输入为空"),
        (
            "a letter, not a report",
            "关于2025年度工作的通知\n各单位：请按时报送。".as_bytes(),
            "未找到表二或表三",
        ),
    ];
    for (what, bytes, want) in cases {
        let out = check_bytes(now.as_bytes(), &opts, Some(bytes));
        let p = of(&out, "history/previous");
        assert_eq!(p.len(), 1, "{what}: {:?}", out.diagnostics);
        assert!(
            p[0].message_zh.contains(want),
            "{what}: {}",
            p[0].message_zh
        );
        assert!(
            p[0].message_zh
                .ends_with("未进行跨年度核对（上年结转、现行有效件数）。"),
            "{what}: {}",
            p[0].message_zh
        );
        assert_eq!(p[0].severity, nianbao_check::Severity::Warning);
        assert!(carry_over(&out).is_empty(), "{what}");
    }
    // Switched off with the other cross-year rules.
    let skip = Options {
        skip: Some(vec!["history/".into()]),
        ..Options::default()
    };
    let out = check_bytes(now.as_bytes(), &skip, Some(b"{"));
    assert!(out
        .diagnostics
        .iter()
        .all(|d| !d.rule.starts_with("history/")));
    // Dismissed by its fingerprint like any finding.
    let fp = of(
        &check_bytes(now.as_bytes(), &opts, Some(b"{")),
        "history/previous",
    )[0]
    .fingerprint
    .clone();
    let dismissed = Options {
        dismissed: Some(vec![fp]),
        ..Options::default()
    };
    let out = check_bytes(now.as_bytes(), &dismissed, Some(b"{"));
    assert!(of(&out, "history/previous").is_empty());
    // No previous report at all: nothing to say.
    assert!(of(&check(&now, &opts, None), "history/previous").is_empty());
}
