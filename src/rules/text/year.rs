//! `text/year` — the year in the title, the statistics period and the text
//! disagree.
//!
//! **What it checks**: the year in the title (2020年度…报告), the year of
//! the statistics period (统计期限自2020年1月1日…) and the year the overview
//! opens with (2020年，我局…) are the same; so is the year a caller declared.
//!
//! **Why**: reports are often written from last year's file; a stale year is
//! the first thing readers notice.
//!
//! **Example**: title 2021年度, period 自2020年1月1日 → warning.
//!
//! **Source**: inferred.

use crate::diagnostic::{Diagnostic, Severity};
use crate::read::recognize::{period_year, year_in_title, years_in};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "text/year",
    severity: Severity::Warning,
    title_zh: "报告年份前后不一致",
    title_en: "Years disagree",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "标题中的年度、统计期限的年份与正文开头的年份不一致。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "The year in the title, the statistics period and the text disagree.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let r = ctx.report;
    let mut found: Vec<(&str, &str, i32)> = Vec::new();
    if let Some(y) = r.title.as_deref().and_then(year_in_title) {
        found.push(("标题", "title", y));
    }
    let all: String = r.all_text().collect::<Vec<_>>().join("\n");
    if let Some(y) = period_year(&all) {
        found.push(("统计期限", "statistics period", y));
    }
    if let Some(y) = r
        .section(1)
        .and_then(|s| years_in(s.text.lines().next().unwrap_or("")).next())
    {
        found.push(("正文“一、总体情况”", "overview text", y));
    }
    if r.year_source == Some("option") || r.year_source == Some("json") {
        if let Some(y) = r.year {
            found.push(("填报年度", "declared year", y));
        }
    }
    let first = match found.first() {
        Some(f) => f.2,
        None => return,
    };
    if found.iter().all(|f| f.2 == first) {
        return;
    }
    let zh: Vec<String> = found
        .iter()
        .map(|(z, _, y)| format!("{z}为{y}年"))
        .collect();
    let en: Vec<String> = found.iter().map(|(_, e, y)| format!("{e} {y}")).collect();
    out.push(
        Diagnostic::new(
            RULE.id,
            RULE.severity,
            format!("报告年份不一致：{}。", zh.join("，")),
            format!("The years disagree: {}.", en.join(", ")),
        )
        .help(
            "请核对标题、统计期限和正文中的年份。".into(),
            "Check the year in the title, the statistics period and the text.".into(),
        )
        .finish(""),
    );
}

#[cfg(test)]
mod tests {
    use crate::read::{recognize::recognize, text};
    use crate::rules::testutil::of;

    fn run(s: &str) -> Vec<crate::Diagnostic> {
        crate::check_report(recognize(&text::read(s)), &crate::Options::default(), None).diagnostics
    }

    #[test]
    fn fires_and_not() {
        let good = "某局2020年政府信息公开工作年度报告\n本报告统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n2020年，我局认真落实。\n";
        assert!(of(&run(good), "text/year").is_empty());
        let bad = good.replace(
            "统计期限自2020年1月1日起至2020年",
            "统计期限自2019年1月1日起至2019年",
        );
        let d = run(&bad);
        let y = of(&d, "text/year");
        assert_eq!(y.len(), 1);
        assert!(
            y[0].message_zh.contains("统计期限为2019年"),
            "{}",
            y[0].message_zh
        );
    }
}
