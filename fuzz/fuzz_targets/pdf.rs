//! The PDF reader on any bytes, with small limits half the time: a document
//! or a PdfError, never a panic, never more cells than the limit; every
//! document read goes through the recogniser, every error has both
//! messages.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nianbao_check::read::{pdf, recognize};
use nianbao_check::Limits;

fuzz_target!(|data: &[u8]| {
    let small = data.len() % 2 == 1;
    let limits = if small {
        Limits {
            max_input_bytes: 1 << 16,
            max_cells: 64,
            max_span: 8,
            max_depth: 8,
        }
    } else {
        Limits::default()
    };
    // Inputs need not start with %PDF-: the reader finds it in the first
    // kilobyte, or says the file is not a PDF.
    match pdf::read_pdf(data, &limits) {
        Ok(doc) => {
            let cells: usize = doc
                .tables()
                .map(|g| g.rows.iter().map(Vec::len).sum::<usize>())
                .sum();
            assert!(cells <= limits.max_cells, "{cells} cells over the limit");
            for g in doc.tables() {
                for row in &g.rows {
                    for c in row {
                        assert!(c.source.page.is_some() && c.source.bbox.is_some());
                    }
                }
            }
            let _ = recognize::recognize(&doc);
        }
        Err(e) => {
            let d = e.to_diagnostic();
            assert!(!d.message_zh.is_empty() && !d.message_en.is_empty());
        }
    }
});
