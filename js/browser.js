// Browser and bundler entry: `await init()` (alias `ready()`) once, then call
// the API synchronously. init() is idempotent: concurrent and repeated calls
// share one instantiation.
//
// The .wasm comes from a separate module as base64 (loaded by a dynamic
// import, so it is its own chunk): bundlers and dev servers need no
// configuration for it (Vite's dev pre-bundling breaks
// `new URL('x.wasm', import.meta.url)` inside dependencies). A caller that
// serves the .wasm itself may pass it: init({ module_or_path: url | Response |
// bytes | WebAssembly.Module }).
import * as glue from '../pkg/nianbao_check.js';
import { createApi } from './core.js';

let wasmModule;
let pending;

function fromBase64(b64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const s = atob(b64);
  const u8 = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i);
  return u8;
}

async function load(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source === undefined) {
    const { wasmBase64 } = await import('../pkg/wasm-inline.js');
    return WebAssembly.compile(fromBase64(wasmBase64));
  }
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
