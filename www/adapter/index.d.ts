// Types for nianbao-check/browser.
import type { CheckResult, CheckCallOptions, Diagnostic, CellRef, Limits, EmptyPolicy, Document as ReportDocument } from '../../js/index.js';

/** What attach() accepts. */
export type AttachTarget =
  | HTMLElement // a contenteditable element (wangEditor's editable area included), a <textarea>, a <form>
  | HTMLIFrameElement // an iframe-based editor (TinyMCE, UEditor, CKEditor 4, KindEditor)
  | Document // an editor iframe's document
  | { getDoc(): Document; getBody(): HTMLElement } // a TinyMCE / CKEditor-like instance
  | { getEditableContainer(): HTMLElement } // a wangEditor v5 instance
  | { edit: { iframe: ArrayLike<HTMLIFrameElement> } } // a KindEditor instance
  | { editable(): { $: HTMLElement } } // a CKEditor 4 instance
  | { iframe: HTMLIFrameElement; body: HTMLElement; document: Document }; // a UEditor instance

export interface ResultDetail {
  result: CheckResult;
  /** Findings that were not there in the previous result. */
  added: Diagnostic[];
  /** Findings of the previous result that are gone. */
  resolved: Diagnostic[];
  reason: 'attach' | 'input' | 'submit' | 'manual' | 'dismiss';
  /** Milliseconds spent reading the DOM, checking, rendering. */
  timing: { read: number; check: number; render: number; total: number; reason: string };
  controller: Controller;
}

export interface AttachOptions {
  /** Report and UI language (default "zh-CN"). */
  locale?: 'zh-CN' | 'en';
  /** Run only these rules (ids or prefixes such as "t3/"). */
  rules?: string[];
  /** Skip these rules (default ["text/claim-unplaced"]; [] shows every rule). */
  skip?: string[];
  year?: number;
  format?: '2019' | '2021';
  empty?: EmptyPolicy;
  limits?: Limits & { maxSpan?: number; maxCells?: number };
  /** Block the form's submit while errors remain ("errors", default) or never. */
  block?: 'errors' | 'never';
  /** Move focus to the cell (summary links) and to the summary (blocked submit). Default true. */
  focus?: boolean;
  /** Fingerprints of dismissed findings (not shown, not counted). */
  dismissed?: string[];
  /**
   * Last year's report, for the cross-year rules (`history/*`): any form `check` takes
   * (an HTML string is read once, not on every re-check). Change it with `setPrevious`.
   */
  previous?: CheckCallOptions['previous'];
  /** Let non-errors be dismissed from the summary (default true). */
  dismissible?: boolean;
  /** Where the error summary goes (default: right after the editor or form). */
  summary?: HTMLElement;
  /** The form whose submit is checked (default: the target's form). */
  form?: HTMLFormElement;
  /** Structured forms: input name → canonical key ("t3.new.natural", "year", "format"). */
  mapping?: Record<string, string>;
  /** Debounce after input in ms, or "auto" (default: four times the last check's cost, 30–300 ms). Checking never runs on the keystroke itself. */
  delay?: number | 'auto';
  /** Message at the cell: for the selected cell ("active", default), for every flagged cell ("all"), or none (false). */
  inline?: 'active' | 'all' | false;
  /** The engine to use instead of the package's browser entry (must have check and checkDocument). */
  engine?: { init?(): Promise<void>; check(input: string, options?: object): CheckResult; checkDocument(doc: object, options?: object): CheckResult };
  onResult?(detail: ResultDetail): void;
  onError?(error: unknown): void;
  onDismiss?(fingerprint: string, diagnostic: Diagnostic): void;
}

export interface Controller {
  /** Resolves with the first result. */
  readonly ready: Promise<CheckResult | null>;
  readonly result: CheckResult | null;
  readonly timing: ResultDetail['timing'] | null;
  /** Checks now, skipping the debounce. */
  check(): CheckResult | null;
  /** Scrolls to, outlines and (unless focus is false) focuses a finding's cell. */
  goTo(fingerprint: string, options?: { focus?: boolean }): boolean;
  /** The element a finding's cell resolves to (a <td>, an <input>, or the <textarea>). */
  elementFor(cell: CellRef): Element | null;
  /** Repositions the overlay now. */
  redraw(): void;
  dismiss(fingerprint: string): CheckResult | null;
  /** Sets (or, with null, drops) last year's report and re-checks. */
  setPrevious(previous: CheckCallOptions['previous'] | null): CheckResult | null;
  /** Removes everything the adapter added and its listeners. */
  detach(): void;
}

/**
 * Attaches the validator to an editor or form. Events on the editor element
 * (or the iframe): "nianbao:result" (detail: ResultDetail), "nianbao:focus",
 * "nianbao:blocked", "nianbao:dismiss", "nianbao:error".
 */
export function attach(target: AttachTarget, options?: AttachOptions): Controller;

/** Reads a live DOM subtree (or a parsed document) into the core's Document shape, spans expanded. */
export function readDocument(
  root: Element | Document,
  limits?: { maxSpan?: number; maxCells?: number },
): {
  document: ReportDocument;
  /** "table,row,col" → the element filling that grid slot. */
  cells: Map<string, Element>;
  tables: HTMLTableElement[];
  truncated: boolean;
};
