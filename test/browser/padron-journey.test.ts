/**
 * The Padrón Estatal in a real browser (Debian's Chromium through playwright-core), against the real
 * server and the built portal. The DIF's liaison uploads the synthetic 2,000-row roll as Excel saves
 * it in Mexico (Windows-1252, «;»), through the file chooser; the columns come suggested from the
 * headers; the review shows the errors by code before anything is written; the refused rows download
 * with their reasons; the load runs with its progress bar to the end. A second file of the same
 * program comes with its columns remembered; the same file again is refused. The confronta shows a
 * SIPROS program crossed with the loaded ones; Consulta ciudadana shows one person's SIPROS delivery
 * and imported supports together; and Tarjeta Contigo, whose rule excludes people with another
 * economic support of the state, refuses a woman found in the loaded roll, with the Spanish reason.
 * axe runs on every page at 1280 and 360 px, each photographed into screenshots/.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ageAt } from '../../engine/curp.ts';
import { ROLE_ATENCION, ROLE_PADRON } from '../../engine/vocabulary.ts';
import { Document } from '../../runtime/db/entities.ts';
import { createOfficial } from '../../runtime/server/demo.ts';
import { citizenWithSession, officialWithSession } from '../helpers/actors.ts';
import { typeText } from '../helpers/as-a-person.ts';
import { browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, pageChecker, prepareWeb, ROOT } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

const FIXTURES = `${ROOT}test/fixtures/padron/`;
const ROLL_1252 = `${FIXTURES}padron_sintetico_qro_win1252.csv`;
const ROLL_UTF8 = `${FIXTURES}padron_sintetico_qro.csv`;
const PASSWORD = 'Enlace del padrón 2026';
const ENLACE = { usuario: 'enlace.dif', nombre: 'Verónica Trejo Ugalde', correo: 'enlace.dif@example.mx', contrasena: PASSWORD, roles: [ROLE_PADRON], area: 'dif-estatal' };
const ATENCION = { usuario: 'atencion.padron', nombre: 'Mónica Camacho Ríos', correo: 'atencion.padron@example.mx', contrasena: PASSWORD, roles: [ROLE_ATENCION], area: 'subsecretaria-desarrollo-social' };
const TODAY = '2026-11-24';

type RollRow = Record<string, string>;
const rows = parse(readFileSync(ROLL_UTF8), { columns: true, bom: true }) as RollRow[];
const key = new Map((parse(readFileSync(`${FIXTURES}padron_sintetico_qro_clave.csv`), { columns: true }) as Array<{ folio: string; expected_error: string }>).map((k) => [k.folio, k.expected_error]));
const repeated = new Set(rows.map((r) => r.curp).filter((c, i, all) => all.indexOf(c) !== i));
/** Clean rows of adult women paid in the last 12 months, whose CURP comes once in the file. */
const women = rows.filter((r) => key.get(r.folio) === 'NONE' && r.sexo === 'M' && !repeated.has(r.curp) && r.fecha_pago > '2025-11-24' && ageAt(r.fecha_nacimiento, '2026-10-01') >= 18 && ageAt(r.fecha_nacimiento, '2026-10-01') <= 64);
/** She also received a SIPROS delivery: Consulta shows both. */
const BOTH = women[0];
/** She only is in the roll: Tarjeta Contigo refuses her. */
const ONLY_ROLL = women[1];

const axe: Array<{ page: string; size: string; violations: string[]; serious: string[] }> = [];
const check = pageChecker(axe);
let t: TestApp;
let base = '';
let storage = '';
let browser: Browser;
let page: Page;

