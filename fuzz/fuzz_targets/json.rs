//! The canonical JSON reader on any bytes: a report or a JsonError, never a
//! panic; what it reads must serialise back to JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::read::json;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    if let Ok(report) = json::read_str(&input) {
        assert!(serde_json::to_string(&report).is_ok());
    }
});
