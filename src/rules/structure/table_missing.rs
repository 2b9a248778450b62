//! `structure/table-missing` — table 2, 3 or 4 not found.
//!
//! **What it checks**: the report contains tables 2 (主动公开), 3 (依申请公开)
//! and 4 (复议诉讼).
//!
//! **Why**: the three tables are required by the format; a missing table is
//! often a paste that lost it, or a table too mangled to recognise.
//!
//! **Example**: a report with only prose → three errors.
//!
//! **Source**: the format.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::TableId;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "structure/table-missing",
    severity: Severity::Error,
    title_zh: "缺少表格",
    title_en: "Table missing",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "报告中找不到表二（主动公开）、表三（依申请公开）或表四（复议诉讼）。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "Table 2, 3 or 4 could not be found in the report.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for id in TableId::ALL {
        if ctx.table(id).is_none() {
            out.push(
                Diagnostic::new(
                    RULE.id,
                    RULE.severity,
                    format!("未找到{}“{}”。", id.zh(), id.title_zh()),
                    format!("{} ({}) was not found.", id.en(), id.title_zh()),
                )
                .help("请确认表格已完整粘贴，且表头和行名与年度报告格式一致。".into(), "Make sure the table was pasted whole, with the format's headers and row labels.".into())
                .finish(id.as_str()),
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
            assert!(of(&run(&v), "structure/table-missing").is_empty());
            remove(&mut v, "t4");
            let d = run(&v);
            let m = of(&d, "structure/table-missing");
            assert_eq!(m.len(), 1);
            assert!(m[0].message_zh.contains("表四"));
        }
    }
}
