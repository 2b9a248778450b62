// Browser and bundler entry: `await init()` (alias `ready()`) once, then call
// the API synchronously. init() is idempotent: concurrent and repeated calls
// share one instantiation.
//
// Two wasm modules from the same crate (scripts/build-wasm.sh):
// - pkg/web, loaded by init(): the core (text, JSON, Markdown, grids, the
//   rules). An HTML string is parsed by the browser's own parser (DOMParser)
//   and read by the adapter's DOM grid reader (www/adapter/dom-reader.js),
//   then checked with `checkDocument`: its findings carry table/row/col/
//   ordinal provenance but no byte spans (the DOM has no byte offsets);
// - pkg/full (HTML tokenizer + DOCX and PDF readers), loaded only by `checkFile`
//   when it needs it: DOCX or PDF bytes, or HTML where there is no DOMParser (a Web
//   Worker). Once loaded, the synchronous `check` uses it for those too.
//
// Where a .wasm comes from, with no configuration by the consumer:
// 1. `new URL('../pkg/<web|full>/nianbao_check_bg.wasm', import.meta.url)`:
//    webpack 5, Vite build and plain static servers resolve it and serve the
//    file;
// 2. when that does not answer with a wasm module (Vite's dev server
//    pre-bundles dependencies into another folder, where the URL meets the
//    SPA fallback page), a separate module holding the wasm as base64, loaded
//    by a dynamic import only then (33% larger, so the fallback, not the rule).
// A caller that serves the .wasm files itself may pass them:
// init({ module_or_path: web, full: full }), each a url | Response | bytes |
// WebAssembly.Module.
import * as glue from '../pkg/web/nianbao_check.js';
import { PreparedDocument, createApi, decode, detectKind, fromBlobs, isBinary, isBytes, needsFull, toU8 } from './core.js';
import { collapse, readDocument } from '../www/adapter/dom-reader.js';

let wasmModule;
let pending;
let loadedFrom;
let fullSource;
let full;
let fullPending;
let fullFrom;

/** @internal Where the web module came from: 'url', 'inline' or 'caller' (tests). */
export const __wasmSource = () => loadedFrom;
/** @internal Where the full module came from, undefined while not loaded (tests). */
export const __fullSource = () => fullFrom;

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

/**
 * Compiles a module: the caller's `source`, else the file at `url()`, else
 * the base64 copy from `inline()`. Returns [module, where it came from].
 * (The URLs and imports stay literal at the call sites for the bundlers.)
 */
async function load(source, url, inline) {
  if (source instanceof WebAssembly.Module) return [source, 'caller'];
  if (source === undefined) {
    const bytes = await fetchWasm(url());
    if (bytes) return [await WebAssembly.compile(bytes), 'url'];
    const { wasmBase64 } = await inline();
    return [await WebAssembly.compile(fromBase64(wasmBase64)), 'inline'];
  }
  if (typeof source === 'string' || source instanceof URL || (typeof Request === 'function' && source instanceof Request)) {
    source = await fetch(source);
  }
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`nianbao-check: failed to fetch the wasm: ${source.status} ${source.url}`);
    source = await source.arrayBuffer();
  }
  return [await WebAssembly.compile(source), 'caller'];
}

/** Loads and instantiates the web module once; later and concurrent calls share it. */
export function init(options) {
  if (pending === undefined) {
    const opts = options && typeof options === 'object' && 'module_or_path' in options ? options : { module_or_path: options };
    if (opts.full !== undefined) fullSource = opts.full;
    pending = (async () => {
      const [m, from] = await load(
        opts.module_or_path,
        () => new URL('../pkg/web/nianbao_check_bg.wasm', import.meta.url),
        () => import('../pkg/web/wasm-inline.js'),
      );
      await glue.default({ module_or_path: m });
      wasmModule = m;
      loadedFrom = from;
    })();
    pending.catch(() => {
      pending = undefined;
    });
  }
  return pending;
}
export const ready = init;

function ensure() {
  if (wasmModule === undefined) throw new Error('nianbao-check: call `await init()` before using the API');
}

const web = createApi(glue, { instantiate: () => glue.initSync({ module: wasmModule }), ensure });

/** Loads the full module (HTML tokenizer, DOCX and PDF readers) once; concurrent calls share it. */
function loadFull() {
  if (fullPending === undefined) {
    fullPending = (async () => {
      const [fullGlue, [m, from]] = await Promise.all([
        import('../pkg/full/nianbao_check.js'),
        load(
          fullSource,
          () => new URL('../pkg/full/nianbao_check_bg.wasm', import.meta.url),
          () => import('../pkg/full/wasm-inline.js'),
        ),
      ]);
      await fullGlue.default({ module_or_path: m });
      full = createApi(fullGlue, { instantiate: () => fullGlue.initSync({ module: m }), ensure() {} });
      fullFrom = from;
    })();
    fullPending.catch(() => {
      fullPending = undefined;
    });
  }
  return fullPending;
}

