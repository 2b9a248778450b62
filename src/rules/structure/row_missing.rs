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
        let mut seen: Vec<(Option<&str>, &str)> = Vec::new();
        let mut missing = Vec::new();
        for (b, r, _, _) in ids::layout(t.id, f) {
            if seen.contains(&(b, r)) {
                continue;
            }
            seen.push((b, r));
            if !ctx.has_row(t.id, b, r) {
                missing.push((b, r));
            }
        }
        for (b, r) in missing {
            let zh_label = crate::diagnostic::labels::row_label_zh(t.id, f, b, r);
            let en_label = crate::diagnostic::labels::row_label_en(t.id, f, b, r);
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
}
