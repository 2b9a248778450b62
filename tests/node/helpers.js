// Shared test helpers: paths, the corpus (skipped with a message when
// ../shared is absent), the Rust CLI's findings, and a GBK encoder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const seedPath = join(root, 'examples/seed-linzi-yingji-2020.txt');
export const corpusDir = join(root, '../shared/corpus');
export const hasCorpus = existsSync(corpusDir);
export const corpusSkip = hasCorpus ? false : `../shared/corpus not found beside the repo (${corpusDir})`;

export function corpusFiles() {
  return readdirSync(corpusDir)
    .filter((f) => /\.(html?|txt|md|json)$/.test(f) && f !== 'README.md')
    .sort();
}

/** The Rust CLI's JSON for a file (`cargo run --quiet -- --json FILE`). */
export function rustJson(file) {
  const r = spawnSync('cargo', ['run', '--quiet', '--', '--json', file], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`cargo run failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The parts of a finding both outputs share, for comparison. */
export function finding(d) {
  return {
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    cells: d.cells.map((c) => ({ table: c.table, block: c.block, row: c.row, column: c.column, raw: c.raw, value: c.value })),
    expected: d.expected ?? null,
    actual: d.actual ?? null,
  };
}

let gbkTable;
/** Replaces characters GBK lacks (e.g. U+00A0) with a space. */
export function gbkOnly(text) {
  encodeGbk('');
  return [...text].map((ch) => (ch.codePointAt(0) < 0x80 || gbkTable.has(ch) ? ch : ' ')).join('');
}

/** Encodes a string as GBK (built by inverting the platform's GBK decoder). */
export function encodeGbk(text) {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [hi, lo]);
      }
    }
  }
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

export const seedText = () => readFileSync(seedPath, 'utf8');
