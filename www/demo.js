// The demo: a CMS-like 年报 submission page wired to nianbao-check/browser.
import { attach } from './adapter/index.js';
import { SEED_HTML, SEED_VALUES } from './seed-report.js';
import { table2, table3, table4 } from './official-tables.js';

const $ = (s, r = document) => r.querySelector(s);
const controllers = {};
window.nianbaoDemo = { controllers };

// ---- tabs ----
const tabs = [...document.querySelectorAll('[role=tab]')];
function select(tab) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
  }
  for (const c of Object.values(controllers)) c.redraw();
}
for (const t of tabs) {
  t.addEventListener('click', () => select(t));
  t.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(t);
    const j = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i + tabs.length - 1) % tabs.length : -1;
    if (j >= 0) {
      tabs[j].focus();
      select(tabs[j]);
    }
  });
}

function submitted(form, statusEl) {
  // A demo has nowhere to post to: show what would be sent instead.
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    statusEl.textContent = `已提交（演示，未发送）：${new FormData(form).getAll('content').join('').length || [...new FormData(form)].length} 项`;
  });
}

// ---- rich-text editor with the seed report ----
const editor = $('#editor');
editor.innerHTML = SEED_HTML; // the seed rendering is generated from examples/ and committed
for (const b of document.querySelectorAll('.rte-toolbar button')) {
  b.addEventListener('mousedown', (e) => e.preventDefault());
  b.addEventListener('click', () => document.execCommand(b.dataset.cmd));
}
const formEditor = $('#form-editor');
formEditor.addEventListener('submit', () => {
  $('#content').value = editor.innerHTML;
}, true);
controllers.editor = attach(editor, { summary: $('#summary-editor'), form: formEditor });
submitted(formEditor, $('#status-editor'));
$('#reset-seed').addEventListener('click', () => {
  editor.innerHTML = SEED_HTML;
});

// ---- structured forms (official tables as inputs) ----
function buildForm(format, values) {
  const form = $(`#form-f${format}`);
  const value = values ? (k) => values[k] ?? '' : () => '0';
  const box = $('.tables', form);
  box.innerHTML = [
    '<h3>二、主动公开政府信息情况</h3>', table2(format, { inputs: true, value }),
    '<h3>三、收到和处理政府信息公开申请情况</h3>', table3(format, { inputs: true, value }),
    '<h3>四、政府信息公开行政复议、行政诉讼情况</h3>', table4(format, { inputs: true, value }),
  ].join('');
  controllers[`f${format}`] = attach(form, { summary: $('.summary-slot', form) });
  submitted(form, $('.submit-status', form));
}
buildForm('2019', SEED_VALUES);
buildForm('2021', null);

// ---- file picker ----
const ALLOWED = new Set(['TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION', 'P', 'DIV', 'SPAN', 'BR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'B', 'STRONG', 'I', 'EM', 'U', 'FONT', 'CENTER', 'SECTION', 'ARTICLE']);
const DROP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'HEAD', 'SVG', 'MATH', 'FORM', 'INPUT', 'BUTTON', 'SELECT', 'TEXTAREA', 'NAV', 'HEADER', 'FOOTER']);
/** Copies only text, structure and spans from an inert parsed document: no scripts, handlers, styles or URLs. */
function safeClone(src, into) {
  for (let n = src.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) into.appendChild(document.createTextNode(n.data));
    else if (n.nodeType === 1) {
      const tag = n.tagName.toUpperCase();
      if (DROP.has(tag)) continue;
      if (!ALLOWED.has(tag)) {
        safeClone(n, into);
        continue;
      }
      const e = document.createElement(tag);
      for (const a of ['rowspan', 'colspan']) if (n.hasAttribute(a)) e.setAttribute(a, n.getAttribute(a));
      into.appendChild(e);
      safeClone(n, e);
    }
  }
}

// Last year's report, for the cross-year rules (history/*): its text, read once.
let previous = null;
$('#file-prev').addEventListener('change', async (ev) => {
  const file = ev.target.files?.[0];
  // Bytes: the package decodes them (UTF-8, or GBK as many published pages are).
  previous = file ? new Uint8Array(await file.arrayBuffer()) : null;
  const c = controllers.file;
  if (c?.setPrevious) c.setPrevious(previous);
  else if ($('#file').files?.[0]) $('#file').dispatchEvent(new Event('change'));
});

$('#file').addEventListener('change', async (ev) => {
  const file = ev.target.files?.[0];
  const preview = $('#file-preview');
  const note = $('#file-note');
  controllers.file?.detach();
  delete controllers.file;
  preview.replaceChildren();
  if (!file) return;
  const name = file.name.toLowerCase();
  if (name.endsWith('.docx') || name.endsWith('.pdf')) {
    // checkFile loads the module with the DOCX and PDF readers on first use (once).
    const engine = await import('../js/browser.js');
    note.textContent = `正在读取 ${file.name}…`;
    let r;
    try {
      r = await engine.checkFile(file, previous ? { previous } : undefined);
    } catch (err) {
      note.textContent = `${file.name}：${err.message}`;
      return;
    }
    const box = document.createElement('ul');
    box.className = 'file-findings';
    for (const d of r.diagnostics) {
      const li = document.createElement('li');
      li.dataset.rule = d.rule;
      li.dataset.severity = d.severity;
      li.textContent = d.cells[0] ? `${d.cells[0].label}：${d.message}` : d.message;
      box.appendChild(li);
    }
    preview.appendChild(box);
    controllers.file = { result: r, detach() {}, redraw() {} };
    const { errors, warnings } = r.summary;
    note.textContent = `${file.name}：${errors || warnings ? `${errors} 个错误，${warnings} 个警告` : '未发现问题'}（DOCX，只在本页内检查）`;
    return;
  }
  const text = await file.text();
  if (name.endsWith('.txt') || !/<(table|p|div|html|body)\b/i.test(text)) {
    const ta = document.createElement('textarea');
    ta.readOnly = true;
    ta.value = text;
    ta.setAttribute('aria-label', file.name);
    preview.appendChild(ta);
    controllers.file = attach(ta, { summary: $('#summary-file'), previous });
  } else {
    const parsed = new DOMParser().parseFromString(text, 'text/html'); // inert: nothing runs or loads
    const body = document.createElement('div');
    // The page's <title> names the body and the year (as a published page shows it in the tab).
    const title = parsed.querySelector('title')?.textContent.trim();
    if (title) body.appendChild(Object.assign(document.createElement('h1'), { textContent: title }));
    safeClone(parsed.body, body);
    preview.appendChild(body);
    controllers.file = attach(body, { summary: $('#summary-file'), previous });
  }
  note.textContent = `已读取 ${file.name}（${(file.size / 1024).toFixed(1)} kB），只在本页内检查。`;
});
