import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFolio } from '../../../../engine/index.ts';
import { Application, ApplicationEvent, Document, NotificationOutbox } from '../../../db/entities.ts';
import { citizenWithSession, officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { publishDefinition } from '../programs/index.ts';
import { multipart } from '../../../../test/helpers/multipart.ts';

const PROGRAM = 'apoyo-tecnologico';
const definition = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { curp: string; at: string; answers: Record<string, any> };

/** The smallest well-formed PDF: enough for content sniffing to call it application/pdf. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let t: TestApp;
let cookie: string;
let draftId: string;
let requiredDocs: string[];

beforeAll(async () => {
  t = await startTestApp({ now: base.at });
  ({ cookie } = await citizenWithSession(t.app, { curp: base.curp, nombres: 'DIEGO' }));
}, 60_000);
afterAll(() => t?.close());

const api = (method: string, url: string, body?: unknown, who = cookie) =>
  t.app.inject({ method: method as any, url: `/api${url}`, headers: { cookie: who }, ...(body === undefined ? {} : { payload: body as any }) });

async function upload(id: string, tipo: string, file = PDF, name = `${tipo}.pdf`, who = cookie) {
  const { payload, headers } = multipart(name, file);
  return t.app.inject({ method: 'POST', url: `/api/solicitudes/${id}/documentos/${tipo}`, payload, headers: { ...headers, cookie: who } });
}

describe('applying to an open call', () => {
  it('starts with an empty draft and saves it as the citizen goes, with the errors of the current step', async () => {
    const first = await api('GET', `/programas/${PROGRAM}/borrador`);
    expect(first.json()).toMatchObject({ id: null, origen: 'vacio', respuestas: {}, documentos: [] });
    const partial = await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: { estudios: { escuela: 'COBAQ; plantel 7' } }, paso: 0 });
    expect(partial.statusCode).toBe(200);
    draftId = partial.json().id;
    expect(partial.json().errores.length).toBeGreaterThan(0);
    expect(partial.json().errores.every((e: { path: string }) => e.path.startsWith('estudios'))).toBe(true);
    const full = await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: base.answers, paso: 0 });
    expect(full.json()).toMatchObject({ id: draftId, errores: [] });
    // Resumable on another device: the same draft comes back.
    expect((await api('GET', `/programas/${PROGRAM}/borrador`)).json()).toMatchObject({ id: draftId, origen: 'borrador' });
  });

  it('shows eligibility and the required documents before submitting', async () => {
    const res = await api('POST', `/programas/${PROGRAM}/elegibilidad`, { respuestas: base.answers });
    expect(res.json()).toMatchObject({ elegible: true, motivos: [], formularioValido: true });
    requiredDocs = res.json().documentosRequeridos;
    expect(requiredDocs).toEqual(expect.arrayContaining(['curp', 'identificacion-oficial']));
  });

  it('refuses to submit while required documents are missing, and writes nothing', async () => {
    const res = await api('POST', `/solicitudes/${draftId}/enviar`, { respuestas: base.answers });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'DOCUMENTS_MISSING', message: expect.stringMatching(/^Faltan documentos obligatorios: /), details: { documentos: requiredDocs } });
    const draft = await t.app.db.orm.em.fork().findOneOrFail(Application, draftId);
    expect(draft.folio).toBeNull();
  });

  it('checks uploads: unknown document, mislabeled content, oversized file', async () => {
    expect((await upload(draftId, 'pasaporte')).json().error.code).toBe('DOCUMENT_TYPE_UNKNOWN');
    const fake = await upload(draftId, 'curp', Buffer.from('MZ\x90\x00 esto es un ejecutable, no un PDF'), 'curp.pdf');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', message: expect.stringMatching(/se aceptan: PDF, JPEG, PNG/) });
    const big = await upload(draftId, 'curp', Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/como máximo 2 MB/) });
    expect(await t.app.db.orm.em.fork().count(Document, { application: draftId })).toBe(0);
  });

  it('submits once: folio issued, a double click or a retry gets the same folio', async () => {
    for (const tipo of requiredDocs) expect((await upload(draftId, tipo)).statusCode).toBe(201);
    const [a, b] = await Promise.all([api('POST', `/solicitudes/${draftId}/enviar`, { respuestas: base.answers }), api('POST', `/solicitudes/${draftId}/enviar`, { respuestas: base.answers })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().folio).toBe(b.json().folio);
    expect(a.json().estado).toBe('En proceso');
    expect(parseFolio(a.json().folio)).toMatchObject({ date: '2026-11-10', prefix: 'APTEC', sequence: 1 });
    const retry = await api('POST', `/solicitudes/${draftId}/enviar`, { respuestas: base.answers });
    expect(retry).toMatchObject({ statusCode: 200 });
    expect(retry.json().folio).toBe(a.json().folio);
    const em = t.app.db.orm.em.fork();
    expect(await em.count(ApplicationEvent, { application: draftId })).toBe(1);
    await t.app.jobs.idle();
    const receipts = await em.find(NotificationOutbox, { applicationId: draftId });
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ status: 'enviado', body: expect.stringContaining(a.json().folio) });
  });

  it('lists, shows and tells the history of the citizen’s applications', async () => {
    const list = (await api('GET', '/solicitudes')).json();
    expect(list).toEqual([expect.objectContaining({ id: draftId, estado: 'En proceso', programa: { id: PROGRAM, nombre: 'Apoyo Tecnológico' } })]);
    const detail = (await api('GET', `/solicitudes/${draftId}`)).json();
    expect(detail).toMatchObject({ estado: 'En proceso', etapa: 'Revisión documental', correccion: null, respuestas: { estudios: { escuela: base.answers.estudios.escuela } } });
    expect(detail.documentos).toHaveLength(requiredDocs.length);
    const history = (await api('GET', `/solicitudes/${draftId}/historial`)).json();
    expect(history).toEqual([expect.objectContaining({ estado: 'En proceso', comentario: '' })]);
  });

  it('keeps other people out: another citizen gets 404 for the application and its documents', async () => {
    const other = await citizenWithSession(t.app);
    const detail = (await api('GET', `/solicitudes/${draftId}`)).json();
    const docUrl = `/solicitudes/${draftId}/documentos/${detail.documentos[0].id}`;
    expect((await api('GET', `/solicitudes/${draftId}`, undefined, other.cookie)).statusCode).toBe(404);
    expect((await api('GET', `/solicitudes/${draftId}/historial`, undefined, other.cookie)).statusCode).toBe(404);
    expect((await api('GET', docUrl, undefined, other.cookie)).statusCode).toBe(404);
    expect((await upload(draftId, 'curp', PDF, 'x.pdf', other.cookie)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api${docUrl}` })).statusCode).toBe(401);
    const mine = await api('GET', docUrl);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('application/pdf');
    expect(mine.rawPayload.equals(PDF)).toBe(true);
    const outsider = await officialWithSession(t.app, ['revisor'], 'otra-area');
    expect((await api('GET', docUrl, undefined, outsider.cookie)).statusCode).toBe(404);
    const reviewer = await officialWithSession(t.app, ['revisor']);
    expect((await api('GET', docUrl, undefined, reviewer.cookie)).statusCode).toBe(200);
  });

  it('a correction round: the official flags a field and a document, the citizen fixes only those and resubmits', async () => {
    const reviewer = await officialWithSession(t.app, ['revisor']);
    const ask = await api('POST', `/funcionario/solicitudes/${draftId}/eventos`, { evento: 'SOLICITAR_CORRECCION', comentario: 'Corregir matrícula; no coincide', campos: ['estudios.matricula'], documentos: ['constancia-estudios'] }, reviewer.cookie);
    expect(ask.json()).toEqual({ estado: 'Corrección', etapa: expect.any(String) });
    const detail = (await api('GET', `/solicitudes/${draftId}`)).json();
    expect(detail.correccion).toEqual({ comentario: 'Corregir matrícula; no coincide', campos: ['estudios.matricula'], documentos: ['constancia-estudios'] });
    t.setNow('2026-11-12T09:30:00-06:00'); // the citizen comes back two days later

    const fixed = structuredClone(base.answers);
    fixed.estudios.matricula = '2025-07-1188';
    const sneaky = structuredClone(fixed);
    sneaky.estudios.escuela = 'Otra escuela';
    const refused = await api('POST', `/solicitudes/${draftId}/correccion`, { respuestas: sneaky });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'FIELD_NOT_FLAGGED', details: { campos: ['estudios.escuela'] } });
    expect((await api('POST', `/solicitudes/${draftId}/correccion`, { respuestas: fixed })).json().error.code).toBe('DOCUMENTS_MISSING');
    expect((await upload(draftId, 'curp')).json().error.code).toBe('NOT_EDITABLE');
    expect((await upload(draftId, 'constancia-estudios')).statusCode).toBe(201);
    const done = await api('POST', `/solicitudes/${draftId}/correccion`, { respuestas: fixed });
    expect(done.json()).toMatchObject({ estado: 'En proceso' });
    expect((await api('GET', `/solicitudes/${draftId}`)).json()).toMatchObject({ correccion: null, respuestas: { estudios: { matricula: '2025-07-1188' } } });
    const history = (await api('GET', `/solicitudes/${draftId}/historial`)).json();
    expect(history.map((h: { estado: string }) => h.estado)).toEqual(['En proceso', 'Corrección', 'En proceso']);
    expect(history[1].comentario).toBe('Corregir matrícula; no coincide');
    expect((await api('POST', `/solicitudes/${draftId}/correccion`, { respuestas: fixed })).json().error.code).toBe('NOT_IN_CORRECTION');
    t.setNow(base.at);
    await t.app.jobs.idle();
    const sms = await t.app.db.orm.em.fork().find(NotificationOutbox, { applicationId: draftId }, { orderBy: { createdAt: 'asc' } });
    const correctionSms = sms.find((m) => m.body.includes('Corregir matrícula; no coincide'))!;
    expect(correctionSms.body).toMatch(/: Corregir matrícula; no coincide\. Corrígela en http:\/\/localhost:\d+\/solicitudes$/);
    expect(sms[0].body).toMatch(/^SIPROS: recibimos tu solicitud de Apoyo Tecnológico\. Tu folio es \S+\. Consulta su estado en http:\/\/localhost:\d+\/solicitudes$/);
  });

  it('a correction can point at one household member: only that member’s answers may change', async () => {
    const reviewer = await officialWithSession(t.app, ['revisor']);
    const detail = (await api('GET', `/funcionario/solicitudes/${draftId}`, undefined, reviewer.cookie)).json();
    const member2 = detail.campos.find((c: { ruta: string }) => c.ruta === 'hogar.integrantes.1');
    expect(member2?.etiqueta).toMatch(/ 2 \(Claudia Ugalde Rico\)$/);
    const unknown = await api('POST', `/funcionario/solicitudes/${draftId}/eventos`, { evento: 'SOLICITAR_CORRECCION', comentario: 'Revisa', campos: ['hogar.integrantes.9'], documentos: [] }, reviewer.cookie);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'FIELD_UNKNOWN', details: { campos: ['hogar.integrantes.9'] } });
    const ask = await api('POST', `/funcionario/solicitudes/${draftId}/eventos`, { evento: 'SOLICITAR_CORRECCION', comentario: 'La edad de tu mamá no coincide con su INE.', campos: ['hogar.integrantes.1'], documentos: [] }, reviewer.cookie);
    expect(ask.statusCode, ask.body).toBe(200);
    const current = (await api('GET', `/solicitudes/${draftId}`)).json().respuestas;
    const wrongMember = structuredClone(current);
    wrongMember.hogar.integrantes[0].edad += 1;
    expect((await api('POST', `/solicitudes/${draftId}/correccion`, { respuestas: wrongMember })).json().error).toMatchObject({ code: 'FIELD_NOT_FLAGGED', details: { campos: ['hogar.integrantes.0.edad'] } });
    const fixed = structuredClone(current);
    fixed.hogar.integrantes[1].edad = 45;
    const done = await api('POST', `/solicitudes/${draftId}/correccion`, { respuestas: fixed });
    expect(done.statusCode, done.body).toBe(200);
    expect((await api('GET', `/solicitudes/${draftId}`)).json().respuestas.hogar.integrantes[1].edad).toBe(45);
  });

  it('two officials deciding at once: exactly one transition, the other gets a clear refusal', async () => {
    const [a, b] = await Promise.all([officialWithSession(t.app, ['revisor']), officialWithSession(t.app, ['revisor'])]);
    const send = (who: string) => api('POST', `/funcionario/solicitudes/${draftId}/eventos`, { evento: 'VALIDAR' }, who);
    const results = await Promise.all([send(a.cookie), send(b.cookie)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.statusCode === 409)!.json().error;
    expect(refused).toMatchObject({ code: 'WORKFLOW_REFUSED', message: expect.stringMatching(/no se puede realizar cuando la solicitud está en/) });
    const events = await t.app.db.orm.em.fork().find(ApplicationEvent, { application: draftId, event: 'VALIDAR' });
    expect(events).toHaveLength(1);
  });

  it('official actions need a session, the program’s area and a role the workflow allows', async () => {
    const url = `/funcionario/solicitudes/${draftId}/eventos`;
    expect((await api('POST', url, { evento: 'DICTAMINAR' })).statusCode).toBe(401); // a citizen's cookie
    const elsewhere = await officialWithSession(t.app, ['dictaminador'], 'otra-area');
    expect((await api('POST', url, { evento: 'DICTAMINAR' }, elsewhere.cookie)).json().error.code).toBe('APPLICATION_NOT_FOUND');
    const deliverer = await officialWithSession(t.app, ['entregador']);
    const forbidden = await api('POST', url, { evento: 'DICTAMINAR' }, deliverer.cookie);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error).toMatchObject({ code: 'FORBIDDEN', details: { code: 'WF_ROLE_NOT_ALLOWED' } });
    const bad = await api('POST', url, { evento: 'aprobar;drop' }, deliverer.cookie);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a second application to the same program while one is active', async () => {
    const again = await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: base.answers });
    const res = await api('POST', `/solicitudes/${again.json().id}/enviar`, { respuestas: base.answers });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ALREADY_APPLIED', message: expect.stringContaining('APTEC') });
  });
});

describe('versions', () => {
  it('an application stays on the version it was made with; new drafts use the new version', async () => {
    const v2 = structuredClone(definition);
    v2.version = 2;
    v2.name = 'Apoyo Tecnológico 2027';
    await publishDefinition(t.app.db.orm.em.fork(), v2, t.app.library, 'prueba', new Date(base.at));
    const detail = (await api('GET', `/solicitudes/${draftId}`)).json();
    expect(detail.programa).toEqual({ id: PROGRAM, nombre: 'Apoyo Tecnológico', version: 1 });
    const other = await citizenWithSession(t.app);
    const draft = (await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: {} }, other.cookie)).json();
    const row = await t.app.db.orm.em.fork().findOneOrFail(Application, draft.id);
    expect(row.programVersion).toBe(2);
  });
});

describe('bad input', () => {
  it('malformed JSON and wrong types get 400 with a Spanish message', async () => {
    const malformed = await t.app.inject({ method: 'PUT', url: `/api/programas/${PROGRAM}/borrador`, headers: { cookie, 'content-type': 'application/json' }, payload: '{"respuestas": {' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({ code: 'MALFORMED_JSON', message: 'El cuerpo de la solicitud no es JSON válido.' });
    const wrong = await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: 'texto' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/solicitudes' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'AUTH_REQUIRED', message: 'Inicia sesión para continuar.' });
  });

  it('refuses drafts and submissions when the call is closed', async () => {
    t.setNow('2027-02-01T10:00:00-06:00');
    const res = await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CALL_CLOSED', message: expect.stringMatching(/cerró el 29 de enero de 2027/) });
    t.setNow(base.at);
  });

  it('refuses to submit before the phone is verified', async () => {
    const unverified = await citizenWithSession(t.app, { verified: false });
    const draft = await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: base.answers }, unverified.cookie);
    const res = await api('POST', `/solicitudes/${draft.json().id}/enviar`, { respuestas: base.answers }, unverified.cookie);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'PHONE_NOT_VERIFIED', message: expect.stringMatching(/confirma tu teléfono/) });
  });

  it('refuses an ineligible submission with the reasons, writing nothing', async () => {
    const adult = await citizenWithSession(t.app); // born 1989: too old for a 15–19 program
    const draft = await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: base.answers }, adult.cookie);
    for (const tipo of requiredDocs) await upload(draft.json().id, tipo, PDF, 'x.pdf', adult.cookie);
    const res = await api('POST', `/solicitudes/${draft.json().id}/enviar`, { respuestas: base.answers }, adult.cookie);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'NOT_ELIGIBLE', details: { motivos: [expect.objectContaining({ ruleId: 'edad-15-19' })] } });
    expect((await t.app.db.orm.em.fork().findOneOrFail(Application, draft.json().id)).folio).toBeNull();
  });
});
