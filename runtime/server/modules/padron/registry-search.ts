/**
 * «Buscar duplicados en todo el padrón»: every person of the registry matched against all the others
 * (people with two CURPs, or loaded twice before identity resolution existed), as a job with its
 * progress in padron_busqueda. What the matcher would link or send to review becomes a pair in
 * «Posibles duplicados»; nothing is merged without a reviewer, and a pair already decided is never
 * proposed again. Resumable: a restarted worker carries on after the last person it checked.
 */
import type { BusquedaDuplicados } from '../../../api/padron.ts';
import { matchRecord } from '../../../../engine/matching/index.ts';
import { bind, named, type SqlClient } from '../../../db/sql.ts';
import type { PadronDeps } from './deps.ts';
import { personInput, registryIndex, type PersonRow } from './identity.ts';

/** People per slice: one read, one write of pairs, one progress update. */
const SEARCH_SLICE = 2_000;

interface SearchRow {
  id: string;
  estado: BusquedaDuplicados['estado'];
  personas: number;
  revisadas: number;
  propuestas: number;
  ultima_persona: string | null;
  error: string | null;
  iniciada_at: Date | string;
  terminada_at: Date | string | null;
}

const view = (r: SearchRow): BusquedaDuplicados => ({
  id: r.id,
  estado: r.estado,
  personas: r.personas,
  revisadas: r.revisadas,
  propuestas: r.propuestas,
  error: r.error,
  iniciadaAt: new Date(r.iniciada_at).toISOString(),
  terminadaAt: r.terminada_at ? new Date(r.terminada_at).toISOString() : null,
});

export async function latestSearch(sql: SqlClient): Promise<BusquedaDuplicados | null> {
  const { rows } = await sql.query<SearchRow>('select * from padron_busqueda order by iniciada_at desc, id desc limit 1');
  return rows[0] ? view(rows[0]) : null;
}

/** A new search, or the one already running (one at a time: a unique index says so). */
export async function startSearch(deps: PadronDeps, actorId: string): Promise<{ search: BusquedaDuplicados; started: boolean }> {
  const sql = deps.db.sql;
  const { rows: people } = await sql.query<{ n: string }>('select count(*) as n from persona where fusionada_en is null');
  const { rows } = await sql.query<SearchRow>(
    `insert into padron_busqueda (id, estado, personas, pedida_por, iniciada_at) values (gen_random_uuid(), 'buscando', $1, $2, $3)
     on conflict ((true)) where estado = 'buscando' do nothing returning *`,
    [Number(people[0].n), actorId, deps.clock()],
  );
  if (rows[0]) {
    await sql.query(`insert into audit_log (at, actor_type, actor_id, action, entity, entity_id, data) values ($1, 'funcionario', $2, 'padron.buscar-duplicados', 'padron_busqueda', $3, '{}')`, [deps.clock(), actorId, rows[0].id]);
    return { search: view(rows[0]), started: true };
  }
  return { search: (await latestSearch(sql))!, started: false };
}

const PEOPLE_AFTER = `
  select p.id, p.curp, p.nombres, p.primer_apellido, p.segundo_apellido, to_char(p.fecha_nacimiento, 'YYYY-MM-DD') as fecha_nacimiento, p.sexo, p.cve_mun, p.cve_loc, p.colonia, p.codigo_postal
  from persona p where p.fusionada_en is null and ($1::uuid is null or p.id > $1) order by p.id limit $2`;

const PROPOSE = named<{ a: string[]; b: string[]; puntajes: number[]; razones: string[]; motivos: Array<string | null>; municipios: Array<string | null>; modelo: number; now: Date }>(
  'padron-duplicados-del-padron',
  `insert into posible_duplicado (id, persona_a, persona_b, puntaje, razones, motivo, origen, cve_mun, estado, modelo_version, created_at)
   select gen_random_uuid(), least(a, b), greatest(a, b), p, r::jsonb, m, 'padron', c, 'pendiente', :modelo, :now
   from unnest(:a::uuid[], :b::uuid[], :puntajes::real[], :razones::text[], :motivos::text[], :municipios::text[]) as t(a, b, p, r, m, c)
   on conflict (persona_a, persona_b) do nothing`,
);

const ADVANCE = named<{ searchId: string; checked: number; proposed: number; last: string }>(
  'padron-busqueda-avance',
  'update padron_busqueda set revisadas = revisadas + :checked, propuestas = propuestas + :proposed, ultima_persona = :last where id = :searchId',
);

/** Runs (or resumes) the search until it has checked everyone. */
export async function runSearch(deps: PadronDeps, searchId: string): Promise<void> {
  const sql = deps.db.sql;
  const index = await registryIndex(sql, { storageDir: deps.storageDir });
  for (;;) {
    const { rows: state } = await sql.query<SearchRow>(`select * from padron_busqueda where id = $1 and estado = 'buscando'`, [searchId]);
    if (!state[0]) return;
    const { rows } = await sql.query<PersonRow>(
      PEOPLE_AFTER,
      [state[0].ultima_persona, SEARCH_SLICE],
    );
    const now = deps.clock();
    if (rows.length === 0) {
      await sql.query(`update padron_busqueda set estado = 'terminada', terminada_at = $2 where id = $1`, [searchId, now]);
      return;
    }
    const found = { a: [] as string[], b: [] as string[], puntajes: [] as number[], razones: [] as string[], motivos: [] as Array<string | null>, municipios: [] as Array<string | null> };
    for (const r of rows) {
      const outcome = matchRecord(index, personInput(r), { excludeId: r.id });
      if (outcome.decision === 'distinta' || !outcome.best) continue;
      found.a.push(r.id);
      found.b.push(outcome.best.id);
      found.puntajes.push(outcome.best.score);
      found.razones.push(JSON.stringify(outcome.best.reasons));
      found.motivos.push(outcome.best.motivoRevision ?? (outcome.decision === 'misma' ? 'el emparejamiento los da por la misma persona; en el padrón se fusiona a mano' : null));
      found.municipios.push(r.cve_mun);
    }
    const { rowCount } = await sql.query(PROPOSE, bind(PROPOSE, { ...found, modelo: index.model.version, now }));
    await sql.query(ADVANCE, bind(ADVANCE, { searchId, checked: rows.length, proposed: rowCount, last: rows[rows.length - 1].id }));
  }
}

/** Searches left running by a stopped process. */
export async function runningSearches(sql: SqlClient): Promise<string[]> {
  return (await sql.query<{ id: string }>(`select id from padron_busqueda where estado = 'buscando'`)).rows.map((r) => r.id);
}

export async function markSearchFailed(deps: PadronDeps, searchId: string, error: unknown): Promise<void> {
  await deps.db.sql.query(`update padron_busqueda set estado = 'fallida', error = $2, terminada_at = $3 where id = $1 and estado = 'buscando'`, [searchId, (error as Error).message, deps.clock()]);
}
