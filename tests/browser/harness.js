// Shared setup for the browser tests: a static server on 127.0.0.1 and
// Debian's Chromium driven by playwright-core. Pages are watched for console
// errors, page errors and any request that leaves the test server.
import { mkdtempSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve-demo.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = join(ROOT, 'tests/artifacts');
export const CORPUS = join(ROOT, '../shared/corpus');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null. */
export function skipReason() {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  for (const f of ['pkg/nianbao_check_bg.wasm', 'pkg/nianbao_check.js', 'pkg/wasm-inline.js']) if (!existsSync(join(ROOT, f))) return `no ${f}: build the package first (npm run build)`;
  try {
    import.meta.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm install)';
  }
  return null;
}

export async function start() {
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve({ root: ROOT, port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'nbc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url.replace(/\/$/, '') });
  const problems = [];
  const origin = new URL(url).origin;
  context.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:blank') problems.push(`request to ${u}`);
  });
  const watch = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
  };
  for (const p of context.pages()) watch(p);
  context.on('page', watch);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    url,
    context,
    problems,
    async page(path) {
      const page = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
      await page.goto(url + path);
      return page;
    },
    async close() {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
