use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let seed = include_str!("../examples/seed-linzi-yingji-2020.txt");
    let opts = nianbao_check::Options::default();
    let report =
        nianbao_check::read(seed, nianbao_check::InputKind::Text, &opts).expect("seed reads");
    c.bench_function("check seed (read + rules)", |b| {
        b.iter(|| nianbao_check::check(black_box(seed), &opts, None))
    });
    c.bench_function("rules on seed model", |b| {
        b.iter(|| nianbao_check::check_report(black_box(report.clone()), &opts, None))
    });
    #[cfg(feature = "docx")]
    {
        let docx = include_bytes!("../tests/fixtures/docx/seed-linzi-yingji-2020.docx");
        c.bench_function("check seed .docx (unzip + read + rules)", |b| {
            b.iter(|| nianbao_check::check_bytes(black_box(docx), &opts, None))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
