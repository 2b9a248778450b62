//! `structure/column-missing` — a required column not found.
//!
//! **What it checks**: every row read has all of its table's columns
//! (table 3: seven; table 4: fifteen; table 2: its block's columns), and
//! reports where the reader found fewer cells than columns.
//!
//! **Why**: a lost column shifts or drops numbers; checking sums over it
//! would give findings that come from reading, not from the report.
//!
//! **Example**: a Markdown table 4 whose header lost cells.
//!
//! **Source**: the format.

use crate::diagnostic::labels::{column_en, column_zh, row_label_en, row_label_zh};
use crate::diagnostic::{CellRef, Diagnostic, Severity};
use crate::model::ids;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "structure/column-missing",
    severity: Severity::Error,
    title_zh: "缺少表格列",
    title_en: "Column missing",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "表格的某一行缺少格式要求的列。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "A row lacks a column the format requires.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for t in &ctx.report.tables {
        let f = ctx.table_format(t);
        let layout = ids::layout(t.id, f);
        // A row's places are next to each other in the layout (tested in
        // model::ids): one pass, row by row.
        for places in ids::layout_rows(&layout) {
            let (b, r) = (places[0].0, places[0].1);
            if !ctx.has_row(t.id, b, r) {
                continue;
            }
            let missing: Vec<&str> = places
                .iter()
                .filter(|(_, _, c, _)| ctx.cell(t.id, b, r, c).is_none())
                .map(|x| x.2)
                .collect();
            if missing.is_empty() {
                continue;
            }
            let zh_cols: Vec<String> = missing
                .iter()
                .map(|c| format!("“{}”", column_zh(t.id, f, b, c)))
                .collect();
            let en_cols: Vec<String> = missing
                .iter()
                .map(|c| format!("\"{}\"", column_en(t.id, f, b, c)))
                .collect();
            let rz = row_label_zh(t.id, f, b, r);
            out.push(
                Diagnostic::new(
                    RULE.id,
                    RULE.severity,
                    format!("{rz}缺少{}列。", zh_cols.join("")),
                    format!(
                        "{} lacks column{} {}.",
                        row_label_en(t.id, f, b, r),
                        if missing.len() == 1 { "" } else { "s" },
                        en_cols.join(", ")
                    ),
                )
                .cells(
                    missing
                        .iter()
                        .map(|c| {
                            CellRef::place(
                                t.id,
                                b,
                                r,
                                Some(c),
                                format!("{rz}“{}”列", column_zh(t.id, f, b, c)),
                            )
                        })
                        .collect(),
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
            assert!(of(&run(&v), "structure/column-missing").is_empty());
            remove(&mut v, "t3/new/legal");
            remove(&mut v, "t3/new/other");
            let d = run(&v);
            let m = of(&d, "structure/column-missing");
            assert_eq!(m.len(), 1);
            assert_eq!(m[0].cells.len(), 2);
            assert!(
                of(&d, "t3/row-total").is_empty(),
                "not compared over a missing cell"
            );
        }
    }
}
