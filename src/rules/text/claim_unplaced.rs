//! `text/claim-unplaced` — a figure the prose states about the tables that
//! cannot be tied to one cell or sum of cells.
//!
//! **What it checks**: sentences that clearly state a table figure but in
//! words that do not say which cell: 规范性文件13件 with no 制发/废止/现行有效,
//! 受理行政许可申请N件 (table 2 counts decisions), 废止规范性文件N件 in a
//! 2019-format report (its table 2 has no such column). Nothing the prose states about the tables is dropped
//! without a word.
//!
//! **Why**: `text/table-mismatch` can only compare what it can place; this
//! says what it could not, so a reviewer can check those by hand.
//!
//! **Example**: 本年度受理行政许可申请120件 → info.
//!
//! **Source**: inferred.

use super::claims::Reading;
use super::table_mismatch::quoted;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "text/claim-unplaced",
    severity: Severity::Info,
    title_zh: "正文数字无法对应到表格",
    title_en: "Prose figure not tied to a table cell",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "正文写明了一个与表格有关的数字，但措辞不足以确定对应表格中的哪个单元格（如只写“规范性文件13件”而未说明是制发、废止还是现行有效），未参与核对，请人工核对。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "The prose states a figure about the tables in words that do not say which cell (e.g. 规范性文件13件 without issued, repealed or in force); it was not compared: check it by hand.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if !ctx.report.has_prose {
        return;
    }
    for (i, m) in ctx.claims().iter().enumerate() {
        let Reading::Unplaced { why_zh, why_en } = &m.reading else {
            continue;
        };
        let (said_zh, said_en) = quoted(m);
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!("{said_zh}，其中的数字{}无法对应到表格中的单元格（{why_zh}），未参与核对。", m.value),
                format!("{said_en}: its figure {} could not be tied to a table cell ({why_en}) and was not compared.", m.value),
            )
            .help(
                "请人工核对该数字与表格是否一致；写明对应的表格项目可使其自动核对。".into(),
                "Check this figure against the tables by hand; naming the table item lets it be checked automatically.".into(),
            )
            .at(m.source.clone())
            .finish(&format!("{}#{i}", m.section)),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn fires_and_not() {
        let mut v = base(crate::Format::F2021);
        v["sections"]["2"] = json!("本年度受理行政许可申请120件，清理规范性文件12件。");
        assert_eq!(of(&run(&v), "text/claim-unplaced").len(), 2);
        v["sections"]["2"] = json!("全年公开政策文件4件。");
        assert!(of(&run(&v), "text/claim-unplaced").is_empty());
    }
}
