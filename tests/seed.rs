//! The seed report (临淄区应急管理局 2020, 2019 format) gives exactly what
//! format.md §6 says: t3/results-total and t3/balance errors in the `natural`
//! and `total` columns (stated 6, sum 0), no other error, the 25.96万元
//! procurement amount read as money, format 2019 and year 2020.

use nianbao_check::model::{CellState, Num, TableId, Unit};
use nianbao_check::{check, Format, Options, Severity};

const SEED: &str = include_str!("../examples/seed-linzi-yingji-2020.txt");

#[test]
fn seed_findings_are_exactly_the_known_errors() {
    let out = check(SEED, &Options::default(), None);
    assert_eq!(out.report.format, Some(Format::F2019));
    assert_eq!(out.report.year, Some(2020));

    let mut errors: Vec<(String, String)> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.rule.to_string(),
                d.cells[0].column.unwrap_or("").to_string(),
            )
        })
        .collect();
    errors.sort();
    assert_eq!(
        errors,
        [
            ("t3/balance", "natural"),
            ("t3/balance", "total"),
            ("t3/results-total", "natural"),
            ("t3/results-total", "total")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    for d in out
        .diagnostics
        .iter()
        .filter(|d| d.rule == "t3/results-total")
    {
        assert_eq!(d.actual, Some(Num::int(6)), "stated 6");
        assert_eq!(d.expected, Some(Num::int(0)), "sum 0");
        assert_eq!(d.cells[0].row, "results_total");
        assert_eq!(d.cells[0].raw.as_deref(), Some("6"));
        // Provenance: the line of the stated total in the text.
        let line = d.cells[0]
            .source
            .as_ref()
            .and_then(|s| s.line)
            .expect("line");
        assert_eq!(
            SEED.lines().nth(line as usize - 1).map(str::trim),
            Some("6")
        );
        assert!(
            d.message_zh.starts_with("表三“（七）总计”行"),
            "{}",
            d.message_zh
        );
    }
    // No warning either: the seed is complete apart from its one real error.
    assert!(
        out.diagnostics
            .iter()
            .all(|d| d.severity != Severity::Warning),
        "{:#?}",
        out.diagnostics
    );
}

#[test]
fn seed_procurement_amount_is_money() {
    let out = check(SEED, &Options::default(), None);
    let t2 = out.report.table(TableId::T2).expect("table 2");
    let c = t2
        .cell(Some("item9"), "procurement", "amount")
        .expect("amount");
    assert_eq!(c.raw, "25.96万元");
    assert_eq!(c.state(), CellState::Number);
    assert_eq!(c.value(), Num::parse("25.96"));
    assert_eq!(c.parsed.unit, Some(Unit::WanYuan));
    // 2019 table 2 arithmetic: 654 − 467 = 187 is not a rule.
    assert_eq!(
        t2.cell(Some("item5"), "licensing", "change")
            .and_then(|c| c.value()),
        Some(Num::int(-467))
    );
    assert!(out
        .diagnostics
        .iter()
        .all(|d| !d.cells.iter().any(|c| c.table == TableId::T2) || d.severity == Severity::Info));
}

#[test]
fn seed_model_is_complete() {
    let out = check(SEED, &Options::default(), None);
    let r = &out.report;
    // 2019 layout: t2 = 3·2 + 3·2 + 3·2 + 2·1 + 2·1 = 22 cells; t3 = 23 rows × 7; t4 = 15.
    let count = |t| r.table(t).map(|t| t.cells.len()).unwrap_or(0);
    assert_eq!(
        (count(TableId::T2), count(TableId::T3), count(TableId::T4)),
        (22, 161, 15)
    );
    assert_eq!(
        r.sections.iter().map(|s| s.ordinal).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    assert!(r
        .title
        .as_deref()
        .is_some_and(|t| t.contains("临淄区应急管理局")));
}

#[test]
fn english_messages_name_the_same_places() {
    let opts = Options {
        locale: Some("en".into()),
        ..Options::default()
    };
    let out = check(SEED, &opts, None);
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.rule == "t3/results-total")
        .expect("finding");
    assert_eq!(d.message(out.locale), d.message_en);
    assert!(
        d.message_en.contains("(7) Total") && d.message_en.contains("says 6"),
        "{}",
        d.message_en
    );
}

#[test]
fn fingerprints_are_stable_and_distinct() {
    let a = check(SEED, &Options::default(), None);
    let b = check(SEED, &Options::default(), None);
    let fa: Vec<_> = a
        .diagnostics
        .iter()
        .map(|d| d.fingerprint.clone())
        .collect();
    let fb: Vec<_> = b
        .diagnostics
        .iter()
        .map(|d| d.fingerprint.clone())
        .collect();
    assert_eq!(fa, fb);
    let mut uniq = fa.clone();
    uniq.sort();
    uniq.dedup();
    assert_eq!(uniq.len(), fa.len());
    // Dismissing one drops exactly that one.
    let opts = Options {
        dismissed: Some(vec![fa[0].clone()]),
        ..Options::default()
    };
    assert_eq!(check(SEED, &opts, None).diagnostics.len(), fa.len() - 1);
}

#[test]
fn rule_selection() {
    let only = Options {
        rules: Some(vec!["t3/balance".into()]),
        ..Options::default()
    };
    assert!(check(SEED, &only, None)
        .diagnostics
        .iter()
        .all(|d| d.rule == "t3/balance"));
    let skip = Options {
        skip: Some(vec!["t3/".into()]),
        ..Options::default()
    };
    assert!(check(SEED, &skip, None)
        .diagnostics
        .iter()
        .all(|d| !d.rule.starts_with("t3/")));
}
