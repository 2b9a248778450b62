// The DOM grid reader on crafted tables: spans expanded like the Rust side
// (origin flags, caps), nested tables as grids of their own, cell text as a
// person reads it; and focus: false leaves focus where it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, skipReason } from './harness.js';
import { SEED_HTML } from '../../www/seed-report.js';

const skip = skipReason() || false;
let h;
let page;
before(async () => {
  if (skip) return;
  h = await start();
  page = await h.page('tests/browser/pages/reference.html');
  await page.waitForFunction(() => window.pageReady);
});
after(async () => {
  await h?.close();
});

const read = (html, limits) =>
  page.evaluate(
    async ([s, l]) => {
      const { readDocument } = await import('/www/adapter/index.js');
      const box = document.createElement('div');
      box.innerHTML = s;
      document.body.appendChild(box);
      const r = readDocument(box, l);
      box.remove();
      return { blocks: r.document.blocks, slots: r.cells.size, truncated: r.truncated };
    },
    [html, limits],
  );

test('spans are expanded into every slot, origin only at the top-left', { skip }, async () => {
  const { blocks } = await read('<p>标题</p><table><tr><td rowspan="2" colspan="2">A</td><td>B</td></tr><tr><td>C</td></tr><tr><td>D</td><td>E</td><td>F</td></tr></table><h2>一、总体情况</h2>');
  assert.deepEqual(blocks.map((b) => b.type), ['para', 'table', 'para']);
  const grid = blocks[1].rows.map((r) => r.map((c) => `${c.text}${c.origin ? '' : "'"}`));
  assert.deepEqual(grid, [['A', "A'", 'B'], ["A'", "A'", 'C'], ['D', 'E', 'F']]);
  const a = blocks[1].rows[1][1];
  assert.deepEqual([a.colStart, a.colspan, a.rowStart, a.source.row, a.source.col], [0, 2, 0, 0, 0]);
  assert.equal(blocks[2].text, '一、总体情况');
});

test('cell text: split digits join, NBSP and zero-width characters go, inputs give their value', { skip }, async () => {
  const { blocks } = await read('<table><tr><td><p><span>1</span><span>2</span></p></td><td>&nbsp;</td><td>\u200b3\u00a0件</td><td><input value="45"></td></tr></table>');
  assert.deepEqual(blocks[0].rows[0].map((c) => c.text), ['12', '', '3 件', '45']);
});

test('a table nested in a cell is a grid of its own, not part of the cell text', { skip }, async () => {
  const { blocks } = await read('<table><tr><td>外<table><tr><td>内</td></tr></table></td><td>X</td></tr></table>');
  const tables = blocks.filter((b) => b.type === 'table');
  assert.deepEqual(tables.map((t) => [t.index, t.rows.map((r) => r.map((c) => c.text))]), [[0, [['外', 'X']]], [1, [['内']]]]);
});

test('hostile spans are capped (1000) and the cell budget stops the read', { skip }, async () => {
  const wide = await read('<table><tr><td colspan="65534">W</td></tr></table>');
  assert.equal(wide.blocks[0].rows[0].length, 1000);
  const budget = await read('<table><tr><td colspan="600">a</td><td colspan="600">b</td></tr></table>', { maxCells: 1000 });
  assert.equal(budget.truncated, true);
  assert.equal(budget.slots, 600);
});

test('focus: false — a summary link outlines the cell but leaves focus on the link', { skip }, async () => {
  const p = await h.context.newPage();
  await p.goto(`${h.url}tests/browser/pages/contenteditable.html?focus=0`);
  await p.waitForFunction(() => window.pageReady === true);
  await p.evaluate(() => window.testPage.ready);
  await p.evaluate((s) => window.testPage.setContent(s), SEED_HTML);
  await p.waitForFunction(() => window.testPage.controller.result?.summary.errors === 4);
  await p.locator('.nbc-summary a').first().click();
  const state = await p.evaluate(() => ({ tag: document.activeElement.tagName, active: !!document.querySelector('.nbc-box.nbc-active') }));
  assert.deepEqual(state, { tag: 'A', active: true });
  await p.close();
});

test('a read stopped by the cell budget says so in the summary', { skip }, async () => {
  const text = await page.evaluate(async () => {
    const { attach } = await import('/www/adapter/index.js');
    const box = document.createElement('div');
    box.contentEditable = 'true';
    box.innerHTML = '<table><tr><td colspan="600">a</td><td colspan="600">b</td></tr></table>';
    document.body.appendChild(box);
    const c = attach(box, { limits: { maxCells: 1000 } });
    await c.ready;
    const t = document.querySelector('.nbc-summary').textContent;
    c.detach();
    box.remove();
    return t;
  });
  assert.match(text, /表格过大：只检查了前 600 个单元格。/);
});

test('an engine that fails to load is reported in the summary and as an event, not thrown', { skip }, async () => {
  const got = await page.evaluate(async () => {
    const { attach } = await import('/www/adapter/index.js');
    const box = document.createElement('div');
    box.contentEditable = 'true';
    box.textContent = '报告';
    document.body.appendChild(box);
    const events = [];
    box.addEventListener('nianbao:error', (e) => events.push(e.detail.error.message));
    const engine = { init: () => Promise.reject(new Error('wasm blocked')), check() {}, checkDocument() {} };
    const c = attach(box, { engine });
    const r = await c.ready;
    const text = document.querySelector('.nbc-summary').textContent;
    c.detach();
    box.remove();
    return { r, text, events };
  });
  assert.deepEqual(got, { r: null, text: '检查失败wasm blocked', events: ['wasm blocked'] });
});

test('reader: no console errors and no request beyond the test server', { skip }, () => {
  assert.deepEqual(h.problems, []);
});
