// Reads a live DOM subtree into the serde shape of the Rust `read::Document`:
// prose blocks and table grids with rowspan/colspan expanded, plus a map from
// each grid slot back to the element that fills it. No HTML is re-parsed: the
// browser already built the grid.

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'SVG', 'svg', 'HEAD', 'TITLE', 'META', 'LINK']);

/** Default limits, the same as the Rust side's `Limits`. */
export const DEFAULT_LIMITS = Object.freeze({ maxSpan: 1000, maxCells: 1_000_000 });

/** Collapses whitespace (NBSP and ideographic space included), drops zero-width characters. */
export function collapse(s) {
  return s.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** Text of a node as a person sees it in a cell: form controls give their value. */
function cellText(el) {
  let out = '';
  const walk = (n) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += c.data;
      else if (c.nodeType === 1) {
        const tag = c.tagName.toUpperCase();
        if (SKIP.has(tag) || tag === 'TABLE') continue; // nested tables are grids of their own
        if (tag === 'INPUT' || tag === 'TEXTAREA') out += c.value;
        else if (tag === 'SELECT') out += c.selectedOptions?.[0]?.text ?? '';
        else if (tag === 'BR') out += ' ';
        else walk(c);
      }
    }
  };
  walk(el);
  return collapse(out);
}

function spanAttr(el, name, cap) {
  const v = Number.parseInt(el.getAttribute(name) ?? '1', 10);
  if (!Number.isFinite(v) || v < 1) return name === 'rowspan' && v === 0 ? 0 : 1;
  return Math.min(v, cap);
}

/**
 * Reads `root` (an element or a document) into `{ document, cells, tables }`.
 * `cells` maps `"table,row,col"` (grid slot) to the element; `tables[i]` is the
 * i-th `<table>` element. Tables nested in cells are separate grids.
 */
export function readDocument(root, limits = {}) {
  const { maxSpan, maxCells } = { ...DEFAULT_LIMITS, ...limits };
  const start = root.nodeType === 9 ? root.body ?? root.documentElement : root;
  const blocks = [];
  const cells = new Map();
  const tables = [];
  let budget = maxCells;
  let ordinal = 0;
  let buf = '';
  let paras = 0;
  let truncated = false;

  const flush = () => {
    const text = collapse(buf);
    buf = '';
    if (text) blocks.push({ type: 'para', text, source: { kind: 'html', paragraph: paras++ } });
  };

  const readTable = (tableEl) => {
    const index = tables.length;
    tables.push(tableEl);
    const grid = [];
    const trs = Array.from(tableEl.rows ?? []);
    const nested = [];
    // occupied[r] = Map col -> slot (filled by rowspans from above)
    for (let r = 0; r < trs.length; r++) {
      const tr = trs[r];
      grid[r] ??= [];
      const row = grid[r];
      let col = 0;
      for (const td of Array.from(tr.cells)) {
        while (row[col]) col++;
        const colspan = spanAttr(td, 'colspan', maxSpan);
        let rowspan = spanAttr(td, 'rowspan', maxSpan);
        if (rowspan === 0) rowspan = Math.max(1, Math.min(trs.length - r, maxSpan));
        rowspan = Math.min(rowspan, trs.length - r);
        const slots = colspan * rowspan;
        if (slots > budget) {
          truncated = true;
          break;
        }
        budget -= slots;
        const text = cellText(td);
        const source = { kind: 'html', table: index, row: r, col, ordinal: ordinal++ };
        for (let dr = 0; dr < rowspan; dr++) {
          const target = (grid[r + dr] ??= []);
          for (let dc = 0; dc < colspan; dc++) {
            const c = col + dc;
            target[c] = {
              text,
              source,
              col: c,
              origin: dr === 0 && dc === 0,
              colStart: col,
              colspan,
              rowStart: r,
            };
            cells.set(`${index},${r + dr},${c}`, td);
          }
        }
        for (const t of td.querySelectorAll('table')) if (t.parentElement?.closest('td,th') === td) nested.push(t);
        col += colspan;
      }
      if (truncated) break;
    }
    // Holes (ragged rows around spans) become empty, non-origin-less slots: keep rows dense.
    const rows = grid.map((row, r) => {
      const out = [];
      for (let c = 0; c < row.length; c++) {
        out.push(
          row[c] ?? {
            text: '',
            source: { kind: 'html', table: index, row: r, col: c },
            col: c,
            origin: true,
            colStart: c,
            colspan: 1,
            rowStart: r,
          },
        );
      }
      return out;
    });
    blocks.push({ type: 'table', index, rows, source: { kind: 'html', table: index } });
    for (const t of nested) {
      if (!truncated) readTable(t);
    }
  };

  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        buf += c.data;
        continue;
      }
      if (c.nodeType !== 1) continue;
      const tag = c.tagName.toUpperCase();
      if (SKIP.has(tag)) continue;
      if (tag === 'TABLE') {
        flush();
        readTable(c);
        continue;
      }
      if (tag === 'BR') {
        flush();
        continue;
      }
      if (tag === 'INPUT' || tag === 'TEXTAREA') {
        buf += ` ${c.value} `;
        continue;
      }
      if (BLOCK.has(tag)) {
        flush();
        walk(c);
        flush();
      } else {
        walk(c);
      }
    }
  };

  if (start) {
    if (start.tagName?.toUpperCase() === 'TABLE') readTable(start);
    else walk(start);
  }
  flush();
  return { document: { kind: 'html', blocks }, cells, tables, truncated };
}
