/**
 * Issue 9, "weight on cheap phones": the JavaScript a citizen's phone downloads to reach an application
 * form. In Debian's Chromium, from an empty cache, against the real server and the built portal: log in,
 * open «Apoyos disponibles», open a program's form and wait for its first step; every script response is
 * recorded with the bytes that travelled (brotli, as the server sends it) and the sum must stay within
 * the budget. Then the first step of every other open seed program, in the same tab: the scripts they add
 * count too, so no program's first page may pull in more (e.g. the material renderer set).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { DEMO_CITIZEN, seedDemo } from '../../runtime/server/demo.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';
import { browserSuiteHooks, heading, label, launchChromium, prepareWeb, listenOnLoopback } from '../helpers/browser.ts';
import { retype } from '../helpers/as-a-person.ts';

/** The budget: compressed JavaScript of the citizen's first form page, in kB (1,000 bytes). */
const BUDGET_BYTES = 300_000;

interface ScriptLoad {
  path: string;
  encoding: string;
  /** Bytes of the body as transferred (compressed). */
  transferred: number;
  /** Bytes once decoded: what the phone parses. */
  decoded: number;
  /** Carries React's development code (JSX debug calls, warnings): a build not made for production. */
  development: boolean;
}

// Only React's development builds contain these: the JSX debug runtime and its key warning.
const DEVELOPMENT_CODE = /\bjsxDEV\b|unique "key" prop/;

const isScript = (response: Response) => /javascript/.test(response.headers()['content-type'] ?? '');

/** Records every script response of the context from now on; `settled` waits for the bodies being read. */
function recordScripts(context: BrowserContext): { loads: ScriptLoad[]; settled: () => Promise<unknown> } {
  const loads: ScriptLoad[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (response) => {
    if (!isScript(response)) return;
    pending.push(
      Promise.all([response.request().sizes(), response.body()]).then(([sizes, body]) => {
        loads.push({
          path: new URL(response.url()).pathname,
          encoding: response.headers()['content-encoding'] ?? 'ninguna',
          transferred: sizes.responseBodySize,
          decoded: body.length,
          development: DEVELOPMENT_CODE.test(body.toString('utf8')),
        });
      }),
    );
  });
  return { loads, settled: () => Promise.all(pending) };
}

const sum = (loads: ScriptLoad[], key: 'transferred' | 'decoded') => loads.reduce((total, load) => total + load[key], 0);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

let t: TestApp;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let loads: ScriptLoad[];
let settled: () => Promise<unknown>;

beforeAll(async () => {
  await prepareWeb();
  t = await startTestApp();
  await seedDemo(t.app);
  base = await listenOnLoopback(t.app);
  browser = await launchChromium();
  // A phone's screen, and Chromium's own Accept-Encoding (brotli is offered to 127.0.0.1 as to any HTTPS site).
  context = await browser.newContext({ baseURL: base, locale: 'es-MX', viewport: { width: 360, height: 740 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  ({ loads, settled } = recordScripts(context));
}, 180_000);

// A failing step leaves a screenshot of the phone's screen («fallo-presupuesto-…»).
browserSuiteHooks('presupuesto', () => ({ page, browser, app: t }));

/** «Apoyos disponibles» from the main menu (behind «Menú» on a phone): a move inside the app, no reload. */
async function openFirstStep(programa: { id: string; nombre: string }): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menú' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Apoyos disponibles' }).click();
  await heading(page, 'Apoyos disponibles');
  await page.getByRole('link', { name: `Solicitar ${programa.nombre}` }).click();
  await heading(page, `Solicitud de ${programa.nombre}`);
  await page.getByRole('heading', { level: 2, name: /^Paso 1 de \d+/ }).waitFor();
  // The first question is on screen: the form's renderers have run.
  await page.locator('main input, main select').first().waitFor({ state: 'visible' });
}

describe('the citizen first form page on a phone', () => {
  it(`downloads at most ${kB(BUDGET_BYTES)} of compressed JavaScript, sent with brotli`, async () => {
    await page.goto('/iniciar-sesion');
    await heading(page, 'Iniciar sesión');
    await retype(page.getByLabel(label('CURP')), DEMO_CITIZEN.curp);
    await retype(page.getByLabel(label('Contraseña')), DEMO_CITIZEN.contrasena);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await heading(page, 'Mis solicitudes');
    await openFirstStep({ id: 'tarjeta-contigo', nombre: 'Tarjeta Contigo' });
    await settled();

    const transferred = sum(loads, 'transferred');
    console.log(
      `JavaScript de la primera página del formulario: ${loads.length} archivos, ${kB(transferred)} transferidos, ${kB(sum(loads, 'decoded'))} sin comprimir; presupuesto ${kB(BUDGET_BYTES)}.\n` +
        [...loads].sort((a, b) => b.transferred - a.transferred).map((l) => `  ${kB(l.transferred).padStart(9)} ${l.encoding.padEnd(7)} ${kB(l.decoded).padStart(9)}  ${l.path}`).join('\n'),
    );
    expect(loads.length).toBeGreaterThan(0);
    // Measured on what `npm start` serves: a production build (one made under vitest's NODE_ENV=test is not).
    expect(loads.filter((l) => l.development).map((l) => l.path), 'scripts con código de desarrollo de React').toEqual([]);
    // A few icon chunks of ~150 bytes do not shrink, and have no compressed copy; every other script must.
    expect(loads.filter((l) => l.encoding !== 'br' && l.decoded >= 1000).map((l) => `${l.path} (${l.encoding})`), 'scripts sin brotli').toEqual([]);
    expect(transferred).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('stays within the budget for the first step of every open seed program', async () => {
    const before = loads.length;
    const open = (await (await fetch(`${base}/api/convocatorias/abiertas`)).json()) as Array<{ id: string; nombre: string }>;
    expect(open.length).toBeGreaterThan(1);
    for (const programa of open) await openFirstStep(programa);
    await settled();
    const added = loads.slice(before);
    console.log(`Primer paso de ${open.length} programas: ${added.length} archivos más (${kB(sum(added, 'transferred'))}); total ${kB(sum(loads, 'transferred'))}.`);
    expect(sum(loads, 'transferred')).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
