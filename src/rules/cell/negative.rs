//! `cell/negative` — a negative count.
//!
//! **What it checks**: no cell holds a negative number, except 2019 table 2
//! `change` (本年增/减), which is signed by definition.
//!
//! **Why**: a count of requests, decisions or cases cannot be below zero;
//! a minus sign is usually a typo or a 增/减 figure in the wrong column.
//!
//! **Example**: 表三“（一）予以公开”行“自然人”列 = `-3` → error.
//!
//! **Source**: the format (counts).

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::ValueKind;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "cell/negative",
    severity: Severity::Error,
    title_zh: "数量为负数",
    title_en: "Negative count",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "数量不能为负数；只有2019年格式表二的“本年增/减”可以为负。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "A count cannot be negative; only the 2019 format's table 2 'change' may be.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for c in super::cells(ctx)
        .filter(|c| c.kind != ValueKind::SignedCount && c.value().is_some_and(|v| v.is_negative()))
    {
        let v = c.value().map(|v| v.to_string()).unwrap_or_default();
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!("{}填写为{}，数量不能为负数。", ctx.cell_zh(c), v),
                format!("{} is {}; a count cannot be negative.", ctx.cell_en(c), v),
            )
            .cells(vec![ctx.cell_ref(c)])
            .help(
                "请删除负号，或核对是否把增减数填进了本列。".into(),
                "Remove the minus sign, or check whether a change figure went into this column."
                    .into(),
            )
            .finish(""),
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
            assert!(
                of(&run(&v), "cell/negative").is_empty(),
                "signed change column is fine"
            );
            set(&mut v, "t4/review/pending", json!("-1"));
            let d = run(&v);
            assert_eq!(of(&d, "cell/negative").len(), 1);
        }
        let mut v = base(crate::Format::F2019);
        set(&mut v, "t2/item5/licensing/change", json!("减少8"));
        assert!(of(&run(&v), "cell/negative").is_empty());
    }
}
