//! The recogniser on any document a host may send (the browser adapter sends
//! a serialised `Document`), run through `check_document` and every rule.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::{check_document, read::Document, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = serde_json::from_slice::<Document>(data) else {
        // Not a serialised document: read the bytes as text instead, so the
        // corpus of real reports exercises the recogniser too.
        let input = String::from_utf8_lossy(data);
        let doc = nianbao_check::read::text::read(&input);
        let _ = nianbao_check::read::recognize::recognize(&doc);
        return;
    };
    let out = check_document(&doc, &Options::default(), None);
    let _ = out.to_json_value();
});
