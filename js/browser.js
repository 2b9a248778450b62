// Browser and bundler entry: `await init()` (alias `ready()`) once, then call
// the API synchronously. init() is idempotent: concurrent and repeated calls
// share one instantiation.
//
// Where the .wasm comes from, with no configuration by the consumer:
// 1. `new URL('../pkg/nianbao_check_bg.wasm', import.meta.url)`: webpack 5,
//    Vite build and plain static servers resolve it and serve the file;
// 2. when that does not answer with a wasm module (Vite's dev server
//    pre-bundles dependencies into another folder, where the URL meets the
//    SPA fallback page), a separate module holding the wasm as base64, loaded
//    by a dynamic import only then (33% larger, so the fallback, not the rule).
// A caller that serves the .wasm itself may pass it:
// init({ module_or_path: url | Response | bytes | WebAssembly.Module }).
import * as glue from '../pkg/nianbao_check.js';
import { createApi } from './core.js';

let wasmModule;
let pending;
let loadedFrom;

/** @internal Where the module came from: 'url', 'inline' or 'caller' (tests). */
export const __wasmSource = () => loadedFrom;

function fromBase64(b64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const s = atob(b64);
  const u8 = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i);
  return u8;
}

/** The bytes at `url` when they are a wasm module; null otherwise (no throw). */
async function fetchWasm(url) {
  try {
    const res = await fetch(url);
    if (!res.ok) return null;
    const bytes = new Uint8Array(await res.arrayBuffer());
    return bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d ? bytes : null;
  } catch {
    return null;
  }
}

async function load(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source === undefined) {
    const bytes = await fetchWasm(new URL('../pkg/nianbao_check_bg.wasm', import.meta.url));
    if (bytes) {
      loadedFrom = 'url';
      return WebAssembly.compile(bytes);
    }
    const { wasmBase64 } = await import('../pkg/wasm-inline.js');
    loadedFrom = 'inline';
    return WebAssembly.compile(fromBase64(wasmBase64));
  }
  loadedFrom = 'caller';
  if (typeof source === 'string' || source instanceof URL || (typeof Request === 'function' && source instanceof Request)) {
    source = await fetch(source);
  }
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`nianbao-check: failed to fetch the wasm: ${source.status} ${source.url}`);
    source = await source.arrayBuffer();
  }
  return WebAssembly.compile(source);
}

/** Loads and instantiates the module once; later and concurrent calls share it. */
export function init(options) {
  if (pending === undefined) {
    const source = options && typeof options === 'object' && 'module_or_path' in options ? options.module_or_path : options;
    pending = (async () => {
      const m = await load(source);
      await glue.default({ module_or_path: m });
      wasmModule = m;
    })();
    pending.catch(() => {
      pending = undefined;
    });
  }
  return pending;
}
export const ready = init;

const api = createApi(glue, {
  instantiate: () => glue.initSync({ module: wasmModule }),
  ensure() {
    if (wasmModule === undefined) throw new Error('nianbao-check: call `await init()` before using the API');
  },
});

export const { check, checkDocument, rules, version, decode, __panicForTest } = api;
