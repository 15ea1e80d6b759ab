/**
 * A correction on the embedded database (PGlite, what `npm start` runs on a bare machine), whatever
 * DATABASE_URL says: Tarjeta Contigo's rules read the citizen's supports in the padrón, and that look-up
 * inside the correction's transaction waited for the one connection the transaction held — the citizen's
 * «Enviar corrección» never answered. It must answer, and re-evaluate with the padrón.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenWithSession, officialWithSession } from '../../../../test/helpers/actors.ts';
import { multipart } from '../../../../test/helpers/multipart.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';

const PROGRAM = 'tarjeta-contigo';
const definition = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { curp: string; at: string; answers: Record<string, any> };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await startTestApp({ now: base.at, env: { DATABASE_URL: '' } });
  ({ cookie } = await citizenWithSession(t.app, { curp: base.curp }));
}, 60_000);
afterAll(() => t?.close());

const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: object, who = cookie) => t.app.inject({ method, url: `/api${url}`, headers: { cookie: who }, ...(body ? { payload: body } : {}) });

describe('a correction on the embedded database', () => {
  it('answers, with the padrón read outside the transaction', { timeout: 30_000 }, async () => {
    expect(t.app.config.databaseUrl).toBeNull();
    const draft = await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: base.answers, paso: 0 });
    const id = draft.json().id as string;
    for (const tipo of definition.documents.map((d: { id: string }) => d.id)) {
      const { payload, headers } = multipart(`${tipo}.pdf`, PDF);
      await t.app.inject({ method: 'POST', url: `/api/solicitudes/${id}/documentos/${tipo}`, payload, headers: { ...headers, cookie } });
    }
    expect((await api('POST', `/solicitudes/${id}/enviar`, { respuestas: base.answers })).statusCode).toBe(201);
    const reviewer = await officialWithSession(t.app, ['revisor'], definition.area);
    const ask = await api('POST', `/funcionario/solicitudes/${id}/eventos`, { evento: 'SOLICITAR_CORRECCION', comentario: 'El código postal no corresponde.', campos: ['domicilio.codigo_postal'], documentos: [] }, reviewer.cookie);
    expect(ask.json()).toMatchObject({ estado: 'Corrección' });
    const fixed = structuredClone(base.answers);
    fixed.domicilio.codigo_postal = fixed.domicilio.codigo_postal === '76000' ? '76001' : '76000';
    const done = await api('POST', `/solicitudes/${id}/correccion`, { respuestas: fixed });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ estado: 'En proceso' });
  });
});
