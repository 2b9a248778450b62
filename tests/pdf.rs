//! The PDF reader on files made from real reports (tests/fixtures/pdf/,
//! made by make.sh there with LibreOffice, Chromium and qpdf): a report read
//! from its PDF gives the same model cells and the same findings as the same
//! report in its source form; one changed cell in the source is found in
//! the PDF; broken and hostile PDFs get one clear diagnostic.
#![cfg(feature = "pdf")]

use nianbao_check::model::{SourceKind, TableId};
use nianbao_check::read::pdf::read_pdf;
use nianbao_check::read::Block;
use nianbao_check::{check, check_bytes, Limits, Options, Output};
mod common;
use common::{cells, make_pdf};

fn fixture(dir: &str, name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn pdf(name: &str) -> Vec<u8> {
    fixture("pdf", name)
}

/// Every finding as (rule, cell paths, expected, actual), sorted.
fn findings(o: &Output) -> Vec<(String, Vec<String>, String, String)> {
    let mut v: Vec<_> = o
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.to_string(),
                d.cells.iter().map(|c| c.path()).collect::<Vec<_>>(),
                d.expected.map(|n| n.to_string()).unwrap_or_default(),
                d.actual.map(|n| n.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

fn opts() -> Options {
    Options::default()
}

fn seed_text() -> Output {
    let text = std::fs::read_to_string(format!(
        "{}/examples/seed-linzi-yingji-2020.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("seed text");
    check(&text, &opts(), None)
}

/// The same report as `reference`: format, year, title, every cell's raw
/// text, every finding.
fn same_report(name: &str, from_pdf: &Output, reference: &Output) {
    assert_eq!(from_pdf.report.source_kind, SourceKind::Pdf, "{name}");
    assert_eq!(from_pdf.report.format, reference.report.format, "{name}");
    assert_eq!(from_pdf.report.year, reference.report.year, "{name}");
    assert_eq!(from_pdf.report.title, reference.report.title, "{name}");
    let (p, r) = (cells(&from_pdf.report), cells(&reference.report));
    assert!(r.len() > 150, "{name}: the report has all three tables");
    assert_eq!(p, r, "{name}: cells");
    assert_eq!(findings(from_pdf), findings(reference), "{name}: findings");
}

#[test]
fn seed_pdfs_read_like_the_seed_text() {
    let text = seed_text();
    // LibreOffice defaults; tagged PDF/A; the same rewritten by qpdf with
    // object streams and an xref stream.
    for name in [
        "seed-linzi-yingji-2020.pdf",
        "seed-linzi-yingji-2020-tagged.pdf",
        "seed-linzi-yingji-2020-objstm.pdf",
    ] {
        let out = check_bytes(&pdf(name), &opts(), None);
        same_report(name, &out, &text);
        assert_eq!(out.summary().errors, 4, "{name}");
    }
}

/// The seed encrypted by qpdf with an owner password only (print and copy
/// restrictions) and an empty user password, as many government PDFs are:
/// read like the unencrypted file, for every standard handler version.
#[test]
fn encrypted_seed_pdfs_with_an_empty_user_password_read_like_the_seed() {
    let text = seed_text();
    for name in [
        // RC4 40-bit (V1 R2) and 128-bit (V2 R3).
        "seed-linzi-yingji-2020-rc4-40.pdf",
        "seed-linzi-yingji-2020-rc4-128.pdf",
        // AES-128 (V4 R4, AESV2) in object streams with an xref stream;
        // the tagged PDF/A with /EncryptMetadata false.
        "seed-linzi-yingji-2020-aes-128-objstm.pdf",
        "seed-linzi-yingji-2020-tagged-aes-128.pdf",
        // AES-256 (V5, AESV3) R6 and the deprecated R5.
        "seed-linzi-yingji-2020-aes-256.pdf",
        "seed-linzi-yingji-2020-aes-256-r5.pdf",
    ] {
        let bytes = pdf(name);
        assert!(
            bytes.windows(8).any(|w| w == b"/Encrypt"),
            "{name} is encrypted"
        );
        let out = check_bytes(&bytes, &opts(), None);
        same_report(name, &out, &text);
        assert_eq!(out.summary().errors, 4, "{name}");
        // Same blocks, same provenance as the unencrypted PDF.
        let plain = if name.contains("tagged") {
            "seed-linzi-yingji-2020-tagged.pdf"
        } else {
            "seed-linzi-yingji-2020.pdf"
        };
        let a = read_pdf(&bytes, &Limits::default()).expect("reads");
        let b = read_pdf(&pdf(plain), &Limits::default()).expect("reads");
        let json = |d: &nianbao_check::read::Document| serde_json::to_string(&d.blocks).ok();
        assert!(json(&a).is_some());
        assert_eq!(json(&a), json(&b), "{name}");
    }
}

#[test]
fn encrypted_fuzz_seeds_read_like_their_plain_table() {
    let seed = |n: &str| {
        let path = format!("{}/fuzz/seeds/pdf/{n}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let json = |b: &[u8]| {
        let doc = read_pdf(b, &Limits::default()).expect("reads");
        assert!(doc.tables().next().is_some(), "a table");
        serde_json::to_string(&doc.blocks).unwrap_or_default()
    };
    let plain = json(&seed("table.pdf"));
    for n in ["table-rc4.pdf", "table-aes256.pdf"] {
        assert_eq!(json(&seed(n)), plain, "{n}");
    }
}

#[test]
fn encrypted_pdf_with_a_broken_xref_is_rebuilt_with_its_key() {
    // The AES-128 file whose catalog and pages are in encrypted object
    // streams, with its startxref pointing nowhere: the scan finds the
    // /Encrypt dictionary in the xref stream, then reads the object
    // streams with the key.
    let good = pdf("seed-linzi-yingji-2020-aes-128-objstm.pdf");
    let reference = check_bytes(&good, &opts(), None);
    let mut bad = good.clone();
    let at = good
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("startxref");
    for b in &mut bad[at + 10..at + 14] {
        if b.is_ascii_digit() {
            *b = b'1';
        }
    }
    let out = check_bytes(&bad, &opts(), None);
    assert_eq!(out.summary().errors, 4);
    assert_eq!(findings(&out), findings(&reference));
    assert_eq!(cells(&out.report), cells(&reference.report));
}

#[test]
fn pingtan_pdfs_read_like_the_docx_and_the_page() {
    let docx = check_bytes(&fixture("docx", "pingtan-czjrj-2025.docx"), &opts(), None);
    let html = check(
        &String::from_utf8(fixture("../../../shared/corpus", "pingtan-czjrj-2025.html"))
            .unwrap_or_else(|_| panic!("corpus page")),
        &opts(),
        None,
    );
    let from_docx = check_bytes(&pdf("pingtan-czjrj-2025.pdf"), &opts(), None);
    same_report("pingtan-czjrj-2025.pdf", &from_docx, &docx);
    // From the published page: LibreOffice, and Chromium (Type0 fonts,
    // Identity-H, Kangxi radicals in its ToUnicode maps).
    for name in [
        "pingtan-czjrj-2025-html.pdf",
        "pingtan-czjrj-2025-chromium.pdf",
    ] {
        let out = check_bytes(&pdf(name), &opts(), None);
        assert_eq!(out.report.source_kind, SourceKind::Pdf);
        assert_eq!(out.report.format, html.report.format, "{name}");
        assert_eq!(out.report.year, html.report.year, "{name}");
        assert_eq!(cells(&out.report), cells(&html.report), "{name}: cells");
        assert_eq!(findings(&out), findings(&html), "{name}: findings");
    }
}

#[test]
fn wps_pdf_without_ruling_lines_reads_like_its_docx() {
    // The WPS document's table borders come from a table style LibreOffice
    // does not draw: tables 2, 3 and 4 are rebuilt from the columns the
    // text runs stand in (labels wrapped over up to 17 lines, rows broken
    // by pages, merged header cells).
    let docx = check_bytes(
        &fixture("docx", "pingtan-czjrj-2025-wps.docx"),
        &opts(),
        None,
    );
    let out = check_bytes(&pdf("pingtan-czjrj-2025-wps.pdf"), &opts(), None);
    same_report("pingtan-czjrj-2025-wps.pdf", &out, &docx);
    for id in [TableId::T2, TableId::T3, TableId::T4] {
        assert!(out.report.table(id).is_some(), "{id:?}");
    }
}

#[test]
fn one_changed_cell_in_the_source_is_found_in_the_pdf() {
    // make.sh changed one cell in the DOCX source (表三 （一）予以公开,
    // 商业企业 0 → 7) before converting it.
    let base = check_bytes(&pdf("seed-linzi-yingji-2020.pdf"), &opts(), None);
    let mutated = check_bytes(&pdf("seed-linzi-yingji-2020-mutated.pdf"), &opts(), None);
    let (b, m) = (cells(&base.report), cells(&mutated.report));
    let changed: Vec<_> = m.iter().filter(|(k, v)| b.get(*k) != Some(v)).collect();
    assert_eq!(
        changed,
        vec![(&"t3.granted.commercial".to_string(), &"7".to_string())]
    );
    let before = findings(&base);
    let new: Vec<_> = findings(&mutated)
        .into_iter()
        .filter(|f| !before.contains(f))
        .map(|f| (f.0, f.1.first().cloned().unwrap_or_default(), f.2, f.3))
        .collect();
    // The row's total no longer adds up, nor does the column's (七)总计.
    assert_eq!(
        new,
        vec![
            (
                "t3/results-total".to_string(),
                "t3.results_total.commercial".to_string(),
                "7".to_string(),
                "0".to_string()
            ),
            (
                "t3/row-total".to_string(),
                "t3.granted.total".to_string(),
                "7".to_string(),
                "0".to_string()
            ),
        ]
    );
}

#[test]
fn provenance_is_page_and_box() {
    let out = check_bytes(&pdf("seed-linzi-yingji-2020.pdf"), &opts(), None);
    let t3 = out.report.table(TableId::T3).expect("t3");
    let total = t3.cell(None, "results_total", "natural").expect("cell");
    assert_eq!(total.raw, "6");
    let s = &total.source;
    assert_eq!(s.kind, SourceKind::Pdf);
    // 表三 runs over pages 2–5 of the A4 page; （七）总计 is on page 4.
    assert_eq!(s.page, Some(4));
    let [x0, y0, x1, y1] = s.bbox.expect("bbox");
    assert!(x0 < x1 && y0 < y1 && x1 <= 595 && y1 <= 842, "{:?}", s.bbox);
    assert!(s.table.is_some() && s.row.is_some() && s.col.is_some());
    // In the JSON output: page and bbox beside the grid position.
    let json = serde_json::to_value(s).expect("json");
    assert_eq!(json["kind"], "pdf");
    assert_eq!(json["page"], 4);
    assert_eq!(json["bbox"].as_array().map(Vec::len), Some(4));
}

#[test]
fn document_reads_in_order_with_headings_as_paragraphs() {
    let doc = read_pdf(&pdf("seed-linzi-yingji-2020.pdf"), &Limits::default()).expect("reads");
    let paras: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { text, .. } => Some(text.as_str()),
            Block::Table(_) => None,
        })
        .collect();
    assert_eq!(paras[0], "临淄区应急管理局2020年政府信息公开工作年度报告");
    for h in [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ] {
        assert!(paras.contains(&h), "{h}");
    }
    // A paragraph wrapped over three lines reads as one.
    assert!(paras.contains(
        &"（三）建议提案办理公开情况。2020年区应急局共收到区政协十届四次会议63号、120号、130号3项提案。对收到的全部提案区应急局进行了认真办理，办结率100%、满意率100%，并及时公开办理情况报告，接受社会监督。"
    ));
    // Tables in order, none empty; the row broken over pages 3–4 is one row.
    let tables: Vec<_> = doc.tables().collect();
    assert!(tables.len() >= 4);
    let labels: Vec<String> = tables
        .iter()
        .flat_map(|g| &g.rows)
        .filter_map(|r| r.get(1).map(|c| c.text.clone()))
        .collect();
    assert!(labels.iter().any(|l| l == "（四）无法提供"), "{labels:?}");
    assert!(!labels.iter().any(|l| l == "供"));
}

// ------------------------------------------------------------- made PDFs

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

/// One page showing `content` with Helvetica as /F1.
fn one_page(content: &[u8]) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>".to_vec(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\x80"),
    ]
}

fn unreadable(bytes: &[u8]) -> (String, String) {
    let out = check_bytes(bytes, &opts(), None);
    assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
    let d = &out.diagnostics[0];
    assert_eq!(d.rule, "input/unreadable");
    (d.message_zh.clone(), d.message_en.clone())
}

#[test]
fn text_runs_have_positions_and_rotated_pages_read_upright() {
    // The second line indented (a new paragraph); its TJ adjustment of
    // 400/1000 em is the gap of a space.
    let content = b"BT /F1 12 Tf 72 700 Td (Hello World) Tj 24 -20 Td [(Sum) -400 (12)] TJ ET";
    let doc = read_pdf(&make_pdf(&one_page(content), ""), &Limits::default()).expect("reads");
    let texts: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { text, source } => Some((text.clone(), source.page, source.bbox)),
            Block::Table(_) => None,
        })
        .collect();
    assert_eq!(texts[0].0, "Hello World");
    assert_eq!(texts[0].1, Some(1));
    // Baseline at y 700 from the bottom: 142 from the top of an 842 pt page.
    let [x0, _, _, y1] = texts[0].2.expect("bbox");
    assert_eq!((x0, y1), (72, 142));
    assert_eq!(texts[1].0, "Sum 12");

    // The same page with /Rotate 90, its text drawn turned so that it
    // reads upright: the same lines in the same order.
    let mut objs = one_page(
        b"q 0 1 -1 0 595 0 cm BT /F1 12 Tf 72 500 Td (Hello World) Tj 24 -20 Td (Sum 12) Tj ET Q",
    );
    objs[2] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec();
    let doc = read_pdf(&make_pdf(&objs, ""), &Limits::default()).expect("reads");
    let texts: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { text, .. } => Some(text.clone()),
            Block::Table(_) => None,
        })
        .collect();
    assert_eq!(texts, vec!["Hello World", "Sum 12"]);
}

