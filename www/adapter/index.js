// nianbao-check/browser: attach the validator to the forms and editors a CMS
// already has. It reads the tables from the live DOM, re-checks off the
// keystroke path, and shows findings as an error summary (GOV.UK pattern,
// adapted to tables), outlines and inline messages in an overlay outside the
// editable content, and a live region. It never writes into the content.

import { readDocument, collapse } from './dom-reader.js';

export { readDocument } from './dom-reader.js';

const UI = {
  'zh-CN': {
    title: (n) => `发现 ${n} 个问题`,
    none: '未发现问题',
    counts: (s) => `错误 ${s.errors} 个，警告 ${s.warnings} 个，提示 ${s.infos} 个`,
    added: (n) => `新发现 ${n} 个问题`,
    resolved: (n) => `已解决 ${n} 个问题`,
    blocked: '报告中有错误，请先更正再提交。',
    severity: { error: '错误', warning: '警告', info: '提示' },
    dismiss: '忽略',
    failed: '检查失败',
    truncated: (n) => `表格过大：只检查了前 ${n} 个单元格。`,
  },
  en: {
    title: (n) => `There ${n === 1 ? 'is 1 problem' : `are ${n} problems`}`,
    none: 'No problems found',
    counts: (s) => `${s.errors} errors, ${s.warnings} warnings, ${s.infos} notes`,
    added: (n) => `${n} new ${n === 1 ? 'problem' : 'problems'}`,
    resolved: (n) => `${n} ${n === 1 ? 'problem' : 'problems'} resolved`,
    blocked: 'The report has errors: correct them before submitting.',
    severity: { error: 'Error', warning: 'Warning', info: 'Note' },
    dismiss: 'Dismiss',
    failed: 'Check failed',
    truncated: (n) => `Tables too large: only the first ${n} cells were checked.`,
  },
};

const STYLE_ID = 'nianbao-check-style';
const STYLE_CSS = `
.nbc-layer{position:fixed;left:0;top:0;width:0;height:0;z-index:2147483000;pointer-events:none}
.nbc-clip{position:fixed;overflow:hidden;pointer-events:none}
.nbc-box{position:absolute;box-sizing:border-box;border:3px solid #d4351c;border-radius:2px;pointer-events:none}
.nbc-box.nbc-warning{border-color:#f47738}
.nbc-box.nbc-info{border-color:#1d70b8;border-style:dotted}
.nbc-box.nbc-operand{border:2px dashed #505a5f}
.nbc-box.nbc-active{box-shadow:0 0 0 3px #ffdd00}
.nbc-badge{position:absolute;min-width:1.4em;height:1.4em;line-height:1.4em;padding:0 .2em;box-sizing:border-box;border-radius:.7em;background:#d4351c;color:#fff;font:bold 12px/1.4em system-ui,sans-serif;text-align:center;transform:translate(-50%,-50%)}
.nbc-badge.nbc-warning{background:#f47738}.nbc-badge.nbc-info{background:#1d70b8}
.nbc-msg{position:absolute;width:max-content;max-width:22em;padding:.3em .5em;background:#fff;color:#0b0c0c;border-left:4px solid #d4351c;box-shadow:0 1px 4px rgba(0,0,0,.35);font:13px/1.45 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;white-space:normal}
.nbc-msg.nbc-warning{border-left-color:#f47738}.nbc-msg.nbc-info{border-left-color:#1d70b8}
.nbc-msg.nbc-hidden{display:none}.nbc-msg p{margin:0}.nbc-msg p+p{margin-top:.3em}
.nbc-sr{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.nbc-summary{box-sizing:border-box;border:4px solid #d4351c;padding:12px 16px;margin:0 0 16px;font:15px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#0b0c0c;background:#fff}
.nbc-summary:focus{outline:3px solid #ffdd00;outline-offset:0}
.nbc-summary.nbc-ok{border-color:#00703c}.nbc-summary.nbc-warn{border-color:#f47738}.nbc-summary.nbc-note{border-color:#1d70b8}
.nbc-summary h2{font-size:18px;margin:0 0 4px}
.nbc-summary .nbc-counts{margin:0 0 8px;color:#505a5f;font-size:13px}
.nbc-summary ul{margin:0;padding:0;list-style:none}
.nbc-summary li{margin:0 0 8px;display:flex;gap:.5em;align-items:baseline}
.nbc-summary .nbc-tag{flex:none;font-size:12px;font-weight:bold;color:#fff;background:#d4351c;padding:0 .4em;border-radius:2px}
.nbc-summary .nbc-tag.nbc-warning{background:#f47738}.nbc-summary .nbc-tag.nbc-info{background:#1d70b8}
.nbc-summary a{color:#d4351c;font-weight:bold;text-decoration:underline;cursor:pointer}
.nbc-summary li.nbc-warning a{color:#8a3c00}.nbc-summary li.nbc-info a{color:#1d70b8}
.nbc-summary a:focus{outline:3px solid transparent;background:#ffdd00;color:#0b0c0c;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none}
.nbc-summary button{flex:none;font-size:12px;margin-left:auto}
`;

