/**
 * What every browser test needs: an up-to-date web build, Debian's Chromium, a settled page,
 * axe-core with its report, the label and heading locators our MUI pages call for, and a PDF
 * real enough for any reader.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect } from 'vitest';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildWebInChildProcess } from '../../runtime/build-web.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const DIST_INDEX = `${ROOT}runtime/web/dist/index.html`;
const DESIGNER_DIST_INDEX = `${ROOT}runtime/web/dist/disenador/index.html`;
const CAMPO_DIST_INDEX = `${ROOT}runtime/web/dist/campo/index.html`;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** What the web bundle is built from (the engine files it imports included). */
const WEB_SOURCES = ['runtime/web/src', 'runtime/web/index.html', 'runtime/web/public', 'runtime/web/vite.config.ts', 'runtime/web/vite-plugins.ts', 'runtime/web/precompress.ts', 'designer/src', 'designer/index.html', 'designer/vite.config.ts', 'campo/src', 'campo/index.html', 'campo/public', 'campo/vite.config.ts', 'campo/vite-service-worker.ts', 'campo/service-worker.js', 'runtime/api', 'engine'];

/** Newest modification time under a file or folder. */
function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(`${path}/${f}`)));
}

const isStale = () => !existsSync(DIST_INDEX) || !existsSync(DESIGNER_DIST_INDEX) || !existsSync(CAMPO_DIST_INDEX) || Math.max(...WEB_SOURCES.map((p) => `${ROOT}${p}`).filter(existsSync).map(newest)) > statSync(DIST_INDEX).mtimeMs;

/** Held while one test file builds the web app: the suite runs files in two workers, and two builds at once would write over each other. */
const BUILD_LOCK = `${ROOT}runtime/web/.construyendo`;
/** A lock older than this was left by a run that died mid-build. */
const STALE_LOCK_MS = 10 * 60_000;

async function underBuildLock(work: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      if (existsSync(BUILD_LOCK) && Date.now() - statSync(BUILD_LOCK).mtimeMs > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    await work();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** Builds the web app when missing or older than its sources (a test must never check a stale build); makes screenshots/. */
export async function prepareWeb(): Promise<void> {
  // In a child process with NODE_ENV=production: built here, under vitest's NODE_ENV=test, the bundle would
  // carry React's development code, and `npm start` would then serve that build. Asked again under the
  // lock: another worker may have just built it.
  if (isStale()) await underBuildLock(async () => (isStale() ? buildWebInChildProcess() : undefined));
  mkdirSync(SHOTS, { recursive: true });
}

/** Debian's Chromium, headless (CHROMIUM_PATH overrides where it is). */
export function launchChromium(extraArgs: string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
    ...options,
  });
}

/** A one-page PDF, valid enough for any reader (header, catalog, page tree, xref, trailer). */
export function tinyPdf(text = 'SIPROS prueba'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 20 70 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** Two frames, then no finite CSS transition or animation still running (colours are checked at rest). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))))');
  await page.waitForFunction("document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
}

/** axe-core's violations of the page for the given rule tags. */
export async function axeViolations(page: Page, tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} }, resultTypes: ['violations'] })`)) as { violations: AxeViolation[] };
  return result.violations;
}

/**
 * Checks a page at a phone and a desktop size: axe finds no serious or critical violation, nothing
 * is wider than the screen; and photographs it into screenshots/<name>-<width>.png. The report
 * collects every violation, for the summary a test prints at the end.
 */
export function pageChecker(report: Array<{ page: string; size: string; violations: string[]; serious: string[] }> = []) {
  return async function check(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
    for (const [width, height] of [
      [1280, 800],
      [360, 740],
    ] as const) {
      await page.setViewportSize({ width, height });
      await settle(page);
      const violations = await axeViolations(page);
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      report.push({ page: name, size: `${width}`, violations: violations.map((v) => `${v.id} (${v.impact})`), serious: serious.map((v) => v.id) });
      expect(
        serious.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`),
        `axe en «${name}» a ${width}px`,
      ).toEqual([]);
      // Nothing may overflow the width (on phones tables become cards and layouts stack).
      const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      expect(scrollWidth, `ancho de «${name}» a ${width}px`).toBeLessThanOrEqual(width);
      await page.evaluate('window.getSelection()?.removeAllRanges()');
      await page.screenshot({ path: `${SHOTS}${name}-${width}.png`, fullPage: options.fullPage ?? true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await settle(page);
  };
}

/** Starts the test server on a free loopback port; returns its base URL for the browser. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('El servidor no abrió un puerto.');
  return `http://127.0.0.1:${address.port}`;
}

/** Prints, at the end of a browser test, how many axe checks ran and the non-serious findings. */
export function printAxeSummary(report: ReadonlyArray<{ page: string; size: string; violations: string[] }>): void {
  if (!report.length) return;
  const minor = [...new Set(report.flatMap((r) => r.violations.map((v) => `${v} en ${r.page}@${r.size}`)))];
  console.log(`axe: ${report.length} revisiones; avisos no serios: ${minor.length ? minor.join('; ') : 'ninguno'}.`);
}

/** A label exactly (MUI appends « *» to required fields). */
export function label(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?$`);
}

/** Waits for a heading; when it never comes, the error says where the page was and which headings it showed. */
export async function heading(page: Page, name: string | RegExp, level = 1): Promise<void> {
  try {
    await page.getByRole('heading', { level, name }).first().waitFor({ state: 'visible' });
  } catch (e) {
    const shown = await page.getByRole('heading', { level }).allInnerTexts().catch(() => []);
    throw new Error(`${(e as Error).message}\nEn ${page.url()} había títulos de nivel ${level}: ${shown.map((h) => `«${h}»`).join(', ') || 'ninguno'}.`);
  }
}

/**
 * The ends of a browser suite: a full-page screenshot of each failing test («fallo-<prefix>-<test>»)
 * and, after all, the axe summary (when the suite keeps one), the browser and the test app closed.
 * `state` is read when the hooks run, so the suite may create its page and app in beforeAll.
 */
export function browserSuiteHooks(
  prefix: string,
  state: () => { page?: Page; browser?: Browser; app?: { close(): Promise<void> }; axe?: ReadonlyArray<{ page: string; size: string; violations: string[] }> },
): void {
  afterEach(async (ctx) => {
    const { page } = state();
    if (ctx.task.result?.state === 'fail' && page) await page.screenshot({ path: `${SHOTS}fallo-${prefix}-${ctx.task.name.replace(/[^\p{L}\d]+/gu, '-')}.png`, fullPage: true }).catch(() => {});
  });
  afterAll(async () => {
    const { browser, app, axe } = state();
    if (axe) printAxeSummary(axe);
    await browser?.close();
    await app?.close();
  });
}

/** Uploads a small PDF to every document field of the form's documents step, waiting until each is shown as uploaded. */
export async function uploadEveryDocument(page: Page): Promise<void> {
  for (const input of await page.locator('section[data-documento] input[type=file]').all()) {
    const id = (await input.getAttribute('id'))!.replace(/^documento-/, '');
    await input.setInputFiles({ name: `${id}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(id) });
    await page.locator(`section[data-documento="${id}"]`).getByText(`«${id}.pdf»`).waitFor();
  }
}
