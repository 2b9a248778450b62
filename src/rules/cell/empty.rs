//! `cell/empty` — a value cell without a number.
//!
//! **What it checks**: value cells that are blank or hold a placeholder
//! (无, —, /, 不适用). Findings are grouped: columns left wholly blank are one
//! finding per table, rows wholly blank another, scattered cells one each (or
//! one per table when there are many). A blank **total** whose operands hold
//! numbers is reported on its own, with the value it would have.
//!
//! **Why**: the format asks for a number in every cell, 0 included. In sums,
//! blank operands count as 0 when another operand is a number (Shanghai 2019
//! leaves zeros blank) and the sum's finding says so; a blank total is not
//! compared.
//!
//! **Example**: 表三“（七）总计”行“总计”列 blank while the outcomes add up
//! to 34 → warning, expected 34.
//!
//! **Source**: the format; counting rule from format.md §6.

use crate::diagnostic::labels::{column_en, column_zh, row_en_short, row_zh_short};
use crate::diagnostic::{CellRef, Diagnostic, Severity};
use crate::model::{Cell, Table};
use crate::rules::sums::{evaluate, relations, Eval, SumKind};
use crate::rules::{Ctx, Rule};
use std::collections::BTreeMap;

pub static RULE: Rule = Rule {
    id: "cell/empty",
    severity: Severity::Warning,
    title_zh: "单元格未填数字",
    title_en: "Cell has no number",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "数值单元格为空或填写了“无”“—”“/”等。求和时，只要有其他加数是数字，空白按0计；总计为空时不比较，并给出按各项计算应填的数。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "A value cell is blank or holds a placeholder. In sums, blanks count as 0 when another operand is a number; a blank total is not compared and the value it would have is given.",
    check,
};

/// Individual blank cells above this count in one table are grouped.
const SCATTERED_MAX: usize = 5;

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut done: Vec<*const Cell> = Vec::new();
    // Blank totals with a would-be value.
    for kind in [SumKind::ResultsTotal, SumKind::RowTotal, SumKind::T4Total] {
        for rel in relations(ctx, kind) {
            if let Eval::TotalEmpty { would_be, .. } = evaluate(rel, ctx.empty_policy()) {
                let c = rel.lhs[0];
                if done.contains(&(c as *const Cell)) {
                    continue;
                }
                done.push(c);
                out.push(
                    Diagnostic::new(
                        RULE.id,
                        RULE.severity,
                        format!(
                            "{}未填写数字{}；按各项计算应为{would_be}。",
                            ctx.cell_zh(c),
                            shown(c)
                        ),
                        format!(
                            "{} has no number{}; its parts add up to {would_be}.",
                            ctx.cell_en(c),
                            shown_en(c)
                        ),
                    )
                    .cells(vec![ctx.cell_ref(c)])
                    .values(Some(would_be), None)
                    .help(format!("请填写{would_be}。"), format!("Write {would_be}."))
                    .finish("total"),
                );
            }
        }
    }
    for table in &ctx.report.tables {
        let blanks: Vec<&Cell> = table
            .cells
            .iter()
            .filter(|c| c.state().is_blank() && !done.contains(&(*c as *const Cell)))
            .collect();
        if blanks.is_empty() {
            continue;
        }
        group(ctx, table, blanks, out);
    }
}

