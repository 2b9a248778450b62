//! Reading speed per reader, natively: bytes/s of `read` (tokenise, grid,
//! recognise; no rules) and of the whole `check` (read + rules + the JSON
//! text the wasm hands to JS), on the real reports of ../shared/corpus (HTML,
//! Markdown, text) and the fixtures (DOCX, the canonical JSON model).
//! Skips the corpus groups with a message when ../shared is absent.
//!
//! `cargo bench --bench read`; figures in README.md (Build, test, size,
//! speed) and docs/performance.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nianbao_check::{check, read, InputKind, Options};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus reports with one of the extensions, decoded.
fn corpus(ext: &str) -> Vec<(String, String)> {
    let dir = root().join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("SKIPPED: {} is absent", dir.display());
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
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

/// One group per reader: `read` and `check` over all its inputs at once.
fn group(c: &mut Criterion, name: &str, kind: InputKind, inputs: &[(String, String)]) {
    if inputs.is_empty() {
        return;
    }
    let opts = Options::default();
    let total: usize = inputs.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group(format!("{name} ({} inputs, {total} bytes)", inputs.len()));
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("read", |b| {
        b.iter(|| {
            for (_, text) in inputs {
                let _ = black_box(read(black_box(text), kind, &opts));
            }
        })
    });
    g.bench_function("check + JSON", |b| {
        b.iter(|| {
            for (_, text) in inputs {
                black_box(check(black_box(text), &opts, None).to_json_string());
            }
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    #[cfg(feature = "html")]
    {
        let html = corpus("html");
        for (_, t) in &html {
            assert_eq!(nianbao_check::detect(t), InputKind::Html);
        }
        group(c, "html", InputKind::Html, &html);
    }
    group(c, "markdown", InputKind::Markdown, &corpus("md"));
    let mut text = corpus("txt");
    text.push((
        "seed".into(),
        include_str!("../examples/seed-linzi-yingji-2020.txt").into(),
    ));
    group(c, "text", InputKind::Text, &text);
    let json = include_str!("../tests/fixtures/docx/pingtan-czjrj-2025.json");
    group(c, "json", InputKind::Json, &[("czjrj".into(), json.into())]);

    #[cfg(feature = "docx")]
    {
        let opts = Options::default();
        let docx: &[u8] = include_bytes!("../tests/fixtures/docx/pingtan-czjrj-2025.docx");
        let mut g = c.benchmark_group(format!("docx (1 input, {} bytes)", docx.len()));
        g.throughput(Throughput::Bytes(docx.len() as u64));
        g.bench_function("read", |b| {
            b.iter(|| black_box(nianbao_check::read_bytes(black_box(docx), &opts)))
        });
        g.bench_function("check + JSON", |b| {
            b.iter(|| {
                black_box(nianbao_check::check_bytes(black_box(docx), &opts, None).to_json_string())
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
