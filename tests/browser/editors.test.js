// Real editors (TinyMCE, wangEditor, KindEditor, CKEditor 4), a plain contenteditable:
// paste real reports through the clipboard, check the findings, the outlines,
// the summary links, fixing a number, and that nothing the adapter does
// reaches what is submitted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { start, skipReason, CORPUS, ARTIFACTS } from './harness.js';
import { EXPECTED, findings, sorted } from './expected.js';
import { SEED_HTML } from '../../www/seed-report.js';

const skip = skipReason();
const corpusSkip = existsSync(CORPUS) ? false : `no corpus at ${CORPUS} (../shared beside the repo)`;
const EDITORS = {
  contenteditable: { page: 'contenteditable.html', focus: (p) => p.click('#editor') },
  tinymce: { page: 'tinymce.html', focus: (p) => p.frameLocator('iframe').first().locator('body').click({ position: { x: 5, y: 5 } }) },
  kindeditor: { page: 'kindeditor.html', focus: (p) => p.frameLocator('iframe.ke-edit-iframe').locator('body').click({ position: { x: 5, y: 5 } }) },
  wangeditor: { page: 'wangeditor.html', focus: (p) => p.click('[data-slate-editor]') },
  ckeditor4: { page: 'ckeditor4.html', focus: (p) => p.frameLocator('iframe.cke_wysiwyg_frame').locator('body').click({ position: { x: 5, y: 5 } }) },
};
const REPORTS = ['pingtan-2019.html', 'pingtan-2021.html', 'pingtan-2022.html', 'pingtan-2024.html', 'pingtan-2025.html', 'pingtan-czjrj-2025.html'];

let h;
let extract; // a page that cuts the report out of a whole published page
before(async () => {
  if (skip) return;
  h = await start();
  extract = await h.page('tests/browser/pages/reference.html');
  await extract.waitForFunction(() => window.pageReady);
});
after(async () => {
  await h?.close();
});

async function reportHtml(name) {
  const html = readFileSync(join(CORPUS, name), 'utf8');
  return extract.evaluate((s) => window.extractReport(s), html);
}

async function open(editor, query = '') {
  const page = await h.context.newPage();
  await page.goto(`${h.url}tests/browser/pages/${EDITORS[editor].page}${query}`);
  await page.waitForFunction(() => window.pageReady === true, null, { timeout: 20000 });
  await page.evaluate(() => window.testPage.ready);
  return page;
}

/** Pastes HTML through the system clipboard, replacing the editor's content. */
async function paste(page, editor, html) {
  await page.evaluate(async (s) => {
    const plain = new DOMParser().parseFromString(s, 'text/html').body.textContent;
    await navigator.clipboard.write([new ClipboardItem({ 'text/html': new Blob([s], { type: 'text/html' }), 'text/plain': new Blob([plain], { type: 'text/plain' }) })]);
  }, html);
  // Empty the editor through its own API (select-all + delete across tables is
  // editor-specific), then paste as a person does.
  await page.evaluate(() => window.testPage.setContent('<p><br></p>'));
  await EDITORS[editor].focus(page);
  await page.keyboard.press('Control+V');
}

/** Waits until the adapter's findings equal `want` (or times out), returns the last findings. */
async function settle(page, want, ms = 15000) {
  const until = Date.now() + ms;
  let got;
  for (;;) {
    got = await page.evaluate(() => {
      const r = window.testPage.controller.result;
      return r && r.diagnostics.map((d) => ({ rule: d.rule, c: d.cells[0] && [d.cells[0].table, d.cells[0].block, d.cells[0].row, d.cells[0].column].filter(Boolean).join('.'), raw: d.cells[0]?.raw ?? null }));
    });
    const triples = sorted((got ?? []).map((x) => [x.rule, x.c, x.raw]));
    if (JSON.stringify(triples) === JSON.stringify(sorted(want))) return triples;
    if (Date.now() > until) return triples;
    await page.waitForTimeout(100);
  }
}

/** For each finding: scroll to it, and check the outline sits over the element the cell maps to. */
async function outlines(page) {
  return page.evaluate(() => {
    const c = window.testPage.controller;
    return c.result.diagnostics.map((d) => {
      c.goTo(d.fingerprint, { focus: false });
      const el = c.elementFor(d.cells[0]);
      const box = [...document.querySelectorAll('.nbc-box')].find((b) => (b.dataset.fingerprints ?? '').split(' ').includes(d.fingerprint));
      let hit = false;
      if (box && el) {
        const b = box.getBoundingClientRect();
        const x = b.left + b.width / 2;
        const y = b.top + b.height / 2;
        let under = document.elementFromPoint(x, y);
        if (under?.tagName === 'IFRAME') {
          const f = under.getBoundingClientRect();
          under = under.contentDocument.elementFromPoint(x - f.left - under.clientLeft, y - f.top - under.clientTop);
        }
        hit = !!under && (under === el || el.contains(under));
      }
      return { rule: d.rule, text: el ? el.textContent.replace(/\s+/g, '') : null, raw: (d.cells[0]?.raw ?? '').replace(/\s+/g, ''), boxed: !!box, hit };
    });
  });
}

