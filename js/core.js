// The API both entries share: input normalisation (bytes → text with the
// right encoding, objects → canonical JSON model), and recovery from a trap.
//
// A Rust panic on wasm32 traps (`RuntimeError: unreachable`) and may leave
// the instance's memory half-updated. The wrapper then drops that instance,
// instantiates the already compiled module anew (synchronous, ~1 ms) and
// throws an Error the caller can read; the next call runs on a fresh instance.
import { RULE_DOCS } from './rule-docs.js';

const PANIC_SLOT = Symbol.for('nianbao-check.panic');

/**
 * Last year's report already read into a document and serialised once
 * (the browser entry keeps one per HTML string, so a re-check on every
 * keystroke does not parse last year's page again).
 */
export class PreparedDocument {
  constructor(document) {
    this.json = compactDocument(document) ?? JSON.stringify(document);
  }

  /** One the reader module already wrote (its `readFile`/`readHtml` JSON). */
  static fromJson(json) {
    const p = Object.create(PreparedDocument.prototype);
    p.json = json;
    return p;
  }
}

// The compact text `checkDocument` sends a document as (read by Rust's
// `Document::from_compact`, src/json_in.rs, which documents the format):
// parsing a grid's JSON into a map per cell was half of a re-check in the
// browser. Only a document this writes exactly as the JSON path reads it
// goes this way; anything else (a byte span or a path in a source, a value
// of an unexpected type, a text holding U+0000–U+0006) goes as JSON, which
// also gives the errors.
const COMPACT_KINDS = new Set(['text', 'json', 'html', 'markdown', 'docx', 'pdf']);
const COMPACT_CONTROL = /[\u0000-\u0006]/;
const absent = (v) => v === undefined || v === null;

function compactInt(v) {
  if (absent(v)) return '';
  return Number.isInteger(v) && v >= 0 && v <= 0xffffffff ? String(v) : null;
}

function compactKind(v) {
  if (absent(v)) return '';
  return typeof v === 'string' && COMPACT_KINDS.has(v) ? v : null;
}

function compactText(v, required) {
  if (absent(v)) return required ? null : '';
  return typeof v === 'string' && !COMPACT_CONTROL.test(v) ? v : null;
}

function compactSource(s) {
  if (absent(s)) return '';
  if (typeof s !== 'object' || Array.isArray(s)) return null;
  if (!absent(s.path) || !absent(s.span) || !absent(s.bbox)) return null;
  // Concatenated field by field (no array and join per cell: this runs for
  // every cell on every keystroke).
  let out = compactKind(s.kind);
  if (out === null) return null;
  for (const v of [s.line, s.table, s.row, s.col, s.ordinal, s.paragraph, s.page]) {
    const f = compactInt(v);
    if (f === null) return null;
    out += ',' + f;
  }
  return out;
}

