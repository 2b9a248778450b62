//! What the wasm layer takes from JavaScript as JSON: options and a
//! document read by the hand readers (src/json_in.rs), on any JSON. Never
//! a panic; a document that reads is checked with the options that read.
//! Input that is not JSON is read as the compact document form
//! (`Document::from_compact`, what js/core.js sends for grids).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::read::Document;
use nianbao_check::{check_document_with, Options};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<Value>(data) else {
        let text = String::from_utf8_lossy(data);
        let mut compact = String::from('\u{1}');
        compact.push_str(&text);
        if let Some(doc) = Document::from_compact(&compact) {
            let out = check_document_with(&doc, &Options::default(), None);
            assert!(!out.to_json_value().is_null());
        }
        return;
    };
    let opts = Options::from_json(&v).unwrap_or_default();
    let opts = Options {
        // Keep each run bounded whatever the limits say.
        limits: nianbao_check::Limits {
            max_cells: opts.limits.max_cells.min(100_000),
            ..opts.limits
        },
        ..opts
    };
    if let Ok(doc) = Document::from_json(&v) {
        let out = check_document_with(&doc, &opts, None);
        assert!(!out.to_json_value().is_null());
    }
});
