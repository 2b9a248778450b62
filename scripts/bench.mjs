// Benchmark of the npm package in Node. Prints figures; asserts nothing.
//   1. the median latency of one check() on the seed, and reports per second
//      over the corpus pages;
//   2. the corpus HTML pages alone: pages/s and MB/s through check(), and
//      cheerio.load on the same pages in the same run, with the ratio;
//   3. the CLI over a generated folder (copies of the corpus files under
//      varied names, in a temporary folder): files/s, MB/s, the speed-up per
//      added core and the peak RSS, for --jobs 1, 2, … up to the core count.
// Usage: node scripts/bench.mjs [seconds per measure, default 3]
//          [--files N (CLI folder size, default 10000; 0 skips it)] [--max-jobs N]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as cheerioLoad } from 'cheerio';
import { check, decode } from '../js/node.js';

const flags = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = flags.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(flags.splice(i, 2)[1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name}: a whole number`);
  return v;
};
const folderFiles = flag('--files', 10000);
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const maxJobs = flag('--max-jobs', cores);
const root = fileURLToPath(new URL('../', import.meta.url));
const budget = Number(flags[0] || 3) * 1000;
const seed = readFileSync(join(root, 'examples/seed-linzi-yingji-2020.txt'), 'utf8');

console.log(`machine: ${os.cpus()[0]?.model ?? '?'}, ${cores} core(s), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

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
  htmlPages(pages);
  if (folderFiles > 0) cliFolder(pages);
}

/**
 * check() against cheerio.load on the corpus HTML pages, in alternating
 * passes over all pages (so both see the same load on a shared machine);
 * the median pass of each. check() takes the bytes (decoding included),
 * cheerio.load the text decoded beforehand.
 */
function htmlPages(all) {
  const pages = all.filter((p) => /\.html?$/.test(p.f)).map((p) => ({ ...p, text: decode(p.bytes).text }));
  const total = pages.reduce((n, p) => n + p.bytes.length, 0);
  // Warm-up, long enough for V8 to tier the wasm up from its baseline
  // compiler (Liftoff) to the optimising one for the hot functions: the
  // first passes run ≈ 3x slower (a CLI over a folder is past that after its
  // first files). The first pass is printed on its own.
  const first = performance.now();
  for (const p of pages) check(p.bytes);
  const firstPass = performance.now() - first;
  for (let i = 0; i < 3 || performance.now() - first < 1500; i++) {
    for (const p of pages) check(p.bytes);
    for (const p of pages) cheerioLoad(p.text);
  }
  const ours = [];
  const theirs = [];
  const t0 = performance.now();
  while (performance.now() - t0 < 2 * budget || ours.length < 5) {
    let s = performance.now();
    for (const p of pages) check(p.bytes);
    ours.push(performance.now() - s);
    s = performance.now();
    for (const p of pages) cheerioLoad(p.text);
    theirs.push(performance.now() - s);
  }
  const rate = (ms) => (pages.length / ms) * 1000;
  const mbps = (ms) => (total / 1048576 / ms) * 1000;
  const a = median(ours);
  const b = median(theirs);
  console.log(`corpus HTML pages: ${pages.length} pages, ${(total / 1024).toFixed(0)} kB (${(total / pages.length / 1024).toFixed(0)} kB each on average), ${ours.length} passes each, medians:`);
  console.log(`  check(bytes)       ${rate(a).toFixed(1).padStart(8)} pages/s ${mbps(a).toFixed(1).padStart(7)} MB/s  ${(a / pages.length).toFixed(2)} ms/page`);
  console.log(`  cheerio.load(text) ${rate(b).toFixed(1).padStart(8)} pages/s ${mbps(b).toFixed(1).padStart(7)} MB/s  ${(b / pages.length).toFixed(2)} ms/page`);
  console.log(`  ratio: check() is ${(b / a).toFixed(2)}x as fast as cheerio.load (target >= 10)`);
  console.log(`  first pass of check() (before tier-up): ${(firstPass / pages.length).toFixed(2)} ms/page`);
}

