//! `cell/not-a-number` — a value cell holds text that is not a number.
//!
//! **What it checks**: every value cell of tables 2–4 holds a number, is
//! empty, or holds a placeholder (无, —, /); anything else is reported with
//! the text as written.
//!
//! **Why**: a cell such as `见附件` or `1.2.3` cannot be added up; the sums
//! that use it are not compared until it is fixed.
//!
//! **Example**: 表三“（一）予以公开”行“自然人”列 = `十二` → error.
//!
//! **Source**: the format (the tables hold numbers).

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::value::TextReason;
use crate::model::CellState;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "cell/not-a-number",
    severity: Severity::Error,
    title_zh: "单元格不是数字",
    title_en: "Cell is not a number",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "表格中的数值单元格填写了无法识别为数字的文字。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "A value cell holds text that cannot be read as a number.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for c in super::cells(ctx).filter(|c| c.state() == CellState::Text) {
        let raw = c.raw.trim();
        let (cz, ce, raw) = (ctx.cell_zh(c), ctx.cell_en(c), short(raw));
        let max = crate::model::num::MAX_SCALE;
        let (zh, en) = match c.parsed.reason {
            Some(TextReason::TooPrecise) => (
                format!("{cz}填写的“{raw}”小数位数过多（超过{max}位），无法精确核对。"),
                format!("{ce} holds \"{raw}\", with more than {max} decimal places: too many to check exactly."),
            ),
            Some(TextReason::TooLarge) => (
                format!("{cz}填写的“{raw}”数字过大，无法核对。"),
                format!("{ce} holds \"{raw}\", a number too large to check."),
            ),
            _ => (
                format!("{cz}填写的“{raw}”不是数字。"),
                format!("{ce} holds \"{raw}\", which is not a number."),
            ),
        };
        out.push(
            Diagnostic::new(RULE.id, RULE.severity, zh, en)
                .cells(vec![ctx.cell_ref(c)])
                .help(
                    "请填写阿拉伯数字；没有数据时填0。".into(),
                    "Write the figure in digits; write 0 when there is none.".into(),
                )
                .finish(""),
        );
    }
    // JSON values of the wrong type (arrays, objects, booleans).
    for i in ctx.report.read_issues.iter().filter(|i| i.rule == RULE.id) {
        let path = i.source.path.clone().unwrap_or_default();
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!("{path} 的值不是数字或文本。"),
                format!("The value at {path} is neither a number nor text."),
            )
            .at(i.source.clone())
            .finish(&path),
        );
    }
}

pub(crate) fn short(s: &str) -> String {
    let n = s.chars().count();
    if n > 40 {
        let head: String = s.chars().take(40).collect();
        format!("{head}…")
    } else {
        s.to_string()
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
            assert!(of(&run(&v), "cell/not-a-number").is_empty());
            set(&mut v, "t3/granted/natural", json!("见附件"));
            set(&mut v, "t4/review/upheld", json!("9".repeat(400)));
            let d = run(&v);
            let r = of(&d, "cell/not-a-number");
            assert_eq!(r.len(), 2, "{r:#?}");
            assert!(r.iter().any(|x| x.message_zh.contains("“见附件”不是数字")));
            assert!(r.iter().any(|x| x.message_zh.contains("过大")));
            // The sums through the bad cell are not compared.
            assert!(of(&d, "t3/results-total").is_empty() && of(&d, "t3/row-total").is_empty());
        }
    }
}
