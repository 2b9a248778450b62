//! `t3/results-total` — per column, （七）总计 = sum of every outcome row.
//!
//! **What it checks**: in every column of table 3, the row （七）总计 equals
//! the sum of the outcome rows （一）予以公开 … （六）其他处理 (2021: its
//! three sub-rows).
//!
//! **Why**: a 总计 is a total; a total that differs from its parts is wrong
//! in one of them, and readers cannot tell which.
//!
//! **Example**: every outcome row is 0 but （七）总计 says 6 → error,
//! expected 0.
//!
//! **Source**: inferred from the label 总计.

use crate::diagnostic::labels::{column_en, column_zh};
use crate::diagnostic::Severity;
use crate::model::{Num, TableId};
use crate::rules::sums::{check_relations, Relation, SumKind};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "t3/results-total",
    severity: Severity::Error,
    title_zh: "表三“（七）总计”等于各办理结果之和",
    title_en: "Table 3 results total equals the sum of the outcomes",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "表三每一列：“（七）总计”应等于“（一）予以公开”至“（六）其他处理”各行之和。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en:
        "In every column of table 3, row (7) Total must equal the sum of outcome rows (1) to (6).",
    check: |ctx, out| check_relations(ctx, SumKind::ResultsTotal, &RULE, out, message),
};

fn message(ctx: &Ctx, rel: &Relation, lhs: Num, rhs: Num) -> (String, String, String, String) {
    let f = ctx.fmt_of(TableId::T3);
    let col = rel.lhs[0].column;
    let (cz, ce) = (
        column_zh(TableId::T3, f, None, col),
        column_en(TableId::T3, f, None, col),
    );
    let zh = format!("表三“（七）总计”行“{cz}”列填写为{lhs}，但“（一）予以公开”至“（六）其他处理”各行之和为{rhs}，应为{rhs}。");
    let en = format!("Table 3, row \"(7) Total\", column \"{ce}\" says {lhs}, but outcome rows (1) to (6) add up to {rhs}.");
    let help_zh = format!("请核对“{cz}”列各办理结果的数字；如各行无误，总计应填{rhs}。");
    let help_en = format!("Check the outcome figures in column \"{ce}\"; if they are right, the total should be {rhs}.");
    (zh, en, help_zh, help_en)
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn fires_and_not() {
        for f in BOTH {
            let mut v = base(f);
            assert!(of(&run(&v), "t3/results-total").is_empty());
            let row = if f == crate::Format::F2021 {
                "other_unpaid_fee"
            } else {
                "other"
            };
            let old = v["tables"]["t3"][row]["research"].as_u64().unwrap();
            set(&mut v, &format!("t3/{row}/research"), json!(old + 1));
            // Keep the row total consistent so only the column sum breaks.
            let t = v["tables"]["t3"][row]["total"].as_u64().unwrap();
            set(&mut v, &format!("t3/{row}/total"), json!(t + 1));
            let d = run(&v);
            let r = of(&d, "t3/results-total");
            assert_eq!(r.len(), 2, "research and total columns: {f:?}");
            assert_eq!(r[0].cells[0].row, "results_total");
            assert_eq!(
                r[0].expected.unwrap(),
                r[0].actual
                    .unwrap()
                    .checked_add(crate::model::Num::int(1))
                    .unwrap()
            );
            assert!(r.iter().any(|x| x.cells.iter().any(|c| c.row == row)));
        }
    }

    #[test]
    fn blanks_count_as_zero_and_say_so() {
        let mut v = base(crate::Format::F2021);
        set(&mut v, "t3/granted/natural", json!(null));
        let d = run(&v);
        let r = of(&d, "t3/results-total");
        assert_eq!(r.len(), 1);
        assert!(
            r[0].message_zh.contains("空白单元格按0计"),
            "{}",
            r[0].message_zh
        );
    }
}