/** A document in the compact form, or undefined when it has to go as JSON. */
export function compactDocument(doc) {
  if (absent(doc) || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const kind = compactKind(doc.kind);
  if (kind === null) return undefined;
  const out = ['\u0001', kind];
  const blocks = doc.blocks;
  if (!absent(blocks)) {
    if (!Array.isArray(blocks)) return undefined;
    for (const b of blocks) {
      if (absent(b) || typeof b !== 'object' || Array.isArray(b)) return undefined;
      const source = compactSource(b.source);
      if (source === null) return undefined;
      if (b.type === 'para') {
        const text = compactText(b.text, true);
        if (text === null) return undefined;
        out.push('\u0002', text, '\u0003', source);
      } else if (b.type === 'table') {
        const index = compactInt(b.index);
        if (index === null) return undefined;
        out.push('\u0004', index, '\u0003', source);
        if (absent(b.rows)) continue;
        if (!Array.isArray(b.rows)) return undefined;
        for (const row of b.rows) {
          if (!Array.isArray(row)) return undefined;
          out.push('\u0005');
          for (const c of row) {
            if (absent(c) || typeof c !== 'object' || Array.isArray(c)) return undefined;
            const text = compactText(c.text, false);
            const cs = compactSource(c.source);
            const origin = absent(c.origin) ? '' : c.origin === true ? '1' : c.origin === false ? '0' : null;
            const col = compactInt(c.col);
            const colStart = compactInt(c.colStart);
            const colspan = compactInt(c.colspan);
            const rowStart = compactInt(c.rowStart);
            if (text === null || cs === null || origin === null || col === null || colStart === null || colspan === null || rowStart === null) return undefined;
            out.push('\u0006' + text + '\u0003' + col + ',' + origin + ',' + colStart + ',' + colspan + ',' + rowStart + '\u0003' + cs);
          }
        }
      } else {
        return undefined;
      }
    }
  }
  return out.join('');
}

/** `checkFile`'s input and `options.previous` read into bytes when they are Blobs (Files). */
export async function fromBlobs(input, options) {
  const bytes = async (x) => (typeof Blob === 'function' && x instanceof Blob ? new Uint8Array(await x.arrayBuffer()) : x);
  input = await bytes(input);
  if (options?.previous != null) options = { ...options, previous: await bytes(options.previous) };
  return [input, options];
}

/** Decodes report bytes: BOM, then a `<meta charset>` in the head, then strict UTF-8, else GB18030. */
export function decode(bytes) {
  const u8 = toU8(bytes);
  if (u8[0] === 0xef && u8[1] === 0xbb && u8[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(u8), encoding: 'utf-8' };
  if (u8[0] === 0xff && u8[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(u8), encoding: 'utf-16le' };
  if (u8[0] === 0xfe && u8[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(u8), encoding: 'utf-16be' };
  const label = metaCharset(u8);
  if (label) {
    const encoding = /^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(label) ? 'gb18030' : label;
    try {
      return { text: new TextDecoder(encoding).decode(u8), encoding };
    } catch {
      // An unknown label: fall through to the guesses below.
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(u8), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(u8), encoding: 'gb18030' };
  }
}

/** The `<meta charset>` label in the first 4096 bytes, lowercased, or undefined. */
function metaCharset(u8) {
  return /<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_-]+)/i.exec(latin1(u8.subarray(0, 4096)))?.[1].toLowerCase();
}

/**
 * True when `decode` would read the bytes as UTF-8 if they are valid UTF-8:
 * no byte-order mark, no `<meta charset>` other than UTF-8. Such bytes go to
 * the wasm as they are (`checkUtf8`, in Node's module), without a round trip
 * through a JS string.
 */
function utf8Candidate(u8) {
  if ((u8[0] === 0xef && u8[1] === 0xbb && u8[2] === 0xbf) || (u8[0] === 0xff && u8[1] === 0xfe) || (u8[0] === 0xfe && u8[1] === 0xff)) return false;
  const label = metaCharset(u8);
  return label === undefined || label === 'utf-8' || label === 'utf8';
}

/** True for bytes that are not text: a Word file (zip, OLE), a PDF, or NUL bytes without a UTF-16 BOM. */
export function isBinary(bytes) {
  const u8 = toU8(bytes);
  if (isWordFile(u8) || isPdfFile(u8)) return true;
  if ((u8[0] === 0xff && u8[1] === 0xfe) || (u8[0] === 0xfe && u8[1] === 0xff)) return false;
  return u8.subarray(0, 8192).indexOf(0) !== -1;
}

/** True for a Word file (zip, or an OLE compound file: encrypted .docx, legacy .doc), as Rust's `is_word_file`. */
export function isWordFile(bytes) {
  const u8 = toU8(bytes);
  const pk = u8[0] === 0x50 && u8[1] === 0x4b;
  if (pk && ((u8[2] === 3 && u8[3] === 4) || (u8[2] === 5 && u8[3] === 6))) return true;
  return [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => u8[i] === b);
}

/** True for a PDF: `%PDF-` within the first 1,024 bytes, as Rust's `is_pdf_file`. */
export function isPdfFile(bytes) {
  const u8 = toU8(bytes);
  const n = Math.min(u8.length, 1024) - 5;
  for (let i = 0; i <= n; i++) {
    if (u8[i] === 0x25 && u8[i + 1] === 0x50 && u8[i + 2] === 0x44 && u8[i + 3] === 0x46 && u8[i + 4] === 0x2d) return true;
  }
  return false;
}

/** True for a Word file or a PDF: read by Node's module, or in browsers by the reader module. */
export function needsFull(bytes) {
  const u8 = toU8(bytes);
  return isWordFile(u8) || isPdfFile(u8);
}

// Rust's `char::is_whitespace` (Unicode White_Space), for `str::trim_start`:
// JS's \s differs (it has U+FEFF, lacks U+0085).
const RUST_WS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

/**
 * The kind of a report string, exactly as the Rust `detect()` (src/lib.rs)
 * decides it: JSON first, then the HTML heuristics, Markdown, text. The
 * browser entry uses it to send HTML to the browser's own parser; the tests
 * hold the two to the same answers.
 */
export function detectKind(input) {
  const head = input.replace(/^[\ufeff \t\r\n]+/, '');
  if (head.startsWith('{')) return 'json';
  // The first 4096 characters (code points), ASCII-lowercased.
  let n = 0;
  let end = 0;
  for (const ch of head) {
    if (n++ === 4096) break;
    end += ch.length;
  }
  const sample = head.slice(0, end).replace(/[A-Z]+/g, (m) => m.toLowerCase());
  if (
    head.startsWith('<') ||
    sample.includes('<table') ||
    sample.includes('<html') ||
    sample.includes('<p') ||
    sample.includes('<div') ||
    input.includes('<table') ||
    input.includes('<TABLE')
  ) {
    return 'html';
  }
  const lines = input.split('\n');
  let pipes = 0;
  for (const l of lines) if (l.replace(RUST_WS, '').startsWith('|') && ++pipes === 3) break;
  if (pipes >= 3 && !lines.some((l) => l.startsWith('\t'))) return 'markdown';
  return 'text';
}

export function isBytes(x) {
  return x instanceof Uint8Array || x instanceof ArrayBuffer || ArrayBuffer.isView(x);
}

export function toU8(x) {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
}

// windows-1252, which maps bytes 0x80–0x9F to other non-ASCII characters
// than ISO-8859-1 does: the same matches for the ASCII-only pattern above
// (a case-insensitive match without the `u` flag never maps a non-ASCII
// character to an ASCII one), and decoding is native.
const LATIN1 = new TextDecoder('latin1');
function latin1(u8) {
  return LATIN1.decode(u8);
}

/**
 * Runs `f` on the module; after a trap (a Rust panic) drops the instance,
 * instantiates the module anew and throws an Error naming the panic.
 */
function guardian(glue, { instantiate, ensure }) {
  return function guarded(f) {
    ensure();
    try {
      return f();
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        const detail = globalThis[PANIC_SLOT];
        delete globalThis[PANIC_SLOT];
        glue.__wbg_reset();
        instantiate();
        const err = new Error(`nianbao-check internal error: ${detail || e.message}; the module was restarted`);
        err.name = 'NianbaoCheckError';
        err.cause = e;
        throw err;
      }
      if (e instanceof Error) throw e;
      throw new Error(String(e));
    }
  };
}

/**
 * The browsers' reader module (pkg/full: the HTML tokenizer, the DOCX and
 * PDF readers; no rules): reads an input into the JSON the web module's
 * `checkDocument` takes (the API's `checkRead`). `options.limits` go as
 * numbers; the web module validates the options when it checks.
 */
export function createReader(glue, { instantiate }) {
  const guarded = guardian(glue, { instantiate, ensure() {} });
  const num = (v) => (typeof v === 'number' ? v : undefined);
  const limits = (options) => {
    const l = options !== null && typeof options === 'object' ? options.limits : undefined;
    const o = l !== null && typeof l === 'object' ? l : {};
    return [num(o.maxInputBytes), num(o.maxCells), num(o.maxSpan), num(o.maxDepth)];
  };
  return {
    /** A Word file or a PDF read; undefined for other bytes. */
    readFile: (u8, options) => guarded(() => glue.readFile(u8, ...limits(options))),
    /** An HTML string read (as `check` reads it, without the rules). */
    readHtml: (text, options) => guarded(() => glue.readHtml(text, ...limits(options))),
    __panicForTest: (message = 'test') => guarded(() => glue.__panicForTest(String(message))),
  };
}

/**
 * Builds the API over the wasm-bindgen glue. `instantiate()` makes a fresh
 * instance synchronously; `ensure()` throws when the module is not ready yet.
 */
export function createApi(glue, { instantiate, ensure }) {
  const guarded = guardian(glue, { instantiate, ensure });

  /**
   * Splits `previous` off the options into the arguments the module takes:
   * [options, text, bytes, isDocument]. Text bytes are decoded here
   * (TextDecoder knows GBK; the wasm does not); a Word file or other binary
   * bytes go as bytes (Node's module reads them; the web module says to
   * use checkFile, which reads them in the reader module); a Document (an object with `blocks`, as the browser's
   * DOM reader makes) and a canonical-model object go as their JSON.
   */
  function split(options) {
    if (options?.previous instanceof PreparedDocument) {
      const { previous, ...rest } = options;
      return [rest, previous.json, undefined, true];
    }
    if (options === undefined || options === null) return [undefined, undefined, undefined, false];
    if (typeof options !== 'object') throw new TypeError('nianbao-check: options must be an object');
    if (!('previous' in options)) return [options, undefined, undefined, false];
    const { previous, ...rest } = options;
    if (previous === undefined || previous === null) return [rest, undefined, undefined, false];
    if (isBytes(previous)) {
      const u8 = toU8(previous);
      return isBinary(u8) ? [rest, undefined, u8, false] : [rest, decode(u8).text, undefined, false];
    }
    if (typeof previous === 'string') return [rest, previous, undefined, false];
    if (typeof previous === 'object') return [rest, JSON.stringify(previous), undefined, Array.isArray(previous.blocks)];
    throw new TypeError('nianbao-check: options.previous must be a string, bytes, a Document or an object in the canonical JSON model');
  }

  // What the wasm serialises (src/api.rs `OutputPart`): a check's findings
  // with `report: null` in its place, or the model alone. The model (≈ 55 kB
  // of JSON for a published page, with every cell's provenance) is most of a
  // check's output cost and most callers never read it (the CLI, the
  // adapter), so `report` is a lazy property: read on first access by running
  // the same input through the module again (deterministic: the same model),
  // then kept. Inputs are held as they were given (strings; objects as their
  // JSON text; bytes copied), so changing them afterwards changes nothing.
  const WITHOUT_REPORT = 1;
  const REPORT_ONLY = 2;

  function lazyReport(result, readReport) {
    if (result === undefined || result === null || typeof result !== 'object') return result;
    const settle = (value) => Object.defineProperty(result, 'report', { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(result, 'report', {
      enumerable: true,
      configurable: true,
      get() {
        const report = guarded(readReport);
        settle(report);
        return report;
      },
      set: settle,
    });
    return result;
  }

  /** The options as the model depends on them (no `previous`), frozen as JSON. */
  function snapshot(options) {
    return options === undefined || options === null ? undefined : JSON.parse(JSON.stringify(options));
  }

  function run(fn, input, args) {
    const [opts] = args;
    const result = guarded(() => fn(input, ...args, WITHOUT_REPORT));
    if (result === undefined) return undefined;
    const frozenOpts = snapshot(opts);
    const held = isBytes(input) ? toU8(input).slice() : input;
    return lazyReport(result, () => fn(held, frozenOpts, undefined, undefined, false, REPORT_ONLY));
  }

  /** An object's JSON text, failing as the module does on one it cannot serialise. */
  function jsonOf(value, message) {
    let text;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') throw new Error(message);
    return text;
  }

  function check(input, options) {
    const args = split(options);
    if (isBytes(input)) {
      const u8 = toU8(input);
      if (isBinary(u8)) return run(glue.checkBinary, u8, args);
      if (glue.checkUtf8 && utf8Candidate(u8)) {
        const result = run(glue.checkUtf8, u8, args);
        if (result !== undefined) return result;
      }
      const { text } = decode(u8);
      return run(glue.check, text, args);
    }
    if (typeof input !== 'string' && (typeof input !== 'object' || input === null)) {
      throw new TypeError('nianbao-check: input must be a string, an object (canonical JSON model) or bytes');
    }
    return run(glue.check, typeof input === 'string' ? input : jsonOf(input, 'input: object cannot be serialised'), args);
  }

  function checkDocument(document, options) {
    const args = split(options);
    return run(glue.checkDocument, compactDocument(document) ?? jsonOf(document, 'invalid document: not serialisable as JSON'), args);
  }

  /** Checks what the reader module wrote (`createReader`): its JSON text as it is. */
  function checkRead(json, options) {
    return run(glue.checkDocument, json, split(options));
  }

  return {
    check,
    checkDocument,
    checkRead,
    // The wasm leaves the rules' docs out (size); they come from rule-docs.js.
    rules: () => guarded(() => glue.rules()).map((r) => ({ ...r, docZh: r.docZh || RULE_DOCS[r.id]?.docZh || '', docEn: r.docEn || RULE_DOCS[r.id]?.docEn || '' })),
    version: () => guarded(() => glue.version()),
    decode: (bytes) => decode(bytes),
    __panicForTest: (message = 'test') => guarded(() => glue.__panicForTest(String(message))),
  };
}
