//! `check_bytes` on any bytes: encoding sniffing (UTF-8, UTF-16 by BOM,
//! GB18030), binary detection, then the whole check path.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::{check_bytes, Options};

fuzz_target!(|data: &[u8]| {
    let out = check_bytes(data, &Options::default(), None);
    assert!(!out.diagnostics.is_empty() || !out.report.tables.is_empty() || out.report.has_prose);
    assert!(!out.to_json_value().is_null());
});
