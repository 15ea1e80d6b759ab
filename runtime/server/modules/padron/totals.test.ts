/**
 * The padrón's people and supports per group of programs (the dashboard's figures) are kept as
 * supports are written, not counted at each read: after rolls loaded as «Carga masiva» loads them,
 * a roll undone, people merged and a SIPROS program's roll, for every group of programs, they must
 * equal what counting the supports says — before the changes are folded, half-way through a fold
 * and after it — and the dashboard must show them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { curpCheckDigit } from '../../../../engine/curp.ts';
import { ROLE_FUNCIONARIO, ROLE_PADRON, ROLE_PLANEACION } from '../../../../engine/vocabulary.ts';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { loadRollThroughApi } from '../../../../test/helpers/padron.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { foldTuning } from '../dashboard/index.ts';
import { foldRegistryTotals, registryTotals } from './index.ts';
import { foldPiece } from './totals.ts';

const curp = (first17: string) => `${first17}${curpCheckDigit(first17)}`;
const ANA = curp('ROHA771226MQTDRN0');
const JUAN = curp('LOPJ800101HQTPRN0');
const LUISA = curp('MAGL900215MQTRRS0');
const PEDRO = curp('SAVP700505HQTNGD0');
const HEADER = 'curp,primer_apellido,segundo_apellido,nombre,fecha_nacimiento,sexo,cve_mun,monto,fecha_pago';
/** A roll's row; birth date and sex as the CURP says (a roll that contradicts its CURP is refused). */
const row = (who: string, names: string, monto: number, fecha: string) => `${who},${names},19${who.slice(4, 6)}-${who.slice(6, 8)}-${who.slice(8, 10)},${who[10]},22014,${monto},${fecha}`;
const ROLLS = {
  // Ana twice in the same program (two payments): one person, two supports.
  'despensas-totales': [row(ANA, 'RODRIGUEZ,HERNANDEZ,ANA', 900, '2026-03-10'), row(ANA, 'RODRIGUEZ,HERNANDEZ,ANA', 900, '2026-04-10'), row(JUAN, 'LOPEZ,PEREZ,JUAN', 900, '2026-03-10')],
  // Ana again, in a second program: counted once where both programs are asked.
  'becas-totales': [row(ANA, 'RODRIGUEZ,HERNANDEZ,ANA', 1500, '2026-09-01'), row(LUISA, 'MARTINEZ,GARCIA,LUISA', 1500, '2026-09-01')],
  'campo-totales': [row(PEDRO, 'SANCHEZ,VEGA,PEDRO', 3000, '2026-05-05'), row(LUISA, 'MARTINEZ,GARCIA,LUISA', 3000, '2026-05-05')],
};
const PROGRAMS = Object.keys(ROLLS);
const GROUPS = [[], ...PROGRAMS.map((p) => [p]), PROGRAMS.slice(0, 2), PROGRAMS.slice(1), PROGRAMS, ['apoyo-tecnologico'], ['apoyo-tecnologico', ...PROGRAMS]];

let t: TestApp;
let storage: string;
let liaison: string;
const origin = 'http://localhost';
const api = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) => t.app.inject({ method, url: `/api${url}`, headers: { cookie, origin }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  // The folds here are made by hand, one change at a time; the app's own every-second fold would take changes in between.
  foldTuning.everyMs = 3_600_000;
  storage = mkdtempSync(join(tmpdir(), 'sipros-padron-totales-'));
  t = await startTestApp({ env: { STORAGE_DIR: storage } });
  liaison = (await officialWithSession(t.app, [ROLE_PADRON, ROLE_PLANEACION], 'direccion-planeacion-evaluacion')).cookie;
  for (const clave of PROGRAMS) expect((await api('POST', '/funcionario/padron/programas', liaison, { clave, nombre: clave, dependencia: 'sedeq', tipo: 'economico' })).statusCode).toBe(201);
}, 60_000);
afterAll(async () => {
  await t?.close();
  rmSync(storage, { recursive: true, force: true });
});

