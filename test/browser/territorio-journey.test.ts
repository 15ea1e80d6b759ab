/**
 * Territory catalogs and «limpieza de ubicaciones» in a real browser (Debian's Chromium), against the
 * real server. An agency's roll with colonias written by hand is in the registry (loaded through the
 * padrón's routes). The administrator logs in typing, opens «Catálogos» from the menu, picks the
 * invented SEPOMEX file, reads what it adds and the rows it refuses, and applies it. The reviewer opens
 * «Limpieza de ubicaciones», starts a run, reads each colonia as written beside the catalog's, rejects
 * one and accepts the rest, reloads and sees the counts kept; the colonias the cleaning could not tell
 * are listed apart. A citizen applying on a phone (360 px) types her postal code key by key, picks her
 * colonia by its name, and finds municipio, localidad and its ámbito filled in; she adds the point of her home (the
 * phone's location refused, then given; then a tap and the arrow keys on her municipio's map); after a reload
 * her draft holds the claves and the point. With a postal code the catalog lacks, she finds her place by
 * municipio: her localidad typed in part and tapped in the list (in the wrong municipio first: nothing found,
 * and what she typed stays), her colonia typed in part and chosen with the arrow keys; her draft holds both claves. axe runs on every page at 1280 and 360 px, each photographed into screenshots/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { curpCheckDigit } from '../../engine/curp.ts';
import { ROLE_ADMIN, ROLE_FUNCIONARIO, ROLE_PADRON, ROLE_PADRON_REVISOR, ROLE_PLANEACION } from '../../engine/vocabulary.ts';
import { createOfficial } from '../../runtime/server/demo.ts';
import { citizenWithSession, officialWithSession } from '../helpers/actors.ts';
import { movedAndKept, pickOption, retype, siguiente, stepHeading, typeText } from '../helpers/as-a-person.ts';
import { browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, pageChecker, prepareWeb } from '../helpers/browser.ts';
import { loadRollThroughApi } from '../helpers/padron.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

const SEPOMEX = fileURLToPath(new URL('../fixtures/territorio/sepomex-inventado.txt', import.meta.url));
const PASSWORD = 'Catálogos del estado 2026';
const ADMIN = { usuario: 'admin.catalogos', nombre: 'Rocío Ugalde Pérez', correo: 'admin.catalogos@example.mx', contrasena: PASSWORD, roles: [ROLE_ADMIN], area: 'direccion-planeacion-evaluacion' };
const REVISORA = { usuario: 'revisora.ubicaciones', nombre: 'Claudia Olvera Reséndiz', correo: 'revisora.ubicaciones@example.mx', contrasena: PASSWORD, roles: [ROLE_PADRON_REVISOR], area: 'direccion-planeacion-evaluacion' };

const PLANEADORA = { usuario: 'planeadora.cobertura', nombre: 'Lucía Trejo Balderas', correo: 'planeadora.cobertura@example.mx', contrasena: PASSWORD, roles: [ROLE_FUNCIONARIO, ROLE_PLANEACION], area: 'direccion-planeacion-evaluacion' };

const valid = (first17: string) => `${first17}${curpCheckDigit(first17)}`;
const HEADER = 'folio,curp,primer_apellido,segundo_apellido,nombre,fecha_nacimiento,sexo,cve_mun,cve_loc,codigo_postal,colonia,monto,fecha_pago';
const ROLL = [
  HEADER,
  `1,${valid('HELG850304MQTRPD0')},HERNÁNDEZ,LÓPEZ,MARÍA GUADALUPE,1985-03-04,M,22014,0001,76010,col. peñitas del rio,900,2026-08-13`,
  `2,${valid('RAMJ010520HQTMRNA')},RAMÍREZ,MORALES,JUAN CARLOS,2001-05-20,H,22014,0001,,JARDINES ALAMEDA INVENTADA,900,2026-08-13`,
  `3,${valid('OERC900101MQTLSL0')},OLVERA,RESÉNDIZ,CLAUDIA,1990-01-01,M,22014,0001,,Camino Real Ficticio,900,2026-08-13`,
  `4,${valid('UAPR700202MQTGRC0')},UGALDE,PÉREZ,ROCÍO,1970-02-02,M,22014,,76000,Colonia que no existe,900,2026-08-13`,
].join('\n');

const axe: Array<{ page: string; size: string; violations: string[]; serious: string[] }> = [];
const check = pageChecker(axe);
let t: TestApp;
let base = '';
let storage = '';
let browser: Browser;
let page: Page;

/** The point the map writes below it, «Tu casa: latitud 20.71023, longitud -100.45801.». */
function coordinates(text: string): { latitud: number; longitud: number } {
  const found = /latitud (-?\d+\.\d{5}), longitud (-?\d+\.\d{5})/.exec(text);
  if (!found) throw new Error(`Sin coordenadas en «${text}»`);
  return { latitud: Number(found[1]), longitud: Number(found[2]) };
}