#[test]
fn ruled_table_with_a_merged_header_cell() {
    // 3 columns × 3 rows of 100 × 20 pt; the header's first two cells
    // merged (no line between them in the top row).
    let mut c = String::from("0.5 w ");
    for y in [700, 680, 660, 640] {
        c += &format!("100 {y} m 400 {y} l S ");
    }
    for x in [100, 300, 400] {
        c += &format!("{x} 640 m {x} 700 l S ");
    }
    c += "200 640 m 200 680 l S ";
    c += "BT /F1 10 Tf 105 685 Td (Applicants) Tj 200 0 Td (Total) Tj ET ";
    for (r, y) in [(1, 665), (2, 645)] {
        c += &format!(
            "BT /F1 10 Tf 105 {y} Td (row{r}) Tj 100 0 Td ({r}) Tj 100 0 Td ({}) Tj ET ",
            r * 2
        );
    }
    let doc = read_pdf(&make_pdf(&one_page(c.as_bytes()), ""), &Limits::default()).expect("reads");
    let g = doc.tables().next().expect("a table");
    let rows: Vec<Vec<(String, bool, u32)>> = g
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| (c.text.clone(), c.origin, c.colspan))
                .collect()
        })
        .collect();
    let cell = |t: &str, o: bool, s: u32| (t.to_string(), o, s);
    assert_eq!(
        rows,
        vec![
            vec![
                cell("Applicants", true, 2),
                cell("Applicants", false, 2),
                cell("Total", true, 1)
            ],
            vec![
                cell("row1", true, 1),
                cell("1", true, 1),
                cell("2", true, 1)
            ],
            vec![
                cell("row2", true, 1),
                cell("2", true, 1),
                cell("4", true, 1)
            ],
        ]
    );
    let s = &g.rows[2][2].source;
    assert_eq!(
        (s.page, s.row, s.col, s.bbox),
        (Some(1), Some(2), Some(2), Some([300, 182, 400, 202]))
    );
}

