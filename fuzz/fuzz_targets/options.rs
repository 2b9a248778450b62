//! What the wasm layer takes from JavaScript as JSON: options and a
//! document read by the hand readers (src/json_in.rs), on any JSON. Never
//! a panic; a document that reads is checked with the options that read.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::read::Document;
use nianbao_check::{check_document_with, Options};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<Value>(data) else {
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
