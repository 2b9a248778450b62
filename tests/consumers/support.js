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
  if (!existsSync(join(root, 'pkg/web/nianbao_check_bg.wasm')) || !existsSync(join(root, 'pkg/full/nianbao_check_bg.wasm'))) throw new Error('pkg/ missing: run `npm run build` first');
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

const WEB_WASM = () => readFileSync(join(root, 'pkg/web/nianbao_check_bg.wasm'));
const FULL_WASM = () => readFileSync(join(root, 'pkg/full/nianbao_check_bg.wasm'));

/**
 * Which of the two modules a response carried, by content (bundlers rename
 * files): the .wasm itself, or a script holding its base64 copy.
 */
function moduleIn(body, known) {
  for (const [name, wasm, b64] of known) {
    if (body.length === wasm.length && body.equals(wasm)) return `${name}:wasm`;
    if (body.length > b64.length && body.includes(b64)) return `${name}:inline`;
  }
  return null;
}

/**
 * Opens `url` in headless Chromium and returns what the app wrote into #out,
 * console errors, and `loads`: each module fetched, as `web:wasm`,
 * `full:inline`…, tagged with the app's phase (`init` until it logs
 * `nbc:phase:file` just before calling checkFile, `file` after).
 */
export async function runInChromium(url) {
  const known = [
    ['web', WEB_WASM(), WEB_WASM().toString('base64').slice(1000, 1400)],
    ['full', FULL_WASM(), FULL_WASM().toString('base64').slice(1000, 1400)],
  ];
  let phase = 'init';
  const loads = [];
  const bodies = [];
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
      if (m.text() === 'nbc:phase:file') phase = 'file';
      if (m.type() === 'error' && !m.text().includes('deliberate panic for tests')) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
      const at = phase;
      bodies.push(
        r.body().then(
          (b) => {
            const m = moduleIn(b, known);
            if (m) loads.push(`${at} ${m}`);
          },
          () => {},
        ),
      );
    });
    await page.goto(url);
    await page.waitForSelector('body[data-done]', { timeout: 30000 });
    const out = JSON.parse(await page.textContent('#out'));
    await Promise.all(bodies);
    return { out, errors, loads: loads.sort() };
  } finally {
    await browser.close();
  }
}

/**
 * The app every consumer runs: init twice at once, check the seed as text and
 * as an HTML page (the browser's parser), survive a panic; then check the
 * seed .docx with checkFile (twice at once, then once more), which loads the
 * reader module.
 */
export function appSource(seed) {
  const docx = readFileSync(join(root, 'tests/fixtures/docx/seed-linzi-yingji-2020.docx')).toString('base64');
  return `import { init, ready, check, checkFile, rules, version, __panicForTest, __wasmSource, __fullSource } from 'nianbao-check';
const seed = ${JSON.stringify(seed)};
const seedHtml = ${JSON.stringify(seedHtmlPage())};
const docxBase64 = ${JSON.stringify(docx)};
const errorsOf = (r) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule + ' ' + d.cells[0].row + '.' + d.cells[0].column);
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
    const h = check(seedHtml);
    out.html = { input: h.input, year: h.year, errors: errorsOf(h), spans: h.diagnostics.some((d) => d.cells.some((c) => c.source && c.source.span)), table: h.diagnostics[0].cells[0].source.table };
    const docx = Uint8Array.from(atob(docxBase64), (c) => c.charCodeAt(0));
    out.docxBefore = check(docx).diagnostics.map((d) => d.rule + ' ' + /checkFile/.test(d.messageEn));
    out.fullBefore = __fullSource() ?? null;
    console.log('nbc:phase:file');
    const [a, b] = await Promise.all([checkFile(docx), checkFile(new Blob([docx]))]);
    const c = await checkFile(docx);
    out.docx = { input: a.input, errors: errorsOf(a), same: JSON.stringify(b.diagnostics) === JSON.stringify(a.diagnostics) && JSON.stringify(c.diagnostics) === JSON.stringify(a.diagnostics) };
    out.docxSync = errorsOf(check(docx));
    out.fullSource = __fullSource();
  } catch (e) {
    out.error = String((e && e.stack) || e);
  }
  document.getElementById('out').textContent = JSON.stringify(out);
  document.body.dataset.done = '1';
}
main();
`;
}

/** The seed report as a published page: <title> in the head, the rendered report in the body. */
export function seedHtmlPage() {
  const src = readFileSync(join(root, 'www/seed-report.js'), 'utf8');
  const m = /export const SEED_HTML = ("(?:[^"\\]|\\.)*");/.exec(src);
  if (!m) throw new Error('SEED_HTML not found in www/seed-report.js');
  return `<!doctype html><html><head><meta charset="utf-8"><title>临淄区应急管理局2020年政府信息公开工作年度报告</title></head><body>${JSON.parse(m[1])}</body></html>`;
}

export const pageHtml = (script) => `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>consumer</title></head>
<body><pre id="out"></pre>${script}</body></html>
`;

const SEED_ERRORS = ['t3/balance results_total.natural', 't3/balance results_total.total', 't3/results-total results_total.natural', 't3/results-total results_total.total'];

/**
 * What every browser consumer must show: the web module only at init (text
 * and HTML checks do not touch the reader module), the reader module loaded once by
 * checkFile, from `fullFrom`, and the DOCX findings.
 */
export function assertApp(assert, { out, errors, loads }, source = 'url', fullFrom = source) {
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
  // HTML through DOMParser and the DOM grid reader: same findings, no byte spans.
  assert.deepEqual(out.html, { input: 'html', year: 2020, errors: SEED_ERRORS, spans: false, table: 1 });
  assert.deepEqual(out.docxBefore, ['input/unreadable true']);
  assert.equal(out.fullBefore, null);
  assert.deepEqual(out.docx, { input: 'docx', errors: SEED_ERRORS, same: true });
  assert.deepEqual(out.docxSync, SEED_ERRORS);
  assert.equal(out.fullSource, fullFrom);
  const kind = (from) => (from === 'inline' ? 'inline' : 'wasm');
  assert.deepEqual(loads, [`file full:${kind(fullFrom)}`, `init web:${kind(source)}`], 'modules fetched, by phase');
}

export { readdirSync };