for (const editor of Object.keys(EDITORS)) {
  test(`${editor}: the pasted seed shows its errors on the right cells; a summary link focuses the cell; fixing it clears them`, { skip: skip || false }, async () => {
    const page = await open(editor);
    await paste(page, editor, SEED_HTML);
    assert.deepEqual(await settle(page, EXPECTED.seed), sorted(EXPECTED.seed));
    for (const o of await outlines(page)) {
      assert.ok(o.boxed && o.hit, `${editor}: outline of ${o.rule} not over its cell: ${JSON.stringify(o)}`);
      assert.equal(o.text, o.raw);
    }
    await page.screenshot({ path: join(ARTIFACTS, `${editor}-seed.png`) });
    // The first error's link: 自然人 column of （七）总计.
    const link = page.locator('.nbc-summary a', { hasText: '“自然人”列' }).first();
    await link.click();
    const focusState = () => {
      const c = window.testPage.controller;
      const d = c.result.diagnostics.find((x) => x.rule === 't3/balance' && x.cells[0].column === 'natural');
      const el = c.elementFor(d.cells[0]);
      const sel = el.ownerDocument.getSelection();
      return { inCell: sel.rangeCount > 0 && el.contains(sel.anchorNode), hasFocus: el.ownerDocument.hasFocus(), active: document.querySelector('.nbc-box.nbc-active') !== null };
    };
    // An editor may move focus into its iframe a task later (TinyMCE does,
    // and on a loaded machine that task can come after the click returns):
    // wait up to 5 s for it, then assert.
    await page
      .waitForFunction(`(() => { const s = (${focusState})(); return s.inCell && s.hasFocus && s.active; })()`, null, { timeout: 5000 })
      .catch(() => {});
    const focused = await page.evaluate(focusState);
    assert.deepEqual(focused, { inCell: true, hasFocus: true, active: true });
    await page.screenshot({ path: join(ARTIFACTS, `${editor}-seed-focused.png`) });
    // Fix the number where the caret is: 6 -> 0. Nothing in the content moves when findings change.
    const where = () => page.evaluate(() => {
      const c = window.testPage.controller;
      const el = c.elementFor(c.result.diagnostics.find((x) => x.cells[0].column === 'total').cells[0]);
      const r = el.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height];
    });
    const before = await where();
    await page.keyboard.press('Backspace');
    await page.keyboard.type('0');
    // The 自然人 findings go; the row now sums to 0 while its 总计 still says 6.
    const rest = [...EXPECTED.seed.filter(([, cell]) => cell !== 't3.results_total.natural'), ['t3/row-total', 't3.results_total.total', '6']];
    assert.deepEqual(await settle(page, rest), sorted(rest));
    assert.deepEqual(await where(), before, `${editor}: the 总计 cell moved while findings changed`);
    const announced = await page.evaluate(() => document.querySelector('[role=status][aria-live=polite]').textContent);
    assert.match(announced, /新发现 1 个问题.*已解决 2 个问题/);
    // Fix the 总计 cell the same way: only the info about 万元 is left.
    await page.locator('.nbc-summary a', { hasText: '“总计”列' }).first().click();
    // wangEditor (Slate) picks up a DOM selection change on a 100 ms throttle; a person is slower than that.
    await page.waitForTimeout(250);
    await page.keyboard.press('Backspace');
    await page.keyboard.type('0');
    const info = EXPECTED.seed.filter(([rule]) => rule === 'cell/normalised');
    assert.deepEqual(await settle(page, info), sorted(info));
    await page.screenshot({ path: join(ARTIFACTS, `${editor}-seed-fixed.png`) });
    await page.close();
  });

  test(`${editor}: pasted corpus reports give their findings`, { skip: skip || corpusSkip }, async () => {
    const page = await open(editor);
    for (const name of REPORTS) {
      await paste(page, editor, await reportHtml(name));
      assert.deepEqual(await settle(page, EXPECTED[name]), sorted(EXPECTED[name]), `${editor} ${name}`);
      for (const o of await outlines(page)) assert.ok(o.boxed && o.hit && o.text === o.raw, `${editor} ${name}: ${JSON.stringify(o)}`);
      if (name === 'pingtan-2022.html') await page.screenshot({ path: join(ARTIFACTS, `${editor}-pingtan-2022.png`) });
    }
    await page.close();
  });

  test(`${editor}: form data and getContent() are byte-identical with and without the adapter`, { skip: skip || false }, async () => {
    const runs = {};
    for (const mode of ['without', 'with']) {
      const page = await open(editor, mode === 'with' ? '?block=never' : '?adapter=0');
      await paste(page, editor, SEED_HTML);
      if (mode === 'with') {
        await settle(page, EXPECTED.seed);
        await page.locator('.nbc-summary a').first().click(); // outline, focus, caret in a cell
        await page.evaluate(() => window.testPage.controller.redraw());
      }
      await page.locator('button[type=submit]').click();
      await page.waitForFunction(() => window.testPage.submissions.length > 0);
      runs[mode] = await page.evaluate(() => ({ content: window.testPage.getContent(), submitted: window.testPage.submissions[0] }));
      await page.close();
    }
    assert.ok(runs.without.content.includes('（七）总计'));
    assert.equal(runs.with.content, runs.without.content);
    assert.deepEqual(runs.with.submitted, runs.without.submitted);
  });
}

