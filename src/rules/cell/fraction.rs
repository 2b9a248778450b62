//! `cell/fraction` — a fractional count.
//!
//! **What it checks**: counts are whole numbers; only money cells (表二
//! 收费金额, 采购总金额) may have decimals.
//!
//! **Why**: there is no half a request; a decimal point in a count is a typo
//! (often a full stop typed for a comma).
//!
//! **Example**: 表二“行政许可”行“本年处理决定数量”列 = `12.5` → error.
//!
//! **Source**: the format (counts).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "cell/fraction",
    severity: Severity::Error,
    title_zh: "数量含小数",
    title_en: "Fractional count",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "数量应为整数；只有金额单元格可以有小数。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "Counts are whole numbers; only money cells may have decimals.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for c in super::cells(ctx)
        .filter(|c| !c.kind.is_money() && c.value().is_some_and(|v| !v.is_integer()))
    {
        let v = c.value().map(|v| v.to_string()).unwrap_or_default();
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!("{}填写为{}，数量应为整数。", ctx.cell_zh(c), v),
                format!(
                    "{} is {}; a count must be a whole number.",
                    ctx.cell_en(c),
                    v
                ),
            )
            .cells(vec![ctx.cell_ref(c)])
            .help("请填写整数。".into(), "Write a whole number.".into())
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
                of(&run(&v), "cell/fraction").is_empty(),
                "money decimals are fine"
            );
            set(&mut v, "t2/item5/licensing/decisions", json!("12.5"));
            assert_eq!(of(&run(&v), "cell/fraction").len(), 1);
        }
    }
}
