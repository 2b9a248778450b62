// After wasm-bindgen and wasm-opt, for one build (`web` or `full`, see
// scripts/build-wasm.sh): adapt the generated glue for the package entries,
// write the inlined wasm for dev servers, print the sizes. With `--sizes` it
// prints the figures of the size budgets (issues #4, #12).
//
// Glue changes (each checked, so a wasm-bindgen upgrade that moves them fails
// the build instead of shipping a silently different module):
// - export `__wbg_reset()`, which forgets the instance so the entries can
//   re-instantiate after a trap (a Rust panic on wasm32 is `unreachable`);
// - drop the default `new URL('nianbao_check_bg.wasm', import.meta.url)`: the
//   entries always pass the compiled module, and bundlers would otherwise
//   emit the .wasm a second time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const pkg = new URL('../pkg/', import.meta.url);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const row = (name, raw, g, note = '') => console.log(`${name.padEnd(44)} ${kb(raw).padStart(9)} ${kb(g).padStart(10)}${note}`);
const measured = new URL('sizes.json', pkg);
const sizes = existsSync(measured) ? JSON.parse(readFileSync(measured, 'utf8')) : {};
const record = (key, buf) => {
  sizes[key] = { raw: buf.length, gz: gz(buf) };
  writeFileSync(measured, JSON.stringify(sizes, null, 2));
};

const [mode, arg] = process.argv.slice(2);
if (mode === '--sizes') {
  const file = (path) => readFileSync(new URL(path, new URL('../', import.meta.url)));
  // What a browser loads at init() and for an HTML string: the web module,
  // its glue, the package's JS (entry, shared API, the DOM reader).
  const web = [
    ['pkg/web/nianbao_check_bg.wasm', file('pkg/web/nianbao_check_bg.wasm')],
    ['pkg/web/nianbao_check.js (glue)', file('pkg/web/nianbao_check.js')],
    ['www/adapter/dom-reader.js (HTML reader)', file('www/adapter/dom-reader.js')],
  ];
  const entry = ['js/browser.js', 'js/core.js', 'js/rule-docs.js'];
  console.log(`\nbrowser at init() (web)                         raw        gzip`);
  let raw = 0;
  let g = 0;
  for (const [name, buf] of web) {
    const n = gz(buf);
    row(name, buf.length, n);
    raw += buf.length;
    g += n;
  }
  row('wasm + glue', web[0][1].length + web[1][1].length, gz(web[0][1]) + gz(web[1][1]), '  (issue #12: 110 kB gzip)');
  row('wasm + glue + HTML reader', raw, g, '  (budget 150 kB gzip)');
  const entryBuf = Buffer.concat(entry.map(file));
  const entryGz = entry.reduce((n, p) => n + gz(file(p)), 0);
  row('js/browser.js + core.js + rule-docs.js (entry)', entryBuf.length, entryGz);
  row('all of it, as served unminified', raw + entryBuf.length, g + entryGz);
  // The JS as a production bundle ships it (minified; esbuild is Vite's).
  let esbuild = null;
  try {
    esbuild = await import('esbuild');
  } catch {
    // not installed: the unminified total above is the figure
  }
  if (esbuild) {
    let minRaw = web[0][1].length;
    let minGz = gz(web[0][1]);
    for (const path of ['pkg/web/nianbao_check.js', 'www/adapter/dom-reader.js', ...entry]) {
      const code = Buffer.from((await esbuild.transform(file(path).toString('utf8'), { minify: true, format: 'esm' })).code);
      minRaw += code.length;
      minGz += gz(code);
    }
    row('all of it, JS minified (esbuild, as bundles ship)', minRaw, minGz);
  }
  const full = sizes['full/wasm'];
  const fullGlue = sizes['full/glue'];
  console.log(`\nloaded on demand (full: the reader module)      raw        gzip`);
  row('pkg/full/nianbao_check_bg.wasm', full.raw, full.gz);
  row('pkg/full/nianbao_check.js (glue)', fullGlue.raw, fullGlue.gz);
  row('wasm + glue', full.raw + fullGlue.raw, full.gz + fullGlue.gz, '  (issue #12: 200 kB gzip)');
  const node = sizes['node/wasm'];
  if (node) {
    console.log(`\nNode only (built for speed)                     raw        gzip`);
    row('pkg/node/nianbao_check_bg.wasm', node.raw, node.gz);
  }
} else {
  const name = mode;
  if (name !== 'web' && name !== 'full' && name !== 'node') throw new Error('postbuild: web | full | node | --sizes');
  const dir = new URL(`${name}/`, pkg);
  const gluePath = new URL('nianbao_check.js', dir);
  let glue = readFileSync(gluePath, 'utf8');

  function replaceOnce(text, from, to) {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      throw new Error(`postbuild: expected exactly one ${JSON.stringify(from)} in the glue`);
    }
    return text.slice(0, at) + to + text.slice(at + from.length);
  }

  glue = replaceOnce(
    glue,
    "module_or_path = new URL('nianbao_check_bg.wasm', import.meta.url);",
    "throw new Error('nianbao-check: init() needs the wasm module');",
  );
  for (const name of ['let wasmModule, wasmInstance, wasm;', 'let __wbg_init_promise;', 'let cachedDataViewMemory0 = null;', 'let cachedUint8ArrayMemory0 = null;']) {
    replaceOnce(glue, name, name);
  }
  glue += `
/** Forgets the instance (after a trap) so that init/initSync instantiate anew. */
export function __wbg_reset() {
    wasm = undefined;
    wasmInstance = undefined;
    wasmModule = undefined;
    __wbg_init_promise = undefined;
    cachedDataViewMemory0 = null;
    cachedUint8ArrayMemory0 = null;
    WASM_VECTOR_LEN = 0;
}
`;
  writeFileSync(gluePath, glue);

  const dts = new URL('nianbao_check.d.ts', dir);
  writeFileSync(dts, readFileSync(dts, 'utf8') + '\n/** Forgets the instance so that it can be instantiated anew. */\nexport function __wbg_reset(): void;\n');

  const wasm = readFileSync(new URL('nianbao_check_bg.wasm', dir));
  // The base64 copy: the fallback where the URL beside the glue does not
  // answer with the .wasm (Vite's dev server pre-bundles dependencies
  // elsewhere). Loaded by a dynamic import only then, so it costs a download
  // only in that case; `full` needs one too, for checkFile(docx) there.
  const inline = name === 'node' ? null : `// Generated by scripts/postbuild.mjs: the .wasm as base64, for bundlers and
// dev servers that cannot follow a URL to a file inside a dependency.
export const wasmBase64 = "${wasm.toString('base64')}";
`;
  // Node reads its module from the file: no inlined copy.
  if (inline !== null) writeFileSync(new URL('wasm-inline.js', dir), inline);
  record(`${name}/wasm`, wasm);
  record(`${name}/glue`, Buffer.from(glue));

  console.log(`size (${name})                                  raw        gzip`);
  row(`pkg/${name}/nianbao_check_bg.wasm`, wasm.length, gz(wasm));
  row(`pkg/${name}/nianbao_check.js (glue)`, glue.length, gz(Buffer.from(glue)));
  if (inline !== null) row(`pkg/${name}/wasm-inline.js (dev fallback)`, inline.length, gz(Buffer.from(inline)));
}
