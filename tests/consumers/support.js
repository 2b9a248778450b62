// Consumer-app support: pack the package once, install the tarball into a
// fresh temp app, serve folders statically, drive Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const chromiumSkip = existsSync(chromiumPath) ? false : `Chromium not found at ${chromiumPath} (scripts/setup.sh installs it)`;

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

let tarball;
/** `npm pack` of the repo (built pkg/ required), once per process. */
export function pack() {
  if (tarball) return tarball;
  if (!existsSync(join(root, 'pkg/nianbao_check_bg.wasm'))) throw new Error('pkg/ missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'nbc-pack-'));
  const out = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', dir], root));
  tarball = join(dir, out[0].filename);
  return tarball;
}

/** A temp app with `files` written and the packed tarball installed (not linked). */
export function makeApp(name, files) {
  const dir = mkdtempSync(join(tmpdir(), `nbc-${name}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }, null, 2));
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    sh('mkdir', ['-p', join(full, '..')], dir);
    writeFileSync(full, text);
  }
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', pack()], dir);
  const installed = join(dir, 'node_modules/nianbao-check');
  if (!statSync(installed).isDirectory() || statSync(installed, { throwIfNoEntry: false })?.isSymbolicLink?.()) throw new Error('not installed');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css' };

/** A static server for `dir` on 127.0.0.1 (no directory listings, no SPA fallback). */
export async function serve(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let p = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!p.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(p) && statSync(p).isDirectory()) p = join(p, 'index.html');
    if (!existsSync(p)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(p)] || 'application/octet-stream' });
    res.end(readFileSync(p));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Opens `url` in headless Chromium and returns what the app wrote into #out, plus console errors. */
export async function runInChromium(url) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('deliberate panic for tests')) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(url);
    await page.waitForSelector('body[data-done]', { timeout: 30000 });
    const out = JSON.parse(await page.textContent('#out'));
    return { out, errors };
  } finally {
    await browser.close();
  }
}

/** The app every consumer runs: init twice at once, check the seed, survive a panic. */
export function appSource(seed) {
  return `import { init, ready, check, rules, version, __panicForTest, __wasmSource } from 'nianbao-check';
const seed = ${JSON.stringify(seed)};
async function main() {
  const out = {};
  try {
    await Promise.all([init(), ready(), init()]);
    await init();
    const r = check(seed);
    out.year = r.year;
    out.format = r.format;
    out.errors = r.summary.errors;
    out.rules = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule);
    out.ruleCount = rules().length;
    out.version = version();
    try {
      __panicForTest('browser');
    } catch (e) {
      out.panic = e.name;
    }
    out.after = check(seed).summary.errors;
    out.source = __wasmSource();
  } catch (e) {
    out.error = String((e && e.stack) || e);
  }
  document.getElementById('out').textContent = JSON.stringify(out);
  document.body.dataset.done = '1';
}
main();
`;
}

export const pageHtml = (script) => `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>consumer</title></head>
<body><pre id="out"></pre>${script}</body></html>
`;

/** What every browser consumer must show. */
export function assertApp(assert, { out, errors }, source = 'url') {
  assert.equal(out.source, source, 'where the wasm came from');
  assert.equal(out.error, undefined, out.error);
  assert.deepEqual(errors, []);
  assert.equal(out.year, 2020);
  assert.equal(out.format, '2019');
  assert.equal(out.errors, 4);
  assert.deepEqual(out.rules, ['t3/balance', 't3/balance', 't3/results-total', 't3/results-total']);
  assert.ok(out.ruleCount > 20);
  assert.equal(out.panic, 'NianbaoCheckError');
  assert.equal(out.after, 4);
}

export { readdirSync };
