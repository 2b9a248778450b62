//! `structure/row-unknown` — an extra row.
//!
//! **What it checks**: rows the reader found in a table but that are not in
//! the format (provinces add some, e.g. Hubei's 其他主动公开文件), and cells
//! read twice for the same place.
//!
//! **Why**: extra rows are allowed but are not checked; the author should
//! know they are not part of any sum.
//!
//! **Example**: a row 其他主动公开文件 in table 2 → info.
//!
//! **Source**: format.md §6.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "structure/row-unknown",
    severity: Severity::Info,
    title_zh: "格式外的行",
    title_en: "Extra row",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "表格中有格式以外的行（如部分省份增加的行），这些行不参与核对。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en:
        "A table has a row that is not in the format (some provinces add rows); it is not checked.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // First, so the cap on findings per rule never hides it.
    for i in ctx.report.read_issues.iter().filter(|i| i.rule == RULE.id) {
        // A reader stopped at Limits::max_cells (HTML, Markdown): name the
        // option and how to raise it, in both languages.
        if i.detail.contains("limits.maxCells") {
            let n = ctx.options.limits.max_cells as u64;
            let (hz, he) = crate::rules::input::limit_help("limits.maxCells", n);
            out.push(
                Diagnostic::new(
                    RULE.id,
                    RULE.severity,
                    format!("表格单元格总数超过上限 {n}（选项 limits.maxCells），其后的单元格未读取，也未参与核对。"),
                    format!("The tables have more than {n} cells (option limits.maxCells): the cells after that were not read or checked."),
                )
                .help(hz, he)
                .at(i.source.clone())
                .finish("limits.maxCells"),
            );
        }
    }
    for t in &ctx.report.tables {
        for x in &t.extra_rows {
            let label = super::super::cell::not_a_number::short(&x.label);
            out.push(
                Diagnostic::new(
                    RULE.id,
                    RULE.severity,
                    format!(
                        "{}中的“{}”行不属于年度报告格式，未参与核对。",
                        t.id.zh(),
                        label
                    ),
                    format!(
                        "{}: row \"{}\" is not part of the format and was not checked.",
                        t.id.en(),
                        label
                    ),
                )
                .at(x.source.clone())
                .finish(&x.label),
            );
        }
    }
    for i in ctx.report.read_issues.iter().filter(|i| i.rule == RULE.id) {
        if i.detail.contains("limits.maxCells") {
            continue;
        }
        // A required row whose numbers could not be placed: structure/row-missing
        // says so when the row is not there otherwise.
        if let (true, Some(t), Some(r)) = (i.is_unplaced_row(), i.table, i.row) {
            if !ctx.has_row(t, i.block, r) {
                continue;
            }
        }
        let t = i.table.map(|t| t.zh()).unwrap_or("报告");
        let te = i.table.map(|t| t.en()).unwrap_or("Report");
        let what = match (i.detail.strip_prefix("short:"), i.detail.as_str()) {
            (Some(read), _) => format!("{read}（单元格少于表头）"),
            (None, "no-header") => format!("{}（无表头）", i.row.unwrap_or("")),
            _ => i
                .detail
                .strip_prefix("duplicate:")
                .unwrap_or(&i.detail)
                .to_string(),
        };
        out.push(
            Diagnostic::new(RULE.id, RULE.severity, format!("{t}中有重复或无法归类的内容“{what}”，未参与核对。"), format!("{te}: content \"{what}\" is repeated or could not be placed, and was not checked."))
                .at(i.source.clone())
                .finish(&[i.block.unwrap_or(""), i.row.unwrap_or(""), i.column.unwrap_or(""), &i.detail].join("|")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn fires_and_not() {
        for f in BOTH {
            let mut v = base(f);
            assert!(of(&run(&v), "structure/row-unknown").is_empty());
            set(&mut v, "t2/item1/其他主动公开文件", json!({"x": 3}));
            let d = run(&v);
            assert_eq!(of(&d, "structure/row-unknown").len(), 1);
        }
    }
}