let seq = 0;

async function loadEngine(options) {
  const engine = options.engine ?? (await import('../../js/browser.js'));
  if (typeof engine.init === 'function') await engine.init();
  return engine;
}

// A constructed stylesheet, not a <style> element, where the browser has
// them: a page whose Content-Security-Policy says `style-src 'self'` refuses
// inline <style> but not constructed sheets.
const SHEET_MARK = Symbol.for('nianbao-check-sheet');

function ensureStyle(doc) {
  const win = doc.defaultView;
  if (win && Array.isArray(doc.adoptedStyleSheets) && typeof win.CSSStyleSheet === 'function') {
    if (doc.adoptedStyleSheets.some((x) => x[SHEET_MARK])) return;
    try {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(STYLE_CSS);
      sheet[SHEET_MARK] = true;
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      return;
    } catch {
      // Fall back to a <style> element below.
    }
  }
  if (doc.getElementById(STYLE_ID)) return;
  const s = doc.createElement('style');
  s.id = STYLE_ID;
  s.textContent = STYLE_CSS;
  (doc.head ?? doc.documentElement).appendChild(s);
}

function el(doc, tag, cls, text) {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/** Works out what kind of target we were given and where its content lives. */
function resolveTarget(target) {
  if (!target) throw new TypeError('nianbao-check: attach() needs a target');
  // Editor instances.
  if (typeof target.getDoc === 'function' && typeof target.getBody === 'function') {
    const doc = target.getDoc(); // TinyMCE, CKEditor 4-like
    return iframeTarget(doc.defaultView.frameElement, doc);
  }
  if (target.edit?.iframe?.[0]?.tagName === 'IFRAME') {
    // KindEditor instance
    const frame = target.edit.iframe[0];
    return iframeTarget(frame, frame.contentDocument);
  }
  if (typeof target.editable === 'function' && target.editable()?.$) {
    // CKEditor 4 instance (classic: iframe; inline: the element itself)
    const body = target.editable().$;
    const frame = body.ownerDocument.defaultView?.frameElement;
    return frame ? iframeTarget(frame, body.ownerDocument) : { kind: 'editable', root: body, doc: body.ownerDocument };
  }
  if (target.iframe?.tagName === 'IFRAME' && target.body && target.document) {
    // UEditor instance
    return iframeTarget(target.iframe, target.document);
  }
  if (typeof target.getEditableContainer === 'function') {
    // wangEditor v5
    const c = target.getEditableContainer();
    return { kind: 'editable', root: c.querySelector('[contenteditable]') ?? c, doc: c.ownerDocument };
  }
  if (target.nodeType === 9) {
    const frame = target.defaultView?.frameElement;
    if (!frame) return { kind: 'editable', root: target.body, doc: target };
    return iframeTarget(frame, target);
  }
  if (target.nodeType !== 1) throw new TypeError('nianbao-check: unsupported target');
  const tag = target.tagName.toUpperCase();
  if (tag === 'IFRAME') return iframeTarget(target, target.contentDocument);
  if (tag === 'FORM') return { kind: 'form', root: target, doc: target.ownerDocument, form: target };
  if (tag === 'TEXTAREA') return { kind: 'textarea', root: target, doc: target.ownerDocument, form: target.form };
  return { kind: 'editable', root: target, doc: target.ownerDocument };
}

function iframeTarget(frame, innerDoc) {
  if (!innerDoc) throw new Error('nianbao-check: the editor iframe is not readable (cross-origin?)');
  return { kind: 'iframe', root: innerDoc.body, innerDoc, frame, doc: frame.ownerDocument };
}

function looksLikeHtml(s) {
  return /<(table|p|div|h[1-6]|html|body|span|br)\b/i.test(s.slice(0, 65536));
}

/** Character range of a 1-based line in a string. */
function lineRange(s, line) {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const n = s.indexOf('\n', start);
    if (n < 0) return null;
    start = n + 1;
  }
  let end = s.indexOf('\n', start);
  if (end < 0) end = s.length;
  return [start, end];
}

