//! The Markdown reader on any bytes, then the recogniser: never a panic,
//! never more cells than the limit.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::read::{markdown, recognize};
use nianbao_check::Limits;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let small = data.first().is_some_and(|b| b & 1 == 1);
    let limits = if small {
        Limits {
            max_cells: 64,
            ..Limits::default()
        }
    } else {
        Limits::default()
    };
    let (doc, _issues) = markdown::read_with(&input, &limits);
    let cells: usize = doc.tables().map(|g| g.rows.iter().map(Vec::len).sum::<usize>()).sum();
    assert!(cells <= limits.max_cells, "{cells} cells over the limit");
    let _ = recognize::recognize(&doc);
});