#[test]
fn scanned_pdf_says_it_is_an_image() {
    let (zh, en) = unreadable(&make_pdf(&one_page(b"q 595 0 0 842 0 0 cm /Im1 Do Q"), ""));
    assert!(zh.contains("没有文字层") && zh.contains("扫描"), "{zh}");
    assert!(en.contains("no text layer"), "{en}");
}

#[test]
fn pdf_with_a_user_password_says_it_needs_the_password() {
    // qpdf, AES-256 with the user password "1234".
    let (zh, en) = unreadable(&pdf("seed-linzi-yingji-2020-user-password.pdf"));
    assert!(zh.contains("打开密码"), "{zh}");
    assert!(en.contains("password-protected"), "{en}");
    let out = check_bytes(
        &pdf("seed-linzi-yingji-2020-user-password.pdf"),
        &opts(),
        None,
    );
    let help = out.diagnostics[0].help_zh.clone().unwrap_or_default();
    assert!(help.contains("另存为不带密码保护的副本"), "{help}");
    // The same for RC4: the rc4-128 file's /U with another /ID (the key
    // changes, so the empty password no longer matches).
    let mut other_id = pdf("seed-linzi-yingji-2020-rc4-128.pdf");
    let at = other_id
        .windows(6)
        .rposition(|w| w == b"/ID [<")
        .expect("/ID");
    other_id[at + 6] = if other_id[at + 6] == b'0' { b'1' } else { b'0' };
    let (zh, _) = unreadable(&other_id);
    assert!(zh.contains("打开密码"), "{zh}");
}

