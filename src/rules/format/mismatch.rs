//! `format/mismatch` — a 2021-format table in a report for 2020 or earlier,
//! or tables of both formats in one report.
//!
//! **What it checks**: the tables' format agrees with the report year and
//! with each other.
//!
//! **Why**: mixing templates means some figures are in the wrong rows.
//!
//! **Example**: a 2020 report whose table 3 has the three 2021 其他处理 rows.
//!
//! **Source**: 国办公开办函〔2019〕60号, 〔2021〕30号.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::ids::Format;
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "format/mismatch",
    severity: Severity::Warning,
    title_zh: "表格格式与年度不符或前后不一",
    title_en: "Format does not match the year, or mixed formats",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "2020年度及以前的报告使用了2021年格式的表格，或同一报告中的表格分属两种格式。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "A report for 2020 or earlier uses a 2021-format table, or its tables follow different formats.",
    check,
};

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let formats = super::table_formats(ctx);
    if let Some(year) = ctx.report.year.filter(|y| *y <= 2020) {
        for (t, _) in formats.iter().filter(|(_, f)| *f == Format::F2021) {
            out.push(
                Diagnostic::new(
                    RULE.id,
                    RULE.severity,
                    format!("本报告为{year}年度，但{}使用的是2021年格式。", t.zh()),
                    format!(
                        "This is a {year} report, but {} uses the 2021 format.",
                        t.en()
                    ),
                )
                .finish(t.as_str()),
            );
        }
        return;
    }
    let has = |f: Format| formats.iter().any(|(_, x)| *x == f);
    if has(Format::F2019) && has(Format::F2021) {
        let list = |f: Format| {
            formats
                .iter()
                .filter(|(_, x)| *x == f)
                .map(|(t, _)| t.zh())
                .collect::<Vec<_>>()
                .join("、")
        };
        let list_en = |f: Format| {
            formats
                .iter()
                .filter(|(_, x)| *x == f)
                .map(|(t, _)| t.en())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!(
                    "表格格式不一致：{}为2019年格式，{}为2021年格式。",
                    list(Format::F2019),
                    list(Format::F2021)
                ),
                format!(
                    "Mixed formats: {} in the 2019 format, {} in the 2021 format.",
                    list_en(Format::F2019),
                    list_en(Format::F2021)
                ),
            )
            .finish("mixed"),
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
            assert!(of(&run(&base(f)), "format/mismatch").is_empty());
        }
        let mut v = base(crate::Format::F2021);
        v["year"] = json!(2020);
        v.as_object_mut().unwrap().remove("format");
        assert_eq!(of(&run(&v), "format/mismatch").len(), 2);
        // Mixed: a 2021 table 3 with a 2019 table 2.
        let mut v = base(crate::Format::F2021);
        v.as_object_mut().unwrap().remove("format");
        v["tables"]["t2"] = base(crate::Format::F2019)["tables"]["t2"].clone();
        assert_eq!(of(&run(&v), "format/mismatch").len(), 1);
    }
}