async function api(method: string, path: string, cookie: string, body?: unknown) {
  const res = await fetch(`${base}/api${path}`, { method, headers: { cookie, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

/** An «Apoyo emergente para mujeres» application of `person`, submitted, approved and delivered by QR through the API. */
/** The SIPROS application delivered to BOTH, and a revisor of its program who may open it. */
let delivered = { id: '', revisor: '' };

async function deliveredThroughSipros(person: RollRow): Promise<typeof delivered> {
  const program = JSON.parse(readFileSync(`${ROOT}definitions/programs/apoyo-emergente-mujeres/program.json`, 'utf8'));
  const { citizen, cookie } = await citizenWithSession(t.app, { curp: person.curp, nombres: person.nombre, primerApellido: person.primer_apellido, segundoApellido: person.segundo_apellido });
  const draft = await api('PUT', `/programas/${program.id}/borrador`, cookie, { respuestas: program.tests.base.answers });
  expect(draft.status, JSON.stringify(draft.body)).toBe(200);
  const em = t.app.db.orm.em.fork();
  for (const doc of program.documents as Array<{ id: string }>) {
    em.create(Document, { id: randomUUID(), application: draft.body.id, documentType: doc.id, sha256: '0'.repeat(64), size: 1000, mediaType: 'application/pdf', originalName: `${doc.id}.pdf`, uploadedBy: `ciudadano:${citizen.id}`, uploadedAt: t.app.clock() });
  }
  await em.flush();
  expect((await api('POST', `/solicitudes/${draft.body.id}/enviar`, cookie, { respuestas: program.tests.base.answers })).status).toBe(201);
  const revisor = (await officialWithSession(t.app, ['revisor'], program.area)).cookie;
  expect((await api('POST', `/funcionario/solicitudes/${draft.body.id}/eventos`, revisor, { evento: 'APROBAR' })).status).toBe(200);
  const qr = await api('GET', `/solicitudes/${draft.body.id}/entrega`, cookie);
  const entregador = (await officialWithSession(t.app, ['entregador'], program.area)).cookie;
  expect((await api('POST', '/funcionario/entregas', entregador, { token: qr.body.token })).status).toBe(201);
  return { id: draft.body.id, revisor };
}

async function login(who: { usuario: string; contrasena: string }): Promise<void> {
  await page.goto(`${base}/funcionario/iniciar-sesion`);
  await typeText(page.getByLabel(label('Usuario')), who.usuario);
  await typeText(page.getByLabel(label('Contraseña')), who.contrasena, null);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await heading(page, /^Hola, /);
}

async function chooseFile(path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Elegir archivo').click();
  await (await chooser).setFiles(path);
}

beforeAll(async () => {
  await prepareWeb();
  storage = mkdtempSync(join(tmpdir(), 'sipros-padron-web-'));
  t = await startTestApp({ now: `${TODAY}T10:00:00-06:00`, env: { STORAGE_DIR: storage } });
  base = await listenOnLoopback(t.app);
  for (const o of [ENLACE, ATENCION]) await createOfficial(t.app.db.orm.em.fork(), o, { now: t.app.clock() });
  // The planning office keeps the catalog: the DIF's program is in it before its liaison loads the roll.
  const planeacion = (await officialWithSession(t.app, [ROLE_PADRON, 'planeacion'], 'direccion-planeacion-evaluacion')).cookie;
  expect((await api('POST', '/funcionario/padron/programas', planeacion, { clave: 'despensas-dif', nombre: 'Despensas DIF', dependencia: 'dif-estatal', tipo: 'especie' })).status).toBe(201);
  delivered = await deliveredThroughSipros(BOTH);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', bypassCSP: true, acceptDownloads: true })).newPage();
}, 120_000);

browserSuiteHooks('padron', () => ({ page, browser, app: t, axe }));
afterAll(() => rmSync(storage, { recursive: true, force: true }));

describe('Carga masiva de padrones, en el navegador', () => {
  it('uploads the Windows-1252 roll, reviews it, downloads the refused rows and loads it watching the progress', async () => {
    await login(ENLACE);
    await page.getByRole('link', { name: 'Padrón' }).first().click();
    await heading(page, 'Carga masiva de padrones');
    await page.getByLabel(label('Programa')).selectOption({ label: 'Despensas DIF (despensas-dif)' });
    await chooseFile(ROLL_1252);
    await page.getByText('padron_sintetico_qro_win1252.csv').waitFor();
    await check(page, 'padron-carga');
    await page.getByRole('button', { name: 'Subir y asignar columnas' }).click();

    await heading(page, 'Asigna las columnas del archivo', 2);
    await page.getByText(/CSV en Windows-1252, separado por punto y coma/).waitFor();
    // Suggested from the headers, with a sample value (accents read right from Windows-1252).
    expect(await page.getByLabel('CURP (obligatorio)').locator('option:checked').textContent()).toMatch(/^curp \(p\. ej\. [A-Z0-9]{18}\)$/);
    expect(await page.getByLabel('Colonia').locator('option:checked').textContent()).toContain('colonia');
    await page.reload();
    await heading(page, 'Asigna las columnas del archivo', 2);
    await check(page, 'padron-columnas');
    await page.getByRole('button', { name: 'Revisar las filas' }).click();

    await page.getByText('Revisión terminada: todavía no se guardó nada en el padrón.').waitFor({ timeout: 60_000 });
    await page.getByText('1,859').first().waitFor();
    await page.getByRole('cell', { name: 'CURP con dígito verificador incorrecto' }).waitFor();
    await check(page, 'padron-revision');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'rechazadas en CSV' }).click();
    const file = await (await download).path();
    const refused = parse(readFileSync(file), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(refused).toHaveLength(141);
    expect(refused.every((r) => r.Motivo.length > 0)).toBe(true);

    await page.getByRole('button', { name: 'Cargar 1,859 filas al padrón' }).click();
    await page.getByRole('progressbar').first().waitFor();
    await page.getByText('Carga terminada: 1,859 apoyos en el Padrón Estatal.').waitFor({ timeout: 60_000 });
    await check(page, 'padron-cargado');
  }, 120_000);

  it('remembers the columns for the next file of the program, and refuses the same file again', async () => {
    await page.getByRole('link', { name: 'Volver a Carga masiva' }).click();
    await page.getByLabel(label('Programa')).selectOption({ label: 'Despensas DIF (despensas-dif)' });
    await chooseFile(ROLL_1252);
    await page.getByRole('button', { name: 'Subir y asignar columnas' }).click();
    await page.getByText(/Este archivo ya se recibió el .*; si quieres reemplazarlo, deshaz primero esa carga\./).waitFor();
    await chooseFile(ROLL_UTF8);
    await page.getByRole('button', { name: 'Subir y asignar columnas' }).click();
    await page.getByText('Usamos las columnas de la última carga de este programa. Revísalas antes de seguir.').waitFor();
    await page.getByText(/CSV en UTF-8, separado por comas/).waitFor();
  });

  it('shows the confronta of the loaded programs with SIPROS’s own, and who is in a crossing', async () => {
    await page.getByRole('link', { name: 'Volver a Carga masiva' }).click();
    await page.getByRole('link', { name: 'Ver la confronta entre programas' }).click();
    await heading(page, 'Confronta de programas');
    const cell = page.getByRole('button', { name: new RegExp(`^1 personas en Apoyo emergente para mujeres y .*${BOTH.programa.replace(/[()]/g, '.')}`) });
    await cell.click();
    await page.getByText(BOTH.curp).first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Descargar la lista completa (CSV)' }).click();
    expect(readFileSync(await (await download).path(), 'utf8')).toContain(BOTH.curp);
    await check(page, 'padron-confronta');
  });

  it('Consulta ciudadana shows a person’s SIPROS delivery and imported supports together', async () => {
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await login(ATENCION);
    await page.getByRole('link', { name: 'Consulta ciudadana' }).first().click();
    await typeText(page.getByLabel(label('CURP')), BOTH.curp);
    await page.getByRole('button', { name: 'Buscar' }).click();
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Apoyos en el Padrón Estatal' }) });
    await section.getByText('Apoyo emergente para mujeres').first().waitFor();
    await section.getByText(BOTH.programa).first().waitFor();
    await section.getByText('Padrón cargado por la dependencia').first().waitFor();
    await section.getByText(/^SIPROS, folio /).first().waitFor();
    await check(page, 'consulta-padron');
  });

  it('Ver Solicitud tells the program’s revisor what else the applicant receives', async () => {
    const revisorPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', bypassCSP: true })).newPage();
    await revisorPage.context().addCookies([{ name: 'sipros_sesion', value: delivered.revisor.split('=')[1], url: base }]);
    await revisorPage.goto(`${base}/funcionario/solicitudes/${delivered.id}`);
    const alert = revisorPage.getByRole('alert').filter({ has: revisorPage.getByRole('heading', { name: 'También recibe' }) });
    await alert.getByText(new RegExp(`${BOTH.programa.replace(/[()]/g, '.')} \\(dif-estatal, `)).waitFor();
    await check(revisorPage, 'ver-solicitud-tambien-recibe');
    await revisorPage.close();
  });

  it('Tarjeta Contigo refuses a woman the loaded roll says already receives an economic support, with the Spanish reason', async () => {
    const program = JSON.parse(readFileSync(`${ROOT}definitions/programs/tarjeta-contigo/program.json`, 'utf8'));
    const { cookie } = await citizenWithSession(t.app, { curp: ONLY_ROLL.curp, nombres: ONLY_ROLL.nombre });
    expect((await api('PUT', `/programas/${program.id}/borrador`, cookie, { respuestas: program.tests.base.answers })).status).toBe(200);
    // She stopped at the review step last time: the draft reopens there.
    expect((await api('PUT', `/programas/${program.id}/borrador/posicion`, cookie, { paso: 60, alcanzado: 60, desdeRevision: false })).status).toBe(204);
    const citizenPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', bypassCSP: true })).newPage();
    await citizenPage.context().addCookies([{ name: 'sipros_sesion', value: cookie.split('=')[1], url: base }]);
    await citizenPage.goto(`${base}/solicitar/${program.id}`);
    await citizenPage.getByText('Con tus respuestas no cumples estos requisitos').waitFor();
    await citizenPage.getByText(program.eligibility.find((r: { id: string }) => r.id === 'sin-otro-apoyo-economico').message).waitFor();
    await check(citizenPage, 'padron-regla-tarjeta-contigo');
    await citizenPage.close();
  });
});
