import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application, ApplicationEvent, Document } from '../../../db/entities.ts';
import { citizenWithSession, officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { publishDefinition } from '../programs/index.ts';

/**
 * Territory in rules and quotas (issue 13): a rule «solo localidades rurales» and a quota per localidad,
 * judged with the localidad of the address in the catalog the server starts with (Querétaro's
 * localidades of 1,000 inhabitants or more, INEGI).
 */
const PROGRAM = 'cuidado-infantil';
const definition = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { at: string; answers: Record<string, any> };
/** Rural (INEGI ámbito R), in Amealco de Bonfil. */
const MESILLAS = '220010025';
const BARRIO_5 = '220010029';
/** Urban: Amealco de Bonfil's cabecera. */
const AMEALCO = '220010001';
const SOLO_RURAL = { id: 'solo-rural', message: 'Este apoyo es para personas que viven en localidades rurales.', rule: { '==': [{ var: 'territorio.ambito' }, 'rural'] } };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: base.at });
  const v2 = structuredClone(definition);
  v2.version = 2;
  v2.eligibility.push(SOLO_RURAL);
  v2.convocatoria.quotas = { ...v2.convocatoria.quotas, byLocalidad: { [MESILLAS]: 1 } };
  // The test table states the localidad the server would find, so its cases still meet the new rule.
  v2.tests.base.answers.domicilio.cve_localidad = MESILLAS;
  v2.tests.base.localidad = { clave: MESILLAS, ambito: 'R', poblacion: 1327 };
  const published = await publishDefinition(t.app.db.orm.em.fork(), v2, t.app.library, 'prueba', t.app.clock());
  expect(published).toMatchObject({ version: 2 });
}, 60_000);
afterAll(() => t?.close());

const api = (method: string, url: string, cookie: string, body?: unknown) => t.app.inject({ method: method as never, url: `/api${url}`, headers: { cookie }, ...(body === undefined ? {} : { payload: body as never }) });
const em = () => t.app.db.orm.em.fork();

/** The test table's answers, living in a localidad of Amealco (its clave as the address control fills it), or with no clave. */
function answersIn(cveLocalidad: string | null) {
  const answers = structuredClone(base.answers);
  answers.domicilio = { ...answers.domicilio, municipio: '22001', localidad: 'Amealco', codigo_postal: '76850' };
  if (cveLocalidad) answers.domicilio.cve_localidad = cveLocalidad;
  return answers;
}

/** A draft with every document recorded (their upload has its own tests), sent; the response as it came. */
async function send(cveLocalidad: string | null) {
  const { citizen, cookie } = await citizenWithSession(t.app);
  const answers = answersIn(cveLocalidad);
  const draft = await api('PUT', `/programas/${PROGRAM}/borrador`, cookie, { respuestas: answers });
  expect(draft.statusCode, draft.body).toBe(200);
  const id = draft.json().id as string;
  const docs = em();
  for (const doc of definition.documents as Array<{ id: string }>) {
    docs.create(Document, { id: randomUUID(), application: id, documentType: doc.id, sha256: '0'.repeat(64), size: 1000, mediaType: 'application/pdf', originalName: `${doc.id}.pdf`, uploadedBy: `ciudadano:${citizen.id}`, uploadedAt: t.app.clock() });
  }
  await docs.flush();
  return { id, cookie, answers, response: await api('POST', `/solicitudes/${id}/enviar`, cookie, { respuestas: answers }) };
}

describe('a rule over the ámbito of the localidad', () => {
  it('an application in a rural localidad meets «solo localidades rurales», and the row keeps its localidad', async () => {
    const { id, cookie, answers, response } = await send(MESILLAS);
    expect(response.statusCode, response.body).toBe(201);
    expect((await api('POST', `/programas/${PROGRAM}/elegibilidad`, cookie, { respuestas: answers })).json()).toMatchObject({ elegible: true, motivos: [] });
    expect(await em().findOneOrFail(Application, id)).toMatchObject({ municipio: '22001', localidad: MESILLAS });
  });

  it('an urban one is refused with the rule’s reason, and gets no folio', async () => {
    const { id, response } = await send(AMEALCO);
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'NOT_ELIGIBLE', details: { motivos: [{ ruleId: 'solo-rural', code: 'RULE_FAILED', message: SOLO_RURAL.message }] } });
    expect((await em().findOneOrFail(Application, id)).folio).toBeNull();
  });

  it('an address without a localidad clave is told which data is missing, not refused as urban', async () => {
    const { response } = await send(null);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.motivos).toEqual([expect.objectContaining({ ruleId: 'solo-rural', code: 'MISSING_DATA', missing: ['territorio.ambito'], message: expect.stringContaining(SOLO_RURAL.message) })]);
  });
});

