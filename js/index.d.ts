// Types of the package entries. The data types (CheckResult, Diagnostic,
// CheckOptions, Document, RuleInfo, …) are generated with the bindings from
// src/wasm.rs; this file adds the entry points around them.
import type {
  Block,
  Cell,
  CellRef,
  CellState,
  CheckOptions,
  CheckResult,
  Diagnostic,
  Document,
  EmptyPolicy,
  ExtraRow,
  Format,
  Grid,
  GridCell,
  Limits,
  Locale,
  Norm,
  NumValue,
  PreviousInput,
  ReadIssue,
  Report,
  RuleInfo,
  Section,
  Severity,
  Source,
  SourceKind,
  Summary,
  Table,
  TableId,
  Unit,
  ValueKind,
} from '../pkg/node/nianbao_check.js';

export type {
  Block,
  Cell,
  CellRef,
  CellState,
  CheckOptions,
  CheckResult,
  Diagnostic,
  Document,
  EmptyPolicy,
  ExtraRow,
  Format,
  Grid,
  GridCell,
  Limits,
  Locale,
  Norm,
  NumValue,
  PreviousInput,
  ReadIssue,
  Report,
  RuleInfo,
  Section,
  Severity,
  Source,
  SourceKind,
  Summary,
  Table,
  TableId,
  Unit,
  ValueKind,
};

/** What `check` accepts: report text (HTML, text, Markdown or JSON, detected), an object in the canonical JSON model, or the file's bytes (any encoding, or DOCX or PDF: see `checkFile` for browsers). */
export type CheckInput = string | Record<string, unknown> | Uint8Array | ArrayBuffer;

/**
 * Options of `check` and `checkDocument`. `previous`, last year's report for the `history/*`
 * rules, takes every form `check` takes: a string (HTML, text, Markdown, JSON), an object in
 * the canonical JSON model, a `Document`, or the file's bytes (any encoding, or DOCX or PDF: in
 * browsers read once `checkFile` has loaded the reader module). One that cannot be read, or is
 * not the year before the report's, gets a `history/previous` warning.
 */
export interface CheckCallOptions extends Omit<CheckOptions, 'previous'> {
  previous?: PreviousInput | Uint8Array | ArrayBuffer;
}

/** Options of `checkFile`: `previous` may also be a `Blob`/`File`. */
export interface CheckFileOptions extends Omit<CheckCallOptions, 'previous'> {
  previous?: CheckCallOptions['previous'] | Blob;
}

/**
 * Checks one report. Throws an Error for bad arguments or an internal error (the module stays usable).
 * In browsers an HTML string is parsed by the browser (DOMParser): its findings carry
 * table/row/col/ordinal provenance but no byte spans. DOCX and PDF bytes need the separately loaded
 * reader module: until `checkFile` has loaded it, they get one `input/unreadable` diagnostic saying so.
 */
export function check(input: CheckInput, options?: CheckCallOptions): CheckResult;

/**
 * Checks a file: a `Blob`/`File`, its bytes, or a string. In browsers it first loads the
 * reader module (DOCX and PDF readers, HTML tokenizer; the init module checks what it reads) when the input or `previous` needs it: a Word file or PDF, or HTML
 * where there is no DOMParser (a Web Worker); once only, however many calls. In Node the
 * same as `check`.
 */
export function checkFile(input: CheckInput | Blob, options?: CheckFileOptions): Promise<CheckResult>;

/** Checks a document a host already read into prose and table grids (the browser adapter). */
export function checkDocument(document: Document, options?: CheckCallOptions): CheckResult;

/** Every rule's id, severity, titles and docs in both languages. */
export function rules(): RuleInfo[];

/** The validator's version. */
export function version(): string;

/** Decodes report bytes as `check` does: BOM, `<meta charset>`, strict UTF-8, else GB18030. */
export function decode(bytes: Uint8Array | ArrayBuffer): { text: string; encoding: string };

/** What `init` accepts when the caller serves the .wasm itself. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module. Idempotent: calls made twice or concurrently
 * share one instantiation. Required once in browsers before the first call;
 * a no-op in Node, where the module is ready on import. `full` is where `checkFile` loads
 * the reader module (`pkg/full/nianbao_check_bg.wasm`) from when the caller serves it (default: beside the package's glue).
 */
export function init(source?: WasmSource | { module_or_path?: WasmSource; full?: WasmSource }): Promise<void>;

/** Alias of `init`. */
export const ready: typeof init;

/** @internal Panics inside the module on purpose (tests of panic recovery). */
export function __panicForTest(message?: string): never;

/** @internal Where the module came from: 'url' (the .wasm beside the glue), 'inline' (the base64 fallback), 'caller', or 'file' (Node). */
export function __wasmSource(): 'url' | 'inline' | 'caller' | 'file' | undefined;

/** @internal Panics inside the reader module on purpose (browsers, once loaded; tests of its restart). */
export function __fullPanicForTest(message?: string): never;

/** @internal Where the reader module (pkg/full) came from: undefined until `checkFile` loaded it (browsers); 'file' in Node, whose one module has the readers. */
export function __fullSource(): 'url' | 'inline' | 'caller' | 'file' | undefined;
