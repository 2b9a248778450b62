//! The canonical JSON reader on any bytes: a report or a JsonError, never a
//! panic; what it reads must serialise back to JSON. The exact-number
//! rewrite (numbers that f64 would change become strings of their digits)
//! never turns valid JSON into invalid JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::read::json;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    if serde_json::from_str::<Value>(&input).is_ok() {
        let exact = json::exact_numbers(&input);
        assert!(serde_json::from_str::<Value>(&exact).is_ok(), "{exact}");
    }
    if let Ok(report) = json::read_str(&input) {
        assert!(serde_json::to_string(&report).is_ok());
    }
});
