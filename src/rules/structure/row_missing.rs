//! `structure/row-missing` — a required row not found.
//!
//! **What it checks**: every row of the format's tables 2–4 is present
//! (table 3 in the report's format: 23 rows in 2019, 25 in 2021).
//!
//! **Why**: a missing row loses its numbers from every sum; it is usually a
//! paste that dropped a row or a label changed beyond recognition.
//!
//! **Example**: table 3 without “三、本年度办理结果（三）不予公开 8．属于行政查询事项”.
//!
//! **Source**: the format.

use crate::diagnostic::labels::row_zh_short;
use crate::diagnostic::{CellRef, Diagnostic, Severity};
use crate::model::ids;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "structure/row-missing",
    severity: Severity::Error,
    title_zh: "缺少表格行",
    title_en: "Row missing",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "表格中找不到格式要求的某一行。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "A row the format requires was not found in a table.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for t in &ctx.report.tables {
        if t.cells.is_empty() {
            // Nothing read at all: one finding for the table.
            out.push(
                Diagnostic::new(
                    RULE.id,
                    RULE.severity,
                    format!("{}中没有读到任何数据行。", t.id.zh()),
                    format!("{}: no data rows could be read.", t.id.en()),
                )
                .at(t.source.clone())
                .finish(t.id.as_str()),
            );
            continue;
        }
        let f = ctx.table_format(t);
        let mut missing = Vec::new();
        for places in ids::layout_rows(&ids::layout(t.id, f)) {
            let (b, r) = (places[0].0, places[0].1);
            if !ctx.has_row(t.id, b, r) {
                missing.push((b, r));
            }
        }
        for (b, r) in missing {
            let zh_label = crate::diagnostic::labels::row_label_zh(t.id, f, b, r);
            let en_label = crate::diagnostic::labels::row_label_en(t.id, f, b, r);
            // The row's label was found, but its numbers could not be placed.
            if let Some(i) = unplaced(ctx, t.id, b, r) {
                let cells = vec![CellRef::place(t.id, b, r, None, zh_label.clone())];
                let (zh, en, hz, he) = match i.detail.strip_prefix("short:") {
                    Some(read) => (
                        format!("{zh_label}的单元格比表头少（读到“{}”），无法确定各数字所属的列，未参与核对。", short(read)),
                        format!("{en_label} has fewer cells than its header (read \"{}\"): which column each number belongs to is unknown, and it was not checked.", short(read)),
                        "请检查该行是否有单元格丢失或被合并（常见于由 PDF 转换的表格），按表头逐列填写。",
                        "Check the row for lost or merged cells (common in tables converted from PDF) and fill it column by column.",
                    ),
                    None => (
                        format!("找到了{zh_label}，但所在表格没有可识别的表头，无法确定各数字所属的列，未参与核对。"),
                        format!("{en_label} was found, but its table has no recognisable header: which column each number belongs to is unknown, and it was not checked."),
                        "请保留格式规定的表头行。",
                        "Keep the header row the format has.",
                    ),
                };
                out.push(
                    Diagnostic::new(RULE.id, RULE.severity, zh, en)
                        .cells(cells)
                        .at(i.source.clone())
                        .help(hz.into(), he.into())
                        .finish(""),
                );
                continue;
            }
            out.push(
                Diagnostic::new(
                    RULE.id,
                    RULE.severity,
                    format!("未找到{zh_label}。"),
                    format!("{en_label} was not found."),
                )
                .cells(vec![CellRef::place(t.id, b, r, None, zh_label)])
                .help(
                    format!("请补上“{}”这一行。", row_zh_short(t.id, f, b, r)),
                    "Add the row as the format has it.".into(),
                )
                .finish(""),
            );
        }
    }
}

/// The reader's note for a row whose label was found but whose numbers
/// could not be placed (fewer cells than the header, or no header at all).
fn unplaced<'a>(
    ctx: &Ctx<'a>,
    table: crate::model::TableId,
    block: Option<&str>,
    row: &str,
) -> Option<&'a crate::model::ReadIssue> {
    ctx.report.read_issues.iter().find(|i| {
        i.is_unplaced_row() && i.table == Some(table) && i.block == block && i.row == Some(row)
    })
}

use crate::rules::cell::not_a_number::short;

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn fires_and_not() {
        for f in BOTH {
            let mut v = base(f);
            assert!(of(&run(&v), "structure/row-missing").is_empty());
            remove(&mut v, "t3/denied_inquiry");
            remove(&mut v, "t2/item6/coercion");
            let d = run(&v);
            let m = of(&d, "structure/row-missing");
            assert_eq!(m.len(), 2, "{m:#?}");
            assert!(m.iter().any(|x| x.message_zh.contains("属于行政查询事项")));
            assert!(m.iter().any(|x| x.message_zh.contains("行政强制")));
        }
    }

    /// A row that lost a cell (PDF conversion): found, but its numbers
    /// cannot be placed. Said once, as what it is, not as "not found".
    #[test]
    fn a_short_row_is_said_to_be_short() {
        let md = "某市2022年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n\
            | 第二十条第（一）项 | | | |\n|---|---|---|---|\n\
            | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
            | 规章 | 22 | 235 |\n| 行政规范性文件 | 1 | 0 | 34 |\n";
        let d = crate::check(md, &crate::Options::default(), None).diagnostics;
        let m: Vec<_> = of(&d, "structure/row-missing")
            .into_iter()
            .filter(|x| x.message_zh.contains("第（一）项"))
            .collect();
        assert_eq!(m.len(), 1, "{m:#?}");
        assert_eq!(
            m[0].message_zh,
            "表二第二十条第（一）项“规章”行的单元格比表头少（读到“规章|22|235”），无法确定各数字所属的列，未参与核对。"
        );
        assert_eq!(m[0].source.as_ref().and_then(|s| s.line), Some(8));
        assert!(
            !of(&d, "structure/row-unknown")
                .iter()
                .any(|x| x.message_zh.contains("规章")),
            "not reported a second time as an unknown row"
        );
    }
}
