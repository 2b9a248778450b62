// The demo (www/index.html) as a person uses it: the seed's errors at once,
// the structured forms of both formats, the file picker; screenshots kept in
// tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, skipReason, CORPUS, ARTIFACTS, ROOT } from './harness.js';
import { EXPECTED, findings, sorted } from './expected.js';

const skip = skipReason() || false;
let h;
let page;
before(async () => {
  if (skip) return;
  h = await start();
  page = await h.page('www/');
  await page.waitForFunction(() => ['editor', 'f2019', 'f2021'].every((k) => window.nianbaoDemo?.controllers[k]?.result));
});
after(async () => {
  await h?.close();
});

const result = (key) => page.evaluate((k) => window.nianbaoDemo.controllers[k].result, key);

test('the editor opens with the seed report and its errors, outlined on the （七）总计 cells', { skip }, async () => {
  assert.deepEqual(findings(await result('editor')), sorted(EXPECTED.seed));
  const summary = await page.locator('#summary-editor .nbc-summary').innerText();
  assert.match(summary, /发现 5 个问题/);
  assert.match(summary, /错误 4 个/);
  await page.screenshot({ path: join(ARTIFACTS, 'demo-editor-open.png') });
  await page.locator('#summary-editor a').first().click();
  const cell = await page.evaluate(() => {
    const c = window.nianbaoDemo.controllers.editor;
    const d = c.result.diagnostics[0];
    const el = c.elementFor(d.cells[0]);
    const row = el.closest('tr');
    const box = document.querySelector('.nbc-box.nbc-active').getBoundingClientRect();
    const under = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const sel = document.getSelection();
    return { text: el.textContent, row: row.textContent.replace(/\s+/g, '').slice(0, 6), hit: el.contains(under), caret: el.contains(sel.anchorNode) };
  });
  assert.deepEqual(cell, { text: '6', row: '（七）总计6', hit: true, caret: true });
  await page.screenshot({ path: join(ARTIFACTS, 'demo-editor-findings.png') });
});

test('2019 form: the seed in the official table inputs; aria-invalid, aria-describedby, links focus the input, fixing clears', { skip }, async () => {
  await page.click('#tab-f2019');
  assert.deepEqual(findings(await result('f2019')), sorted(EXPECTED.seed));
  const aria = await page.evaluate(() => {
    const i = document.querySelector('#form-f2019 [data-nianbao="t3.results_total.natural"]');
    const ids = (i.getAttribute('aria-describedby') ?? '').split(' ');
    return { invalid: i.getAttribute('aria-invalid'), described: ids.map((id) => document.getElementById(id)?.textContent ?? null).join('') };
  });
  assert.equal(aria.invalid, 'true');
  assert.match(aria.described, /“（七）总计”行“自然人”列填写为6/);
  await page.locator('#form-f2019 .nbc-summary a', { hasText: '“自然人”列' }).first().click();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.nianbao), 't3.results_total.natural');
  await page.screenshot({ path: join(ARTIFACTS, 'demo-form2019-findings.png') });
  await page.keyboard.press('Backspace');
  await page.keyboard.type('0');
  await page.waitForFunction(() => !window.nianbaoDemo.controllers.f2019.result.diagnostics.some((d) => d.cells[0].column === 'natural'));
  const after = await page.evaluate(() => {
    const i = document.querySelector('#form-f2019 [data-nianbao="t3.results_total.natural"]');
    return { invalid: i.getAttribute('aria-invalid'), describedby: i.getAttribute('aria-describedby') };
  });
  assert.deepEqual(after, { invalid: null, describedby: null });
  // Submitting with errors left is blocked; focus moves to the summary.
  await page.locator('#form-f2019 button[type=submit]').click();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('nbc-summary')), true);
  assert.equal(await page.locator('#form-f2019 .submit-status').innerText(), '');
});

test('2021 form: a typed number that breaks the balance shows at once and is announced', { skip }, async () => {
  await page.click('#tab-f2021');
  assert.deepEqual(findings(await result('f2021')), []);
  await page.locator('#form-f2021 [data-nianbao="t3.new.natural"]').fill('5');
  await page.waitForFunction(() => window.nianbaoDemo.controllers.f2021.result.summary.errors > 0);
  const rules = findings(await result('f2021')).map(([r, c]) => `${r} ${c}`);
  // 一 + 二 = 5 against （七）总计 + 四 = 0 in 自然人; the 一 row sums to 5 against its 总计 0.
  assert.deepEqual(rules, ['t3/balance t3.results_total.natural', 't3/row-total t3.new.total']);
  const live = await page.evaluate(() => [...document.querySelectorAll('[role=status][aria-live]')].map((e) => e.textContent).join('|'));
  assert.match(live, /新发现 2 个问题/);
  await page.screenshot({ path: join(ARTIFACTS, 'demo-form2021-typed.png') });
  await page.locator('#form-f2021 [data-nianbao="t3.new.natural"]').fill('0');
  await page.waitForFunction(() => window.nianbaoDemo.controllers.f2021.result.diagnostics.length === 0);
});

