// Benchmark of the npm package in Node: reports per second over the corpus
// pages and the median latency of one check() on the seed. Prints figures;
// asserts nothing. Usage: node scripts/bench.mjs [seconds per measure, default 3]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../js/node.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const budget = Number(process.argv[2] || 3) * 1000;
const seed = readFileSync(join(root, 'examples/seed-linzi-yingji-2020.txt'), 'utf8');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Seed latency: warm up, then time single calls.
for (let i = 0; i < 50; i++) check(seed);
const times = [];
let t0 = performance.now();
while (performance.now() - t0 < budget) {
  const s = performance.now();
  check(seed);
  times.push(performance.now() - s);
}
console.log(`seed (${(Buffer.byteLength(seed) / 1024).toFixed(1)} kB text): median ${median(times).toFixed(3)} ms per check(), p90 ${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)].toFixed(3)} ms, ${times.length} runs`);

const corpus = join(root, '../shared/corpus');
if (!existsSync(corpus)) {
  console.log(`corpus: skipped (${corpus} not found)`);
} else {
  const pages = readdirSync(corpus)
    .filter((f) => /\.(html?|txt|md)$/.test(f) && f !== 'README.md')
    .map((f) => ({ f, bytes: new Uint8Array(readFileSync(join(corpus, f))) }));
  const total = pages.reduce((n, p) => n + p.bytes.length, 0);
  for (const p of pages) check(p.bytes);
  let n = 0;
  t0 = performance.now();
  while (performance.now() - t0 < budget) {
    for (const p of pages) check(p.bytes);
    n += pages.length;
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`corpus: ${pages.length} pages, ${(total / 1024).toFixed(0)} kB: ${(n / secs).toFixed(1)} reports/s, ${((n / pages.length) * total / 1048576 / secs).toFixed(1)} MB/s (bytes in, decoding included)`);
  for (const p of pages) {
    const ts = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      check(p.bytes);
      ts.push(performance.now() - s);
    }
    console.log(`  ${p.f.padEnd(30)} ${(p.bytes.length / 1024).toFixed(0).padStart(5)} kB  median ${median(ts).toFixed(2)} ms`);
  }
}
