/**
 * Issue 15, «done when»: a sync of 200 queued records with photos completes, resumes after a cut
 * in the middle and duplicates nothing. The device sends 117 records, the connection drops while
 * the next ones are uploading (their bodies arrive cut), the answers of a few sent ones are lost
 * on the way back; later it sends the whole queue again, not knowing what got through.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Application, FieldRecord } from '../../../db/entities.ts';
import { nextAdultCurp, officialWithSession } from '../../../../test/helpers/actors.ts';
import { FIELD_BASE, fieldRecord, multipartOf, personFor, photo, recordParts } from '../../../../test/helpers/campo.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';

const QUEUED = 200;
const SENT_BEFORE_CUT = 117;
const CUT_MID_UPLOAD = 6;
/** Requests in flight at once, as a phone's sync would keep a few. */
const IN_FLIGHT = 4;

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await startTestApp({ now: FIELD_BASE.at });
  cookie = (await officialWithSession(t.app, ['brigadista'])).cookie;
}, 60_000);
afterAll(() => t?.close());

const queue = Array.from({ length: QUEUED }, (_, i) => {
  const record = fieldRecord(personFor(nextAdultCurp(), { nombres: `Persona ${i + 1}` }));
  return { record, body: multipartOf(recordParts(record, { 'identificacion-oficial': photo(12_000), curp: photo(8_000), 'comprobante-domicilio': photo(10_000) })) };
});

function post(body: { payload: Buffer; headers: Record<string, string> }) {
  return t.app.inject({ method: 'POST', url: '/api/campo/registros', payload: body.payload, headers: { ...body.headers, cookie } });
}

/** Sends items a few at a time, in order, as the device's queue does. */
async function sendAll<T>(items: T[], one: (item: T) => Promise<{ statusCode: number; body: string }>) {
  const answers: Array<{ statusCode: number; body: string }> = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < items.length) {
        const i = next++;
        answers[i] = await one(items[i]);
      }
    }),
  );
  return answers;
}

it('200 records with photos, cut after 117 with uploads dropped half-way, all sent again: exactly 200 applications, each answer retrievable', async () => {
  const before = await sendAll(queue.slice(0, SENT_BEFORE_CUT), (q) => post(q.body));
  expect(before.map((a) => a.statusCode)).toEqual(before.map(() => 201));

  // The network drops: the next uploads arrive cut at different points of their photos.
  const cut = queue.slice(SENT_BEFORE_CUT, SENT_BEFORE_CUT + CUT_MID_UPLOAD);
  const dropped = await Promise.all(cut.map((q, i) => post({ ...q.body, payload: q.body.payload.subarray(0, Math.floor(q.body.payload.length * (0.3 + 0.1 * i))) })));
  expect(dropped.map((a) => a.statusCode)).toEqual(cut.map(() => 400));
  expect(dropped.map((a) => JSON.parse(a.body).error.code)).toEqual(cut.map(() => 'MULTIPART_INVALID'));
  const em = t.app.db.orm.em.fork();
  expect(await em.count(FieldRecord, { idCliente: { $in: cut.map((q) => q.record.idCliente) } })).toBe(0);

  // Back online, the device sends its whole queue again (it lost the last answers it had been sent).
  const again = await sendAll(queue, (q) => post(q.body));
  expect(again.slice(0, SENT_BEFORE_CUT).map((a) => a.statusCode)).toEqual(before.map(() => 200));
  expect(again.slice(SENT_BEFORE_CUT).map((a) => a.statusCode)).toEqual(queue.slice(SENT_BEFORE_CUT).map(() => 201));
  expect(again.slice(0, SENT_BEFORE_CUT).map((a) => a.body)).toEqual(before.map((a) => a.body));
  const results = again.map((a) => JSON.parse(a.body));
  expect(results.every((r) => r.resultado === 'aceptado')).toBe(true);
  expect(new Set(results.map((r) => r.folio)).size).toBe(QUEUED);

  const curps = queue.map((q) => q.record.persona.curp);
  const applications = await em.find(Application, { citizen: { curp: { $in: curps } } }, { populate: ['citizen'] });
  expect(applications).toHaveLength(QUEUED);
  expect(new Set(applications.map((a) => a.citizen.curp)).size).toBe(QUEUED);
  expect(applications.every((a) => a.folio !== null)).toBe(true);
  expect(await em.count(FieldRecord, { resultado: 'aceptado' })).toBe(QUEUED);

  const fetched = await sendAll(queue, (q) => t.app.inject({ method: 'GET', url: `/api/campo/registros/${q.record.idCliente}`, headers: { cookie } }));
  expect(fetched.map((f) => JSON.parse(f.body))).toEqual(results);
}, 600_000);
