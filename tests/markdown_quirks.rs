//! Markdown from PDF conversion and OCR: the quirks of the corpus, each in
//! a small report of its own.

use nianbao_check::model::TableId;
use nianbao_check::{check, detect, InputKind, Options, Output};

const ROWS: &[(&str, [u32; 7])] = &[
    ("一、本年新收政府信息公开申请数量", [10, 2, 0, 0, 0, 0, 12]),
    ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ("（一）予以公开", [6, 1, 0, 0, 0, 0, 7]),
    (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        [1, 0, 0, 0, 0, 0, 1],
    ),
    ("1.属于国家秘密", [0; 7]),
    ("2.其他法律行政法规禁止公开", [0; 7]),
    ("3.危及“三安全一稳定”", [0; 7]),
    ("4.保护第三方合法权益", [0; 7]),
    ("5.属于三类内部事务信息", [0; 7]),
    ("6.属于四类过程性信息", [0; 7]),
    ("7.属于行政执法案卷", [0; 7]),
    ("8.属于行政查询事项", [0; 7]),
    ("1.本机关不掌握相关政府信息", [2, 1, 0, 0, 0, 0, 3]),
    ("2.没有现成信息需要另行制作", [0; 7]),
    ("3.补正后申请内容仍不明确", [0; 7]),
    ("1.信访举报投诉类申请", [0; 7]),
    ("2.重复申请", [0; 7]),
    ("3.要求提供公开出版物", [0; 7]),
    ("4.无正当理由大量反复申请", [0; 7]),
    ("5.要求行政机关确认或重新出具已获取信息", [0; 7]),
    (
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        [0; 7],
    ),
    (
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        [0; 7],
    ),
    ("3.其他", [1, 0, 0, 0, 0, 0, 1]),
    ("（七）总计", [10, 2, 0, 0, 0, 0, 12]),
    ("四、结转下年度继续办理", [1, 0, 0, 0, 0, 0, 1]),
];

fn row(label: &str, v: &[u32; 7]) -> String {
    let cells: Vec<String> = v.iter().map(u32::to_string).collect();
    format!("| {label} | {} |\n", cells.join(" | "))
}

const HEAD: &str = "2023 年某区政府信息公开工作\n年度报告\n\n一、总体情况\n概述。\n\n\
二、主动公开政府信息情况\n";
const T2: &str = "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n\
| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 5 | 1 | 20 |\n\n### 第二十条第（五）项\n\
| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政许可 | 120 |\n\n### 第二十条第（六）项\n\
| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政处罚 | 30 |\n| 行政强制 | 2 |\n\n\
### 第二十条第（八）项\n| 信息内容 | 本年收费金额（单位：万元） |\n|---|---|\n| 行政事业性收费 | 0 |\n\n";
const T3_HEAD: &str = "三、收到和处理政府信息公开申请情况\n\
| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n\
|---|---|---|---|---|---|---|---|\n";
const T4: &str = "\n四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n\
| 维持 | 纠正 | 结果 | 审结 | 总计 |\n|---|---|---|---|---|\n\
| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |\n\n\
五、存在的主要问题及改进情况\n问题。\n\n六、其他需要报告的事项\n本年度未收取信息处理费。\n";

fn run(input: &str) -> Output {
    assert_eq!(detect(input), InputKind::Markdown);
    check(input, &Options::default(), None)
}

fn rules(out: &Output) -> Vec<&'static str> {
    let mut r: Vec<&str> = out.diagnostics.iter().map(|d| d.rule).collect();
    r.sort();
    r
}

fn val(out: &Output, t: TableId, block: Option<&str>, row: &str, col: &str) -> Option<String> {
    let c = out.report.table(t)?.cell(block, row, col)?;
    c.value().map(|v| v.to_string())
}

#[test]
fn split_table_with_page_footer_and_title_over_two_lines() {
    let mut s = String::from(HEAD);
    s.push_str(T2);
    s.push_str(T3_HEAD);
    for (l, v) in &ROWS[..12] {
        s.push_str(&row(l, v));
    }
    s.push_str("— 3 —\n");
    for (l, v) in &ROWS[12..] {
        s.push_str(&row(l, v));
    }
    s.push_str(T4);
    let out = run(&s);
    assert_eq!(
        out.report.title.as_deref(),
        Some("2023 年某区政府信息公开工作年度报告")
    );
    assert_eq!(out.report.year, Some(2023));
    assert_eq!(
        out.report.table(TableId::T3).map(|t| t.cells.len()),
        Some(175)
    );
    assert_eq!(
        out.report.table(TableId::T2).map(|t| t.cells.len()),
        Some(10)
    );
    assert_eq!(
        val(&out, TableId::T4, None, "suit_direct", "total").as_deref(),
        Some("1")
    );
    let c = out
        .report
        .table(TableId::T3)
        .and_then(|t| t.cell(None, "unable_no_info", "total"))
        .expect("cell");
    let line = s
        .lines()
        .position(|l| l.contains("1.本机关不掌握相关政府信息"))
        .map(|i| i as u32 + 1);
    // Tables 0–3 are table 2's blocks; the footer split table 3 into 4 and 5.
    assert_eq!(
        (c.source.line, c.source.table, c.source.row, c.source.col),
        (line, Some(5), Some(0), Some(7))
    );
    let [a, b] = c.source.span.expect("span");
    assert_eq!(&s[a as usize..b as usize], "3");
    assert_eq!(rules(&out), Vec::<&str>::new());
}

