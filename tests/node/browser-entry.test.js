// The browser/bundler entry, exercised in Node: init() is required, idempotent
// and instantiates the web module once however many callers await it at the
// same time; the reader module (DOCX, HTML without DOMParser) is loaded only by
// checkFile, once. (Node has no DOMParser: the HTML path through the browser's
// parser is tested in Chromium, tests/browser/html-parity.test.js.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, seedText } from './helpers.js';
import { spawnSync } from 'node:child_process';
import { SEED_HTML } from '../../www/seed-report.js';

const SEED_TITLE = '临淄区应急管理局2020年政府信息公开工作年度报告';

let instantiations = 0;
const original = WebAssembly.instantiate;
WebAssembly.instantiate = function (...args) {
  // Count ours only (Node's fetch instantiates its own HTTP parser).
  if (args[1] && './nianbao_check_bg.js' in args[1]) instantiations++;
  return original.apply(this, args);
};

const entry = await import('../../js/browser.js');
const docx = new Uint8Array(readFileSync(join(root, 'tests/fixtures/docx/seed-linzi-yingji-2020.docx')));
const html = `<!doctype html><html><head><title>${SEED_TITLE}</title></head><body>${SEED_HTML}</body></html>`;
// The Node entry's results, from another process: importing js/node.js here
// would share its (already instantiated) full glue module with this entry.
function nodeCheck(input) {
  const src = `import { check } from './js/node.js'; import { readFileSync } from 'node:fs';
const i = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(check(i.bytes ? new Uint8Array(i.bytes) : i.text)));`;
  const stdin = JSON.stringify(typeof input === 'string' ? { text: input } : { bytes: [...input] });
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', src], { cwd: root, input: stdin, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}
const errors = (r) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule} ${d.cells[0]?.row}.${d.cells[0]?.column}`);
const SEED_ERRORS = ['t3/balance results_total.natural', 't3/balance results_total.total', 't3/results-total results_total.natural', 't3/results-total results_total.total'];

test('browser entry: calls before init() fail clearly', () => {
  assert.throws(() => entry.check('x'), /call `await init\(\)` before using the API/);
});

test('browser entry: init() twice and from two places at once instantiates once', async () => {
  const a = entry.init();
  const b = entry.ready();
  assert.equal(a, b, 'one shared promise');
  await Promise.all([a, b, entry.init()]);
  await entry.init();
  assert.equal(instantiations, 1);
  assert.equal(entry.check(seedText()).summary.errors, 4);
  // Node's fetch cannot read file: URLs, so the base64 fallback served here.
  assert.equal(entry.__wasmSource(), 'inline');
  assert.equal(entry.__fullSource(), undefined, 'a text check does not load the reader module');
});

test('browser entry: DOCX bytes before checkFile get one diagnostic pointing to checkFile; HTML without DOMParser too', async () => {
  await entry.init();
  const r = entry.check(docx);
  assert.deepEqual(r.diagnostics.map((d) => d.rule), ['input/unreadable']);
  assert.match(r.diagnostics[0].messageZh, /checkFile\(\)/);
  assert.match(r.diagnostics[0].messageEn, /use checkFile\(\)|with checkFile\(\)/);
  assert.equal(r.input, 'docx');
  const h = entry.check(html);
  assert.deepEqual(h.diagnostics.map((d) => d.rule), ['input/unreadable']);
  assert.match(h.diagnostics[0].messageEn, /no DOMParser/);
  assert.equal(entry.__fullSource(), undefined);
  assert.equal(instantiations, 1);
});

test('browser entry: checkFile loads the reader module once (concurrent calls share it), then sync check reads DOCX too', async () => {
  const [a, b] = await Promise.all([entry.checkFile(docx), entry.checkFile(new Blob([docx]))]);
  assert.equal(instantiations, 2, 'the reader module instantiated once');
  assert.equal(entry.__fullSource(), 'inline');
  assert.deepEqual(errors(a), SEED_ERRORS);
  assert.equal(a.input, 'docx');
  assert.deepEqual(b.diagnostics, a.diagnostics);
  assert.deepEqual(entry.check(docx).diagnostics, nodeCheck(docx).diagnostics);
  // No DOMParser in Node: HTML goes to the reader module's HTML reader, byte spans and all.
  const viaFile = await entry.checkFile(html);
  assert.deepEqual(viaFile.diagnostics, nodeCheck(html).diagnostics);
  assert.deepEqual(entry.check(html).diagnostics, nodeCheck(html).diagnostics);
  assert.ok(viaFile.diagnostics.some((d) => d.cells[0]?.source?.span), 'spans from the wasm HTML reader');
  assert.equal(instantiations, 2);
});

test('browser entry: after a panic the module is re-instantiated synchronously and works', async () => {
  await entry.init();
  assert.throws(() => entry.__panicForTest('x'), { name: 'NianbaoCheckError' });
  assert.equal(entry.check(seedText()).summary.errors, 4);
  await entry.init();
  assert.equal(entry.check(seedText()).summary.errors, 4);
});
