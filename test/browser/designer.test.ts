/**
 * The designer in a real browser (issue 5): a planner of the planning office builds «Apoyo a Adultos
 * Mayores» without typing code or JSON — three steps (CUIS domicilio, an own step with a conditional
 * question, the CUIS household block with its repeating group of members), an age ≥ 65 requirement,
 * two documents, a two-level approval (revisor → coordinador), SMS texts, test cases run in the
 * designer — and publishes it. Then a citizen of 71 applies (API) and two officials approve it.
 * Every designer screen is checked with axe and photographed at 1280×800 into screenshots/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { Application, AuditLog, Program, ProgramDraft, ProgramVersion } from '../../runtime/db/entities.ts';
import { createOfficial } from '../../runtime/server/demo.ts';
import { citizenWithSession, curpFor, officialWithSession } from '../helpers/actors.ts';
import { axeViolations, browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, prepareWeb, settle, SHOTS } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';
import { openList, retype, typeText } from '../helpers/as-a-person.ts';


const PLANNER = { usuario: 'planeadora.prueba', nombre: 'Planeadora de Prueba', correo: 'planeadora.prueba@example.mx', contrasena: 'Planeacion2026', roles: ['planeacion'], area: 'subsecretaria-desarrollo-social' };
const PROGRAM = { id: 'apoyo-a-adultos-mayores', nombre: 'Apoyo a Adultos Mayores' };
/** 71 years old on the test cases' date (2027-01-12) and on the server's (2026-11-24). */
const SENIOR = curpFor('GOMA', '550310', 'M');
/** 64 years old on those dates. */
const YOUNGER = curpFor('LURE', '620601', 'H');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** axe (no serious or critical violation) and a full-page screenshot at 1280×800. */
async function check(page: Page, name: string): Promise<void> {
  await settle(page);
  const violations = await axeViolations(page, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`), `axe en «${name}»`).toEqual([]);
  expect((await page.evaluate('document.documentElement.scrollWidth')) as number, `ancho de «${name}»`).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: `${SHOTS}${name}-1280.png`, fullPage: true });
}


/** Autosave done: the status says «Guardado …». */
async function saved(page: Page): Promise<void> {
  await page.getByTestId('autoguardado').filter({ hasText: /^Guardado/ }).waitFor();
}

async function section(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Secciones del programa' }).getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await heading(page, name, 2);
}

const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** A Día/Mes/Año field typed as a person does: the day key by key, the month by its name, the year key by key. */
async function typeDate(page: Page, name: RegExp, iso: string): Promise<void> {
  const group = page.getByRole('group', { name });
  const [anio, mes, dia] = iso.split('-');
  await retype(group.getByLabel('Día'), '');
  await group.getByLabel('Día').pressSequentially(String(Number(dia)));
  await group.getByLabel('Mes').selectOption({ label: MESES[Number(mes) - 1] });
  await retype(group.getByLabel('Año'), '');
  await group.getByLabel('Año').pressSequentially(anio);
  expect([await group.getByLabel('Día').inputValue(), await group.getByLabel('Mes').inputValue(), await group.getByLabel('Año').inputValue()]).toEqual([String(Number(dia)), mes, anio]);
}

/** Picks an option of an MUI select (by its label) inside `scope`. */
async function choose(scope: Page | ReturnType<Page['locator']>, field: string | RegExp, option: string | RegExp): Promise<void> {
  const list = await openList(scope.getByRole('combobox', { name: field }));
  await list.getByRole('option', { name: option }).click();
}

let t: TestApp;
let browser: Browser;
let page: Page;
let applicationId = '';

beforeAll(async () => {
  await prepareWeb();
  t = await startTestApp();
  await createOfficial(t.app.db.orm.em.fork(), PLANNER, { now: t.app.clock() });
  const base = await listenOnLoopback(t.app);
  browser = await launchChromium();
  const context = await browser.newContext({ baseURL: base, locale: 'es-MX', timezoneId: 'America/Mexico_City', viewport: { width: 1280, height: 800 }, bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 240_000);

browserSuiteHooks('disenador', () => ({ page, browser, app: t }));

describe('diseñador de programas en el navegador', { timeout: 180_000 }, () => {
  it('la planeadora inicia sesión y crea un programa desde la plantilla', async () => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // The designer is an app of its own (designer/, its own build): opened without a session it sends the
    // planner to the officials' login (the portal's page) and, once in, back to itself.
    const appScript = () => page.locator('script[type="module"]').first().getAttribute('src');
    await page.goto('/disenador');
    await heading(page, 'Iniciar sesión de funcionario');
    expect(await appScript()).toMatch(/^\/assets\//);
    await retype(page.getByLabel(label('Usuario')), PLANNER.usuario);
    await retype(page.getByLabel(label('Contraseña')), PLANNER.contrasena);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await heading(page, 'Diseñador de programas');
    expect(await appScript()).toMatch(/^\/disenador\/assets\//);
    // To the portal's home and back through the menu.
    await page.getByRole('link', { name: 'Inicio', exact: true }).click();
    await expect.poll(appScript).toMatch(/^\/assets\//);
    await page.getByRole('link', { name: 'Diseñador de programas' }).click();
    await heading(page, 'Diseñador de programas');
    expect(await appScript()).toMatch(/^\/disenador\/assets\//);
    await page.getByRole('heading', { level: 2, name: 'Programas publicados' }).waitFor();
    await check(page, 'd01-lista-de-programas');
    await page.getByRole('button', { name: 'Nuevo programa' }).click();
    await heading(page, 'Datos generales', 2);
    expect(problems).toEqual([]);
  });

  it('datos generales y convocatoria', async () => {
    await retype(page.getByLabel(label('Nombre del programa')), PROGRAM.nombre);
    await expect.poll(() => page.getByLabel('Clave del programa').inputValue()).toBe(PROGRAM.id);
    // The description is left as the template wrote it: publishing will point it out.
    // On a phone, each area's whole name can be read: none is cut at the screen's edge.
    const desktop = page.viewportSize()!;
    await page.setViewportSize({ width: 360, height: 800 });
    const onPhone = await openList(page.getByRole('combobox', { name: 'Área responsable' }));
    expect(await onPhone.getByRole('option').evaluateAll((options) => options.filter((o) => o.scrollWidth > o.clientWidth).map((o) => o.textContent))).toEqual([]);
    await page.keyboard.press('Escape');
    await onPhone.waitFor({ state: 'hidden' });
    await page.setViewportSize(desktop);
    // «Área responsable» is picked from the area tree, not typed.
    const areas = await openList(page.getByRole('combobox', { name: 'Área responsable' }));
    expect(await areas.getByRole('option').allInnerTexts()).toEqual(expect.arrayContaining(['Secretaría de Desarrollo Social del Estado de Querétaro', 'Subsecretaría de Desarrollo Social', 'Dirección de Programas Sociales']));
    await areas.getByRole('option', { name: 'Dirección de Programas Sociales' }).click();
    await retype(page.getByLabel('Prefijo del folio'), 'ADULTOS');
    const apoyo = page.getByRole('group', { name: 'Tipo de apoyo 1' });
    await retype(apoyo.getByLabel('Nombre del apoyo'), 'Apoyo económico bimestral');
    await retype(apoyo.getByLabel('Monto en pesos'), '3000');
    await choose(apoyo, 'Periodicidad', 'Bimestral');
    await saved(page);
    await check(page, 'd02-datos-generales');

    await section(page, 'Convocatoria');
    await typeDate(page, /^Abre el/, '2026-11-01');
    await typeDate(page, /^Cierra el/, '2026-12-31');
    await retype(page.getByLabel('Cupo total'), '500');
    await choose(page, /^Municipio$/, 'Querétaro');
    await page.getByRole('button', { name: 'Agregar cupo del municipio' }).click();
    await retype(page.getByRole('spinbutton', { name: 'Cupo de Querétaro' }), '200');
    // A quota for one localidad: its municipio, then part of its name, typed, and the one the catalog offers.
    await choose(page, 'Municipio de la localidad', 'Amealco de Bonfil');
    await typeText(page.getByRole('combobox', { name: 'Localidad', exact: true }), 'Mesil');
    await page.getByRole('option', { name: /^Mesillas \(rural, 220010025\)$/ }).click();
    await page.getByRole('button', { name: 'Agregar cupo de la localidad' }).click();
    await retype(page.getByRole('spinbutton', { name: 'Cupo de Mesillas, Amealco de Bonfil' }), '15');
    await saved(page);
    const drafts = await t.app.db.orm.em.fork().find(ProgramDraft, { programId: PROGRAM.id });
    expect(drafts.map((d) => (d.definition as { convocatoria: { quotas?: unknown } }).convocatoria.quotas)).toEqual([expect.objectContaining({ byLocalidad: { '220010025': 15 } })]);
    // Taken away again: the rest of the journey publishes the program with the municipio's quota only.
    await page.getByRole('button', { name: 'Quitar el cupo de Mesillas, Amealco de Bonfil' }).click();
    await saved(page);
    await check(page, 'd03-convocatoria');
  });

  it('formulario: un paso propio con pregunta condicional y el bloque CUIS del hogar', async () => {
    await section(page, 'Formulario');
    // The template's household step goes and comes back as a CUIS block, after an own step.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Quitar el paso Hogar' }).click();
    await page.getByRole('region', { name: /^Paso 2/ }).waitFor({ state: 'detached' });
    await retype(page.getByLabel('Nombre del nuevo paso'), 'Situación de la persona adulta mayor');
    await page.getByRole('button', { name: 'Agregar paso' }).click();
    const step = page.getByRole('region', { name: 'Paso 2: Situación de la persona adulta mayor' });
    await step.waitFor();

    await step.getByRole('button', { name: /Agregar pregunta/ }).click();
    let dialog = page.getByRole('dialog', { name: 'Nueva pregunta' });
    await retype(dialog.getByLabel('Pregunta o nombre del dato'), '¿Recibe alguna pensión?');
    await choose(dialog, 'Tipo de respuesta', 'Sí / No');
    await dialog.getByRole('button', { name: 'Guardar pregunta' }).click();
    await step.getByText('¿Recibe alguna pensión?').waitFor();

    await step.getByRole('button', { name: /Agregar pregunta/ }).click();
    dialog = page.getByRole('dialog', { name: 'Nueva pregunta' });
    await retype(dialog.getByLabel('Pregunta o nombre del dato'), 'Monto mensual de la pensión');
    await choose(dialog, 'Tipo de respuesta', 'Número');
    // Whole numbers or decimals is said, and chosen: a pension has cents.
    await dialog.getByText('La persona solo puede escribir números sin decimales').waitFor();
    await choose(dialog, 'Tipo de número', 'Número con decimales');
    await retype(dialog.getByLabel('Valor mínimo'), '1');
    await choose(dialog, 'Mostrar esta pregunta', /¿Recibe alguna pensión\?/);
    await choose(dialog, 'Valor que la muestra', 'Sí');
    await dialog.getByRole('button', { name: 'Guardar pregunta' }).click();
    await step.getByText('Monto mensual de la pensión').waitFor();
    await step.getByRole('listitem').filter({ hasText: 'Monto mensual de la pensión' }).getByText('Número con decimales').waitFor();

    await step.getByRole('button', { name: /Agregar pregunta/ }).click();
    dialog = page.getByRole('dialog', { name: 'Nueva pregunta' });
    await retype(dialog.getByLabel('Pregunta o nombre del dato'), '¿Con quién vive?');
    await choose(dialog, 'Tipo de respuesta', 'Opción única');
    for (const o of ['Sola o solo', 'Con su pareja', 'Con hijas, hijos u otros familiares']) {
      await retype(dialog.getByLabel('Nueva opción'), o);
      await dialog.getByRole('button', { name: 'Agregar opción' }).click();
    }
    await dialog.getByRole('button', { name: 'Guardar pregunta' }).click();
    await step.getByText('¿Con quién vive?').waitFor();

    await choose(page, 'Bloque CUIS', /^Hogar/);
    await page.getByRole('button', { name: 'Agregar bloque CUIS' }).click();
    await page.getByRole('region', { name: 'Paso 3: Hogar' }).getByText(/Integrantes del hogar/).waitFor();
    await saved(page);
    await expect.poll(() => page.getByRole('navigation', { name: 'Secciones del programa' }).getByText(/error/).count()).toBe(0);
    await check(page, 'd04-formulario');
    // The question editor, photographed open.
    await step.getByRole('button', { name: 'Editar Monto mensual de la pensión' }).click();
    await page.getByRole('dialog', { name: 'Editar pregunta' }).waitFor();
    await check(page, 'd05-formulario-pregunta');
    await page.getByRole('button', { name: 'Cancelar' }).click();
  });

  it('requisitos: 65 años o más', async () => {
    await section(page, 'Requisitos');
    const rule = page.getByRole('group', { name: /^Requisito:/ }).first();
    await retype(rule.getByLabel('Mensaje cuando no se cumple'), 'Debes tener 65 años o más.');
    await retype(rule.getByRole('group', { name: 'Condición 1' }).getByLabel('Valor'), '65');
    await saved(page);
    // Household roster facts are offered to rules (the form has the CUIS household block).
    await rule.getByRole('button', { name: 'Agregar condición' }).click();
    const second = rule.getByRole('group', { name: 'Condición 2' });
    const facts = await openList(second.getByRole('combobox', { name: 'Dato' }));
    for (const option of [/Integrantes del hogar: cuántos hay$/, /cuántos menores de 18 años$/, /cuántos de 65 años o más$/]) await facts.getByRole('option', { name: option }).waitFor();
    await facts.getByRole('option', { name: /cuántos de 65 años o más$/ }).click();
    await expect.poll(() => second.getByRole('combobox', { name: 'Dato' }).textContent()).toMatch(/cuántos de 65 años o más$/);
    await check(page, 'd06b-requisitos-hogar');
    // Not a requirement of this program: taken back.
    await rule.getByRole('button', { name: 'Quitar la condición 2' }).click();
    await saved(page);
    await check(page, 'd06-requisitos');
  });

  it('documentos: identificación y comprobante de domicilio', async () => {
    await section(page, 'Documentos');
    await retype(page.getByLabel('Nombre del nuevo documento'), 'Comprobante de domicilio');
    await page.getByRole('button', { name: 'Agregar documento' }).click();
    const doc = page.getByRole('group', { name: 'Documento: Comprobante de domicilio' });
    await retype(doc.getByLabel('Tamaño máximo (MB)'), '3');
    await doc.getByRole('checkbox', { name: 'PNG' }).uncheck();
    await saved(page);
    await expect.poll(() => page.getByRole('group', { name: /^Documento:/ }).count()).toBe(2);
    await check(page, 'd07-documentos');
  });

  it('flujo: revisión por el revisor y autorización por el coordinador', async () => {
    await section(page, 'Flujo de aprobación');
    await retype(page.getByLabel('Nombre de la nueva etapa'), 'Autorización');
    await page.getByRole('button', { name: 'Agregar etapa' }).click();
    const auth = page.getByRole('region', { name: 'Etapa Autorización' });
    await auth.waitFor();
    // «Aprobar» moves to the authorization stage (its conditions and effects come along), for coordinators only.
    await retype(auth.getByLabel('Nueva acción (texto del botón)'), 'Aprobar');
    await choose(auth, 'Que lleve a', 'Entrega del apoyo');
    await auth.getByRole('button', { name: 'Agregar acción' }).click();
    const approve = auth.getByRole('group', { name: 'Acción Aprobar' });
    await approve.waitFor();
    // As a person does: look at the open list (Revisor ticked, copied from Revisión) before unticking it.
    const roles = await openList(approve.getByRole('combobox', { name: 'Quién puede' }));
    const revisor = roles.getByRole('option', { name: 'Revisor' });
    await expect.poll(() => revisor.getAttribute('aria-selected')).toBe('true');
    await revisor.click();
    await expect.poll(() => revisor.getAttribute('aria-selected')).toBe('false');
    await page.keyboard.press('Escape');
    await expect.poll(() => approve.getByRole('combobox', { name: 'Quién puede' }).textContent()).toBe('Coordinador');
    await retype(auth.getByLabel('Nueva acción (texto del botón)'), 'Rechazar');
    await choose(auth, 'Que lleve a', 'Solicitud rechazada');
    await auth.getByRole('button', { name: 'Agregar acción' }).click();
    await auth.getByRole('group', { name: 'Acción Rechazar' }).waitFor();

    const review = page.getByRole('region', { name: 'Etapa Revisión documental' });
    await review.getByRole('button', { name: 'Quitar la acción Aprobar de esta etapa' }).click();
    await retype(review.getByLabel('Nueva acción (texto del botón)'), 'Enviar a autorización');
    await choose(review, 'Que lleve a', 'Autorización');
    await review.getByRole('button', { name: 'Agregar acción' }).click();
    await review.getByRole('group', { name: 'Acción Enviar a autorización' }).waitFor();
    await retype(page.getByRole('region', { name: 'Etapa Revisión documental' }).getByLabel('Nombre de la etapa'), 'Revisión documental y de requisitos del programa');
    await saved(page);
    // Every stage name stays inside its box in the diagram, even a long one.
    await expect.poll(() => page.locator('text[data-etapa-texto]').count()).toBeGreaterThan(5);
    const overflow = await page.evaluate(`[...document.querySelectorAll('rect[data-etapa]')].flatMap((r) => {
      const box = r.getBBox();
      const id = r.getAttribute('data-etapa');
      return [...document.querySelectorAll('text[data-etapa-texto="' + id + '"]')].map((t) => t.getBBox())
        .filter((b) => b.x < box.x || b.x + b.width > box.x + box.width || b.y + b.height > box.y + box.height + 1).map(() => id);
    })`);
    expect(overflow).toEqual([]);
    // The long name wraps onto two lines instead of running out of its box.
    expect(await page.locator('text[data-etapa-texto="en_revision"] tspan').allTextContents()).toEqual(['Revisión documental', 'y de requisitos del…']);
    await expect.poll(() => page.getByRole('navigation', { name: 'Secciones del programa' }).getByText(/error/).count()).toBe(0);
    await check(page, 'd08-flujo');
  });

  it('mensajes SMS con marcadores', async () => {
    await section(page, 'Mensajes SMS');
    const first = page.getByRole('group', { name: 'Mensaje 3' });
    await retype(first.getByLabel('Texto del mensaje'), 'SIPROS: {{nombre}}, tu solicitud de {{programa}} fue aprobada por');
    await first.getByRole('button', { name: /\{\{monto\}\}/ }).click();
    await expect.poll(() => first.getByLabel('Texto del mensaje').inputValue()).toBe('SIPROS: {{nombre}}, tu solicitud de {{programa}} fue aprobada por {{monto}}');
    await saved(page);
    await check(page, 'd09-mensajes');
  });

  it('casos de prueba: fallan hasta completar la persona de ejemplo y luego pasan', async () => {
    await section(page, 'Casos de prueba');
    await page.getByRole('button', { name: 'Ejecutar pruebas' }).click();
    // The 38-year-old of the template no longer qualifies, and the new step is unanswered.
    await page.getByTestId('resumen-pruebas').filter({ hasText: /^Fallan/ }).waitFor();
    await check(page, 'd10-pruebas-fallan');

    await retype(page.getByLabel('CURP de la persona de ejemplo'), SENIOR);
    await page.getByRole('button', { name: 'Editar respuestas de ejemplo' }).click();
    await page.getByRole('navigation', { name: 'Pasos del formulario' }).getByRole('button', { name: /Situación de la persona adulta mayor/ }).click();
    await heading(page, 'Situación de la persona adulta mayor', 3);
    await page.getByRole('radiogroup', { name: /¿Recibe alguna pensión\?/ }).getByRole('radio', { name: 'No', exact: true }).check();
    await page.getByRole('radiogroup', { name: /¿Con quién vive\?/ }).getByRole('radio', { name: 'Con su pareja', exact: true }).check();
    await page.getByTestId('veredicto').getByText('El formulario está completo.').waitFor();

    const first = page.getByRole('group', { name: /^Caso: Persona adulta cumple/ });
    await retype(first.getByLabel('Nombre del caso'), 'Persona de 71 años cumple');
    await page.getByRole('button', { name: 'Agregar caso' }).click();
    const added = page.getByRole('group', { name: 'Caso: Caso 3' });
    await retype(added.getByLabel('CURP (si es otra persona)'), YOUNGER);
    await choose(added, 'Resultado esperado', 'No cumple los requisitos');
    await retype(page.getByRole('group', { name: /^Caso: / }).nth(2).getByLabel('Nombre del caso'), 'Persona de 64 años no cumple');
    await page.getByRole('group', { name: 'Caso: Persona de 64 años no cumple' }).getByRole('checkbox', { name: 'Debes tener 65 años o más.' }).waitFor();
    await saved(page);
    await page.getByRole('button', { name: 'Ejecutar pruebas' }).click();
    await page.getByTestId('resumen-pruebas').filter({ hasText: 'Pasan los 3 casos.' }).waitFor();
    await page.getByRole('button', { name: 'Ocultar respuestas de ejemplo' }).click();
    await check(page, 'd11-pruebas-pasan');
  });

  it('vista previa: el formulario del ciudadano con requisitos evaluados al escribir', async () => {
    await section(page, 'Vista previa');
    await retype(page.getByLabel('CURP de ejemplo'), YOUNGER);
    await page.getByTestId('veredicto').getByText('Debes tener 65 años o más.').waitFor();
    await retype(page.getByLabel('CURP de ejemplo'), SENIOR);
    await page.getByTestId('veredicto').getByText('Cumple los requisitos.').waitFor();
    await page.getByLabel(label('Municipio')).first().waitFor();
    await check(page, 'd12-vista-previa');
    await page.getByRole('navigation', { name: 'Pasos del formulario' }).getByRole('button', { name: /Situación/ }).click();
    await page.getByRole('radiogroup', { name: /¿Recibe alguna pensión\?/ }).getByRole('radio', { name: 'Sí', exact: true }).check();
    // The conditional question appears only after «Sí».
    await page.getByLabel(label('Monto mensual de la pensión')).waitFor();
    await check(page, 'd13-vista-previa-condicional');
  });

  it('publica el programa tras confirmar, después de corregir la descripción que quedó de la plantilla', async () => {
    await section(page, 'Publicar');
    await page.getByText('Es un programa nuevo').waitFor();
    await page.getByText(/Sin errores y pasan los 3 casos de prueba/).waitFor();
    await page.locator('[data-plantilla]').getByText(/La descripción que ve la ciudadanía sigue siendo la de la plantilla/).waitFor();
    await check(page, 'd14-publicar');
    // One click does not publish: a confirmation says what changes and what still reads like the template.
    await page.getByRole('button', { name: 'Publicar ahora' }).click();
    let confirm = page.getByRole('dialog', { name: `¿Publicar «${PROGRAM.nombre}» versión 1?` });
    await confirm.getByText('Es un programa nuevo.').waitFor();
    await confirm.getByText(/La descripción que ve la ciudadanía sigue siendo la de la plantilla/).waitFor();
    await check(page, 'd14b-confirmar-publicacion');
    await confirm.getByRole('button', { name: 'Corregir primero' }).click();
    await heading(page, 'Datos generales', 2);
    await retype(page.getByLabel('Descripción'), '');
    await page.getByLabel('Descripción').pressSequentially('Apoyo económico bimestral para personas de 65 años o más que viven en Querétaro.');
    await saved(page);
    await section(page, 'Publicar');
    await page.getByText(/Sin errores y pasan los 3 casos de prueba/).waitFor();
    await expect.poll(() => page.locator('[data-plantilla]').count()).toBe(0);
    await page.getByRole('button', { name: 'Publicar ahora' }).click();
    confirm = page.getByRole('dialog', { name: `¿Publicar «${PROGRAM.nombre}» versión 1?` });
    expect(await confirm.getByText(/sigue siendo/).count()).toBe(0);
    await confirm.getByRole('button', { name: 'Sí, publicar' }).click();
    await page.getByText(`Se publicó «${PROGRAM.nombre}» versión 1`).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Programas publicados' }).waitFor();
    await check(page, 'd15-publicado');
    const em = t.app.db.orm.em.fork();
    expect(await em.findOneOrFail(Program, PROGRAM.id)).toMatchObject({ name: PROGRAM.nombre, currentVersion: 1, area: 'direccion-programas-sociales' });
    const published = (await em.findOneOrFail(ProgramVersion, { program: PROGRAM.id, version: 1 })).definition as { description: string; convocatoria: { opensAt: string; closesAt: string }; form: { schema: { properties: Record<string, { properties: Record<string, { type: string }> }> } } };
    expect(published.description).toMatch(/^Apoyo económico bimestral/);
    expect([published.convocatoria.opensAt, published.convocatoria.closesAt]).toEqual(['2026-11-01T00:00:00-06:00', '2026-12-31T23:59:59-06:00']);
    expect(published.form.schema.properties.situacion_de_la_persona_adulta_mayor.properties.monto_mensual_de_la_pension.type).toBe('number');
    expect(await em.findOne(AuditLog, { action: 'programa.publicar', entityId: PROGRAM.id })).toMatchObject({ data: { version: 1, publicadoPor: PLANNER.usuario } });
  });

  it('una persona de 71 años solicita y dos funcionarios la aprueban', async () => {
    const version = await t.app.db.orm.em.fork().findOneOrFail(ProgramVersion, { program: PROGRAM.id, version: 1 });
    const def = version.definition as { tests: { base: { answers: Record<string, unknown> } }; workflow: { states: Record<string, { on?: Record<string, { roles: string[] }> }> } };
    // The planner's sample answers are a complete application for this form.
    const answers = def.tests.base.answers;
    expect(Object.keys(answers)).toEqual(expect.arrayContaining(['domicilio', 'hogar', 'situacion_de_la_persona_adulta_mayor']));
    expect(def.workflow.states.autorizacion.on?.APROBAR.roles).toEqual(['coordinador']);
    const { cookie } = await citizenWithSession(t.app, { curp: SENIOR, nombres: 'MARTHA' });
    const api = (method: string, url: string, body: unknown, who: string) => t.app.inject({ method: method as never, url: `/api${url}`, headers: { cookie: who }, payload: body as never });
    const draft = await api('PUT', `/programas/${PROGRAM.id}/borrador`, { respuestas: answers, paso: 0 }, cookie);
    expect(draft.statusCode).toBe(200);
    applicationId = draft.json().id;
    const eleg = (await api('POST', `/programas/${PROGRAM.id}/elegibilidad`, { respuestas: answers }, cookie)).json();
    expect(eleg).toMatchObject({ elegible: true });
    expect(eleg.documentosRequeridos).toEqual(['identificacion', 'comprobante-de-domicilio']);
    for (const tipo of eleg.documentosRequeridos as string[]) {
      const boundary = `----sipros${Math.random().toString(16).slice(2)}`;
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="${tipo}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const up = await t.app.inject({ method: 'POST', url: `/api/solicitudes/${applicationId}/documentos/${tipo}`, payload, headers: { origin: 'http://localhost', 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
      expect(up.statusCode).toBe(201);
    }
    const sent = await api('POST', `/solicitudes/${applicationId}/enviar`, { respuestas: answers }, cookie);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().folio).toMatch(/-ADULTOS-1$/);

    const revisor = (await officialWithSession(t.app, ['revisor'])).cookie;
    const coordinador = (await officialWithSession(t.app, ['coordinador'])).cookie;
    // The reviewer cannot approve any more: that is the coordinator's, at the second level.
    expect((await api('POST', `/funcionario/solicitudes/${applicationId}/eventos`, { evento: 'APROBAR' }, revisor)).statusCode).not.toBe(200);
    const first = await api('POST', `/funcionario/solicitudes/${applicationId}/eventos`, { evento: 'ENVIAR_A_AUTORIZACION' }, revisor);
    expect(first.json(), first.body).toMatchObject({ estado: 'En proceso' });
    const second = await api('POST', `/funcionario/solicitudes/${applicationId}/eventos`, { evento: 'APROBAR' }, coordinador);
    expect(second.json(), second.body).toMatchObject({ estado: 'Aprobada' });
    expect(await t.app.db.orm.em.fork().findOneOrFail(Application, applicationId)).toMatchObject({ programVersion: 1, status: 'Aprobada' });
  });
});
