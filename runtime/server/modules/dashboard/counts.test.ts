import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { citizenWithSession, curpFor, officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { insertDraft, seedApplications } from '../../../../test/helpers/seed-applications.ts';
import { COUNTS, foldCounts, type CountRow } from './counts.ts';

/**
 * The dashboard's counts are kept by triggers as applications change, not counted at each read:
 * after every kind of write they must equal what counting the applications says.
 */
const PROGRAM = 'apoyo-tecnologico';
const OTHER = 'becas-escolares';
const definition = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { curp: string; at: string; answers: Record<string, unknown> };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: base.at });
}, 60_000);
afterAll(() => t?.close());

const api = (method: string, url: string, cookie: string, body?: unknown) =>
  t.app.inject({ method: method as never, url: `/api${url}`, headers: { cookie }, ...(body === undefined ? {} : { payload: body as never }) });

/** A citizen's submission through the routes, as the portal sends it (draft, documents, submit). */
async function submitted(curp: string): Promise<string> {
  const { cookie } = await citizenWithSession(t.app, { curp });
  const id = (await api('PUT', `/programas/${PROGRAM}/borrador`, cookie, { respuestas: base.answers, paso: 0 })).json().id as string;
  for (const tipo of (await api('POST', `/programas/${PROGRAM}/elegibilidad`, cookie, { respuestas: base.answers })).json().documentosRequeridos as string[]) {
    const boundary = '----sipros-conteos';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="${tipo}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    await t.app.inject({ method: 'POST', url: `/api/solicitudes/${id}/documentos/${tipo}`, payload, headers: { origin: 'http://localhost', 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
  }
  const res = await api('POST', `/solicitudes/${id}/enviar`, cookie, { respuestas: base.answers });
  expect(res.statusCode, res.body).toBe(201);
  return id;
}

async function event(id: string, roles: string[], evento: string, comentario?: string): Promise<void> {
  const { cookie } = await officialWithSession(t.app, roles);
  const res = await api('POST', `/funcionario/solicitudes/${id}/eventos`, cookie, { evento, ...(comentario ? { comentario } : {}) });
  expect(res.statusCode, res.body).toBe(200);
}

const key = (r: CountRow) => `${r.program_id}|${r.status}|${r.municipio ?? ''}`;
const sorted = (rows: CountRow[]) => rows.map((r) => ({ ...r, n: Number(r.n) })).sort((a, b) => key(a).localeCompare(key(b)));

/** The kept counts (before and after folding the pending changes) against counting the applications. */
async function expectExact(step: string): Promise<void> {
  const programs = [PROGRAM, OTHER];
  const counted = await t.app.db.sql.query<CountRow>(
    `select program_id, status, municipio, count(*)::int as n from application where program_id = any($1::text[]) and status <> 'Borrador' group by 1, 2, 3`,
    [programs],
  );
  expect(sorted((await t.app.db.sql.query<CountRow>(COUNTS, [programs])).rows), step).toEqual(sorted(counted.rows));
  await foldCounts(t.app.db.sql);
  expect(sorted((await t.app.db.sql.query<CountRow>(COUNTS, [programs])).rows), `${step}, consolidado`).toEqual(sorted(counted.rows));
}

it('keeps the counts exact across submissions, transitions, bulk approvals, withdrawals, corrections and deletes', async () => {
  const seeded = await seedApplications(t.app, [
    { program: PROGRAM, state: 'aprobada', municipio: '22014', citizen: { nombres: 'ANA', primerApellido: 'UNO' }, submittedAt: '2026-11-01T10:00:00-06:00' },
    { program: PROGRAM, state: 'correccion', municipio: null, citizen: { nombres: 'BETO', primerApellido: 'DOS' }, submittedAt: '2026-11-02T10:00:00-06:00' },
    { program: OTHER, state: 'entregado', municipio: '22006', citizen: { nombres: 'CARLA', primerApellido: 'TRES' }, submittedAt: '2026-11-03T10:00:00-06:00' },
  ]);
  const draft = await insertDraft(t.app, PROGRAM, '22014');
  await expectExact('aplicaciones sembradas y un borrador');

  const [first, second, third] = [await submitted(base.curp), await submitted(curpFor('GOMA', '090315', 'H')), await submitted(curpFor('LUSA', '090412', 'M'))];
  await expectExact('tres envíos');

  await event(first, ['revisor'], 'VALIDAR');
  await event(second, ['revisor'], 'RECHAZAR', 'No cumple');
  await event(first, ['dictaminador'], 'DICTAMINAR');
  await expectExact('transiciones');

  const { cookie: coordinador } = await officialWithSession(t.app, ['coordinador']);
  const bulk = await api('POST', '/funcionario/solicitudes/lote', coordinador, { ids: [first], evento: 'APROBAR', comentario: 'Cumple' });
  expect(bulk.json().resultados.map((r: { ok: boolean }) => r.ok)).toEqual([true]);
  await event(first, ['coordinador'], 'DAR_DE_BAJA', 'Lo pidió la persona');
  await event(seeded[0].id, ['coordinador'], 'DAR_DE_BAJA', 'Lo pidió la persona');
  await expectExact('aprobación en lote y bajas');

  // A correction of the municipio, a draft and a submitted application deleted: whoever writes, the trigger counts.
  await t.app.db.sql.query(`update application set municipio = '22006' where id = $1`, [third]);
  await t.app.db.sql.query(`update application set municipio = '22001' where id = $1`, [seeded[1].id]);
  await t.app.db.sql.query(`delete from application where id = $1`, [draft]);
  await t.app.db.sql.query(`delete from application_event where application_id = $1`, [seeded[2].id]);
  await t.app.db.sql.query(`delete from application where id = $1`, [seeded[2].id]);
  await expectExact('corrección de municipio y borrados');

  const body = (await api('GET', '/funcionario/tablero', coordinador)).json();
  const total = (await t.app.db.sql.query<{ n: number }>(`select count(*)::int as n from application where program_id = any($1::text[]) and folio is not null`, [body.porPrograma.map((p: { programa: string }) => p.programa)])).rows[0].n;
  expect(body.porPrograma.reduce((sum: number, p: { total: number }) => sum + p.total, 0)).toBe(total);
}, 60_000);

it('has the process that runs jobs fold the pending changes by itself, within seconds', async () => {
  const [one] = await seedApplications(t.app, [{ program: OTHER, state: 'aprobada', municipio: '22014', citizen: { nombres: 'DANIEL', primerApellido: 'CUATRO' }, submittedAt: '2026-11-04T10:00:00-06:00' }]);
  await t.app.db.sql.query(`update application set municipio = '22006' where id = $1`, [one.id]);
  const pending = async () => (await t.app.db.sql.query<{ n: number }>('select count(*)::int as n from application_count_change')).rows[0].n;
  for (let waited = 0; waited < 10_000 && (await pending()) > 0; waited += 100) await new Promise((r) => setTimeout(r, 100));
  expect(await pending()).toBe(0);
  await expectExact('consolidado por el proceso de trabajos');
});
