//! `history/in-force` — 现行有效件数 ≠ last year's + 制发 − 废止.
//!
//! **What it checks**: given last year's report in the 2021 format, for
//! 规章 and 行政规范性文件: `in_force` = last `in_force` + `issued` −
//! `repealed`.
//!
//! **Why**: documents in force change only by issuing and repealing; a
//! difference suggests a miscount — or a clean-up, which the prose should
//! explain. Hence info, not an error.
//!
//! **Example**: last year 32 in force, 6 issued, 1 repealed, now 36 → info,
//! expected 37.
//!
//! **Source**: inferred.

use crate::diagnostic::labels::row_zh_short;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::ids::Format;
use crate::model::TableId;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "history/in-force",
    severity: Severity::Info,
    title_zh: "现行有效件数与上年及本年增减不符",
    title_en: "In-force count differs from last year plus issued minus repealed",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "表二（2021年格式）现行有效件数应等于上年现行有效件数加本年制发件数减本年废止件数。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "Table 2 (2021 format): in force should equal last year's in force plus issued minus repealed.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let (Some(prev), Some(t)) = (
        super::previous::usable(ctx).and_then(|p| p.table(TableId::T2)),
        ctx.table(TableId::T2),
    ) else {
        return;
    };
    if ctx.table_format(t) != Format::F2021 {
        return;
    }
    for row in ["regulations", "normative"] {
        let b = Some("item1");
        let get = |t: &crate::model::Table, c: &str| t.cell(b, row, c).and_then(|x| x.value());
        let (Some(now), Some(issued), Some(repealed), Some(before)) = (
            get(t, "in_force"),
            get(t, "issued"),
            get(t, "repealed"),
            get(prev, "in_force"),
        ) else {
            continue;
        };
        let Some(expected) = before
            .checked_add(issued)
            .and_then(|x| x.checked_sub(repealed))
        else {
            continue;
        };
        if expected == now {
            continue;
        }
        let rz = row_zh_short(TableId::T2, Format::F2021, b, row);
        let cells: Vec<_> = ["in_force", "issued", "repealed"]
            .iter()
            .filter_map(|c| t.cell(b, row, c))
            .map(|c| ctx.cell_ref(c))
            .collect();
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!("表二“{rz}”现行有效件数为{now}，而上年现行有效{before}件加本年制发{issued}件减本年废止{repealed}件为{expected}件。"),
                format!("Table 2 \"{row}\": {now} in force, but last year's {before} + issued {issued} − repealed {repealed} = {expected}."),
            )
            .cells(cells)
            .values(Some(expected), Some(now))
            .help("如有清理、失效等其他变化，请在正文中说明。".into(), "If documents lapsed or were cleaned up, say so in the text.".into())
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
        let mut now = base(crate::Format::F2021);
        let mut prev = base(crate::Format::F2021);
        prev["year"] = json!(now["year"].as_i64().unwrap() - 1);
        set(&mut prev, "t2/item1/normative/in_force", json!(32));
        set(&mut now, "t2/item1/normative/issued", json!(6));
        set(&mut now, "t2/item1/normative/repealed", json!(1));
        set(&mut now, "t2/item1/normative/in_force", json!(37));
        let reg = |v: &serde_json::Value, c: &str| {
            v["tables"]["t2"]["item1"]["regulations"][c]
                .as_i64()
                .unwrap()
        };
        let want = reg(&prev, "in_force") + reg(&now, "issued") - reg(&now, "repealed");
        set(&mut now, "t2/item1/regulations/in_force", json!(want));
        assert!(of(
            &run_with(&now, &Options::default(), Some(&prev)),
            "history/in-force"
        )
        .is_empty());
        set(&mut now, "t2/item1/normative/in_force", json!(36));
        let d = run_with(&now, &Options::default(), Some(&prev));
        let i = of(&d, "history/in-force");
        assert_eq!(i.len(), 1);
        assert_eq!(i[0].expected.unwrap().to_string(), "37");
    }
}