fn group(ctx: &Ctx, table: &Table, blanks: Vec<&Cell>, out: &mut Vec<Diagnostic>) {
    let f = ctx.table_format(table);
    let tid = table.id;
    let is_blank = |c: &&Cell| blanks.iter().any(|b| std::ptr::eq(*b, *c));
    // Whole columns (per block in table 2).
    let mut by_col: BTreeMap<(Option<&str>, &str), Vec<&Cell>> = BTreeMap::new();
    for c in &table.cells {
        by_col.entry((c.block, c.column)).or_default().push(c);
    }
    let mut taken: Vec<&Cell> = Vec::new();
    let mut cols = Vec::new();
    for ((b, col), cells) in &by_col {
        if cells.len() >= 2 && cells.iter().all(is_blank) {
            cols.push((*b, *col, cells.len()));
            taken.extend(cells.iter().copied());
        }
    }
    if !cols.is_empty() {
        let n: usize = cols.iter().map(|c| c.2).sum();
        let names_zh: Vec<String> = cols
            .iter()
            .map(|(b, c, _)| format!("“{}”", column_zh(tid, f, *b, c)))
            .collect();
        let names_en: Vec<String> = cols
            .iter()
            .map(|(b, c, _)| format!("\"{}\"", column_en(tid, f, *b, c)))
            .collect();
        let cells = cols
            .iter()
            .map(|(b, c, _)| {
                CellRef::place(
                    tid,
                    *b,
                    "*",
                    Some(c),
                    format!("{}“{}”列", tid.zh(), column_zh(tid, f, *b, c)),
                )
            })
            .collect();
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!(
                    "{}{}共{}列全部空白（{}个单元格）。",
                    tid.zh(),
                    names_zh.join(""),
                    cols.len(),
                    n
                ),
                format!(
                    "{}: column{} {} {} entirely blank ({} cells).",
                    tid.en(),
                    if cols.len() == 1 { "" } else { "s" },
                    names_en.join(", "),
                    if cols.len() == 1 { "is" } else { "are" },
                    n
                ),
            )
            .cells(cells)
            .help(
                "没有数据的单元格请填0。".into(),
                "Write 0 where there is nothing to report.".into(),
            )
            .finish("columns"),
        );
    }
    // Whole rows.
    let rest: Vec<&Cell> = blanks
        .iter()
        .copied()
        .filter(|c| !taken.iter().any(|t| std::ptr::eq(*t, *c)))
        .collect();
    let mut by_row: BTreeMap<(Option<&str>, &str), Vec<&Cell>> = BTreeMap::new();
    for c in &table.cells {
        by_row.entry((c.block, c.row)).or_default().push(c);
    }
    let mut rows = Vec::new();
    for ((b, r), cells) in &by_row {
        let left: Vec<&&Cell> = cells
            .iter()
            .filter(|c| rest.iter().any(|x| std::ptr::eq(*x, **c)))
            .collect();
        if cells.len() >= 2 && left.len() == cells.len() {
            rows.push((*b, *r, cells.len()));
            taken.extend(cells.iter().copied());
        }
    }
    if !rows.is_empty() {
        let n: usize = rows.iter().map(|r| r.2).sum();
        let names_zh: Vec<String> = rows
            .iter()
            .map(|(b, r, _)| format!("“{}”", row_zh_short(tid, f, *b, r)))
            .collect();
        let names_en: Vec<String> = rows
            .iter()
            .map(|(b, r, _)| format!("\"{}\"", row_en_short(tid, f, *b, r)))
            .collect();
        let cells = rows
            .iter()
            .map(|(b, r, _)| {
                CellRef::place(
                    tid,
                    *b,
                    r,
                    None,
                    format!("{}“{}”行", tid.zh(), row_zh_short(tid, f, *b, r)),
                )
            })
            .collect();
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!(
                    "{}{}共{}行全部空白（{}个单元格）。",
                    tid.zh(),
                    names_zh.join(""),
                    rows.len(),
                    n
                ),
                format!(
                    "{}: row{} {} entirely blank ({} cells).",
                    tid.en(),
                    if rows.len() == 1 { "" } else { "s" },
                    names_en.join(", "),
                    n
                ),
            )
            .cells(cells)
            .help(
                "没有数据的单元格请填0。".into(),
                "Write 0 where there is nothing to report.".into(),
            )
            .finish("rows"),
        );
    }
    let scattered: Vec<&Cell> = blanks
        .iter()
        .copied()
        .filter(|c| !taken.iter().any(|t| std::ptr::eq(*t, *c)))
        .collect();
    if scattered.len() > SCATTERED_MAX {
        let refs: Vec<CellRef> = scattered.iter().map(|c| ctx.cell_ref(c)).collect();
        let first: Vec<String> = scattered.iter().take(3).map(|c| ctx.cell_zh(c)).collect();
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!(
                    "{}有{}个单元格未填写数字，如{}等；求和时按0计。",
                    tid.zh(),
                    scattered.len(),
                    first.join("、")
                ),
                format!(
                    "{}: {} cells have no number; sums count them as 0.",
                    tid.en(),
                    scattered.len()
                ),
            )
            .cells(refs)
            .help(
                "没有数据的单元格请填0。".into(),
                "Write 0 where there is nothing to report.".into(),
            )
            .finish("cells"),
        );
    } else {
        for c in scattered {
            out.push(
                Diagnostic::new(
                    RULE.id,
                    RULE.severity,
                    format!("{}未填写数字{}；求和时按0计。", ctx.cell_zh(c), shown(c)),
                    format!(
                        "{} has no number{}; sums count it as 0.",
                        ctx.cell_en(c),
                        shown_en(c)
                    ),
                )
                .cells(vec![ctx.cell_ref(c)])
                .help(
                    "没有数据请填0。".into(),
                    "Write 0 if there is nothing to report.".into(),
                )
                .finish(""),
            );
        }
    }
}

fn shown(c: &Cell) -> String {
    let t = c.raw.trim();
    if t.is_empty() || c.state() == crate::model::CellState::Empty {
        String::new()
    } else {
        format!("（填写为“{t}”）")
    }
}
fn shown_en(c: &Cell) -> String {
    let t = c.raw.trim();
    if t.is_empty() || c.state() == crate::model::CellState::Empty {
        String::new()
    } else {
        format!(" (it says \"{t}\")")
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::{json, Value};

    #[test]
    fn blank_total_gets_would_be_value() {
        for f in BOTH {
            let mut v = base(f);
            assert!(of(&run(&v), "cell/empty").is_empty());
            let want = v["tables"]["t3"]["results_total"]["natural"].clone();
            set(&mut v, "t3/results_total/natural", json!("无"));
            let d = run(&v);
            let e = of(&d, "cell/empty");
            assert_eq!(e.len(), 1, "{e:#?}");
            assert_eq!(e[0].expected.unwrap().to_string(), want.to_string());
            assert!(e[0].message_zh.contains("按各项计算应为"));
            assert!(
                of(&d, "t3/results-total").is_empty() && of(&d, "t3/balance").is_empty(),
                "blank total not compared"
            );
        }
    }

    #[test]
    fn whole_columns_are_one_finding() {
        let mut v = base(crate::Format::F2021);
        let rows: Vec<String> = v["tables"]["t3"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        for r in &rows {
            for c in ["commercial", "research", "nonprofit", "legal", "other"] {
                set(&mut v, &format!("t3/{r}/{c}"), Value::Null);
            }
            let n = v["tables"]["t3"][r]["natural"].clone();
            set(&mut v, &format!("t3/{r}/total"), n);
        }
        let d = run(&v);
        let e = of(&d, "cell/empty");
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(
            e[0].message_zh.contains("共5列全部空白（125个单元格）"),
            "{}",
            e[0].message_zh
        );
        assert!(of(&d, "t3/row-total").is_empty(), "blanks count as 0");
    }
}
