/**
 * «Brigadas» in a real browser (Debian's Chromium): the supervisor of the field brigades reads what
 * two brigadistas sent from the field. The records go in as the field app sends them
 * (POST /api/campo/registros, multipart with photos): two accepted in San Juan del Río, one refused.
 * She signs in typing, opens «Brigadas» from the menu, reads the counts per brigadista, by day and by
 * localidad, and the map's description; narrows the period by typing the dates, reloads (the view is
 * in the URL), and hands a pending visit to the other brigadista. At 360 px the tables still read.
 * axe runs on every page at 1280 and 360 px, each photographed into screenshots/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROLE_BRIGADISTA, ROLE_SUPERVISION_CAMPO } from '../../engine/vocabulary.ts';
import { createOfficial, DEMO_AREA } from '../../runtime/server/demo.ts';
import { nextAdultCurp, sessionCookie } from '../helpers/actors.ts';
import { typeText } from '../helpers/as-a-person.ts';
import { browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, pageChecker, prepareWeb } from '../helpers/browser.ts';
import { FIELD_BASE, fieldRecord, multipartOf, personFor, recordParts } from '../helpers/campo.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

const PASSWORD = 'Brigadas de campo 2026';
const SUPERVISORA = { usuario: 'supervisora.campo', nombre: 'Rocío Trejo Ledesma', correo: 'rocio.trejo@example.mx', contrasena: PASSWORD, roles: [ROLE_SUPERVISION_CAMPO], area: DEMO_AREA };
const ANA = { usuario: 'ana.brigada', nombre: 'Ana Luisa Moreno Olvera', correo: 'ana.brigada@example.mx', contrasena: PASSWORD, roles: [ROLE_BRIGADISTA], area: DEMO_AREA };
const BETO = { usuario: 'beto.brigada', nombre: 'Alberto Ugalde Pérez', correo: 'beto.brigada@example.mx', contrasena: PASSWORD, roles: [ROLE_BRIGADISTA], area: DEMO_AREA };

const axe: Array<{ page: string; size: string; violations: string[]; serious: string[] }> = [];
const check = pageChecker(axe);
let t: TestApp;
let base = '';
let storage = '';
let browser: Browser;
let page: Page;
const ids = { ana: '', beto: '' };


async function sendRecord(cookie: string, record: ReturnType<typeof fieldRecord>): Promise<string> {
  const body = multipartOf(recordParts(record));
  const res = await t.app.inject({ method: 'POST', url: '/api/campo/registros', headers: { ...body.headers, cookie }, payload: body.payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json().resultado;
}

beforeAll(async () => {
  await prepareWeb();
  storage = mkdtempSync(join(tmpdir(), 'sipros-brigadas-web-'));
  t = await startTestApp({ now: FIELD_BASE.at, env: { STORAGE_DIR: storage } });
  base = await listenOnLoopback(t.app);
  const em = t.app.db.orm.em.fork();
  const supervisorId = (await createOfficial(em, SUPERVISORA, { now: t.app.clock() })).id;
  ids.ana = (await createOfficial(em, ANA, { now: t.app.clock() })).id;
  ids.beto = (await createOfficial(em, BETO, { now: t.app.clock() })).id;
  const ana = await sessionCookie(t.app, 'funcionario', ids.ana);
  const beto = await sessionCookie(t.app, 'funcionario', ids.beto);
  expect(await sendRecord(ana, fieldRecord(personFor(nextAdultCurp(), { nombres: 'Laura' })))).toBe('aceptado');
  expect(await sendRecord(ana, fieldRecord(personFor(nextAdultCurp(), { nombres: 'Marisol' })))).toBe('aceptado');
  // The device could not know: the person's answers say she is not of age for the program's rules after the server's own check.
  const refused = fieldRecord(personFor(nextAdultCurp(), { nombres: 'Irma' }), { respuestas: {} });
  expect(await sendRecord(beto, refused)).toBe('rechazado');
  const supervisor = await sessionCookie(t.app, 'funcionario', supervisorId);
  const visits = await t.app.inject({
    method: 'POST',
    url: '/api/campo/visitas',
    headers: { cookie: supervisor, origin: 'http://localhost' },
    payload: { brigadista: ids.ana, visitas: [{ nombre: 'Familia Hernández Reséndiz', domicilio: 'Calle Juárez 12', municipio: '22016', localidad: '220160001' }] },
  });
  expect(visits.statusCode, visits.body).toBe(201);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', bypassCSP: true })).newPage();
}, 120_000);

browserSuiteHooks('brigadas', () => ({ page, browser, app: t, axe }));
afterAll(() => rmSync(storage, { recursive: true, force: true }));

const row = (table: string, text: RegExp) => page.getByRole('table', { name: table }).getByRole('row', { name: text });

describe('Brigadas, en el navegador', { timeout: 90_000 }, () => {
  it('the supervisor opens «Brigadas» from the menu and reads each brigadista’s records, by day and by localidad', async () => {
    await page.goto(`${base}/funcionario/iniciar-sesion`);
    await typeText(page.getByLabel(label('Usuario')), SUPERVISORA.usuario);
    await typeText(page.getByLabel(label('Contraseña')), PASSWORD, null);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await heading(page, /^Hola, /);
    await page.getByRole('link', { name: 'Brigadas', exact: true }).first().click();
    await heading(page, 'Brigadas');
    await page.getByText(/3 registros, 2 aceptados, 1 rechazados y 0 con conflicto/).waitFor();
    // Ana: two accepted and one visit pending; Beto: one refused.
    await expect.poll(() => row('Avance por brigadista en el periodo', /Ana Luisa/).textContent()).toMatch(/2\s*2\s*0\s*0\s*1/);
    await expect.poll(() => row('Avance por brigadista en el periodo', /Alberto/).textContent()).toMatch(/1\s*0\s*1\s*0\s*0/);
    await row('Registros por localidad', /San Juan del R/).first().waitFor();
    await row('Registros por día de captura', /Ana Luisa/).waitFor();
    // The map says in words what it shows: its accessible name carries the description screen readers read.
    await page.getByRole('img', { name: /3 registros con punto GPS: 2 aceptados, 1 rechazado/ }).waitFor();
    await check(page, 'brigadas-avance', { fullPage: true });
  });

  it('narrows the period by typing the dates, and the view survives a reload', async () => {
    const dia = FIELD_BASE.at.slice(0, 10);
    const [year, month, day] = dia.split('-');
    for (const name of ['Registros desde', 'Registros hasta']) {
      await page.getByLabel(name).click();
      // The native date field follows the browser's own language: this Chromium's is English, so it shows
      // mm/dd/aaaa and a person types the month first (in a Spanish browser, día/mes/año).
      await page.keyboard.type(`${month}${day}${year}`, { delay: 20 });
    }
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('desde')).toBe(dia);
    await page.reload();
    await heading(page, 'Brigadas');
    await expect.poll(() => page.getByLabel('Registros desde').inputValue()).toBe(dia);
    await page.getByText(/3 registros, 2 aceptados/).waitFor();
    // The day after: nothing.
    const next = new Date(Date.parse(`${dia}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${base}/funcionario/brigadas?desde=${next}&hasta=${next}`);
    await page.getByText(/0 registros, 0 aceptados/).waitFor();
    await page.goBack();
    await page.getByText(/3 registros, 2 aceptados/).waitFor();
  });

  it('hands Ana’s pending visit to Alberto', async () => {
    const form = page.getByRole('form', { name: 'Reasignar una visita' });
    await form.getByLabel('Visita pendiente').selectOption({ label: 'Familia Hernández Reséndiz, Calle Juárez 12 (de Ana Luisa Moreno Olvera)' });
    await form.getByLabel('Pasarla a').selectOption({ label: `${BETO.nombre} (${BETO.usuario})` });
    await form.getByRole('button', { name: 'Reasignar la visita' }).click();
    await form.getByText(`La visita a Familia Hernández Reséndiz ahora es de ${BETO.nombre}.`).waitFor();
    await expect.poll(() => row('Avance por brigadista en el periodo', /Alberto/).textContent()).toMatch(/1\s*0\s*1\s*0\s*1$/);
    await check(page, 'brigadas-reasignada', { fullPage: true });
  });

  it('reads at 360 px', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await heading(page, 'Brigadas');
    await page.getByText(/3 registros, 2 aceptados/).waitFor();
    await check(page, 'brigadas-avance', { fullPage: true });
  });
});