test('file picker: a published page (.html) and the seed (.txt)', { skip }, async () => {
  await page.click('#tab-file');
  const files = [
    [join(ROOT, 'examples/seed-linzi-yingji-2020.txt'), 'seed-txt', (f) => assert.deepEqual(f.map(([r, c]) => `${r} ${c}`), sorted(EXPECTED.seed).map(([r, c]) => `${r} ${c}`))],
  ];
  if (existsSync(CORPUS)) files.push([join(CORPUS, 'pingtan-2019.html'), 'pingtan-2019', (f) => assert.deepEqual(f, sorted(EXPECTED['pingtan-2019.html']))]);
  for (const [file, name, check] of files) {
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => window.nianbaoDemo.controllers.file?.result);
    check(findings(await result('file')));
    await page.locator('#summary-file a').first().click();
    await page.screenshot({ path: join(ARTIFACTS, `demo-file-${name}.png`) });
  }
  // The seed as text: the link selects the cell's line in the text.
  await page.setInputFiles('#file', join(ROOT, 'examples/seed-linzi-yingji-2020.txt'));
  await page.waitForFunction(() => window.nianbaoDemo.controllers.file?.result);
  await page.locator('#summary-file a').first().click();
  const selected = await page.evaluate(() => {
    const ta = document.activeElement;
    return ta.value.slice(ta.selectionStart, ta.selectionEnd);
  });
  assert.equal(selected, '6');
});

test('file picker: a .docx is checked with checkFile (the reader module, loaded then); a damaged one gets a clear message', { skip }, async () => {
  await page.click('#tab-file');
  const before = await page.evaluate(async () => (await import('/js/browser.js')).__fullSource() ?? null);
  assert.equal(before, null, 'the demo does not load the reader module until a .docx is picked');
  await page.setInputFiles('#file', join(ROOT, 'tests/fixtures/docx/seed-linzi-yingji-2020.docx'));
  await page.waitForFunction(() => window.nianbaoDemo.controllers.file?.result?.input === 'docx');
  const r = await result('file');
  assert.deepEqual(
    findings(r).filter(([rule]) => rule.startsWith('t3/')).map(([rule, cell]) => `${rule} ${cell}`),
    sorted(EXPECTED.seed).filter(([rule]) => rule.startsWith('t3/')).map(([rule, cell]) => `${rule} ${cell}`),
  );
  assert.equal(r.summary.errors, 4);
  assert.match(await page.locator('#file-note').innerText(), /^seed-linzi-yingji-2020\.docx：4 个错误/);
  assert.equal(await page.locator('#file-preview li[data-rule="t3/balance"]').count(), 2);
  assert.equal(await page.evaluate(async () => (await import('/js/browser.js')).__fullSource()), 'url');
  await page.screenshot({ path: join(ARTIFACTS, 'demo-file-docx.png') });
  // A zip's local-file signature and nothing else: the core recognises a Word file by its bytes, not by the name.
  const buffer = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
  await page.setInputFiles('#file', { name: '年报.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer });
  await page.waitForFunction(() => document.getElementById('file-note').textContent.startsWith('年报.docx：'));
  assert.match(await page.locator('#file-preview li').first().innerText(), /Word 文件已损坏/);
});

test('file picker: a .pdf is checked with checkFile too (the PDF reader is in the reader module); a scan says so', { skip }, async () => {
  await page.click('#tab-file');
  await page.setInputFiles('#file', join(ROOT, 'tests/fixtures/pdf/seed-linzi-yingji-2020.pdf'));
  await page.waitForFunction(() => window.nianbaoDemo.controllers.file?.result?.input === 'pdf');
  const r = await result('file');
  assert.deepEqual(
    findings(r).filter(([rule]) => rule.startsWith('t3/')).map(([rule, cell]) => `${rule} ${cell}`),
    sorted(EXPECTED.seed).filter(([rule]) => rule.startsWith('t3/')).map(([rule, cell]) => `${rule} ${cell}`),
  );
  assert.match(await page.locator('#file-note').innerText(), /^seed-linzi-yingji-2020\.pdf：4 个错误/);
  const scan = readFileSync(join(ROOT, 'fuzz/seeds/pdf/scanned.pdf'));
  await page.setInputFiles('#file', { name: '扫描件.pdf', mimeType: 'application/pdf', buffer: scan });
  await page.waitForFunction(() => document.getElementById('file-note').textContent.startsWith('扫描件.pdf：'));
  assert.match(await page.locator('#file-preview li').first().innerText(), /没有文字层/);
});

test('file picker: last year\'s report brings the cross-year findings, and a report of another year is named as such', { skip: skip || (existsSync(CORPUS) ? false : `no corpus at ${CORPUS} (../shared beside the repo)`) }, async () => {
  await page.click('#tab-file');
  await page.setInputFiles('#file', join(CORPUS, 'pingtan-2025.html'));
  await page.waitForFunction(() => window.nianbaoDemo.controllers.file?.result?.year === 2025);
  const history = async () => (await result('file')).diagnostics.filter((d) => d.rule.startsWith('history/')).map((d) => d.message);
  assert.deepEqual(await history(), []);
  await page.setInputFiles('#file-prev', join(CORPUS, 'pingtan-2024.html'));
  await page.waitForFunction(() => window.nianbaoDemo.controllers.file.result.diagnostics.some((d) => d.rule.startsWith('history/')));
  const found = await history();
  assert.ok(found.some((m) => m.startsWith('表二“行政规范性文件”现行有效件数为546')), found.join('\n'));
  assert.match(await page.locator('#summary-file').innerText(), /现行有效件数为546/);
  await page.screenshot({ path: join(ARTIFACTS, 'demo-file-previous.png') });
  await page.setInputFiles('#file-prev', join(CORPUS, 'pingtan-2021.html'));
  await page.waitForFunction(() => window.nianbaoDemo.controllers.file.result.diagnostics.some((d) => d.rule === 'history/previous'));
  assert.ok((await history()).some((m) => m.includes('所给上年报告为2021年度，本报告为2025年度')));
  await page.setInputFiles('#file-prev', []);
  await page.waitForFunction(() => !window.nianbaoDemo.controllers.file.result.diagnostics.some((d) => d.rule.startsWith('history/')));
});

test('demo: no console errors and no request beyond the test server', { skip }, () => {
  assert.deepEqual(h.problems, []);
});
