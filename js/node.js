// Node entry: one module with every reader (HTML tokenizer with byte spans, DOCX
// and PDF readers) and the rules, built for speed, not size (pkg/node: opt-level 3;
// the download size does not matter here, a check takes about half the time),
// compiled and instantiated synchronously at import, so `import { check } from
// 'nianbao-check'` needs no init call.
import { readFileSync } from 'node:fs';
import * as glue from '../pkg/node/nianbao_check.js';
import { createApi, fromBlobs } from './core.js';

const wasmModule = new WebAssembly.Module(readFileSync(new URL('../pkg/node/nianbao_check_bg.wasm', import.meta.url)));
const instantiate = () => glue.initSync({ module: wasmModule });
instantiate();

const api = createApi(glue, { instantiate, ensure() {} });

export const { check, checkDocument, rules, version, decode, __panicForTest } = api;

/** Checks a file (a Blob, bytes or a string): in Node the same as `check`, as a promise. */
export async function checkFile(input, options) {
  [input, options] = await fromBlobs(input, options);
  return check(input, options);
}

/** Already initialised in Node; kept so code shared with browsers can await it. */
export async function init() {}
export const ready = init;

/** @internal Where the module came from (tests). */
export const __wasmSource = () => 'file';
/** @internal Node's one module holds the readers (tests). */
export const __fullSource = () => 'file';
/** @internal In Node the one module holds the readers: a panic there (tests). */
export const __fullPanicForTest = (message) => api.__panicForTest(message);
/** @internal Rust's `detect()` (tests of js/core.js `detectKind`). */
export const __detect = (input) => glue.__detect(input);
