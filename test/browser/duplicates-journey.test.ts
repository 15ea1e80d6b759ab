/**
 * «Posibles duplicados» in a real browser (Debian's Chromium), against the real server and portal.
 * Two agencies' rolls, loaded through the API as the padrón journey loads them in the browser, leave
 * in the registry a woman with a second CURP and a pair of twins. The reviewer logs in typing, opens
 * the queue from the menu, filters it by municipio, reads a pair's reasons with the weight of each
 * field, merges it and sees one record with both CURPs and both programs' supports (after a reload),
 * splits it back; marks the twins as different people; a later roll with the twin again does not
 * bring the pair back; Ver Solicitud warns a program's revisor that an applicant may be in the registry
 * under another CURP, and Consulta ciudadana warns the service desk. axe runs on every page at 1280 and 360 px, each photographed into screenshots/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { curpCheckDigit } from '../../engine/curp.ts';
import { ROLE_ATENCION, ROLE_PADRON, ROLE_PADRON_REVISOR, ROLE_PLANEACION } from '../../engine/vocabulary.ts';
import { createOfficial } from '../../runtime/server/demo.ts';
import { officialWithSession } from '../helpers/actors.ts';
import { typeText } from '../helpers/as-a-person.ts';
import { browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, pageChecker, prepareWeb, ROOT } from '../helpers/browser.ts';
import { loadRollThroughApi } from '../helpers/padron.ts';
import { seedApplications } from '../helpers/seed-applications.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';

const PASSWORD = 'Revisión del padrón 2026';
const REVISORA = { usuario: 'revisora.padron', nombre: 'Claudia Olvera Reséndiz', correo: 'revisora.padron@example.mx', contrasena: PASSWORD, roles: [ROLE_PADRON_REVISOR], area: 'direccion-planeacion-evaluacion' };

const valid = (first17: string) => `${first17}${curpCheckDigit(first17)}`;
const LUPE = valid('HELG850304MQTRPD0');
const LUPE_SEGUNDA = valid('HELG850304MQTRPD1');
const JUAN_CARLOS = valid('RAMJ010520HQTMRNA');
const JUAN_PABLO = valid('RAMJ010520HQTMRNB');
const HEADER = 'folio,curp,primer_apellido,segundo_apellido,nombre,fecha_nacimiento,sexo,cve_mun,monto,fecha_pago';
const ROLL_1 = [HEADER, `1,${LUPE},HERNÁNDEZ,LÓPEZ,MARÍA GUADALUPE,1985-03-04,M,22014,900,2026-08-13`, `2,${JUAN_CARLOS},RAMÍREZ,MORALES,JUAN CARLOS,2001-05-20,H,22011,900,2026-08-13`].join('\n');
const ROLL_2 = [HEADER, `1,${LUPE_SEGUNDA},HERNANDEZ,LOPEZ,MA. GUADALUPE,1985-03-04,M,22014,1500,2026-09-01`, `2,${JUAN_PABLO},RAMÍREZ,MORALES,JUAN PABLO,2001-05-20,H,22011,1500,2026-09-01`].join('\n');
const ROLL_3 = [HEADER, `1,${JUAN_PABLO},RAMÍREZ,MORALES,JUAN PABLO,2001-05-20,H,22011,700,2026-10-01`].join('\n');

const axe: Array<{ page: string; size: string; violations: string[]; serious: string[] }> = [];
const check = pageChecker(axe);
let t: TestApp;
let base = '';
let storage = '';
let browser: Browser;
let page: Page;
let planeacion = '';

const api = (method: string, url: string, body?: unknown) =>
  t.app.inject({ method: method as 'GET', url: `/api${url}`, headers: { cookie: planeacion, origin: 'http://localhost' }, ...(body === undefined ? {} : { payload: body as object }) });

const loadRoll = (programa: string, name: string, content: string) => loadRollThroughApi(t.app, planeacion, programa, name, content);

const pair = (who: RegExp) => page.getByRole('region', { name: who });

beforeAll(async () => {
  await prepareWeb();
  storage = mkdtempSync(join(tmpdir(), 'sipros-duplicados-web-'));
  t = await startTestApp({ now: '2026-11-24T10:00:00-06:00', env: { STORAGE_DIR: storage } });
  base = await listenOnLoopback(t.app);
  await createOfficial(t.app.db.orm.em.fork(), REVISORA, { now: t.app.clock() });
  planeacion = (await officialWithSession(t.app, [ROLE_PADRON, ROLE_PLANEACION], 'direccion-planeacion-evaluacion')).cookie;
  for (const [clave, nombre, dependencia] of [['despensas-dif', 'Despensas DIF', 'dif-estatal'], ['becas-sedeq', 'Becas SEDEQ', 'sedeq'], ['apoyo-campo', 'Apoyo al campo', 'sedea']]) {
    expect((await api('POST', '/funcionario/padron/programas', { clave, nombre, dependencia, tipo: 'economico' })).statusCode).toBe(201);
  }
  await loadRoll('despensas-dif', 'despensas 2026.csv', ROLL_1);
  await loadRoll('becas-sedeq', 'becas 2026.csv', ROLL_2);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', bypassCSP: true })).newPage();
}, 120_000);

browserSuiteHooks('duplicados', () => ({ page, browser, app: t, axe }));
afterAll(() => rmSync(storage, { recursive: true, force: true }));

describe('Posibles duplicados, en el navegador', { timeout: 90_000 }, () => {
  it('the reviewer opens the queue from the menu and filters it by municipio', async () => {
    await page.goto(`${base}/funcionario/iniciar-sesion`);
    await typeText(page.getByLabel(label('Usuario')), REVISORA.usuario);
    await typeText(page.getByLabel(label('Contraseña')), REVISORA.contrasena, null);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await heading(page, /^Hola, /);
    await page.getByRole('link', { name: 'Posibles duplicados' }).first().click();
    await heading(page, 'Posibles duplicados');
    await page.getByText('2 pares por decidir.').waitFor();
    await expect.poll(() => pair(/GUADALUPE/).count()).toBe(1);
    await check(page, 'duplicados-lista', { fullPage: true });

    await page.getByLabel('Municipio').selectOption({ label: 'El Marqués' });
    await page.getByText('1 par por decidir.').waitFor();
    await expect.poll(() => pair(/GUADALUPE/).count()).toBe(0);
    await pair(/JUAN PABLO/).waitFor();
    await page.getByLabel('Municipio').selectOption({ label: 'Todos' });
    await page.getByText('2 pares por decidir.').waitFor();
  });

  it('reads why a pair may be one person, field by field with its weight, merges it and sees one record with both CURPs', async () => {
    const lupe = pair(/MARÍA GUADALUPE HERNÁNDEZ LÓPEZ/);
    await lupe.getByText(/A revisión: dos CURP válidas iguales salvo la homoclave/).waitFor();
    const reasons = lupe.getByRole('list', { name: 'Por qué pueden ser la misma persona' });
    await expect.poll(() => reasons.getByRole('listitem').filter({ hasText: 'fecha de nacimiento idéntica' }).textContent()).toMatch(/\+6$/);
    await expect.poll(() => lupe.getByRole('row', { name: /CURP/ }).textContent()).toContain(LUPE_SEGUNDA);
    await lupe.getByRole('button', { name: 'Es la misma persona' }).click();
    await lupe.getByText('Quedó como una sola persona, con las CURP y los apoyos de las dos.').waitFor();
    await page.getByText('1 par por decidir.').waitFor();
    await lupe.getByRole('link', { name: 'Ver su expediente' }).click();

    await heading(page, /GUADALUPE/);
    await page.getByText('CURP registradas:').waitFor();
    // After a reload, the same record: both CURPs, both programs' supports.
    await page.reload();
    await page.getByText('CURP registradas:').waitFor();
    const text = await page.locator('main').textContent();
    expect(text).toContain(LUPE);
    expect(text).toContain(LUPE_SEGUNDA);
    await page.getByText('Despensas DIF').first().waitFor();
    await page.getByText('Becas SEDEQ').first().waitFor();
    await check(page, 'duplicados-expediente', { fullPage: true });
  });

  it('splits the merge back: each person has their own CURP and supports again, and the pair waits again', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: /^Separar la persona de la CURP/ }).click();
    await page.getByText(/Se separaron: la persona de la CURP/).waitFor();
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').not.toMatch(/CURP registradas:/);
    const own = (await page.locator('main').textContent()) ?? '';
    const shown = [LUPE, LUPE_SEGUNDA].filter((c) => own.includes(`CURP: ${c}`));
    expect(shown).toHaveLength(1);
    await page.getByRole('link', { name: 'Volver a «Posibles duplicados»' }).click();
    await heading(page, 'Posibles duplicados');
    await page.getByText('2 pares por decidir.').waitFor();
  });

  it('marks the twins as different people, and a later roll with the twin again does not bring the pair back', async () => {
    const twins = pair(/JUAN PABLO/);
    await twins.getByText('comparten un nombre pero los demás no coinciden').first().waitFor();
    await twins.getByRole('button', { name: 'Son personas distintas' }).click();
    await twins.getByText('Quedó anotado que son personas distintas; este par no se volverá a proponer.').waitFor();
    await check(page, 'duplicados-decididos', { fullPage: true });

    await loadRoll('apoyo-campo', 'campo 2026.csv', ROLL_3);
    await page.reload();
    await heading(page, 'Posibles duplicados');
    await page.getByText('1 par por decidir.').waitFor();
    await expect.poll(() => pair(/JUAN PABLO/).count()).toBe(0);
    await pair(/GUADALUPE/).waitFor();
  });

  it('searches the whole registry against itself: the pairs it knows are not proposed twice', async () => {
    await page.getByRole('button', { name: 'Buscar duplicados en todo el padrón' }).click();
    await page.getByText(/^Última búsqueda en todo el padrón: .*; revisó 4 personas y propuso 0 pares nuevos\.$/).waitFor();
    await page.getByText('1 par por decidir.').waitFor();
    await check(page, 'duplicados-busqueda');
  });

  it('Ver Solicitud warns the program’s revisor that an applicant may be in the registry under another CURP', async () => {
    const program = JSON.parse(readFileSync(`${ROOT}definitions/programs/apoyo-emergente-mujeres/program.json`, 'utf8'));
    const [application] = await seedApplications(t.app, [{ program: program.id, submittedAt: '2026-11-20T10:00:00-06:00', citizen: { curp: valid('HELG850304MQTRPD2'), nombres: 'MARÍA GUADALUPE', primerApellido: 'HERNÁNDEZ', segundoApellido: 'LÓPEZ' } }]);
    const revisor = (await officialWithSession(t.app, ['revisor'], program.area)).cookie;
    const revisorPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', bypassCSP: true })).newPage();
    await revisorPage.context().addCookies([{ name: 'sipros_sesion', value: revisor.split('=')[1], url: base }]);
    await revisorPage.goto(`${base}/funcionario/solicitudes/${application.id}`);
    const alert = revisorPage.getByRole('alert').filter({ has: revisorPage.getByRole('heading', { name: 'Puede estar en el padrón con otra CURP' }) });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/GUADALUPE HERN[AÁ]NDEZ L[OÓ]PEZ, con la CURP HELG850304MQTRPD\d\d, se parece a quien solicita/);
    expect(await alert.textContent()).toContain('No impide la solicitud');
    // The applicant can still be worked on: the revisor's actions are there.
    await revisorPage.getByRole('heading', { name: 'Acciones' }).waitFor();
    await check(revisorPage, 'duplicados-ver-solicitud');
    await revisorPage.context().close();
  });

  it('Consulta ciudadana warns the service desk the same way, looking the person up by the CURP typed', async () => {
    const desk = (await officialWithSession(t.app, [ROLE_ATENCION], 'subsecretaria-desarrollo-social')).cookie;
    const deskPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', bypassCSP: true })).newPage();
    await deskPage.context().addCookies([{ name: 'sipros_sesion', value: desk.split('=')[1], url: base }]);
    await deskPage.goto(`${base}/funcionario/consulta`);
    await typeText(deskPage.getByLabel(label('CURP')), valid('HELG850304MQTRPD2'));
    await deskPage.getByRole('button', { name: 'Buscar' }).click();
    const section = deskPage.locator('section', { has: deskPage.getByRole('heading', { name: 'Apoyos en el Padrón Estatal' }) });
    await section.getByText(/^Puede estar en el padrón con otra CURP: .*GUADALUPE.* \(HELG850304MQTRPD\d\d\) se le parece/).waitFor();
    await check(deskPage, 'duplicados-consulta');
    await deskPage.context().close();
  });
});
