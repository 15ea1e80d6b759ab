/**
 * Issue 9 in a real browser (Debian's Chromium through playwright-core), against the real server and the
 * built portal: the Día/Mes/Año date field typed key by key as a person does — at sign-up after a CURP typed
 * wrong and then corrected, and every date question of every seed program (found in the served forms, CUIS
 * fragments included) at 1280 and at 360 px, kept after «Siguiente» and after a reload; moving around the
 * steps of an application (the step list by mouse and keyboard, a draft reopened at its step, «Volver a
 * revisión» after «Cambiar»); sending «Cuidado infantil»; and «Corregir» in Mis solicitudes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { curpCheckDigit } from '../../engine/curp.ts';
import { NotificationOutbox } from '../../runtime/db/entities.ts';
import { createOfficial } from '../../runtime/server/demo.ts';
import { startTestApp, type TestApp } from '../helpers/server.ts';
import { browserSuiteHooks, heading, label, launchChromium, listenOnLoopback, pageChecker, prepareWeb, ROOT, settle, uploadEveryDocument } from '../helpers/browser.ts';
import { dateShown, movedAndKept, retype, siguiente, stepHeading, typeKeys, typePersonalData, verifyPhoneFromSms } from '../helpers/as-a-person.ts';

const axeReport: Array<{ page: string; size: string; violations: string[]; serious: string[] }> = [];
const check = pageChecker(axeReport);

/** An invented woman born in Querétaro on 12 May 1990 (Ana Gómez Morales): the CURP's check digit is computed. */
const CURP_17 = 'GOMA900512MQTMRN0';
const CITIZEN = {
  curp: `${CURP_17}${curpCheckDigit(CURP_17)}`,
  // The same CURP with the day and month swapped (21/05 → «900521»): a typo the check digit catches.
  curpTypo: `GOMA900521MQTMRN0${curpCheckDigit(CURP_17)}`,
  nombres: 'Ana',
  primerApellido: 'Gómez',
  segundoApellido: 'Morales',
  telefono: '4425550190',
  contrasena: 'Tejocote nublado sobre Tolimán 83',
};

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

/** The month names the date field shows (what a person picks). */
const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

type Schema = Record<string, unknown>;

/** Follows local `$ref`s (`#/$defs/...`) of a served, self-contained schema. */
function deref(root: Schema, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s && typeof s.$ref === 'string' && i < 20; i++) {
    s = (s.$ref as string)
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Schema)[key] : undefined), root) as Schema | undefined;
  }
  return s;
}

/** The steps of a served UI schema (its Categories) with the data paths of their controls. */
function stepsOf(uischema: Schema): Array<{ label: string; paths: string[] }> {
  const paths = (node: Schema): string[] => {
    if (typeof node.scope === 'string') return [node.scope.replace(/^#\/?/, '').split('/').filter((k, i) => i % 2 === 1).join('.')];
    return ((node.elements as Schema[] | undefined) ?? []).flatMap(paths);
  };
  return ((uischema.elements as Schema[] | undefined) ?? []).filter((e) => e.type === 'Category').map((c) => ({ label: String(c.label), paths: paths(c) }));
}

/** A copy of the answers without the one at `path`. */
function without(data: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = structuredClone(data);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Schema)[key] : undefined), copy);
  if (parent && typeof parent === 'object') delete (parent as Schema)[keys[keys.length - 1]];
  return copy;
}

async function servedForm(programa: string): Promise<{ nombre: string; schema: Schema; uischema: Schema }> {
  const res = await fetch(`${base}/api/programas/${programa}`);
  expect(res.status, `GET /api/programas/${programa}`).toBe(200);
  const body = (await res.json()) as { nombre: string; formulario: { schema: Schema; uischema: Schema } };
  return { nombre: body.nombre, ...body.formulario };
}

interface DateQuestion {
  programa: string;
  nombre: string;
  /** Data path of the answer. */
  path: string;
  /** The question as the form shows it. */
  titulo: string;
  /** Index and name of the step that asks it. */
  paso: number;
  pasoNombre: string;
  /** A valid answer for the whole form (the definition's own test table) without the dates. */
  respuestas: Record<string, unknown>;
  /** A date the program accepts (from the same test table). */
  fecha: string;
  /** When the program's call opens (the server's clock is moved there). */
  abierta: string;
  /** The names of the form's steps. */
  pasos: string[];
}

