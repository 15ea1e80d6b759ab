/**
 * Issue 15, "the field app's first load is ≤ 500 KB compressed": in Debian's Chromium, from an empty cache,
 * against the real server and the built app, a phone opens /campo until its first page (sign-in) is shown.
 * Every response the page itself received (page, scripts, styles, manifest, icons) counts with the bytes
 * that travelled (brotli or gzip, as the server sends them); the sum must stay within the budget. The
 * service worker then downloads the rest of the app in the background (the form's chunks, for working
 * offline): that total is printed too, and the same budget applies to the page and the service worker's
 * downloads together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { heading, launchChromium, listenOnLoopback, prepareWeb } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

const BUDGET_BYTES = 500_000;

interface Load {
  path: string;
  encoding: string;
  transferred: number;
  decoded: number;
  byServiceWorker: boolean;
}

function record(context: BrowserContext): { loads: Load[]; settled: () => Promise<unknown> } {
  const loads: Load[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/campo')) return;
    pending.push(
      Promise.all([response.request().sizes(), response.body().catch(() => Buffer.alloc(0))]).then(([sizes, body]) => {
        loads.push({ path: url.pathname, encoding: response.headers()['content-encoding'] ?? 'ninguna', transferred: sizes.responseBodySize, decoded: body.length, byServiceWorker: response.request().serviceWorker() !== null });
      }),
    );
  });
  return { loads, settled: () => Promise.all(pending) };
}

const sum = (loads: Load[]) => loads.reduce((total, l) => total + l.transferred, 0);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const table = (loads: Load[]) => [...loads].sort((a, b) => b.transferred - a.transferred).map((l) => `  ${kB(l.transferred).padStart(9)} ${l.encoding.padEnd(7)} ${kB(l.decoded).padStart(9)}  ${l.path}`).join('\n');

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  await prepareWeb();
  t = await startTestApp();
  const base = await listenOnLoopback(t.app);
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: base, locale: 'es-MX', viewport: { width: 360, height: 740 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the field app on a phone', () => {
  it(`its first page downloads at most ${kB(BUDGET_BYTES)} compressed, and with the service worker's copy of the whole app too`, async () => {
    const { loads, settled } = record(context);
    const errores: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errores.push(m.text());
    });
    await page.goto('/campo/');
    await heading(page, 'Configura este dispositivo');
    await settled();
    const firstLoad = loads.filter((l) => !l.byServiceWorker);
    console.log(`Primera carga de /campo: ${firstLoad.length} archivos, ${kB(sum(firstLoad))} transferidos; presupuesto ${kB(BUDGET_BYTES)}.\n${table(firstLoad)}`);
    expect(firstLoad.some((l) => l.path.endsWith('.js'))).toBe(true);
    expect(firstLoad.filter((l) => /\.(js|css)$/.test(l.path) && l.decoded >= 1000 && l.encoding !== 'br').map((l) => l.path), 'scripts sin brotli').toEqual([]);
    expect(sum(firstLoad)).toBeLessThanOrEqual(BUDGET_BYTES);

    // The service worker keeps every file of the app (for the offline starts): wait until it is in charge.
    // Polled with page.evaluate: waitForFunction evaluates a string with eval, which the app's CSP (kept on here) forbids.
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 30_000 }).toBe(true);
    await settled();
    const precache = loads.filter((l) => l.byServiceWorker);
    console.log(`Copia del service worker: ${precache.length} archivos, ${kB(sum(precache))} transferidos; en total ${kB(sum(loads))}.\n${table(precache)}`);
    expect(precache.length).toBeGreaterThan(0);
    expect(sum(loads)).toBeLessThanOrEqual(BUDGET_BYTES);
    // Under the app's own Content-Security-Policy (not bypassed here): nothing refused, no error at all.
    expect(errores).toEqual([]);
  });
});
