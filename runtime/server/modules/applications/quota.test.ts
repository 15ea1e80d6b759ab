import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Application } from '../../../db/entities.ts';
import { citizenWithSession, curpFor, officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { publishDefinition } from '../programs/index.ts';

const PROGRAM = 'apoyo-tecnologico';
const definition = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { curp: string; at: string; answers: Record<string, any> };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: base.at });
  // Version 2 of the call has a single place.
  await publishDefinition(t.app.db.orm.em.fork(), { ...definition, version: 2, convocatoria: { ...definition.convocatoria, quotas: { total: 1 } } }, t.app.library, 'prueba', t.app.clock());
}, 60_000);
afterAll(() => t?.close());

const api = (method: string, url: string, cookie: string, body?: unknown) => t.app.inject({ method: method as never, url: `/api${url}`, headers: { cookie }, ...(body === undefined ? {} : { payload: body as never }) });

async function draftWithDocuments(curp: string) {
  const { cookie } = await citizenWithSession(t.app, { curp });
  const id = (await api('PUT', `/programas/${PROGRAM}/borrador`, cookie, { respuestas: base.answers, paso: 0 })).json().id as string;
  for (const tipo of (await api('POST', `/programas/${PROGRAM}/elegibilidad`, cookie, { respuestas: base.answers })).json().documentosRequeridos as string[]) {
    const boundary = '----sipros-cupo';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="${tipo}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    await t.app.inject({ method: 'POST', url: `/api/solicitudes/${id}/documentos/${tipo}`, payload, headers: { origin: 'http://localhost', 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
  }
  return { id, cookie };
}

it('refuses new submissions once the call has no places left, and writes nothing', async () => {
  const first = await draftWithDocuments(base.curp);
  expect((await api('POST', `/solicitudes/${first.id}/enviar`, first.cookie, { respuestas: base.answers })).statusCode).toBe(201);
  for (const [role, evento] of [['revisor', 'VALIDAR'], ['dictaminador', 'DICTAMINAR'], ['coordinador', 'APROBAR']]) {
    const { cookie } = await officialWithSession(t.app, [role]);
    expect((await api('POST', `/funcionario/solicitudes/${first.id}/eventos`, cookie, { evento })).statusCode).toBe(200);
  }
  const second = await draftWithDocuments(curpFor('GOMA', '090315', 'H'));
  const refused = await api('POST', `/solicitudes/${second.id}/enviar`, second.cookie, { respuestas: base.answers });
  expect(refused.statusCode).toBe(409);
  expect(refused.json().error).toMatchObject({ code: 'QUOTA_FULL', message: 'Ya no hay lugares en la convocatoria de «Apoyo Tecnológico»: se ocupó su cupo (1 lugar).' });
  expect((await t.app.db.orm.em.fork().findOneOrFail(Application, second.id)).folio).toBeNull();
});
