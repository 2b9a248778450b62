//! The HTML reader on its own: text rules, implied end tags, nested and
//! layout tables, spans, caps and the cell budget, skipped content.

#![cfg(feature = "html")]

use nianbao_check::read::{html, Block, Document, Grid};
use nianbao_check::{read, InputKind, Limits, Options, TableId};
use std::time::Instant;

fn grids(doc: &Document) -> Vec<&Grid> {
    doc.tables().collect()
}

fn texts(g: &Grid) -> Vec<Vec<&str>> {
    g.rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect()
}

fn paras(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para { text, .. } => Some(text.as_str()),
            Block::Table(_) => None,
        })
        .collect()
}

#[test]
fn cell_text_rules() {
    let doc = html::read(
        "<table><tr>\
         <td><span>1</span><span>2</span></td>\
         <td><p>1</p><p></p></td>\
         <td><p>3</p><p>4</p></td>\
         <td>&nbsp;</td>\
         <td>\u{200b}</td>\
         <td><p>不予</p><p>公开</p></td>\
         <td>a&amp;b <o:p></o:p> c</td>\
         <td>22<br>（其中修订16件）</td>\
         </tr></table>",
    );
    let g = grids(&doc);
    assert_eq!(
        texts(g[0]),
        [[
            "12",
            "1",
            "34",
            "",
            "",
            "不予 公开",
            "a&b c",
            "22 （其中修订16件）"
        ]]
    );
}

#[test]
fn implied_end_tags_and_ordinals() {
    let input = "<table><tr><td>a<td>b<tr><th>c<td>d</table><p>after</p>";
    let doc = html::read(input);
    let g = grids(&doc);
    assert_eq!(texts(g[0]), [["a", "b"], ["c", "d"]]);
    let d = &g[0].rows[1][1];
    assert_eq!(d.source.ordinal, Some(3));
    let [a, b] = d.source.span.expect("span");
    assert_eq!(&input[a as usize..b as usize], "<td>d");
    assert_eq!(paras(&doc), ["after"]);
}

#[test]
fn nested_tables_are_separate_and_layout_cells_are_prose() {
    let input = "<table><tr><td><p>一、总体情况</p><p>正文</p>\
                 <table><tr><td>inner</td></tr></table><p>二、主动公开政府信息情况</p></td>\
                 <td>side</td></tr></table>";
    let doc = html::read(input);
    let g = grids(&doc);
    assert_eq!(g.len(), 2);
    // Document order: the outer table (index 0) comes first.
    assert_eq!((g[0].index, g[1].index), (0, 1));
    assert_eq!(texts(g[1]), [["inner"]]);
    let outer = &g[0].rows[0][0].text;
    assert!(!outer.contains("inner"), "{outer}");
    // The layout cell's paragraphs are prose, around the inner table.
    assert_eq!(
        paras(&doc),
        ["一、总体情况", "正文", "二、主动公开政府信息情况"]
    );
    let kinds: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| matches!(b, Block::Table(_)))
        .collect();
    assert_eq!(kinds, [true, false, false, true, false]);
}

#[test]
fn skipped_content() {
    let doc = html::read(
        "<html><head><title>某区2020年政府信息公开工作年度报告</title>\
         <style>td{x:1}</style><script>var s='<table><td>9</td>';</script></head>\
         <body><!-- <table><td>8</td></table> --><select><option>2019年报</option></select>\
         <noscript>no</noscript><p>正文</p></body></html>",
    );
    assert_eq!(grids(&doc).len(), 0);
    assert_eq!(paras(&doc), ["某区2020年政府信息公开工作年度报告", "正文"]);
}

#[test]
fn huge_spans_are_cheap() {
    let mut input = String::from("<table>");
    for _ in 0..1000 {
        input.push_str("<tr><td colspan=100000>x</td></tr>");
    }
    input.push_str("</table>");
    let t = Instant::now();
    let (doc, issues) = html::read_with(&input, &Limits::default());
    let g = grids(&doc);
    // Columns in which no cell starts collapse: one slot a row.
    assert_eq!(g[0].rows.len(), 1000);
    assert!(g[0].rows.iter().all(|r| r.len() == 1));
    assert!(issues.is_empty());
    // With rowspans too, every row's cell starts right of the one above:
    // the budget runs out, the reader says so and stops filling.
    let input = input.replace("colspan=100000", "colspan=100000 rowspan=100000");
    let (doc, issues) = html::read_with(&input, &Limits::default());
    let slots: usize = grids(&doc)[0].rows.iter().map(Vec::len).sum();
    assert!(slots <= 1000, "{slots}");
    assert_eq!(issues.len(), 1);
    eprintln!("huge spans read in {:?}", t.elapsed());
}

