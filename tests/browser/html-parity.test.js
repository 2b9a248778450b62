// check(htmlString) in Chromium goes through the browser's own parser
// (DOMParser) and the DOM grid reader into the web module's checkDocument;
// in Node it goes through the full module's HTML reader (html5gum). Both must
// find the same things (rule and cell paths) on every published page of the
// corpus; only the provenance differs (no byte spans from the DOM).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, skipReason, CORPUS } from './harness.js';
import { check, decode } from '../../js/node.js';

const skip = skipReason() || (existsSync(CORPUS) ? false : `../shared/corpus not found beside the repo (${CORPUS})`);
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

const path = (c) => [c.table, c.block, c.row, c.column].filter(Boolean).join('.');
const findings = (r) => r.diagnostics.map((d) => `${d.rule} ${d.cells.map(path).join(',')}`).sort();

test('every corpus page: the same findings in Chromium (DOMParser) as in Node (wasm HTML reader)', { skip }, async () => {
  const pages = readdirSync(CORPUS).filter((f) => /\.html?$/.test(f)).sort();
  assert.ok(pages.length > 0, 'no HTML page in the corpus');
  for (const f of pages) {
    const html = decode(readFileSync(join(CORPUS, f))).text;
    const node = check(html);
    const browser = await page.evaluate(async (s) => {
      const e = await import('/js/browser.js');
      await e.init();
      const r = e.check(s);
      return { r, full: e.__fullSource() ?? null };
    }, html);
    assert.equal(browser.full, null, `${f}: an HTML check must not load the full module`);
    const r = browser.r;
    assert.equal(r.input, 'html', f);
    assert.deepEqual([r.year, r.format, r.title], [node.year, node.format, node.title], `${f}: year, format, title`);
    assert.deepEqual(findings(r), findings(node), f);
    assert.deepEqual(
      r.report.tables.map((t) => [t.id, t.cells.length]),
      node.report.tables.map((t) => [t.id, t.cells.length]),
      `${f}: tables read`,
    );
    const cells = r.diagnostics.flatMap((d) => d.cells);
    assert.ok(cells.every((c) => !c.source?.span), `${f}: the DOM has no byte offsets`);
    assert.ok(cells.every((c) => c.source?.table !== undefined && c.source?.ordinal !== undefined), `${f}: table and ordinal provenance`);
  }
});

test('html parity: no console errors and no request beyond the test server', { skip }, () => {
  assert.deepEqual(h.problems, []);
});
