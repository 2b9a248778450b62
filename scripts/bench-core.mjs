// Throughput of the core through the package's Node entry (issue #12):
// check() on the corpus HTML pages, as bytes (what a CLI reads) and as strings,
// with a breakdown of one call. Prints medians; asserts nothing.
// Usage: node scripts/bench-core.mjs [rounds, default 15]
// Each round checks every page once; the figure is the median round, in CPU
// time of this process (process.cpuUsage: user + system), which a machine
// shared with other jobs disturbs far less than wall time.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, decode } from '../js/node.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const rounds = Number(process.argv[2] || 15);
const corpus = join(root, '../shared/corpus');
if (!existsSync(corpus)) {
  console.log(`bench-core: skipped (${corpus} not found)`);
  process.exit(0);
}
const pages = readdirSync(corpus)
  .filter((f) => /\.html$/.test(f))
  .sort()
  .map((f) => {
    const bytes = new Uint8Array(readFileSync(join(corpus, f)));
    return { f, bytes, text: decode(bytes).text };
  });
const kb = pages.reduce((n, p) => n + p.bytes.length, 0) / 1024;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function measure(label, f) {
  // Warm-up: long enough for V8 to tier the hot wasm functions up from its
  // baseline compiler (the first passes run ≈ 3x slower).
  const t0 = performance.now();
  for (let i = 0; i < 3 || performance.now() - t0 < 1000; i++) for (const p of pages) f(p);
  const per = [];
  for (let r = 0; r < rounds; r++) {
    const t = process.cpuUsage();
    for (const p of pages) f(p);
    const d = process.cpuUsage(t);
    per.push((d.user + d.system) / 1000 / pages.length);
  }
  const ms = median(per);
  console.log(`${label.padEnd(34)} ${ms.toFixed(3).padStart(8)} ms/page  ${(1000 / ms).toFixed(0).padStart(6)} pages/s`);
  return ms;
}

console.log(`${pages.length} HTML pages, ${kb.toFixed(0)} kB (${(kb / pages.length).toFixed(0)} kB a page), median of ${rounds} rounds`);
measure('check(bytes)', (p) => check(p.bytes));
measure('check(string)', (p) => check(p.text));
measure('  decode(bytes) only', (p) => decode(p.bytes));
measure('  JSON.parse(JSON.stringify(result))', ((cache) => (p) => {
  const s = cache.get(p) ?? JSON.stringify(check(p.text));
  cache.set(p, s);
  JSON.parse(s);
})(new Map()));