#[test]
fn damaged_encrypted_files_end_in_a_diagnostic_or_a_report() {
    // Cut short anywhere, or with bytes of the /Encrypt dictionary and the
    // encrypted data changed: one diagnostic or a report, never a panic.
    for name in [
        "seed-linzi-yingji-2020-aes-256.pdf",
        "seed-linzi-yingji-2020-rc4-40.pdf",
        "seed-linzi-yingji-2020-aes-128-objstm.pdf",
    ] {
        let full = pdf(name);
        for i in 1..=12 {
            let cut = full.len() * i / 13;
            let (zh, _) = unreadable(&full[..cut]);
            assert!(zh.contains("PDF"), "{name} cut {cut}: {zh}");
        }
        let enc = full
            .windows(18)
            .position(|w| w == b"/Filter /Standard ")
            .unwrap_or(0);
        let mut x: u32 = 12345;
        for _ in 0..16 {
            let mut bad = full.clone();
            for _ in 0..4 {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                // Half the changes in the dictionary, half anywhere.
                let at = if x % 2 == 0 {
                    enc + (x as usize >> 8) % 400
                } else {
                    (x as usize >> 8) % full.len()
                };
                if let Some(b) = bad.get_mut(at) {
                    *b = (x >> 16) as u8;
                }
            }
            let out = check_bytes(&bad, &opts(), None);
            assert!(!out.diagnostics.is_empty(), "{name}");
        }
    }
}

#[test]
fn unsupported_or_broken_encryption_says_so() {
    let page = one_page(b"BT /F1 12 Tf 72 700 Td (x) Tj ET");
    let o = format!("<{}>", "11".repeat(32));
    let cases = [
        // Another security handler (certificates).
        ("/Encrypt << /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /R 4 >>".to_string(), "数字证书", "certificates"),
        // An unknown version, an unknown crypt method.
        (format!("/Encrypt << /Filter /Standard /V 3 /R 3 /O {o} /U {o} /P -4 >>"), "不支持的加密版本", "version"),
        (format!("/Encrypt << /Filter /Standard /V 4 /R 4 /O {o} /U {o} /P -4 /CF << /StdCF << /CFM /ROT13 >> >> /StmF /StdCF >>"), "不支持的加密版本", "version"),
        (format!("/Encrypt << /Filter /Standard /V 2 /R 7 /O {o} /U {o} /P -4 >>"), "不支持的加密版本", "version"),
        // Damaged: /O and /U too short, a huge or odd /Length, keys
        // missing, no dictionary at all, an /Encrypt pointing nowhere.
        ("/Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>".to_string(), "加密信息已损坏", "damaged"),
        (format!("/Encrypt << /Filter /Standard /V 2 /R 3 /Length 99999999999999999999 /O {o} /U {o} /P -4 >>"), "加密信息已损坏", "damaged"),
        (format!("/Encrypt << /Filter /Standard /V 2 /R 3 /Length 41 /O {o} /U {o} /P -4 >>"), "加密信息已损坏", "damaged"),
        (format!("/Encrypt << /Filter /Standard /V 2 /R 3 /O {o} /U {o} >>"), "加密信息已损坏", "damaged"),
        (format!("/Encrypt << /Filter /Standard /V 5 /R 6 /O {o} /U {o} /P -4 >>"), "加密信息已损坏", "damaged"),
        ("/Encrypt << /V 2 /R 3 >>".to_string(), "加密信息已损坏", "damaged"),
        ("/Encrypt (garbage)".to_string(), "加密信息已损坏", "damaged"),
        ("/Encrypt 99 0 R".to_string(), "加密信息已损坏", "damaged"),
        ("/Encrypt 1 0 R".to_string(), "加密信息已损坏", "damaged"),
    ];
    for (extra, zh_want, en_want) in cases {
        let (zh, en) = unreadable(&make_pdf(&page, &extra));
        assert!(
            zh.contains("PDF 文件已加密") && zh.contains(zh_want),
            "{extra}: {zh}"
        );
        assert!(en.contains(en_want), "{extra}: {en}");
    }
}

