//! The browsers' reader module (`pkg/full`): a Word file, a PDF, or HTML
//! where there is no DOMParser (a Web Worker) read into the JSON of a
//! [`ReadResult`](crate::read::ReadResult) — the document with every
//! source (byte spans, pages, boxes), the reader's issues, or why the input
//! could not be read — which js/browser.js hands to the web module's
//! `checkDocument`. tests/reader_module.rs holds the two halves to what one
//! module gives on the same input.
//!
//! The limits come as numbers (`options.limits`' fields, `undefined` for
//! the default): reading them needs no JSON parser here. The web module
//! validates the options themselves when it checks the result.

use crate::api::Limits;
use crate::Options;
use wasm_bindgen::prelude::*;

/// A limit as given: a whole number ≥ 0, else (absent, negative,
/// fractional, not finite) the default, which the web module then refuses
/// as an invalid option when it is not absent.
fn limit(given: Option<f64>, default: usize) -> usize {
    match given {
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => {
            if n >= usize::MAX as f64 {
                usize::MAX
            } else {
                n as usize
            }
        }
        _ => default,
    }
}

fn options(
    max_input_bytes: Option<f64>,
    max_cells: Option<f64>,
    max_span: Option<f64>,
    max_depth: Option<f64>,
) -> Options {
    let d = Limits::default();
    let span = limit(max_span, d.max_span as usize);
    Options {
        limits: Limits {
            max_input_bytes: limit(max_input_bytes, d.max_input_bytes),
            max_cells: limit(max_cells, d.max_cells),
            max_span: u32::try_from(span).unwrap_or(u32::MAX),
            max_depth: limit(max_depth, d.max_depth),
        },
        ..Options::default()
    }
}

/// Reads a Word file or a PDF; `undefined` for bytes that are neither.
#[wasm_bindgen(js_name = readFile)]
pub fn read_file_js(
    bytes: &[u8],
    max_input_bytes: Option<f64>,
    max_cells: Option<f64>,
    max_span: Option<f64>,
    max_depth: Option<f64>,
) -> Option<String> {
    let opts = options(max_input_bytes, max_cells, max_span, max_depth);
    crate::read_file_result(bytes, &opts).map(|r| r.to_json_string())
}

/// Reads an HTML string (refused as `check` refuses it: over the size
/// limit, binary, empty).
#[wasm_bindgen(js_name = readHtml)]
pub fn read_html_js(
    input: &str,
    max_input_bytes: Option<f64>,
    max_cells: Option<f64>,
    max_span: Option<f64>,
    max_depth: Option<f64>,
) -> String {
    let opts = options(max_input_bytes, max_cells, max_span, max_depth);
    crate::read_html_result(input, &opts).to_json_string()
}
