//! `history/previous` — the previous-year report given cannot be used.
//!
//! **What it checks**: when a previous-year report is given for the
//! `history/*` rules, that it could be read, that it is the year before this
//! report's year, and that it holds table 2 or table 3.
//!
//! **Why**: without this the cross-year rules would fall silent on a wrong or
//! damaged file (an auditor would read "no carry-over problems" where nothing
//! was compared), or compare against the wrong year and report differences
//! that are not there.
//!
//! **Example**: checking the 2022 report with the 2020 report as `previous`
//! → warning "所给上年报告为2020年度，本报告为2022年度…"; the cross-year rules
//! are not run.
//!
//! **Source**: not in format.md §6; it reports on the inputs given, like
//! `input/unreadable`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Report, TableId};
use crate::rules::{Ctx, Rule};

pub static RULE: Rule = Rule {
    id: "history/previous",
    severity: Severity::Warning,
    title_zh: "所给上年报告无法用于跨年度核对",
    title_en: "The previous-year report given cannot be used",
    #[cfg(not(target_arch = "wasm32"))]
    doc_zh: "给出上一年度报告时，它应能读取、年度为本报告的前一年，并含有表二或表三；否则不进行跨年度核对，并说明原因。",
    #[cfg(not(target_arch = "wasm32"))]
    doc_en: "A previous-year report, when given, must be readable, be for the year before this report's year and hold table 2 or 3; otherwise the cross-year rules do not run, and this says why.",
    check,
};

/// The previous-year report when the cross-year rules may compare with it:
/// given, and not for a year other than the one before this report's.
pub fn usable<'a>(ctx: &Ctx<'a>) -> Option<&'a Report> {
    ctx.previous.filter(|_| wrong_year(ctx).is_none())
}

/// (this report's year, the previous report's) when both are known and the
/// previous one is not the year before.
fn wrong_year(ctx: &Ctx) -> Option<(i32, i32)> {
    let (now, before) = (ctx.report.year?, ctx.previous?.year?);
    (before.checked_add(1) != Some(now)).then_some((now, before))
}

const SKIPPED_ZH: &str = "未进行跨年度核对（上年结转、现行有效件数）。";
const SKIPPED_EN: &str = "The cross-year checks (carry-over, documents in force) were not run.";

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if let Some(reason) = ctx.previous_error {
        out.push(unreadable(reason));
        return;
    }
    let Some(prev) = ctx.previous else {
        return;
    };
    if let Some((now, before)) = wrong_year(ctx) {
        let want = now.saturating_sub(1);
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!("所给上年报告为{before}年度，本报告为{now}年度，应为{want}年度的报告；{SKIPPED_ZH}"),
                format!("The previous report given is for {before}, this report is for {now}: it should be the {want} report. {SKIPPED_EN}"),
            )
            .finish("year"),
        );
        return;
    }
    if prev.table(TableId::T2).is_none() && prev.table(TableId::T3).is_none() {
        out.push(
            Diagnostic::new(
                RULE.id,
                RULE.severity,
                format!("所给上年报告中未找到表二或表三；{SKIPPED_ZH}"),
                format!("Neither table 2 nor table 3 was found in the previous report given. {SKIPPED_EN}"),
            )
            .finish("no-tables"),
        );
    }
}

/// The finding for a previous-year report that could not be read at all,
/// wrapping the reason its reader gave.
fn unreadable(reason: &Diagnostic) -> Diagnostic {
    Diagnostic::new(
        RULE.id,
        RULE.severity,
        format!("所给上年报告无法读取：{}{SKIPPED_ZH}", reason.message_zh),
        format!(
            "The previous report given could not be read: {} {SKIPPED_EN}",
            reason.message_en
        ),
    )
    .finish("unreadable")
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;
    use crate::Options;
    use serde_json::json;

    #[test]
    fn wrong_year_warns_and_silences_the_cross_year_rules() {
        for f in BOTH {
            let now = base(f);
            let mut prev = base(f);
            let year = now["year"].as_i64().unwrap();
            // Carry-over differs in one column: one history/carry-over warning.
            prev["tables"]["t3"]["carried_out"] = now["tables"]["t3"]["carried_in"].clone();
            let n = now["tables"]["t3"]["carried_in"]["natural"]
                .as_u64()
                .unwrap();
            set(&mut prev, "t3/carried_out/natural", json!(n + 3));
            prev["year"] = json!(year - 1);
            let d = run_with(&now, &Options::default(), Some(&prev));
            assert!(of(&d, "history/previous").is_empty(), "{d:?}");
            assert_eq!(of(&d, "history/carry-over").len(), 1);

            prev["year"] = json!(year - 2);
            let d = run_with(&now, &Options::default(), Some(&prev));
            let p = of(&d, "history/previous");
            assert_eq!(p.len(), 1, "{d:?}");
            assert!(p[0].message_zh.contains(&format!("应为{}年度", year - 1)));
            assert!(of(&d, "history/carry-over").is_empty());
            assert!(of(&d, "history/in-force").is_empty());

            // Same year (the report itself given as previous): also wrong.
            prev["year"] = json!(year);
            let d = run_with(&now, &Options::default(), Some(&prev));
            assert_eq!(of(&d, "history/previous").len(), 1);
        }
    }

    #[test]
    fn a_previous_report_without_tables_warns() {
        let now = base(crate::Format::F2021);
        let prev = json!({ "year": now["year"].as_i64().unwrap() - 1, "tables": {} });
        let d = run_with(&now, &Options::default(), Some(&prev));
        let p = of(&d, "history/previous");
        assert_eq!(p.len(), 1, "{d:?}");
        assert!(p[0].message_zh.contains("未找到表二或表三"));
        assert!(
            of(&run(&now), "history/previous").is_empty(),
            "no previous, no finding"
        );
    }

    #[test]
    fn unreadable_wraps_the_reason() {
        let reason = crate::rules::input_error("json", "expected value at line 1");
        let d = super::unreadable(&reason);
        assert_eq!(d.rule, "history/previous");
        assert!(d
            .message_zh
            .starts_with("所给上年报告无法读取：JSON 无法解析"));
        assert!(d.message_en.contains("could not be read"));
    }
}
