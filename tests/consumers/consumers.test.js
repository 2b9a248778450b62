// Tiny consumer apps built from the packed tarball (npm pack → npm install),
// never from a link: Node ESM (+ the bin, + TypeScript types), Vite build,
// the Vite dev server, webpack 5, and a plain <script type="module">.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appSource, assertApp, chromiumSkip, makeApp, pageHtml, root, runInChromium, serve } from './support.js';

const seed = readFileSync(join(root, 'examples/seed-linzi-yingji-2020.txt'), 'utf8');

test('Node ESM: import and call with no init; the bin via node_modules/.bin', () => {
  const app = makeApp('node', {
    'main.js': `import { check, rules } from 'nianbao-check';
import { readFileSync } from 'node:fs';
const r = check(readFileSync('seed.txt', 'utf8'));
console.log(JSON.stringify({ year: r.year, errors: r.summary.errors, rules: rules().length }));
`,
    'seed.txt': seed,
  });
  try {
    const r = spawnSync(process.execPath, ['main.js'], { cwd: app.dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.year, 2020);
    assert.equal(out.errors, 4);
    assert.ok(out.rules > 20);
    const bin = spawnSync(join(app.dir, 'node_modules/.bin/nianbao-check'), ['--format', 'json', 'seed.txt'], { cwd: app.dir, encoding: 'utf8' });
    assert.equal(bin.status, 1, bin.stderr);
    assert.equal(JSON.parse(bin.stdout).summary.errors, 4);
    // CommonJS cannot require an ES module on Node 20; dynamic import works.
    const cjs = spawnSync(process.execPath, ['-e', "import('nianbao-check').then(m => console.log(m.check('').summary.errors > 0))"], { cwd: app.dir, encoding: 'utf8' });
    assert.equal(cjs.stdout.trim(), 'true', cjs.stderr);
  } finally {
    app.cleanup();
  }
});

test('TypeScript: the packed types are precise (strict; misuse is a type error)', () => {
  const app = makeApp('ts', {
    'main.ts': `import { check, checkDocument, rules, init, type CheckResult, type Diagnostic, type TableId } from 'nianbao-check';
await init();
const r: CheckResult = check('text', { locale: 'en', rules: ['t3/'], empty: 'zero', previous: { year: 2019 } });
const d: Diagnostic | undefined = r.diagnostics[0];
const t: TableId | undefined = d?.cells[0]?.table;
const y: number | null = r.year;
const f: '2019' | '2021' | null = r.format;
const ids: string[] = rules().map((x) => x.id + x.titleZh + x.docEn);
checkDocument({ blocks: [{ type: 'para', text: 'x' }, { type: 'table', index: 0, rows: [[{ text: '1', col: 0 }]] }] });
check(new Uint8Array([1]));
// @ts-expect-error a number is not an input
check(5);
// @ts-expect-error unknown empty policy
check('x', { empty: 'sometimes' });
// @ts-expect-error severity is a union of literals, not any
const s: number = r.diagnostics[0].severity;
// @ts-expect-error no such field
r.summary.errorCount;
export { t, y, f, ids, s };
`,
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], skipLibCheck: false, types: [] }, files: ['main.ts'] }),
  });
  try {
    const r = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', '.'], { cwd: app.dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  } finally {
    app.cleanup();
  }
});

function browserApp(name, extra = {}) {
  return makeApp(name, { 'main.js': appSource(seed), 'index.html': pageHtml('<script type="module" src="./main.js"></script>'), ...extra });
}

test('Vite build: no consumer configuration', { skip: chromiumSkip }, async () => {
  const { build } = await import('vite');
  const app = browserApp('vite-build');
  try {
    await build({ root: app.dir, configFile: false, logLevel: 'silent', build: { outDir: join(app.dir, 'dist') } });
    const server = await serve(join(app.dir, 'dist'));
    try {
      assertApp(assert, await runInChromium(server.url));
    } finally {
      await server.close();
    }
  } finally {
    app.cleanup();
  }
});

test('Vite dev server (dependency pre-bundling on): no consumer configuration', { skip: chromiumSkip }, async () => {
  const { createServer } = await import('vite');
  const app = browserApp('vite-dev');
  const server = await createServer({ root: app.dir, configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port: 0 } });
  try {
    await server.listen();
    const url = server.resolvedUrls.local[0];
    // Pre-bundling moves the entry away from the .wasm: the base64 fallback serves.
    assertApp(assert, await runInChromium(url), 'inline');
  } finally {
    await server.close();
    app.cleanup();
  }
});

test('webpack 5: no consumer configuration beyond an entry', { skip: chromiumSkip }, async () => {
  const { default: webpack } = await import('webpack');
  const app = browserApp('webpack');
  try {
    const stats = await new Promise((ok, fail) =>
      webpack({ mode: 'production', context: app.dir, entry: './main.js', output: { path: join(app.dir, 'dist') }, performance: { hints: false } }, (err, s) => (err ? fail(err) : ok(s))),
    );
    assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true }));
    writeFileSync(join(app.dir, 'dist/index.html'), pageHtml('<script src="./main.js"></script>'));
    const server = await serve(join(app.dir, 'dist'));
    try {
      assertApp(assert, await runInChromium(server.url));
    } finally {
      await server.close();
    }
  } finally {
    app.cleanup();
  }
});

test('plain <script type="module"> on a static server (import map to the installed package)', { skip: chromiumSkip }, async () => {
  const app = browserApp('plain', {
    'index.html': pageHtml('<script type="importmap">{"imports":{"nianbao-check":"./node_modules/nianbao-check/js/browser.js"}}</script><script type="module" src="./main.js"></script>'),
  });
  const server = await serve(app.dir);
  try {
    assertApp(assert, await runInChromium(server.url));
  } finally {
    await server.close();
    app.cleanup();
  }
});
