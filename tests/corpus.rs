//! Golden files for the real reports in `../shared/corpus/` that are HTML or
//! Markdown: the model the reader builds (format, year, title, every value
//! cell with its raw text, value and provenance, extra rows, read issues) and
//! the findings. Each golden file was reviewed against the page.
//!
//! `UPDATE_GOLDEN=1 cargo test --test corpus` rewrites them.

#![cfg(feature = "html")]

use nianbao_check::{check, detect, InputKind, Options};
use std::fmt::Write as _;

mod common;
use common::{corpus, matches_golden, repo};

const REPORTS: &[(&str, Option<&str>)] = &[
    ("pingtan-2019.html", None),
    ("pingtan-2021.html", None),
    ("pingtan-2022.html", Some("pingtan-2021.html")),
    ("pingtan-2024.html", None),
    ("pingtan-2025.html", Some("pingtan-2024.html")),
    ("pingtan-czjrj-2025.html", None),
    ("shanghai-kewei-2024.md", None),
    ("shanghai-bgt-2025.md", None),
    ("shuyang-xianzhengfu-2025.md", None),
];

fn src(s: &nianbao_check::model::Source) -> String {
    let mut o = String::new();
    if let Some(t) = s.table {
        let _ = write!(o, "t{t}");
    }
    if let (Some(r), Some(c)) = (s.row, s.col) {
        let _ = write!(o, " r{r}c{c}");
    }
    if let Some(n) = s.ordinal {
        let _ = write!(o, " #{n}");
    }
    if let Some(l) = s.line {
        let _ = write!(o, " L{l}");
    }
    if let Some([a, b]) = s.span {
        let _ = write!(o, " @{a}..{b}");
    }
    o
}

/// The golden text of one report.
pub fn golden(input: &str, previous: Option<&str>) -> String {
    let opts = Options::default();
    let out = check(input, &opts, previous);
    let r = &out.report;
    let mut g = String::new();
    let _ = writeln!(
        g,
        "input {:?}  format {}  year {:?} ({})",
        detect(input),
        r.format.map(|f| f.as_str()).unwrap_or("?"),
        r.year,
        r.year_source.unwrap_or("-")
    );
    let _ = writeln!(g, "title {}", r.title.as_deref().unwrap_or("-"));
    let secs: Vec<String> = r
        .sections
        .iter()
        .map(|s| format!("{}:{}", s.ordinal, s.heading))
        .collect();
    let _ = writeln!(g, "sections {}", secs.join(" | "));
    for t in &r.tables {
        let _ = writeln!(
            g,
            "\n== {:?} format {}  ({} cells)  {}",
            t.id,
            t.format.map(|f| f.as_str()).unwrap_or("?"),
            t.cells.len(),
            src(&t.source)
        );
        for c in &t.cells {
            let path = match c.block {
                Some(b) => format!("{b}/{}/{}", c.row, c.column),
                None => format!("{}/{}", c.row, c.column),
            };
            let v = c
                .value()
                .map(|v| v.to_string())
                .unwrap_or_else(|| format!("{:?}", c.state()));
            let _ = writeln!(
                g,
                "{path:<40} {:<14} = {v:<10} [{}]",
                format!("{:?}", c.raw),
                src(&c.source)
            );
        }
        for x in &t.extra_rows {
            let _ = writeln!(
                g,
                "extra row {:?} {:?} [{}]",
                x.label,
                x.values,
                src(&x.source)
            );
        }
    }
    if !r.read_issues.is_empty() {
        let _ = writeln!(g, "\n== read issues");
        for i in &r.read_issues {
            let _ = writeln!(
                g,
                "{} {:?} {:?}/{:?}: {} [{}]",
                i.rule,
                i.table,
                i.block,
                i.row,
                i.detail,
                src(&i.source)
            );
        }
    }
    let _ = writeln!(g, "\n== findings");
    for d in &out.diagnostics {
        let cells: Vec<String> = d
            .cells
            .iter()
            .map(|c| match &c.source {
                Some(s) => format!("{}/{} [{}]", c.row, c.column.unwrap_or("-"), src(s)),
                None => format!("{}/{}", c.row, c.column.unwrap_or("-")),
            })
            .collect();
        let _ = writeln!(g, "{} {}: {}", d.severity.as_str(), d.rule, d.message_zh);
        if !cells.is_empty() {
            let _ = writeln!(g, "    cells {}", cells.join("; "));
        }
    }
    g
}

#[test]
fn corpus_golden() {
    let Some(dir) = corpus() else {
        return;
    };
    let mut failed = Vec::new();
    for (name, prev) in REPORTS {
        let bytes = std::fs::read(dir.join(name)).expect("corpus file");
        let (input, _) = nianbao_check::decode(&bytes).expect("decodes");
        let kind = detect(&input);
        assert!(
            matches!(kind, InputKind::Html | InputKind::Markdown),
            "{name} detected as {kind:?}"
        );
        let previous = prev.map(|p| {
            let b = std::fs::read(dir.join(p)).expect("previous");
            nianbao_check::decode(&b).expect("decodes").0
        });
        let got = golden(&input, previous.as_deref());
        let path = repo().join("tests/golden").join(format!("{name}.txt"));
        if !matches_golden(&path, &got) {
            failed.push(name.to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "golden files differ: {failed:?} (UPDATE_GOLDEN=1 to rewrite after review)"
    );
}
