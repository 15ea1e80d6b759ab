/**
 * «Limpieza de ubicaciones» through its HTTP contract: with the invented SEPOMEX catalog in force, a
 * reviewer runs the cleaning over people whose colonias were written by hand, reads the proposals (and
 * the ones left for a person), accepts them in bulk but one, and only people whose colonia still reads
 * as it did get the clave; the text written stays. People whose point falls outside their municipio are
 * listed for a person, with the municipio the point falls in; accepting in bulk leaves them be.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogImport, CleaningProposal, CleaningRun } from '../../../api/territorio.ts';
import { ROLE_ADMIN, ROLE_PADRON, ROLE_PADRON_REVISOR } from '../../../../engine/vocabulary.ts';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { multipart } from '../../../../test/helpers/multipart.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';

const SEPOMEX = readFileSync(new URL('../../../../test/fixtures/territorio/sepomex-inventado.txt', import.meta.url));

/** Colonias as people wrote them, with what the cleaning should make of each. */
const WRITTEN: Array<{ colonia: string; cveMun: string; cp: string | null; clave: string | null; motivo: string }> = [
  { colonia: 'col. peñitas del rio', cveMun: '22014', cp: '76010', clave: '220140004', motivo: 'exacto' },
  { colonia: 'JARDINES ALAMEDA INVENTADA', cveMun: '22014', cp: null, clave: '220140001', motivo: 'exacto' },
  { colonia: 'Fracc. Los Fresnos Fictisios', cveMun: '22014', cp: '76000', clave: '220140003', motivo: 'parecido' },
  { colonia: 'Camino Real Ficticio', cveMun: '22014', cp: null, clave: '220060002', motivo: 'otro_municipio' },
  { colonia: 'Colonia Que No Existe', cveMun: '22014', cp: '76000', clave: null, motivo: 'sin_parecido' },
];