#[test]
fn broken_xref_is_rebuilt_by_scanning() {
    let good = pdf("seed-linzi-yingji-2020.pdf");
    let reference = check_bytes(&good, &opts(), None);
    // startxref pointing nowhere, and every xref offset wrong.
    let mut bad = good.clone();
    let at = good
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("startxref");
    for b in &mut bad[at + 10..at + 14] {
        if b.is_ascii_digit() {
            *b = b'1';
        }
    }
    let out = check_bytes(&bad, &opts(), None);
    assert_eq!(findings(&out), findings(&reference));
    // No xref at all.
    let xref = good.windows(5).rposition(|w| w == b"xref\n").expect("xref");
    let mut none = good[..xref].to_vec();
    none.extend_from_slice(b"%%EOF\n");
    assert_eq!(
        findings(&check_bytes(&none, &opts(), None)),
        findings(&reference)
    );
}

#[test]
fn truncated_pdfs_say_so() {
    let full = pdf("seed-linzi-yingji-2020.pdf");
    for i in 1..=50 {
        let cut = full.len() * i / 51;
        let (zh, _) = unreadable(&full[..cut]);
        assert!(zh.contains("PDF"), "cut {cut}: {zh}");
    }
}

#[test]
fn not_a_pdf_and_pdf_like_junk() {
    for junk in [
        b"%PDF-1.7\n".to_vec(),
        b"%PDF-1.7\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec(),
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec(),
    ] {
        unreadable(&junk);
    }
}

#[test]
fn hostile_structures_end_in_a_diagnostic() {
    // Nesting 100,000 deep as the page's resources.
    let mut objs = one_page(b"BT /F1 12 Tf 72 700 Td (x) Tj ET");
    objs[2] = format!(
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources {} >>",
        "[".repeat(100_000)
    )
    .into_bytes();
    let out = check_bytes(&make_pdf(&objs, ""), &opts(), None);
    assert!(!out.diagnostics.is_empty());

    // A page tree that contains itself, and a /Prev chain that loops.
    let mut objs = one_page(b"BT /F1 12 Tf 72 700 Td (x) Tj ET");
    objs[1] = b"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1000000000 >>".to_vec();
    let (zh, _) = unreadable(&make_pdf(&objs, "/Prev 9"));
    assert!(zh.contains("页面"), "{zh}");

    // 3,000 pages (over the 2,000-page bound), all sharing one content.
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count 3000 >>",
            (0..3000).map(|_| "3 0 R").collect::<Vec<_>>().join(" ")
        )
        .into_bytes(),
    ];
    objs.push(b"<< /Type /Page /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec());
    objs.push(stream("", b"BT /F1 12 Tf 72 700 Td (x) Tj ET"));
    objs.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
    // The same page object 3,000 times is one page (seen once)…
    let out = check_bytes(&make_pdf(&objs, ""), &opts(), None);
    assert!(!out.diagnostics.is_empty());
    // …3,000 distinct page objects are over the bound.
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count 3000 >>",
            (0..3000)
                .map(|i| format!("{} 0 R", i + 5))
                .collect::<Vec<_>>()
                .join(" ")
        )
        .into_bytes(),
        stream("", b"BT /F1 12 Tf 72 700 Td (x) Tj ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    for _ in 0..3000 {
        objs.push(
            b"<< /Type /Page /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>".to_vec(),
        );
    }
    let (zh, _) = unreadable(&make_pdf(&objs, ""));
    assert!(zh.contains("页数超过 2000"), "{zh}");
}

#[test]
fn flate_bombs_stop_at_the_cap() {
    // A content stream of 40 MiB of spaces (≈ 40 kB compressed) is over
    // the per-stream cap; a 4 MiB form drawn 200 times runs out the
    // whole file's budget. Both end in a diagnostic.
    let big = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 40 << 20], 1);
    let mut objs = one_page(b"");
    objs[3] = stream("/Filter /FlateDecode", &big);
    let (zh, _) = unreadable(&make_pdf(&objs, ""));
    assert!(zh.contains("上限"), "{zh}");

    let form = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 4 << 20], 1);
    let mut objs = one_page(&b"/Fm1 Do ".repeat(200));
    objs[2] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Fm1 6 0 R >> >> >>".to_vec();
    objs[5] = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Filter /FlateDecode",
        &form,
    );
    // (The whole-file budget is 16 × limits.maxInputBytes, at most
    // 128 MiB: with a 1 MiB input limit, 16 MiB.)
    let small = Options {
        limits: Limits {
            max_input_bytes: 1 << 20,
            ..Limits::default()
        },
        ..Options::default()
    };
    let out = check_bytes(&make_pdf(&objs, ""), &small, None);
    assert_eq!(out.diagnostics.len(), 1);
    assert!(
        out.diagnostics[0].message_zh.contains("上限"),
        "{:?}",
        out.diagnostics
    );
}

// ------------------------------------------- tables without ruling lines

