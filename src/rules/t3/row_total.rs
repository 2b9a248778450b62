//! `t3/row-total` — per row, 总计 = the six applicant columns.
//!
//! **What it checks**: in every row of table 3, the 总计 column equals
//! 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.
//!
//! **Why**: the 总计 column is the row's total; a difference means a
//! request is missing from an applicant column or the total is mistyped.
//!
//! **Example**: 自然人 5, others 0, 总计 6 → error, expected 5.
//!
//! **Source**: inferred from the label 总计.

use crate::diagnostic::labels::{row_en_short, row_zh_short};
use crate::diagnostic::Severity;
use crate::model::{Num, TableId};
use crate::rules::sums::{check_relations, Relation, SumKind};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "t3/row-total",
    severity: Severity::Error,
    title_zh: "表三“总计”列等于六类申请人之和",
    title_en: "Table 3 total column equals the six applicant columns",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "表三每一行：“总计”列应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "In every row of table 3, the Total column must equal the sum of the six applicant columns.",
    check: |ctx, out| check_relations(ctx, SumKind::RowTotal, &RULE, out, message),
};

fn message(ctx: &Ctx, rel: &Relation, lhs: Num, rhs: Num) -> (String, String, String, String) {
    let f = ctx.fmt_of(TableId::T3);
    let row = rel.lhs[0].row;
    let (rz, re) = (
        row_zh_short(TableId::T3, f, None, row),
        row_en_short(TableId::T3, f, None, row),
    );
    let zh = format!(
        "表三“{rz}”行“总计”列填写为{lhs}，但自然人与各类法人或其他组织六列之和为{rhs}，应为{rhs}。"
    );
    let en = format!("Table 3, row \"{re}\", column \"Total\" says {lhs}, but the six applicant columns add up to {rhs}.");
    let help_zh = format!("请核对本行各申请人类别的数字；如无误，总计应填{rhs}。");
    let help_en = format!(
        "Check this row's applicant figures; if they are right, the total should be {rhs}."
    );
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
            assert!(of(&run(&v), "t3/row-total").is_empty());
            let t = v["tables"]["t3"]["granted"]["total"].as_u64().unwrap();
            set(&mut v, "t3/granted/total", json!(t + 2));
            let d = run(&v);
            let r = of(&d, "t3/row-total");
            assert_eq!(r.len(), 1);
            assert_eq!(
                (r[0].cells[0].row, r[0].cells[0].column),
                ("granted", Some("total"))
            );
            assert!(r[0].message_zh.contains("（一）予以公开"));
            assert_eq!(r[0].cells.len(), 7);
        }
    }
}
