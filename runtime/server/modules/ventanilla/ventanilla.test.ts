import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateEligibility } from '../../../../engine/index.ts';
import { Application, ApplicationEvent, AuditLog, Citizen, Document, NotificationOutbox } from '../../../db/entities.ts';
import { citizenWithSession, curpFor, officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { applicationHistory } from '../applications/index.ts';
import { currentProgram } from '../programs/index.ts';
import { multipart } from '../../../../test/helpers/multipart.ts';

/** In the Dirección de Atención a Grupos Prioritarios; the counter official sits in the subsecretaría above it. */
const PROGRAM = 'apoyo-emergente-mujeres';
const definition = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { curp: string; at: string; answers: Record<string, any> };

/** The smallest well-formed PDF: enough for content sniffing to call it application/pdf. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** The person of the program's own test case, as they would give their data at the counter (HEMR890722MQTRRS06). */
const PERSON = { curp: base.curp, nombres: 'Rosa Elena', primerApellido: 'Hernández', segundoApellido: 'Martínez', fechaNacimiento: '1989-07-22', sexo: 'M', telefono: '4427778888' };

let t: TestApp;
let counter: { official: { id: string }; cookie: string };
const em = () => t.app.db.orm.em.fork();

beforeAll(async () => {
  t = await startTestApp({ now: base.at });
  counter = await officialWithSession(t.app, ['atencion-ciudadana']);
}, 60_000);
afterAll(() => t?.close());

function api(method: string, url: string, body?: unknown, cookie: string | undefined = counter.cookie) {
  return t.app.inject({ method: method as 'GET', url: `/api${url}`, ...(cookie ? { headers: { cookie } } : {}), ...(body === undefined ? {} : { payload: body as object }) });
}

function upload(curp: string, id: string, tipo: string, cookie: string | undefined = counter.cookie) {
  const { payload, headers } = multipart(`${tipo}.pdf`, PDF);
  return t.app.inject({ method: 'POST', url: `/api/ventanilla/ciudadanos/${curp}/solicitudes/${id}/documentos/${tipo}`, payload, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
}

describe('a person without internet applies at the counter', () => {
  let citizenId: string;
  let draftId: string;

  it('signs the person up: phone verified, registered by the official, no session opened, SMS sent', async () => {
    const res = await api('POST', '/ventanilla/ciudadanos', PERSON);
    expect(res.statusCode, res.body).toBe(201);
    citizenId = res.json().id;
    expect(res.json()).toEqual({ id: expect.any(String), curp: base.curp });
    expect(res.cookies.find((c) => c.name === 'sipros_sesion')).toBeUndefined();
    expect((await api('GET', '/funcionario/yo')).statusCode).toBe(200); // the official's own session is untouched

    const citizen = await em().findOneOrFail(Citizen, citizenId);
    expect(citizen).toMatchObject({ telefonoVerificado: true, registradoPor: counter.official.id, estado: 'activo', nombres: 'Rosa Elena' });
    expect(citizen.passwordHash).toMatch(/^\$argon2id\$/);
    const entry = await em().findOneOrFail(AuditLog, { action: 'cuenta.registro_ventanilla', entityId: citizenId });
    expect(entry).toMatchObject({ actorType: 'funcionario', actorId: counter.official.id, data: { registradoPor: counter.official.id, registroCivil: 'sin_verificar', contrasenaElegida: false } });
    await t.app.jobs.idle();
    const sms = await em().find(NotificationOutbox, { citizenId });
    expect(sms.map((m) => [m.phone, m.status, m.body])).toEqual([['4427778888', 'enviado', 'SIPROS: se creó tu cuenta en un módulo de atención ciudadana. Para entrar en línea, usa «Olvidé mi contraseña» con tu CURP.']]);
    const desk = (await api('GET', `/atencion/ciudadanos/${base.curp}`)).json();
    expect(desk.cuenta).toMatchObject({ registradoEnVentanilla: true, validado: true });
  });

  it('refuses a second account for the CURP, a CURP that does not match the data and a weak chosen password', async () => {
    const again = await api('POST', '/ventanilla/ciudadanos', PERSON);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ACCOUNT_EXISTS', message: `Ya existe una cuenta con la CURP ${base.curp}; búscala en Consulta ciudadana.` });
    const other = { ...PERSON, curp: 'HEGG560427MVZRRL04', fechaNacimiento: '1956-04-28' };
    expect((await api('POST', '/ventanilla/ciudadanos', other)).json().error.code).toBe('CURP_MISMATCH');
    expect((await api('POST', '/ventanilla/ciudadanos', { ...other, curp: 'HEGG560427MVZRRL05' })).json().error.code).toBe('CURP_INVALID');
    const weak = await api('POST', '/ventanilla/ciudadanos', { ...other, fechaNacimiento: '1956-04-27', contrasena: 'corta' });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const missing = await api('POST', '/ventanilla/ciudadanos', { curp: 'HEGG560427MVZRRL04' });
    expect(missing.json().error.details.fields.map((f: { message: string }) => f.message)).toContain('Falta el teléfono.');
    expect(await em().count(Citizen, { curp: 'HEGG560427MVZRRL04' })).toBe(0);
  });

  it('fills in the draft for the person, audited', async () => {
    const empty = await api('GET', `/ventanilla/ciudadanos/${base.curp}/programas/${PROGRAM}/borrador`);
    expect(empty.json()).toMatchObject({ id: null, origen: 'vacio', documentos: [] });
    const saved = await api('PUT', `/ventanilla/ciudadanos/${base.curp}/programas/${PROGRAM}/borrador`, { respuestas: base.answers, paso: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    draftId = saved.json().id;
    expect(saved.json().errores).toEqual([]);
    expect((await em().findOneOrFail(Application, draftId)).citizen.id).toBe(citizenId);
    expect(await em().count(AuditLog, { action: 'ventanilla.borrador', entityId: draftId, actorId: counter.official.id })).toBe(1);
    expect((await api('GET', `/ventanilla/ciudadanos/${base.curp}/programas/${PROGRAM}/borrador`)).json()).toMatchObject({ id: draftId, origen: 'borrador' });
  });

  it('shows the person whether they qualify before sending, judged by their own CURP', async () => {
    const url = (curp: string) => `/ventanilla/ciudadanos/${curp}/programas/${PROGRAM}/elegibilidad`;
    const woman = await api('POST', url(base.curp), { respuestas: base.answers });
    expect(woman.statusCode, woman.body).toBe(200);
    const program = await currentProgram(t.app, em(), PROGRAM);
    const expected = evaluateEligibility(program, { curp: base.curp, answers: base.answers, at: new Date(base.at) });
    expect(woman.json()).toEqual({ elegible: true, motivos: [], documentosRequeridos: expected.requiredDocuments, puntaje: expected.score, formularioValido: true });
    // The same answers from a man: this program is for women, and the CURP (not the official) says who applies.
    const man = curpFor('GARM', '890722', 'H');
    await citizenWithSession(t.app, { curp: man });
    const refused = (await api('POST', url(man), { respuestas: base.answers })).json();
    expect(refused.elegible).toBe(false);
    expect(refused.motivos.map((m: { message: string }) => m.message)).toContain('Este apoyo es para mujeres: el sexo registrado en tu CURP debe ser mujer (M).');
    // Nothing is saved by asking.
    expect(await em().count(Application, { citizen: { curp: man } })).toBe(0);
    const elsewhere = await officialWithSession(t.app, ['atencion-ciudadana'], 'direccion-programas-sociales');
    expect((await api('POST', url(base.curp), { respuestas: base.answers }, elsewhere.cookie)).json().error.code).toBe('PROGRAM_NOT_FOUND');
    expect((await api('POST', url('HEGG560427MVZRRL04'), { respuestas: {} })).json().error.code).toBe('CITIZEN_NOT_FOUND');
  });

  it('uploads the documents and submits: folio issued once, history says it was taken at the counter', async () => {
    const program = await currentProgram(t.app, em(), PROGRAM);
    const required = evaluateEligibility(program, { curp: base.curp, answers: base.answers, at: new Date(base.at) }).requiredDocuments;
    const early = await api('POST', `/ventanilla/ciudadanos/${base.curp}/solicitudes/${draftId}/enviar`, { respuestas: base.answers });
    expect(early.json().error).toMatchObject({ code: 'DOCUMENTS_MISSING', details: { documentos: required } });
    for (const tipo of required) {
      const res = await upload(base.curp, draftId, tipo);
      expect(res.statusCode, res.body).toBe(201);
    }
    const docs = await em().find(Document, { application: draftId });
    expect(docs.map((d) => d.uploadedBy)).toEqual(required.map(() => `funcionario:${counter.official.id}`));
    expect(await em().count(AuditLog, { action: 'ventanilla.documento', entityId: draftId })).toBe(required.length);

    const sent = await api('POST', `/ventanilla/ciudadanos/${base.curp}/solicitudes/${draftId}/enviar`, { respuestas: base.answers });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toEqual({ id: draftId, folio: expect.stringMatching(/^10\/11\/2026-AEMU-\d+$/), estado: 'En proceso' });
    const retry = await api('POST', `/ventanilla/ciudadanos/${base.curp}/solicitudes/${draftId}/enviar`, { respuestas: base.answers });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().folio).toBe(sent.json().folio);

    const event = await em().findOneOrFail(ApplicationEvent, { application: draftId });
    expect(event).toMatchObject({ event: 'ENVIAR', actorType: 'funcionario', actorId: counter.official.id, actorRole: 'atencion-ciudadana', onBehalf: true, comment: expect.stringMatching(/^Solicitud capturada en ventanilla/) });
    expect((await applicationHistory(em(), draftId))[0]).toMatchObject({ estado: 'En proceso', enVentanilla: true });
    expect((await em().findOneOrFail(Application, draftId)).submittedBy).toBe(counter.official.id);
    expect(await em().findOneOrFail(AuditLog, { action: 'solicitud.enviar', entityId: draftId })).toMatchObject({ actorType: 'funcionario', actorId: counter.official.id });
    await t.app.jobs.idle();
    const receipt = await em().findOneOrFail(NotificationOutbox, { dedupeKey: `recibo:${draftId}` });
    expect(receipt).toMatchObject({ phone: '4427778888', body: expect.stringContaining(sent.json().folio) });
    // After submission the draft's documents are closed, as for the citizen.
    expect((await upload(base.curp, draftId, required[0])).json().error.code).toBe('NOT_EDITABLE');
  });

  it('stays inside the official’s area and the person’s own applications', async () => {
    const elsewhere = await officialWithSession(t.app, ['atencion-ciudadana'], 'direccion-programas-sociales');
    const draft = await api('PUT', `/ventanilla/ciudadanos/${base.curp}/programas/${PROGRAM}/borrador`, { respuestas: {} }, elsewhere.cookie);
    expect(draft.statusCode).toBe(404);
    expect(draft.json().error.code).toBe('PROGRAM_NOT_FOUND');
    expect((await api('GET', `/ventanilla/ciudadanos/${base.curp}/programas/${PROGRAM}/borrador`, undefined, elsewhere.cookie)).json().error.code).toBe('PROGRAM_NOT_FOUND');
    expect((await upload(base.curp, draftId, 'curp', elsewhere.cookie)).json().error.code).toBe('APPLICATION_NOT_FOUND');
    expect((await api('POST', `/ventanilla/ciudadanos/${base.curp}/solicitudes/${draftId}/enviar`, { respuestas: {} }, elsewhere.cookie)).json().error.code).toBe('APPLICATION_NOT_FOUND');

    // Another person's application, named with this person's CURP: not found.
    const { citizen: other, cookie } = await citizenWithSession(t.app);
    const theirs = (await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: {} }, cookie)).json().id;
    expect((await upload(base.curp, theirs, 'curp')).statusCode).toBe(404);
    expect((await api('POST', `/ventanilla/ciudadanos/${base.curp}/solicitudes/${theirs}/enviar`, { respuestas: {} })).statusCode).toBe(404);
    expect((await upload(other.curp, 'no-es-uuid', 'curp')).json().error.code).toBe('APPLICATION_NOT_FOUND');
    expect((await api('GET', `/ventanilla/ciudadanos/HEGG560427MVZRRL04/programas/${PROGRAM}/borrador`)).json().error.code).toBe('CITIZEN_NOT_FOUND');
    expect((await api('GET', `/ventanilla/ciudadanos/HEGG560427MVZRRL05/programas/${PROGRAM}/borrador`)).json().error.code).toBe('CURP_INVALID');
  });

  it('a chosen password works online at once', async () => {
    const curp = 'HEGG560427MVZRRL04';
    const res = await api('POST', '/ventanilla/ciudadanos', { ...PERSON, curp, nombres: 'Gabriela', primerApellido: 'Hernández', segundoApellido: 'García', fechaNacimiento: '1956-04-27', telefono: '4421112222', contrasena: 'mostrador de la plaza 2026' });
    expect(res.statusCode, res.body).toBe(201);
    const login = await t.app.inject({ method: 'POST', url: '/api/sesion', payload: { curp, contrasena: 'mostrador de la plaza 2026' } });
    expect(login.json()).toMatchObject({ tipo: 'ciudadano', curp, telefonoVerificado: true });
  });
});

describe('who may use Ventanilla', () => {
  it('only atención ciudadana: administrators and other officials 403, citizens and anonymous 401 before any validation', async () => {
    const { cookie: citizenCookie } = await citizenWithSession(t.app);
    const routes: Array<[string, string, unknown?]> = [
      ['POST', '/ventanilla/ciudadanos', { nada: 1 }],
      ['GET', `/ventanilla/ciudadanos/${base.curp}/programas/${PROGRAM}/borrador`],
      ['PUT', `/ventanilla/ciudadanos/${base.curp}/programas/${PROGRAM}/borrador`, { respuestas: {} }],
      ['POST', `/ventanilla/ciudadanos/${base.curp}/programas/${PROGRAM}/elegibilidad`, { respuestas: {} }],
      ['POST', `/ventanilla/ciudadanos/${base.curp}/solicitudes/00000000-0000-4000-8000-000000000000/enviar`, { respuestas: {} }],
    ];
    for (const roles of [['administrador'], ['funcionario'], ['revisor', 'coordinador', 'entregador', 'dictaminador', 'planeacion']]) {
      const other = await officialWithSession(t.app, roles);
      for (const [method, url, body] of routes) expect((await api(method, url, body, other.cookie)).statusCode, `${roles} ${method} ${url}`).toBe(403);
      expect((await upload(base.curp, '00000000-0000-4000-8000-000000000000', 'curp', other.cookie)).statusCode).toBe(403);
    }
    for (const cookie of [citizenCookie, '']) {
      for (const [method, url, body] of routes) expect((await api(method, url, body, cookie)).statusCode, `${method} ${url}`).toBe(401);
      expect((await upload(base.curp, '00000000-0000-4000-8000-000000000000', 'curp', cookie)).statusCode).toBe(401);
    }
  });
});
