//! The prose claim reader (`text/table-mismatch`, `text/claim-unplaced`) on
//! the corpus reports' models: the cost it adds to every check.
use criterion::{criterion_group, criterion_main, Criterion};
use nianbao_check::rules::text::claims::of_report;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let opts = nianbao_check::Options::default();
    let mut reports = Vec::new();
    for name in [
        "seed-linzi-yingji-2020.txt",
        "pingtan-2022.html",
        "pingtan-2025.html",
        "shanghai-bgt-2025.md",
        "shuyang-xianzhengfu-2025.md",
    ] {
        let Ok(bytes) = std::fs::read(dir.join(name)) else {
            eprintln!("SKIPPED {name}: ../shared/corpus not found");
            continue;
        };
        let Ok((text, _)) = nianbao_check::decode(&bytes) else {
            continue;
        };
        reports.push((name, nianbao_check::check(&text, &opts, None).report));
    }
    for (name, report) in &reports {
        let prose: usize = report.sections.iter().map(|s| s.text.len()).sum();
        c.bench_function(&format!("claims {name} ({} kB prose)", prose / 1024), |b| {
            b.iter(|| of_report(black_box(report), &opts))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