#[test]
fn over_budget_is_a_structure_issue() {
    let mut input = String::from("<table>");
    for _ in 0..100 {
        input.push_str("<tr><td>1</td><td>2</td><td>3</td></tr>");
    }
    input.push_str("</table>");
    let opts = Options {
        limits: Limits {
            max_cells: 50,
            ..Limits::default()
        },
        ..Options::default()
    };
    let report = read(&input, InputKind::Html, &opts).expect("reads");
    assert_eq!(report.read_issues.len(), 1);
    assert_eq!(report.read_issues[0].rule, "structure/row-unknown");
    let out = nianbao_check::check(&input, &opts, None);
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.rule == "structure/row-unknown" && d.message_zh.contains("上限")));
}

#[test]
fn deep_nesting_is_bounded() {
    let input = "<table><tr><td>".repeat(5000);
    let opts = Options {
        limits: Limits {
            max_depth: 64,
            ..Limits::default()
        },
        ..Options::default()
    };
    let (doc, _) = html::read_with(&input, &opts.limits);
    assert_eq!(grids(&doc).len(), 64);
}

#[test]
fn value_cell_maps_to_header_cell_covering_its_first_column() {
    // Header and value rows use different colspans (Shanghai 2019 table 2).
    let input = "<p>二、主动公开政府信息情况</p><table>\
        <tr><td colspan=8>第二十条第（一）项</td></tr>\
        <tr><td colspan=2>信息内容</td><td colspan=2>本年新制作数量</td>\
            <td colspan=2>本年新公开数量</td><td colspan=2>对外公开总数量</td></tr>\
        <tr><td colspan=3>规章</td><td>1</td><td colspan=2>2</td><td colspan=2>3</td></tr>\
        <tr><td colspan=2>规范性文件</td><td colspan=3>4</td><td>5</td><td colspan=2>6</td></tr>\
        </table>";
    let report = read(input, InputKind::Html, &Options::default()).expect("reads");
    let t2 = report.table(TableId::T2).expect("t2");
    let v = |r: &str, c: &str| {
        t2.cell(Some("item1"), r, c)
            .and_then(|c| c.value())
            .map(|v| v.to_string())
    };
    assert_eq!(v("regulations", "made").as_deref(), Some("1"));
    assert_eq!(v("regulations", "published").as_deref(), Some("2"));
    assert_eq!(v("regulations", "total_public").as_deref(), Some("3"));
    assert_eq!(v("normative", "made").as_deref(), Some("4"));
    assert_eq!(v("normative", "published").as_deref(), Some("5"));
    assert_eq!(v("normative", "total_public").as_deref(), Some("6"));
}

#[test]
fn bytes_over_the_limit_are_not_decoded() {
    let opts = Options {
        limits: Limits {
            max_input_bytes: 10,
            ..Limits::default()
        },
        ..Options::default()
    };
    let out = nianbao_check::check_bytes(b"<p>0123456789</p>", &opts, None);
    assert_eq!(out.diagnostics[0].rule, "input/unreadable");
}

#[test]
fn gbk_without_a_label_is_sniffed() {
    // 年度报告 in GBK, no <meta charset>: not UTF-8, so GB18030.
    let bytes = b"<p>2020\xc4\xea\xb6\xc8\xb1\xa8\xb8\xe6</p>";
    let (text, enc) = nianbao_check::decode(bytes).expect("decodes");
    assert_eq!((text.as_str(), enc), ("<p>2020年度报告</p>", "gb18030"));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>",
        "<tbody>",
        "<td colspan=0>",
        "<td colspan=99999>",
        "<td rowspan=0>",
        "<td rowspan=7>",
        "<td colspan=\"3\" rowspan=\"2\">",
        "1",
        "2",
        "22（其中修订16件）",
        "&nbsp;",
        "\u{200b}",
        "<p>",
        "</p>",
        "<br>",
        "<span>",
        "</span>",
        "<o:p></o:p>",
        "<!--[if !supportLists]-->",
        "<!--[endif]-->",
        "<script>",
        "</script>",
        "<title>",
        "</title>",
        "<head>",
        "</head>",
        "一、总体情况",
        "自然人",
        "商业企业",
        "（七）总计",
        "第二十条第（一）项",
        "行政复议",
        "结果维持",
        "<",
        ">",
        "&",
        "\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn any_tag_soup_reads_within_limits(ix in proptest::collection::vec(0..PIECES.len(), 0..400)) {
            let input: String = ix.iter().map(|&i| PIECES[i]).collect();
            let limits = Limits { max_cells: 5000, max_depth: 16, ..Limits::default() };
            let (doc, _) = html::read_with(&input, &limits);
            let slots: usize = doc.tables().map(|g| g.rows.iter().map(Vec::len).sum::<usize>()).sum();
            prop_assert!(slots <= 5000);
            for g in doc.tables() {
                for row in &g.rows {
                    for c in row {
                        let [a, b] = c.source.span.expect("span");
                        prop_assert!(a <= b && (b as usize) <= input.len());
                        prop_assert!(input.is_char_boundary(a as usize) && input.is_char_boundary(b as usize));
                    }
                }
            }
            let opts = Options { limits, ..Options::default() };
            let _ = nianbao_check::check(&input, &opts, None);
        }
    }
}
