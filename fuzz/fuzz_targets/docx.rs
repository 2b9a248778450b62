//! The DOCX reader (zip + WordprocessingML) on any bytes, with small limits
//! half the time: a document or a DocxError, never a panic, never more
//! cells than the limit.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::read::{docx, recognize};
use nianbao_check::Limits;

fuzz_target!(|data: &[u8]| {
    let small = data.len() % 2 == 1;
    let limits = if small {
        Limits {
            max_input_bytes: 1 << 20,
            max_cells: 64,
            max_span: 8,
            max_depth: 8,
        }
    } else {
        Limits::default()
    };
    match docx::read_docx(data, &limits) {
        Ok(doc) => {
            let cells: usize = doc
                .tables()
                .map(|g| g.rows.iter().map(Vec::len).sum::<usize>())
                .sum();
            assert!(cells <= limits.max_cells, "{cells} cells over the limit");
            let _ = recognize::recognize(&doc);
        }
        Err(e) => {
            let d = e.to_diagnostic();
            assert!(!d.message_zh.is_empty() && !d.message_en.is_empty());
        }
    }
    // The raw XML entry point too (document.xml without the zip).
    let _ = docx::read_document_xml(data, &limits);
});
