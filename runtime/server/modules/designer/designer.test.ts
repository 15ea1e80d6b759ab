import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application, AuditLog, Program, ScheduledPublication } from '../../../db/entities.ts';
import { citizenWithSession, officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';

const PROGRAM = 'apoyo-tecnologico';
const definition = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { curp: string; at: string; answers: Record<string, any> };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let t: TestApp;
let planner: string;
const officials: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ now: base.at });
  planner = (await officialWithSession(t.app, ['planeacion'])).cookie;
  for (const role of ['revisor', 'dictaminador', 'coordinador']) officials[role] = (await officialWithSession(t.app, [role])).cookie;
}, 60_000);
afterAll(() => t?.close());

const api = (method: string, url: string, body?: unknown, who = planner) =>
  t.app.inject({ method: method as never, url: `/api${url}`, headers: { cookie: who }, ...(body === undefined ? {} : { payload: body as never }) });

function upload(id: string, tipo: string, cookie: string) {
  const boundary = `----sipros${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="${tipo}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return t.app.inject({ method: 'POST', url: `/api/solicitudes/${id}/documentos/${tipo}`, payload, headers: { origin: 'http://localhost', 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
}

/** A citizen of the program's test base applies with every required document; returns the application id. */
async function apply(curp?: string): Promise<string> {
  const { cookie } = await citizenWithSession(t.app, { curp: curp ?? base.curp });
  const draft = await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: base.answers, paso: 0 }, cookie);
  const id = draft.json().id as string;
  const required = (await api('POST', `/programas/${PROGRAM}/elegibilidad`, { respuestas: base.answers }, cookie)).json().documentosRequeridos as string[];
  for (const tipo of required) expect((await upload(id, tipo, cookie)).statusCode).toBe(201);
  expect((await api('POST', `/solicitudes/${id}/enviar`, { respuestas: base.answers }, cookie)).statusCode).toBe(201);
  return id;
}

/** Removes a control (by scope) from a UI schema tree. */
function withoutControl(ui: any, scope: string): any {
  if (Array.isArray(ui?.elements)) return { ...ui, elements: ui.elements.filter((e: any) => e.scope !== scope).map((e: any) => withoutControl(e, scope)) };
  return ui;
}

describe('the designer API', () => {
  it('is for planners and administrators only', async () => {
    expect((await api('GET', '/disenador/programas', undefined, '')).statusCode).toBe(401);
    expect((await api('GET', '/disenador/programas', undefined, officials.revisor)).json().error.code).toBe('FORBIDDEN');
    expect((await api('GET', '/disenador/programas')).json().programas).toContainEqual(expect.objectContaining({ id: PROGRAM, version: 1 }));
  });

  it('starts a new program from a valid template whose test cases pass', async () => {
    const created = await api('POST', '/disenador/borradores', {});
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ valido: true, errores: [], definicion: { id: 'programa-nuevo', version: 1 } });
    expect(created.json().pruebas.length).toBeGreaterThan(0);
    expect(created.json().pruebas.every((p: { ok: boolean }) => p.ok)).toBe(true);
    // Before publishing, the planner is told what still reads like the template.
    const diff = (await api('GET', `/disenador/borradores/${created.json().id}/diferencias`)).json();
    expect(diff.contra).toBeNull();
    expect(diff.plantilla.map((p: { pointer: string }) => p.pointer)).toEqual(['/id', '/name', '/description', '/folioPrefix', '/eligibility/0']);
    expect(diff.plantilla[2].message).toMatch(/^La descripción que ve la ciudadanía sigue siendo la de la plantilla: «Describe aquí/);
    // The area picker's tree comes with the library.
    const areas = (await api('GET', '/disenador/biblioteca')).json().areas as Array<{ id: string; padreId: string | null }>;
    // Every agency is a tree of its own (the Secretaría, and the agencies that send their rolls to the padrón).
    expect(areas[0].padreId).toBeNull();
    expect(areas.find((a) => a.id === 'sedesoq')).toMatchObject({ padreId: null });
    expect(areas.map((a) => a.id)).toContain('direccion-atencion-grupos-prioritarios');
  });

  it('autosaves with revisions, refuses a stale save, and places engine errors by element in Spanish', async () => {
    const { id, definicion, revision } = (await api('POST', '/disenador/borradores', {})).json();
    // A rule with an operator the engine does not know: found by the semantic checks.
    const unknownOperator = structuredClone(definicion);
    unknownOperator.eligibility[0].rule = { mayorQue: [{ var: 'solicitante.edad' }, 18] };
    const saved = await api('PUT', `/disenador/borradores/${id}`, { definicion: unknownOperator, revision });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ revision: revision + 1, valido: false });
    expect(saved.json().errores).toContainEqual(expect.objectContaining({ area: 'elegibilidad', elemento: 'mayor-de-edad', ubicacion: 'Requisitos › «Debes tener 18 años o más.»' }));
    // A document that accepts no size: found by the meta-schema.
    const noSize = structuredClone(definicion);
    noSize.documents[0].maxBytes = 0;
    const again = (await api('PUT', `/disenador/borradores/${id}`, { definicion: noSize, revision: revision + 1 })).json();
    expect(again.errores).toContainEqual(expect.objectContaining({ area: 'documentos', ubicacion: 'Documentos › «Identificación oficial (INE)»' }));
    for (const e of [...saved.json().errores, ...again.errores]) expect(e.ubicacion).not.toMatch(/\//);
    const stale = await api('PUT', `/disenador/borradores/${id}`, { definicion, revision });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('guardó este borrador mientras lo editabas') });
    expect((await api('PUT', `/disenador/borradores/${id}`, { definicion: '{no es json' as never, revision: 3 })).statusCode).toBe(400);
  });

  it('previews sample answers with the definition being edited: form errors and eligibility reasons', async () => {
    const { definicion } = (await api('POST', '/disenador/borradores', {})).json();
    const answers = definicion.tests.base.answers;
    const adult = (await api('POST', '/disenador/vista-previa', { definicion, respuestas: answers, curp: definicion.tests.base.curp })).json();
    expect(adult).toMatchObject({ definicionValida: true, formulario: { valido: true }, elegibilidad: { elegible: true, motivos: [] } });
    definicion.eligibility[0].rule = { '>=': [{ var: 'solicitante.edad' }, 65] };
    definicion.eligibility[0].message = 'Debes tener 65 años o más.';
    const older = (await api('POST', '/disenador/vista-previa', { definicion, respuestas: answers, curp: definicion.tests.base.curp })).json();
    expect(older.elegibilidad).toMatchObject({ elegible: false, motivos: [expect.objectContaining({ message: 'Debes tener 65 años o más.' })] });
    const empty = (await api('POST', '/disenador/vista-previa', { definicion, respuestas: {} })).json();
    expect(empty.formulario.valido).toBe(false);
    expect(empty.elegibilidad).toBeNull();
  });

  it('exports a draft as a JSON file and imports it back', async () => {
    const { id } = (await api('POST', '/disenador/borradores', {})).json();
    const exported = await api('GET', `/disenador/borradores/${id}/exportar`);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="programa-nuevo-v1.json"');
    const imported = await api('POST', '/disenador/borradores', { definicion: JSON.parse(exported.body) });
    expect(imported.json()).toMatchObject({ valido: true, definicion: { id: 'programa-nuevo' } });
  });
});

describe('publishing a breaking change', () => {
  let inFlight: string;
  let draftId: string;

  it('keeps applications made under the old version on it, through their whole workflow', async () => {
    inFlight = await apply();
    const { id, definicion, revision } = (await api('POST', '/disenador/borradores', { desde: PROGRAM })).json();
    draftId = id;
    expect(definicion.version).toBe(2);
    // Breaking: the «turno» field goes away (schema, required list and its control).
    delete definicion.form.schema.properties.estudios.properties.turno;
    definicion.form.schema.properties.estudios.required = definicion.form.schema.properties.estudios.required.filter((f: string) => f !== 'turno');
    definicion.form.uischema = withoutControl(definicion.form.uischema, '#/properties/estudios/properties/turno');
    const saved = (await api('PUT', `/disenador/borradores/${id}`, { definicion, revision })).json();
    // The test table still answers «turno», so publication is blocked until it is fixed.
    expect(saved.valido).toBe(true);
    expect(saved.pruebas.some((p: { ok: boolean }) => !p.ok)).toBe(true);
    const blocked = await api('POST', `/disenador/borradores/${id}/publicar`, {});
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.code).toBe('DEFINITION_TESTS_FAILED');
    delete definicion.tests.base.answers.estudios.turno;
    for (const c of definicion.tests.cases) delete c.applicant?.answers?.estudios?.turno;
    const fixed = (await api('PUT', `/disenador/borradores/${id}`, { definicion, revision: saved.revision })).json();
    expect(fixed.pruebas.filter((p: { ok: boolean }) => !p.ok)).toEqual([]);

    const diff = (await api('GET', `/disenador/borradores/${id}/diferencias`)).json();
    expect(diff.contra).toBe(1);
    expect(diff.cambios).toContainEqual(expect.objectContaining({ area: 'formulario', kind: 'eliminado', element: 'estudios.turno', breaking: true, text: expect.stringMatching(/^Se quitó el campo «/) }));

    const published = await api('POST', `/disenador/borradores/${id}/publicar`, {});
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ programaId: PROGRAM, version: 2, nueva: true });
    const em = t.app.db.orm.em.fork();
    expect((await em.findOneOrFail(Program, PROGRAM)).currentVersion).toBe(2);
    expect(await em.findOne(AuditLog, { action: 'programa.publicar', entityId: PROGRAM })).toMatchObject({ data: { version: 2, publicadoPor: expect.any(String), borrador: id } });

    // The old application completes its two-level approval on version 1.
    const step = (evento: string, who: string, body: Record<string, unknown> = {}) => api('POST', `/funcionario/solicitudes/${inFlight}/eventos`, { evento, ...body }, who);
    expect((await step('VALIDAR', officials.revisor)).json()).toMatchObject({ estado: 'En proceso' });
    expect((await step('DICTAMINAR', officials.dictaminador)).json()).toMatchObject({ estado: 'En proceso' });
    expect((await step('APROBAR', officials.coordinador)).json()).toMatchObject({ estado: 'Aprobada' });
    const old = await em.fork().findOneOrFail(Application, inFlight);
    expect(old).toMatchObject({ programVersion: 1, status: 'Aprobada' });
    expect((old.answers as any).estudios.turno).toBe(base.answers.estudios.turno);
  });

  it('gives new applications the new version', async () => {
    const { cookie } = await citizenWithSession(t.app);
    const answers = structuredClone(base.answers);
    delete answers.estudios.turno;
    const draft = await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: answers, paso: 0 }, cookie);
    expect((await t.app.db.orm.em.fork().findOneOrFail(Application, draft.json().id)).programVersion).toBe(2);
    expect((await api('GET', `/disenador/borradores/${draftId}`)).statusCode).toBe(404); // the published draft is closed
  });

  it('schedules a publication for later, publishes it when due, and lets a pending one be cancelled', async () => {
    const at = (ms: number) => new Date(new Date(base.at).getTime() + ms).toISOString();
    const first = (await api('POST', '/disenador/borradores', { desde: PROGRAM })).json();
    first.definicion.name = 'Apoyo Tecnológico 2027';
    const saved = (await api('PUT', `/disenador/borradores/${first.id}`, { definicion: first.definicion, revision: first.revision })).json();
    expect(saved.valido).toBe(true);
    expect((await api('POST', `/disenador/borradores/${first.id}/publicar`, { programarPara: at(-1000) })).json().error.code).toBe('VALIDATION_FAILED');
    const scheduled = await api('POST', `/disenador/borradores/${first.id}/publicar`, { programarPara: at(1500) });
    expect(scheduled.statusCode).toBe(202);
    expect((await api('GET', '/disenador/programas')).json().programadas).toContainEqual(expect.objectContaining({ programaId: PROGRAM, version: 3 }));
    const em = t.app.db.orm.em.fork();
    expect((await em.findOneOrFail(Program, PROGRAM)).currentVersion).toBe(2);
    for (let i = 0; i < 100 && (await em.fork().findOneOrFail(ScheduledPublication, scheduled.json().programada.id)).status === 'pendiente'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await em.fork().findOneOrFail(ScheduledPublication, scheduled.json().programada.id)).toMatchObject({ status: 'publicada' });
    expect((await em.fork().findOneOrFail(Program, PROGRAM)).currentVersion).toBe(3);

    const second = (await api('POST', '/disenador/borradores', { desde: PROGRAM })).json();
    const later = (await api('POST', `/disenador/borradores/${second.id}/publicar`, { programarPara: at(24 * 3600_000) })).json();
    expect((await api('DELETE', `/disenador/programadas/${later.programada.id}`)).statusCode).toBe(204);
    expect((await api('DELETE', `/disenador/programadas/${later.programada.id}`)).statusCode).toBe(404);
  });
});
