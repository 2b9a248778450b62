//! `text/fee-statement` — 2021+: section 六 does not state the 信息处理费.
//!
//! **What it checks**: reports in the 2021 format say in section 六 whether
//! and how much 信息处理费 was charged.
//!
//! **Why**: 国办函〔2020〕109号 (政府信息公开信息处理费管理办法) requires the
//! annual report to state the fees charged.
//!
//! **Example**: a 2022 report whose 六、其他需要报告的事项 says only 无 → warning.
//!
//! **Source**: 国办函〔2020〕109号.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::ids::Format;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "text/fee-statement",
    severity: Severity::Warning,
    title_zh: "未说明信息处理费收取情况",
    title_en: "Information processing fee not stated",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "2021年格式的报告应在“六、其他需要报告的事项”中说明信息处理费的收取情况（国办函〔2020〕109号）。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "Reports in the 2021 format must state in section 6 the information processing fees charged (State Council General Office letter [2020] 109).",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    if ctx.format != Format::F2021 || !r.has_prose {
        return;
    }
    let mentions = |t: &str| t.contains("处理费") || t.contains("信息处理费");
    let stated = match r.section(6) {
        Some(s) => mentions(&s.text) || mentions(&s.heading),
        None => r.all_text().any(mentions),
    };
    if !stated {
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                "“六、其他需要报告的事项”中未说明信息处理费的收取情况。".into(),
                "Section 6 does not state the information processing fees charged.".into(),
            )
            .help(
                "请写明本年度是否收取信息处理费及金额，如“本年度未收取信息处理费”。".into(),
                "State whether fees were charged and how much, e.g. 本年度未收取信息处理费.".into(),
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
        assert!(of(&run(&v), "text/fee-statement").is_empty());
        v["sections"]["6"] = json!("无。");
        assert_eq!(of(&run(&v), "text/fee-statement").len(), 1);
        let v = base(crate::Format::F2019);
        assert!(
            of(&run(&v), "text/fee-statement").is_empty(),
            "2019 format has no such duty"
        );
    }
}
