//! `t3/balance` — per column, 一 + 二 = 三（七）总计 + 四.
//!
//! **What it checks**: in every column of table 3, new requests plus requests
//! carried in from last year equal the year's results total plus requests
//! carried over to next year.
//!
//! **Why**: it is the one relation the format itself states (the table's
//! top-left cell: 第一项加第二项之和，等于第三项加第四项之和). A broken
//! balance means a request was lost or counted twice.
//!
//! **Example**: 一 0 + 二 0 = 0, but （七）总计 6 + 四 0 = 6 → error.
//!
//! **Source**: the format (国办公开办函〔2019〕60号, 〔2021〕30号).

use crate::diagnostic::labels::{column_en, column_zh};
use crate::diagnostic::Severity;
use crate::model::Num;
use crate::rules::sums::{check_relations, Relation, SumKind};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "t3/balance",
    severity: Severity::Error,
    title_zh: "表三勾稽关系：第一项加第二项之和等于第三项加第四项之和",
    title_en: "Table 3 balance: new + carried in = results total + carried over",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "表三每一列：“一、本年新收”加“二、上年结转”应等于“（七）总计”加“四、结转下年度继续办理”。这是格式本身写明的唯一勾稽关系。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "In every column of table 3, new requests plus those carried in must equal the results total plus those carried over to next year. The format states this relation itself.",
    check: |ctx, out| check_relations(ctx, SumKind::Balance, &RULE, out, message),
};

fn message(ctx: &Ctx, rel: &Relation, lhs: Num, rhs: Num) -> (String, String, String, String) {
    let col = rel.lhs[0].column;
    let f = ctx.fmt_of(crate::model::TableId::T3);
    let v = |i: usize, side: &[&crate::model::Cell]| {
        side.get(i)
            .and_then(|c| c.value())
            .map(|n| n.to_string())
            .unwrap_or_else(|| "空".into())
    };
    let (cz, ce) = (
        column_zh(crate::model::TableId::T3, f, None, col),
        column_en(crate::model::TableId::T3, f, None, col),
    );
    let zh = format!(
        "表三“{cz}”列勾稽关系不成立：“一、本年新收”{}加“二、上年结转”{}等于{rhs}，而“（七）总计”{}加“四、结转下年度继续办理”{}等于{lhs}，两者应相等。",
        v(0, &rel.rhs), v(1, &rel.rhs), v(0, &rel.lhs), v(1, &rel.lhs)
    );
    let en = format!(
        "Table 3, column \"{ce}\" does not balance: new {} + carried in {} = {rhs}, but results total {} + carried over {} = {lhs}; they must be equal.",
        v(0, &rel.rhs), v(1, &rel.rhs), v(0, &rel.lhs), v(1, &rel.lhs)
    );
    let help_zh =
        "请核对本列的新收、上年结转、办理结果和结转下年度数字，找出多计或漏计的申请。".to_string();
    let help_en = "Check this column's new, carried-in, results and carried-over figures for a request counted twice or missed.".to_string();
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
            assert!(of(&run(&v), "t3/balance").is_empty(), "{f:?} consistent");
            let carried = v["tables"]["t3"]["carried_out"]["legal"].as_u64().unwrap();
            set(&mut v, "t3/carried_out/legal", json!(carried + 3));
            let d = run(&v);
            let b = of(&d, "t3/balance");
            assert_eq!(b.len(), 1, "{f:?}: {d:#?}");
            assert_eq!(b[0].cells[0].column, Some("legal"));
            assert_eq!(
                b[0].actual.unwrap().to_string().parse::<i64>().unwrap()
                    - b[0].expected.unwrap().to_string().parse::<i64>().unwrap(),
                3
            );
            assert!(
                b[0].message_zh.contains("法律服务机构"),
                "{}",
                b[0].message_zh
            );
        }
    }

    #[test]
    fn a_blank_total_operand_is_not_compared() {
        // Shanghai kewei 2024: 结转下年度 总计 left blank while its row adds up to 1.
        let mut v = base(crate::Format::F2021);
        set(&mut v, "t3/carried_out/total", serde_json::Value::Null);
        let d = run(&v);
        assert!(
            of(&d, "t3/balance").is_empty(),
            "{:#?}",
            of(&d, "t3/balance")
        );
        let e = of(&d, "cell/empty");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].cells[0].row, "carried_out");
    }
}
