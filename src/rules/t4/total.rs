//! `t4/total` — per group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
//!
//! **What it checks**: for 行政复议, 行政诉讼（未经复议直接起诉） and
//! 行政诉讼（复议后起诉）, the 总计 equals the four result columns.
//!
//! **Why**: each case ends in exactly one result or is still pending.
//!
//! **Example**: 行政复议 维持 1, 纠正 0, 其他 0, 尚未审结 0, 总计 2 → error,
//! expected 1.
//!
//! **Source**: inferred from the label 总计.

use crate::diagnostic::labels::{row_en_short, row_zh_short};
use crate::diagnostic::Severity;
use crate::model::{Num, TableId};
use crate::rules::sums::{check_relations, Relation, SumKind};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "t4/total",
    severity: Severity::Error,
    title_zh: "表四“总计”等于各结果之和",
    title_en: "Table 4 total equals the sum of the results",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "表四行政复议、未经复议直接起诉、复议后起诉三组，每组“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "For each of the three groups of table 4, Total must equal upheld + corrected + other + pending.",
    check: |ctx, out| check_relations(ctx, SumKind::T4Total, &RULE, out, message),
};

fn message(ctx: &Ctx, rel: &Relation, lhs: Num, rhs: Num) -> (String, String, String, String) {
    let f = ctx.format;
    let g = rel.lhs[0].row;
    let (gz, ge) = (
        row_zh_short(TableId::T4, f, None, g),
        row_en_short(TableId::T4, f, None, g),
    );
    let zh = format!("表四“{gz}”的“总计”填写为{lhs}，但结果维持、结果纠正、其他结果、尚未审结之和为{rhs}，应为{rhs}。");
    let en = format!(
        "Table 4, \"{ge}\": Total says {lhs}, but upheld + corrected + other + pending = {rhs}."
    );
    let help_zh = format!("请核对“{gz}”各结果的数字；如无误，总计应填{rhs}。");
    let help_en =
        format!("Check the results of \"{ge}\"; if they are right, the total should be {rhs}.");
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
            assert!(of(&run(&v), "t4/total").is_empty());
            let t = v["tables"]["t4"]["suit_after_review"]["total"]
                .as_u64()
                .unwrap();
            set(&mut v, "t4/suit_after_review/total", json!(t + 1));
            let d = run(&v);
            let r = of(&d, "t4/total");
            assert_eq!(r.len(), 1);
            assert_eq!(r[0].cells[0].row, "suit_after_review");
            assert!(
                r[0].message_zh.contains("复议后起诉"),
                "{}",
                r[0].message_zh
            );
        }
    }
}
