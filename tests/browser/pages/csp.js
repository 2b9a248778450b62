// The strict-CSP page's only script (inline script is refused there). The
// query picks the case: ?seed (the seed report), ?xss (labels holding
// <script> and onerror=), ?trap (an engine whose check traps inside wasm).
import { attach } from '../../../www/adapter/index.js';
import { SEED_HTML } from '../../../www/seed-report.js';
import * as engine from '../../../js/browser.js';

window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
window.xssRan = 0;
window.errors = [];

const mode = location.search.slice(1) || 'seed';
// Inline style attributes would be refused by this page's CSP: the seed's
// one style attribute is dropped, the report is otherwise the seed.
let html = SEED_HTML.replace(/ style="[^"]*"/g, '');
if (mode === 'xss') {
  // Cell text (not markup) that looks like markup: a row label and a value.
  html = html.replace('<td>规章</td>', '<td>&lt;script&gt;window.xssRan=1&lt;/script&gt;规章</td>');
  html = html.replace('<td>行政强制</td>', '<td>行政强制&lt;img src=x onerror="window.xssRan=2"&gt;</td>');
  html = html.replace('<td class="num">654</td>', '<td class="num">&lt;svg onload=window.xssRan=3&gt;</td>');
}
const editor = document.getElementById('editor');
editor.innerHTML = html;

let eng = engine;
if (mode === 'trap') {
  // The real module, made to panic inside wasm on every check after the first.
  await engine.init();
  let calls = 0;
  eng = {
    ...engine,
    init: async () => {},
    checkDocument: (doc, opts) => {
      calls += 1;
      if (calls > 1) engine.__panicForTest('trap from the CSP page');
      return engine.checkDocument(doc, opts);
    },
  };
  window.trapCalls = () => calls;
}
const controller = attach(editor, { engine: eng, onError: (e) => window.errors.push(String(e?.message ?? e)) });
window.controller = controller;
window.first = await controller.ready;
window.pageReady = true;
