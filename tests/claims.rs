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

mod common;
use common::{corpus, matches_golden, repo};

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
    let opts = Options::default();
    let mut failed = Vec::new();
    for name in REPORTS {
        let out = check(&input(&dir, name), &opts, None);
        let claims = of_report(&out.report, &opts);
        let got = listing(&out.report, &claims);
        let path = repo()
            .join("tests/golden/claims")
            .join(format!("{name}.txt"));
        if !matches_golden(&path, &got) {
            failed.push(name.to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "claim listings differ: {failed:?} (UPDATE_GOLDEN=1 to rewrite after review)"
    );
}

fn path(t: nianbao_check::TableId, b: Option<&str>, r: &str, c: &str) -> String {
    [Some(t.as_str()), b, Some(r), Some(c)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(".")
}

/// Positions in `input` where `figure` stands as a whole number (not part
/// of a longer one), within `span` when the paragraph has one.
fn places_of(input: &str, figure: &str, span: Option<[u32; 2]>) -> Vec<usize> {
    let (lo, hi) = span
        .map(|[a, b]| (a as usize, (b as usize).min(input.len())))
        .unwrap_or((0, input.len()));
    let hay = input.get(lo..hi).unwrap_or("");
    hay.match_indices(figure)
        .map(|(i, _)| lo + i)
        .filter(|&i| {
            let before = input[..i].chars().next_back();
            let after = input[i + figure.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
        .collect()
}

/// Changes each stated figure the rule ties to cells, one at a time, in the
/// input as published, and requires the warning for it: ≥ 95% caught.
#[test]
fn corpus_mutations_are_caught() {
    let Some(dir) = corpus() else {
        return;
    };
    let opts = Options::default();
    let (mut tried, mut caught) = (0, 0);
    let mut misses = Vec::new();
    for name in REPORTS {
        let text = input(&dir, name);
        let out = check(&text, &opts, None);
        for m in of_report(&out.report, &opts) {
            let Reading::Claim { alts, .. } = &m.reading else {
                continue;
            };
            // Only figures written in digits that the table confirms: a
            // changed one must then disagree.
            let sums: Vec<Num> = alts
                .iter()
                .filter_map(|a| table_sum(&out.report, a).ok())
                .collect();
            if !m.figure.bytes().all(|b| b.is_ascii_digit()) || !sums.contains(&m.value) {
                continue;
            }
            // The cells the warning must name: the first alternative the
            // table can give.
            let first: Vec<String> = alts
                .iter()
                .find(|a| table_sum(&out.report, a).is_ok())
                .map(|a| a.iter().map(|(t, b, r, c)| path(*t, *b, r, c)).collect())
                .unwrap_or_default();
            let mut new = m.value.checked_add(Num::int(7)).expect("small");
            while sums.contains(&new) {
                new = new.checked_add(Num::int(1)).expect("small");
            }
            tried += 1;
            let hit = places_of(&text, &m.figure, m.source.span)
                .into_iter()
                .any(|at| {
                    let mut mutated = text.clone();
                    mutated.replace_range(at..at + m.figure.len(), &new.to_string());
                    check(&mutated, &opts, None).diagnostics.iter().any(|d| {
                        d.rule == "text/table-mismatch"
                            && d.actual == Some(new)
                            && d.cells.iter().map(|c| c.path()).collect::<Vec<_>>() == first
                    })
                });
            if hit {
                caught += 1;
            } else {
                misses.push(format!("{name}: “{}” ({} → {new})", m.quote, m.value));
            }
        }
    }
    eprintln!("mutations: {caught} of {tried} caught");
    for m in &misses {
        eprintln!("  missed {m}");
    }
    assert!(tried >= 40, "only {tried} figures to mutate");
    assert!(
        caught * 100 >= tried * 95,
        "{caught} of {tried} caught; missed: {misses:#?}"
    );
}

// ------------------------------------------------ the same from every form

/// What the claims of a report come to: each claim's topic, figure and
/// verdict, and each mismatch warning's cells and values.
fn claim_view(out: &nianbao_check::Output) -> (Vec<String>, Vec<String>) {
    let opts = Options::default();
    let claims = of_report(&out.report, &opts)
        .iter()
        .filter_map(|m| match &m.reading {
            Reading::Claim { topic, alts } => {
                let vals: Vec<String> = alts
                    .iter()
                    .map(|a| {
                        table_sum(&out.report, a)
                            .map(|v| v.to_string())
                            .unwrap_or_default()
                    })
                    .collect();
                Some(format!("{} {} [{}]", topic.id, m.value, vals.join("|")))
            }
            Reading::Unplaced { .. } => Some(format!("unplaced {}", m.value)),
            Reading::Not(_) => None,
        })
        .collect();
    let warnings = out
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("text/"))
        .map(|d| {
            let cells: Vec<String> = d.cells.iter().map(|c| c.path()).collect();
            format!(
                "{} {} {:?} {:?}",
                d.rule,
                cells.join("+"),
                d.expected,
                d.actual
            )
        })
        .collect();
    (claims, warnings)
}

/// The report as a CMS form would send it: tables by canonical id, prose
/// by section.
fn as_json(r: &Report) -> String {
    let mut tables = serde_json::Map::new();
    for t in &r.tables {
        let mut tv = serde_json::Map::new();
        for c in &t.cells {
            let mut cur = &mut tv;
            for k in c.block.into_iter().chain([c.row]) {
                cur = cur
                    .entry(k)
                    .or_insert_with(|| serde_json::json!({}))
                    .as_object_mut()
                    .expect("object");
            }
            cur.insert(c.column.into(), serde_json::Value::String(c.raw.clone()));
        }
        tables.insert(t.id.as_str().into(), tv.into());
    }
    let sections: serde_json::Map<String, serde_json::Value> = r
        .sections
        .iter()
        .map(|s| (s.ordinal.to_string(), s.text.clone().into()))
        .collect();
    serde_json::json!({
        "year": r.year,
        "format": r.format.map(|f| f.as_str()),
        "tables": tables,
        "sections": sections,
    })
    .to_string()
}

/// The document as text extracted from Word: prose lines, one cell a
/// tab-indented line, a blank line after each row.
fn as_text(d: &nianbao_check::read::Document) -> String {
    use nianbao_check::read::Block;
    let mut s = String::new();
    for b in &d.blocks {
        match b {
            Block::Para { text, .. } => {
                s.push_str(text.trim());
                s.push('\n');
            }
            Block::Table(g) => {
                for row in &g.rows {
                    for c in row.iter().filter(|c| c.origin) {
                        s.push('\t');
                        s.push_str(&c.text);
                        s.push('\n');
                    }
                    s.push('\n');
                }
            }
        }
    }
    s
}

/// The document as Markdown from a PDF conversion: paragraphs, and pipe
/// tables with a merged cell's text in its first slot.
fn as_markdown(d: &nianbao_check::read::Document) -> String {
    use nianbao_check::read::Block;
    let mut s = String::new();
    for b in &d.blocks {
        match b {
            Block::Para { text, .. } => {
                s.push_str(text.trim());
                s.push_str("\n\n");
            }
            Block::Table(g) => {
                for (i, row) in g.rows.iter().enumerate() {
                    s.push('|');
                    for c in row {
                        s.push(' ');
                        if c.origin {
                            s.push_str(&c.text.replace('|', "｜"));
                        }
                        s.push_str(" |");
                    }
                    s.push('\n');
                    if i == 0 {
                        s.push_str(&"|---".repeat(row.len()));
                        s.push_str("|\n");
                    }
                }
                s.push('\n');
            }
        }
    }
    s
}

#[cfg(feature = "docx")]
#[test]
fn same_claims_from_every_form() {
    let Some(dir) = corpus() else {
        return;
    };
    let opts = Options::default();
    let docx = |name: &str| {
        let bytes = std::fs::read(repo().join("tests/fixtures/docx").join(name)).expect("fixture");
        nianbao_check::check_bytes(&bytes, &opts, None)
    };
    let html = input(&dir, "pingtan-czjrj-2025.html");
    let mutated =
        html.replacen("申请件2件", "申请件5件", 1)
            .replacen("公开答复1件", "公开答复3件", 1);
    assert_ne!(html, mutated);
    for (page, word, wps) in [
        (
            &html,
            "pingtan-czjrj-2025.docx",
            "pingtan-czjrj-2025-wps.docx",
        ),
        (
            &mutated,
            "pingtan-czjrj-2025-claims-mutated.docx",
            "pingtan-czjrj-2025-wps-claims-mutated.docx",
        ),
    ] {
        let want = claim_view(&check(page, &opts, None));
        assert!(want.0.len() >= 4, "{want:#?}");
        let expected_warnings = if std::ptr::eq(page, &mutated) { 2 } else { 0 };
        assert_eq!(want.1.len(), expected_warnings, "{want:#?}");
        let doc = nianbao_check::read::html::read(page);
        let report = check(page, &opts, None).report;
        for (form, got) in [
            ("docx", claim_view(&docx(word))),
            ("wps docx", claim_view(&docx(wps))),
            ("json", claim_view(&check(&as_json(&report), &opts, None))),
            ("text", claim_view(&check(&as_text(&doc), &opts, None))),
            (
                "markdown",
                claim_view(&check(&as_markdown(&doc), &opts, None)),
            ),
        ] {
            assert_eq!(got, want, "{form} differs from the HTML page");
        }
    }
    // The seed: its text and its Word file state the same (true) figures.
    let seed_text = check(&input(&dir, "seed-linzi-yingji-2020.txt"), &opts, None);
    let seed_docx = docx("seed-linzi-yingji-2020.docx");
    assert_eq!(claim_view(&seed_docx), claim_view(&seed_text));
    assert_eq!(claim_view(&seed_text).0.len(), 2);
}

/// A figure split by inline tags or a line break in the page reads whole.
#[test]
fn figures_split_by_tags_read_whole() {
    let Some(dir) = corpus() else {
        return;
    };
    let opts = Options::default();
    let page = input(&dir, "pingtan-czjrj-2025.html");
    let split = page
        .replacen(
            "申请件2件",
            "申请件<span>1</span><span style=\"color:red\">2</span>\n件",
            1,
        )
        .replacen("公开答复1件", "公开答复<b>1</b>&nbsp;件", 1);
    assert_ne!(split, page);
    let out = check(&split, &opts, None);
    let warnings: Vec<(String, Option<Num>)> = out
        .diagnostics
        .iter()
        .filter(|d| d.rule == "text/table-mismatch")
        .map(|d| (d.cells[0].path(), d.actual))
        .collect();
    assert_eq!(
        warnings,
        vec![("t3.new.total".to_string(), Some(Num::int(12)))]
    );
    // The untouched 公开答复1件 still agrees, read through its tags.
    let claims = claim_view(&out).0;
    assert!(
        claims.iter().any(|c| c.starts_with("t3/granted/total 1 ")),
        "{claims:#?}"
    );
}

/// The PDF forms of the same reports (LibreOffice from Word and from the
/// page, Chromium, WPS-like; tests/fixtures/pdf/make.sh) state the same
/// claims, read from positioned text broken into lines.
#[cfg(feature = "pdf")]
#[test]
fn pdf_forms_state_the_same_claims() {
    let Some(dir) = corpus() else {
        return;
    };
    let opts = Options::default();
    let pdf = |name: &str| {
        let bytes = std::fs::read(repo().join("tests/fixtures/pdf").join(name)).expect("fixture");
        claim_view(&nianbao_check::check_bytes(&bytes, &opts, None))
    };
    let page = claim_view(&check(&input(&dir, "pingtan-czjrj-2025.html"), &opts, None));
    // Topic and figure of each claim, without the table's values (which
    // depend on the PDF's tables being read, tests/pdf.rs's concern).
    let stated = |v: &(Vec<String>, Vec<String>)| -> Vec<String> {
        v.0.iter()
            .map(|c| c.split(" [").next().unwrap_or("").to_string())
            .collect()
    };
    for name in [
        "pingtan-czjrj-2025.pdf",
        "pingtan-czjrj-2025-wps.pdf",
        "pingtan-czjrj-2025-html.pdf",
        "pingtan-czjrj-2025-chromium.pdf",
    ] {
        let got = pdf(name);
        assert_eq!(stated(&got), stated(&page), "{name}");
    }
    assert_eq!(pdf("pingtan-czjrj-2025.pdf"), page);
    let seed = claim_view(&check(
        &input(&dir, "seed-linzi-yingji-2020.txt"),
        &opts,
        None,
    ));
    assert_eq!(pdf("seed-linzi-yingji-2020.pdf"), seed);
}
