// The browser/bundler entry, exercised in Node: init() is required, idempotent
// and instantiates once however many callers await it at the same time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedText } from './helpers.js';

let instantiations = 0;
const original = WebAssembly.instantiate;
WebAssembly.instantiate = function (...args) {
  // Count ours only (Node's fetch instantiates its own HTTP parser).
  if (args[1] && './nianbao_check_bg.js' in args[1]) instantiations++;
  return original.apply(this, args);
};

const entry = await import('../../js/browser.js');

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
});

test('browser entry: after a panic the module is re-instantiated synchronously and works', async () => {
  await entry.init();
  assert.throws(() => entry.__panicForTest('x'), { name: 'NianbaoCheckError' });
  assert.equal(entry.check(seedText()).summary.errors, 4);
  await entry.init();
  assert.equal(entry.check(seedText()).summary.errors, 4);
});
