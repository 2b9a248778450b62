//! The only files that touch wasm-bindgen: a thin layer over the core.
//!
//! One crate, two kinds of module (scripts/build-wasm.sh):
//! - the checking modules (`pkg/web` browsers load at `init()`, `pkg/node`):
//!   [`check`]'s exports, every reader the build has, the recogniser and
//!   the rules;
//! - the browsers' reader module (`pkg/full`, feature `wasm-reader-only`):
//!   [`reader`]'s exports only — the HTML tokenizer and the DOCX and PDF
//!   readers turning an input into a [`ReadResult`](crate::read::ReadResult)
//!   as JSON, which the web module's `checkDocument` checks. With no
//!   recogniser and no rules in it, it is the readers' size alone.
//!
//! Both have the panic hook, `version()` and `__panicForTest()`.

#[cfg(not(feature = "wasm-reader-only"))]
mod check;
#[cfg(feature = "wasm-reader-only")]
mod reader;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    // Record the panic message where the JS entry finds it after the trap
    // (`globalThis[Symbol.for("nianbao-check.panic")]`), then log it.
    std::panic::set_hook(Box::new(|info| {
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &js_sys::Symbol::for_("nianbao-check.panic"),
            &JsValue::from_str(&info.to_string()),
        );
        console_error_panic_hook::hook(info);
    }));
}

/// The package version (the crate's).
#[wasm_bindgen(js_name = version)]
pub fn version_js() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Panics on purpose: lets the tests prove a panic leaves the module usable.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTest)]
pub fn panic_for_test(message: &str) {
    panic!("deliberate panic for tests: {message}");
}
