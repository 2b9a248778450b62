//! The HTML reader on any bytes, with small limits so the limit paths are
//! fuzzed too: a document and read issues, never a panic; every grid is
//! rectangular-or-ragged but within the cell limit, spans within the input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::read::{html, recognize, Block};
use nianbao_check::Limits;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    // Small limits (first byte picks them) reach the over-limit paths.
    let small = data.first().is_some_and(|b| b & 1 == 1);
    let limits = if small {
        Limits {
            max_cells: 64,
            max_span: 8,
            max_depth: 8,
            ..Limits::default()
        }
    } else {
        Limits::default()
    };
    let (doc, _issues) = html::read_with(&input, &limits);
    let mut cells = 0usize;
    for b in &doc.blocks {
        if let Block::Table(g) = b {
            for c in g.rows.iter().flatten() {
                cells += 1;
                if let Some([a, z]) = c.source.span {
                    assert!(a <= z && z as usize <= input.len(), "span out of input");
                }
            }
        }
    }
    assert!(cells <= limits.max_cells, "{cells} cells over the limit");
    let _ = recognize::recognize(&doc);
});
