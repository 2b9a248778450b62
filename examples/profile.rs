//! Profiling driver (callgrind, perf): runs one phase of `check` over the
//! corpus HTML pages N times.
//!
//! `cargo run --release --example profile -- PHASE N [FILES…]` where PHASE is
//! `read` (tokenise + grid + recognise), `tokenize` (the HTML reader only),
//! `check` (read + rules), `json` (check + the JSON text the wasm hands to
//! JS), `document` (the browser's re-check: compact documents through
//! `check_document`, each N times in a row), `node` (what Node's `check(bytes)` runs: UTF-8 validation, check,
//! the findings' JSON without the model), `bytes` (`check_bytes` on files as
//! they are on disk: DOCX, PDF), `docs DIR` (writes each page's `Document` as JSON, what the browser
//! adapter hands to `checkDocument`, to profile the web module) or `dump DIR`
//! (writes each file's full JSON output to DIR, to compare
//! outputs byte for byte before and after a change). Default files: the
//! `.html` pages of ../shared/corpus.

use nianbao_check::{check, detect, read, Options};
use std::hint::black_box;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let phase = args.first().map(String::as_str).unwrap_or("check");
    let (n, rest) = if phase == "dump" || phase == "docs" {
        (1, &args[2.min(args.len())..])
    } else {
        let n = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
        (n, &args[2.min(args.len())..])
    };
    let files: Vec<PathBuf> = if rest.is_empty() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        v.retain(|p| p.extension().is_some_and(|x| x == "html"));
        v.sort();
        v
    } else {
        rest.iter().map(PathBuf::from).collect()
    };
    if phase == "bytes" {
        // `check_bytes` on each file as it is on disk (DOCX, PDF, any
        // report), N times, with the findings' JSON: what the CLI runs.
        let inputs: Vec<Vec<u8>> = files.iter().filter_map(|p| std::fs::read(p).ok()).collect();
        let opts = Options::default();
        for bytes in &inputs {
            for _ in 0..n {
                black_box(
                    nianbao_check::check_bytes(black_box(bytes), &opts, None)
                        .to_json_string_part(nianbao_check::OutputPart::WithoutReport),
                );
            }
        }
        return;
    }
    let pages: Vec<(PathBuf, String)> = files
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let (text, _) = nianbao_check::decode(&bytes).ok()?;
            Some((p, text))
        })
        .collect();
    let opts = Options::default();
    #[cfg(feature = "html")]
    if phase == "docs" {
        // Each page's Document as JSON (what the browser adapter sends to
        // checkDocument), to profile the web module.
        let dir = PathBuf::from(args.get(1).map(String::as_str).unwrap_or("."));
        for (p, text) in &pages {
            let name = p.file_name().map(|s| s.to_string_lossy().into_owned());
            let doc = nianbao_check::read::html::read(text);
            let json = serde_json::to_string(&doc).unwrap_or_default();
            let _ = std::fs::write(
                dir.join(format!("{}.doc.json", name.unwrap_or_default())),
                json,
            );
        }
        return;
    }
    if phase == "document" {
        // The browser's re-check: `checkDocument` on each file's document
        // (compact text, as js/core.js sends it; make them with `docs` and
        // js/core.js `compactDocument`), N times in a row (the prose is
        // then kept, as between keystrokes), findings' JSON only.
        for (_, text) in &pages {
            for _ in 0..n {
                if let Some(doc) = nianbao_check::read::Document::from_compact(black_box(text)) {
                    black_box(
                        nianbao_check::check_document(&doc, &opts, None)
                            .to_json_string_part(nianbao_check::OutputPart::WithoutReport),
                    );
                }
            }
        }
        return;
    }
    if phase == "dump" {
        let dir = PathBuf::from(args.get(1).map(String::as_str).unwrap_or("."));
        for (p, text) in &pages {
            let name = p.file_name().map(|s| s.to_string_lossy().into_owned());
            let out = check(text, &opts, None).to_json_string();
            let _ = std::fs::write(dir.join(format!("{}.json", name.unwrap_or_default())), out);
        }
        return;
    }
    for _ in 0..n {
        for (_, text) in &pages {
            match phase {
                #[cfg(feature = "html")]
                "tokenize" => {
                    black_box(nianbao_check::read::html::read(black_box(text)));
                }
                "read" => {
                    let _ = black_box(read(black_box(text), detect(text), &opts));
                }
                "json" => {
                    black_box(check(black_box(text), &opts, None).to_json_string());
                }
                "node" => {
                    // What Node's check(bytes) runs: UTF-8 validation, the
                    // check, the findings' JSON (the model stays unread).
                    let t = std::str::from_utf8(black_box(text.as_bytes())).unwrap_or_default();
                    black_box(
                        check(t, &opts, None)
                            .to_json_string_part(nianbao_check::OutputPart::WithoutReport),
                    );
                }
                _ => {
                    black_box(check(black_box(text), &opts, None));
                }
            }
        }
    }
}
