/**
 * The officials' journey in a real browser (Debian's Chromium through playwright-core), against the real
 * server and the built portal: an official logs in, filters, searches, sorts and pages the queue, saves a
 * filter, opens an application (documents on the page), asks for a correction of one field, the citizen
 * fixes it through the API, the official approves it (Tarifa Unidos: one approval level); a conflict with
 * another official is shown as such; bulk approval shows a result per application; the citizen sees the
 * delivery QR on "Ver solicitud"; the entregador reads the QR from a photo (jsQR) and by typing its token,
 * confirms the delivery (with the browser's position) and a second delivery is refused with who and when;
 * the CSV and Excel reports download with the filters and parse; the dashboard draws its charts and map;
 * an administrator creates an official limited to one dirección, who then sees only its programs; citizen
 * service looks a person up by CURP and changes the phone with a reason; the ventanilla signs a person up
 * and submits their application with the citizens' own form.
 * axe-core runs on every page (no serious or critical violation) at 1280×800 and 360×740, and every page
 * is photographed into screenshots/ at both sizes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import { createOfficial } from '../../runtime/server/demo.ts';
import { parseCsv, seedApplications, type SeededApplication } from '../helpers/seed-applications.ts';
import { citizenWithSession, curpFor, officialWithSession } from '../helpers/actors.ts';
import { browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, pageChecker, prepareWeb, ROOT, settle, SHOTS, tinyPdf } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';
import { chooseLabel, dateShown, nextStep, pickRadio, retype, typeKeys, typePersonalData, typeText } from '../helpers/as-a-person.ts';
import { fillAlimentacion, fillDomicilio, fillIngreso, fillIntegrante, fillServicios, fillVivienda, TYPICAL } from '../helpers/cuis.ts';

const axeReport: Array<{ page: string; size: string; violations: string[]; serious: string[] }> = [];
/** axe at both sizes (no serious or critical violation), nothing wider than the screen, and a full-page screenshot of each. */
const check = pageChecker(axeReport);

const AREA = 'subsecretaria-desarrollo-social';
const DIRECCION = { id: 'direccion-atencion-grupos-prioritarios', nombre: 'Dirección de Atención a Grupos Prioritarios', programas: ['Apoyo emergente para mujeres', 'Cuidado infantil'] };
const PASSWORD = 'Funcionaria del padrón 2026';
const REVISORA = { usuario: 'revisora.cola', nombre: 'Leticia Reséndiz Olvera', correo: 'revisora.cola@example.mx', contrasena: PASSWORD, roles: ['revisor'], area: AREA };
const ENTREGADOR = { usuario: 'entregador.cola', nombre: 'Ramón Olvera Trejo', correo: 'entregador.cola@example.mx', contrasena: PASSWORD, roles: ['entregador'], area: AREA };
const ADMIN = { usuario: 'admin.cola', nombre: 'Patricia Ugalde Nieto', correo: 'admin.cola@example.mx', contrasena: PASSWORD, roles: ['administrador'], area: 'sedesoq' };
/** An administrator of the Subsecretaría: she manages her area and the direcciones under it, never the Secretaría above. */
const SUBADMIN = { usuario: 'admin.subsecretaria', nombre: 'Gabriela Luna Reséndiz', correo: 'admin.subsecretaria@example.mx', contrasena: PASSWORD, roles: ['administrador'], area: AREA };
const ATENCION = { usuario: 'atencion.cola', nombre: 'Mónica Camacho Ríos', correo: 'atencion.cola@example.mx', contrasena: PASSWORD, roles: ['atencion-ciudadana'], area: AREA };
const NUEVO = { usuario: 'dir.grupos', nombre: 'Daniela Ibarra Luna', correo: 'daniela.ibarra@example.mx', contrasena: 'Dirección de grupos prioritarios' };
/** Tarifa Unidos: revisión → Aprobada (one level), then ENTREGAR by an entregador. */
const PROGRAM = { id: 'tarifa-unidos', nombre: 'Tarifa Unidos' };
const TARIFA = JSON.parse(readFileSync(`${ROOT}definitions/programs/tarifa-unidos/program.json`, 'utf8')) as { tests: { base: { curp: string; answers: Record<string, any> } } };
const CORRECTION = 'El código postal no corresponde a la colonia Lomas de Casa Blanca. Escríbelo como aparece en tu recibo de luz.';
/** A person signed up at the counter: the CURP matches her name, birth date and sex. */
const VENTANILLA = { curp: curpFor('MOLA', '030515', 'M', 'QT', 'RPN'), nombres: 'Ana Lucía', primerApellido: 'Morales', segundoApellido: 'López', telefono: '4425550177' };

const COLUMNS = ['CURP', 'Nombre', 'Fecha', 'Folio', 'Programa', 'Proceso', 'Tipo de apoyo', 'Padrón', 'Estado', 'Acciones'];
const REPORT_COLUMNS = [
  'Id',
  'CURP',
  'Nombre',
  'Apellido Paterno',
  'Apellido Materno',
  'Fecha de Solicitud',
  'Folio',
  'Programa',
  'Proceso',
  'Tipo de Apoyo',
  'Padrón',
  'Estado',
  'Municipio',
  'Fecha de Entrega',
];

/** Newest modification time under a file or folder. */

/**
 * A video file for Chromium's fake camera (--use-file-for-fake-video-capture): one Y4M frame, looped, of a
 * QR code with `text` (8 pixels per module, 4-module quiet zone, grey only).
 */
function qrVideo(text: string, path: string): void {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const scale = 8;
  const margin = 4;
  const side = (modules.size + 2 * margin) * scale;
  const luma = Buffer.alloc(side * side, 255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const r = Math.floor(y / scale) - margin;
      const c = Math.floor(x / scale) - margin;
      if (r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c)) luma[y * side + x] = 0;
    }
  }
  const chroma = Buffer.alloc((side / 2) * (side / 2), 128);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${side} H${side} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma, chroma]));
}

/** What the fake camera shows: a well-formed token that SIPROS did not sign. */
const CAMERA_TOKEN = 'SIPROS1.camara-de-prueba.sin-firma-valida';


let t: TestApp;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let citizenCookie = '';
let applicationId = '';
let folio = '';
let token = '';
let codigo = '';
let seeded: SeededApplication[] = [];
let otherOfficialCookie = '';
let videoDir = '';

/** The rows of the queue table on screen (wide layout). */
async function queueFolios(p: Page): Promise<string[]> {
  await p
    .locator('[data-resumen]')
    .filter({ hasText: /Página|No hay/ })
    .waitFor();
  return columnTexts(p, 'Folio');
}

