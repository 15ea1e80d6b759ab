import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { citizenWithSession, curpFor } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { READ_DRAFTS, submissionStatements, type SubmissionWrite } from './submit-sql.ts';
import { sessionSubjects } from '../../plugins/auth.ts';
import { genericPlanOf, genericPlansAfter } from '../../../../test/helpers/plans.ts';

/**
 * Issue 14: on an opening day the submissions of the same moment share their statements (session
 * look-ups, draft reads and folio writes go to PostgreSQL in groups). Each citizen must still get
 * her own folio, history, audit, SMS receipt and expediente; a double click must still give one
 * folio; and a group that fails must be written again one by one, so that one bad submission
 * takes no other down with it and nothing is half-written.
 */
const PROGRAM = 'apoyo-tecnologico';
const definition = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { at: string; answers: Record<string, unknown> };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: base.at });
}, 60_000);
afterAll(() => t?.close());

const api = (method: string, url: string, cookie: string, body?: unknown) => t.app.inject({ method: method as never, url: `/api${url}`, headers: { cookie }, ...(body === undefined ? {} : { payload: body as never }) });

let student = 0;
/** A student (born 2009, eligible) with a complete draft and its documents; her answers name her school. */
async function readyDraft() {
  const n = student++;
  const curp = curpFor(`G${'AEIOU'[n % 5]}${'BCDFGHJKLMNPRSTVZ'[Math.floor(n / 5)]}A`, '090315', n % 2 ? 'H' : 'M');
  const { citizen, cookie } = await citizenWithSession(t.app, { curp, nombres: `ALUMNA ${n}` });
  const respuestas = { ...base.answers, estudios: { ...(base.answers.estudios as object), escuela: `Secundaria ${n}` } };
  const id = (await api('PUT', `/programas/${PROGRAM}/borrador`, cookie, { respuestas, paso: 0 })).json().id as string;
  for (const tipo of (await api('POST', `/programas/${PROGRAM}/elegibilidad`, cookie, { respuestas })).json().documentosRequeridos as string[]) {
    const boundary = '----sipros-grupo';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="${tipo}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    await t.app.inject({ method: 'POST', url: `/api/solicitudes/${id}/documentos/${tipo}`, payload, headers: { origin: 'http://localhost', 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
  }
  return { id, cookie, citizenId: citizen.id, respuestas };
}

/** Calls that went together in one statement, per statement, from this process's metrics. */
async function groupedCalls(statement: string): Promise<{ calls: number; statements: number }> {
  const metric = await t.app.metrics.registry.getSingleMetric('sipros_db_grouped_calls')!.get();
  const of = (suffix: string) => metric.values.find((v) => (v as { metricName?: string }).metricName === `sipros_db_grouped_calls_${suffix}` && v.labels.statement === statement)?.value ?? 0;
  return { calls: of('sum'), statements: of('count') };
}

const rows = async (sql: string, params: unknown[]) => (await t.app.db.sql.query<Record<string, any>>(sql, params)).rows;

