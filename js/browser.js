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
// - pkg/full, the reader module (HTML tokenizer + DOCX and PDF readers, no
//   recogniser, no rules), loaded only by `checkFile` when it needs it: DOCX
//   or PDF bytes (the report or last year's), or HTML where there is no
//   DOMParser (a Web Worker). It reads the input into a document with every
//   source (byte spans, pages and boxes) and the web module checks that
//   (`checkDocument`): the findings Node's one module gives on the same
//   bytes (tests/reader_module.rs, tests/node/browser-entry.test.js). Once
//   loaded, the synchronous `check` uses it for those inputs too.
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
import { PreparedDocument, createApi, createReader, decode, detectKind, fromBlobs, isBinary, isBytes, needsFull, toU8 } from './core.js';
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
/** @internal Where the reader module came from, undefined while not loaded (tests). */
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

/** Loads the reader module (HTML tokenizer, DOCX and PDF readers) once; concurrent calls share it. */
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
      full = createReader(fullGlue, { instantiate: () => fullGlue.initSync({ module: m }) });
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
 * report itself, or the reader module where there is no DOMParser; a Word
 * file or PDF through the reader module once `checkFile` loaded it. Once
 * per report given (the adapter re-checks on every keystroke with the same
 * one; bytes are taken as they were when first given). Other forms are
 * left to the web module (which says a Word file needs `checkFile`).
 */
function previousForWeb(options) {
  const given = options?.previous;
  if (given === undefined || given === null) return options;
  const l = options?.limits;
  const key = JSON.stringify([l?.maxSpan, l?.maxCells, l?.maxDepth, l?.maxInputBytes, full !== undefined]);
  if (prepared.given !== given || prepared.key !== key) prepared = { given, key, value: prepare(given, options) };
  return prepared.value === given ? options : { ...options, previous: prepared.value };
}

function prepare(prev, options) {
  if (isBytes(prev)) {
    const u8 = toU8(prev);
    if (isBinary(u8)) {
      const read = full?.readFile(u8, options);
      return read === undefined ? prev : PreparedDocument.fromJson(read);
    }
    prev = decode(u8).text;
  }
  if (typeof prev === 'string' && detectKind(prev) === 'html' && !tooLarge(prev, options)) {
    if (typeof DOMParser === 'function') return new PreparedDocument(htmlDocument(prev, options));
    if (full) return PreparedDocument.fromJson(full.readHtml(prev, options));
  }
  return prev;
}

/**
 * Checks one report synchronously (see the header: HTML via DOMParser; DOCX,
 * PDF, and HTML without a DOMParser once `checkFile` loaded the reader module).
 */
export function check(input, options) {
  ensure();
  options = previousForWeb(options);
  if (isBytes(input)) {
    const u8 = toU8(input);
    if (isBinary(u8)) {
      const read = full?.readFile(u8, options);
      return read === undefined ? web.check(u8, options) : web.checkRead(read, options);
    }
    input = decode(u8).text;
  }
  if (typeof input === 'string' && detectKind(input) === 'html' && !tooLarge(input, options)) {
    if (typeof DOMParser === 'function') return web.checkDocument(htmlDocument(input, options), options);
    if (full) return web.checkRead(full.readHtml(input, options), options);
  }
  return web.check(input, options);
}

/** Whether an input or last year's report needs the reader module: a Word file, a PDF, or HTML with no DOMParser. */
function needsReader(x) {
  if (x === undefined || x === null) return false;
  if (isBytes(x)) {
    const u8 = toU8(x);
    if (isBinary(u8)) return needsFull(u8);
    if (typeof DOMParser === 'function') return false;
    x = decode(u8).text;
  }
  return typeof x === 'string' && typeof DOMParser !== 'function' && detectKind(x) === 'html';
}

/**
 * Checks a file (a Blob/File, bytes, or a string), loading the reader module
 * first when the input or last year's report needs it: a Word file or PDF, or HTML
 * with no DOMParser. `options.previous` may be a Blob/File too.
 */
export async function checkFile(input, options) {
  await init();
  [input, options] = await fromBlobs(input, options);
  if (needsReader(input) || needsReader(options?.previous)) await loadFull();
  return check(input, options);
}

/** Checks a document already read into prose and grids (the adapter's DOM reader). */
export function checkDocument(document, options) {
  ensure();
  return web.checkDocument(document, previousForWeb(options));
}

export const { rules, version, __panicForTest } = web;

/** @internal Panics inside the reader module (tests of its restart); it must be loaded. */
export function __fullPanicForTest(message) {
  if (!full) throw new Error('nianbao-check: the reader module is not loaded');
  return full.__panicForTest(message);
}
export { decode };
