/**
 * Issue 9, the citizen's pilot fixes, in a real browser (Debian's Chromium through playwright-core) against
 * the real server and the built portal, each by a person's own actions:
 * - «Negocios familiares» asks «¿Qué apoyo solicitas?» once (in its own step, not again on the review page)
 *   and is sent at the first «Enviar solicitud», with the support type chosen in the form;
 * - the applicant is already «Integrante del hogar 1» (name, sex and age from her account), and the household
 *   sex offers the same three options as the sign-up;
 * - a missing answer is said once, next to its field (never a paragraph of repeated messages above the
 *   roster), and «¿Qué tanta dificultad tiene?» is neither shown nor demanded before its question;
 * - a draft saved at a step opens at that step in another browser (no local storage), after logging in;
 * - the folio stays on one line at 360 px (confirmation, Mis solicitudes, the application's page);
 * - «Tipo de apoyo» in Mis solicitudes; «Cerrar sesión» on a page that needs a session confirms it.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { curpCheckDigit } from '../../engine/curp.ts';
import { NotificationOutbox } from '../../runtime/db/entities.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';
import { browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, pageChecker, prepareWeb, ROOT, uploadEveryDocument } from '../helpers/browser.ts';
import { pickRadio, siguiente, stepHeading, typePersonalData, typeText, verifyPhoneFromSms } from '../helpers/as-a-person.ts';

const axeReport: Array<{ page: string; size: string; violations: string[]; serious: string[] }> = [];
const check = pageChecker(axeReport);

/** An invented woman born in Querétaro on 7 March 1990 (Rosa Tovar Hernández); the check digit is computed. */
const CURP_17 = 'TOHR900307MQTVRS0';
const CITIZEN = {
  curp: `${CURP_17}${curpCheckDigit(CURP_17)}`,
  nombres: 'Rosa',
  primerApellido: 'Tovar',
  segundoApellido: 'Hernández',
  telefono: '4415550127',
  contrasena: 'Jacaranda morada en Bernal 47',
};
/** Her age on the test clock's day (24/11/2026), as the CURP says. */
const EDAD = '36';
const PROGRAM = { id: 'negocios-familiares', nombre: 'Negocios familiares' };
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const REQUIRED = 'Este dato es obligatorio.';

let t: TestApp;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let signUpSexOptions: string[] = [];
let applicationId = '';

async function logIn(p: Page): Promise<void> {
  await typeText(p.getByLabel(label('CURP')), CITIZEN.curp);
  await typeText(p.getByLabel(label('Contraseña')), CITIZEN.contrasena);
  await p.getByRole('button', { name: 'Iniciar sesión' }).click();
}

