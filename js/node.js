// Node entry: the module is compiled and instantiated synchronously at import,
// so `import { check } from 'nianbao-check'` needs no init call.
import { readFileSync } from 'node:fs';
import * as glue from '../pkg/nianbao_check.js';
import { createApi } from './core.js';

const wasmModule = new WebAssembly.Module(readFileSync(new URL('../pkg/nianbao_check_bg.wasm', import.meta.url)));
const instantiate = () => glue.initSync({ module: wasmModule });
instantiate();

const api = createApi(glue, { instantiate, ensure() {} });

export const { check, checkDocument, rules, version, decode, __panicForTest } = api;

/** Already initialised in Node; kept so code shared with browsers can await it. */
export async function init() {}
export const ready = init;

/** @internal Where the module came from (tests). */
export const __wasmSource = () => 'file';
