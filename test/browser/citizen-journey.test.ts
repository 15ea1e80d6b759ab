/**
 * The citizen journey in a real browser (Debian's Chromium through playwright-core), against the real
 * server and the built portal: sign-up refused for a bad CURP, sign-up, phone code from the SMS outbox,
 * log in, open calls, the CUIS form step by step (errors shown per step, draft resumed on another
 * device), documents (a server refusal shown, then PDFs), eligibility, submission (double click),
 * folio; then an official's correction request through the API, the correction and the history.
 * axe-core runs on every page at 1280×800 and 360×740 (no serious or critical violations allowed), and
 * every page is photographed into screenshots/ at both sizes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { NotificationOutbox } from '../../runtime/db/entities.ts';
import { createOfficial } from '../../runtime/server/demo.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';
import { browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, pageChecker, prepareWeb, tinyPdf } from '../helpers/browser.ts';

const axeReport: Array<{ page: string; size: string; violations: string[]; serious: string[] }> = [];
/** axe at both sizes (no serious or critical violation) and a full-page screenshot of each. */
const check = pageChecker(axeReport);


/** An invented woman born in Querétaro in 1984: her CURP is well formed and matches the data below. */
const CITIZEN = {
  curp: 'SARG840203MQTNMD00',
  nombres: 'Sandra Araceli',
  primerApellido: 'Sánchez',
  segundoApellido: 'Ramírez',
  fechaNacimiento: '1984-02-03',
  telefono: '4275550142',
  correo: 'sandra.prueba@example.mx',
  contrasena: 'Nogal2026sjr',
};
const OFFICIAL = { usuario: 'revisora.prueba', nombre: 'Revisora de Prueba', correo: 'revisora.prueba@example.mx', contrasena: 'Huizache dorado junto al arroyo 61', roles: ['revisor'], area: 'subsecretaria-desarrollo-social' };
const PROGRAM = { id: 'tarjeta-contigo', nombre: 'Tarjeta Contigo' };
// No semicolon: on PGlite an UPDATE whose text contains «;» fails (see the report); PostgreSQL is fine.
const COMMENT = 'El código postal no corresponde a la colonia San Cayetano. Corrígelo y sube un comprobante de domicilio legible.';

async function radio(page: Page, group: string | RegExp, option: string): Promise<void> {
  await page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true }).check();
}

async function next(page: Page, stepTitle: string): Promise<void> {
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await heading(page, new RegExp(stepTitle), 2);
}

let t: TestApp;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let applicationId = '';
let folio = '';

