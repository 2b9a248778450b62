//! `format/outdated` — a 2019-format table in a report for 2021 or later.
//!
//! **What it checks**: reports for 2021 and later use the 2021 format
//! (国办公开办函〔2021〕30号); a table in the 2019 layout is reported.
//!
//! **Why**: the 2019 table 2 and the single 其他处理 row of table 3 were
//! replaced; an old template hides the figures the new one asks for.
//!
//! **Example**: a 2022 report whose table 3 has one （六）其他处理 row → error.
//!
//! **Source**: 国办公开办函〔2021〕30号.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::ids::Format;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "format/outdated",
    severity: Severity::Error,
    title_zh: "使用了已废止的2019年格式",
    title_en: "Outdated 2019 format",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh:
        "2021年度及以后的报告应使用2021年格式（国办公开办函〔2021〕30号），但表格仍是2019年格式。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en:
        "Reports for 2021 and later must use the 2021 format, but a table follows the 2019 layout.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(year) = ctx.report.year.filter(|y| *y >= 2021) else {
        return;
    };
    for (t, _) in super::table_formats(ctx)
        .into_iter()
        .filter(|(_, f)| *f == Format::F2019)
    {
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!("本报告为{year}年度，但{}使用的是2019年格式；2021年度起应使用国办公开办函〔2021〕30号印发的格式。", t.zh()),
                format!("This is a {year} report, but {} uses the 2019 format; reports for 2021 and later use the 2021 format.", t.en()),
            )
            .help("请按2021年格式重新填写该表。".into(), "Fill in the table again using the 2021 template.".into())
            .finish(t.as_str()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use serde_json::json;

    #[test]
    fn fires_and_not() {
        let v = base(crate::Format::F2021);
        assert!(of(&run(&v), "format/outdated").is_empty());
        let mut old = base(crate::Format::F2019);
        assert!(
            of(&run(&old), "format/outdated").is_empty(),
            "2020 report in 2019 format is fine"
        );
        old["year"] = json!(2022);
        old.as_object_mut().unwrap().remove("format");
        let d = run(&old);
        assert_eq!(
            of(&d, "format/outdated").len(),
            2,
            "t2 and t3 tell their format: {:#?}",
            of(&d, "format/outdated")
        );
    }
}