/// A PDF of pages of text in one Type0 font (Identity-H, CID = Unicode,
/// CJK glyphs 1 em wide, ASCII ½ em), each page given as its runs
/// `(x, top, size, text)` in points from the top left.
fn cjk_pdf(pages: &[Vec<(f64, f64, f64, String)>]) -> Vec<u8> {
    let n = pages.len();
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|i| format!("{} 0 R", 6 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [32 126 500] >>".to_vec(),
    ];
    let mut cmap = String::from("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
    for block in (0..256).collect::<Vec<u32>>().chunks(100) {
        cmap += &format!("{} beginbfrange\n", block.len());
        for hi in block {
            cmap += &format!("<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>\n");
        }
        cmap += "endbfrange\n";
    }
    cmap += "endcmap CMapName currentdict /CMap defineresource pop end end";
    objs.push(stream("", cmap.as_bytes()));
    for (i, runs) in pages.iter().enumerate() {
        objs.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R /Resources << /Font << /F1 3 0 R >> >> >>", 7 + 2 * i).into_bytes());
        let mut c = String::new();
        for (x, top, size, text) in runs {
            let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            c += &format!("BT /F1 {size} Tf {x} {} Td <{hex}> Tj ET\n", 842.0 - top);
        }
        objs.push(stream("", c.as_bytes()));
    }
    make_pdf(&objs, "")
}

/// Width of text in the [`cjk_pdf`] font.
fn width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum::<f64>()
        * size
}

const T3_COLS: [&str; 7] = [
    "natural",
    "commercial",
    "research",
    "nonprofit",
    "legal",
    "other",
    "total",
];

/// Table 3 of the 2021 format laid out without lines, as a Word table with
/// top-aligned cells: a group column (`（三）不予公开` on its first row),
/// labels wrapped over up to three lines at single spacing, a spanning
/// header over the seven columns with a header wrapped over two lines,
/// the table broken over two pages without a repeated header. `values`
/// gives each row's seven numbers by row id.
fn borderless_t3(values: &dyn Fn(&str) -> [u32; 7]) -> Vec<u8> {
    borderless_t3_laid(values, Some(14), false)
}

/// [`borderless_t3`] with page 2 starting at row `break_at` (`None`: all
/// on one page) and, with `furniture`, a running header at the top of
/// each page and its number (`- 1 -`) at the bottom.
fn borderless_t3_laid(
    values: &dyn Fn(&str) -> [u32; 7],
    break_at: Option<usize>,
    furniture: bool,
) -> Vec<u8> {
    let rows: [(&str, &str, &str); 25] = [
        ("", "一、本年新收政府信息公开申请数量", "new"),
        ("", "二、上年结转政府信息公开申请数量", "carried_in"),
        ("三、本年度办理结果", "（一）予以公开", "granted"),
        (
            "",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "partial",
        ),
        ("（三）不予公开", "1.属于国家秘密", "denied_secret"),
        ("", "2.其他法律行政法规禁止公开", "denied_law"),
        ("", "3.危及“三安全一稳定”", "denied_security"),
        ("", "4.保护第三方合法权益", "denied_third_party"),
        ("", "5.属于三类内部事务信息", "denied_internal"),
        ("", "6.属于四类过程性信息", "denied_process"),
        ("", "7.属于行政执法案卷", "denied_enforcement"),
        ("", "8.属于行政查询事项", "denied_inquiry"),
        (
            "（四）无法提供",
            "1.本机关不掌握相关政府信息",
            "unable_no_info",
        ),
        ("", "2.没有现成信息需要另行制作", "unable_need_creation"),
        ("", "3.补正后申请内容仍不明确", "unable_unclear"),
        (
            "（五）不予处理",
            "1.信访举报投诉类申请",
            "rejected_petition",
        ),
        ("", "2.重复申请", "rejected_duplicate"),
        ("", "3.要求提供公开出版物", "rejected_publication"),
        ("", "4.无正当理由大量反复申请", "rejected_massive"),
        (
            "",
            "5.要求行政机关确认或重新出具已获取信息",
            "rejected_confirmation",
        ),
        (
            "（六）其他处理",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "other_no_correction",
        ),
        (
            "",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "other_unpaid_fee",
        ),
        ("", "3.其他", "other_other"),
        ("", "（七）总计", "results_total"),
        ("", "四、结转下年度继续办理", "carried_out"),
    ];
    let size = 7.0;
    let (col_a, col_b, first, step) = (40.0, 115.0, 256.0, 45.0);
    let center = |k: usize| first + step * k as f64;
    let mut pages = vec![Vec::new(), Vec::new()];
    let put = |p: &mut Vec<(f64, f64, f64, String)>, x: f64, y: f64, s: f64, t: &str| {
        p.push((x, y, s, t.to_string()))
    };
    let p1 = &mut pages[0];
    put(p1, 40.0, 60.0, 10.0, "某某局2021年政府信息公开工作年度报告");
    put(p1, 40.0, 90.0, size, "三、收到和处理政府信息公开申请情况");
    let head = "申请人情况（自然人、法人或其他组织）";
    let mid = (center(0) + center(6)) / 2.0;
    put(p1, mid - width(head, size) / 2.0, 110.0, size, head);
    let names = [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益|组织",
        "法律服务|机构",
        "其他",
        "总计",
    ];
    for (k, name) in names.iter().enumerate() {
        for (i, part) in name.split('|').enumerate() {
            put(
                p1,
                center(k) - width(part, size) / 2.0,
                124.0 + 12.0 * i as f64,
                size,
                part,
            );
        }
    }
    let mut y = 154.0;
    let mut page = 0;
    for (r, (group, label, id)) in rows.iter().enumerate() {
        if Some(r) == break_at {
            (page, y) = (1, 60.0);
        }
        let p = &mut pages[page];
        // Labels spanning both label columns (一、二、四、) wrap at 25
        // characters, the others at 15 in their column.
        let (x, wrap) = if group.is_empty() && !label.starts_with('（') && !label.contains('.') {
            (col_a, 25)
        } else {
            (col_b, 15)
        };
        let chars: Vec<char> = label.chars().collect();
        let lines: Vec<String> = chars.chunks(wrap).map(|c| c.iter().collect()).collect();
        for (i, l) in lines.iter().enumerate() {
            put(p, x, y + 12.0 * i as f64, size, l);
        }
        if !group.is_empty() {
            put(p, col_a, y, size, group);
        }
        for (k, v) in values(id).iter().enumerate() {
            let t = v.to_string();
            put(p, center(k) - width(&t, size) / 2.0, y, size, &t);
        }
        y += 12.0 * lines.len() as f64 + 4.0;
    }
    put(
        &mut pages[page],
        40.0,
        y + 20.0,
        size,
        "四、政府信息公开行政复议、行政诉讼情况",
    );
    put(&mut pages[page], 40.0, y + 32.0, size, "本年度未发生因政府信息公开申请行政复议、行政诉讼的情况，各项数据均为零，此处不再列表说明，特此报告。");
    pages.truncate(page + 1);
    if furniture {
        for (n, p) in pages.iter_mut().enumerate() {
            let head = "某某局政务公开专栏";
            put(p, 297.5 - width(head, 9.0) / 2.0, 30.0, 9.0, head);
            let number = format!("- {} -", n + 1);
            put(p, 297.5 - width(&number, 9.0) / 2.0, 800.0, 9.0, &number);
        }
    }
    cjk_pdf(&pages)
}