/** The texts of one column of the queue, found by its visible header (as a person reads the table). */
async function columnTexts(p: Page, header: string): Promise<string[]> {
  const headers = await p.locator('thead th').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === header);
  expect(index, `columna «${header}» en ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return p.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => (r as unknown as { cells: Array<{ textContent: string | null }> }).cells[i]?.textContent ?? ''), index);
}

async function api(method: string, path: string, cookie: string, body?: unknown): Promise<Response> {
  return fetch(`${base}/api${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function upload(cookie: string, id: string, tipo: string, name: string, type: string, data: Buffer): Promise<void> {
  const form = new FormData();
  form.append('archivo', new Blob([data], { type }), name);
  const r = await fetch(`${base}/api/solicitudes/${id}/documentos/${tipo}`, { method: 'POST', headers: { cookie, origin: base }, body: form });
  expect(r.status, await r.clone().text()).toBe(201);
}

async function login(p: Page, who: { usuario: string; contrasena: string }, landing: string | RegExp = /^Hola, /): Promise<void> {
  await retype(p.getByLabel(label('Usuario')), who.usuario);
  await retype(p.getByLabel(label('Contraseña')), who.contrasena);
  await p.getByRole('button', { name: 'Iniciar sesión' }).click();
  await heading(p, landing);
}

async function logout(p: Page): Promise<void> {
  await p.getByRole('button', { name: 'Cerrar sesión' }).click();
  await heading(p, 'Iniciar sesión de funcionario');
  await p.getByText('Cerraste tu sesión.').waitFor();
}

beforeAll(async () => {
  await prepareWeb();
  t = await startTestApp();
  base = await listenOnLoopback(t.app);

  for (const o of [REVISORA, ENTREGADOR, ADMIN, ATENCION, SUBADMIN]) await createOfficial(t.app.db.orm.em.fork(), o, { now: t.app.clock() });
  otherOfficialCookie = (await officialWithSession(t.app, ['revisor'], AREA)).cookie;

  // The citizen of the journey applies to Tarifa Unidos through the citizens' routes, documents included.
  const citizen = await citizenWithSession(t.app, { curp: TARIFA.tests.base.curp, nombres: 'LUIS ÁNGEL' });
  citizenCookie = citizen.cookie;
  const answers = structuredClone(TARIFA.tests.base.answers);
  const draft = await api('PUT', `/programas/${PROGRAM.id}/borrador`, citizenCookie, { respuestas: answers });
  expect(draft.status, await draft.clone().text()).toBe(200);
  applicationId = ((await draft.json()) as { id: string }).id;
  const photo = await QRCode.toBuffer('Fotografía de prueba', { type: 'png', width: 240 });
  await upload(citizenCookie, applicationId, 'fotografia', 'fotografia.png', 'image/png', photo);
  for (const tipo of ['identificacion-oficial', 'curp', 'comprobante-domicilio', 'constancia-estudios'])
    await upload(citizenCookie, applicationId, tipo, `${tipo}.pdf`, 'application/pdf', tinyPdf(tipo));
  const sent = await api('POST', `/solicitudes/${applicationId}/enviar`, citizenCookie, { respuestas: answers, tipoApoyo: 'estudiante' });
  expect(sent.status, await sent.clone().text()).toBe(201);
  folio = ((await sent.json()) as { folio: string }).folio;

  // More of the area's work: Tarifa Unidos in review (paging, bulk approval, a conflict), and the dirección's programs.
  const day = (d: number, h = 9) => `2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00-06:00`;
  seeded = await seedApplications(t.app, [
    { program: PROGRAM.id, citizen: { nombres: 'KARLA', primerApellido: 'RAMÍREZ', segundoApellido: 'CASTILLO' }, submittedAt: day(18), municipio: '22014' },
    { program: PROGRAM.id, citizen: { nombres: 'ETHAN', primerApellido: 'CORRAL', segundoApellido: 'CERVANTES' }, submittedAt: day(19), municipio: '22006' },
    { program: PROGRAM.id, citizen: { nombres: 'IVONNE GUADALUPE', primerApellido: 'RAZO', segundoApellido: 'TORRES' }, submittedAt: day(20), municipio: '22016' },
    { program: PROGRAM.id, citizen: { nombres: 'JIMENA', primerApellido: 'GUILLÉN', segundoApellido: 'AGUILAR' }, submittedAt: day(21), municipio: '22014' },
    { program: 'apoyo-emergente-mujeres', citizen: { nombres: 'REGINA', primerApellido: 'MONTER', segundoApellido: 'ÁNGELES' }, submittedAt: day(22), municipio: '22008' },
    { program: 'becas-escolares', citizen: { nombres: 'VALERIA', primerApellido: 'CRUZ', segundoApellido: 'ROJAS' }, submittedAt: day(23), municipio: '22014' },
  ]);

  // The entregador's camera is Chromium's fake one, showing a QR code.
  videoDir = mkdtempSync(join(tmpdir(), 'sipros-camara-'));
  qrVideo(CAMERA_TOKEN, join(videoDir, 'qr.y4m'));
  browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${join(videoDir, 'qr.y4m')}`,
  ]);
  // bypassCSP only so axe can be injected (the CSP itself is checked in its own context below). The
  // official allows the position: deliveries carry it.
  context = await browser.newContext({
    baseURL: base,
    locale: 'es-MX',
    timezoneId: 'America/Mexico_City',
    viewport: { width: 1280, height: 800 },
    bypassCSP: true,
    geolocation: { latitude: 20.5931, longitude: -100.3924, accuracy: 25 },
    permissions: ['geolocation', 'camera'],
  });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 240_000);

browserSuiteHooks('f', () => ({ page, browser, app: t, axe: axeReport }));

afterAll(async () => {
  if (videoDir) rmSync(videoDir, { recursive: true, force: true });
});

describe('viaje del funcionario en el navegador', { timeout: 180_000 }, () => {
  it('el lado de funcionarios corre bajo la CSP del portal sin errores en consola (gráficas y mapa incluidos)', async () => {
    const strict = await browser.newContext({ baseURL: base, locale: 'es-MX', viewport: { width: 1280, height: 800 } });
    const p = await strict.newPage();
    const problems: string[] = [];
    // Before logging in, the session probe (GET /api/funcionario/yo) answers 401, as the contract says.
    p.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/api/funcionario/yo') && problems.push(m.text()));
    p.on('pageerror', (e) => problems.push(e.message));
    const res = await p.goto('/funcionario/iniciar-sesion');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await heading(p, 'Iniciar sesión de funcionario');
    await login(p, REVISORA);
    await p.goto('/funcionario/tablero');
    await heading(p, 'Tablero');
    await p.locator('canvas').nth(1).waitFor();
    await p.locator('path[data-municipio]').nth(17).waitFor();
    expect(await p.locator('canvas').evaluateAll((cs) => cs.map((c) => (c as unknown as { width: number }).width > 0))).toEqual([true, true]);
    expect(problems).toEqual([]);
    await strict.close();
  });

  it('inicia sesión con usuario y contraseña y ve el menú de sus roles', async () => {
    await page.goto('/funcionario/solicitudes');
    await heading(page, 'Iniciar sesión de funcionario');
    await retype(page.getByLabel(label('Usuario')), REVISORA.usuario);
    await retype(page.getByLabel(label('Contraseña')), 'NoEsLaBuena2026');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /no son correct/ })
      .waitFor();
    await check(page, 'f01-iniciar-sesion-error');
    // Back to where she was going.
    await login(page, REVISORA, 'Solicitudes');
    await page.getByRole('link', { name: 'Inicio' }).click();
    await heading(page, `Hola, ${REVISORA.nombre}`);
    const menu = page.getByRole('navigation', { name: 'Principal' });
    for (const item of ['Solicitudes', 'Tablero']) await menu.getByRole('link', { name: item }).waitFor();
    for (const item of ['Entregar', 'Funcionarios', 'Consulta ciudadana', 'Ventanilla']) expect(await menu.getByRole('link', { name: item }).count()).toBe(0);
    await check(page, 'f02-inicio-revisora');
  });

  it('filtra la bandeja por apoyo, proceso y estado, busca, ordena, pagina y guarda filtros', async () => {
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Solicitudes' }).click();
    await heading(page, 'Solicitudes');
    for (const col of COLUMNS) await page.getByRole('columnheader', { name: col, exact: true }).waitFor();
    await page.getByText(/Página 1: 7 solicitudes de 7 en total/).waitFor();
    // The whole table fits its box at 1280 px: the last column's «Ver solicitud» is fully visible.
    const [scrollWidth, clientWidth] = await page.locator('.MuiTableContainer-root').first().evaluate((box) => [box.scrollWidth, box.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const ver = await page.getByRole('link', { name: /^Ver solicitud/ }).first().boundingBox();
    expect(ver!.x + ver!.width).toBeLessThanOrEqual(1280);

    await page.getByLabel('Apoyo').selectOption({ label: PROGRAM.nombre });
    await page.getByText(/Página 1: 5 solicitudes de 5 en total/).waitFor();
    expect(page.url()).toContain('programa=tarifa-unidos');
    await page.getByLabel('Proceso').selectOption({ label: 'Revisión documental' });
    await page.waitForURL(/proceso=en_revision/);
    await page.getByLabel('Estado').selectOption('En proceso');
    await page.waitForURL(/estado=En\+proceso/);
    await page.getByText(/Página 1: 5 solicitudes/).waitFor();
    expect(new URL(page.url()).searchParams.toString()).toBe('programa=tarifa-unidos&proceso=en_revision&estado=En+proceso');
    expect(new Set(await columnTexts(page, 'Programa'))).toEqual(new Set([PROGRAM.nombre]));

    // Search: by CURP (exact), then by a name without accents.
    await retype(page.getByLabel('Buscar', { exact: true }), TARIFA.tests.base.curp);
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.waitForURL(/q=RAHL/);
    await page.getByText(/Página 1: 1 solicitud/).waitFor();
    expect(await queueFolios(page)).toEqual([folio]);
    expect(await page.getByLabel('Proceso').inputValue()).toBe('en_revision');
    expect(await page.getByLabel('Estado').inputValue()).toBe('En proceso');
    await check(page, 'f03-solicitudes-filtradas');
    // The end of a folio, as read over the phone («TUNI-7»), finds it too.
    const folioEnd = /-([A-Z]+-\d+)$/.exec(folio)![1];
    await retype(page.getByLabel('Buscar', { exact: true }), '');
    await page.getByLabel('Buscar', { exact: true }).pressSequentially(folioEnd.toLowerCase());
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.getByText(/Página 1: 1 solicitud/).waitFor();
    expect(await queueFolios(page)).toEqual([folio]);
    await retype(page.getByLabel('Buscar', { exact: true }), 'guillen');
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.waitForURL(/q=guillen/);
    await page.getByRole('cell', { name: seeded[3].folio, exact: true }).waitFor();
    expect(await queueFolios(page)).toEqual([seeded[3].folio]);

    // Keyset paging, two at a time, newest first; then sorted by folio.
    await page.goto('/funcionario/solicitudes?programa=tarifa-unidos&limite=2');
    const first = await queueFolios(page);
    expect(first).toHaveLength(2);
    // A slow answer: while the next page is on its way, the status line says so and its buttons wait; it never
    // reads «Página 2» over the first page's rows.
    const nextPage = /\/api\/funcionario\/solicitudes\?.*despues=/;
    let answer!: () => void;
    let answered!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const through = new Promise<void>((resolve) => (answered = resolve));
    await page.route(nextPage, async (route) => {
      await held;
      await route.continue();
      answered();
    });
    await page.getByRole('button', { name: 'Siguiente página' }).click();
    await page.locator('[data-resumen]').getByText('Cargando la página 2…').waitFor();
    expect(await page.getByRole('button', { name: 'Siguiente página' }).isDisabled()).toBe(true);
    expect(await columnTexts(page, 'Folio')).toEqual(first);
    await check(page, 'f03a-cargando-pagina', { fullPage: false });
    answer();
    await through;
    await page.unroute(nextPage);
    await page
      .locator('[data-resumen]')
      .getByText(/^Página 2: 2 solicitudes de 5 en total/)
      .waitFor();
    const second = await queueFolios(page);
    expect(second).toHaveLength(2);
    expect(second.some((f) => first.includes(f))).toBe(false);
    await page.getByRole('button', { name: 'Siguiente página' }).click();
    await page
      .locator('[data-resumen]')
      .getByText(/^Página 3: 1 solicitud/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Siguiente página' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Página anterior' }).click();
    await page
      .locator('[data-resumen]')
      .getByText(/^Página 2/)
      .waitFor();
    await page.getByLabel('Ordenar por').selectOption({ label: 'Folio' });
    await page
      .locator('[data-resumen]')
      .getByText(/^Página 1: 2 solicitudes/)
      .waitFor();
    const byFolio = await queueFolios(page);
    expect(byFolio).toEqual([...byFolio].sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop())));

    // Saved filters: save, clear, apply, delete.
    await page.goto('/funcionario/solicitudes?programa=tarifa-unidos&estado=En+proceso');
    await page.getByText(/Página 1: 5/).waitFor();
    await page.getByRole('button', { name: 'Guardar los filtros actuales' }).click();
    await page.getByRole('dialog', { name: 'Guardar filtros' }).waitFor();
    await retype(page.getByLabel(label('Nombre del filtro')), 'Tarifa por revisar');
    await check(page, 'f03b-guardar-filtro', { fullPage: false });
    await page.getByRole('dialog').getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Guardaste el filtro «Tarifa por revisar».').waitFor();
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await page.getByText(/Página 1: 7/).waitFor();
    await page.getByLabel('Filtro guardado').selectOption({ label: 'Tarifa por revisar' });
    await page.getByRole('button', { name: 'Aplicar filtro' }).click();
    await page.getByText(/Página 1: 5/).waitFor();
    expect(page.url()).toMatch(/programa=tarifa-unidos.*estado=En/);
    expect(await page.getByLabel('Apoyo').inputValue()).toBe('tarifa-unidos');
    await page.getByLabel('Filtro guardado').selectOption({ label: 'Tarifa por revisar' });
    await page.getByRole('button', { name: 'Borrar filtro' }).click();
    await page.getByText('Borraste el filtro «Tarifa por revisar».').waitFor();
    await expect.poll(() => page.getByLabel('Filtro guardado').locator('option').allInnerTexts()).toEqual(['No tienes filtros guardados']);
  });

  it('descarga los reportes CSV y Excel con los filtros de la pantalla', async () => {
    await page.goto('/funcionario/solicitudes?programa=tarifa-unidos&estado=En+proceso');
    await page.getByText(/Página 1: 5/).waitFor();
    const csvLink = page.getByRole('link', { name: 'Descargar CSV' });
    expect(await csvLink.getAttribute('href')).toBe('/api/funcionario/reportes/solicitudes.csv?programa=tarifa-unidos&estado=En+proceso');
    const [csv] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    // Downloaded by the page (progress bar, «Cancelar descarga»), which says where it went.
    await page.getByRole('status').filter({ hasText: /Listo: el reporte CSV se descargó como «reporte-solicitudes-.*\.csv»/ }).waitFor();
    const rows = parseCsv(readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c !== ''));
    expect(rows[0]).toEqual(REPORT_COLUMNS);
    expect(rows).toHaveLength(6);
    const mine = rows.find((r) => r[6] === folio);
    expect(mine?.[1]).toBe(TARIFA.tests.base.curp);
    expect(new Set(rows.slice(1).map((r) => r[7]))).toEqual(new Set([PROGRAM.nombre]));

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    const sheet = book.worksheets[0];
    const values: string[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))));
    expect(values[0]).toEqual(REPORT_COLUMNS);
    expect(values).toHaveLength(6);
    expect(values.some((r) => r[6] === folio)).toBe(true);
  });

  it('abre una solicitud: respuestas, documentos en la página, requisitos, historial y solo las acciones del API', async () => {
    await page.goto(`/funcionario/solicitudes?q=${encodeURIComponent(folio)}`);
    await page.getByText(/Página 1: 1 solicitud/).waitFor();
    await page.getByRole('link', { name: `Ver solicitud ${folio}` }).click();
    await heading(page, `Solicitud ${folio}`);
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
    for (const h of ['Resumen', 'Solicitante', 'Acciones', 'Requisitos', 'Respuestas', 'Documentos', 'Historial']) await heading(page, h, 2);
    await page.getByText('Cumple los requisitos del programa').waitFor();
    await page.getByText('Facultad de Ingeniería, Universidad Autónoma de Querétaro').waitFor();

    // Exactly the actions the server offers to this official.
    const view = (await (await api('GET', `/funcionario/solicitudes/${applicationId}`, await cookieOf(context))).json()) as { acciones: Array<{ etiqueta: string }> };
    const shown = await page.locator('[data-acciones] button').allInnerTexts();
    expect(shown).toEqual(view.acciones.map((a) => a.etiqueta));
    expect([...shown].sort()).toEqual(['Aprobar', 'Rechazar', 'Solicitar corrección']);

    // Documents on the page: the PDF in a frame, the photo as an image.
    await page.getByRole('button', { name: 'Ver aquí Comprobante de domicilio' }).click();
    await page.locator('iframe[title^="Comprobante de domicilio"]').waitFor();
    await page.getByRole('button', { name: 'Ver aquí Fotografía para la tarjeta' }).click();
    const img = page.getByRole('img', { name: /^Fotografía para la tarjeta/ });
    await img.waitFor();
    await page.waitForFunction(
      (el) => {
        const img = el as unknown as { complete: boolean; naturalWidth: number };
        return img.complete && img.naturalWidth > 0;
      },
      await img.elementHandle(),
    );
    await check(page, 'f04-ver-solicitud');
  });

  it('pide la corrección de un dato: el comentario y una marca son obligatorios', async () => {
    await page.getByRole('button', { name: 'Solicitar corrección' }).click();
    const dialog = page.getByRole('dialog', { name: `Solicitar corrección: ${folio}` });
    await dialog.waitFor();
    await page.waitForFunction("document.activeElement?.id === 'accion-comentario'");
    await dialog.getByRole('button', { name: 'Solicitar corrección' }).click();
    await dialog.getByText('Escribe un comentario: la persona lo verá').waitFor();
    await retype(dialog.getByLabel(label('Comentario')), CORRECTION);
    await dialog.getByRole('button', { name: 'Solicitar corrección' }).click();
    await dialog.getByText('Marca al menos un dato o un documento para corregir.').waitFor();
    // One household member can be pointed at as a whole, named (this reviewer sees personal data).
    await dialog.getByLabel('Buscar un dato').pressSequentially('integrante');
    const member = TARIFA.tests.base.answers.hogar.integrantes[0].nombre as string;
    await dialog.getByRole('checkbox', { name: new RegExp(` 1 \\(${member}\\)$`) }).waitFor();
    await retype(dialog.getByLabel('Buscar un dato'), '');
    await retype(dialog.getByLabel('Buscar un dato'), 'codigo postal');
    await dialog.getByText(/^1 de \d+ datos$/).waitFor();
    await dialog.getByRole('checkbox', { name: /Código postal/ }).check();
    await check(page, 'f05-dialogo-correccion', { fullPage: false });
    await dialog.getByRole('button', { name: 'Solicitar corrección' }).click();
    await page.getByText(`La solicitud ${folio} quedó «Corrección»`, { exact: false }).waitFor();
    await heading(page, 'Corrección pedida', 2);
    await page
      .getByText(/Marcado para corregir/)
      .first()
      .waitFor();
    expect(await page.locator('[data-acciones] button').count()).toBe(0);
  });

  it('la persona corrige por el API y la funcionaria aprueba (un solo nivel de aprobación)', async () => {
    const fixed = structuredClone(TARIFA.tests.base.answers);
    fixed.domicilio.codigo_postal = '76090';
    const r = await api('POST', `/solicitudes/${applicationId}/correccion`, citizenCookie, { respuestas: fixed });
    expect(r.status, await r.clone().text()).toBe(200);

    // (A new navigation, not page.reload(): after a reload Chromium stops answering the emulated position.)
    await page.goto(`/funcionario/solicitudes/${applicationId}`);
    await heading(page, `Solicitud ${folio}`);
    await page.getByText('76090').first().waitFor();
    await page.getByRole('button', { name: 'Aprobar' }).click();
    const dialog = page.getByRole('dialog', { name: `Aprobar: ${folio}` });
    await retype(dialog.getByLabel('Comentario (opcional)'), 'Documentos y domicilio verificados.');
    await dialog.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByText(`La solicitud ${folio} quedó «Aprobada»`, { exact: false }).waitFor();
    const history = page.locator('section[aria-labelledby="historial-titulo"] tbody tr');
    await history.nth(3).waitFor();
    const texts = await history.allInnerTexts();
    expect(texts.map((x) => x.split('\t')[0].trim())).toEqual(['En proceso', 'Corrección', 'En proceso', 'Aprobada']);
    expect(texts[1]).toContain(CORRECTION);
    expect(texts[1]).toContain(REVISORA.nombre);
    expect(texts[3]).toContain('Documentos y domicilio verificados.');
    await check(page, 'f06-ver-solicitud-aprobada');
  });

  it('dice con claridad cuando otra funcionaria ya resolvió la solicitud', async () => {
    const target = seeded[0];
    await page.goto(`/funcionario/solicitudes/${target.id}`);
    await heading(page, `Solicitud ${target.folio}`);
    await page.getByRole('button', { name: 'Aprobar' }).waitFor();
    const other = await api('POST', `/funcionario/solicitudes/${target.id}/eventos`, otherOfficialCookie, { evento: 'APROBAR' });
    expect(other.status, await other.clone().text()).toBe(200);
    await page.getByRole('button', { name: 'Aprobar' }).click();
    const dialog = page.getByRole('dialog', { name: `Aprobar: ${target.folio}` });
    await dialog.getByRole('button', { name: 'Aprobar' }).click();
    await dialog.getByText('Otro funcionario ya resolvió esta solicitud o cambió su estado').waitFor();
    await check(page, 'f07-conflicto', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page
      .locator('section[aria-labelledby="acciones-titulo"]')
      .getByText(/Por ahora no te toca decidir en esta solicitud/)
      .waitFor();
  });

  it('aprueba varias solicitudes a la vez y muestra el resultado de cada una', async () => {
    await page.goto('/funcionario/solicitudes?programa=tarifa-unidos&estado=En+proceso');
    await page.getByText(/Página 1: 3 solicitudes/).waitFor();
    const [a, b, c] = [seeded[1], seeded[2], seeded[3]];
    for (const s of [a, b, c]) await page.getByRole('checkbox', { name: `Seleccionar solicitud ${s.folio}` }).check();
    // Meanwhile someone else approves one of them.
    expect((await api('POST', `/funcionario/solicitudes/${c.id}/eventos`, otherOfficialCookie, { evento: 'APROBAR' })).status).toBe(200);
    await page.getByRole('button', { name: 'Aprobar seleccionadas (3)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Aprobar 3 solicitudes' });
    await retype(dialog.getByLabel('Comentario (opcional)'), 'Aprobadas en la sesión del comité del 24 de noviembre.');
    await check(page, 'f08-aprobar-lote', { fullPage: false });
    await dialog.getByRole('button', { name: 'Aprobar' }).click();
    const results = page.getByRole('dialog', { name: 'Resultado de la aprobación' });
    await results.getByText('Se aprobaron 2 de 3.').waitFor();
    expect(await results.locator('tr[data-resultado="ok"]').count()).toBe(2);
    const failed = results.locator('tr[data-resultado="error"]');
    expect(await failed.innerText()).toContain(c.folio);
    expect(await failed.innerText()).toMatch(/No se aprobó: /);
    await check(page, 'f08b-resultado-lote', { fullPage: false });
    await results.getByRole('button', { name: 'Cerrar' }).click();
    await page.getByText('No hay solicitudes con estos filtros.').waitFor();
  });

  it('la persona ve su código QR de entrega en «Ver solicitud»', async () => {
    const citizen = await browser.newContext({ baseURL: base, locale: 'es-MX', timezoneId: 'America/Mexico_City', viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await citizen.addCookies([{ name: 'sipros_sesion', value: citizenCookie.split('=')[1], url: base }]);
    const p = await citizen.newPage();
    await p.goto(`/solicitudes/${applicationId}`);
    await heading(p, `Solicitud ${folio}`);
    await heading(p, 'Tu código QR para recibir el apoyo', 2);
    const qr = p.getByRole('img', { name: `Código QR de entrega del folio ${folio}` });
    await qr.waitFor();
    await p.waitForFunction(
      (el) => {
        const img = el as unknown as { complete: boolean; naturalWidth: number };
        return img.complete && img.naturalWidth > 0;
      },
      await qr.elementHandle(),
    );
    codigo = (await p.locator('[data-codigo-entrega]').innerText()).trim();
    expect(codigo).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    token = ((await (await fetch(`${base}/api/solicitudes/${applicationId}/entrega`, { headers: { cookie: citizenCookie } })).json()) as { token: string }).token;
    expect(token).toMatch(/^SIPROS1\.[\w-]+\.[\w-]+$/);
    await p.getByRole('button', { name: 'Imprimir' }).waitFor();
    // On a phone the folio under the QR stays on one line (issue 9).
    await p.setViewportSize({ width: 360, height: 740 });
    const qrFolio = p.locator('[data-qr-entrega] [data-folio-texto]');
    expect(await qrFolio.evaluate((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size)).toBe(1);
    expect(await qrFolio.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(360);
    // This folio is short enough to fit anyway; a longer one (5-letter prefix, 5-digit number) must not break either.
    expect(await qrFolio.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).whiteSpace)).toBe('nowrap');
    await check(p, 'f09-ciudadano-qr');
    // Printed: only the QR block (and the page title), no header, menu or button.
    await p.emulateMedia({ media: 'print' });
    expect(
      await p.evaluate(
        `[getComputedStyle(document.querySelector('header')).display, getComputedStyle(document.querySelector('[data-qr-entrega] button')).display, getComputedStyle(document.querySelector('[data-qr-entrega]')).display]`,
      ),
    ).toEqual(['none', 'none', 'block']);
    await p.screenshot({ path: `${SHOTS}f09b-ciudadano-qr-impresion.png`, fullPage: true });
    await p.emulateMedia({ media: 'screen' });
    await citizen.close();
    // The official's tab is the visible one again (Chromium answers the position only to visible pages).
    await page.bringToFront();
  });

  it('el entregador lee el QR (foto con jsQR o código escrito), entrega una vez y una segunda vez se rechaza con quién y cuándo', async () => {
    // The official allows the position (re-applied: Chromium loses the emulated one over a long session).
    await context.setGeolocation({ latitude: 20.5931, longitude: -100.3924, accuracy: 25 });
    await page.goto('/funcionario');
    await logout(page);
    await login(page, ENTREGADOR);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Entregar' }).click();
    await heading(page, 'Entregar apoyo');
    await check(page, 'f10-entregar');

    // The camera (getUserMedia + jsQR on each frame) reads a code that SIPROS did not sign: refused.
    await page.getByRole('button', { name: 'Escanear con la cámara' }).click();
    await page.getByRole('alert').filter({ hasText: 'El código QR no es válido' }).waitFor();
    expect(await page.getByLabel('Código de entrega').inputValue()).toBe(CAMERA_TOKEN);
    await page.getByRole('button', { name: 'Escanear con la cámara' }).waitFor();

    // The citizen dictates the short code; the official types it as heard, in lower case with a space.
    await retype(page.getByLabel('Código de entrega'), '');
    await page.getByLabel('Código de entrega').pressSequentially(codigo.toLowerCase().replace('-', ' '));
    await page.getByRole('button', { name: 'Verificar código' }).click();
    const found = page.locator('[data-verificacion]');
    await found.getByText(folio).waitFor();
    await found.getByText(PROGRAM.nombre).waitFor();
    // What to hand over, before confirming: the support type and what it is.
    await found.getByText('Estudiante: 1 tarjeta de prepago', { exact: true }).waitFor();
    await found.getByText(/LUIS ÁNGEL/).waitFor();
    await page.getByText(/Ubicación lista/).waitFor();
    await check(page, 'f11-entregar-verificado');
    await page.getByRole('button', { name: 'Confirmar entrega' }).click();
    await page.getByText('Entrega registrada').waitFor();
    await page.getByText(new RegExp(`Folio ${folio}: entregado el .* por ${ENTREGADOR.nombre}\\. Se entregó Estudiante \\(1 tarjeta de prepago\\)\\.`)).waitFor();
    await check(page, 'f12-entrega-registrada');
    const place = (await t.app.db.sql.query<{ latitude: number; longitude: number }>('select latitude, longitude from delivery where application_id = $1', [applicationId])).rows[0];
    expect([place.latitude, place.longitude]).toEqual([20.5931, -100.3924]);

    // The same code again, read from a photo of the citizen's QR (jsQR): refused with who and when.
    await page.getByRole('button', { name: 'Leer otro código' }).click();
    const png = Buffer.from(await (await fetch(`${base}/api/solicitudes/${applicationId}/entrega/qr.png`, { headers: { cookie: citizenCookie } })).arrayBuffer());
    await page.setInputFiles('#qr-foto', { name: 'qr.png', mimeType: 'image/png', buffer: png });
    await page.getByText('No entregues de nuevo').waitFor();
    await page.getByText(new RegExp(`Ya se entregó el \\d{2}/\\d{2}/\\d{4}, \\d{2}:\\d{2} por ${ENTREGADOR.nombre}\\.`)).waitFor();
    expect(await page.getByLabel('Código de entrega').inputValue()).toBe(token);
    expect(await page.getByRole('button', { name: 'Confirmar entrega' }).count()).toBe(0);
    await check(page, 'f13-entrega-repetida');
    const again = await api('POST', '/funcionario/entregas', await cookieOf(context), { token });
    expect(again.status).toBe(409);
    const body = (await again.json()) as { error: { code: string; details: { fecha: string; funcionario: string } } };
    expect(body.error.code).toBe('ALREADY_DELIVERED');
    expect(body.error.details.funcionario).toBe(ENTREGADOR.nombre);
  });

  it('el tablero muestra solicitudes por programa y estado, y el mapa de beneficiarios con su tabla', async () => {
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Tablero' }).click();
    await heading(page, 'Tablero');
    await heading(page, 'Solicitudes por programa', 2);
    await page.getByRole('img', { name: /^Solicitudes por estado\. .*Entregado: 1/ }).waitFor();
    await page.locator('path[data-municipio]').nth(17).waitFor();
    const table = page.getByRole('table', { name: 'Solicitudes y beneficiarios por municipio' });
    expect(await table.locator('tbody tr').count()).toBe(18);
    expect(await table.locator('tbody tr').first().innerText()).toMatch(/^Querétaro\s+\d+\s+1$/);
    // Shaded: Querétaro, with the one beneficiary, darker than a municipio without any.
    const fills = await page.locator('path[data-municipio="22014"], path[data-municipio="22003"]').evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
    expect(fills[0]).not.toBe(fills[1]);
    await page.getByText('Ver los datos en tabla').first().click();
    await page.getByRole('table', { name: 'Solicitudes por programa' }).waitFor();
    await check(page, 'f14-tablero');
  });

  it('el administrador da de alta a una funcionaria de una dirección, que solo ve los programas de esa dirección', async () => {
    await logout(page);
    await login(page, ADMIN);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Funcionarios' }).click();
    await heading(page, 'Funcionarios');
    for (const col of ['Usuario', 'Nombre', 'Correo', 'Roles', 'Área', 'Estado', 'Acciones']) await page.getByRole('columnheader', { name: col, exact: true }).waitFor();
    await page.getByRole('cell', { name: REVISORA.usuario, exact: true }).waitFor();
    await check(page, 'f15-funcionarios');

    await page.getByRole('button', { name: 'Nuevo funcionario' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuevo funcionario' });
    await dialog.getByRole('button', { name: 'Dar de alta' }).click();
    await dialog.getByText('Elige al menos un rol.').waitFor();
    await retype(dialog.getByLabel(label('Usuario')), NUEVO.usuario);
    await retype(dialog.getByLabel(label('Nombre completo')), NUEVO.nombre);
    await retype(dialog.getByLabel(label('Correo')), NUEVO.correo);
    await dialog.getByRole('checkbox', { name: /^Revisor/ }).check();
    await dialog.getByLabel(label('Área')).selectOption(DIRECCION.id);
    await retype(dialog.getByLabel(label('Contraseña inicial')), NUEVO.contrasena);
    await check(page, 'f16-nuevo-funcionario', { fullPage: false });
    await dialog.getByRole('button', { name: 'Dar de alta' }).click();
    await page.getByText(`Diste de alta a ${NUEVO.usuario}.`, { exact: false }).waitFor();
    const row = page.getByRole('row').filter({ hasText: NUEVO.usuario });
    expect(await row.innerText()).toContain(DIRECCION.nombre);
    // Editing shows the status.
    await page.getByRole('button', { name: `Editar a ${NUEVO.usuario}` }).click();
    const edit = page.getByRole('dialog', { name: `Editar a ${NUEVO.usuario}` });
    expect(await edit.getByRole('radio', { name: 'Activo', exact: true }).isChecked()).toBe(true);
    expect(await edit.getByLabel(label('Área')).inputValue()).toBe(DIRECCION.id);
    await edit.getByRole('button', { name: 'Cancelar' }).click();

    await logout(page);
    await login(page, NUEVO);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Solicitudes' }).click();
    await heading(page, 'Solicitudes');
    await expect.poll(async () => (await page.getByLabel('Apoyo').locator('option').allInnerTexts()).slice(1).sort()).toEqual([...DIRECCION.programas].sort());
    await page.getByText(/Página 1: 1 solicitud/).waitFor();
    expect(await queueFolios(page)).toEqual([seeded[4].folio]);
    await check(page, 'f17-solicitudes-direccion');
    // Another area's application does not exist for her.
    await page.goto(`/funcionario/solicitudes/${applicationId}`);
    await page.getByText('No encontramos esa solicitud.').waitFor();
  });

  it('la administradora de una subsecretaría no puede tocar la Secretaría de arriba ni su propio acceso', async () => {
    await page.goto('/funcionario');
    await logout(page);
    await login(page, SUBADMIN);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Funcionarios' }).click();
    await heading(page, 'Funcionarios');
    await page.getByRole('cell', { name: REVISORA.usuario, exact: true }).waitFor();
    // The Secretaría's own administrator is above her: not even listed.
    expect(await page.getByRole('cell', { name: ADMIN.usuario, exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Nuevo funcionario' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nuevo funcionario' });
    const areas = (await dialog.getByLabel(label('Área')).locator('option').allInnerTexts()).map((o) => o.trim()).filter((o) => o && !/^Elige/.test(o));
    expect(areas.some((o) => o.includes('Secretaría de Desarrollo Social del Estado'))).toBe(false);
    expect(areas.some((o) => o.includes('Subsecretaría de Desarrollo Social'))).toBe(true);
    expect(areas.some((o) => o.includes('Subsecretaría de Planeación'))).toBe(false);
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    // Widening her own reach is refused by the server with its Spanish reason.
    await page.getByRole('button', { name: `Editar a ${SUBADMIN.usuario}` }).click();
    const edit = page.getByRole('dialog', { name: `Editar a ${SUBADMIN.usuario}` });
    await edit.getByLabel(label('Área')).selectOption(DIRECCION.id);
    await edit.getByRole('button', { name: 'Guardar cambios' }).click();
    await edit.getByText('No puedes cambiar tu propia área ni tus propios roles', { exact: false }).waitFor();
    await check(page, 'f17b-subadmin-rechazo', { fullPage: false });
    await edit.getByRole('button', { name: 'Cancelar' }).click();
    // An administrator decides nothing in the workflows: no approval is offered in her queue.
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Solicitudes' }).click();
    await page.getByText(/Página 1: \d+ solicitud/).waitFor();
    expect(await page.getByRole('button', { name: /^Aprobar seleccionadas/ }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: /^Seleccionar/ }).count()).toBe(0);
  });

  it('atención ciudadana consulta a una persona por CURP y le cambia el teléfono con motivo', async () => {
    await page.goto('/funcionario');
    await logout(page);
    await login(page, ATENCION);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Consulta ciudadana' }).click();
    await heading(page, 'Consulta ciudadana');
    await retype(page.getByLabel(label('CURP')), TARIFA.tests.base.curp.toLowerCase(), null);
    await page.getByRole('button', { name: 'Buscar' }).click();
    await heading(page, /LUIS ÁNGEL/, 2);
    await page.getByRole('cell', { name: folio }).first().waitFor();
    const deliveries = page.locator('section[aria-labelledby="entregas-titulo"]');
    await deliveries.getByText(ENTREGADOR.nombre).waitFor();
    await check(page, 'f18-consulta-ciudadana');

    await page.getByRole('button', { name: 'Cambiar teléfono' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cambiar teléfono' });
    await retype(dialog.getByLabel(label('Nuevo teléfono celular')), '442 555 0199', null);
    await dialog.getByRole('button', { name: 'Guardar cambio' }).click();
    await dialog.getByText('Escribe el motivo del cambio; queda registrado.').waitFor();
    await retype(dialog.getByLabel(label('Motivo')), 'Cambió de número; presentó su INE en ventanilla.');
    await check(page, 'f19-cambiar-telefono', { fullPage: false });
    await dialog.getByRole('button', { name: 'Guardar cambio' }).click();
    await page.getByText('Cambiaste el teléfono a 442 555 0199.', { exact: false }).waitFor();
    await page.getByText('442 555 0199').first().waitFor();

    await page.getByRole('button', { name: 'Cambiar correo' }).click();
    const mail = page.getByRole('dialog', { name: 'Cambiar correo electrónico' });
    await retype(mail.getByLabel(label('Nuevo correo electrónico')), 'luis.rangel@example.mx');
    await retype(mail.getByLabel(label('Motivo')), 'Ya no usa su correo anterior.');
    await mail.getByRole('button', { name: 'Guardar cambio' }).click();
    await page.getByText('Cambiaste el correo a luis.rangel@example.mx.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Restablecer contraseña' }).click();
    const reset = page.getByRole('dialog', { name: 'Restablecer contraseña' });
    await page.waitForFunction("document.activeElement?.id === 'cambio-motivo'");
    await retype(reset.getByLabel(label('Motivo')), 'Olvidó su contraseña; se identificó con su INE.');
    await reset.getByRole('button', { name: 'Enviar código' }).click();
    await page.getByText('Enviamos por SMS un código', { exact: false }).waitFor();
  });

  it('en ventanilla, una CURP sin cuenta lleva al registro ya llenado, y la solicitud se captura tecleando, con los requisitos vistos antes de enviar', async () => {
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Ventanilla' }).click();
    await heading(page, 'Ventanilla');
    // The clerk searches the person's CURP, key by key: nobody has an account with it.
    const search = page.getByRole('search', { name: 'Buscar a la persona por su CURP' });
    await typeText(search.getByLabel(label('CURP')), VENTANILLA.curp);
    await check(page, 'f20-ventanilla-buscar');
    await search.getByRole('button', { name: 'Buscar' }).click();

    // Not a dead end: the sign-up opens with the CURP, and the birth date and sex it states, already there.
    await page.getByText(`No hay ninguna cuenta con la CURP ${VENTANILLA.curp}`).waitFor();
    await heading(page, 'Registrar a una persona nueva', 2);
    expect(await page.getByLabel(label('CURP')).inputValue()).toBe(VENTANILLA.curp);
    await page.getByText(/CURP válida: nacimiento 15\/05\/2003/).waitFor();
    const birth = page.getByRole('group', { name: 'Fecha de nacimiento' });
    expect(await dateShown(birth)).toEqual(['15', '05', '2003']);
    expect(await page.getByRole('radio', { name: 'Mujer', exact: true }).isChecked()).toBe(true);
    await page.waitForFunction("document.activeElement?.id === 'nombres'");
    await check(page, 'f20-ventanilla-registro-desde-curp');

    await typePersonalData(page, VENTANILLA);
    // The date, read again from her birth certificate: día, the month by its Spanish name, and año, key by key.
    await typeKeys(page, birth.getByLabel('Día'), '15');
    await birth.getByLabel('Mes').selectOption({ label: 'mayo' });
    expect(await dateShown(birth), 'el día sigue ahí después de elegir el mes').toEqual(['15', '05', '2003']);
    await typeKeys(page, birth.getByLabel('Año'), '2003');
    await chooseLabel(page.getByRole('radiogroup', { name: /Sexo/ }), 'Mujer');
    expect(await dateShown(birth)).toEqual(['15', '05', '2003']);
    await check(page, 'f20-ventanilla-registro');
    await page.getByRole('button', { name: 'Registrar a la persona' }).click();
    await page.getByText(`Registraste a ${VENTANILLA.nombres}`).waitFor();
    await check(page, 'f21-ventanilla-persona');
    await page.getByRole('link', { name: `Capturar solicitud de ${PROGRAM.nombre}` }).click();
    await heading(page, `Solicitud de ${PROGRAM.nombre}`);
    await page.getByText(`Capturas en ventanilla a nombre de la persona con CURP ${VENTANILLA.curp}`).waitFor();

    await pickRadio(page, '¿Para qué tarifa preferencial solicitas la tarjeta?', 'Estudiante');
    await typeText(page.getByLabel(label('Nombre de la escuela')), 'Colegio de Bachilleres plantel 1');
    await page.getByLabel(label('Nivel que cursas')).selectOption({ label: 'Preparatoria o bachillerato' });
    await typeText(page.getByLabel(label('Matrícula o número de control')), 'CB2026-118');
    await pickRadio(page, /Ya tenías una tarjeta/, 'No');
    await check(page, 'f22-ventanilla-formulario');
    await nextStep(page, 'Domicilio');

    await fillDomicilio(page, {
      municipio: 'Querétaro',
      tipoLocalidad: 'Urbana (2,500 habitantes o más)',
      localidad: 'Santiago de Querétaro',
      colonia: 'Lomas de Casa Blanca',
      codigoPostal: '76080',
      calle: 'Calle Monte Sinaí',
      numeroExterior: '51',
    });
    await nextStep(page, 'Hogar');

    // The person is already «Integrante del hogar 1», from the account just made (name, sex, age from the CURP).
    expect(await page.getByLabel(label('Nombre completo')).inputValue()).toBe('Ana Lucía Morales López');
    expect(await page.getByLabel(label('Sexo')).locator('option:checked').innerText()).toBe('Mujer');
    expect(await page.getByLabel(label('Parentesco con la persona solicitante')).locator('option:checked').innerText()).toBe('Es la persona solicitante');
    expect(await page.getByLabel(label('Edad')).inputValue()).toBe('23');
    await fillIntegrante(page, {
      lenguaIndigena: 'No',
      leeYEscribe: 'Sí',
      asisteEscuela: 'Sí',
      nivelEscolar: 'Secundaria completa',
      serviciosMedicos: 'En ninguna institución',
      trabajo: 'No',
      jubilada: 'No',
      pensionBienestar: 'No',
      dificultad: 'Ninguna',
    });
    await nextStep(page, 'Vivienda');
    await fillVivienda(page, { cuartosDormir: '2', cuartosTotal: '4', ...TYPICAL.vivienda });
    await nextStep(page, 'Servicios');
    await fillServicios(page, TYPICAL.servicios);
    await nextStep(page, 'Alimentación');
    await fillAlimentacion(page, TYPICAL.alimentacionSinCarencia);
    await nextStep(page, 'Ingreso');
    await fillIngreso(page, { mensual: '9800', perdioEmpleo: 'No', familiaresEnOtroPais: 'No' });
    await nextStep(page, 'Documentos');

    const photo = await QRCode.toBuffer('Fotografía de ventanilla', { type: 'png', width: 240 });
    await page.setInputFiles('#documento-fotografia', { name: 'foto.png', mimeType: 'image/png', buffer: photo });
    await page.locator('section[data-documento="fotografia"]').getByText('«foto.png»').waitFor();
    for (const id of ['identificacion-oficial', 'curp', 'comprobante-domicilio', 'constancia-estudios']) {
      await page.setInputFiles(`#documento-${id}`, { name: `${id}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(id) });
      await page.locator(`section[data-documento="${id}"]`).getByText(`«${id}.pdf»`).waitFor();
    }
    await check(page, 'f23-ventanilla-documentos');
    await nextStep(page, 'Revisar y enviar');
    // Whether she qualifies is shown before sending, in the citizen portal's words (judged by her CURP).
    await page.getByText('Cumples los requisitos', { exact: true }).waitFor();
    await page.getByText('Con tus respuestas cumples los requisitos del programa.', { exact: false }).waitFor();
    expect(await page.getByText('Los requisitos se revisan al enviar la solicitud.').count()).toBe(0);
    await chooseLabel(page.getByRole('radiogroup', { name: '¿Qué apoyo solicitas?' }), /^Estudiante/);
    await check(page, 'f23-ventanilla-revisar');
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await heading(page, 'Solicitud capturada');
    const captured = await page
      .getByText(/^Folio \d{8}-TUNI-\d+|^Folio /)
      .first()
      .innerText();
    expect(captured).toMatch(/TUNI/);
    await check(page, 'f24-ventanilla-enviada');
    await page.getByRole('link', { name: 'Ver solicitud' }).click();
    await heading(page, /^Solicitud /);
    await page.getByText('(capturada en ventanilla)').waitFor();
  });
});

async function cookieOf(ctx: BrowserContext): Promise<string> {
  const c = (await ctx.cookies()).find((x) => x.name === 'sipros_sesion');
  return c ? `sipros_sesion=${c.value}` : '';
}
