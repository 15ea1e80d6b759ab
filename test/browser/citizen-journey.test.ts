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
import { fillAlimentacion, fillDomicilio, fillIngreso, fillIntegrante, fillServicios, fillVivienda, TYPICAL } from '../helpers/cuis.ts';
import { createOfficial } from '../../runtime/server/demo.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';
import { browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, pageChecker, prepareWeb, tinyPdf } from '../helpers/browser.ts';
import { nextStep, pickOption, pickRadio, retype, smsCode, typePersonalData, typeText } from '../helpers/as-a-person.ts';

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
    await retype(curp, 'SARG840203MQTNMD09');
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
    await retype(page.getByLabel(label('CURP')), CITIZEN.curp);
    await page.getByText(/CURP válida: nacimiento 03\/02\/1984, mujer/).waitFor();
    // Birth date and sex come from the CURP.
    const birth = page.getByRole('group', { name: 'Fecha de nacimiento' });
    expect([await birth.getByLabel('Día').inputValue(), await birth.getByLabel('Mes').inputValue(), await birth.getByLabel('Año').inputValue()]).toEqual(['3', '02', '1984']);
    expect(await page.getByRole('radio', { name: 'Mujer' }).isChecked()).toBe(true);
    await typePersonalData(page, CITIZEN);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await heading(page, 'Verificar teléfono');
    await page.getByText(/enviamos por SMS a tu celular •+ •*0142|enviamos por SMS a tu celular/).first().waitFor();
    await check(page, '03-verificar-telefono');

    const code = await smsCode(t.app, CITIZEN.telefono);
    await typeText(page.getByLabel(label('Código de verificación')), '000000' === code ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verificar teléfono' }).click();
    await page.getByText(/El código no es correcto/).waitFor();
    await retype(page.getByLabel(label('Código de verificación')), code!);
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
    await retype(page.getByLabel(label('CURP')), CITIZEN.curp);
    await page.getByRole('button', { name: 'Enviarme un código' }).click();
    await page.getByText(/enviamos un código por SMS a su teléfono/).waitFor();
    // The code is issued after the 202 (same answer time whether or not the CURP has an account).
    await t.app.backgroundWork.idle();
    const sms = await t.app.db.orm.em.fork().find(NotificationOutbox, { phone: CITIZEN.telefono }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    const reset = sms.find((m) => m.body.includes('cambiar tu contraseña'));
    const code = /\b(\d{6})\b/.exec(reset?.body ?? '')?.[1];
    expect(code, 'código de recuperación en el SMS').toBeTruthy();
    CITIZEN.contrasena = 'Mezquite2027qro';
    await retype(page.getByLabel(label('Código de verificación')), code!);
    await retype(page.getByLabel(label('Nueva contraseña')), CITIZEN.contrasena);
    await retype(page.getByLabel(label('Confirma tu nueva contraseña')), CITIZEN.contrasena);
    await check(page, '03b-recuperar-contrasena');
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await heading(page, 'Iniciar sesión');
    await page.getByText('Cambiaste tu contraseña').waitFor();
  });

  it('inicia sesión con CURP y contraseña', async () => {
    await retype(page.getByLabel(label('CURP')), CITIZEN.curp);
    await retype(page.getByLabel(label('Contraseña')), 'Incorrecta2026');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByText('La CURP o la contraseña no son correctas.').waitFor();
    await check(page, '04-iniciar-sesion-error');
    await retype(page.getByLabel(label('Contraseña')), CITIZEN.contrasena);
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
    await fillDomicilio(page, { localidad: 'San Juan del Río', codigoPostal: '7680' });
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

    await fillDomicilio(page, {
      municipio: 'San Juan del Río',
      tipoLocalidad: 'Urbana (2,500 habitantes o más)',
      colonia: 'San Cayetano',
      codigoPostal: '76806',
      calle: 'Calle Nogal',
      numeroExterior: '27',
    });
    await nextStep(page, 'Hogar');
  });

  it('retoma el borrador guardado en otro dispositivo', async () => {
    const other = await browser.newContext({ baseURL: base, locale: 'es-MX', viewport: { width: 360, height: 740 } });
    const phone = await other.newPage();
    await phone.goto(`/solicitar/${PROGRAM.id}`);
    await heading(phone, 'Iniciar sesión');
    await retype(phone.getByLabel(label('CURP')), CITIZEN.curp);
    await retype(phone.getByLabel(label('Contraseña')), CITIZEN.contrasena);
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
    await retype(page.getByLabel(label('Nombre completo')), 'Sandra Araceli Sánchez Ramírez');
    await pickOption(page, 'Parentesco con la persona solicitante', 'Es la persona solicitante');
    await pickOption(page, 'Sexo', 'Mujer');
    await retype(page.getByLabel(label('Edad')), '42');
    await fillIntegrante(page, { lenguaIndigena: 'No', leeYEscribe: 'Sí', asisteEscuela: 'No', nivelEscolar: 'Primaria completa', serviciosMedicos: 'En ninguna institución', trabajo: 'Sí' });
    // A rule shows the work questions only to people who work.
    await page.getByLabel(label('En su trabajo principal es…')).waitFor();
    await pickRadio(page, '¿Trabajó el mes pasado?', 'No');
    await page.getByLabel(label('En su trabajo principal es…')).waitFor({ state: 'detached' });
    await fillIntegrante(page, { jubilada: 'No', pensionBienestar: 'No', dificultad: 'Ninguna' });
    await check(page, '08-paso-hogar');
    await nextStep(page, 'Vivienda');

    await fillVivienda(page, { cuartosDormir: '1', cuartosTotal: '2', ...TYPICAL.vivienda });
    await nextStep(page, 'Servicios');
    await fillServicios(page, TYPICAL.servicios);
    await nextStep(page, 'Alimentación');
    await fillAlimentacion(page, { ...TYPICAL.alimentacionSinCarencia, pocaVariedad: 'Sí', comioMenos: 'Sí' });
    await check(page, '09-paso-alimentacion');
    await nextStep(page, 'Ingreso');
    await fillIngreso(page, { mensual: '2500', perdioEmpleo: 'No', familiaresEnOtroPais: 'No' });
    await nextStep(page, PROGRAM.nombre);

    await page.getByLabel(label('¿A qué te dedicas principalmente?')).selectOption({ label: 'Trabajo del hogar y de cuidados sin pago' });
    await pickRadio(page, '¿Eres la jefa del hogar?', 'Sí');
    await pickRadio(page, /otro programa social/, 'No');
    await pickRadio(page, '¿Cómo prefieres que te avisemos?', 'Mensaje de texto (SMS)');
    await nextStep(page, 'Documentos');
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
    await nextStep(page, 'Revisar y enviar');
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
    await retype(cp, '76807');
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
