//! The DOCX reader on files made from real reports (tests/fixtures/docx/,
//! made by make_fixtures.py there): a report read from its .docx gives the
//! same model and the same findings as the same report in another form.
#![cfg(feature = "docx")]

use nianbao_check::model::{SourceKind, TableId};
use nianbao_check::read::docx::read_docx;
use nianbao_check::read::{Block, Document};
use nianbao_check::{check, check_bytes, Limits, Options, Output};
mod common;
use common::cells;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every finding as (rule, cell paths), sorted.
fn findings(o: &Output) -> Vec<(String, Vec<String>)> {
    let mut v: Vec<_> = o
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.to_string(),
                d.cells.iter().map(|c| c.path()).collect::<Vec<_>>(),
            )
        })
        .collect();
    v.sort();
    v
}

fn opts() -> Options {
    Options::default()
}

#[test]
fn seed_docx_reads_like_the_seed_text() {
    let text = std::fs::read_to_string(format!(
        "{}/examples/seed-linzi-yingji-2020.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("seed text");
    let from_text = check(&text, &opts(), None);
    let from_docx = check_bytes(&fixture("seed-linzi-yingji-2020.docx"), &opts(), None);

    assert_eq!(from_docx.report.source_kind, SourceKind::Docx);
    assert_eq!(from_docx.report.format, from_text.report.format);
    assert_eq!(from_docx.report.year, Some(2020));
    assert_eq!(from_docx.report.title, from_text.report.title);
    let (t, d) = (cells(&from_text.report), cells(&from_docx.report));
    assert!(t.len() > 150, "the seed has all three tables: {}", t.len());
    assert_eq!(d, t);
    assert_eq!(findings(&from_docx), findings(&from_text));
    // The seed's four errors, read through a tracked change (0 → 6) and
    // numbers split across runs (2141 = "21" + "41").
    assert_eq!(from_docx.summary().errors, 4);
    let t3 = from_docx.report.table(TableId::T3).expect("t3");
    let total = t3.cell(None, "results_total", "natural").expect("cell");
    assert_eq!(total.raw, "6");
    let s = &total.source;
    assert_eq!(s.kind, SourceKind::Docx);
    assert_eq!((s.table, s.row, s.col), (Some(1), Some(24), Some(3)));
    assert!(s.paragraph.is_some());
    let t2 = from_docx.report.table(TableId::T2).expect("t2");
    assert_eq!(
        t2.cell(Some("item5"), "other_services", "prev_items")
            .map(|c| c.raw.as_str()),
        Some("2141")
    );
}

#[test]
fn pingtan_docx_reads_the_tables_of_the_page() {
    let json = std::fs::read_to_string(format!(
        "{}/tests/fixtures/docx/pingtan-czjrj-2025.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("json");
    let from_json = check(&json, &opts(), None);
    assert!(from_json.report.read_issues.is_empty());
    let want = &from_json.report;

    for name in ["pingtan-czjrj-2025.docx", "pingtan-czjrj-2025-wps.docx"] {
        let out = check_bytes(&fixture(name), &opts(), None);
        let got = &out.report;
        assert_eq!(got.year, Some(2025), "{name}");
        assert_eq!(got.format, want.format, "{name}");
        assert!(got.read_issues.is_empty(), "{name}: {:?}", got.read_issues);
        for t in &got.tables {
            assert!(t.extra_rows.is_empty(), "{name}: {:?}", t.extra_rows);
        }
        // Every value on the page, at the same place.
        let w = want
            .tables
            .iter()
            .flat_map(|t| t.cells.iter().map(move |c| (t.id, c)));
        for (id, c) in w {
            let g = got
                .table(id)
                .and_then(|t| t.cell(c.block, c.row, c.column))
                .unwrap_or_else(|| panic!("{name}: {id:?} {:?} {} {}", c.block, c.row, c.column));
            assert_eq!(g.value(), c.value(), "{name}: {} {}", c.row, c.column);
        }
        // Tables 2 and 4 hold exactly the page's cells; table 3 also its
        // all-zero rows, which the JSON leaves out.
        for id in [TableId::T2, TableId::T4] {
            assert_eq!(
                got.table(id).map(|t| t.cells.len()),
                want.table(id).map(|t| t.cells.len()),
                "{name} {id:?}"
            );
        }
        let t3 = got.table(TableId::T3).expect("t3");
        assert_eq!(t3.cells.len(), 25 * 7, "{name}: all 2021 rows");
        for c in &t3.cells {
            if want
                .table(TableId::T3)
                .and_then(|t| t.cell(None, c.row, c.column))
                .is_none()
            {
                assert_eq!(c.raw, "0", "{name}: {} {}", c.row, c.column);
            }
        }
        // The page is consistent: no table finding either way.
        let table_rules = |o: &Output| {
            findings(o)
                .into_iter()
                .filter(|(r, _)| {
                    r.starts_with("t3/") || r.starts_with("t4/") || r.starts_with("cell/")
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(table_rules(&out), table_rules(&from_json), "{name}");
        // All six sections found in the prose.
        assert_eq!(got.sections.len(), 6, "{name}");
    }
    // Word-style and WPS-style writing of the same report: the same model
    // and the same findings.
    let a = check_bytes(&fixture("pingtan-czjrj-2025.docx"), &opts(), None);
    let b = check_bytes(&fixture("pingtan-czjrj-2025-wps.docx"), &opts(), None);
    assert_eq!(cells(&a.report), cells(&b.report));
    assert_eq!(findings(&a), findings(&b));
}

fn grid_texts(d: &Document) -> Vec<Vec<Vec<String>>> {
    d.tables()
        .map(|g| {
            g.rows
                .iter()
                .map(|r| r.iter().map(|c| c.text.clone()).collect())
                .collect()
        })
        .collect()
}

#[test]
fn quirks_docx_grids() {
    let d = read_docx(&fixture("quirks.docx"), &Limits::default()).expect("reads");
    let paras: Vec<&str> = d
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { text, .. } => Some(text.as_str()),
            Block::Table(_) => None,
        })
        .collect();
    assert_eq!(
        paras,
        [
            "一、总体情况",
            "（一）主动公开情况",
            "二、主动公开政府信息情况",
            "第2页",
            "控件"
        ]
    );
    assert_eq!(
        grid_texts(&d),
        [
            vec![
                vec!["合并", "合并", "C"],
                vec!["", "1"],
                vec!["外 层", "", "9"]
            ],
            vec![vec!["嵌套", "表"]],
        ]
    );
}

#[test]
fn wps_text_box_is_read_once() {
    let d = read_docx(&fixture("pingtan-czjrj-2025-wps.docx"), &Limits::default()).expect("reads");
    let n = d
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Para { text, .. } if text == "（此页无正文）"))
        .count();
    assert_eq!(n, 1);
}

fn unreadable(bytes: &[u8], options: &Options) -> String {
    let out = check_bytes(bytes, options, None);
    assert_eq!(out.diagnostics.len(), 1, "only the unreadable diagnostic");
    let d = &out.diagnostics[0];
    assert_eq!(d.rule, "input/unreadable");
    assert!(!d.message_en.is_empty());
    d.message_zh.clone()
}

#[test]
fn bad_files_get_clear_diagnostics() {
    let o = opts();
    // Not a zip: read as text (it is HTML here), so no docx diagnostic, and
    // the check runs on what the text holds.
    let not_zip = check_bytes(&fixture("bad-not-zip.docx"), &o, None);
    assert!(not_zip
        .diagnostics
        .iter()
        .all(|d| d.rule != "input/unreadable"));
    assert_eq!(
        read_docx(&fixture("bad-not-zip.docx"), &Limits::default())
            .err()
            .map(|e| e.code()),
        Some("docx-not-zip")
    );
    assert!(unreadable(&fixture("bad-encrypted.docx"), &o).contains("文件已加密或为旧版 .doc 格式"));
    assert!(unreadable(&fixture("bad-truncated.docx"), &o).contains("已损坏或不完整"));
    assert!(unreadable(&fixture("bad-no-document.docx"), &o).contains("Excel"));

    // The bomb: document.xml inflates to 8 MiB from 9 kB.
    let bomb = fixture("bad-bomb.docx");
    let small = Options {
        limits: Limits {
            max_input_bytes: 1 << 20,
            ..Limits::default()
        },
        ..Options::default()
    };
    assert!(unreadable(&bomb, &small).contains("超过 1048576 字节的上限"));
    // Under the default limit it reads (one empty paragraph).
    assert!(read_docx(&bomb, &Limits::default()).is_ok());
}

#[test]
fn truncated_and_corrupted_files_never_panic() {
    let data = fixture("seed-linzi-yingji-2020.docx");
    let o = opts();
    for cut in (0..data.len()).step_by(997) {
        let _ = check_bytes(&data[..cut], &o, None);
    }
    let mut x = 0x2545_f491_u32;
    for _ in 0..200 {
        let mut d = data.clone();
        for _ in 0..8 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let i = x as usize % d.len();
            d[i] = (x >> 8) as u8;
        }
        let _ = check_bytes(&d, &o, None);
    }
}