/** How many lines a text takes on the screen (its boxes, one per line it is laid out on). */
async function linesOf(element: Locator): Promise<number> {
  return element.evaluate((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size);
}

/** The folio on one line and inside the screen. */
async function expectFolioOnOneLine(element: Locator, where: string): Promise<void> {
  await element.waitFor();
  expect(await linesOf(element), `folio en una línea: ${where}`).toBe(1);
  const right = await element.evaluate((el) => el.getBoundingClientRect().right);
  expect(right, `folio dentro de la pantalla: ${where}`).toBeLessThanOrEqual(PHONE.width);
}

/**
 * The largest number of times one paragraph or line of text repeats the «required» message: a message
 * next to each field is one; the old paragraph above the household list had sixteen.
 */
async function mostRepeatsInOneText(p: Page): Promise<number> {
  return (await p.evaluate(`Math.max(0, ...[...document.querySelectorAll('main p, main li, main span, main h2')].map((e) => (e.textContent ?? '').split(${JSON.stringify(REQUIRED)}).length - 1))`)) as number;
}

beforeAll(async () => {
  await prepareWeb();
  t = await startTestApp();
  base = await listenOnLoopback(t.app);
  browser = await launchChromium();
  context = await browser.newContext({ baseURL: base, locale: 'es-MX', timezoneId: 'America/Mexico_City', viewport: DESKTOP, bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 180_000);

browserSuiteHooks('piloto', () => ({ page, browser, app: t, axe: axeReport }));

describe('arreglos del piloto para la ciudadanía, en el navegador', { timeout: 180_000 }, () => {
  it('crea su cuenta tecleando cada dato y confirma el teléfono', async () => {
    await page.goto('/crear-cuenta');
    await heading(page, 'Crear cuenta');
    await typeText(page.getByLabel(label('CURP')), CITIZEN.curp);
    await page.getByText(/CURP válida: nacimiento 07\/03\/1990, mujer/).waitFor();
    signUpSexOptions = await page.getByRole('radiogroup', { name: /Sexo/ }).getByRole('radio').evaluateAll((radios) => radios.map((r) => (r.closest('label')?.textContent ?? '').trim()));
    expect(signUpSexOptions).toHaveLength(3);
    await typePersonalData(page, CITIZEN);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await heading(page, 'Verificar teléfono');
    await verifyPhoneFromSms(page, t.app, CITIZEN.telefono);
  });

  it('al cerrar sesión en una página con sesión lo confirma; sin sesión, esa página pide iniciarla', async () => {
    await page.getByRole('link', { name: 'Mis solicitudes' }).first().click();
    await heading(page, 'Mis solicitudes');
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByText('Cerraste tu sesión.').waitFor();
    expect(await page.getByText('Inicia sesión para continuar.').count()).toBe(0);
    await heading(page, 'Programas sociales');
    await check(page, '40-sesion-cerrada');

    await page.goto('/solicitudes');
    await heading(page, 'Iniciar sesión');
    await page.getByText('Inicia sesión para continuar.').waitFor();
    await logIn(page);
    await heading(page, 'Mis solicitudes');
  });

  it('responde «¿Qué apoyo solicitas?» en el paso Negocio', async () => {
    // Every other answer of the form as a draft saved before (the definition's own test answers): this
    // test types only what it checks. The household and the support type are left for the person.
    const def = JSON.parse(readFileSync(`${ROOT}definitions/programs/${PROGRAM.id}/program.json`, 'utf8'));
    const respuestas = structuredClone(def.tests.base.answers);
    delete respuestas.hogar;
    delete respuestas.negocio.tipo_apoyo;
    delete respuestas.negocio.monto_cotizacion;
    const put = await page.evaluate(
      ([programa, body]) => fetch(`/api/programas/${programa}/borrador`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ respuestas: body }) }).then((r) => r.status),
      [PROGRAM.id, respuestas] as const,
    );
    expect(put).toBe(200);

    await page.getByRole('link', { name: 'Apoyos disponibles' }).first().click();
    await page.getByRole('link', { name: `Solicitar ${PROGRAM.nombre}` }).click();
    await heading(page, `Solicitud de ${PROGRAM.nombre}`);
    await stepHeading(page, 'Negocio');
    await pickRadio(page, '¿Qué apoyo solicitas?', 'Capital de trabajo ($8,000 para insumos o mercancía)');
    await siguiente(page, 'Domicilio');
    await siguiente(page, 'Hogar');
  });

  it('encuentra sus datos como «Integrante del hogar 1», con el mismo sexo que al crear la cuenta', async () => {
    await heading(page, /Integrante del hogar 1/, 4);
    expect(await page.getByLabel(label('Nombre completo')).inputValue()).toBe('Rosa Tovar Hernández');
    expect(await page.getByLabel(label('Edad')).inputValue()).toBe(EDAD);
    const sexo = page.getByLabel(label('Sexo'));
    expect(await sexo.locator('option:checked').innerText()).toBe('Mujer');
    const options = (await sexo.locator('option').allInnerTexts()).map((o) => o.trim()).filter((o) => signUpSexOptions.includes(o));
    expect(options, 'las mismas opciones que al crear la cuenta').toEqual(signUpSexOptions);
    expect(await page.getByLabel(label('Parentesco con la persona solicitante')).locator('option:checked').innerText()).toBe('Es la persona solicitante');
    // She may still correct it.
    await page.getByLabel(label('Nombre completo')).press('End');
    await page.getByLabel(label('Nombre completo')).pressSequentially(' de Jesús');
    expect(await page.getByLabel(label('Nombre completo')).inputValue()).toBe('Rosa Tovar Hernández de Jesús');
  });

  it('ve cada dato que falta una sola vez, junto a su campo, y la pregunta de seguimiento solo después de su pregunta', async () => {
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('heading', { level: 2, name: /Falta contestar estos \d+ datos para continuar/ }).waitFor();
    await stepHeading(page, 'Hogar');
    // The summary names what is missing, each a link to its field.
    await page.getByRole('link', { name: 'Integrante del hogar 1 › ¿Habla alguna lengua indígena?', exact: true }).waitFor();
    expect(await mostRepeatsInOneText(page), 'ningún párrafo repite «Este dato es obligatorio.»').toBeLessThanOrEqual(1);
    // The message is next to the field, tied to it.
    const lengua = page.getByRole('radiogroup', { name: /¿Habla alguna lengua indígena\?/ });
    const describedBy = ((await lengua.getAttribute('aria-describedby')) ?? '').split(' ').find((id) => id.endsWith('-error'));
    expect(describedBy, 'el error está ligado a su pregunta').toBeTruthy();
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toContain(REQUIRED);
    // The follow-up is neither shown nor demanded while its question is unanswered.
    expect(await page.getByText(/¿Qué tanta dificultad tiene\?/).count()).toBe(0);
    await check(page, '41-hogar-datos-faltantes');

    await pickRadio(page, '¿Habla alguna lengua indígena?', 'No');
    await pickRadio(page, '¿Sabe leer y escribir un recado?', 'Sí');
    await pickRadio(page, '¿Asiste actualmente a la escuela?', 'No');
    await page.getByLabel(label('Último nivel escolar aprobado')).selectOption({ label: 'Primaria completa' });
    await page.getByLabel(label('¿Dónde tiene derecho a recibir servicios médicos?')).selectOption({ label: 'En ninguna institución' });
    await pickRadio(page, '¿Trabajó el mes pasado?', 'No');
    await pickRadio(page, '¿Es jubilada(o) o pensionada(o)?', 'No');
    await pickRadio(page, '¿Recibe la Pensión para el Bienestar de las Personas Adultas Mayores?', 'No');
    await page.getByLabel(label('¿Tiene alguna dificultad permanente para…?')).selectOption({ label: 'Caminar, subir o bajar usando sus piernas' });
    // Now it is asked, and demanded.
    const grado = page.getByLabel(label('¿Qué tanta dificultad tiene?'));
    await grado.waitFor();
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('heading', { level: 2, name: 'Falta contestar este dato para continuar' }).waitFor();
    expect(await grado.getAttribute('aria-invalid')).toBe('true');
    await grado.selectOption({ label: 'Poca' });
    await siguiente(page, 'Vivienda');
  });

  it('guarda el borrador en Vivienda y en otro navegador, sin nada guardado en él, lo retoma en Vivienda', async () => {
    await page.getByRole('button', { name: 'Guardar y continuar después' }).click();
    await heading(page, 'Mis solicitudes');

    const other = await browser.newContext({ baseURL: base, locale: 'es-MX', viewport: PHONE, bypassCSP: true });
    const phone = await other.newPage();
    phone.setDefaultTimeout(15_000);
    await phone.goto('/solicitudes');
    expect(await phone.evaluate('localStorage.length'), 'un navegador nuevo no tiene nada guardado').toBe(0);
    await heading(phone, 'Iniciar sesión');
    await logIn(phone);
    await heading(phone, 'Mis solicitudes');
    await phone.getByRole('link', { name: `Continuar solicitud de ${PROGRAM.nombre}` }).click();
    await heading(phone, `Solicitud de ${PROGRAM.nombre}`);
    await stepHeading(phone, 'Vivienda');
    await phone.getByText('Retomamos tu borrador guardado en el paso donde te quedaste').waitFor();
    expect(await phone.getByLabel(label('¿Cuántos cuartos se usan para dormir?')).inputValue()).not.toBe('');
    await check(phone, '42-borrador-retomado-en-su-paso');
    await other.close();
  });

  it('envía Negocios familiares al primer «Enviar solicitud» sin que le pregunten otra vez el tipo de apoyo', async () => {
    await page.getByRole('link', { name: `Continuar solicitud de ${PROGRAM.nombre}` }).click();
    await stepHeading(page, 'Vivienda');
    for (const step of ['Servicios', 'Alimentación', 'Ingreso', 'Documentos']) await siguiente(page, step);
    await uploadEveryDocument(page);
    await siguiente(page, 'Revisar y enviar');
    await page.getByText('Cumples los requisitos').waitFor();
    // Asked once: its answer is among her answers, and the review page does not ask it again.
    await page.getByText('Capital de trabajo ($8,000 para insumos o mercancía)').waitFor();
    expect(await page.getByRole('radiogroup', { name: '¿Qué apoyo solicitas?' }).count()).toBe(0);
    expect(await page.getByText('¿Qué apoyo solicitas?').count()).toBe(1);
    await check(page, '43-revisar-negocios');
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await heading(page, '¡Recibimos tu solicitud!');
    applicationId = /\/solicitudes\/([^/]+)\/enviada/.exec(page.url())?.[1] ?? '';
    const detail = (await page.evaluate(`fetch('/api/solicitudes/${applicationId}').then((r) => r.json())`)) as { tipoApoyo: { id: string } | null };
    expect(detail.tipoApoyo?.id, 'el tipo de apoyo elegido en el formulario').toBe('capital-de-trabajo');
  });

  it('ve el folio en una sola línea a 360 px y «Tipo de apoyo» en Mis solicitudes', async () => {
    await page.setViewportSize(PHONE);
    await expectFolioOnOneLine(page.locator('[data-folio] [data-folio-texto]'), 'confirmación');
    await check(page, '44-folio-confirmacion');
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Ir a mis solicitudes' }).click();
    await heading(page, 'Mis solicitudes');
    await expectFolioOnOneLine(page.locator('[data-folio-texto]').first(), 'Mis solicitudes');
    await page.setViewportSize(DESKTOP);
    await page.getByRole('columnheader', { name: 'Tipo de apoyo', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Capital de trabajo' }).waitFor();
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: /^Ver solicitud/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Solicitud / }).waitFor();
    for (const folio of await page.locator('[data-folio-texto]').all()) await expectFolioOnOneLine(folio, 'página de la solicitud');
    await check(page, '45-folio-solicitud');
  });
});
