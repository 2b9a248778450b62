//! One fixture per editor quirk (tests/fixtures/html/, written by
//! `make.py` in the markup each editor produces): the model the reader
//! builds, where each cell came from, and exactly the findings.

#![cfg(feature = "html")]

use nianbao_check::model::{CellState, Source, TableId};
use nianbao_check::{check, Options, Output};
use std::collections::BTreeSet;

fn run(name: &str) -> (String, Output) {
    let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let (text, _) = nianbao_check::decode(&bytes).expect("decodes");
    let out = check(&text, &Options::default(), None);
    (text, out)
}

fn findings(out: &Output) -> BTreeSet<String> {
    out.diagnostics
        .iter()
        .map(|d| {
            let cols: Vec<&str> = d.cells.iter().filter_map(|c| c.column).collect();
            format!("{} {}", d.rule, cols.first().copied().unwrap_or("-"))
        })
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn value(out: &Output, t: TableId, block: Option<&str>, row: &str, col: &str) -> Option<String> {
    let c = out.report.table(t)?.cell(block, row, col)?;
    Some(c.value().map(|v| v.to_string()).unwrap_or_default())
}

/// The cell's source points at its own `<td>…</td>` (or `<th>`) element.
fn assert_points_at_cell(input: &str, s: &Source) {
    let [a, b] = s.span.expect("span");
    let el = &input[a as usize..b as usize];
    assert!(el.starts_with("<td") || el.starts_with("<th"), "{el}");
    assert_eq!(
        el.matches("<td").count() + el.matches("<th").count(),
        1,
        "{el}"
    );
    let line = input[..a as usize].matches('\n').count() as u32 + 1;
    assert_eq!(s.line, Some(line));
}

fn all_cells_located(input: &str, out: &Output) {
    let mut ordinals = BTreeSet::new();
    for t in &out.report.tables {
        for c in &t.cells {
            assert_points_at_cell(input, &c.source);
            assert!(c.source.table.is_some() && c.source.row.is_some() && c.source.col.is_some());
            assert!(ordinals.insert(c.source.ordinal.expect("ordinal")));
        }
    }
}

fn complete(out: &Output) {
    assert_eq!(out.report.format.map(|f| f.as_str()), Some("2021"));
    assert_eq!(out.report.year, Some(2023));
    assert_eq!(out.report.sections.len(), 6, "{:?}", out.report.sections);
    assert_eq!(
        out.report.table(TableId::T2).map(|t| t.cells.len()),
        Some(10)
    );
    assert_eq!(
        out.report.table(TableId::T3).map(|t| t.cells.len()),
        Some(175)
    );
    assert_eq!(
        out.report.table(TableId::T4).map(|t| t.cells.len()),
        Some(15)
    );
}

#[test]
fn ueditor_split_digits_and_empty_paragraphs() {
    let (input, out) = run("ueditor-firstrow-split-digits.html");
    complete(&out);
    let t3 = out.report.table(TableId::T3).expect("t3");
    let c = t3.cell(None, "new", "natural").expect("new/natural");
    // <span>1</span><span>0</span> followed by <p><br/></p> reads 10.
    assert_eq!(
        (c.raw.as_str(), c.value().map(|v| v.to_string())),
        ("10", Some("10".into()))
    );
    assert_eq!(c.source.table, Some(1));
    all_cells_located(&input, &out);
    // The deliberate error: 行政复议 总计 2 where the parts add to 1.
    assert_eq!(findings(&out), set(&["t4/total total"]));
}

#[test]
fn kindeditor_nbsp_cell_and_spaced_label() {
    let (input, out) = run("kindeditor-nbsp-spaced-label.html");
    complete(&out);
    let t3 = out.report.table(TableId::T3).expect("t3");
    let c = t3.cell(None, "carried_out", "research").expect("cell");
    assert_eq!((c.raw.as_str(), c.state()), ("", CellState::Empty));
    // 商业 企业 is the commercial column.
    assert_eq!(
        value(&out, TableId::T3, None, "new", "commercial"),
        Some("2".into())
    );
    all_cells_located(&input, &out);
    assert_eq!(findings(&out), set(&["cell/empty research"]));
}

#[test]
fn tinymce_implied_end_tags_th_and_label_variants() {
    let (input, out) = run("tinymce-implied-end-tags.html");
    complete(&out);
    // 只计这一情况 (typo) and 1. (half width) still place the rows.
    assert_eq!(
        value(&out, TableId::T3, None, "partial", "natural"),
        Some("1".into())
    );
    assert_eq!(
        value(&out, TableId::T3, None, "unable_no_info", "total"),
        Some("3".into())
    );
    // Implicitly closed cells end where the next one starts.
    all_cells_located(&input, &out);
    assert_eq!(findings(&out), set(&[]));
}

#[test]
fn ckeditor_word_paste() {
    let (input, out) = run("ckeditor-word-paste.html");
    complete(&out);
    // Headings whose 一、 sits in Word's list span between conditional comments.
    assert_eq!(out.report.section(4).map(|s| s.ordinal), Some(4));
    assert_eq!(
        value(&out, TableId::T3, None, "denied_secret", "natural"),
        Some("0".into())
    );
    all_cells_located(&input, &out);
    // The deliberate error: （七）总计 自然人 11 where the rows add to 10.
    assert_eq!(
        findings(&out),
        set(&[
            "t3/balance natural",
            "t3/results-total natural",
            "t3/row-total total"
        ])
    );
}

#[test]
fn wangeditor_th_and_zero_width_ghost_cells() {
    let (input, out) = run("wangeditor-v5-ghost-cells.html");
    complete(&out);
    assert_eq!(
        value(&out, TableId::T4, None, "review", "total"),
        Some("1".into())
    );
    assert_eq!(
        value(&out, TableId::T4, None, "suit_direct", "pending"),
        Some("1".into())
    );
    all_cells_located(&input, &out);
    assert_eq!(findings(&out), set(&[]));
}

#[test]
fn word_save_as_web_page_in_gbk() {
    let path = format!(
        "{}/tests/fixtures/html/word-save-as-gbk.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).expect("fixture");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is GBK");
    let (_, enc) = nianbao_check::decode(&bytes).expect("decodes");
    assert_eq!(enc, "gb18030");
    let (input, out) = run("word-save-as-gbk.html");
    assert_eq!(
        out.report.title.as_deref(),
        Some("某区2023年政府信息公开工作年度报告")
    );
    complete(&out);
    // The extra row is kept and reported, not placed.
    let t2 = out.report.table(TableId::T2).expect("t2");
    assert_eq!(t2.extra_rows.len(), 1);
    assert_eq!(t2.extra_rows[0].label, "其他主动公开文件");
    all_cells_located(&input, &out);
    assert_eq!(findings(&out), set(&["structure/row-unknown -"]));
    // check_bytes does the same from bytes.
    let b = std::fs::read(format!(
        "{}/tests/fixtures/html/word-save-as-gbk.html",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let out2 = nianbao_check::check_bytes(&b, &Options::default(), None);
    assert_eq!(findings(&out2), findings(&out));
}

#[test]
fn whole_page_layout_table_and_split_tables() {
    let (input, out) = run("page-layout-split-tables.html");
    complete(&out);
    assert_eq!(
        out.report.title.as_deref(),
        Some("某区2023年政府信息公开工作年度报告_政府信息公开年报_某区人民政府")
    );
    // Table 2 as four tables: the blocks come from their own tables.
    let t2 = out.report.table(TableId::T2).expect("t2");
    let tables: BTreeSet<u32> = t2.cells.iter().filter_map(|c| c.source.table).collect();
    assert_eq!(tables.len(), 4);
    // Table 3 split in two with its header repeated: both halves read.
    let t3 = out.report.table(TableId::T3).expect("t3");
    let tables: BTreeSet<u32> = t3.cells.iter().filter_map(|c| c.source.table).collect();
    assert_eq!(tables.len(), 2);
    assert_eq!(
        value(&out, TableId::T3, None, "carried_out", "total"),
        Some("1".into())
    );
    all_cells_located(&input, &out);
    assert_eq!(findings(&out), set(&[]));
}

/// A row written twice (a paste that repeated the last row of table 3 with
/// other figures): the first one is read, the repeat is reported as
/// repeated content, never summed in or read over the first.
#[test]
fn a_repeated_table_3_row_keeps_the_first_and_reports_the_repeat() {
    let (text, before) = run("ckeditor-word-paste.html");
    let at = text.find("结转下年度继续办理").expect("the row");
    let start = text[..at].rfind("<tr").expect("its <tr>");
    let end = at + text[at..].find("</tr>").expect("its </tr>") + "</tr>".len();
    let row = &text[start..end];
    let repeat = row.replacen(">1<", ">9<", 1);
    assert_ne!(repeat, row, "the repeat has another figure");
    let doubled = format!("{}{row}{repeat}{}", &text[..start], &text[end..]);
    let after = check(&doubled, &Options::default(), None);
    let t3 = |o: &Output| {
        o.report
            .table(TableId::T3)
            .map(|t| {
                t.cells
                    .iter()
                    .map(|c| (c.row, c.column, c.raw.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        t3(&after),
        t3(&before),
        "the same cells, the first row's figures"
    );
    let repeated: Vec<&str> = after
        .diagnostics
        .iter()
        .filter(|d| d.rule == "structure/row-unknown")
        .map(|d| d.message_zh.as_str())
        .collect();
    assert_eq!(
        repeated.len(),
        7,
        "one per value of the repeated row: {repeated:?}"
    );
    assert!(repeated.iter().any(|m| m.contains("“9”")), "{repeated:?}");
}
