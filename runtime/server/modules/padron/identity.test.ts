/**
 * Identity resolution in the padrón (issue 12), through the HTTP contract: a second roll whose people
 * come with name variants, a second CURP or a relative's CURP meets the registry the first roll made;
 * the confronta counts people; the reviewer merges a two-CURP pair (one record, both CURPs), splits it
 * back, tells a pair of twins apart, and a later import does not propose that pair again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curpCheckDigit } from '../../../../engine/curp.ts';
import { ROLE_ATENCION, ROLE_PADRON, ROLE_PADRON_REVISOR, ROLE_PLANEACION } from '../../../../engine/vocabulary.ts';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { multipart } from '../../../../test/helpers/multipart.ts';
import { seedApplications } from '../../../../test/helpers/seed-applications.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';

const valid = (first17: string) => `${first17}${curpCheckDigit(first17)}`;
const HEADER = 'folio,curp,primer_apellido,segundo_apellido,nombre,fecha_nacimiento,sexo,cve_mun,monto,fecha_pago';

/** The people of the first roll. */
const LUPE = { curp: valid('HELG850304MQTRPD0'), ap1: 'HERNÁNDEZ', ap2: 'LÓPEZ', nombre: 'MARÍA GUADALUPE', fecha: '1985-03-04', sexo: 'M', mun: '22014' };
const PEDRO = { curp: valid('UAOP700215HQTGLD0'), ap1: 'UGALDE', ap2: 'OLVERA', nombre: 'PEDRO', fecha: '1970-02-15', sexo: 'H', mun: '22006' };
const JUAN_CARLOS = { curp: valid('RAMJ010520HQTMRNA'), ap1: 'RAMÍREZ', ap2: 'MORALES', nombre: 'JUAN CARLOS', fecha: '2001-05-20', sexo: 'H', mun: '22011' };
type Person = typeof LUPE;
const line = (folio: string, p: Person, overrides: Partial<Person> = {}) => {
  const q = { ...p, ...overrides };
  return [folio, q.curp, q.ap1, q.ap2, q.nombre, q.fecha, q.sexo, q.mun, '900', '2025-08-13'].join(',');
};
const roll = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\n'));

let t: TestApp;
let storage: string;
let liaison: string;
let reviewer: string;

