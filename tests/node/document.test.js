// checkDocument sends a document to the module in a compact text form
// (js/core.js compactDocument, read by Rust's Document::from_compact) when it
// can, else as JSON. The two paths must give the same result, byte for byte,
// and the same error for a document that is not valid: held here on the
// seed report's tables read with cheerio into the grid shape the browser's
// DOM reader makes, and on a thousand documents changed from it at random
// (values of every type, edge integers, missing and null fields, sources with
// spans, texts with control characters).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import '../../js/node.js';
import * as glue from '../../pkg/node/nianbao_check.js';
import { compactDocument } from '../../js/core.js';
import { SEED_HTML } from '../../www/seed-report.js';

/** The seed page as the DOM reader reads it: paragraphs, and tables as grids of slots. */
function seedDocument() {
  const $ = load(SEED_HTML);
  const blocks = [];
  let paragraph = 0;
  let index = 0;
  $('body')
    .find('p, h1, h2, h3, table')
    .each((_, el) => {
      if (el.tagName !== 'table') {
        if ($(el).closest('table').length) return;
        const text = $(el).text().trim();
        if (text) blocks.push({ type: 'para', text, source: { kind: 'html', paragraph: paragraph++ } });
        return;
      }
      const grid = [];
      let ordinal = 0;
      $(el)
        .find('tr')
        .each((r, tr) => {
          let col = 0;
          $(tr)
            .children('td, th')
            .each((_, td) => {
              while (grid[r]?.[col]) col++;
              const colspan = Number($(td).attr('colspan') || 1);
              const rowspan = Number($(td).attr('rowspan') || 1);
              const text = $(td).text().trim();
              const source = { kind: 'html', table: index, row: r, col, ordinal: ordinal++ };
              for (let dr = 0; dr < rowspan; dr++) {
                for (let dc = 0; dc < colspan; dc++) {
                  (grid[r + dr] ??= [])[col + dc] = { text, source, col: col + dc, origin: dr === 0 && dc === 0, colStart: col, colspan, rowStart: r };
                }
              }
              col += colspan;
            });
        });
      const rows = grid.map((row, r) => Array.from(row, (c, i) => c ?? { text: '', source: { kind: 'html', table: index, row: r, col: i }, col: i, origin: true, colStart: i, colspan: 1, rowStart: r }));
      blocks.push({ type: 'table', index, rows, source: { kind: 'html', table: index } });
      index++;
    });
  return { kind: 'html', blocks };
}

function outcome(text, options) {
  try {
    return JSON.stringify(glue.checkDocument(text, options, undefined, undefined, false, 0));
  } catch (e) {
    return `throws ${e.message}`;
  }
}

/** Both paths: what checkDocument sends (compact when it can) and the JSON path. */
function both(doc, options) {
  const compact = compactDocument(doc);
  const json = JSON.stringify(doc);
  return { compact, viaCompact: outcome(compact ?? json, options), viaJson: outcome(json, options) };
}

test('the seed tables: compact and JSON give the same whole result, with findings', () => {
  const doc = seedDocument();
  assert.ok(doc.blocks.filter((b) => b.type === 'table').length >= 3, 'the seed page has its tables');
  const { compact, viaCompact, viaJson } = both(doc);
  assert.ok(compact !== undefined && compact.startsWith('\u0001'), 'the DOM reader shape goes compact');
  assert.ok(compact.length < JSON.stringify(doc).length / 2);
  assert.equal(viaCompact, viaJson);
  const r = JSON.parse(viaCompact);
  assert.equal(r.year, 2020);
  assert.ok(r.diagnostics.some((d) => d.rule === 't3/balance'), 'the seed’s table 3 errors are found');
  assert.ok(r.report.tables.find((t) => t.id === 't3').cells.every((c) => c.source.kind === 'html' && c.source.ordinal !== undefined));
});

// A small deterministic generator (no Math.random: a failure reproduces).
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD = [0, 1, 7, 4294967295, 4294967296, -1, -0, 1.5, NaN, Infinity, '3', true, null, undefined, [], {}, 'html', 'pdf', 'nope', '', '12,5', '件\u0003', 'a\u0000b', '１２', '1,234', ' 3 '];

test('a thousand documents changed at random: the same result or the same error by both paths', () => {
  const base = seedDocument();
  const next = rng(12);
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  let compactCount = 0;
  let errors = 0;
  for (let n = 0; n < 1000; n++) {
    const doc = structuredClone(base);
    const edits = 1 + Math.floor(next() * 4);
    for (let e = 0; e < edits; e++) {
      const b = pick(doc.blocks);
      if (b === null || typeof b !== 'object' || Array.isArray(b)) continue;
      const where = next();
      const row = Array.isArray(b.rows) && b.rows.length ? pick(b.rows) : null;
      const c = Array.isArray(row) && row.length ? pick(row) : null;
      if (c !== null && typeof c === 'object' && !Array.isArray(c) && where < 0.75) {
        const key = pick(['text', 'text', 'text', 'col', 'origin', 'colStart', 'colspan', 'rowStart', 'source', 'source.table', 'source.row', 'source.ordinal', 'source.span', 'source.path', 'source.kind', 'source.page']);
        const value = key === 'text' && next() < 0.6 ? pick(['0', '12', '三', '1,024', '', '（七）总计', '本年新收政府信息公开申请数量']) : pick(ODD);
        if (key.startsWith('source.')) {
          c.source = c.source !== null && typeof c.source === 'object' ? { ...c.source } : {};
          if (value === undefined) delete c.source[key.slice(7)];
          else c.source[key.slice(7)] = key === 'source.span' && next() < 0.5 ? [1, 5] : value;
        } else if (value === undefined) delete c[key];
        else c[key] = value;
      } else if (where < 0.85) {
        const key = pick(['text', 'type', 'source', 'index', 'rows']);
        const value = key === 'type' ? pick(['para', 'table', 'nope', 7, undefined]) : pick(ODD);
        if (value === undefined) delete b[key];
        else b[key] = value;
      } else if (where < 0.95) {
        doc.kind = pick(['html', 'text', 'docx', 'xml', 5, null, undefined]);
      } else {
        doc.blocks.push(pick([null, 3, [], { type: 'para', text: '二、主动公开政府信息情况' }, { type: 'table', rows: [[]] }, { type: 'table', rows: [[{}]] }]));
      }
    }
    const { compact, viaCompact, viaJson } = both(doc, next() < 0.3 ? { locale: 'en', year: 2020 } : undefined);
    if (compact !== undefined) compactCount++;
    if (viaJson.startsWith('throws')) errors++;
    assert.equal(viaCompact, viaJson, `document ${n}: ${JSON.stringify(doc).slice(0, 300)}`);
  }
  // Both kinds of case were exercised.
  assert.ok(compactCount > 200, `${compactCount} went compact`);
  assert.ok(errors > 50 && errors < 900, `${errors} were errors`);
});
