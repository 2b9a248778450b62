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

use serde::Serialize;