it('ten citizens who send at the same instant, two of them twice, each get one folio with its history, audit, receipt and expediente', async () => {
  const drafts = [];
  for (let i = 0; i < 10; i++) drafts.push(await readyDraft());
  const before = await groupedCalls('envio-escribir');
  const sends = [...drafts, drafts[3], drafts[7]].map((d) => api('POST', `/solicitudes/${d.id}/enviar`, d.cookie, { respuestas: d.respuestas }));
  const answers = await Promise.all(sends);
  expect(answers.map((a) => a.statusCode).every((s) => s === 200 || s === 201)).toBe(true);
  const folios = answers.map((a) => a.json().folio as string);
  expect(new Set(folios.slice(0, 10)).size).toBe(10);
  expect(folios[10]).toBe(folios[3]);
  expect(folios[11]).toBe(folios[7]);

  // On PostgreSQL the writes really went in groups (else this test would not test them); PGlite,
  // in this process, finishes each statement before the next request reaches it.
  const after = await groupedCalls('envio-escribir');
  // (A double click's second write may be spared: its draft read can already see the folio.)
  expect(after.calls - before.calls).toBeGreaterThanOrEqual(10);
  if (t.app.db.kind === 'postgresql') expect(after.statements - before.statements).toBeLessThan(after.calls - before.calls);

  // Each group's receipts were handed to the SMS job once its folios were committed.
  await t.app.jobs.idle();
  for (const [i, d] of drafts.entries()) {
    const [application] = await rows('select folio, status, answers, citizen_id from application where id = $1', [d.id]);
    expect(application).toMatchObject({ folio: folios[i], citizen_id: d.citizenId });
    expect(application.answers.estudios.escuela).toBe(`Secundaria ${i}`);
    expect(await rows(`select actor_id from application_event where application_id = $1 and event = 'ENVIAR'`, [d.id])).toEqual([{ actor_id: d.citizenId }]);
    const audits = await rows(`select data->>'folio' as folio from audit_log where entity = 'application' and entity_id = $1 and action = 'solicitud.enviar'`, [d.id]);
    expect(audits).toEqual([{ folio: folios[i] }]);
    const receipts = await rows(`select body, status from notification_outbox where application_id = $1 and dedupe_key like 'recibo:%'`, [d.id]);
    expect(receipts).toHaveLength(1);
    expect(receipts[0].body).toContain(`Tu folio es ${folios[i]}.`);
    expect(receipts[0].status).toBe('enviado');
    const [{ expediente }] = await rows('select expediente from citizen where id = $1', [d.citizenId]);
    expect(Object.keys(expediente).length).toBeGreaterThan(0);
    for (const [section, value] of Object.entries(expediente)) expect(value).toEqual(application.answers[section]);
  }
  const body = (await rows(`select count(*)::int as n from notification_outbox where body like '%' || chr(1) || '%'`, []))[0];
  expect(body.n).toBe(0);
});

it('sessions looked up together each find their own citizen, and a revoked one among them is refused alone', async () => {
  const drafts = [];
  for (let i = 0; i < 6; i++) drafts.push(await readyDraft());
  const revoked = drafts[2];
  await rows(`update session set revoked_at = now() where subject_id = $1`, [revoked.citizenId]);
  const before = await groupedCalls('sesiones-citizen');
  const answers = await Promise.all(drafts.map((d) => api('GET', `/solicitudes/${d.id}`, d.cookie)));
  expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 401, 200, 200, 200]);
  expect(answers[2].json().error.code).toBe('AUTH_REQUIRED');
  for (const i of [0, 1, 3, 4, 5]) expect(answers[i].json().id).toBe(drafts[i].id);
  const after = await groupedCalls('sesiones-citizen');
  if (t.app.db.kind === 'postgresql') expect(after.statements - before.statements).toBeLessThan(6);
});

it('a group whose statement fails is written again one by one: the bad submission fails alone and writes nothing', async () => {
  const drafts = [];
  for (let i = 0; i < 4; i++) drafts.push(await readyDraft());
  // The writes exactly as the submissions make them, caught before they reach the database.
  const statements = submissionStatements(t.app);
  const realWrite = statements.write;
  const writes: SubmissionWrite[] = [];
  statements.write = async (write) => {
    writes.push(write);
    throw new Error('retenida por la prueba');
  };
  try {
    for (const d of drafts) expect((await api('POST', `/solicitudes/${d.id}/enviar`, d.cookie, { respuestas: d.respuestas })).statusCode).toBe(500);
  } finally {
    statements.write = realWrite;
  }
  expect(writes).toHaveLength(4);
  // The third cannot be written (its folio sequence does not exist): the whole group statement fails.
  writes[2] = { ...writes[2], folioSequence: 'secuencia_que_no_existe' };
  const before = await groupedCalls('envio-escribir');
  // Called in one go: the first goes alone, the other three wait for it and go as one group.
  const settled = await Promise.allSettled(writes.map((w) => statements.write(w)));
  const after = await groupedCalls('envio-escribir');
  expect(after.statements - before.statements).toBe(2);
  expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  for (const i of [0, 1, 3]) expect((await rows('select folio from application where id = $1', [drafts[i].id]))[0].folio).toBe((settled[i] as PromiseFulfilledResult<{ folio: string }>).value.folio);
  expect((await rows('select folio from application where id = $1', [drafts[2].id]))[0].folio).toBeNull();
  expect(await rows('select 1 from application_event where application_id = $1', [drafts[2].id])).toEqual([]);
  expect(await rows('select 1 from notification_outbox where application_id = $1', [drafts[2].id])).toEqual([]);
  expect(await rows(`select 1 from audit_log where entity = 'application' and entity_id = $1 and action = 'solicitud.enviar'`, [drafts[2].id])).toEqual([]);
});

