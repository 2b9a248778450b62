//! The text reader on any UTF-8 (lossily decoded bytes): it must return a
//! document, never panic, and every cell's source span must lie in the input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::read::{text, Block};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let doc = text::read(&input);
    for b in &doc.blocks {
        if let Block::Table(g) = b {
            for c in g.rows.iter().flatten() {
                if let Some([a, z]) = c.source.span {
                    assert!(a <= z && z as usize <= input.len(), "span out of input");
                    assert!(
                        input.is_char_boundary(a as usize) && input.is_char_boundary(z as usize)
                    );
                }
            }
        }
    }
});