/** What counting the supports themselves says, for a group of programs. */
async function counted(programs: string[]) {
  const { rows } = await t.app.db.sql.query<{ personas: string; apoyos: string }>('select count(distinct persona_id) as personas, count(*) as apoyos from beneficio where programa = any($1::text[])', [programs]);
  return { personas: Number(rows[0].personas), apoyos: Number(rows[0].apoyos) };
}

async function expectExact(step: string): Promise<void> {
  for (const group of GROUPS) expect(await registryTotals(t.app.db.sql, group), `${step}: ${group.join(' + ') || 'ningún programa'}`).toEqual(await counted(group));
}

/** Exact with the changes pending and after folding them all; no change is left behind. */
async function expectExactThroughFolds(step: string): Promise<void> {
  await expectExact(`${step}, sin consolidar`);
  await foldRegistryTotals(t.app.db.sql);
  await expectExact(`${step}, consolidado`);
  expect(Number((await t.app.db.sql.query<{ n: string }>('select count(*) as n from padron_cambio')).rows[0].n), step).toBe(0);
}

const load = (programa: string) => loadRollThroughApi(t.app, liaison, programa, `${programa}.csv`, [HEADER, ...ROLLS[programa as keyof typeof ROLLS]].join('\n'));

it('keeps people and supports exact across rolls loaded, a person in two programs, a roll undone and two people merged', async () => {
  await expectExactThroughFolds('sin apoyos');
  await load('despensas-totales');
  // Folded one change at a time: in between, one of Ana's two supports is folded and the other still pending.
  let pieces = 0;
  while ((await foldPiece(t.app.db.sql, 1)) > 0) await expectExact(`a medio consolidar (${++pieces})`);
  expect(pieces).toBe(3);
  await load('becas-totales');
  expect(await registryTotals(t.app.db.sql, PROGRAMS.slice(0, 2))).toEqual({ personas: 3, apoyos: 5 });
  await expectExactThroughFolds('dos padrones con Ana en los dos');
  await load('campo-totales');
  await expectExactThroughFolds('tercer padrón');

  const { rows: lotes } = await t.app.db.sql.query<{ id: string }>(`select id from padron_lote where estado = 'cargado' and programa = 'becas-totales'`);
  expect((await api('POST', `/funcionario/padron/lotes/${lotes[0].id}/deshacer`, liaison)).statusCode).toBe(200);
  await t.app.jobs.idle();
  expect(await registryTotals(t.app.db.sql, ['becas-totales'])).toEqual({ personas: 0, apoyos: 0 });
  await expectExactThroughFolds('padrón de becas deshecho');

  // Two records found to be one person: the merge moves the supports of one onto the other (padron/duplicates.ts's statement).
  const person = async (c: string) => (await t.app.db.sql.query<{ id: string }>('select persona_id as id from persona_curp where curp = $1', [c])).rows[0].id;
  await t.app.db.sql.query('update beneficio set persona_id = $2 where persona_id = $1', [await person(PEDRO), await person(LUISA)]);
  expect(await registryTotals(t.app.db.sql, ['campo-totales'])).toEqual({ personas: 1, apoyos: 2 });
  await expectExactThroughFolds('dos personas fusionadas');
});

it('shows the SIPROS programs’ padrón figures on the dashboard, kept as they change', async () => {
  await loadRollThroughApi(t.app, liaison, 'apoyo-tecnologico', 'historico.csv', [HEADER, row(ANA, 'RODRIGUEZ,HERNANDEZ,ANA', 5000, '2025-09-01'), row(JUAN, 'LOPEZ,PEREZ,JUAN', 5000, '2025-09-01')].join('\n'));
  const { cookie } = await officialWithSession(t.app, [ROLE_FUNCIONARIO]);
  const tablero = async (query = '') => {
    const res = await api('GET', `/funcionario/tablero${query}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().padron;
  };
  expect(await tablero('?programa=apoyo-tecnologico')).toEqual({ personas: 2, apoyos: 2 });
  await expectExactThroughFolds('padrón de un programa de SIPROS');
  expect(await tablero('?programa=apoyo-tecnologico')).toEqual({ personas: 2, apoyos: 2 });
  expect(await tablero()).toEqual(await counted(['apoyo-tecnologico']));
});