function pathOf(key) {
  // "t3.new.natural" -> ["tables","t3","new","natural"]; "year", "format", "title", "sections.1"
  const parts = key.split('.').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  if (/^t[234]$/.test(parts[0])) return ['tables', ...parts];
  return parts;
}

/**
 * Attaches the validator. Returns a controller with `check()`, `result`,
 * `detach()` and `ready` (a promise resolved after the first check).
 */
export function attach(target, options = {}) {
  const t = resolveTarget(target);
  const doc = t.doc;
  const win = doc.defaultView;
  const id = `nbc${++seq}`;
  const opts = {
    locale: 'zh-CN',
    delay: 'auto',
    block: 'errors',
    focus: true,
    inline: 'active',
    dismissed: [],
    // text/claim-unplaced says which prose figures could not be compared:
    // for an audit, not for someone typing (pass skip: [] to see them).
    skip: ['text/claim-unplaced'],
    ...options,
  };
  const ui = UI[opts.locale === 'en' ? 'en' : 'zh-CN'];
  const host = t.kind === 'iframe' ? t.frame : t.root;
  const form = opts.form ?? t.form ?? (host.closest ? host.closest('form') : null);
  const cleanups = [];
  const on = (node, type, fn, o) => {
    node.addEventListener(type, fn, o);
    cleanups.push(() => node.removeEventListener(type, fn, o));
  };
  ensureStyle(doc);

  // ---- chrome outside the content: summary, live region, overlay layer ----
  const live = el(doc, 'div', 'nbc-sr');
  live.id = `${id}-live`;
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  live.setAttribute('aria-atomic', 'true');
  doc.body.appendChild(live);

  let summary = opts.summary ?? null;
  const ownSummary = !summary;
  if (ownSummary) {
    summary = el(doc, 'div');
    // After the host, so a summary that grows while typing never pushes the content down.
    const after = t.kind === 'iframe' ? host.closest('.tox-tinymce,.ke-container,.cke,.edui-editor,.w-e-text-container') ?? host : host;
    after.insertAdjacentElement('afterend', summary);
  }
  const summaryBox = el(doc, 'div', 'nbc-summary');
  summaryBox.id = `${id}-summary`;
  summaryBox.tabIndex = -1;
  summaryBox.hidden = true;
  summaryBox.setAttribute('aria-labelledby', `${id}-summary-title`);
  summary.appendChild(summaryBox);

  const layer = el(doc, 'div', 'nbc-layer');
  layer.id = `${id}-layer`;
  layer.setAttribute('data-nianbao-overlay', '');
  doc.body.appendChild(layer);
  const clip = el(doc, 'div', 'nbc-clip');
  layer.appendChild(clip);

  const state = {
    result: null,
    map: null, // { cellOf(cellRef) -> Element|null }
    active: null, // fingerprint of the finding selected from the summary
    timer: 0,
    raf: 0,
    dismissed: new Set(opts.dismissed),
    previous: opts.previous ?? null, // last year's report, for history/* (setPrevious)
    described: new Map(), // input -> previous aria attrs
    detached: false,
    lastTiming: null,
    caretCell: null,
  };

  // ---- reading ----
  function readForm() {
    const formEl = t.root;
    const data = { tables: {} };
    const inputs = new Map(); // "/tables/t3/new/natural" -> input
    const setPath = (path, value) => {
      let o = data;
      for (let i = 0; i < path.length - 1; i++) o = o[path[i]] ??= {};
      o[path[path.length - 1]] = value;
    };
    const take = (input, key) => {
      const path = pathOf(key);
      if (!path) return;
      const raw = input.type === 'checkbox' || input.type === 'radio' ? (input.checked ? input.value : null) : input.value;
      const v = raw == null || collapse(raw) === '' ? null : raw;
      if (path[0] === 'year') setPath(path, v == null ? null : Number.parseInt(collapse(v), 10) || collapse(v));
      else setPath(path, v);
      inputs.set(`/${path.join('/')}`, input);
    };
    if (opts.mapping) {
      for (const [name, key] of Object.entries(opts.mapping)) {
        const input = formEl.elements?.namedItem(name) ?? formEl.querySelector(`[name="${CSS.escape(name)}"]`);
        if (input && 'value' in input) take(input, key);
      }
    }
    for (const input of formEl.querySelectorAll('[data-nianbao]')) take(input, input.getAttribute('data-nianbao'));
    if (opts.year != null && data.year == null) data.year = opts.year;
    if (opts.format != null && data.format == null) data.format = String(opts.format);
    return { input: JSON.stringify(data), cellOf: (c) => inputs.get(c.source?.path ?? '') ?? null };
  }

  function readDom() {
    let rootNode = t.root;
    if (t.kind === 'textarea') {
      rootNode = new DOMParser().parseFromString(t.root.value, 'text/html');
    }

    const { document: d, cells, truncated } = readDocument(rootNode, opts.limits);
    const cellOf = (c) => {
      const s = c.source;
      if (!s || s.table == null || s.row == null || s.col == null) return null;
      if (t.kind === 'textarea') return t.root;
      return cells.get(`${s.table},${s.row},${s.col}`) ?? null;
    };
    return { document: d, cellOf, truncated: truncated ? cells.size : 0 };
  }

  function checkOptions() {
    const o = { locale: opts.locale };
    for (const k of ['year', 'format', 'rules', 'skip', 'empty', 'limits']) if (opts[k] != null) o[k] = opts[k];
    if (state.previous != null) o.previous = state.previous;
    if (state.dismissed.size) o.dismissed = [...state.dismissed];
    return o;
  }

  let engine = null;
  function runCheck(reason) {
    if (state.detached || !engine) return null;
    rebindIfReplaced(false);
    clearTimeout(state.timer);
    state.timer = 0;
    const t0 = performance.now();
    let result;
    let map;
    try {
      if (t.kind === 'textarea' && !looksLikeHtml(t.root.value)) {
        // Plain text (or JSON) in a textarea: the core reads it; findings point at lines.
        map = { input: t.root.value, cellOf: () => t.root };
        var t1 = performance.now();
        result = engine.check(map.input, checkOptions());
      } else if (t.kind === 'form') {
        map = readForm();
        var t1 = performance.now();
        result = engine.check(map.input, checkOptions());
      } else {
        map = readDom();
        var t1 = performance.now();
        result = engine.checkDocument(map.document, checkOptions());
      }
    } catch (err) {
      // A trap or panic inside the module (NianbaoCheckError) is reported
      // once and the adapter switches itself off: no more listeners, timers
      // or overlays; the host page and its content are left as they were.
      const fatal = err?.name === 'NianbaoCheckError' || err instanceof WebAssembly.RuntimeError;
      summaryBox.hidden = false;
      summaryBox.replaceChildren(el(doc, 'h2', null, ui.failed), el(doc, 'p', null, String(err?.message ?? err)));
      if (fatal) switchOff();
      host.dispatchEvent(new CustomEvent('nianbao:error', { detail: { error: err, disabled: fatal } }));
      opts.onError?.(err);
      return null;
    }
    const t2 = performance.now();
    const prev = state.result;
    state.result = result;
    state.map = map;
    const before = new Map((prev?.diagnostics ?? []).map((d) => [d.fingerprint, d]));
    const after = new Map(result.diagnostics.map((d) => [d.fingerprint, d]));
    const added = result.diagnostics.filter((d) => !before.has(d.fingerprint));
    const resolved = (prev?.diagnostics ?? []).filter((d) => !after.has(d.fingerprint));
    if (state.active && !after.has(state.active)) state.active = null;
    renderSummary(result);
    renderAria(result);
    draw();
    announce(prev, added, resolved, result);
    const t3 = performance.now();
    state.lastTiming = { read: t1 - t0, check: t2 - t1, render: t3 - t2, total: t3 - t0, reason };
    const detail = { result, added, resolved, reason, timing: state.lastTiming, controller };
    host.dispatchEvent(new CustomEvent('nianbao:result', { detail }));
    opts.onResult?.(detail);
    return result;
  }

  // 'auto': wait four times what the last check cost (30–300 ms), so checking
  // takes at most a fifth of the time while someone types, and small reports update at once.
  function debounce() {
    if (typeof opts.delay === 'number') return opts.delay;
    const last = state.lastTiming?.total ?? 10;
    return Math.min(300, Math.max(30, 4 * last));
  }

  function schedule() {
    if (state.detached) return;
    clearTimeout(state.timer);
    state.timer = setTimeout(() => runCheck('input'), debounce());
  }

  // ---- rendering ----
  function visible(result) {
    return result.diagnostics;
  }

  function renderSummary(result) {
    const list = visible(result);
    summaryBox.classList.toggle('nbc-ok', list.length === 0);
    summaryBox.classList.toggle('nbc-warn', list.length > 0 && result.summary.errors === 0 && result.summary.warnings > 0);
    summaryBox.classList.toggle('nbc-note', list.length > 0 && result.summary.errors === 0 && result.summary.warnings === 0);
    const h = el(doc, 'h2', null, list.length ? ui.title(list.length) : ui.none);
    h.id = `${id}-summary-title`;
    const counts = el(doc, 'p', 'nbc-counts', ui.counts(result.summary));
    const ul = el(doc, 'ul');
    list.forEach((d, i) => {
      const li = el(doc, 'li', `nbc-${d.severity}`);
      li.appendChild(el(doc, 'span', `nbc-tag nbc-${d.severity}`, ui.severity[d.severity] ?? d.severity));
      const a = el(doc, 'a', null, d.message);
      a.href = `#${id}-f${i}`;
      a.setAttribute('data-fingerprint', d.fingerprint);
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        goTo(d.fingerprint, { focus: opts.focus });
      });
      li.appendChild(a);
      if (d.severity !== 'error' && opts.dismissible !== false) {
        const b = el(doc, 'button', null, ui.dismiss);
        b.type = 'button';
        b.addEventListener('click', () => {
          state.dismissed.add(d.fingerprint);
          host.dispatchEvent(new CustomEvent('nianbao:dismiss', { detail: { fingerprint: d.fingerprint, diagnostic: d } }));
          opts.onDismiss?.(d.fingerprint, d);
          runCheck('dismiss');
        });
        li.appendChild(b);
      }
      ul.appendChild(li);
    });
    summaryBox.replaceChildren(h, counts, ul);
    if (state.map?.truncated) summaryBox.insertBefore(el(doc, 'p', 'nbc-counts', ui.truncated(state.map.truncated)), ul);
    summaryBox.hidden = false;
  }

  function messageIdFor(elm) {
    return `${id}-m${cellIds.get(elm)}`;
  }
  const cellIds = new Map();

  function renderAria(result) {
    if (t.kind !== 'form' && t.kind !== 'textarea') return;
    const bad = new Map();
    for (const d of visible(result)) {
      const c = d.cells[0] && state.map.cellOf(d.cells[0]);
      if (c && d.severity !== 'info') bad.set(c, true);
    }
    // restore inputs no longer invalid
    for (const [input, saved] of state.described) {
      if (!bad.has(input)) {
        restoreAria(input, saved);
        state.described.delete(input);
      }
    }
    for (const input of bad.keys()) {
      if (!cellIds.has(input)) cellIds.set(input, cellIds.size);
      if (!state.described.has(input)) {
        state.described.set(input, {
          invalid: input.getAttribute('aria-invalid'),
          describedby: input.getAttribute('aria-describedby'),
        });
      }
      const saved = state.described.get(input);
      input.setAttribute('aria-invalid', 'true');
      const ids = (saved.describedby ?? '').split(/\s+/).filter(Boolean);
      ids.push(messageIdFor(input));
      input.setAttribute('aria-describedby', ids.join(' '));
    }
  }

  function restoreAria(input, saved) {
    if (saved.invalid == null) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', saved.invalid);
    if (saved.describedby == null) input.removeAttribute('aria-describedby');
    else input.setAttribute('aria-describedby', saved.describedby);
  }

  function announce(prev, added, resolved, result) {
    if (!prev && result.diagnostics.length === 0) return;
    const parts = [];
    // At most three messages each: a long list is for the summary, not for speech.
    const some = (list) => list.slice(0, 3).map((d) => d.message).join('；') + (list.length > 3 ? '……' : '');
    if (added.length) parts.push(`${ui.added(added.length)}：${some(added)}`);
    if (resolved.length) parts.push(`${ui.resolved(resolved.length)}：${some(resolved)}`);
    if (!parts.length) return;
    live.textContent = parts.join('。');
  }

  // Geometry: rects of an element in the top document's viewport.
  function rectOf(elm) {
    const r = elm.getBoundingClientRect();
    if (t.kind !== 'iframe') return { left: r.left, top: r.top, width: r.width, height: r.height };
    const f = t.frame.getBoundingClientRect();
    const ox = f.left + t.frame.clientLeft;
    const oy = f.top + t.frame.clientTop;
    return { left: r.left + ox, top: r.top + oy, width: r.width, height: r.height };
  }

  function clipRect() {
    if (t.kind === 'iframe') {
      const f = t.frame.getBoundingClientRect();
      return {
        left: f.left + t.frame.clientLeft,
        top: f.top + t.frame.clientTop,
        width: t.frame.clientWidth,
        height: t.frame.clientHeight,
      };
    }
    if (t.kind === 'form' || t.kind === 'textarea') return null;
    // the nearest scrolling box of the editable root (wangEditor scrolls a wrapper)
    let n = t.root;
    while (n && n !== doc.body && n.nodeType === 1) {
      const s = win.getComputedStyle(n);
      if (/(auto|scroll|hidden)/.test(s.overflowY) && n.scrollHeight > n.clientHeight + 1) {
        const r = n.getBoundingClientRect();
        return { left: r.left, top: r.top, width: n.clientWidth, height: n.clientHeight };
      }
      n = n.parentElement;
    }
    return null;
  }

  function draw() {
    state.raf = 0;
    if (state.detached || !state.result) return;
    const c = clipRect();
    if (c) Object.assign(clip.style, { left: `${c.left}px`, top: `${c.top}px`, width: `${c.width}px`, height: `${c.height}px`, overflow: 'hidden' });
    else Object.assign(clip.style, { left: '0px', top: '0px', width: '0px', height: '0px', overflow: 'visible' });
    const ox = c ? c.left : 0;
    const oy = c ? c.top : 0;
    const frag = doc.createDocumentFragment();
    // group findings by their primary element
    const groups = new Map();
    const operands = new Set();
    visible(state.result).forEach((d, i) => {
      const primary = d.cells[0] && state.map.cellOf(d.cells[0]);
      if (!primary) return;
      if (!groups.has(primary)) groups.set(primary, []);
      groups.get(primary).push({ d, n: i + 1 });
      if (d.fingerprint === state.active) {
        for (const c2 of d.cells.slice(1)) {
          const e = state.map.cellOf(c2);
          if (e && e !== primary) operands.add(e);
        }
      }
    });
    for (const e of operands) {
      if (groups.has(e)) continue;
      const r = rectOf(e);
      if (!r.width && !r.height) continue; // not rendered (hidden tab, display:none)
      const b = el(doc, 'div', 'nbc-box nbc-operand');
      place(b, r, ox, oy);
      frag.appendChild(b);
    }
    for (const [e, items] of groups) {
      const r = rectOf(e);
      if (!r.width && !r.height) continue;
      const sev = items.some((x) => x.d.severity === 'error') ? 'error' : items.some((x) => x.d.severity === 'warning') ? 'warning' : 'info';
      const isActive = items.some((x) => x.d.fingerprint === state.active);
      const b = el(doc, 'div', `nbc-box nbc-${sev}${isActive ? ' nbc-active' : ''}`);
      b.setAttribute('data-nianbao-cell', cellKey(items[0].d.cells[0]));
      b.setAttribute('data-fingerprints', items.map((x) => x.d.fingerprint).join(' '));
      place(b, r, ox, oy);
      frag.appendChild(b);
      const badge = el(doc, 'div', `nbc-badge nbc-${sev}`, items.map((x) => x.n).join(','));
      badge.setAttribute('aria-hidden', 'true');
      badge.style.left = `${r.left - ox + r.width}px`;
      badge.style.top = `${r.top - oy}px`;
      frag.appendChild(badge);
      if (opts.inline) {
        // The wording at the cell: shown for the selected cell (or all with inline: 'all');
        // always present, so aria-describedby can point at it.
        const shown = opts.inline === 'all' || isActive || e === state.caretCell;
        const m = el(doc, 'div', `nbc-msg nbc-${sev}${shown ? '' : ' nbc-hidden'}`);
        if (!cellIds.has(e)) cellIds.set(e, cellIds.size);
        m.id = messageIdFor(e);
        for (const x of items) m.appendChild(el(doc, 'p', null, x.d.message));
        m.style.left = `${r.left - ox}px`;
        m.style.top = `${r.top - oy + r.height + 2}px`;
        frag.appendChild(m);
      }
    }
    clip.replaceChildren(frag);
    // keep bubbles inside the clip box (or the viewport) horizontally
    const right = c ? c.left + c.width : win.innerWidth;
    for (const m of clip.querySelectorAll('.nbc-msg:not(.nbc-hidden)')) {
      const mr = m.getBoundingClientRect();
      if (mr.right > right - 4) m.style.left = `${Math.max(0, parseFloat(m.style.left) - (mr.right - right + 4))}px`;
    }
  }

  function place(b, r, ox, oy) {
    b.style.left = `${r.left - ox - 2}px`;
    b.style.top = `${r.top - oy - 2}px`;
    b.style.width = `${r.width + 4}px`;
    b.style.height = `${r.height + 4}px`;
  }

  function cellKey(c) {
    return [c.table, c.block, c.row, c.column].filter(Boolean).join('.');
  }

  function redraw() {
    if (!state.raf && !state.detached) state.raf = win.requestAnimationFrame(draw);
  }

  function goTo(fingerprint, { focus = opts.focus } = {}) {
    const d = state.result?.diagnostics.find((x) => x.fingerprint === fingerprint);
    if (!d) return false;
    state.active = fingerprint;
    const cell = d.cells[0] && state.map.cellOf(d.cells[0]);
    if (cell) {
      if (t.kind === 'iframe') t.frame.scrollIntoView({ block: 'nearest' });
      cell.scrollIntoView({ block: 'center', inline: 'nearest' });
      if (focus) focusCell(cell, d);
    }
    draw();
    host.dispatchEvent(new CustomEvent('nianbao:focus', { detail: { diagnostic: d, element: cell } }));
    return true;
  }

  function focusCell(cell, d) {
    if (t.kind === 'textarea') {
      cell.focus({ preventScroll: true });
      const line = d?.cells[0]?.source?.line;
      const range = line && !looksLikeHtml(cell.value) ? lineRange(cell.value, line) : null;
      if (range) {
        // skip the leading tab of a cell line
        const lead = /^[\t ]*/.exec(cell.value.slice(range[0], range[1]))[0].length;
        cell.setSelectionRange(range[0] + lead, range[1]);
        // setSelectionRange does not scroll: put the line in the middle (lines do not wrap in a cell listing)
        const lh = Number.parseFloat(win.getComputedStyle(cell).lineHeight) || 18;
        cell.scrollTop = Math.max(0, (line - 1) * lh - cell.clientHeight / 2);
      }
      return;
    }
    if (t.kind === 'form' || cell.matches('input,textarea,select')) {
      cell.focus({ preventScroll: true });
      // select the value, so typing replaces it
      if (typeof cell.select === 'function' && /^(text|search|tel|number|)$/.test(cell.type ?? '')) cell.select();
      return;
    }
    const cdoc = cell.ownerDocument;
    const editable = t.kind === 'iframe' ? t.innerDoc.body : t.root;
    if (t.kind === 'iframe') t.frame.focus();
    editable.focus({ preventScroll: true });
    const sel = cdoc.getSelection();
    const range = cdoc.createRange();
    range.selectNodeContents(cell);
    range.collapse(false);
    // put the caret at the end of the cell's last text
    const walker = cdoc.createTreeWalker(cell, 4);
    let last = null;
    while (walker.nextNode()) last = walker.currentNode;
    if (last) range.setStart(last, last.data.length), range.collapse(true);
    sel.removeAllRanges();
    sel.addRange(range);
  }

  // ---- events ----
  // Listeners on the content. An iframe editor may replace its document
  // (CKEditor 4's setData writes a new one): then they are bound again to
  // the new body, found by an observer on the document itself, by the
  // iframe's load event, and before each check.
  let contentCleanups = [];
  const onContent = (node, type, fn, o) => {
    node.addEventListener(type, fn, o);
    contentCleanups.push(() => node.removeEventListener(type, fn, o));
  };
  // The cell holding the caret (or the focused input) shows its message.
  const trackCaret = () => {
    if (!state.result || !state.map) return;
    let node = null;
    if (t.kind === 'form') node = doc.activeElement;
    else {
      const sel = (t.kind === 'iframe' ? t.innerDoc : doc).getSelection();
      node = sel && sel.rangeCount ? sel.anchorNode : null;
    }
    let cell = null;
    for (const d of state.result.diagnostics) {
      const e = d.cells[0] && state.map.cellOf(d.cells[0]);
      if (e && node && (e === node || e.contains(node))) {
        cell = e;
        break;
      }
    }
    if (cell !== state.caretCell) {
      state.caretCell = cell;
      redraw();
    }
  };
  function bindContent() {
    for (const f of contentCleanups.splice(0)) f();
    const contentWin = t.kind === 'iframe' ? t.innerDoc.defaultView : win;
    if (t.kind === 'form' || t.kind === 'textarea') {
      onContent(t.root, 'input', schedule);
      onContent(t.root, 'change', schedule);
    } else {
      const mo = new contentWin.MutationObserver(() => {
        if (rebindIfReplaced()) return;
        schedule();
        redraw();
      });
      // The document, not only the body: a rewritten document shows here.
      mo.observe(t.kind === 'iframe' ? t.innerDoc : t.root, { childList: true, subtree: true, characterData: true });
      contentCleanups.push(() => mo.disconnect());
      onContent(t.root, 'input', schedule);
    }
    if (t.kind === 'form') onContent(t.root, 'focusin', trackCaret);
    else if (t.kind !== 'textarea') onContent(t.kind === 'iframe' ? t.innerDoc : doc, 'selectionchange', trackCaret);
    if (t.kind === 'iframe') {
      onContent(contentWin, 'scroll', redraw, { capture: true, passive: true });
      onContent(contentWin, 'resize', redraw, { passive: true });
    }
  }
  /** An iframe editor that replaced its document or body: bind to the new one and re-check. */
  function rebindIfReplaced(recheck = true) {
    if (t.kind !== 'iframe' || state.detached) return false;
    const d = t.frame.contentDocument;
    if (!d || !d.body || (d === t.innerDoc && d.body === t.root)) return false;
    t.innerDoc = d;
    t.root = d.body;
    bindContent();
    if (recheck) {
      schedule();
      redraw();
    }
    return true;
  }
  bindContent();
  cleanups.push(() => {
    for (const f of contentCleanups.splice(0)) f();
  });
  if (t.kind === 'iframe') on(t.frame, 'load', () => rebindIfReplaced());
  on(win, 'scroll', redraw, { capture: true, passive: true });
  on(win, 'resize', redraw, { passive: true });
  if (typeof win.ResizeObserver === 'function') {
    const ro = new win.ResizeObserver(redraw);
    ro.observe(host);
    cleanups.push(() => ro.disconnect());
  }
  if (form && opts.block !== 'never') {
    on(
      form,
      'submit',
      (ev) => {
        const result = runCheck('submit') ?? state.result;
        if (!result) return;
        if (opts.block === 'errors' && result.summary.errors > 0) {
          ev.preventDefault();
          ev.stopImmediatePropagation();
          live.textContent = ui.blocked;
          if (opts.focus) {
            summaryBox.scrollIntoView({ block: 'nearest' });
            summaryBox.focus();
          }
          host.dispatchEvent(new CustomEvent('nianbao:blocked', { detail: { result } }));
        }
      },
      true,
    );
  } else if (form) {
    on(form, 'submit', () => runCheck('submit'), true);
  }

  function switchOff(disable = true) {
    if (state.detached) return;
    state.detached = true;
    state.disabled = disable;
    clearTimeout(state.timer);
    if (state.raf) win.cancelAnimationFrame(state.raf);
    for (const f of cleanups.splice(0)) f();
    for (const [input, saved] of state.described) restoreAria(input, saved);
    state.described.clear();
    layer.remove();
    live.remove();
  }

  const controller = {
    get result() {
      return state.result;
    },
    /** True once a trap or panic switched the adapter off. */
    get disabled() {
      return state.disabled === true;
    },
    get timing() {
      return state.lastTiming;
    },
    /** Checks now (skipping the debounce) and returns the result. */
    check: () => runCheck('manual'),
    /** Scrolls to, outlines and (unless `focus: false`) focuses a finding's cell. */
    goTo,
    /** The element a finding's cell reference resolves to. */
    elementFor: (cellRef) => state.map?.cellOf(cellRef) ?? null,
    redraw: draw,
    /**
     * Sets last year's report for the cross-year rules (any form `check`
     * takes; null to drop it) and re-checks.
     */
    setPrevious(previous) {
      state.previous = previous ?? null;
      return runCheck('previous');
    },
    dismiss(fingerprint) {
      state.dismissed.add(fingerprint);
      return runCheck('dismiss');
    },
    detach() {
      if (state.removed) return;
      state.removed = true;
      switchOff(state.disabled === true);
      summaryBox.remove();
      if (ownSummary) summary.remove();
      if (!doc.querySelector('.nbc-layer')) {
        doc.getElementById(STYLE_ID)?.remove();
        if (Array.isArray(doc.adoptedStyleSheets)) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((x) => !x[SHEET_MARK]);
      }
    },
  };

  controller.ready = loadEngine(opts).then(
    (e) => {
      engine = e;
      return runCheck('attach');
    },
    (err) => {
      // The engine could not load (no wasm, blocked fetch): say so where the findings would be.
      if (!state.detached) {
        summaryBox.hidden = false;
        summaryBox.replaceChildren(el(doc, 'h2', null, ui.failed), el(doc, 'p', null, String(err?.message ?? err)));
        host.dispatchEvent(new CustomEvent('nianbao:error', { detail: { error: err } }));
        opts.onError?.(err);
      }
      return null;
    },
  );
  return controller;
}
