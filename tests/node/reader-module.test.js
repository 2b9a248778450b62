// The browsers' two modules give what Node's one module gives.
//
// In a browser, `checkFile` loads the reader module (pkg/full: the HTML
// tokenizer and the DOCX and PDF readers, no rules) for a Word file, a PDF,
// or HTML where there is no DOMParser; it reads the input and the web module
// (pkg/web, loaded at init) checks what it read. Here the browser entry runs
// in Node (no DOMParser, so HTML takes that path too) and every result is
// compared whole — findings, model with every cell's source, title, year,
// summary — with the Node entry's `check` on the same bytes, for every Word
// and PDF fixture (the damaged, encrypted and scanned ones included), the
// HTML fixtures, under tight limits and in English, and with last year's
// report as a Word file or PDF. (tests/reader_module.rs holds the Rust
// halves to the same; this holds the JS plumbing between the modules.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { root } from './helpers.js';

const entry = await import('../../js/browser.js');

const fixtures = (dir, ext) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
const FILES = [...fixtures('tests/fixtures/docx', '.docx'), ...fixtures('tests/fixtures/pdf', '.pdf')];
const HTML = fixtures('tests/fixtures/html', '.html');
const OPTION_SETS = [undefined, { locale: 'en', year: 2024 }, { limits: { maxCells: 40 } }, { limits: { maxInputBytes: 4096 } }, { limits: { maxSpan: 2, maxDepth: 8 } }];

/**
 * The Node entry's whole results for [path, options, previous path] cases,
 * from another process (importing js/node.js here would share glue state
 * with the browser entry).
 */
function nodeResults(cases) {
  const src = `import { check } from './js/node.js'; import { readFileSync } from 'node:fs';
const cases = JSON.parse(readFileSync(0, 'utf8'));
const out = cases.map(([path, options, prev]) => {
  const opts = prev ? { ...options, previous: new Uint8Array(readFileSync(prev)) } : options;
  const r = check(new Uint8Array(readFileSync(path)), opts);
  return JSON.stringify({ ...r, report: r.report });
});
process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', src], { cwd: root, input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 512 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const whole = (r) => JSON.stringify({ ...r, report: r.report });
const bytes = (path) => new Uint8Array(readFileSync(join(root, path)));

test('reader module + web module = the Node module: every Word and PDF fixture, every option set', async () => {
  await entry.init();
  const cases = FILES.flatMap((f) => OPTION_SETS.map((o) => [f, o]));
  const want = nodeResults(cases);
  let unreadable = 0;
  for (const [i, [f, o]] of cases.entries()) {
    const got = await entry.checkFile(bytes(f), o);
    if (got.diagnostics.some((d) => d.rule === 'input/unreadable')) unreadable++;
    assert.equal(whole(got), want[i], `${f} ${JSON.stringify(o)}`);
  }
  assert.notEqual(entry.__fullSource(), undefined, 'the reader module was loaded');
  assert.ok(unreadable > 20, `the damaged files and tight limits were among them (${unreadable})`);
  // A Word file's findings point at its cells: table, row, column in the file.
  const seed = await entry.checkFile(bytes('tests/fixtures/docx/seed-linzi-yingji-2020.docx'));
  assert.equal(seed.input, 'docx');
  assert.ok(seed.diagnostics.some((d) => d.cells[0]?.source?.kind === 'docx' && Number.isInteger(d.cells[0].source.row)));
  const pdf = await entry.checkFile(bytes('tests/fixtures/pdf/seed-linzi-yingji-2020.pdf'));
  assert.ok(pdf.diagnostics.some((d) => Number.isInteger(d.cells[0]?.source?.page) && d.cells[0].source.bbox?.length === 4), 'PDF findings keep page and box');
});

test('reader module + web module = the Node module: HTML where there is no DOMParser', async () => {
  await entry.init();
  const cases = HTML.flatMap((f) => OPTION_SETS.map((o) => [f, o]));
  const want = nodeResults(cases);
  for (const [i, [f, o]] of cases.entries()) {
    const got = await entry.checkFile(bytes(f), o);
    assert.equal(whole(got), want[i], `${f} ${JSON.stringify(o)}`);
    // The synchronous check, once the reader module is loaded: the same.
    assert.equal(whole(entry.check(bytes(f), o)), want[i], `${f} (check)`);
  }
});

test("last year's report as a Word file or PDF: read by the reader module, compared by the web module", async () => {
  await entry.init();
  const now = 'tests/fixtures/pdf/pingtan-czjrj-2025.pdf';
  const prevs = ['tests/fixtures/docx/seed-linzi-yingji-2020.docx', 'tests/fixtures/pdf/seed-linzi-yingji-2020.pdf', 'tests/fixtures/docx/bad-encrypted.docx', 'tests/fixtures/pdf/pingtan-czjrj-2025-wps.pdf'];
  const cases = prevs.map((p) => [now, undefined, p]);
  const want = nodeResults(cases);
  for (const [i, p] of prevs.entries()) {
    const got = await entry.checkFile(new Blob([bytes(now)]), { previous: new Blob([bytes(p)]) });
    assert.equal(whole(got), want[i], p);
    assert.ok(got.diagnostics.some((d) => d.rule.startsWith('history/')), `${p}: the cross-year rules ran or said why not`);
    // checkDocument with last year's report as bytes goes the same way.
    assert.equal(whole(entry.check(bytes(now), { previous: bytes(p) })), want[i], `${p} (check)`);
  }
});

test('a panic in the reader module restarts it; the next read works', async () => {
  await entry.checkFile(bytes('tests/fixtures/docx/seed-linzi-yingji-2020.docx'));
  assert.throws(() => entry.__fullPanicForTest('x'), { name: 'NianbaoCheckError', message: /deliberate panic for tests: x; the module was restarted/ });
  const r = await entry.checkFile(bytes('tests/fixtures/pdf/seed-linzi-yingji-2020.pdf'));
  assert.equal(r.summary.errors, 4);
});

test('invalid options are refused as before, by the web module, after the reader read', async () => {
  await entry.init();
  await assert.rejects(entry.checkFile(bytes('tests/fixtures/docx/seed-linzi-yingji-2020.docx'), { limits: { maxCells: -1 } }), /invalid options/);
  await assert.rejects(entry.checkFile(bytes('tests/fixtures/docx/seed-linzi-yingji-2020.docx'), { locale: 3 }), /invalid options/);
});