it('keeps a submission’s answers in its row, compressed with lz4 where the server has it (migration 0026)', async () => {
  const d = await readyDraft();
  expect((await api('POST', `/solicitudes/${d.id}/enviar`, d.cookie, { respuestas: d.respuestas })).statusCode).toBe(201);
  const [stored] = await rows(`select pg_column_compression(answers) as compression, length(answers::text) as chars, pg_column_size(answers) as bytes from application where id = $1`, [d.id]);
  // Big enough that the row, as before 0026, would have moved its answers to the TOAST table.
  expect(stored.chars).toBeGreaterThan(2000);
  const [{ toast }] = await rows(`select reltoastrelid::regclass::text as toast from pg_class where relname = 'application'`, []);
  expect(await rows(`select count(*)::int as n from ${toast}`, [])).toEqual([{ n: 0 }]);
  const [{ lz4 }] = await rows(`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`, []);
  expect(stored.compression).toBe(lz4 ? 'lz4' : 'pglz');
  if (t.app.db.kind === 'postgresql') expect(lz4, 'el PostgreSQL de Debian trae lz4').toBe(true);
});

it('sessions leave the expediente out, yet a new draft is prefilled from it, and saving the citizen keeps it', async () => {
  const d = await readyDraft();
  expect((await api('POST', `/solicitudes/${d.id}/enviar`, d.cookie, { respuestas: d.respuestas })).statusCode).toBe(201);
  // Her phone changed at the counter: she confirms it again, which saves her row as her session brought it.
  await rows('update citizen set telefono_verificado = false where id = $1', [d.citizenId]);
  expect((await api('POST', '/cuenta/telefono/reenviar', d.cookie)).statusCode).toBe(202);
  const [{ body }] = await rows(`select body from notification_outbox where citizen_id = $1 and body like '%código de verificación%' order by created_at desc limit 1`, [d.citizenId]);
  const codigo = /es (\d+)\./.exec(body)![1];
  expect((await api('POST', '/cuenta/telefono/verificar', d.cookie, { codigo })).statusCode).toBe(200);
  const [citizen] = await rows('select telefono_verificado, expediente from citizen where id = $1', [d.citizenId]);
  expect(citizen.telefono_verificado).toBe(true);
  expect(citizen.expediente.domicilio).toEqual(base.answers.domicilio);
  const prefilled = (await api('GET', '/programas/becas-escolares/borrador', d.cookie)).json();
  expect(prefilled.origen).toBe('expediente');
  expect(prefilled.respuestas.domicilio).toEqual(base.answers.domicilio);
});

it('plans the grouped session and draft reads once per connection, not at every call', async () => {
  // PGlite runs each parameterised statement unnamed: there is no plan kept to look at.
  if (t.app.db.kind !== 'postgresql') return;
  const drafts = [await readyDraft(), await readyDraft()];
  const group = JSON.stringify(drafts.map((d, i) => ({ id: d.id, citizen_id: d.citizenId, n: i + 1 })));
  // Planning each call cost PostgreSQL twice the read itself (an SQL array's length changed the plan).
  expect(await genericPlansAfter(t.app.db.sql, READ_DRAFTS, [group])).toBeGreaterThan(0);
  const cookies = JSON.stringify([{ token_hash: 'x'.repeat(64), now: new Date(), n: 1 }]);
  expect(await genericPlansAfter(t.app.db.sql, sessionSubjects('official', 't.*'), [cookies, 'funcionario'])).toBeGreaterThan(0);
  // That kept plan probes an index per cookie and per draft, never a whole table, even on tables never analysed.
  const sessionPlan = await genericPlanOf(t.app.db.sql, sessionSubjects('citizen', 't.id'), [cookies, 'ciudadano']);
  expect(sessionPlan).toMatch(/Index Scan using session_pkey on session s .*\n\s+Index Cond: \(token_hash = k\.token_hash\)/);
  const draftPlan = await genericPlanOf(t.app.db.sql, READ_DRAFTS, [group]);
  expect(draftPlan).toMatch(/Index Scan using application_\w+ on application a /);
  for (const plan of [sessionPlan, draftPlan]) expect(plan).not.toMatch(/Seq Scan|Hash Join/);
});
