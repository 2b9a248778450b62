//! Inputs that once crashed, hung or blew up (found by fuzzing or by the
//! hostile suite), kept in `tests/regressions/cases/` and run on every test.
//!
//! A case's name starts with the fuzz target that found it and says how it
//! is fed, as that target does:
//! - `recognize-*`: a serialised `Document` (what the browser adapter sends)
//!   through `check_document`;
//! - `check-*`: the first byte picks options (bit 0 English, bits 1–2 the
//!   empty-cell policy, bit 3 split at the first 0xFF into report and
//!   previous year), the rest is the input, lossily decoded, through `check`;
//! - `docx-*`, `pdf-*` and `bytes-*`: the bytes as a file gives them, through
//!   `check_bytes`;
//! - anything else (`text-*`, `json-*`, `html-*`, `markdown-*`): the bytes,
//!   lossily decoded, through `check`.
//!
//! Every case must end with at least one diagnostic, serialise, and finish
//! well inside a generous bound (a safety net against hangs, not a timing
//! claim). To add one: copy `fuzz/artifacts/<target>/crash-…` here as
//! `<target>-<what it broke>`.

use nianbao_check::{
    check, check_bytes, check_document, read::Document, EmptyPolicy, Options, Output,
};
use std::path::Path;
use std::time::{Duration, Instant};

fn run_case(name: &str, bytes: &[u8]) -> Output {
    if name.starts_with("recognize-") {
        let doc: Document = serde_json::from_slice(bytes)
            .unwrap_or_else(|e| panic!("{name}: not a serialised Document: {e}"));
        return check_document(&doc, &Options::default(), None);
    }
    if name.starts_with("docx-") || name.starts_with("pdf-") || name.starts_with("bytes-") {
        return check_bytes(bytes, &Options::default(), None);
    }
    let (flags, rest) = if name.starts_with("check-") {
        match bytes.split_first() {
            Some((f, r)) => (*f, r),
            None => (0, bytes),
        }
    } else {
        (0, bytes)
    };
    let mut opts = Options::default();
    if flags & 1 != 0 {
        opts.locale = Some("en".into());
    }
    opts.empty = match (flags >> 1) & 3 {
        1 => EmptyPolicy::Zero,
        2 => EmptyPolicy::Skip,
        _ => EmptyPolicy::ZeroIfAny,
    };
    let (input, previous) = match rest.iter().position(|b| *b == 0xff) {
        Some(i) if flags & 8 != 0 => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    let input = String::from_utf8_lossy(input);
    let previous = previous.map(String::from_utf8_lossy);
    check(&input, &opts, previous.as_deref())
}

#[test]
fn every_kept_case_ends_in_a_diagnostic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions/cases");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/regressions/cases")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    assert!(
        !names.is_empty(),
        "no regression cases in {}",
        dir.display()
    );
    for path in &names {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let bytes = std::fs::read(path).expect("case");
        let start = Instant::now();
        let out = run_case(name, &bytes);
        let took = start.elapsed();
        eprintln!("{name}: {} diagnostics in {took:?}", out.diagnostics.len());
        assert!(!out.diagnostics.is_empty(), "{name}: no diagnostic");
        assert!(
            !out.to_json_value().is_null(),
            "{name}: output must serialise"
        );
        assert!(took < Duration::from_secs(10), "{name}: took {took:?}");
    }
}
