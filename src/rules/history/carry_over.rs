//! `history/carry-over` — this year's 上年结转 ≠ last year's 结转下年度.
//!
//! **What it checks**: given last year's report, per column of table 3,
//! this year's `carried_in` equals last year's `carried_out`.
//!
//! **Why**: requests carried over at the end of one year are the ones
//! carried in at the start of the next. A difference is usually a typo in
//! one of the two reports, or requests withdrawn between years.
//!
//! **Example**: 2021 结转下年度 总计 3, 2022 上年结转 总计 2 → warning.
//!
//! **Source**: inferred (a warning, never an error).

use crate::diagnostic::labels::column_zh;
use crate::diagnostic::{CellRef, Diagnostic, Severity};
use crate::model::ids;
use crate::model::TableId;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "history/carry-over",
    severity: Severity::Warning,
    title_zh: "上年结转与上年报告的结转下年度不一致",
    title_en: "Carried-in differs from last year's carried-over",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "本年报告表三“二、上年结转”应等于上一年报告表三“四、结转下年度继续办理”（逐列比较）。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "This year's table 3 'carried in' should equal last year's 'carried over to next year', per column.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let (Some(prev), Some(t)) = (
        super::previous::usable(ctx).and_then(|p| p.table(TableId::T3)),
        ctx.table(TableId::T3),
    ) else {
        return;
    };
    let prev_year = ctx.previous.and_then(|p| p.year);
    for col in ids::T3_COLUMNS.iter().map(|c| c.item.id) {
        let (Some(now), Some(before)) = (
            t.cell(None, "carried_in", col),
            prev.cell(None, "carried_out", col),
        ) else {
            continue;
        };
        let (Some(a), Some(b)) = (now.value(), before.value()) else {
            continue;
        };
        if a == b {
            continue;
        }
        let cz = column_zh(TableId::T3, ctx.fmt_of(TableId::T3), None, col);
        let py = prev_year
            .map(|y| format!("{y}年度"))
            .unwrap_or_else(|| "上一年".into());
        let mut prev_ref = CellRef::of(
            before,
            format!("{py}报告表三“四、结转下年度继续办理”行“{cz}”列"),
        );
        prev_ref.source = Some(before.source.clone());
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!("表三“二、上年结转政府信息公开申请数量”行“{cz}”列为{a}，但{py}报告“四、结转下年度继续办理”为{b}。"),
                format!("Table 3 carried-in, column \"{}\", is {a}, but last year's report carried over {b}.", col),
            )
            .cells(vec![ctx.cell_ref(now), prev_ref])
            .values(Some(b), Some(a))
            .finish(""),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use crate::Options;
    use serde_json::json;

    #[test]
    fn fires_and_not() {
        for f in BOTH {
            let mut now = base(f);
            let mut prev = base(f);
            prev["year"] = json!(now["year"].as_i64().unwrap() - 1);
            let t3 = now["tables"]["t3"]["carried_in"].clone();
            prev["tables"]["t3"]["carried_out"] = t3;
            assert!(of(
                &run_with(&now, &Options::default(), Some(&prev)),
                "history/carry-over"
            )
            .is_empty());
            assert!(
                of(&run(&now), "history/carry-over").is_empty(),
                "no previous report, no finding"
            );
            let n = now["tables"]["t3"]["carried_in"]["natural"]
                .as_u64()
                .unwrap();
            set(&mut now, "t3/carried_in/natural", json!(n + 1));
            let d = run_with(&now, &Options::default(), Some(&prev));
            let c = of(&d, "history/carry-over");
            assert_eq!(c.len(), 1);
            assert_eq!(c[0].severity, crate::Severity::Warning);
        }
    }
}