/**
 * The CLI over a generated folder of `folderFiles` files (copies of the
 * corpus files, round robin, under varied names in subfolders of 500), with
 * --jobs 1 … maxJobs. The output (--format json) goes to /dev/null; the peak
 * RSS is the CLI process's (its workers are threads of it), read by a hook
 * loaded with --import.
 */
function cliFolder(pages) {
  const dir = mkdtempSync(join(os.tmpdir(), 'nbc-bench-'));
  try {
    const hook = join(dir, 'rss-hook.mjs');
    // At exit: peak RSS (kB), CPU of all threads (µs), and the main thread's
    // own CPU (clock ticks, from /proc on Linux; -1 elsewhere).
    writeFileSync(
      hook,
      `import { readFileSync, writeSync } from 'node:fs';
process.on('exit', () => {
  const u = process.resourceUsage();
  let main = -1;
  try {
    const f = readFileSync('/proc/self/task/' + process.pid + '/stat', 'utf8').split(') ')[1].split(' ');
    main = Number(f[11]) + Number(f[12]);
  } catch {}
  writeSync(2, '\\nbench-usage ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + ' ' + main + '\\n');
});
`,
    );
    const folder = join(dir, 'reports');
    let bytes = 0;
    for (let i = 0; i < folderFiles; i++) {
      const p = pages[i % pages.length];
      const sub = join(folder, `batch-${String(Math.floor(i / 500)).padStart(3, '0')}`);
      if (i % 500 === 0) mkdirSync(sub, { recursive: true });
      const ext = extname(p.f);
      copyFileSync(join(corpus, p.f), join(sub, `${p.f.slice(0, -ext.length)}-copy${String(i).padStart(5, '0')}${ext}`));
      bytes += p.bytes.length;
    }
    console.log(`CLI over a folder: ${folderFiles} files (copies of the ${pages.length} corpus files), ${(bytes / 1048576).toFixed(0)} MB; --format json > /dev/null`);
    console.log('  jobs  seconds   files/s     MB/s  speed-up  per core  peak RSS   CPU s  CPU ms/file  main thread CPU s');
    const cli = join(root, 'js/cli.js');
    let first;
    for (let jobs = 1; jobs <= maxJobs; jobs++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, ['--import', hook, cli, '--jobs', String(jobs), '--no-progress', '--format', 'json', folder], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
      const secs = (performance.now() - t) / 1000;
      if (r.status !== 0 && r.status !== 1) console.log(`  (--jobs ${jobs}: exit ${r.status}: ${r.stderr.slice(0, 500)})`);
      const usage = /bench-usage (\d+) (\d+) (-?\d+)/.exec(r.stderr ?? '');
      const cpu = usage ? Number(usage[2]) / 1e6 : NaN;
      first ??= secs;
      const speedup = first / secs;
      console.log(`  ${String(jobs).padStart(4)} ${secs.toFixed(1).padStart(8)} ${(folderFiles / secs).toFixed(1).padStart(9)} ${(bytes / 1048576 / secs).toFixed(1).padStart(8)} ${speedup.toFixed(2).padStart(8)}x ${(speedup / jobs).toFixed(2).padStart(9)} ${usage ? `${(Number(usage[1]) / 1024).toFixed(0).padStart(6)} MB` : '     ?   '} ${cpu.toFixed(1).padStart(7)} ${((cpu / folderFiles) * 1000).toFixed(2).padStart(12)} ${usage && usage[3] !== '-1' ? (Number(usage[3]) / 100).toFixed(1).padStart(18) : '                 ?'}`);
    }
    console.log(`  (per core = speed-up / jobs; CPU = the CLI process's user + system time, all threads: the same CPU per file at every --jobs`);
    console.log(`   means the work divides without overhead, whatever else the machine runs; load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