/** Data paths of every `format: date` answer of a served (self-contained) form schema; list items as `.0`. */
function datePaths(root: Schema, node: Schema | undefined = root, path = '', depth = 0): string[] {
  const s = deref(root, node);
  if (!s || depth > 12) return [];
  if (s.format === 'date') return [path];
  const found: string[] = [];
  for (const [key, sub] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {})) found.push(...datePaths(root, sub, path ? `${path}.${key}` : key, depth + 1));
  if (s.items && typeof s.items === 'object') found.push(...datePaths(root, s.items as Schema, `${path}.0`, depth + 1));
  return found;
}

function valueAt(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), data);
}

/** The day before an `AAAA-MM-DD` date (a second valid answer to type over the first). */
function dayBefore(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Every date question of every seed program, read from the forms the server serves. */
async function dateQuestions(): Promise<DateQuestion[]> {
  const out: DateQuestion[] = [];
  for (const dir of readdirSync(`${ROOT}definitions/programs`)) {
    const def = JSON.parse(readFileSync(`${ROOT}definitions/programs/${dir}/program.json`, 'utf8'));
    const { nombre, schema, uischema } = await servedForm(def.id);
    const steps = stepsOf(uischema);
    const paths = datePaths(schema);
    for (const path of paths) {
      const paso = steps.findIndex((st) => st.paths.some((p) => path === p || path.startsWith(`${p}.`)));
      expect(paso, `paso de ${def.id}:${path}`).toBeGreaterThanOrEqual(0);
      const answers = def.tests.base.answers as Record<string, unknown>;
      const fecha = valueAt(answers, path);
      expect(fecha, `respuesta de prueba para ${def.id}:${path}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const field = path.split('.').reduce<Schema | undefined>((node, key) => {
        const s = deref(schema, node);
        return /^\d+$/.test(key) ? (s?.items as Schema | undefined) : (s?.properties as Record<string, Schema> | undefined)?.[key];
      }, schema);
      out.push({
        programa: def.id,
        nombre,
        path,
        titulo: String(deref(schema, field)?.title),
        paso,
        pasoNombre: steps[paso].label,
        // Every date of the program is left for the person to type.
        respuestas: paths.reduce(without, answers),
        fecha: fecha as string,
        abierta: def.convocatoria.opensAt,
        pasos: steps.map((st) => st.label),
      });
    }
  }
  return out;
}

/** Día, mes (the visible Spanish month name) and año, in that order, each checked as it is entered. */
async function typeDate(page: Page, group: Locator, iso: string): Promise<void> {
  const [anio, mes, dia] = iso.split('-');
  const day = String(Number(dia));
  await typeKeys(page, group.getByLabel('Día'), day);
  await group.getByLabel('Mes').selectOption({ label: MESES[Number(mes) - 1] });
  await settle(page);
  expect(await group.getByLabel('Mes').inputValue()).toBe(mes);
  expect(await group.getByLabel('Día').inputValue(), 'el día sigue ahí después de elegir el mes').toBe(day);
  await typeKeys(page, group.getByLabel('Año'), anio);
  expect(await dateShown(group)).toEqual([day, mes, anio]);
}

const expectedShown = (iso: string) => {
  const [anio, mes, dia] = iso.split('-');
  return [String(Number(dia)), mes, anio];
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The step list (on phones behind «Ver todos los pasos»). */
async function stepList(page: Page): Promise<Locator> {
  const nav = page.getByRole('navigation', { name: 'Pasos de la solicitud' });
  if ((page.viewportSize()?.width ?? 1280) < 900 && !(await nav.isVisible())) await page.getByRole('button', { name: 'Ver todos los pasos' }).click();
  return nav;
}

/** The button of a step in the list, by its visible name. */
async function stepButton(page: Page, name: string): Promise<Locator> {
  return (await stepList(page)).getByRole('button', { name: new RegExp(`^Paso \\d+: ${escapeRe(name)}( \\(|$)`) });
}

/** The draft's answers as the server keeps them. */
async function savedDraft(page: Page, programa: string): Promise<Record<string, unknown>> {
  return (await page.evaluate(`fetch('/api/programas/${programa}/borrador').then((r) => r.json())`)) as Record<string, unknown>;
}

let t: TestApp;
let base: string;
let browser: Browser;
let page: Page;
let questions: DateQuestion[] = [];
let labels: string[] = [];
let applicationId = '';

beforeAll(async () => {
  await prepareWeb();
  t = await startTestApp();
  base = await listenOnLoopback(t.app);
  browser = await launchChromium();
  const context = await browser.newContext({ baseURL: base, locale: 'es-MX', timezoneId: 'America/Mexico_City', viewport: DESKTOP, bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  questions = await dateQuestions();
}, 180_000);

browserSuiteHooks('fechas', () => ({ page, browser, app: t, axe: axeReport }));

describe('fechas y pasos del formulario en el navegador', { timeout: 180_000 }, () => {
  it('encuentra las preguntas de fecha de los programas (también en los fragmentos CUIS)', () => {
    // Cuidado infantil's was the one that could not be answered; every other one found is tested too.
    expect(questions.map((q) => `${q.programa}:${q.path}`)).toContain('cuidado-infantil:cuidado.fecha_nacimiento_menor');
    for (const q of questions) expect(q.titulo, q.path).not.toBe('undefined');
  });

  it('crea la cuenta con la fecha tecleada a mano después de corregir una CURP mal escrita', async () => {
    await page.goto('/crear-cuenta');
    await heading(page, 'Crear cuenta');
    const curp = page.getByLabel(label('CURP'));
    await retype(curp, CITIZEN.curpTypo);
    await page.getByText(/dígito verificador .* no corresponde/).first().waitFor();
    const birth = page.getByRole('group', { name: 'Fecha de nacimiento' });
    expect(await dateShown(birth), 'una CURP inválida no llena la fecha').toEqual(['', '', '']);

    // Part of the date, then the person leaves the field: what is missing is said, nothing is erased.
    await typeKeys(page, birth.getByLabel('Día'), '12');
    await birth.getByLabel('Mes').selectOption({ label: 'mayo' });
    await page.getByLabel(label('Nombre(s)')).click();
    await birth.getByText('Falta el año.').waitFor();
    expect(await dateShown(birth)).toEqual(['12', '05', '']);
    await typeKeys(page, birth.getByLabel('Año'), '1990');
    await birth.getByText('Falta el año.').waitFor({ state: 'detached' });

    // The CURP corrected: it is valid now, and the date typed by hand stays as typed.
    await retype(curp, CITIZEN.curp);
    await page.getByText(/CURP válida: nacimiento 12\/05\/1990, mujer/).waitFor();
    expect(await dateShown(birth)).toEqual(['12', '05', '1990']);
    // The day typed again over it, key by key: emptying one part leaves the others alone.
    await typeKeys(page, birth.getByLabel('Día'), '12');
    expect(await dateShown(birth)).toEqual(['12', '05', '1990']);
    await check(page, '30-crear-cuenta-fecha-a-mano');

    await typePersonalData(page, CITIZEN);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await heading(page, 'Verificar teléfono');
    await verifyPhoneFromSms(page, t.app, CITIZEN.telefono);
  });

  it('cada pregunta de fecha de cada programa se teclea a 1280 y a 360 px y se conserva al avanzar y al recargar', async () => {
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      const where = `${q.programa}: ${q.titulo}`;
      // A call that is closed today (Querétaro Fuerte, 2020) is opened by moving the server's clock there.
      t.setNow(new Date(new Date(q.abierta).getTime() + 86_400_000).toISOString());
      await page.setViewportSize(DESKTOP);
      await page.goto('/apoyos');
      // Every other answer of the form, as a draft saved before (the definition's own test answers).
      const put = await page.evaluate(
        ([programa, respuestas]) => fetch(`/api/programas/${programa}/borrador`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ respuestas }) }).then((r) => r.status),
        [q.programa, q.respuestas] as const,
      );
      expect(put, where).toBe(200);
      const steps = q.pasos;
      const after = steps[q.paso + 1] ?? 'Documentos';

      for (const [size, fecha] of [
        [DESKTOP, q.fecha],
        [PHONE, dayBefore(q.fecha)],
      ] as const) {
        await page.setViewportSize(size);
        await page.goto(`/solicitar/${q.programa}`);
        await heading(page, `Solicitud de ${q.nombre}`);
        if (size === DESKTOP) {
          for (let i = 0; i < q.paso; i++) await siguiente(page, steps[i + 1]);
        } else {
          // Reopened where the person left (the step after the date): back to it through the step list.
          await stepHeading(page, after);
          await (await stepButton(page, q.pasoNombre)).click();
        }
        await stepHeading(page, q.pasoNombre);
        const group = page.getByRole('group', { name: q.titulo });
        await typeDate(page, group, fecha);
        if (size === DESKTOP && q === questions[0]) await check(page, `31-fecha-${q.programa}`);
        await page.setViewportSize(size);
        await movedAndKept(page, () => siguiente(page, after));
        expect(valueAt((await savedDraft(page, q.programa)).respuestas, q.path), `${where} guardada a ${size.width}px`).toBe(fecha);

        // A reload: the draft reopens at the step where the person left, and the date is still there.
        await page.reload();
        await stepHeading(page, after);
        await page.getByText('Retomamos tu borrador guardado en el paso donde te quedaste').waitFor();
        await (await stepButton(page, q.pasoNombre)).click();
        await stepHeading(page, q.pasoNombre);
        expect(await dateShown(page.getByRole('group', { name: q.titulo })), `${where} a ${size.width}px después de recargar`).toEqual(expectedShown(fecha));
        await siguiente(page, after);
      }
    }
    t.setNow('2026-11-24T10:00:00-06:00');
    await page.setViewportSize(DESKTOP);
  });

  it('se mueve entre los pasos con la lista de pasos (ratón y teclado) y retoma el borrador en su paso', async () => {
    const q = questions.find((x) => x.programa === 'cuidado-infantil')!;
    await page.goto(`/solicitar/${q.programa}`);
    await heading(page, `Solicitud de ${q.nombre}`);
    labels = q.pasos;
    const at = (name: string) => labels.indexOf(name);
    expect(at('Vivienda'), 'el CUIS trae el paso Vivienda').toBeGreaterThan(at(q.pasoNombre));
    const current = (await page.getByRole('heading', { level: 2, name: /^Paso \d+ de/ }).innerText()).split('\n').pop()!.trim();
    for (let i = labels.indexOf(current) + 1; i <= at('Vivienda'); i++) await movedAndKept(page, () => siguiente(page, labels[i]));

    // A reload in the middle: the same step, with the steps before it (and the ones reached) open.
    await page.reload();
    await stepHeading(page, 'Vivienda');
    const nav = await stepList(page);
    await nav.locator('[aria-current="step"]').getByText('Vivienda').waitFor();
    expect(await nav.getByRole('button', { name: /Revisar y enviar/ }).count(), 'un paso no alcanzado no se abre').toBe(0);
    expect(await nav.getByRole('button', { name: `Paso ${at('Hogar') + 1}: Hogar (completado)` }).count()).toBe(1);

    // On a phone the same list is behind «Ver todos los pasos».
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: 'Ver todos los pasos' }).click();
    await (await stepButton(page, 'Hogar')).waitFor();
    await check(page, '35-lista-de-pasos');
    await page.setViewportSize(DESKTOP);

    // Keyboard: Tab reaches the step buttons, Enter opens one.
    await (await stepButton(page, 'Domicilio')).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toContain('Hogar');
    await page.keyboard.press('Enter');
    await stepHeading(page, 'Hogar');
    // The focus goes to the new step's title (a screen reader announces it).
    expect(await page.evaluate('document.activeElement.tagName')).toBe('H2');
    await check(page, '32-pasos-hogar');
    // Mouse: a later step already reached.
    await (await stepButton(page, 'Vivienda')).click();
    await stepHeading(page, 'Vivienda');
    for (let i = at('Vivienda') + 1; i < labels.length; i++) await siguiente(page, labels[i]);
    await siguiente(page, 'Documentos');
  });

  it('sube los documentos, cambia una respuesta desde la revisión y vuelve directo a ella', async () => {
    await uploadEveryDocument(page);
    await siguiente(page, 'Revisar y enviar');
    await page.getByText('Cumples los requisitos').waitFor();

    await movedAndKept(page, async () => {
      await page.getByRole('button', { name: 'Cambiar respuestas de Vivienda' }).click();
      await stepHeading(page, 'Vivienda');
    });
    // A reload mid-way keeps the way back.
    await page.reload();
    await stepHeading(page, 'Vivienda');
    await retype(page.getByLabel(label('¿Cuántos cuartos se usan para dormir?')), '3');
    await check(page, '33-cambiar-desde-revision');
    await page.getByRole('button', { name: 'Volver a revisión' }).click();
    await stepHeading(page, 'Revisar y enviar');
    await page.getByText('Cumples los requisitos').waitFor();
    expect(valueAt((await savedDraft(page, 'cuidado-infantil')).respuestas, 'vivienda.cuartos_dormir'), 'el cambio quedó guardado').toBe(3);
    // Back on the review the way back is spent: a step opened with «Anterior» offers only «Siguiente».
    await page.getByRole('button', { name: 'Anterior' }).click();
    await stepHeading(page, 'Documentos');
    expect(await page.getByRole('button', { name: 'Volver a revisión' }).count()).toBe(0);
    await siguiente(page, 'Revisar y enviar');
  });

  it('envía Cuidado infantil con la fecha tecleada', async () => {
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await heading(page, '¡Recibimos tu solicitud!');
    applicationId = /\/solicitudes\/([^/]+)\/enviada/.exec(page.url())?.[1] ?? '';
    expect(applicationId).not.toBe('');
    const q = questions.find((x) => x.programa === 'cuidado-infantil')!;
    const detail = (await page.evaluate(`fetch('/api/solicitudes/${applicationId}').then((r) => r.json())`)) as { respuestas: unknown };
    expect(valueAt(detail.respuestas, q.path)).toBe(dayBefore(q.fecha));
  });

  it('una solicitud en Corrección ofrece «Corregir» en Mis solicitudes', async () => {
    const def = JSON.parse(readFileSync(`${ROOT}definitions/programs/cuidado-infantil/program.json`, 'utf8'));
    const official = { usuario: 'revisor.fechas', nombre: 'Revisor de Fechas', correo: 'revisor.fechas@example.mx', contrasena: 'Cántaro violeta en la sierra 58', roles: ['revisor'], area: def.area };
    await createOfficial(t.app.db.orm.em.fork(), official, { now: new Date() });
    const login = await fetch(`${base}/api/funcionarios/sesion`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ usuario: official.usuario, contrasena: official.contrasena }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const event = await fetch(`${base}/api/funcionario/solicitudes/${applicationId}/eventos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: base },
      body: JSON.stringify({ evento: 'SOLICITAR_CORRECCION', comentario: 'La fecha de nacimiento no coincide con el acta. Corrígela.', campos: ['cuidado.fecha_nacimiento_menor'], documentos: [] }),
    });
    expect(event.status, await event.clone().text()).toBe(200);

    await page.goto('/solicitudes');
    await heading(page, 'Mis solicitudes');
    await page.getByRole('cell', { name: 'Corrección' }).waitFor();
    await check(page, '34-mis-solicitudes-corregir');
    await page.getByRole('link', { name: /^Corregir/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Tu solicitud necesita correcciones' }).waitFor();
    expect(page.url()).toContain(`/solicitudes/${applicationId}`);
    // The focus lands on what must be corrected, not at the top of the page.
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Tu solicitud necesita correcciones');
    // The flagged date is offered, typed again key by key.
    const group = page.getByRole('group', { name: 'Fecha de nacimiento de la niña o el niño' });
    await typeDate(page, group, '2023-04-11');
    await page.getByRole('button', { name: 'Enviar corrección' }).click();
    await page.getByText(/Enviamos tu corrección/).waitFor();
  });
});