#[test]
fn notes_in_number_cells_and_short_rows() {
    let mut s = String::from(HEAD);
    s.push_str(
        &T2.replace(
            "| 规章 | 0 | 0 | 0 |",
            "| 规章 | 22（其中修订 16 件） | 55（含自然失效 29 件） | 235 |",
        )
        .replace(
            "| 行政规范性文件 | 5 | 1 | 20 |",
            "| 行政规范性文件 | 34 | 189 |",
        ),
    );
    s.push_str(T3_HEAD);
    for (l, v) in ROWS {
        s.push_str(&row(l, v));
    }
    s.push_str(T4);
    let out = run(&s);
    assert_eq!(
        val(&out, TableId::T2, Some("item1"), "regulations", "issued").as_deref(),
        Some("22")
    );
    assert_eq!(
        val(&out, TableId::T2, Some("item1"), "regulations", "repealed").as_deref(),
        Some("55")
    );
    // A row that lost a cell is not spread over the columns.
    let t2 = out.report.table(TableId::T2).expect("t2");
    assert!(!t2.has_row(Some("item1"), "normative"));
    assert!(out
        .report
        .read_issues
        .iter()
        .any(|i| i.rule == "structure/row-unknown" && i.detail == "short:行政规范性文件|34|189"));
    // Said once, as a short row (not "not found", not an unknown row too).
    assert_eq!(
        rules(&out),
        [
            "cell/normalised",
            "cell/normalised",
            "structure/row-missing"
        ]
    );
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.rule == "structure/row-missing")
        .expect("row-missing");
    assert!(
        d.message_zh
            .contains("“行政规范性文件”行的单元格比表头少（读到“行政规范性文件|34|189”）"),
        "{}",
        d.message_zh
    );
}

#[test]
fn ocr_one_table_per_group_with_placeholder_columns() {
    let mut s = String::from(HEAD);
    s.push_str(T2);
    s.push_str("三、收到和处理政府信息公开申请情况\n");
    let groups: &[(&str, std::ops::Range<usize>)] = &[
        ("一、本年新收政府信息公开申请数量", 0..1),
        ("二、上年结转政府信息公开申请数量", 1..2),
        ("(一) 予以公开", 2..3),
        ("(二) 部分公开", 3..4),
        ("(三) 不予公开", 4..12),
        ("(四) 无法提供", 12..15),
        ("(五) 不予处理", 15..20),
        ("(六) 其他处理", 20..25),
    ];
    for (cap, range) in groups {
        s.push_str(&format!("\n### {cap}\n| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|\n"));
        for (l, v) in &ROWS[range.clone()] {
            // OCR drops the ordinal of 3.其他 only when the caption tells.
            s.push_str(&row(l, v));
        }
    }
    s.push_str(T4);
    let out = run(&s);
    assert_eq!(
        out.report.table(TableId::T3).map(|t| t.cells.len()),
        Some(175)
    );
    assert_eq!(
        val(&out, TableId::T3, None, "other_other", "natural").as_deref(),
        Some("1")
    );
    assert_eq!(rules(&out), Vec::<&str>::new());
}

