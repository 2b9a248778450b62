//! The only file that touches wasm-bindgen: a thin layer over `check`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// `check(input: string, options?: object): object`
#[wasm_bindgen(js_name = check)]
pub fn check_js(input: &str, options: JsValue) -> Result<JsValue, JsError> {
    let opts: crate::Options = if options.is_undefined() || options.is_null() {
        crate::Options::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))?
    };
    let out = crate::check(input, &opts, None);
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    out.to_json_value()
        .serialize(&ser)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// `checkBytes(bytes: Uint8Array, options?: object): object` — a file as
/// picked or read from disk: a .docx goes to the DOCX reader, anything else is
/// read as UTF-8 text.
#[wasm_bindgen(js_name = checkBytes)]
pub fn check_bytes_js(bytes: &[u8], options: JsValue) -> Result<JsValue, JsError> {
    let opts: crate::Options = if options.is_undefined() || options.is_null() {
        crate::Options::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))?
    };
    let out = crate::check_bytes(bytes, &opts, None);
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    out.to_json_value()
        .serialize(&ser)
        .map_err(|e| JsError::new(&e.to_string()))
}

use serde::Serialize;
