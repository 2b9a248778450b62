//! `format/unknown` — the report follows neither national format.
//!
//! **What it checks**: an input with content in which no table of either
//! national format could be recognised — typically a report written before
//! 2019 in a provincial or older layout.
//!
//! **Why**: checking such a report against the 2019 or 2021 tables would
//! only produce noise; the validator says so clearly instead of guessing.
//! Not in format.md §6: it names the situation §6's structure rules meet
//! when nothing at all is recognised.
//!
//! **Example**: 平潭综合实验区2018年度报告 → error.
//!
//! **Source**: inferred.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "format/unknown",
    severity: Severity::Error,
    title_zh: "不符合国家年度报告格式",
    title_en: "Neither national format",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "报告中找不到2019年或2021年国家格式的任何表格，可能是2019年以前的旧格式或其他文件。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "No table of the 2019 or 2021 national format was found: possibly a pre-2019 report or another document.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let has_content = r.has_prose && (!r.preamble.is_empty() || !r.sections.is_empty());
    if r.tables.iter().all(|t| t.cells.is_empty()) && has_content {
        let year = r.year.map(|y| format!("（{y}年度）")).unwrap_or_default();
        let year_en = r.year.map(|y| format!(" ({y})")).unwrap_or_default();
        let old = r.year.is_some_and(|y| y < 2019);
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!("本报告{year}不符合2019年或2021年国家年度报告格式，找不到其统计表格{}，未进行数字核对。", if old { "，可能是2019年以前的旧格式" } else { "" }),
                format!("This report{year_en} follows neither the 2019 nor the 2021 national format{}; no figures were checked.", if old { " (probably a pre-2019 layout)" } else { "" }),
            )
            .finish(""),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::read::{recognize::recognize, text};
    use crate::rules::testutil::*;

    #[test]
    fn fires_and_not() {
        for f in BOTH {
            assert!(of(&run(&base(f)), "format/unknown").is_empty());
        }
        let o = crate::check_report(
            recognize(&text::read(
                "某某局2018年度政府信息公开工作年度报告\n一、概述\n本年度主动公开信息100条。\n",
            )),
            &crate::Options::default(),
            None,
        );
        let u = of(&o.diagnostics, "format/unknown");
        assert_eq!(u.len(), 1);
        assert!(u[0].message_zh.contains("2019年以前"));
    }
}