beforeAll(async () => {
  await prepareWeb();
  t = await startTestApp();
  base = await listenOnLoopback(t.app);
  browser = await launchChromium();
  // bypassCSP only so axe can be injected; the app itself runs under its real policy otherwise.
  context = await browser.newContext({ baseURL: base, locale: 'es-MX', timezoneId: 'America/Mexico_City', viewport: { width: 1280, height: 800 }, bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 180_000);

// A failing step leaves a picture of what the citizen saw.
browserSuiteHooks('ciudadano', () => ({ page, browser, app: t, axe: axeReport }));

describe('viaje del ciudadano en el navegador', { timeout: 120_000 }, () => {
  it('el portal corre bajo su CSP sin errores en consola', async () => {
    const strict = await browser.newContext({ baseURL: base, locale: 'es-MX' });
    const p = await strict.newPage();
    const problems: string[] = [];
    // The session probe (GET /api/cuenta) answers 401 to anonymous visitors, as the contract says.
    p.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/api/cuenta') && problems.push(m.text()));
    p.on('pageerror', (e) => problems.push(e.message));
    const res = await p.goto('/');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await heading(p, 'Programas sociales');
    await p.getByRole('heading', { level: 2, name: PROGRAM.nombre }).waitFor();
    expect(problems).toEqual([]);
    await strict.close();
  });

  it('muestra el catálogo de programas y el detalle de uno', async () => {
    await page.goto('/');
    await heading(page, 'Programas sociales');
    await page.getByRole('heading', { level: 2, name: 'Apoyo Tecnológico' }).waitFor();
    await check(page, '01-inicio');
    // Keyboard: the skip link is the first tab stop of the page, and focused it becomes visible.
    await page.goto('/');
    await page.getByRole('heading', { level: 2, name: PROGRAM.nombre }).waitFor();
    const firstStop = "[...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')].find((e) => e.tabIndex >= 0 && !e.disabled)";
    expect(await page.evaluate(`${firstStop}.textContent`)).toBe('Saltar al contenido principal');
    await page.evaluate(`${firstStop}.focus()`);
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Saltar al contenido principal');
    expect(await page.evaluate('document.activeElement.getBoundingClientRect().top >= 0')).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate('location.hash')).toBe('#contenido');
    await page.getByRole('link', { name: `Ver detalles de ${PROGRAM.nombre}` }).click();
    await heading(page, PROGRAM.nombre);
    // After navigating, the new page's h1 has the focus (screen readers announce the page).
    expect(await page.evaluate('document.activeElement.tagName + ":" + document.activeElement.textContent')).toBe(`H1:${PROGRAM.nombre}`);
    await page.getByRole('heading', { level: 2, name: 'Requisitos' }).waitFor();
    await page.getByText(/Tarjeta Contigo es para mujeres/).waitFor();
    await check(page, '01b-programa');
    await page.goBack();
    await heading(page, 'Programas sociales');
  });

  it('rechaza una CURP inválida con un mensaje claro mientras se escribe', async () => {
    await page.getByRole('link', { name: 'Crear cuenta' }).first().click();
    await heading(page, 'Crear cuenta');
    const curp = page.getByLabel(label('CURP'));
    await curp.fill('SARG840203MQTNMD09');
    await page.getByText(/dígito verificador .* no corresponde/).first().waitFor();
    expect(await curp.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    // The summary lists the problem and takes the focus; the account is not created.
    await page.getByRole('heading', { level: 2, name: 'Revisa estos datos' }).waitFor();
    await page.getByRole('link', { name: /CURP: .*dígito verificador/ }).waitFor();
    expect(page.url()).toContain('/crear-cuenta');
    await check(page, '02-crear-cuenta-curp-invalida');
  });

  it('crea la cuenta y confirma el teléfono con el código del SMS', async () => {
    await page.getByLabel(label('CURP')).fill(CITIZEN.curp);
    await page.getByText(/CURP válida: nacimiento 03\/02\/1984, mujer/).waitFor();
    // Birth date and sex come from the CURP.
    const birth = page.getByRole('group', { name: 'Fecha de nacimiento' });
    expect([await birth.getByLabel('Día').inputValue(), await birth.getByLabel('Mes').inputValue(), await birth.getByLabel('Año').inputValue()]).toEqual(['3', '02', '1984']);
    expect(await page.getByRole('radio', { name: 'Mujer' }).isChecked()).toBe(true);
    await page.getByLabel(label('Nombre(s)')).fill(CITIZEN.nombres);
    await page.getByLabel(label('Primer apellido')).fill(CITIZEN.primerApellido);
    await page.getByLabel(label('Segundo apellido')).fill(CITIZEN.segundoApellido);
    await page.getByLabel(label('Teléfono celular')).fill(CITIZEN.telefono);
    await page.getByLabel(label('Correo electrónico')).fill(CITIZEN.correo);
    await page.getByLabel(label('Contraseña')).fill(CITIZEN.contrasena);
    await page.getByLabel(label('Confirma tu contraseña')).fill(CITIZEN.contrasena);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await heading(page, 'Verificar teléfono');
    await page.getByText(/enviamos por SMS a tu celular •+ •*0142|enviamos por SMS a tu celular/).first().waitFor();
    await check(page, '03-verificar-telefono');

    const sms = await t.app.db.orm.em.fork().find(NotificationOutbox, { phone: CITIZEN.telefono }, { orderBy: { createdAt: 'desc' } });
    const code = /\b(\d{6})\b/.exec(sms[0]?.body ?? '')?.[1];
    expect(code, 'código en el SMS').toBeTruthy();
    await page.getByLabel(label('Código de verificación')).fill('000000' === code ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verificar teléfono' }).click();
    await page.getByText(/El código no es correcto/).waitFor();
    await page.getByLabel(label('Código de verificación')).fill(code!);
    await page.getByRole('button', { name: 'Verificar teléfono' }).click();
    await heading(page, 'Apoyos disponibles');
    await page.getByText('Confirmamos tu teléfono').waitFor();
  });

  it('recupera la contraseña con el código que llega por SMS', async () => {
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByText('Cerraste tu sesión.').waitFor();
    await page.goto('/iniciar-sesion');
    await page.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
    await heading(page, 'Recuperar contraseña');
    await page.getByLabel(label('CURP')).fill(CITIZEN.curp);
    await page.getByRole('button', { name: 'Enviarme un código' }).click();
    await page.getByText(/enviamos un código por SMS a su teléfono/).waitFor();
    // The code is issued after the 202 (same answer time whether or not the CURP has an account).
    await t.app.backgroundWork.idle();
    const sms = await t.app.db.orm.em.fork().find(NotificationOutbox, { phone: CITIZEN.telefono }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    const reset = sms.find((m) => m.body.includes('cambiar tu contraseña'));
    const code = /\b(\d{6})\b/.exec(reset?.body ?? '')?.[1];
    expect(code, 'código de recuperación en el SMS').toBeTruthy();
    CITIZEN.contrasena = 'Mezquite2027qro';
    await page.getByLabel(label('Código de verificación')).fill(code!);
    await page.getByLabel(label('Nueva contraseña')).fill(CITIZEN.contrasena);
    await page.getByLabel(label('Confirma tu nueva contraseña')).fill(CITIZEN.contrasena);
    await check(page, '03b-recuperar-contrasena');
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await heading(page, 'Iniciar sesión');
    await page.getByText('Cambiaste tu contraseña').waitFor();
  });

  it('inicia sesión con CURP y contraseña', async () => {
    await page.getByLabel(label('CURP')).fill(CITIZEN.curp);
    await page.getByLabel(label('Contraseña')).fill('Incorrecta2026');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByText('La CURP o la contraseña no son correctas.').waitFor();
    await check(page, '04-iniciar-sesion-error');
    await page.getByLabel(label('Contraseña')).fill(CITIZEN.contrasena);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await heading(page, 'Mis solicitudes');
    await page.getByText('Todavía no tienes solicitudes.').waitFor();
    await check(page, '05-mis-solicitudes-vacia');
  });

  it('ve las convocatorias abiertas y empieza una solicitud', async () => {
    await page.getByRole('link', { name: 'Apoyos disponibles' }).first().click();
    await heading(page, 'Apoyos disponibles');
    // Querétaro Fuerte (2020) is closed: it is not offered.
    expect(await page.getByRole('heading', { level: 2, name: 'Querétaro Fuerte' }).count()).toBe(0);
    await check(page, '06-apoyos-disponibles');
    await page.getByRole('link', { name: `Solicitar ${PROGRAM.nombre}` }).click();
    await heading(page, `Solicitud de ${PROGRAM.nombre}`);
    await heading(page, /Domicilio/, 2);
  });

  it('valida cada paso en el servidor antes de avanzar y muestra los errores junto a los campos', async () => {
    await page.getByLabel(label('Localidad')).fill('San Juan del Río');
    await page.getByLabel(label('Código postal')).fill('7680');
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('heading', { level: 2, name: /Revisa estos \d+ datos para continuar/ }).waitFor();
    const cp = page.getByLabel(label('Código postal'));
    expect(await cp.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await cp.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId, 'el error está ligado al campo').toBeTruthy();
    expect(await page.locator(`[id="${errorId}"]`).innerText()).toMatch(/formato/);
    expect(await page.getByLabel(label('Municipio')).getAttribute('aria-invalid')).toBe('true');
    await heading(page, /Domicilio/, 2);
    await check(page, '07-paso-domicilio-errores');

    await page.getByLabel(label('Municipio')).selectOption({ label: 'San Juan del Río' });
    await page.getByLabel(label('Tipo de localidad')).selectOption({ label: 'Urbana (2,500 habitantes o más)' });
    await page.getByLabel(label('Colonia o asentamiento')).fill('San Cayetano');
    await cp.fill('76806');
    await page.getByLabel(label('Calle')).fill('Calle Nogal');
    await page.getByLabel(label('Número exterior')).fill('27');
    await next(page, 'Hogar');
  });

  it('retoma el borrador guardado en otro dispositivo', async () => {
    const other = await browser.newContext({ baseURL: base, locale: 'es-MX', viewport: { width: 360, height: 740 } });
    const phone = await other.newPage();
    await phone.goto(`/solicitar/${PROGRAM.id}`);
    await heading(phone, 'Iniciar sesión');
    await phone.getByLabel(label('CURP')).fill(CITIZEN.curp);
    await phone.getByLabel(label('Contraseña')).fill(CITIZEN.contrasena);
    await phone.getByRole('button', { name: 'Iniciar sesión' }).click();
    await heading(phone, `Solicitud de ${PROGRAM.nombre}`);
    // At the step where she left on the computer (the server keeps it; this phone has nothing stored).
    await heading(phone, /Hogar/, 2);
    await phone.getByText('Retomamos tu borrador guardado en el paso donde te quedaste').waitFor();
    await phone.getByRole('button', { name: 'Ver todos los pasos' }).click();
    await phone.getByRole('navigation', { name: 'Pasos de la solicitud' }).getByRole('button', { name: /^Paso 1: Domicilio/ }).click();
    await heading(phone, /Domicilio/, 2);
    expect(await phone.getByLabel(label('Calle')).inputValue()).toBe('Calle Nogal');
    await other.close();
  });

  it('llena el CUIS paso a paso', async () => {
    // Hogar: the list starts with one person, the applicant, from her account (CURP: 03/02/1984).
    await heading(page, /Integrante del hogar 1/, 4);
    expect(await page.getByLabel(label('Nombre completo')).inputValue()).toBe(`${CITIZEN.nombres} ${CITIZEN.primerApellido} ${CITIZEN.segundoApellido}`);
    expect(await page.getByLabel(label('Edad')).inputValue()).toBe('42');
    await page.getByLabel(label('Nombre completo')).fill('Sandra Araceli Sánchez Ramírez');
    await page.getByLabel(label('Parentesco con la persona solicitante')).selectOption({ label: 'Es la persona solicitante' });
    await page.getByLabel(label('Sexo')).selectOption({ label: 'Mujer' });
    await page.getByLabel(label('Edad')).fill('42');
    await radio(page, '¿Habla alguna lengua indígena?', 'No');
    await radio(page, '¿Sabe leer y escribir un recado?', 'Sí');
    await radio(page, '¿Asiste actualmente a la escuela?', 'No');
    await page.getByLabel(label('Último nivel escolar aprobado')).selectOption({ label: 'Primaria completa' });
    await page.getByLabel(label('¿Dónde tiene derecho a recibir servicios médicos?')).selectOption({ label: 'En ninguna institución' });
    await radio(page, '¿Trabajó el mes pasado?', 'Sí');
    // A rule shows the work questions only to people who work.
    await page.getByLabel(label('En su trabajo principal es…')).waitFor();
    await radio(page, '¿Trabajó el mes pasado?', 'No');
    await page.getByLabel(label('En su trabajo principal es…')).waitFor({ state: 'detached' });
    await radio(page, '¿Es jubilada(o) o pensionada(o)?', 'No');
    await radio(page, '¿Recibe la Pensión para el Bienestar de las Personas Adultas Mayores?', 'No');
    await page.getByLabel(label('¿Tiene alguna dificultad permanente para…?')).selectOption({ label: 'Ninguna' });
    await check(page, '08-paso-hogar');
    await next(page, 'Vivienda');

    await page.getByLabel(label('¿Cuántos cuartos se usan para dormir?')).fill('1');
    await page.getByLabel(label('¿Cuántos cuartos tiene la vivienda en total?')).fill('2');
    await page.getByLabel(label('¿De qué material es la mayor parte del piso?')).selectOption({ label: 'Cemento o firme' });
    await page.getByLabel(label('¿De qué material es la mayor parte del techo?')).selectOption({ label: 'Lámina metálica' });
    await page.getByLabel(label('¿De qué material es la mayor parte de las paredes?')).selectOption({ label: 'Tabique, ladrillo, block, piedra, cantera, cemento o concreto' });
    await page.getByLabel(label('La vivienda es…')).selectOption({ label: 'Propia y totalmente pagada' });
    await next(page, 'Servicios');

    await page.getByLabel(label('¿Cómo obtienen el agua?')).selectOption({ label: 'Agua entubada fuera de la vivienda, dentro del terreno' });
    await page.getByLabel(label('La vivienda tiene drenaje o desagüe conectado a…')).selectOption({ label: 'La red pública' });
    await radio(page, '¿La vivienda tiene luz eléctrica?', 'Sí');
    await page.getByLabel(label('¿Qué combustible usan principalmente para cocinar?')).selectOption({ label: 'Gas LP o gas natural' });
    await next(page, 'Alimentación');

    await radio(page, /poca variedad de alimentos/, 'Sí');
    await radio(page, /dejó de desayunar, comer o cenar/, 'No');
    await radio(page, /comió menos de lo que piensa/, 'Sí');
    await radio(page, /Se quedaron sin comida/, 'No');
    await radio(page, /sintió hambre pero no comió/, 'No');
    await radio(page, /una vez al día o dejó de comer todo un día/, 'No');
    await radio(page, /menores de 18 años/, 'No');
    await check(page, '09-paso-alimentacion');
    await next(page, 'Ingreso');

    await page.getByLabel(label('Ingreso mensual del hogar (pesos)')).fill('2500');
    await radio(page, /perdió su empleo o su fuente de ingresos/, 'No');
    await radio(page, /familiares que viven en otro país/, 'No');
    await next(page, PROGRAM.nombre);

    await page.getByLabel(label('¿A qué te dedicas principalmente?')).selectOption({ label: 'Trabajo del hogar y de cuidados sin pago' });
    await radio(page, '¿Eres la jefa del hogar?', 'Sí');
    await radio(page, /otro programa social/, 'No');
    await radio(page, '¿Cómo prefieres que te avisemos?', 'Mensaje de texto (SMS)');
    await next(page, 'Documentos');
  });

  it('sube los documentos: muestra el rechazo del servidor y acepta PDF', async () => {
    const section = (id: string) => page.locator(`section[data-documento="${id}"]`);
    await section('curp').getByText('Formatos: PDF, JPG o PNG.').waitFor();
    // A text file that claims to be a PDF: the server looks at its content and refuses it.
    await page.setInputFiles('#documento-curp', { name: 'curp.pdf', mimeType: 'application/pdf', buffer: Buffer.from('esto no es un PDF, es texto') });
    await section('curp').getByRole('alert').getByText(/se aceptan/).waitFor();
    await check(page, '10-documentos-error');
    for (const id of ['identificacion-oficial', 'curp', 'comprobante-domicilio']) {
      await page.setInputFiles(`#documento-${id}`, { name: `${id}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(id) });
      await section(id).getByText(`«${id}.pdf»`).waitFor();
    }
    // Rural proof of residence is not needed for an urban address.
    await section('constancia-residencia').getByText('No es necesario en tu caso').waitFor();
    await check(page, '11-documentos');
    await next(page, 'Revisar y enviar');
  });

  it('revisa requisitos, envía con doble clic y recibe un solo folio', async () => {
    await page.getByText('Cumples los requisitos').waitFor();
    await page.getByRole('heading', { name: 'Tus respuestas' }).waitFor();
    await page.getByText('San Juan del Río').first().waitFor();
    await check(page, '12-revisar-y-enviar');
    await page.getByRole('button', { name: 'Enviar solicitud' }).dblclick();
    await heading(page, '¡Recibimos tu solicitud!');
    applicationId = /\/solicitudes\/([^/]+)\/enviada/.exec(page.url())?.[1] ?? '';
    folio = await page.locator('[data-folio]').innerText();
    expect(folio).toMatch(/TCON/);
    await page.getByText('En proceso').first().waitFor();
    await check(page, '13-solicitud-enviada');

    const list = await t.app.inject({ method: 'GET', url: '/api/solicitudes', cookies: { sipros_sesion: (await context.cookies()).find((c) => c.name === 'sipros_sesion')!.value } });
    expect(list.json().filter((s: { folio: string | null }) => s.folio)).toHaveLength(1);
  });

  it('lista la solicitud en Mis solicitudes y prellena otro programa con el expediente', async () => {
    await page.getByRole('link', { name: 'Ir a mis solicitudes' }).click();
    await heading(page, 'Mis solicitudes');
    await page.getByRole('cell', { name: new RegExp(`${PROGRAM.nombre}.*Folio ${folio}`) }).waitFor();
    for (const col of ['Solicitud', 'Tipo de apoyo', 'Estado', 'Acciones']) await page.getByRole('columnheader', { name: col }).waitFor();
    await check(page, '14-mis-solicitudes');

    // One active application per program: a second one is not offered.
    await page.goto(`/solicitar/${PROGRAM.id}`);
    await page.getByText('Ya tienes una solicitud en este programa').waitFor();

    await page.goto('/solicitar/apoyo-emergente-mujeres');
    await page.getByText('Prellenamos con tus respuestas anteriores').waitFor();
    await check(page, '15-solicitar-prellenado');
  });

  it('ve la corrección pedida por el funcionario, corrige solo lo marcado y ve el historial', async () => {
    await createOfficial(t.app.db.orm.em.fork(), OFFICIAL, { now: new Date() });
    const login = await fetch(`${base}/api/funcionarios/sesion`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ usuario: OFFICIAL.usuario, contrasena: OFFICIAL.contrasena }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const event = await fetch(`${base}/api/funcionario/solicitudes/${applicationId}/eventos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ evento: 'SOLICITAR_CORRECCION', comentario: COMMENT, campos: ['domicilio.codigo_postal'], documentos: ['comprobante-domicilio'] }),
    });
    expect(event.status, await event.clone().text()).toBe(200);

    // The citizen answers the next morning (documents count as re-uploaded when newer than the request).
    t.setNow('2026-11-25T09:30:00-06:00');
    await page.goto('/solicitudes');
    await page.getByRole('cell', { name: 'Corrección' }).waitFor();
    await page.getByRole('link', { name: /^Ver solicitud/ }).first().click();
    await heading(page, `Solicitud ${folio}`);
    await page.getByRole('heading', { level: 2, name: 'Tu solicitud necesita correcciones' }).waitFor();
    expect(await page.locator('[data-comentario]').innerText()).toBe(COMMENT);
    // Only the flagged field is offered, and it is highlighted.
    const fields = page.locator('section[aria-labelledby="correccion-titulo"] input:not([type=file]), section[aria-labelledby="correccion-titulo"] select');
    expect(await fields.count()).toBe(1);
    const cp = page.locator('#correccion-domicilio-codigo_postal');
    expect(await cp.inputValue()).toBe('76806');
    await page.locator('[data-marcado="true"]').first().waitFor();
    await check(page, '16-ver-solicitud-correccion');

    await page.getByRole('button', { name: 'Enviar corrección' }).click();
    await page.getByRole('link', { name: /Vuelve a subir: Comprobante de domicilio/ }).waitFor();
    await cp.fill('76807');
    await page.setInputFiles('#documento-comprobante-domicilio', { name: 'comprobante-nuevo.pdf', mimeType: 'application/pdf', buffer: tinyPdf('comprobante nuevo') });
    await page.getByText('«comprobante-nuevo.pdf»').waitFor();
    await page.getByRole('button', { name: 'Enviar corrección' }).click();
    await page.getByText(/Enviamos tu corrección/).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Tu solicitud necesita correcciones' }).waitFor({ state: 'detached' });
    await page.getByText('76807').first().waitFor();
    await check(page, '17-ver-solicitud-corregida');

    await page.getByRole('link', { name: 'Historial de la solicitud' }).click();
    await heading(page, `Historial de la solicitud ${folio}`);
    for (const col of ['Estado', 'Fecha', 'Comentario']) await page.getByRole('columnheader', { name: col }).waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).innerText()).toMatch(/En proceso\s+24\/11\/2026/);
    expect(await rows.nth(1).innerText()).toContain(COMMENT);
    expect(await rows.nth(1).innerText()).toMatch(/Corrección\s+24\/11\/2026/);
    expect(await rows.nth(2).innerText()).toMatch(/En proceso\s+25\/11\/2026/);
    await check(page, '18-historial');
  });
});
