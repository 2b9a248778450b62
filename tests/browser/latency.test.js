// Measures: milliseconds from an input event to updated highlights (the
// overlay redrawn, then the next frame), typing into table 3 of each real
// report in a contenteditable. Reported as figures (tests/artifacts/latency.json),
// never asserted against a time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { start, skipReason, CORPUS, ARTIFACTS } from './harness.js';
import { SEED_HTML } from '../../www/seed-report.js';

const skip = skipReason() || false;
const REPORTS = ['pingtan-2019.html', 'pingtan-2021.html', 'pingtan-2022.html', 'pingtan-2024.html', 'pingtan-2025.html', 'pingtan-czjrj-2025.html'];
const KEYS = 6;
let h;
before(async () => {
  if (!skip) h = await start();
});
after(async () => {
  await h?.close();
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

test('latency from an input event to updated highlights (median over the corpus)', { skip }, async () => {
  const ex = await h.page('tests/browser/pages/reference.html');
  await ex.waitForFunction(() => window.pageReady);
  const reports = [['seed', SEED_HTML]];
  if (existsSync(CORPUS)) for (const r of REPORTS) reports.push([r, await ex.evaluate((s) => window.extractReport(s), readFileSync(join(CORPUS, r), 'utf8'))]);
  const out = {};
  for (const delay of [0, 'auto']) {
    const page = await h.context.newPage();
    await page.goto(`${h.url}tests/browser/pages/contenteditable.html${delay === 'auto' ? '' : `?delay=${delay}`}`);
    await page.waitForFunction(() => window.pageReady === true);
    await page.evaluate(() => window.testPage.ready);
    const all = [];
    const perReport = {};
    // The first keystrokes after the page loads run while V8 still runs the
    // wasm in its baseline compiler (Liftoff) and tiers the hot functions up:
    // the seed is typed into once first, measured apart as `warmUp`, then
    // every report as a user typing on would see it.
    let warmUp = null;
    for (const [name, html, warming] of [['seed', SEED_HTML, true], ...reports]) {
      await page.evaluate((s) => window.testPage.setContent(s), html);
      await page.waitForFunction(() => window.testPage.results.length > 0 && window.testPage.controller.result);
      // The caret at the end of table 3's first number cell.
      await page.evaluate(() => {
        const ed = document.getElementById('editor');
        const t3 = [...ed.querySelectorAll('table')].find((t) => /本年新收/.test(t.textContent));
        const td = [...t3.querySelectorAll('td')].find((x) => /^\s*\d+\s*$/.test(x.textContent));
        ed.focus();
        const r = document.createRange();
        r.selectNodeContents(td);
        r.collapse(false);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
        if (!window.__installed) {
          window.__installed = true;
          ed.addEventListener('input', (e) => window.__inputs.push(e.timeStamp), { capture: true });
          ed.addEventListener('nianbao:result', () => requestAnimationFrame(() => window.__frames.push(performance.now())));
        }
        window.__inputs = [];
        window.__frames = [];
        window.testPage.results.length = 0;
      });
      const ms = [];
      for (let k = 0; k < KEYS; k++) {
        const before = await page.evaluate(() => window.testPage.results.length);
        await page.keyboard.press(k % 2 ? 'Backspace' : '7');
        await page.waitForFunction((n) => window.testPage.results.length > n && window.__frames.length > n, before);
        const [input, result, frame] = await page.evaluate((n) => [window.__inputs.at(-1), window.testPage.results[n].at, window.__frames[n]], before);
        ms.push({ drawn: result - input, painted: frame - input, check: (await page.evaluate((n) => window.testPage.results[n].timing, before)) });
      }
      if (warming) {
        warmUp = { firstCheck: ms[0].check.check, medianCheck: median(ms.map((m) => m.check.check)), medianDrawn: median(ms.map((m) => m.drawn)) };
        continue;
      }
      perReport[name] = {
        drawn: median(ms.map((m) => m.drawn)),
        painted: median(ms.map((m) => m.painted)),
        read: median(ms.map((m) => m.check.read)),
        check: median(ms.map((m) => m.check.check)),
        render: median(ms.map((m) => m.check.render)),
      };
      all.push(...ms);
    }
    out[`delay${delay}`] = {
      medianDrawnMs: median(all.map((m) => m.drawn)),
      medianPaintedMs: median(all.map((m) => m.painted)),
      medianReadMs: median(all.map((m) => m.check.read)),
      medianCheckMs: median(all.map((m) => m.check.check)),
      medianRenderMs: median(all.map((m) => m.check.render)),
      samples: all.length,
      warmUp,
      perReport,
    };
    await page.close();
  }
  writeFileSync(join(ARTIFACTS, 'latency.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`latency (ms, median over ${out.delay0.samples} keystrokes in ${reports.length} reports): debounce 0 → drawn ${out.delay0.medianDrawnMs.toFixed(1)}, painted ${out.delay0.medianPaintedMs.toFixed(1)} (read ${out.delay0.medianReadMs.toFixed(2)}, check ${out.delay0.medianCheckMs.toFixed(2)}, render ${out.delay0.medianRenderMs.toFixed(2)}); default (auto debounce) → painted ${out.delayauto.medianPaintedMs.toFixed(1)}; the first keystrokes after load (before tier-up): check ${out.delay0.warmUp.firstCheck.toFixed(2)} first, median ${out.delay0.warmUp.medianCheck.toFixed(2)}`);
  assert.equal(out.delay0.samples, reports.length * KEYS);
  assert.equal(h.problems.length, 0, h.problems.join('\n'));
});