async function loadRoll(): Promise<void> {
  const liaison = (await officialWithSession(t.app, [ROLE_PADRON, ROLE_PLANEACION], 'direccion-planeacion-evaluacion')).cookie;
  const created = await t.app.inject({ method: 'POST', url: '/api/funcionario/padron/programas', headers: { cookie: liaison, origin: 'http://localhost' }, payload: { clave: 'despensas-dif', nombre: 'Despensas DIF', dependencia: 'dif-estatal', tipo: 'especie' } });
  expect(created.statusCode).toBe(201);
  await loadRollThroughApi(t.app, liaison, 'despensas-dif', 'despensas 2026.csv', ROLL);
}

async function logIn(who: { usuario: string; contrasena: string }): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${base}/funcionario/iniciar-sesion`);
  await typeText(page.getByLabel(label('Usuario')), who.usuario);
  await typeText(page.getByLabel(label('Contraseña')), who.contrasena, null);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await heading(page, /^Hola, /);
}

beforeAll(async () => {
  await prepareWeb();
  storage = mkdtempSync(join(tmpdir(), 'sipros-territorio-web-'));
  t = await startTestApp({ now: '2026-11-24T10:00:00-06:00', env: { STORAGE_DIR: storage } });
  base = await listenOnLoopback(t.app);
  for (const official of [ADMIN, REVISORA, PLANEADORA]) await createOfficial(t.app.db.orm.em.fork(), official, { now: t.app.clock() });
  await loadRoll();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', bypassCSP: true })).newPage();
}, 120_000);

browserSuiteHooks('territorio', () => ({ page, browser, app: t, axe }));
afterAll(() => rmSync(storage, { recursive: true, force: true }));

describe('Catálogos y limpieza de ubicaciones, en el navegador', { timeout: 90_000 }, () => {
  it('the administrator imports the SEPOMEX file, reads what changes and the refused rows, and applies it', async () => {
    await logIn(ADMIN);
    await page.getByRole('link', { name: 'Catálogos' }).first().click();
    await heading(page, 'Catálogos de territorio');
    await page.getByRole('button', { name: 'Revisar cambios' }).click();
    await page.getByText('Elige el archivo del catálogo.').waitFor();
    await page.getByLabel(/Códigos postales \(SEPOMEX\)/).check();
    const chooser = page.waitForEvent('filechooser');
    await page.getByText('Elegir archivo').click();
    await (await chooser).setFiles(SEPOMEX);
    await page.getByText(/sepomex-inventado\.txt \(/).waitFor();
    await page.getByRole('button', { name: 'Revisar cambios' }).click();
    const review = page.getByRole('region', { name: /Cambios de «sepomex-inventado\.txt»/ });
    await review.getByText(/13 agregadas, 0 cambiadas, 0 quitadas/).waitFor();
    await review.getByText(/Fila 16: «7600» no es un código postal de 5 dígitos \(CP_INVALIDO\)/).waitFor();
    await check(page, 'catalogos-revision');
    // Nothing in force yet: the postal code is unknown until applied.
    expect((await t.app.inject({ method: 'GET', url: '/api/catalogos/codigos-postales/76010' })).statusCode).toBe(404);
    await review.getByRole('button', { name: 'Aplicar y reemplazar el catálogo' }).click();
    await review.getByText(/Catálogo reemplazado: vigente desde/).waitFor();
    await page.reload();
    await heading(page, 'Catálogos de territorio');
    await expect.poll(() => page.getByRole('table', { name: /Importaciones de catálogos/ }).getByText('Vigente').count()).toBeGreaterThanOrEqual(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/catalogos/codigos-postales/76010' })).statusCode).toBe(200);
  });

  it('the reviewer runs the cleaning, rejects one proposal, accepts the rest, and the counts stay after a reload', async () => {
    await logIn(REVISORA);
    await page.getByRole('link', { name: 'Limpieza de ubicaciones' }).first().click();
    await heading(page, 'Limpieza de ubicaciones');
    await page.getByRole('button', { name: 'Iniciar limpieza' }).click();
    await page.getByText(/Limpieza lista: 4 colonias revisadas, 3 con propuesta y 1 sin resolver/).waitFor();
    const proposals = page.getByRole('table', { name: /Propuestas por decidir/ });
    await proposals.getByRole('row', { name: /col\. peñitas del rio.*Peñitas del Río \(220140004\)/ }).waitFor();
    await proposals.getByRole('row', { name: /Camino Real Ficticio.*Corregidora \(escrito: Querétaro\).*Otro municipio/ }).waitFor();
    await page.getByRole('table', { name: /Sin resolver/ }).getByText('Colonia que no existe').waitFor();
    await check(page, 'limpieza-propuestas');
    await page.getByRole('checkbox', { name: 'Elegir «Camino Real Ficticio»' }).check();
    await page.getByRole('button', { name: 'Rechazar las elegidas' }).click();
    await page.getByText(/Aceptadas 0, rechazadas 1, caducadas 0/).waitFor();
    await page.getByRole('button', { name: 'Aceptar todas las pendientes' }).click();
    await page.getByText('No quedan propuestas por decidir.').waitFor();
    await page.reload();
    await page.getByText(/Aceptadas 2, rechazadas 1, caducadas 0/).waitFor();
    const { rows } = await t.app.db.sql.query<{ colonia: string; cve_asentamiento: string | null }>('select colonia, cve_asentamiento from persona');
    expect(rows.sort((a, b) => (a.colonia < b.colonia ? -1 : 1))).toEqual([
      { colonia: 'Camino Real Ficticio', cve_asentamiento: null },
      { colonia: 'Colonia que no existe', cve_asentamiento: null },
      { colonia: 'JARDINES ALAMEDA INVENTADA', cve_asentamiento: '220140001' },
      { colonia: 'col. peñitas del rio', cve_asentamiento: '220140004' },
    ]);
    await check(page, 'limpieza-decidida');
  });

  it('a planner drills the padrón’s coverage from the state to a municipio and to a localidad, reloads, and downloads its colonias', async () => {
    await logIn(PLANEADORA);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Tablero' }).click();
    await heading(page, 'Tablero');
    await page.getByRole('link', { name: 'Ver la cobertura del padrón por localidad y colonia' }).click();
    await heading(page, 'Cobertura por territorio');
    const municipios = page.getByRole('table', { name: 'Cobertura por municipio' });
    await municipios.getByRole('row', { name: /^Querétaro 1,049,777 4 4 0\.0038$/ }).waitFor();
    // Shaded by people per 1,000 inhabitants: Querétaro, with people, darker than a municipio without any.
    const fills = await page.locator('[data-cobertura-municipio="22014"], [data-cobertura-municipio="22003"]').evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
    expect(fills[0]).not.toBe(fills[1]);
    await check(page, 'cobertura-estado');
    await municipios.getByRole('link', { name: 'Querétaro' }).click();
    await heading(page, 'Localidades de Querétaro', 2);
    await page.reload();
    await heading(page, 'Localidades de Querétaro', 2);
    const localidades = page.getByRole('table', { name: 'Cobertura por localidad en Querétaro' });
    await localidades.getByRole('row', { name: /^Santiago de Queretaro urbano 794,789 3 3/ }).waitFor();
    await localidades.getByRole('row', { name: /^Otras localidades \(fuera del catálogo o sin localidad\) — — 1 1/ }).waitFor();
    await page.getByRole('table', { name: 'Colonias de Querétaro' }).getByText('Peñitas del Río').waitFor();
    // Localidades without anyone are listed when asked for.
    expect(await localidades.getByRole('row', { name: /^Juriquilla / }).count()).toBe(0);
    await page.getByRole('button', { name: /^Mostrar también las \d+ localidades sin personas$/ }).click();
    await localidades.getByRole('row', { name: /^Juriquilla urbano 39,244 0 0 0$/ }).waitFor();
    await check(page, 'cobertura-municipio');
    // On the map, the localidad with people is a point sized by them: the person clicks it.
    await page.getByRole('link', { name: 'Santiago de Queretaro: 3 personas. Ver sus colonias' }).click();
    await heading(page, 'Colonias de Santiago de Queretaro', 2);
    expect(new URL(page.url()).searchParams.get('localidad')).toBe('220140001');
    const colonias = page.getByRole('table', { name: 'Colonias de Santiago de Queretaro' });
    // Cleaned colonias by the catalog's name; the one the reviewer rejected, as written.
    for (const name of [/^Peñitas del Río 76010 1 1$/, /^Jardines de la Alameda Inventada — 1 1$/, /^Camino Real Ficticio \(sin clave\) — 1 1$/]) await colonias.getByRole('row', { name }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tabla de colonias (CSV)' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('Clave del asentamiento,Colonia,Código postal,Personas,Apoyos');
    expect(csv).toContain('220140004,Peñitas del Río,76010,1,1');
    await page.setViewportSize({ width: 360, height: 740 });
    await check(page, 'cobertura-localidad');
    await page.getByRole('navigation', { name: 'Nivel del territorio' }).getByRole('link', { name: 'Estado de Querétaro' }).click();
    await heading(page, 'Municipios del estado', 2);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a citizen on a phone types her postal code, picks her colonia, and municipio and localidad fill in with their claves; she marks her home on the map', async () => {
    const { cookie } = await citizenWithSession(t.app);
    const [name, value] = cookie.split('=');
    await page.context().clearCookies();
    await page.context().addCookies([{ name, value, url: base }]);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}/solicitar/tarjeta-contigo`);
    await stepHeading(page, 'Domicilio');
    await typeText(page.getByLabel(label('Código postal')), '76230');
    await page.getByText('Elige tu colonia: el código 76230 tiene 2.').waitFor();
    await page.getByLabel('Tu colonia').selectOption({ label: 'Juriquilla (Pueblo, Querétaro)' });
    await page.getByText('Llenamos tu colonia, municipio y localidad; revísalos abajo.').waitFor();
    expect(await page.getByLabel(label('Colonia o asentamiento')).inputValue()).toBe('Juriquilla');
    expect(await page.getByLabel(label('Municipio')).locator('option:checked').innerText()).toBe('Querétaro');
    expect(await page.getByLabel(label('Localidad')).inputValue()).toBe('Juriquilla');
    const ambito = page.getByLabel(label('Tipo de localidad'));
    // Juriquilla is urban for INEGI.
    expect(await ambito.locator('option:checked').innerText()).toBe('Urbana (2,500 habitantes o más)');
    await check(page, 'domicilio-codigo-postal');
    await page.setViewportSize({ width: 360, height: 740 });
    await typeText(page.getByLabel(label('Calle')), 'Camino a la Presa');
    await typeText(page.getByLabel(label('Número exterior')), '12');
    // The point of her home is optional and folded away. The phone's location, refused and then allowed; then
    // the map of her municipio, where she taps and moves the pin with the arrow keys.
    await page.getByRole('button', { name: 'Agregar la ubicación de mi casa (opcional)' }).click();
    await page.getByRole('button', { name: 'Usar mi ubicación' }).click();
    await page.getByText(/^No se dio permiso para usar tu ubicación, así que no la guardamos\./).waitFor();
    await page.context().grantPermissions(['geolocation'], { origin: base });
    await page.context().setGeolocation({ latitude: 20.71023, longitude: -100.45801, accuracy: 18 });
    await page.getByRole('button', { name: 'Usar mi ubicación' }).click();
    await page.getByText('Listo: guardamos la ubicación de tu teléfono (precisión de unos 18 m). Si no estás en tu casa, corrígela en el mapa o quítala.').waitFor();
    await page.getByRole('button', { name: 'Marcar mi casa en el mapa' }).click();
    const mapa = page.getByRole('application', { name: 'Mapa de Querétaro para marcar tu casa' });
    const punto = page.getByText(/^Tu casa: latitud/);
    await expect.poll(() => punto.innerText()).toBe('Tu casa: latitud 20.71023, longitud -100.45801 (precisión de unos 18 m).');
    await mapa.locator('svg').click({ position: { x: 60, y: 60 } });
    await expect.poll(() => punto.innerText()).not.toContain('precisión');
    const tapped = coordinates(await punto.innerText());
    expect(tapped.latitud).toBeGreaterThan(20.71023);
    expect(tapped.longitud).toBeLessThan(-100.45801);
    await mapa.press('ArrowRight');
    await mapa.press('ArrowRight');
    await expect.poll(async () => coordinates(await punto.innerText()).longitud).toBeGreaterThan(tapped.longitud);
    const marked = coordinates(await punto.innerText());
    expect(marked.latitud).toBeCloseTo(tapped.latitud, 4);
    await check(page, 'domicilio-ubicacion');
    await page.setViewportSize({ width: 360, height: 740 });
    await movedAndKept(page, () => siguiente(page, 'Hogar'));
    await page.reload();
    await stepHeading(page, 'Hogar');
    const draft = (await page.evaluate(() => fetch('/api/programas/tarjeta-contigo/borrador').then((r) => r.json()))) as { respuestas: { domicilio: Record<string, unknown> } };
    expect(draft.respuestas.domicilio).toMatchObject({ codigo_postal: '76230', colonia: 'Juriquilla', cve_asentamiento: '220140006', municipio: '22014', localidad: 'Juriquilla', cve_localidad: '220140058', ...marked });
    expect(draft.respuestas.domicilio.precision).toBeUndefined();
    // A code the catalog does not know leaves the fields to be typed.
    await page.getByRole('button', { name: 'Anterior' }).click();
    await stepHeading(page, 'Domicilio');
    await page.getByLabel(label('Código postal')).fill('');
    await typeText(page.getByLabel(label('Código postal')), '99999');
    await page.getByText('No encontramos el código postal 99999 en el catálogo: elige tu municipio abajo y busca tu localidad y tu colonia, o escríbelas.').waitFor();
    // The claves of the colonia chosen for the old code do not stay behind with the new one.
    await siguiente(page, 'Hogar');
    const changed = (await page.evaluate(() => fetch('/api/programas/tarjeta-contigo/borrador').then((r) => r.json()))) as { respuestas: { domicilio: Record<string, unknown> } };
    expect(changed.respuestas.domicilio).toMatchObject({ codigo_postal: '99999', colonia: 'Juriquilla' });
    expect(changed.respuestas.domicilio.cve_asentamiento).toBeUndefined();
    expect(changed.respuestas.domicilio.cve_localidad).toBeUndefined();

    // She finds her place by municipio instead. In Corregidora there is no «La Mon…»: what she typed stays.
    await page.getByRole('button', { name: 'Anterior' }).click();
    await stepHeading(page, 'Domicilio');
    await page.setViewportSize({ width: 360, height: 740 });
    await pickOption(page, 'Municipio', 'Corregidora');
    const localidad = page.getByLabel(label('Localidad'));
    await retype(localidad, 'la mon');
    await page.getByText('No encontramos una localidad así en el catálogo: se guardará como la escribiste.').waitFor();
    await pickOption(page, 'Municipio', 'Querétaro');
    await typeText(localidad, 'j', 'la monj');
    await page.getByText('Una localidad coincide: elige con las flechas y Enter, o tócala.').waitFor();
    await page.getByRole('listbox', { name: 'Localidades que coinciden' }).getByRole('option', { name: /^La Monja/ }).click();
    await page.getByText('Elegiste tu localidad del catálogo.').waitFor();
    expect(await localidad.inputValue()).toBe('La Monja');
    // La Monja is rural for INEGI: the ámbito follows.
    expect(await ambito.locator('option:checked').innerText()).toBe('Rural (menos de 2,500 habitantes)');
    // Her colonia, among Querétaro's, those of La Monja first; chosen with the keyboard.
    const colonia = page.getByLabel(label('Colonia o asentamiento'));
    await retype(colonia, 'monj');
    const colonias = page.getByRole('listbox', { name: 'Colonias que coinciden' });
    await colonias.getByRole('option', { name: /^La Monja/ }).waitFor();
    await check(page, 'domicilio-por-municipio');
    await page.setViewportSize({ width: 360, height: 740 });
    await colonia.press('ArrowDown');
    expect(await colonia.getAttribute('aria-activedescendant')).toBe(await colonias.getByRole('option').first().getAttribute('id'));
    await colonia.press('Enter');
    await page.getByText('Elegiste tu colonia del catálogo.').waitFor();
    expect(await colonia.inputValue()).toBe('La Monja');
    // Editing the name drops the clave chosen with it (the list offers again); she chooses it once more.
    await colonia.press('Backspace');
    await page.getByText('Una colonia coincide: elige con las flechas y Enter, o tócala.').waitFor();
    await colonias.getByRole('option', { name: /^La Monja/ }).waitFor();
    await colonia.press('ArrowDown');
    await colonia.press('Enter');
    await page.getByText('Elegiste tu colonia del catálogo.').waitFor();
    // The colonia has one postal code: it is written for her, and the postal code's list shows her colonia.
    expect(await page.getByLabel(label('Código postal')).inputValue()).toBe('76235');
    await page.getByText('Llenamos tu colonia, municipio y localidad; revísalos abajo.').waitFor();
    await movedAndKept(page, () => siguiente(page, 'Hogar'));
    await page.reload();
    await stepHeading(page, 'Hogar');
    const byMunicipio = (await page.evaluate(() => fetch('/api/programas/tarjeta-contigo/borrador').then((r) => r.json()))) as { respuestas: { domicilio: Record<string, unknown> } };
    expect(byMunicipio.respuestas.domicilio).toMatchObject({ municipio: '22014', localidad: 'La Monja', cve_localidad: '220140068', ambito: 'rural', colonia: 'La Monja', cve_asentamiento: '220140008', codigo_postal: '76235' });
  });
});