describe('a quota per localidad', () => {
  const area = definition.area as string;

  it('of 1 place: approving three applications of that localidad at once approves exactly one; the refusal names the localidad', async () => {
    const apps = [];
    for (let i = 0; i < 3; i++) {
      const sent = await send(MESILLAS);
      expect(sent.response.statusCode, sent.response.body).toBe(201);
      apps.push(sent);
    }
    const elsewhere = await send(BARRIO_5);
    expect(elsewhere.response.statusCode, elsewhere.response.body).toBe(201);
    const reviewers = await Promise.all(apps.map(() => officialWithSession(t.app, ['revisor'], area)));
    // The first application of Mesillas (sent by the first test) is still waiting: the place is free.
    const results = await Promise.all(apps.map((a, i) => api('POST', `/funcionario/solicitudes/${a.id}/eventos`, reviewers[i].cookie, { evento: 'APROBAR' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    for (const refused of results.filter((r) => r.statusCode === 409)) {
      expect(refused.json().error).toMatchObject({
        code: 'QUOTA_FULL',
        message: 'No se puede aprobar: se agotó el cupo de la localidad de Mesillas (Amealco de Bonfil) en la convocatoria de «Cuidado infantil» (1 lugar).',
        details: { cupo: 'localidad', localidad: MESILLAS, localidadNombre: 'Mesillas', municipio: '22001', limite: 1 },
      });
    }
    expect(await em().count(Application, { programId: PROGRAM, localidad: MESILLAS, status: 'Aprobada' })).toBe(1);
    const refusedIds = apps.filter((_, i) => results[i].statusCode === 409).map((a) => a.id);
    expect(await em().count(ApplicationEvent, { application: { $in: refusedIds }, event: 'APROBAR' })).toBe(0);
    // Another localidad of the same municipio has no quota of its own.
    const other = await api('POST', `/funcionario/solicitudes/${elsewhere.id}/eventos`, reviewers[0].cookie, { evento: 'APROBAR' });
    expect(other.statusCode, other.body).toBe(200);
  });
});

describe('a corrected address', () => {
  it('moves the row’s municipio with it, so quotas count the place where the applicant now says they live', async () => {
    const sent = await send(BARRIO_5);
    expect(sent.response.statusCode, sent.response.body).toBe(201);
    const reviewer = await officialWithSession(t.app, ['revisor'], definition.area as string);
    const ask = await api('POST', `/funcionario/solicitudes/${sent.id}/eventos`, reviewer.cookie, { evento: 'SOLICITAR_CORRECCION', comentario: 'Tu comprobante es de Corregidora.', campos: ['domicilio.municipio'], documentos: [] });
    expect(ask.statusCode, ask.body).toBe(200);
    const corrected = { ...sent.answers, domicilio: { ...sent.answers.domicilio, municipio: '22006' } };
    const done = await api('POST', `/solicitudes/${sent.id}/correccion`, sent.cookie, { respuestas: corrected });
    expect(done.statusCode, done.body).toBe(200);
    expect(await em().findOneOrFail(Application, sent.id)).toMatchObject({ municipio: '22006', localidad: BARRIO_5 });
  });
});

describe('migration 0020', () => {
  it('gives applications already sent the localidad clave of their address, and leaves drafts and texts alone', async () => {
    const { sql } = t.app.db;
    const migrator = t.app.db.orm.getMigrator();
    const sent = await em().find(Application, { programId: PROGRAM, folio: { $ne: null } }, { fields: ['id', 'localidad'] });
    await migrator.down({ migrations: ['0020-territorio-reglas'] });
    await migrator.up({ migrations: ['0020-territorio-reglas'] });
    const rows = (await sql.query<{ id: string; localidad: string | null }>('select id, localidad from application where program_id = $1 and folio is not null', [PROGRAM])).rows;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.localidad]))).toEqual(Object.fromEntries(sent.map((a) => [a.id, a.localidad])));
    expect(rows.filter((r) => r.localidad === MESILLAS).length).toBeGreaterThanOrEqual(4);
    // A draft keeps no localidad: only a submission (or a correction) writes it.
    expect((await sql.query('select 1 from application where folio is null and localidad is not null')).rows).toEqual([]);
  });
});