test('contenteditable: submit is blocked while errors remain, focus goes to the summary; detach() restores the page', { skip: skip || false }, async () => {
  const page = await open('contenteditable');
  const bare = await page.evaluate(() => document.body.innerHTML.length);
  await paste(page, 'contenteditable', SEED_HTML);
  await settle(page, EXPECTED.seed);
  await page.locator('button[type=submit]').click();
  const state = await page.evaluate(() => ({ submissions: window.testPage.submissions.length, focus: document.activeElement.className, live: document.querySelector('[role=status]').textContent }));
  assert.deepEqual(state, { submissions: 0, focus: 'nbc-summary', live: '报告中有错误，请先更正再提交。' });
  const leftovers = await page.evaluate(() => {
    window.testPage.controller.detach();
    return document.querySelectorAll('.nbc-layer,.nbc-summary,[role=status],#nianbao-check-style').length;
  });
  assert.equal(leftovers, 0);
  await page.locator('button[type=submit]').click();
  assert.equal(await page.evaluate(() => window.testPage.submissions.length), 1);
  assert.ok(bare > 0);
  await page.close();
});

test('contenteditable: last year\'s report (setPrevious) brings the cross-year findings; HTML is read once, not per keystroke', { skip: skip || false }, async () => {
  const page = await open('contenteditable');
  await paste(page, 'contenteditable', SEED_HTML);
  await settle(page, EXPECTED.seed);
  const history = (r) => r.diagnostics.filter((d) => d.rule.startsWith('history/')).map((d) => `${d.rule} ${d.cells[0]?.column ?? ''}`);
  // The seed (2020) carried in 0; a 2019 report that carried over 2.
  const lastYear = { year: 2019, format: '2019', tables: { t3: { carried_out: { natural: 2, total: 2 } } } };
  const got = await page.evaluate((p) => window.testPage.controller.setPrevious(p), lastYear);
  assert.deepEqual(history(got), ['history/carry-over natural', 'history/carry-over total']);
  const summary = await page.evaluate(() => document.querySelector('.nbc-summary').textContent);
  assert.match(summary, /上年结转/);
  // As an HTML page (the same report as a table): parsed once, then re-checks reuse it.
  const html = '<p>某局2019年政府信息公开工作年度报告</p><table><tr><td>本年新收政府信息公开申请数量</td><td></td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr><tr><td>四、结转下年度继续办理</td><td></td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr></table>';
  const parses = await page.evaluate((s) => {
    let n = 0;
    const orig = DOMParser.prototype.parseFromString;
    DOMParser.prototype.parseFromString = function (...a) {
      if (a[0] === s) n++;
      return orig.apply(this, a);
    };
    const c = window.testPage.controller;
    const first = c.setPrevious(s);
    c.check();
    c.check();
    DOMParser.prototype.parseFromString = orig;
    return { n, found: first.diagnostics.filter((d) => d.rule === 'history/carry-over').length };
  }, html);
  assert.deepEqual(parses, { n: 1, found: 2 });
  const none = await page.evaluate(() => window.testPage.controller.setPrevious(null));
  assert.deepEqual(history(none), []);
  await page.close();
});

test('no console errors and no request beyond the test server', { skip: skip || false }, () => {
  assert.deepEqual(h.problems, []);
});
