import { afterAll, beforeAll, expect, it } from 'vitest';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { seedApplications, type SeededApplication } from '../../../../test/helpers/seed-applications.ts';
import { indexConditions, Params } from './queue.sql.ts';

/** The words of each name (application_word) follow the applications and their people, whoever writes them. */
const PROGRAM = 'apoyo-emergente-mujeres';

let t: TestApp;
let cookie: string;
let apps: SeededApplication[];

beforeAll(async () => {
  t = await startTestApp();
  apps = await seedApplications(t.app, [
    { program: PROGRAM, citizen: { nombres: 'MA. GUADALUPE', primerApellido: 'PÉREZ-GÓMEZ', segundoApellido: 'LÓPEZ' }, submittedAt: '2026-11-10T10:00:00-06:00' },
    { program: PROGRAM, citizen: { nombres: 'SIOBHAN', primerApellido: "O'BRIEN", segundoApellido: null }, submittedAt: '2026-11-11T10:00:00-06:00' },
    { program: PROGRAM, citizen: { nombres: 'CRUZ', primerApellido: 'DE LA CRUZ', segundoApellido: 'CRUZ' }, submittedAt: '2026-11-12T10:00:00-06:00' },
  ]);
  ({ cookie } = await officialWithSession(t.app, ['revisor']));
}, 60_000);
afterAll(() => t?.close());

async function found(q: string): Promise<string[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/funcionario/solicitudes?${new URLSearchParams({ q })}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().filas.map((f: { id: string }) => f.id);
}

async function words(applicationId: string): Promise<string[]> {
  const { rows } = await t.app.db.sql.query<{ word: string }>('select word from application_word where application_id = $1 order by word', [applicationId]);
  return rows.map((r) => r.word);
}

it('keeps each word of a name once, parted at spaces, hyphens and periods, apostrophes kept', async () => {
  expect(await words(apps[0].id)).toEqual(['gomez', 'guadalupe', 'lopez', 'ma', 'perez']);
  expect(await words(apps[1].id)).toEqual(["o'brien", 'siobhan']);
  expect(await words(apps[2].id)).toEqual(['cruz', 'de', 'la']);
  expect(await found('guad')).toEqual([apps[0].id]);
  expect(await found('Gómez ma')).toEqual([apps[0].id]);
  expect(await found('pérez-gómez')).toEqual([apps[0].id]);
  expect(await found("o'brien")).toEqual([apps[1].id]);
  expect(await found('cruz de la')).toEqual([apps[2].id]);
  expect(await found('uadalupe')).toEqual([]);
});

it('follows a corrected name, a submission and a deleted application', async () => {
  await t.app.db.sql.query(`update citizen set nombres = 'MARÍA GUADALUPE' where id = $1`, [apps[0].citizenId]);
  expect(await words(apps[0].id)).toEqual(['gomez', 'guadalupe', 'lopez', 'maria', 'perez']);
  expect(await found('maría pérez')).toEqual([apps[0].id]);

  const { rows } = await t.app.db.sql.query<{ id: string }>(
    `insert into application (id, citizen_id, program_id, program_version, status, answers, created_at, updated_at)
     select gen_random_uuid(), citizen_id, 'becas-escolares', 1, 'Borrador', '{}'::jsonb, now(), now() from application where id = $1
     returning id`,
    [apps[1].id],
  );
  const draft = rows[0].id;
  expect(await words(draft)).toEqual([]);
  await t.app.db.sql.query(`update application set folio = 'X-1', status = 'En proceso', state = 'en_revision', submitted_at = now() where id = $1`, [draft]);
  expect(await words(draft)).toEqual(["o'brien", 'siobhan']);
  expect((await found('siobhan')).sort()).toEqual([apps[1].id, draft].sort());
  await t.app.db.sql.query(`delete from application where id = $1`, [draft]);
  expect(await words(draft)).toEqual([]);
});

it('asks for consecutive words together (the index of pairs) and finds what the words alone find', async () => {
  const more = await seedApplications(t.app, [
    { program: PROGRAM, citizen: { nombres: 'ISABEL', primerApellido: 'VARGAS', segundoApellido: 'TREJO' }, submittedAt: '2026-11-13T10:00:00-06:00' },
    { program: PROGRAM, citizen: { nombres: 'ISABEL', primerApellido: 'TREJO', segundoApellido: 'NÚÑEZ' }, submittedAt: '2026-11-14T10:00:00-06:00' },
    { program: PROGRAM, citizen: { nombres: 'LUIS', primerApellido: "O'BRIEN", segundoApellido: 'OBREGÓN' }, submittedAt: '2026-11-15T10:00:00-06:00' },
  ]);
  const { rows } = await t.app.db.sql.query<{ pares: string[] }>('select public.sipros_pares_de_palabras(nombre_busqueda) as pares from application where id = $1', [more[0].id]);
  expect(rows[0].pares.sort()).toEqual(['isabel trejo', 'isabel vargas', 'trejo vargas']);
  expect(await found('isabel vargas trejo')).toEqual([more[0].id]);
  expect(await found('trejo isab')).toEqual([more[1].id, more[0].id]);
  // A pair's two words in the database's order, whichever comes first in the search.
  expect(await found("obregón o'brien")).toEqual([more[2].id]);
  // Both words may be «maria»: one word of the name answers both, as before the pairs.
  expect(await found('maría marí')).toEqual([apps[0].id]);
  expect(await found('isabel siobhan')).toEqual([]);
  expect(await found('de la cruz')).toEqual([apps[2].id]);
});

it('pairs consecutive words unless a pair could miss a name', () => {
  const conditions = (index: string[][]) => {
    const p = new Params();
    return { text: indexConditions(index, p), values: p.values };
  };
  expect(conditions([['isabel'], ['vargas'], ['trejo']])).toEqual({
    text: ['public.sipros_pares_de_palabras(a.nombre_busqueda) && $1::text[]', 'public.sipros_pares_de_palabras(a.nombre_busqueda) && $2::text[]'],
    values: [['isabel vargas'], ['trejo vargas']],
  });
  expect(conditions([['maria', 'mariana'], ['maria']]).values).toEqual([['maria', 'mariana'], ['maria']]);
  const many = Array.from({ length: 9 }, (_, i) => `gar${'a'.repeat(i)}`);
  expect(conditions([many, many.map((w) => `lo${w}`)]).values).toEqual([many, many.map((w) => `lo${w}`)]);
  expect(conditions([['hernandez'], ['luz'], many]).values).toEqual([['hernandez luz'], many.map((w) => `${w} luz`)]);
  // Words under 3 letters have no pairs (migration 0027).
  expect(conditions([['lu'], ['vargas']]).values).toEqual([['lu'], ['vargas']]);
});
