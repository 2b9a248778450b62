// A CMS form whose inputs are cells: mapped by data-nianbao attributes and by
// a mapping object; the submitted data is the same with and without the adapter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, skipReason } from './harness.js';
import { EXPECTED, findings, sorted } from './expected.js';

const skip = skipReason() || false;
let h;
before(async () => {
  if (!skip) h = await start();
});
after(async () => {
  await h?.close();
});

async function open(query = '') {
  const page = await h.context.newPage();
  await page.goto(`${h.url}tests/browser/pages/form.html${query}`);
  await page.waitForFunction(() => window.pageReady === true);
  await page.evaluate(() => window.testPage.ready);
  return page;
}

test('form: attributes and a mapping object feed the check; the mapped field is flagged and resolves', { skip }, async () => {
  const page = await open();
  assert.deepEqual(findings(await page.evaluate(() => window.testPage.controller.result)), sorted(EXPECTED.seed));
  // 一、本年新收 自然人 lives in a field named q_new_natural, mapped by the object.
  await page.fill('#q_new_natural', '6');
  await page.waitForFunction(() => !window.testPage.controller.result.diagnostics.some((d) => d.rule === 't3/balance' && d.cells[0].column === 'natural'));
  const got = findings(await page.evaluate(() => window.testPage.controller.result)).map(([r, c]) => `${r} ${c}`);
  // 一 now says 6: the balance holds in 自然人, the 一 row no longer sums to its 总计 0.
  assert.deepEqual(got, ['cell/normalised t2.item9.procurement.amount', 't3/balance t3.results_total.total', 't3/results-total t3.results_total.natural', 't3/results-total t3.results_total.total', 't3/row-total t3.new.total'].sort());
  const flagged = await page.evaluate(() => {
    const c = window.testPage.controller;
    const d = c.result.diagnostics.find((x) => x.rule === 't3/row-total');
    return { path: d.cells[0].source.path, operandEl: c.elementFor(d.cells.find((x) => x.row === 'new' && x.column === 'natural'))?.id ?? null };
  });
  assert.deepEqual(flagged, { path: '/tables/t3/new/total', operandEl: 'q_new_natural' });
  await page.close();
});

test('form: submitted data is byte-identical with and without the adapter', { skip }, async () => {
  const runs = [];
  for (const q of ['?adapter=0', '?block=never']) {
    const page = await open(q);
    await page.fill('[data-nianbao="t3.granted.natural"]', '4');
    await page.locator('button[type=submit]').click();
    await page.waitForFunction(() => window.testPage.submissions.length === 1);
    runs.push(await page.evaluate(() => window.testPage.submissions[0].entries));
    await page.close();
  }
  assert.ok(runs[0].length > 100);
  assert.deepEqual(runs[1], runs[0]);
});

test('form: report text is inserted as text, never as HTML', { skip }, async () => {
  const page = await open();
  const evil = '<img src=x onerror="window.__pwned=1">';
  await page.fill('[data-nianbao="t3.granted.natural"]', evil);
  await page.waitForFunction(() => window.testPage.controller.result.diagnostics.some((d) => d.rule === 'cell/not-a-number'));
  const state = await page.evaluate(() => ({
    imgs: document.querySelectorAll('.nbc-summary img, .nbc-layer img').length,
    shown: [...document.querySelectorAll('.nbc-summary a')].some((a) => a.textContent.includes('<img src=x')),
    pwned: window.__pwned ?? null,
  }));
  assert.deepEqual(state, { imgs: 0, shown: true, pwned: null });
  await page.close();
});

test('form: English locale; a dismissed warning is dropped and reported, and stays dropped via the option', { skip }, async () => {
  const page = await open('?locale=en');
  await page.fill('[data-nianbao="t3.granted.natural"]', '');
  await page.waitForFunction(() => window.testPage.controller.result.diagnostics.some((d) => d.rule === 'cell/empty'));
  const title = await page.locator('.nbc-summary h2').innerText();
  assert.match(title, /^There are \d+ problems$/);
  const fp = await page.evaluate(() => {
    const d = window.testPage.controller.result.diagnostics.find((x) => x.rule === 'cell/empty');
    window.__dismissed = [];
    document.getElementById('f').addEventListener('nianbao:dismiss', (e) => window.__dismissed.push(e.detail.fingerprint));
    return d.fingerprint;
  });
  await page.locator(`.nbc-summary li:has(a[data-fingerprint="${fp}"]) button`).click();
  const after = await page.evaluate(() => ({ fps: window.testPage.controller.result.diagnostics.map((d) => d.fingerprint), events: window.__dismissed }));
  assert.ok(!after.fps.includes(fp));
  assert.deepEqual(after.events, [fp]);
  await page.close();
  const again = await open(`?locale=en&dismissed=${fp}`);
  await again.fill('[data-nianbao="t3.granted.natural"]', '');
  await again.waitForFunction(() => window.testPage.results.length > 1);
  assert.ok(!(await again.evaluate(() => window.testPage.controller.result.diagnostics.map((d) => d.fingerprint))).includes(fp));
  await again.close();
});

test('form: no console errors and no request beyond the test server', { skip }, () => {
  assert.deepEqual(h.problems, []);
});
