// check(htmlString) in Chromium goes through the browser's own parser
// (DOMParser) and the DOM grid reader into the web module's checkDocument;
// in Node it goes through Node's module's HTML reader (html5gum). Both must
// find the same things (rule and cell paths) on every published page of the
// corpus; only the provenance differs (no byte spans from the DOM).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, skipReason, CORPUS, ROOT } from './harness.js';
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
    assert.equal(browser.full, null, `${f}: an HTML check must not load the reader module`);
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

test('prose figures: a changed figure in each corpus page gives the same text/* findings in Chromium as in Node', { skip }, async () => {
  // The figures the pages state (tests/golden/claims/), each changed in the page as published.
  const changes = [
    ['pingtan-2021.html', '共收到70件申请', '共收到77件申请', 't3.new.total'],
    ['pingtan-2022.html', '行政复议案件2件', '行政复议案件5件', 't4.review.total'],
    ['pingtan-2024.html', '制发行政规范性文件62件', '制发行政规范性文件61件', 't2.item1.normative.issued'],
    // The figure in a span of its own, written in Chinese numerals.
    ['pingtan-2025.html', '行政复议</span><span style="text-indent: 2em;">36</span>', '行政复议</span><span style="text-indent: 2em;">三十</span>', 't4.review.total'],
    ['pingtan-czjrj-2025.html', '公开答复1件', '公开答复两件', 't3.granted.total'],
  ].filter(([f]) => existsSync(join(CORPUS, f)));
  const prose = (r) => r.diagnostics.filter((d) => d.rule.startsWith('text/')).map((d) => `${d.rule} ${d.cells.map(path).join(',')} ${d.expected} ${d.actual} ${d.message}`);
  for (const [f, from, to, cells] of changes) {
    const html = decode(readFileSync(join(CORPUS, f))).text;
    assert.ok(html.includes(from), `${f}: ${from}`);
    const changed = html.replace(from, to);
    const node = prose(check(changed));
    const browser = await page.evaluate(async (s) => {
      const e = await import('/js/browser.js');
      await e.init();
      return e.check(s);
    }, changed);
    assert.deepEqual(prose(browser), node, f);
    assert.ok(node.some((l) => l.startsWith(`text/table-mismatch ${cells} `)), `${f}: ${node.join('\n')}`);
  }
});

test('last year\'s report as an HTML page: the same cross-year findings in Chromium as in Node, without the reader module', { skip }, async () => {
  const read = (f) => decode(readFileSync(join(CORPUS, f))).text;
  const history = (r) => r.diagnostics.filter((d) => d.rule.startsWith('history/')).map((d) => `${d.rule} ${d.message}`);
  const pairs = [
    ['pingtan-2021.html', 'pingtan-2022.html'],
    ['pingtan-2024.html', 'pingtan-2025.html'],
    ['pingtan-2021.html', 'pingtan-2025.html'],
  ].filter((p) => p.every((f) => existsSync(join(CORPUS, f))));
  assert.ok(pairs.length > 0, 'no Pingtan pair in the corpus');
  const seen = [];
  for (const [before, now] of pairs) {
    const node = history(check(read(now), { previous: read(before) }));
    const browser = await page.evaluate(
      async ([s, p]) => {
        const e = await import('/js/browser.js');
        await e.init();
        const r = e.check(s, { previous: p });
        return { r, full: e.__fullSource() ?? null };
      },
      [read(now), read(before)],
    );
    assert.equal(browser.full, null, `${before} → ${now}: must not load the reader module`);
    assert.deepEqual(history(browser.r), node, `${before} → ${now}`);
    seen.push(...node);
  }
  // The pairs hold a real finding and a wrong year: both were read.
  if (pairs.length === 3) {
    assert.ok(seen.some((m) => m.startsWith('history/in-force 表二“行政规范性文件”现行有效件数为546')), seen.join('\n'));
    assert.ok(seen.some((m) => m.includes('所给上年报告为2021年度，本报告为2025年度')), seen.join('\n'));
  }
});

test('last year\'s report as a .docx: checkFile loads the reader module for it and compares', { skip }, async () => {
  const docx = [...readFileSync(join(ROOT, 'tests/fixtures/docx/pingtan-czjrj-2025.docx'))];
  const now = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/docx/pingtan-czjrj-2025.json'), 'utf8'));
  now.year = 2026;
  now.tables.t3.carried_in = { natural: 1, commercial: 0, research: 0, nonprofit: 0, legal: 0, other: 0, total: 1 };
  const got = await page.evaluate(
    async ([report, bytes]) => {
      const e = await import('/js/browser.js');
      await e.init();
      const previous = new Blob([new Uint8Array(bytes)]);
      const r = await e.checkFile(JSON.stringify(report), { previous });
      return { found: r.diagnostics.filter((d) => d.rule === 'history/carry-over' || d.rule === 'history/previous').map((d) => `${d.rule} ${d.cells[0]?.column}`), full: e.__fullSource() ?? null };
    },
    [now, docx],
  );
  assert.notEqual(got.full, null, 'the reader module was loaded for the Word file');
  assert.deepEqual(got.found, ['history/carry-over natural', 'history/carry-over total']);
});

test('html parity: no console errors and no request beyond the test server', { skip }, () => {
  assert.deepEqual(h.problems, []);
});
