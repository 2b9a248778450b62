//! Property tests: a consistent report generated at random yields no
//! arithmetic finding; changing any one value cell of its tables 3 and 4
//! yields an error that names that cell.

use nianbao_check::model::ids::{self, Format, TableId};
use nianbao_check::testkit::{consistent, xorshift};
use nianbao_check::{check_report, read::json::read_value, Options, Severity};
use proptest::prelude::*;

const ARITHMETIC: &[&str] = &["t3/balance", "t3/results-total", "t3/row-total", "t4/total"];

fn formats() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::F2019), Just(Format::F2021)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn consistent_reports_have_no_arithmetic_finding(seed in 1u64.., f in formats()) {
        let v = consistent(f, if f == Format::F2021 { 2023 } else { 2020 }, &mut xorshift(seed));
        let out = check_report(read_value(&v).expect("reads"), &Options::default(), None);
        let bad: Vec<_> = out.diagnostics.iter().filter(|d| ARITHMETIC.contains(&d.rule) || d.severity == Severity::Error).collect();
        prop_assert!(bad.is_empty(), "{:#?}", bad);
    }

    #[test]
    fn changing_one_cell_is_an_error_naming_it(seed in 1u64.., f in formats(), pick in any::<prop::sample::Index>(), delta in 1u64..1000) {
        let mut v = consistent(f, if f == Format::F2021 { 2023 } else { 2020 }, &mut xorshift(seed));
        let places: Vec<(TableId, &str, &str)> = [TableId::T3, TableId::T4]
            .into_iter()
            .flat_map(|t| ids::layout(t, f).into_iter().map(move |(_, r, c, _)| (t, r, c)))
            .collect();
        let (t, row, col) = places[pick.index(places.len())];
        let cell = &mut v["tables"][t.as_str()][row][col];
        let old = cell.as_u64().expect("count");
        *cell = serde_json::json!(old + delta);
        let out = check_report(read_value(&v).expect("reads"), &Options::default(), None);
        let named = out.diagnostics.iter().any(|d| {
            d.severity == Severity::Error && d.cells.iter().any(|c| c.table == t && c.row == row && c.column == Some(col))
        });
        prop_assert!(named, "{} {}.{} +{}: {:#?}", t.as_str(), row, col, delta, out.diagnostics);
    }
}