beforeAll(async () => {
  storage = mkdtempSync(join(tmpdir(), 'sipros-identidad-'));
  t = await startTestApp({ env: { STORAGE_DIR: storage } });
  liaison = (await officialWithSession(t.app, [ROLE_PADRON, ROLE_PLANEACION], 'direccion-planeacion-evaluacion')).cookie;
  reviewer = (await officialWithSession(t.app, [ROLE_PADRON_REVISOR], 'direccion-planeacion-evaluacion')).cookie;
  for (const [clave, nombre] of [['despensas-dif', 'Despensas DIF'], ['becas-sedeq', 'Becas SEDEQ'], ['apoyo-campo', 'Apoyo al campo']]) {
    const res = await api('POST', '/funcionario/padron/programas', liaison, { clave, nombre, dependencia: 'dif-estatal', tipo: 'economico' });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
  rmSync(storage, { recursive: true, force: true });
});

const api = (method: string, url: string, cookie: string, body?: unknown) =>
  t.app.inject({ method: method as 'GET', url: `/api${url}`, headers: { cookie, origin: 'http://localhost' }, ...(body === undefined ? {} : { payload: body as object }) });

/** Upload, map as suggested, review, load: the batch as it ends. */
async function load(programa: string, name: string, content: Buffer) {
  const { payload, headers } = multipart(name, content, 'text/csv');
  const up = await t.app.inject({ method: 'POST', url: `/api/funcionario/padron/lotes?programa=${programa}`, headers: { ...headers, cookie: liaison }, payload });
  expect(up.statusCode, up.body).toBe(201);
  const { id, mapeo } = up.json();
  expect((await api('PUT', `/funcionario/padron/lotes/${id}/mapeo`, liaison, { mapeo })).statusCode).toBe(200);
  await t.app.jobs.idle();
  const reviewed = (await api('GET', `/funcionario/padron/lotes/${id}`, liaison)).json();
  expect(reviewed.estado, JSON.stringify(reviewed)).toBe('revisado');
  expect((await api('POST', `/funcionario/padron/lotes/${id}/cargar`, liaison)).statusCode).toBe(200);
  await t.app.jobs.idle();
  return { id, reviewed, loaded: (await api('GET', `/funcionario/padron/lotes/${id}`, liaison)).json() };
}

const personOf = async (curp: string) =>
  (await t.app.db.sql.query<{ persona_id: string }>('select coalesce((select persona_id from persona_curp where curp = $1), (select id from persona where curp = $1 limit 1)) as persona_id', [curp])).rows[0].persona_id;
const people = async () => Number((await t.app.db.sql.query<{ n: string }>('select count(*) as n from persona where fusionada_en is null')).rows[0].n);

describe('Identity resolution when a roll is loaded', () => {
  const lupeSecond = valid('HELG850304MQTRPD1');
  const daughter = { curp: LUPE.curp, ap1: 'RAMÍREZ', ap2: 'HERNÁNDEZ', nombre: 'ANA SOFÍA', fecha: '', sexo: 'M', mun: '22014' };
  const twin = { ...JUAN_CARLOS, curp: valid('RAMJ010520HQTMRNB'), nombre: 'JUAN PABLO' };

  it('the first roll makes one person per CURP', async () => {
    const { loaded } = await load('despensas-dif', 'despensas.csv', roll(line('1', LUPE), line('2', PEDRO), line('3', JUAN_CARLOS)));
    expect(loaded).toMatchObject({ estado: 'cargado', progreso: { hechas: 3 }, yaEnPadron: 0, porRevisar: 0 });
    expect(await people()).toBe(3);
  });

  it('a second roll: name variants are the same person; a second CURP, a twin and a relative’s CURP are new people proposed for review', async () => {
    const { reviewed, loaded } = await load(
      'becas-sedeq',
      'becas.csv',
      roll(
        line('10', PEDRO, { nombre: 'Pedro', ap1: 'Ugalde', ap2: 'Olvera' }),
        line('11', LUPE, { curp: lupeSecond, nombre: 'MA. GUADALUPE', ap1: 'HERNANDEZ', ap2: 'LOPEZ' }),
        line('12', twin),
        line('13', daughter),
      ),
    );
    expect(reviewed).toMatchObject({ yaEnPadron: 1, porRevisar: 3 });
    expect(loaded).toMatchObject({ estado: 'cargado', progreso: { hechas: 4 } });
    expect(await personOf(PEDRO.curp)).toBeTruthy();
    // Pedro's support of this roll is his; the others are new people (three more).
    const pedros = await t.app.db.sql.query<{ n: string }>('select count(distinct b.persona_id) as n from beneficio b join persona_curp c on c.persona_id = b.persona_id where c.curp = $1', [PEDRO.curp]);
    expect(Number(pedros.rows[0].n)).toBe(1);
    expect(await people()).toBe(6);
    // The daughter carrying her mother's CURP is not taken for her mother (exact CURP would have).
    const { rows } = await t.app.db.sql.query<{ id: string }>(`select id from persona where nombres = 'ANA SOFÍA'`);
    expect(rows[0].id).not.toBe(await personOf(LUPE.curp));
  });

  it('the confronta counts people, not CURPs: Pedro is in both programs', async () => {
    const confronta = (await api('GET', '/funcionario/padron/confronta', liaison)).json();
    const pair = confronta.pares.find((p: { a: string; b: string }) => [p.a, p.b].sort().join() === 'becas-sedeq,despensas-dif');
    expect(pair?.personas).toBe(1);
  });

  let lupePair: { id: string };
  let twinPair: { id: string };

  it('the reviewer sees the pairs side by side, with the reasons and the weight of each field, in Spanish', async () => {
    const res = await api('GET', '/funcionario/padron/duplicados', reviewer);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list.total).toBe(3);
    lupePair = list.pares.find((p: { a: { curps: string[] }; b: { curps: string[] } }) => [...p.a.curps, ...p.b.curps].includes(lupeSecond));
    twinPair = list.pares.find((p: { a: { nombres: string }; b: { nombres: string } }) => [p.a.nombres, p.b.nombres].includes('JUAN PABLO'));
    expect(lupePair).toMatchObject({ estado: 'pendiente', motivo: expect.stringMatching(/CURP/), origenNombre: expect.stringContaining('becas.csv') });
    expect(lupePair).toHaveProperty('razones', expect.arrayContaining([expect.objectContaining({ campo: 'fecha', etiqueta: 'fecha de nacimiento idéntica', peso: 6 })]));
    expect(list.opciones.programas).toEqual([{ clave: 'becas-sedeq', nombre: 'Becas SEDEQ' }]);
    // Filters: by program and municipio.
    expect((await api('GET', '/funcionario/padron/duplicados?programa=despensas-dif', reviewer)).json().total).toBe(0);
    expect((await api('GET', '/funcionario/padron/duplicados?municipio=22011', reviewer)).json().pares.map((p: { id: string }) => p.id)).toEqual([twinPair.id]);
    // Only the reviewer's role opens the queue.
    expect((await api('GET', '/funcionario/padron/duplicados', liaison)).statusCode).toBe(403);
  });

  let fusion: string;

  it('«misma persona» merges: one record with both CURPs and every support; audited', async () => {
    const res = await api('POST', `/funcionario/padron/duplicados/${lupePair.id}/misma`, reviewer);
    expect(res.statusCode, res.body).toBe(200);
    fusion = res.json().fusion;
    expect(res.json().persona.curps.sort()).toEqual([LUPE.curp, lupeSecond].sort());
    const record = (await api('GET', `/funcionario/padron/expedientes/${lupeSecond}`, reviewer)).json();
    expect(record.persona.curps.sort()).toEqual([LUPE.curp, lupeSecond].sort());
    expect(record.apoyos.map((a: { programa: string }) => a.programa).sort()).toEqual(['becas-sedeq', 'despensas-dif']);
    expect(record.fusiones).toHaveLength(1);
    expect(await people()).toBe(5);
    const again = await api('POST', `/funcionario/padron/duplicados/${lupePair.id}/misma`, reviewer);
    expect(again.json().error.code).toBe('DUPLICATE_ALREADY_DECIDED');
    const audited = await t.app.db.sql.query<{ action: string }>(`select action from audit_log where action like 'persona.%' order by id`);
    expect(audited.rows.map((r) => r.action)).toEqual(['persona.fusionar']);
  });

  it('«Separar» restores both people with their own CURPs and supports, and the pair waits again', async () => {
    const res = await api('POST', `/funcionario/padron/fusiones/${fusion}/separar`, reviewer);
    expect(res.statusCode, res.body).toBe(200);
    const first = (await api('GET', `/funcionario/padron/expedientes/${LUPE.curp}`, reviewer)).json();
    const second = (await api('GET', `/funcionario/padron/expedientes/${lupeSecond}`, reviewer)).json();
    expect(first.persona.curps).toEqual([LUPE.curp]);
    expect(second.persona.curps).toEqual([lupeSecond]);
    expect(first.apoyos.map((a: { programa: string }) => a.programa)).toEqual(['despensas-dif']);
    expect(second.apoyos.map((a: { programa: string }) => a.programa)).toEqual(['becas-sedeq']);
    expect(await people()).toBe(6);
    expect((await api('POST', `/funcionario/padron/fusiones/${fusion}/separar`, reviewer)).json().error.code).toBe('MERGE_NOT_FOUND');
    expect((await api('GET', '/funcionario/padron/duplicados', reviewer)).json().total).toBe(3);
  });

  it('«personas distintas» is remembered: a later roll with the twin again does not propose the pair', async () => {
    expect((await api('POST', `/funcionario/padron/duplicados/${twinPair.id}/distintas`, reviewer)).statusCode).toBe(204);
    expect((await api('GET', '/funcionario/padron/duplicados', reviewer)).json().total).toBe(2);
    const { loaded } = await load('apoyo-campo', 'campo.csv', roll(line('20', twin), line('21', JUAN_CARLOS)));
    expect(loaded).toMatchObject({ estado: 'cargado', progreso: { hechas: 2 }, yaEnPadron: 2, porRevisar: 0 });
    // Both are found as themselves (exact), so no new person and no new pair.
    expect(await people()).toBe(6);
    const pending = (await api('GET', '/funcionario/padron/duplicados', reviewer)).json();
    expect(pending.total).toBe(2);
    expect((await api('GET', '/funcionario/padron/duplicados?estado=distintas', reviewer)).json().pares.map((p: { id: string }) => p.id)).toEqual([twinPair.id]);
  });

  it('Ver Solicitud and Consulta ciudadana warn that a person may already be in the registry under another CURP, and only then', async () => {
    const program = JSON.parse(readFileSync(new URL('../../../../definitions/programs/apoyo-emergente-mujeres/program.json', import.meta.url), 'utf8'));
    const [third, pedro] = await seedApplications(t.app, [
      { program: program.id, submittedAt: '2026-11-20T10:00:00-06:00', citizen: { curp: valid('HELG850304MQTRPD2'), nombres: 'MARÍA GUADALUPE', primerApellido: 'HERNÁNDEZ', segundoApellido: 'LÓPEZ' } },
      { program: program.id, submittedAt: '2026-11-20T11:00:00-06:00', citizen: { curp: PEDRO.curp, nombres: 'PEDRO', primerApellido: 'UGALDE', segundoApellido: 'OLVERA' } },
    ]);
    const revisor = (await officialWithSession(t.app, ['revisor'], program.area)).cookie;
    const view = (await api('GET', `/funcionario/solicitudes/${third.id}`, revisor)).json();
    expect(view.enPadronConOtraCurp).toMatchObject({ nombre: expect.stringMatching(/GUADALUPE HERN[AÁ]NDEZ L[OÓ]PEZ$/), decision: 'revisar', curps: [expect.stringMatching(/^HELG850304MQTRPD/)] });
    expect(view.enPadronConOtraCurp.curps[0]).not.toBe(valid('HELG850304MQTRPD2'));
    // Pedro is in the registry under his own CURP: nothing to warn about.
    expect((await api('GET', `/funcionario/solicitudes/${pedro.id}`, revisor)).json().enPadronConOtraCurp).toBeNull();
    // Consulta ciudadana says the same of the account.
    const desk = (await officialWithSession(t.app, [ROLE_ATENCION], 'subsecretaria-desarrollo-social')).cookie;
    const file = await api('GET', `/atencion/ciudadanos/${valid('HELG850304MQTRPD2')}`, desk);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.json().enPadronConOtraCurp).toMatchObject({ decision: 'revisar', curps: [expect.stringMatching(/^HELG850304MQTRPD/)] });
    expect((await api('GET', `/atencion/ciudadanos/${PEDRO.curp}`, desk)).json().enPadronConOtraCurp).toBeNull();
  });

  it('«Buscar duplicados en todo el padrón» finds a person the registry holds twice, and proposes no pair already decided', async () => {
    // Pedro came in twice before identity resolution existed: another CURP, his name written short.
    const second = valid('UAOP700215HQTGLD1');
    await t.app.db.sql.query(
      `with p as (insert into persona (id, curp, nombres, primer_apellido, segundo_apellido, fecha_nacimiento, sexo, cve_mun, origen, created_at, updated_at)
                  values (gen_random_uuid(), $1, 'PEDRO', 'UGALDE', 'OLVERA', '1970-02-15', 'H', '22006', 'migracion', now(), now()) returning id)
       insert into persona_curp (curp, persona_id, principal, created_at) select $1, id, true, now() from p`,
      [second],
    );
    const before = (await api('GET', '/funcionario/padron/duplicados', reviewer)).json();
    expect(before.busqueda).toBeNull();
    const started = await api('POST', '/funcionario/padron/duplicados/busquedas', reviewer);
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ estado: 'buscando', personas: await people() });
    await t.app.jobs.idle();
    const after = (await api('GET', '/funcionario/padron/duplicados?estado=pendiente', reviewer)).json();
    expect(after.busqueda).toMatchObject({ estado: 'terminada', revisadas: await people(), propuestas: 1 });
    const pedro = after.pares.find((p: { a: { curps: string[] }; b: { curps: string[] } }) => [...p.a.curps, ...p.b.curps].includes(second));
    expect(pedro).toMatchObject({ origen: 'padron', origenNombre: 'Búsqueda en todo el padrón' });
    // The twins told apart stay apart.
    expect((await api('GET', '/funcionario/padron/duplicados?estado=distintas', reviewer)).json().total).toBe(1);
    expect(after.total).toBe(before.total + 1);
    expect((await api('POST', '/funcionario/padron/duplicados/busquedas', liaison)).statusCode).toBe(403);
  });

  it('refuses what cannot be: an unknown pair, a malformed id', async () => {
    expect((await api('POST', '/funcionario/padron/duplicados/00000000-0000-4000-8000-000000000000/misma', reviewer)).json().error.code).toBe('DUPLICATE_NOT_FOUND');
    expect((await api('POST', '/funcionario/padron/duplicados/no-es-un-id/distintas', reviewer)).statusCode).toBe(400);
  });
});
