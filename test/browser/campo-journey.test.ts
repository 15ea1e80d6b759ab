/**
 * Issue 15, the field brigades, in Debian's Chromium against the real server. Her supervisor has given the
 * brigadista one household to visit in Amealco. An official without the role is told so; the brigadista signs
 * in at /campo with a network, downloads her package (programs, Amealco's catalogs, her visit) and chooses her
 * PIN. Then the browser context goes offline: she types her PIN (a wrong one first), registers two women key by
 * key (consent; CURP checked on the phone, names, birth date, phone; Tarjeta Contigo; the GPS point; the CUIS
 * with the portal's renderers, her localidad picked from the package's catalog; document photos shrunk on the
 * phone, the documents asked for by the eligibility computed on the phone) and sees «Cumples los requisitos».
 * The page is reloaded offline mid-way through a third woman: after the PIN, she is back at the form, the two
 * queued records and the draft are listed (and the store holds no CURP in clear). The third woman receives an
 * economic support in the Padrón Estatal, which the phone cannot know. The network returns: the records are sent
 * by themselves; the first answer is lost on the way, and when asked the server has not stored it yet, so the
 * same record goes twice with the same id; exactly two applications exist, with the folios the app shows, and
 * the third comes back refused with the server's Spanish reason; «Corregir y reenviar» opens it as a new record.
 * Finally a new tab opens /campo with no network from the start: the service worker serves the app and the
 * records are listed. axe and screenshots at 1280 and 360 px (the journey itself at 360 px).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { curpCheckDigit } from '../../engine/curp.ts';
import { ROLE_BRIGADISTA, ROLE_FUNCIONARIO, ROLE_PADRON, ROLE_PLANEACION, ROLE_SUPERVISION_CAMPO } from '../../engine/vocabulary.ts';
import { createOfficial } from '../../runtime/server/demo.ts';
import { officialWithSession } from '../helpers/actors.ts';
import { pickOption, pickRadio, retype, typeText } from '../helpers/as-a-person.ts';
import { browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, pageChecker, prepareWeb } from '../helpers/browser.ts';
import { fillAlimentacion, fillDomicilio, fillIngreso, fillIntegrante, fillServicios, fillVivienda, TYPICAL } from '../helpers/cuis.ts';
import { loadRollThroughApi } from '../helpers/padron.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

const valid = (first17: string) => `${first17}${curpCheckDigit(first17)}`;
const PIN = '482915';
const OFICINA = { usuario: 'oficina.amealco', nombre: 'Julia Ramírez Cruz', correo: 'oficina.amealco@example.mx', contrasena: 'Oficina central de Amealco 2026', roles: [ROLE_FUNCIONARIO], area: 'subsecretaria-desarrollo-social' };
const BRIGADISTA = { usuario: 'brigadista.amealco', nombre: 'Teresa Reséndiz Olvera', correo: 'brigadista.amealco@example.mx', contrasena: 'Brigadas de campo 2026', roles: [ROLE_BRIGADISTA], area: 'subsecretaria-desarrollo-social' };

interface Mujer {
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido: string;
  dia: string;
  mes: string;
  anio: string;
  telefono: string;
}
const GUADALUPE: Mujer = { curp: valid('HELG850304MQTRPD0'), nombres: 'María Guadalupe', primerApellido: 'Hernández', segundoApellido: 'López', dia: '04', mes: 'marzo', anio: '1985', telefono: '4421110001' };
const CLAUDIA: Mujer = { curp: valid('OERC900101MQTLSL0'), nombres: 'Claudia', primerApellido: 'Olvera', segundoApellido: 'Reséndiz', dia: '01', mes: 'enero', anio: '1990', telefono: '4421110002' };
// In the Padrón Estatal with an economic support paid in August: Tarjeta Contigo is not for her, and only the server knows.
const ROCIO: Mujer = { curp: valid('UAPR700202MQTGRC0'), nombres: 'Rocío', primerApellido: 'Ugalde', segundoApellido: 'Pérez', dia: '02', mes: 'febrero', anio: '1970', telefono: '4421110003' };
const ROLL = ['folio,curp,primer_apellido,segundo_apellido,nombre,fecha_nacimiento,sexo,cve_mun,cve_loc,codigo_postal,colonia,monto,fecha_pago', `1,${ROCIO.curp},UGALDE,PÉREZ,ROCÍO,1970-02-02,M,22001,0001,,,1500,2026-08-13`].join('\n');

const axe: Array<{ page: string; size: string; violations: string[]; serious: string[] }> = [];
const check = pageChecker(axe);
let t: TestApp;
let base = '';
let storage = '';
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foto: Buffer;
const posts: string[] = [];

async function phone(): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
}

/** A photo of a document as a phone camera takes it: 2400×1800 JPEG, drawn by the browser. */
async function documentPhoto(): Promise<Buffer> {
  const blank = await context.newPage();
  const dataUrl = (await blank.evaluate(`(() => {
    const c = document.createElement('canvas'); c.width = 2400; c.height = 1800;
    const g = c.getContext('2d'); g.fillStyle = '#f4efe6'; g.fillRect(0, 0, 2400, 1800);
    for (let i = 0; i < 4000; i++) { g.fillStyle = 'hsl(' + (i * 37 % 360) + ',40%,' + (30 + i % 50) + '%)'; g.fillRect((i * 97) % 2400, (i * 53) % 1800, 40, 12); }
    g.fillStyle = '#222'; g.font = 'bold 120px sans-serif'; g.fillText('INSTITUTO NACIONAL ELECTORAL', 100, 300);
    return c.toDataURL('image/jpeg', 0.95);
  })()`)) as string;
  await blank.close();
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

async function loadRoll(): Promise<void> {
  const liaison = (await officialWithSession(t.app, [ROLE_PADRON, ROLE_PLANEACION], 'direccion-planeacion-evaluacion')).cookie;
  const created = await t.app.inject({ method: 'POST', url: '/api/funcionario/padron/programas', headers: { cookie: liaison, origin: 'http://localhost' }, payload: { clave: 'becas-municipales', nombre: 'Becas municipales', dependencia: 'seduq', tipo: 'economico' } });
  expect(created.statusCode, created.body).toBe(201);
  await loadRollThroughApi(t.app, liaison, 'becas-municipales', 'becas 2026.csv', ROLL);
}

/** Her supervisor gives her one household to visit in Amealco: the package then carries Amealco's localidades and colonias. */
async function workList(brigadistaId: string): Promise<void> {
  const supervisora = (await officialWithSession(t.app, [ROLE_SUPERVISION_CAMPO], BRIGADISTA.area)).cookie;
  const visita = { nombre: 'Familia Hernández López', municipio: '22001', localidad: '220010039', domicilio: 'Camino Real 12', nota: 'Preguntar por la señora Guadalupe.' };
  const res = await t.app.inject({ method: 'POST', url: '/api/campo/visitas', headers: { cookie: supervisora, origin: 'http://localhost' }, payload: { brigadista: brigadistaId, visitas: [visita] } });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

async function typePin(pin: string): Promise<void> {
  await heading(page, 'Escribe tu PIN');
  await typeText(page.getByLabel(label('PIN')), pin, null);
  await page.getByRole('button', { name: 'Abrir' }).click();
}

/** The record's first page: consent, the person typed key by key, Tarjeta Contigo, the GPS point. */
async function personPage(m: Mujer, options: { dateFirst: boolean }): Promise<void> {
  await heading(page, 'Registro de una persona');
  await page.getByLabel('La persona escuchó el aviso y da su consentimiento').check();
  const birth = page.getByRole('group', { name: 'Fecha de nacimiento' });
  if (options.dateFirst) {
    await typeText(birth.getByLabel('Día'), m.dia);
    await birth.getByLabel('Mes').selectOption({ label: m.mes });
    await typeText(birth.getByLabel('Año'), m.anio);
  }
  await typeText(page.getByLabel(label('CURP')), m.curp.toLowerCase(), m.curp);
  await page.getByText(/^CURP válida: nacimiento /).waitFor();
  // The CURP, checked on the phone, gives the birth date and sex when they were not typed.
  expect(Number(await birth.getByLabel('Día').inputValue())).toBe(Number(m.dia));
  expect(await birth.getByLabel('Año').inputValue()).toBe(m.anio);
  expect(await page.getByRole('radio', { name: 'Mujer', exact: true }).isChecked()).toBe(true);
  await typeText(page.getByLabel(label('Nombre(s)')), m.nombres);
  await typeText(page.getByLabel(label('Primer apellido')), m.primerApellido);
  await typeText(page.getByLabel(label('Segundo apellido')), m.segundoApellido);
  await typeText(page.getByLabel(label('Teléfono celular')), m.telefono);
  await page.getByRole('radiogroup', { name: '¿A qué programa se registra?' }).getByLabel('Tarjeta Contigo').check();
  await page.getByRole('button', { name: 'Capturar ubicación' }).click();
  await page.getByText('Ubicación capturada: latitud 20.34512, longitud -100.14527 (precisión de unos 14 m).').waitFor();
}

/** The CUIS of a woman living alone, poor by income with one social deprivation (as in the citizen journey). */
async function cuisAndProgram(m: Mujer): Promise<void> {
  await heading(page, 'Solicitud de Tarjeta Contigo');
  await page.getByRole('heading', { level: 2, name: /Domicilio/ }).waitFor();
  await fillDomicilio(page, { municipio: 'Amealco de Bonfil', tipoLocalidad: 'Rural (menos de 2,500 habitantes)', localidad: 'San Ildefonso' });
  // Amealco's localidades came in the package: the list offers hers with no network.
  await page.getByRole('listbox', { name: 'Localidades que coinciden' }).getByRole('option', { name: /^San Ildefonso Tultepec \(Centro\)/ }).click();
  await page.getByText('Elegiste tu localidad del catálogo.').waitFor();
  await fillDomicilio(page, { colonia: 'Barrio Centro', codigoPostal: '76870', calle: 'Camino Real', numeroExterior: '12' });
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByRole('heading', { level: 2, name: /Hogar/ }).waitFor();
  await retype(page.getByLabel(label('Nombre completo')), `${m.nombres} ${m.primerApellido} ${m.segundoApellido}`);
  await pickOption(page, 'Parentesco con la persona solicitante', 'Es la persona solicitante');
  await pickOption(page, 'Sexo', 'Mujer');
  await retype(page.getByLabel(label('Edad')), String(2026 - Number(m.anio)));
  await fillIntegrante(page, { lenguaIndigena: 'No', leeYEscribe: 'Sí', asisteEscuela: 'No', nivelEscolar: 'Primaria completa', serviciosMedicos: 'En ninguna institución', trabajo: 'No', jubilada: 'No', pensionBienestar: 'No', dificultad: 'Ninguna' });
  await next('Vivienda');
  await fillVivienda(page, { cuartosDormir: '1', cuartosTotal: '2', ...TYPICAL.vivienda });
  await next('Servicios');
  await fillServicios(page, TYPICAL.servicios);
  await next('Alimentación');
  await fillAlimentacion(page, { ...TYPICAL.alimentacionSinCarencia, pocaVariedad: 'Sí', comioMenos: 'Sí' });
  await next('Ingreso');
  await fillIngreso(page, { mensual: '2500', perdioEmpleo: 'No', familiaresEnOtroPais: 'No' });
  await next('Tarjeta Contigo');
  await page.getByLabel(label('¿A qué te dedicas principalmente?')).selectOption({ label: 'Trabajo del hogar y de cuidados sin pago' });
  await pickRadio(page, '¿Eres la jefa del hogar?', 'Sí');
  await pickRadio(page, /otro programa social/, 'No');
  await pickRadio(page, '¿Cómo prefieres que te avisemos?', 'Mensaje de texto (SMS)');
  await next('Documentos');
}

async function next(step: string): Promise<void> {
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByRole('heading', { level: 2, name: new RegExp(step) }).waitFor();
}

/** Photos of the documents, taken with the phone's camera (the input asks for the back camera) and shrunk on the phone. */
async function photos(): Promise<void> {
  expect(await page.locator('#documento-identificacion-oficial').getAttribute('capture')).toBe('environment');
  // A rural home: the phone's eligibility asks for the constancia de residencia instead of a utility bill.
  await page.locator('section[data-documento="comprobante-domicilio"]').getByText('No es necesario en tu caso').waitFor();
  for (const id of ['identificacion-oficial', 'curp', 'constancia-residencia']) {
    await page.setInputFiles(`#documento-${id}`, { name: `${id}.jpg`, mimeType: 'image/jpeg', buffer: foto });
    const kept = page.locator(`section[data-documento="${id}"]`).getByText(`«${id}.jpg»`);
    await kept.waitFor();
    // Shrunk on the phone (at most 1600 px, JPEG 0.7) before it was kept: smaller than the camera's photo.
    const size = /\((\d+) KB\)/.exec(await kept.innerText());
    expect(size, await kept.innerText()).not.toBeNull();
    expect(Number(size![1]) * 1024).toBeLessThan(foto.length / 2);
  }
}

/** Review: eligibility computed on the phone, then «Guardar para enviar» puts the record in the queue. */
async function reviewAndQueue(m: Mujer): Promise<void> {
  await next('Revisar y enviar');
  await page.getByText('Cumples los requisitos').waitFor();
  await page.getByText(/se envía sola cuando haya conexión/).waitFor();
  await page.getByRole('button', { name: 'Guardar para enviar' }).click();
  await heading(page, 'Registro guardado');
  await page.getByText(`Guardamos el registro de ${m.nombres} ${m.primerApellido} ${m.segundoApellido}`).waitFor();
  await page.getByText('se enviará cuando vuelva la conexión').waitFor();
}

beforeAll(async () => {
  await prepareWeb();
  storage = mkdtempSync(join(tmpdir(), 'sipros-campo-web-'));
  t = await startTestApp({ now: '2026-11-24T10:00:00-06:00', env: { STORAGE_DIR: storage } });
  base = await listenOnLoopback(t.app);
  const brigadista = await createOfficial(t.app.db.orm.em.fork(), BRIGADISTA, { now: t.app.clock() });
  await workList(brigadista.id);
  await createOfficial(t.app.db.orm.em.fork(), OFICINA, { now: t.app.clock() });
  await loadRoll();
  browser = await launchChromium();
  // bypassCSP as in the other journeys: axe is injected as a script. The app under its own CSP is covered by
  // campo-budget.test.ts (the page and the service worker) and campo/src/paridad.test.ts (no code generation).
  context = await browser.newContext({ baseURL: base, locale: 'es-MX', viewport: { width: 360, height: 740 }, bypassCSP: true });
  await context.grantPermissions(['geolocation'], { origin: base });
  await context.setGeolocation({ latitude: 20.34512, longitude: -100.14527, accuracy: 14 });
  context.on('request', (r) => {
    if (r.method() !== 'POST' || new URL(r.url()).pathname !== '/api/campo/registros' || r.serviceWorker()) return;
    posts.push(/"idCliente":"([0-9a-f-]{36})"/.exec(r.postDataBuffer()?.toString('latin1') ?? '')?.[1] ?? '?');
  });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  foto = await documentPhoto();
}, 180_000);

browserSuiteHooks('campo', () => ({ page, browser, app: t, axe }));
afterAll(() => rmSync(storage, { recursive: true, force: true }));

describe('La app de campo de las brigadas, sin señal', { timeout: 240_000 }, () => {
  it('with a network: the brigadista signs in, downloads her package and chooses her PIN; the service worker keeps the app', async () => {
    await page.goto('/campo/');
    await heading(page, 'Configura este dispositivo');
    await check(page, 'campo-01-configurar');
    await phone();
    // An official without the brigadista role is told so, in Spanish.
    await typeText(page.getByLabel(label('Usuario')), OFICINA.usuario);
    await typeText(page.getByLabel(label('Contraseña')), OFICINA.contrasena, null);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByRole('alert').getByText('Tu cuenta no tiene el rol de brigadista. Pide a tu coordinación que te lo asigne.').waitFor();
    await retype(page.getByLabel(label('Usuario')), BRIGADISTA.usuario);
    await retype(page.getByLabel(label('Contraseña')), BRIGADISTA.contrasena, null);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await heading(page, 'Elige tu PIN');
    await typeText(page.getByLabel(label('PIN nuevo')), PIN);
    await typeText(page.getByLabel(label('Escribe el PIN otra vez')), '482916');
    await page.getByRole('button', { name: 'Guardar PIN' }).click();
    await page.getByText('Los dos PIN no coinciden.').waitFor();
    await retype(page.getByLabel(label('Escribe el PIN otra vez')), PIN);
    await page.getByRole('button', { name: 'Guardar PIN' }).click();
    await heading(page, 'Registros');
    await page.getByText(/Descargado .*Tarjeta Contigo.*; 1 visita en tu lista\./).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Lista de visitas (1)' }).waitFor();
    // The service worker has every file of the app before the network goes.
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 30_000 }).toBe(true);
    await check(page, 'campo-02-registros-vacio');
  });

  it('offline: a wrong PIN opens nothing; she registers two women with consent, point, CUIS, photos and eligibility from the phone', async () => {
    await context.setOffline(true);
    await page.reload();
    await phone();
    await typePin('111111');
    await page.getByRole('alert').getByText('El PIN no es correcto.', { exact: false }).waitFor();
    await typePin(PIN);
    await heading(page, 'Registros');
    await page.getByRole('status').getByText('Sin conexión', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Registrar a Familia Hernández López' }).click();
    await personPage(GUADALUPE, { dateFirst: false });
    await check(page, 'campo-03-persona');
    await phone();
    await page.getByRole('button', { name: 'Continuar con la solicitud' }).click();
    await cuisAndProgram(GUADALUPE);
    await photos();
    await check(page, 'campo-04-fotos');
    await phone();
    await reviewAndQueue(GUADALUPE);
    await check(page, 'campo-05-guardado');
    await phone();

    await page.getByRole('button', { name: 'Registrar a otra persona' }).click();
    await personPage(CLAUDIA, { dateFirst: true });
    await page.getByRole('button', { name: 'Continuar con la solicitud' }).click();
    await cuisAndProgram(CLAUDIA);
    await photos();
    await reviewAndQueue(CLAUDIA);
  });

  it('offline, a reload mid-way through a third woman: after the PIN the queue and her draft are there, and nothing personal is stored in clear', async () => {
    await page.getByRole('button', { name: 'Registrar a otra persona' }).click();
    await personPage(ROCIO, { dateFirst: false });
    await page.getByRole('button', { name: 'Continuar con la solicitud' }).click();
    await heading(page, 'Solicitud de Tarjeta Contigo');
    await page.reload();
    await typePin(PIN);
    // Back where she was, and from there to the list.
    await heading(page, 'Solicitud de Tarjeta Contigo');
    await page.getByRole('banner').getByRole('link', { name: 'Registros' }).click();
    await heading(page, 'Registros');
    await page.getByRole('heading', { level: 2, name: 'Pendientes de enviar (2)' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Borradores (1)' }).waitFor();
    const stored = (await page.evaluate(`new Promise((resolve) => {
      const open = indexedDB.open('sipros-campo');
      open.onsuccess = () => {
        const get = open.result.transaction('registros').objectStore('registros').getAll();
        get.onsuccess = () => resolve(get.result.map((r) => new TextDecoder().decode(r.sellado.datos)).join(' '));
      };
    })`)) as string;
    for (const m of [GUADALUPE, CLAUDIA, ROCIO]) expect(stored).not.toContain(m.curp);
    await check(page, 'campo-06-cola-sin-red');
    await phone();
    await page.getByRole('link', { name: /^Continuar el registro de Rocío Ugalde Pérez$/ }).click();
    await heading(page, 'Registro de una persona');
    expect(await page.getByLabel(label('CURP')).inputValue()).toBe(ROCIO.curp);
    await page.getByRole('button', { name: 'Continuar con la solicitud' }).click();
    await cuisAndProgram(ROCIO);
    await photos();
    await reviewAndQueue(ROCIO);
  });

  it('the network returns: the records are sent, one twice with the same id; two applications with folios, the third refused with its reason', async () => {
    // The first record's answer is lost on the way back (the server did create the application), and when
    // the phone asks, the server has not stored its answer yet: the phone sends the same record again.
    let cortar = true;
    let preguntas = 0;
    await context.route('**/api/campo/registros', async (route) => {
      if (!cortar || route.request().method() !== 'POST') return route.continue();
      cortar = false;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await context.route('**/api/campo/registros/*', async (route) => {
      preguntas += 1;
      if (preguntas === 1) return route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No existe ese registro.' } }) });
      return route.continue();
    });
    await page.getByRole('link', { name: 'Ver los registros' }).click();
    await heading(page, 'Registros');
    await context.setOffline(false);
    // Sent by itself when the network returned; the cut stops it with the record kept.
    await page.getByText(/No hay conexión con el servidor/).waitFor();
    await page.getByText('Se envió sin respuesta; lo confirmaremos con el servidor antes de enviarlo otra vez.').waitFor();
    await page.getByRole('button', { name: 'Enviar ahora' }).click();
    await page.getByText(/No queda nada por enviar\./).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Enviados (2)' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Rechazados (1)' }).waitFor();
    await page.getByRole('list', { name: 'Motivos de Rocío Ugalde Pérez' }).getByText(/otro apoyo económico del estado/).waitFor();

    expect(preguntas).toBe(1);
    // Four sends for three records: the first one twice, with the same idCliente, and one application for it.
    expect(posts.length).toBe(4);
    expect(posts[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1]).toBe(posts[0]);
    expect(new Set(posts).size).toBe(3);
    const { rows } = await t.app.db.sql.query<{ folio: string; curp: string }>('select a.folio, c.curp from application a join citizen c on c.id = a.citizen_id where a.folio is not null order by c.curp');
    expect(rows.map((r) => r.curp)).toEqual([GUADALUPE.curp, CLAUDIA.curp].sort());
    for (const { folio } of rows) await page.getByText(folio, { exact: true }).waitFor();
    await check(page, 'campo-07-enviados');
    await phone();

    // The refused record is fixed as a new record (a new idCliente): her data and photos come with it.
    await page.getByRole('button', { name: 'Corregir y reenviar de Rocío Ugalde Pérez' }).click();
    await heading(page, 'Registro de una persona');
    await page.getByText('Corrige los datos del registro rechazado y vuelve a enviarlo: se enviará como un registro nuevo.').waitFor();
    expect(await page.getByLabel(label('CURP')).inputValue()).toBe(ROCIO.curp);
    expect(await page.getByLabel('La persona escuchó el aviso y da su consentimiento').isChecked()).toBe(true);
    await page.getByRole('banner').getByRole('link', { name: 'Registros' }).click();
    await page.getByRole('heading', { level: 2, name: 'Borradores (1)' }).waitFor();
    await page.getByText('Corregido: se envía como un registro nuevo.').waitFor();
  });

  it('a later start with no network from the beginning: the service worker opens the app and the records are listed', async () => {
    await page.close();
    await context.setOffline(true);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await phone();
    await page.goto('/campo/');
    await typePin(PIN);
    await heading(page, 'Registros');
    await page.getByRole('heading', { level: 2, name: 'Enviados (2)' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Rechazados (1)' }).waitFor();
    await page.getByRole('status').getByText('Sin conexión', { exact: true }).waitFor();
  });

  it('left alone for ten minutes, the app locks itself and asks for the PIN again; the records are still there', async () => {
    await page.clock.install();
    await page.reload();
    await typePin(PIN);
    await heading(page, 'Registros');
    await page.clock.fastForward('09:00');
    await heading(page, 'Registros');
    await page.clock.fastForward('01:30');
    await heading(page, 'Escribe tu PIN');
    await typePin(PIN);
    await page.getByRole('heading', { level: 2, name: 'Enviados (2)' }).waitFor();
  });
});
