//! Reading speed on the real pages of ../shared/corpus (HTML and Markdown):
//! bytes/s and pages/s of `read` (tokenise, grid, recognise), natively.
//! Skips with a message when ../shared is absent.
//!
//! Measured on the 2-core build machine (release, 9 pages, 1.28 MB):
//! all pages 24–32 ms → 38–52 MiB/s, ≈ 280–380 pages/s; the HTML pages
//! 3–6 ms each (31–57 MiB/s, tokenising ≈ 90 % of it), the Markdown
//! reports ≈ 0.8 ms each.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao_check::{detect, read, Options};
use std::hint::black_box;
use std::path::PathBuf;

fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("SKIPPED: {} is absent", dir.display());
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html" || x == "md"))
        .filter(|p| !p.ends_with("README.md"))
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let (text, _) = nianbao_check::decode(&bytes).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect();
    out.sort();
    out
}

fn bench(c: &mut Criterion) {
    let pages = corpus();
    if pages.is_empty() {
        return;
    }
    let opts = Options::default();
    let total: usize = pages.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group("read corpus");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function(
        format!("all {} pages ({} bytes)", pages.len(), total),
        |b| {
            b.iter(|| {
                for (_, text) in &pages {
                    let _ = black_box(read(black_box(text), detect(text), &opts));
                }
            })
        },
    );
    g.finish();
    let mut g = c.benchmark_group("read page");
    for (name, text) in &pages {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(read(black_box(text), detect(text), &opts)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
