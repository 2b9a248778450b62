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
} from '../pkg/nianbao_check.js';

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

/** What `check` accepts: report text (HTML, text, Markdown or JSON, detected), an object in the canonical JSON model, or the file's bytes (any encoding; DOCX once its reader lands). */
export type CheckInput = string | Record<string, unknown> | Uint8Array | ArrayBuffer;

/** Options of `check` and `checkDocument`; `previous` may also be given as bytes. */
export interface CheckCallOptions extends Omit<CheckOptions, 'previous'> {
  previous?: PreviousInput | Uint8Array | ArrayBuffer;
}

/** Checks one report. Throws an Error for bad arguments or an internal error (the module stays usable). */
export function check(input: CheckInput, options?: CheckCallOptions): CheckResult;

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
 * a no-op in Node, where the module is ready on import.
 */
export function init(source?: WasmSource | { module_or_path: WasmSource }): Promise<void>;

/** Alias of `init`. */
export const ready: typeof init;

/** @internal Panics inside the module on purpose (tests of panic recovery). */
export function __panicForTest(message?: string): never;

/** @internal Where the module came from: 'url' (the .wasm beside the glue), 'inline' (the base64 fallback), 'caller', or 'file' (Node). */
export function __wasmSource(): 'url' | 'inline' | 'caller' | 'file' | undefined;