#[test]
fn number_rows_without_labels_are_placed_only_when_unambiguous() {
    let mut s = String::from(HEAD);
    s.push_str(T2);
    s.push_str(T3_HEAD);
    for (l, v) in &ROWS[..3] {
        s.push_str(&row(l, v));
    }
    // The converter moved the label of 部分公开 above a label-less row.
    s.push_str("\n（二）部分公开（区分处理的，只计这一\n情形，不计其他情形）\n| | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n");
    // Two labels above one row of numbers: which is it? Not placed.
    s.push_str("\n1.属于国家秘密\n2.其他法律行政法规禁\n止公开\n| | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
    for (l, v) in &ROWS[6..] {
        s.push_str(&row(l, v));
    }
    s.push_str(T4);
    let out = run(&s);
    assert_eq!(
        val(&out, TableId::T3, None, "partial", "total").as_deref(),
        Some("1")
    );
    let t3 = out.report.table(TableId::T3).expect("t3");
    assert!(!t3.has_row(None, "denied_secret") && !t3.has_row(None, "denied_law"));
    assert_eq!(t3.extra_rows.len(), 1);
    assert_eq!(t3.extra_rows[0].label, "（无行名）");
    assert_eq!(
        rules(&out),
        [
            "structure/row-missing",
            "structure/row-missing",
            "structure/row-unknown"
        ]
    );
}

#[test]
fn number_rows_placed_by_elimination_between_placed_rows() {
    // As in shanghai-bgt-2025.md: the converter kept the numbers of
    // 5.要求行政机关确认… and 1.申请人无正当理由… but moved their labels out
    // (one keeps a fragment). Between 4.无正当理由大量反复申请 and 2.申请人逾期…
    // exactly two rows are missing, and two rows of numbers stand there.
    let mut s = String::from(HEAD);
    s.push_str(T2);
    s.push_str(T3_HEAD);
    for (l, v) in &ROWS[..19] {
        s.push_str(&row(l, v));
    }
    s.push_str("\n5.要求行政机关确认或重新出具\n已获取信息\n1.申请人无正当理由逾期不补正、\n");
    s.push_str("| | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
    s.push_str("| 行政机关不再处理其政府信息公 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n");
    let fixed: Vec<(&str, [u32; 7])> = ROWS[21..]
        .iter()
        .map(|(l, v)| match *l {
            "3.其他" => (*l, [0; 7]),
            _ => (*l, *v),
        })
        .collect();
    for (l, v) in &fixed {
        s.push_str(&row(l, v));
    }
    s.push_str(T4);
    let out = run(&s);
    assert_eq!(
        out.report.table(TableId::T3).map(|t| t.cells.len()),
        Some(175)
    );
    assert_eq!(
        val(&out, TableId::T3, None, "rejected_confirmation", "total").as_deref(),
        Some("0")
    );
    assert_eq!(
        val(&out, TableId::T3, None, "other_no_correction", "natural").as_deref(),
        Some("1")
    );
    assert_eq!(rules(&out), Vec::<&str>::new());
    // One row of numbers more than rows missing: nothing is placed.
    let s2 = s.replace(
        "| | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
        "| | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
    );
    let out = run(&s2);
    let t3 = out.report.table(TableId::T3).expect("t3");
    assert!(!t3.has_row(None, "rejected_confirmation") && !t3.has_row(None, "other_no_correction"));
    assert_eq!(t3.extra_rows.len(), 3);
}

#[test]
fn table_2_blocks_flattened_into_lines() {
    // As in both Shanghai reports: items 5, 6 and 8 came out as lines.
    let flat = "第二十条第（五）项\n信息内容本年处理决定数量\n行政许可 97\n第二十条第（六）项\n\
信息内容本年处理决定数量\n行政处罚 0\n行政强制 3\n第二十条第（八）项\n\
信息内容本年收费金额（单位：万元）\n行政事业性收费 1.5\n— 4 —\n";
    let t2 = "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n\
| 规章 | 0 | 0 | 0 |\n| 规范性文件 | 5 | 1 | 20 |\n\n";
    let mut s = String::from(HEAD);
    s.push_str(flat);
    s.push_str(t2);
    s.push_str(T3_HEAD);
    for (l, v) in ROWS {
        s.push_str(&row(l, v));
    }
    s.push_str(T4);
    let out = run(&s);
    assert_eq!(
        out.report.table(TableId::T2).map(|t| t.cells.len()),
        Some(10)
    );
    assert_eq!(
        val(&out, TableId::T2, Some("item5"), "licensing", "decisions").as_deref(),
        Some("97")
    );
    assert_eq!(
        val(&out, TableId::T2, Some("item6"), "coercion", "decisions").as_deref(),
        Some("3")
    );
    assert_eq!(
        val(&out, TableId::T2, Some("item8"), "fees", "amount").as_deref(),
        Some("1.5")
    );
    assert_eq!(
        val(&out, TableId::T2, Some("item1"), "normative", "in_force").as_deref(),
        Some("20")
    );
    let c = out
        .report
        .table(TableId::T2)
        .and_then(|t| t.cell(Some("item5"), "licensing", "decisions"))
        .expect("cell");
    let [a, b] = c.source.span.expect("span");
    assert_eq!(&s[a as usize..b as usize], "97");
    assert_eq!(rules(&out), Vec::<&str>::new());
}