/** Reads an HTML string with the browser's parser into the grid document `checkDocument` takes. */
function htmlDocument(html, options) {
  const parsed = new DOMParser().parseFromString(html, 'text/html'); // inert: nothing runs or loads
  const given = (options && options.limits) || {};
  const limits = {};
  if (given.maxSpan !== undefined) limits.maxSpan = given.maxSpan;
  if (given.maxCells !== undefined) limits.maxCells = given.maxCells;
  const { document } = readDocument(parsed, limits);
  // The grid reader skips <head>; the title names the body and the year.
  const title = collapse(parsed.querySelector('title')?.textContent ?? '');
  if (title) document.blocks.unshift({ type: 'para', text: title, source: { kind: 'html' } });
  return document;
}

/** Over the input size limit: left to the module, which reports it. */
function tooLarge(text, options) {
  const max = options?.limits?.maxInputBytes ?? 64 * 1024 * 1024;
  return text.length * 3 > max && new TextEncoder().encode(text).length > max;
}

/** The last previous-year report given, and what the web module is handed for it. */
let prepared = { given: undefined, key: undefined, value: undefined };

/**
 * Last year's report in a form the web module reads: an HTML string (or
 * text bytes holding HTML) goes through the browser's parser like the
 * report itself, once per report given (the adapter re-checks on every
 * keystroke with the same one; bytes are taken as they were when first
 * given). Other forms are left to the module.
 */
function previousForWeb(options) {
  const given = options?.previous;
  if (given === undefined || given === null) return options;
  const key = JSON.stringify([options?.limits?.maxSpan, options?.limits?.maxCells]);
  if (prepared.given !== given || prepared.key !== key) prepared = { given, key, value: prepare(given, options) };
  return prepared.value === given ? options : { ...options, previous: prepared.value };
}

function prepare(prev, options) {
  if (isBytes(prev)) {
    const u8 = toU8(prev);
    if (isBinary(u8)) return prev;
    prev = decode(u8).text;
  }
  if (typeof prev === 'string' && detectKind(prev) === 'html' && !tooLarge(prev, options) && typeof DOMParser === 'function') {
    return new PreparedDocument(htmlDocument(prev, options));
  }
  return prev;
}

/** A Word file or PDF given as last year's report (read by the full module only). */
function wordPrevious(options) {
  const prev = options?.previous;
  return prev !== undefined && prev !== null && isBytes(prev) && needsFull(toU8(prev));
}

/** Checks one report synchronously (see the header: HTML via DOMParser; DOCX and PDF once `checkFile` loaded the full module). */
export function check(input, options) {
  ensure();
  if (full && wordPrevious(options)) return full.check(input, options);
  if (isBytes(input)) {
    const u8 = toU8(input);
    if (isBinary(u8)) return full ? full.check(u8, options) : web.check(u8, previousForWeb(options));
    input = decode(u8).text;
  }
  if (typeof input === 'string' && detectKind(input) === 'html' && !tooLarge(input, options)) {
    if (typeof DOMParser === 'function') return web.checkDocument(htmlDocument(input, options), previousForWeb(options));
    if (full) return full.check(input, options);
  }
  return web.check(input, previousForWeb(options));
}

/**
 * Checks a file (a Blob/File, bytes, or a string), loading the full module
 * first when the input or last year's report needs it: a Word file or PDF, or HTML
 * with no DOMParser. `options.previous` may be a Blob/File too.
 */
export async function checkFile(input, options) {
  await init();
  [input, options] = await fromBlobs(input, options);
  if (wordPrevious(options)) await loadFull();
  if (isBytes(input)) {
    const u8 = toU8(input);
    if (isBinary(u8)) {
      if (needsFull(u8)) await loadFull();
      return check(u8, options);
    }
    input = decode(u8).text;
  }
  if (typeof input === 'string' && typeof DOMParser !== 'function' && detectKind(input) === 'html') await loadFull();
  return check(input, options);
}

/** Checks a document already read into prose and grids (the adapter's DOM reader). */
export function checkDocument(document, options) {
  ensure();
  if (full && wordPrevious(options)) return full.checkDocument(document, options);
  return web.checkDocument(document, previousForWeb(options));
}

export const { rules, version, __panicForTest } = web;
export { decode };