/// Consistent table 3 figures: 4 new requests, 3 granted, 1 not held.
fn t3_values(id: &str) -> [u32; 7] {
    match id {
        "new" | "results_total" => [3, 1, 0, 0, 0, 0, 4],
        "granted" => [2, 1, 0, 0, 0, 0, 3],
        "unable_no_info" => [1, 0, 0, 0, 0, 0, 1],
        _ => [0; 7],
    }
}

#[test]
fn borderless_table_of_another_shape_reads_and_a_changed_cell_is_found() {
    let out = check_bytes(&borderless_t3(&t3_values), &opts(), None);
    assert_eq!(out.report.source_kind, SourceKind::Pdf);
    assert_eq!(out.report.year, Some(2021));
    let t3 = out.report.table(TableId::T3).expect("table 3 read");
    assert_eq!(t3.format, Some(nianbao_check::model::Format::F2021));
    // Every cell of the 25 rows, each with the figure laid out for it.
    let got = cells(&out.report);
    let mut rows = 0;
    for row in nianbao_check::model::ids::T3_ROWS_2021 {
        let want = t3_values(row.id);
        for (col, v) in T3_COLS.iter().zip(want) {
            let key = format!("t3.{}.{col}", row.id);
            assert_eq!(got.get(&key), Some(&v.to_string()), "{key}");
        }
        rows += 1;
    }
    assert_eq!(rows, 25);
    assert!(
        !out.diagnostics.iter().any(|d| d.rule.starts_with("t3/")),
        "{:?}",
        findings(&out)
    );
    // Labels wrapped over two and three lines read whole, the group label
    // as a cell over its rows, the header wrapped over two lines whole;
    // the part on page 2 is a grid of its own.
    let doc = read_pdf(&borderless_t3(&t3_values), &Limits::default()).expect("reads");
    let grids: Vec<_> = doc.tables().collect();
    assert_eq!(grids.len(), 2);
    assert_eq!(grids[1].source.page, Some(2));
    let texts: Vec<Vec<&str>> = grids
        .iter()
        .flat_map(|g| &g.rows)
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect();
    let row_of = |label: &str| {
        texts
            .iter()
            .find(|r| r.contains(&label))
            .unwrap_or_else(|| panic!("{label}: {texts:?}"))
    };
    assert_eq!(
        row_of("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")[0],
        "三、本年度办理结果"
    );
    assert_eq!(
        row_of("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")[0],
        "（六）其他处理"
    );
    assert_eq!(row_of("2.重复申请")[0], "（五）不予处理");
    assert!(row_of("社会公益组织").contains(&"法律服务机构"));
    // 商业企业 granted 1 → 7: the row's total and the column's 总计 no
    // longer add up.
    let changed = |id: &str| {
        let mut v = t3_values(id);
        if id == "granted" {
            v[1] = 7;
        }
        v
    };
    let mutated = check_bytes(&borderless_t3(&changed), &opts(), None);
    let before = findings(&out);
    let new: Vec<(String, String)> = findings(&mutated)
        .into_iter()
        .filter(|f| !before.contains(f))
        .map(|f| (f.0, f.1.first().cloned().unwrap_or_default()))
        .collect();
    assert_eq!(
        new,
        vec![
            (
                "t3/results-total".to_string(),
                "t3.results_total.commercial".to_string()
            ),
            ("t3/row-total".to_string(), "t3.granted.total".to_string()),
        ]
    );
}

