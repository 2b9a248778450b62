//! `cell/unit` — money in the wrong unit.
//!
//! **What it checks**: the 2021 format's 本年收费金额 column is in 万元; a
//! figure written in 元 (`251000元`) is reported with the converted value.
//!
//! **Why**: a fee written in 元 in a 万元 column is 10,000 times too large
//! when read as the column says.
//!
//! **Example**: 表二“行政事业性收费”行 = `251000元` → warning, 25.1万元.
//!
//! **Source**: the format (column header 单位：万元).

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Unit, ValueKind};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "cell/unit",
    severity: Severity::Warning,
    title_zh: "金额单位不符",
    title_en: "Money in the wrong unit",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "“本年收费金额（单位：万元）”一栏应以万元填写；以元填写的金额会给出换算后的数。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "The fees column is in 10,000 yuan (万元); an amount written in yuan is reported with the converted value.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for c in super::cells(ctx)
        .filter(|c| c.kind == ValueKind::MoneyWan && c.parsed.unit == Some(Unit::Yuan))
    {
        let Some(v) = c.value() else { continue };
        let Some(wan) = v.shift_point(4) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!(
                    "{}以“元”填写为“{}”，本栏单位为万元，应填{}。",
                    ctx.cell_zh(c),
                    c.raw.trim(),
                    wan
                ),
                format!(
                    "{} is written in yuan (\"{}\"); the column is in 10,000 yuan: {}.",
                    ctx.cell_en(c),
                    c.raw.trim(),
                    wan
                ),
            )
            .cells(vec![ctx.cell_ref(c)])
            .values(Some(wan), Some(v))
            .help(
                format!("请改为{wan}（万元）。"),
                format!("Write {wan} (in 10,000 yuan)."),
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
        let mut v = base(crate::Format::F2021);
        assert!(of(&run(&v), "cell/unit").is_empty());
        set(&mut v, "t2/item8/fees/amount", json!("251000元"));
        let d = run(&v);
        let u = of(&d, "cell/unit");
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].expected.unwrap().to_string(), "25.1");
        // 2019 procurement may be in 元 or 万元.
        let mut v = base(crate::Format::F2019);
        set(&mut v, "t2/item9/procurement/amount", json!("251000元"));
        assert!(of(&run(&v), "cell/unit").is_empty());
    }
}