let t: TestApp;
let reviewer: string;
const people: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  reviewer = (await officialWithSession(t.app, [ROLE_PADRON_REVISOR])).cookie;
  const admin = (await officialWithSession(t.app, [ROLE_ADMIN])).cookie;
  const { payload, headers } = multipart('CPdescarga.txt', SEPOMEX, 'text/plain');
  const imported = (await t.app.inject({ method: 'POST', url: '/api/admin/catalogos/sepomex', headers: { ...headers, cookie: admin, origin: 'http://localhost' }, payload })).json<CatalogImport>();
  await t.app.inject({ method: 'POST', url: `/api/admin/catalogos/importaciones/${imported.id}/aplicar`, headers: { cookie: admin, origin: 'http://localhost' } });
  for (const [i, w] of WRITTEN.entries()) {
    const id = randomUUID();
    people.push(id);
    await t.app.db.sql.query(
      `insert into persona (id, curp, nombres, primer_apellido, cve_ent, cve_mun, colonia, codigo_postal, origen, created_at, updated_at) values ($1, $2, 'PERSONA', 'DE PRUEBA', '22', $3, $4, $5, 'prueba', now(), now())`,
      [id, `PRUE0000${i}0HQTRRR0${i}`, w.cveMun, w.colonia, w.cp],
    );
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const call = (method: 'GET' | 'POST', url: string, cookie = reviewer, payload?: object) =>
  t.app.inject({ method, url: `/api${url}`, headers: { cookie, origin: 'http://localhost' }, ...(payload ? { payload } : {}) });

describe('limpieza de ubicaciones', () => {
  let run: CleaningRun;

  it('only reviewers of the padrón run it', async () => {
    const liaison = (await officialWithSession(t.app, [ROLE_PADRON])).cookie;
    expect((await call('POST', '/funcionario/limpieza', liaison)).statusCode).toBe(403);
  });

  it('proposes a clave for each colonia it can tell, and says why for the rest', async () => {
    const started = await call('POST', '/funcionario/limpieza');
    expect(started.statusCode).toBe(201);
    run = started.json<CleaningRun>();
    expect(run).toMatchObject({ estado: 'corriendo', total: WRITTEN.length });
    // A second run while one is going is refused.
    expect((await call('POST', '/funcionario/limpieza')).json()).toMatchObject({ error: { code: 'CLEANING_RUNNING' } });
    await t.app.jobs.idle();
    run = (await call('GET', `/funcionario/limpieza/${run.id}`)).json<CleaningRun>();
    expect(run).toMatchObject({ estado: 'lista', revisadas: 5, propuestas: 4, sinResolver: 1 });
    const pending = (await call('GET', `/funcionario/limpieza/${run.id}/propuestas`)).json<CleaningProposal[]>();
    const byText = (a: { texto: string }, b: { texto: string }) => (a.texto < b.texto ? -1 : 1);
    expect([...pending].sort(byText).map((p) => [p.texto, p.clave, p.motivo])).toEqual(WRITTEN.filter((w) => w.clave).map((w) => ({ ...w, texto: w.colonia })).sort(byText).map((w) => [w.colonia, w.clave, w.motivo]));
    const unresolved = (await call('GET', `/funcionario/limpieza/${run.id}/propuestas?estado=sin_resolver`)).json<CleaningProposal[]>();
    expect(unresolved).toMatchObject([{ texto: 'Colonia Que No Existe', clave: null, motivo: 'sin_parecido' }]);
  });

  it('accepted in bulk, the clave goes beside the text; a rejected one and one whose colonia changed meanwhile are not applied', async () => {
    const pending = (await call('GET', `/funcionario/limpieza/${run.id}/propuestas`)).json<CleaningProposal[]>();
    await t.app.db.sql.query(`update persona set colonia = 'Otra colonia escrita después' where id = $1`, [people[1]]);
    const otherMunicipio = pending.find((p) => p.motivo === 'otro_municipio')!;
    const decided = await call('POST', `/funcionario/limpieza/${run.id}/decision`, reviewer, { rechazar: [otherMunicipio.id], todas: true });
    expect(decided.json<CleaningRun>()).toMatchObject({ aceptadas: 2, rechazadas: 1, caducadas: 1 });
    const { rows } = await t.app.db.sql.query<{ id: string; colonia: string; cve_asentamiento: string | null }>('select id, colonia, cve_asentamiento from persona where id = any($1::uuid[])', [people]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(people.map((id) => byId.get(id)!.cve_asentamiento)).toEqual(['220140004', null, '220140003', null, null]);
    expect(byId.get(people[0])!.colonia).toBe('col. peñitas del rio');
    // Deciding again changes nothing: nothing is pending.
    expect((await call('POST', `/funcionario/limpieza/${run.id}/decision`, reviewer, { todas: true })).json<CleaningRun>()).toMatchObject({ aceptadas: 2, rechazadas: 1, caducadas: 1 });
  });

  it('a next run reads only the people still without a clave', async () => {
    const next = (await call('POST', '/funcionario/limpieza')).json<CleaningRun>();
    expect(next.total).toBe(3);
    await t.app.jobs.idle();
    expect((await call('GET', `/funcionario/limpieza/${next.id}`)).json<CleaningRun>()).toMatchObject({ estado: 'lista', revisadas: 3 });
    expect((await call('GET', '/funcionario/limpieza/no-existe')).json()).toMatchObject({ error: { code: 'CLEANING_NOT_FOUND' } });
  });

  it('lists a person whose point falls outside their municipio, with the municipio it falls in; one inside is not listed; accepting in bulk changes neither', async () => {
    const JARDIN_ZENEA = { latitud: 20.5926, longitud: -100.3921 }; // Centro histórico of Santiago de Querétaro (22014)
    const [outside, inside] = [randomUUID(), randomUUID()];
    for (const [i, [id, cveMun]] of [[outside, '22006'], [inside, '22014']].entries()) {
      await t.app.db.sql.query(
        `insert into persona (id, curp, nombres, primer_apellido, cve_ent, cve_mun, latitud, longitud, origen, created_at, updated_at) values ($1, $2, 'PERSONA', 'CON PUNTO', '22', $3, $4, $5, 'prueba', now(), now())`,
        [id, `PUNT0000${i}0HQTRRR0${i}`, cveMun, JARDIN_ZENEA.latitud, JARDIN_ZENEA.longitud],
      );
    }
    const run = (await call('POST', '/funcionario/limpieza')).json<CleaningRun>();
    await t.app.jobs.idle();
    const listed = (await call('GET', `/funcionario/limpieza/${run.id}/propuestas?estado=sin_resolver`)).json<CleaningProposal[]>().filter((p) => p.motivo === 'punto_fuera_del_municipio');
    expect(listed).toMatchObject([{ texto: '20.5926, -100.3921', cveMun: '22006', municipioEscrito: 'Corregidora', cveMunPropuesto: '22014', municipioPropuesto: 'Querétaro', clave: null }]);
    await call('POST', `/funcionario/limpieza/${run.id}/decision`, reviewer, { todas: true });
    const { rows } = await t.app.db.sql.query<{ cve_mun: string }>('select cve_mun from persona where id = $1', [outside]);
    expect(rows[0].cve_mun).toBe('22006');
    expect((await call('GET', `/funcionario/limpieza/${run.id}/propuestas?estado=sin_resolver`)).json<CleaningProposal[]>().filter((p) => p.motivo === 'punto_fuera_del_municipio')).toHaveLength(1);
  });
});