#[test]
fn page_numbers_and_running_headers_do_not_cut_a_table_without_lines() {
    // Table 3 on one page, and over two pages with a running header at the
    // top of each page and the page number at the bottom.
    let one = check_bytes(&borderless_t3_laid(&t3_values, None, false), &opts(), None);
    let bytes = borderless_t3_laid(&t3_values, Some(14), true);
    let two = check_bytes(&bytes, &opts(), None);
    assert_eq!(cells(&two.report), cells(&one.report));
    assert_eq!(findings(&two), findings(&one));
    assert!(two.report.table(TableId::T3).is_some());
    // The part on page 2 goes on from the part on page 1: its grid is the
    // one read without the header and footer, and neither is a row or a
    // paragraph.
    let doc = read_pdf(&bytes, &Limits::default()).expect("reads");
    let plain = read_pdf(&borderless_t3(&t3_values), &Limits::default()).expect("reads");
    let texts = |d: &nianbao_check::read::Document| -> Vec<Vec<Vec<String>>> {
        d.tables()
            .map(|g| {
                g.rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.text.clone()).collect())
                    .collect()
            })
            .collect()
    };
    assert_eq!(texts(&doc).len(), 2);
    assert_eq!(texts(&doc), texts(&plain));
    let paras = |d: &nianbao_check::read::Document| -> Vec<String> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { text, .. } => Some(text.clone()),
                Block::Table(_) => None,
            })
            .collect()
    };
    assert_eq!(paras(&doc), paras(&plain));
}

#[test]
fn prose_with_numbers_and_two_columns_is_not_a_table() {
    // Two columns of prose full of figures, then a numbered list with
    // figures, then three lines of prose each with a wide gap.
    let left = [
        "2021年共收到申请12件，办结11件，",
        "结转1件；其中自然人申请10件、法人",
        "申请2件。公开答复8件，部分公开1件，",
        "无法提供2件，均在法定期限内答复。",
    ];
    let right = [
        "全年主动公开政府信息356条，其中",
        "规范性文件7件、政策解读15篇，召开",
        "新闻发布会3场，回应关切20次，网站",
        "访问量达12万人次，同比增长5%。",
    ];
    let mut page = Vec::new();
    for (i, (l, r)) in left.iter().zip(right).enumerate() {
        let y = 100.0 + 14.0 * i as f64;
        page.push((40.0, y, 10.0, l.to_string()));
        page.push((310.0, y, 10.0, r.to_string()));
    }
    for (i, t) in ["1. 收到申请 12 件", "2. 办结 11 件", "3. 结转 1 件"]
        .iter()
        .enumerate()
    {
        page.push((60.0, 180.0 + 14.0 * i as f64, 10.0, t.to_string()));
    }
    for (i, (a, b)) in [
        ("第一季度 3 件", "第二季度 4 件"),
        ("第三季度 2 件", "第四季度 3 件"),
        ("合计 12 件", "同比 +2 件"),
    ]
    .iter()
    .enumerate()
    {
        let y = 240.0 + 14.0 * i as f64;
        page.push((60.0, y, 10.0, a.to_string()));
        page.push((260.0, y, 10.0, b.to_string()));
    }
    // A list of figures set out with tab stops: label, number, unit — one
    // column of numbers is not evidence of a table.
    for (i, (l, n)) in [
        ("收到申请", "12"),
        ("办结", "11"),
        ("结转", "1"),
        ("答复", "10"),
    ]
    .iter()
    .enumerate()
    {
        let y = 300.0 + 14.0 * i as f64;
        page.push((60.0, y, 10.0, l.to_string()));
        page.push((200.0, y, 10.0, n.to_string()));
        page.push((240.0, y, 10.0, "件".to_string()));
    }
    let doc = read_pdf(&cjk_pdf(&[page]), &Limits::default()).expect("reads");
    assert_eq!(doc.tables().count(), 0);
    let text: String = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { text, .. } => Some(text.as_str()),
            Block::Table(_) => None,
        })
        .collect();
    for s in [
        "办结11件",
        "访问量达12万人次",
        "结转 1 件",
        "同比 +2 件",
        "收到申请 12 件",
    ] {
        assert!(text.contains(s), "{s}: {text}");
    }
}

#[test]
fn many_pages_of_aligned_figures_stay_bounded() {
    // 100 pages of 60 lines of 8 figures in columns, no lines drawn: a
    // table per page (regions are cut at 2,000 lines), quickly; the cell
    // limit holds.
    let page: Vec<(f64, f64, f64, String)> = (0..60)
        .flat_map(|i| {
            (0..8).map(move |k| {
                (
                    60.0 + 60.0 * f64::from(k),
                    60.0 + 12.0 * f64::from(i),
                    10.0,
                    format!("{}", i * k),
                )
            })
        })
        .collect();
    let bytes = cjk_pdf(&vec![page; 100]);
    let t = std::time::Instant::now();
    let doc = read_pdf(&bytes, &Limits::default()).expect("reads");
    assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
    // One grid per page, and one more where a region is cut.
    assert!((100..=104).contains(&doc.tables().count()));
    assert_eq!(doc.tables().map(|g| g.rows.len()).sum::<usize>(), 6000);
    assert!(doc.tables().flat_map(|g| &g.rows).all(|r| r.len() == 8));
    // With a cell limit below the figures: the too-complex diagnostic.
    let small = Limits {
        max_cells: 1000,
        ..Limits::default()
    };
    assert_eq!(
        read_pdf(&bytes, &small).err().map(|e| e.code()),
        Some("pdf-too-complex")
    );
}
