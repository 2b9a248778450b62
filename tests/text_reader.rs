//! The text reader and the recogniser, on reports in both formats rendered in
//! the seed's layout, and on the input quirks format.md §5 and §6 list.

use nianbao_check::model::ids::{self, Format, TableId};
use nianbao_check::model::{CellState, Num};
use nianbao_check::testkit::{consistent, to_text, xorshift};
use nianbao_check::{check, Options, Severity};

fn rendered(f: Format, seed: u64) -> (serde_json::Value, String) {
    let year = if f == Format::F2021 { 2022 } else { 2020 };
    let v = consistent(f, year, &mut xorshift(seed));
    let t = to_text(&v, f);
    (v, t)
}

#[test]
fn both_formats_read_every_cell_and_find_nothing() {
    for f in [Format::F2019, Format::F2021] {
        for seed in 1..20 {
            let (v, text) = rendered(f, seed);
            let out = check(&text, &Options::default(), None);
            assert_eq!(out.report.format, Some(f), "{text}");
            let errs: Vec<_> = out
                .diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Info)
                .collect();
            assert!(errs.is_empty(), "{f:?} seed {seed}: {errs:#?}");
            for t in TableId::ALL {
                let table = out.report.table(t).expect("table");
                let layout = ids::layout(t, f);
                assert_eq!(table.cells.len(), layout.len(), "{t:?} {f:?}");
                for (b, r, c, _) in layout {
                    let mut want = &v["tables"][t.as_str()];
                    for p in b.into_iter().chain([r, c]) {
                        want = &want[p];
                    }
                    let got = table.cell(b, r, c).expect("cell");
                    let want = match want {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    assert_eq!(got.raw, want, "{t:?} {b:?} {r} {c}");
                }
            }
        }
    }
}

fn alter(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture lacks {from}");
    text.replacen(from, to, 1)
}

#[test]
fn label_variants_are_tolerated() {
    let (_, text) = rendered(Format::F2021, 3);
    let variants = [
        ("\t商业企业\n", "\t商业 企业\n"),
        ("只计这一情形", "只计这一情况"),
        ("1．属于国家秘密", "1. 属于国家秘密"),
        ("\t行政规范性文件\n", "\t规范性文件\n"),
        ("3．危及“三安全一稳定”", "3．危及\"三安全一稳定\""),
        ("（一）予以公开", "(一)予以公开"),
    ];
    for (from, to) in variants {
        let t = alter(&text, from, to);
        let out = check(&t, &Options::default(), None);
        let bad: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .collect();
        assert!(bad.is_empty(), "{from} → {to}: {bad:#?}");
    }
}

#[test]
fn value_quirks_are_read_and_reported() {
    let (v, text) = rendered(Format::F2021, 5);
    let n = v["tables"]["t3"]["granted"]["natural"].as_u64().expect("n");
    let wide: String = n
        .to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xfee0).unwrap_or(c))
        .collect();
    // The granted/natural value is the first value line after the label.
    let from = format!("（一）予以公开\n\t{n}\n");
    let to = format!("（一）予以公开\n\t{wide}件\n");
    let out = check(&alter(&text, &from, &to), &Options::default(), None);
    let c = out
        .report
        .table(TableId::T3)
        .and_then(|t| t.cell(None, "granted", "natural"))
        .expect("cell");
    assert_eq!(
        (c.state().has_number(), c.value()),
        (true, Some(Num::int(n as i64)))
    );
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.rule == "cell/normalised" && d.cells.iter().any(|x| x.row == "granted")));
    assert!(
        out.diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error),
        "{:#?}",
        out.diagnostics
    );

    let out = check(
        &alter(&text, &from, "（一）予以公开\n\t无\n"),
        &Options::default(),
        None,
    );
    let c = out
        .report
        .table(TableId::T3)
        .and_then(|t| t.cell(None, "granted", "natural"))
        .expect("cell");
    assert_eq!(c.state(), CellState::Placeholder);
    assert!(out.diagnostics.iter().any(|d| d.rule == "cell/empty"));
}

#[test]
fn a_missing_row_is_reported_not_guessed() {
    let (_, text) = rendered(Format::F2019, 9);
    let start = text
        .find("\t（五）不予处理 ")
        .or_else(|| text.find("\t（五）不予处理\n"))
        .expect("row");
    let end = start + text[start..].find("\n\n").expect("end") + 2;
    let cut = format!("{}{}", &text[..start], &text[end..]);
    let out = check(&cut, &Options::default(), None);
    let missing: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.rule == "structure/row-missing")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert_eq!(missing[0].cells[0].row, "rejected_petition");
}

#[test]
fn legacy_report_is_neither_format() {
    let Some(text) = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/pingtan-2018-legacy.txt"
    ))
    .ok() else {
        eprintln!("skipped: ../shared/corpus is not beside the repository");
        return;
    };
    let out = check(&text, &Options::default(), None);
    let rules: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.rule)
        .collect();
    assert!(rules.contains(&"format/unknown"), "{rules:?}");
    assert_eq!(out.report.year, Some(2018));
    assert!(out.diagnostics.iter().all(|d| !d.rule.starts_with("t3/")));
}
