/**
 * The padrón's people and supports per group of programs, for the dashboard, kept by the database
 * itself (migration 0024): every writer of supports appends its ±1 to padron_cambio in its own
 * transaction, and the processes that run jobs fold them into the people per combination of
 * programs and the supports per program. A read adds the pending changes itself, so it is exact at
 * any moment and costs the same with a thousand supports or ten million.
 */
import { bind, named, type SqlClient } from '../../../db/sql.ts';

/**
 * People (each once) and supports of the registry in these programs. The people pending a fold are
 * taken out of the set they were folded in and counted again from their supports as they are now.
 */
const TOTALS = named<{ programas: string[] }>(
  'padron-totales',
  `with pendientes as (select distinct persona_id from padron_cambio)
   select (select coalesce(sum(personas), 0) from padron_combinacion where programas && :programas::text[])
        - (select count(*) from padron_persona_programas p join pendientes d using (persona_id) where p.programas && :programas::text[])
        + (select count(*) from pendientes d
            where exists (select 1 from beneficio b where b.persona_id = d.persona_id and b.programa = any(:programas::text[]))) as personas,
          (select coalesce(sum(apoyos), 0) from padron_apoyos_programa where programa = any(:programas::text[]))
        + (select coalesce(sum(n), 0) from padron_cambio where programa = any(:programas::text[])) as apoyos`,
);

export async function registryTotals(sql: SqlClient, programs: readonly string[]): Promise<{ personas: number; apoyos: number }> {
  const { rows } = await sql.query<{ personas: string; apoyos: string }>(TOTALS, bind(TOTALS, { programas: [...programs] }));
  return { personas: Number(rows[0].personas), apoyos: Number(rows[0].apoyos) };
}

/**
 * Folds up to `limite` pending changes in one statement (so a reader sees each either pending or
 * folded, never both nor neither): the supports per program, then each person touched moves from
 * the set of programs she was folded in to her set as her supports now say. A person whose changes
 * are split between two folds is simply counted again from her supports in the second. One process
 * at a time: another that finds the lock taken leaves the changes to the next turn.
 */
const FOLD = named<{ limite: number }>(
  'padron-totales-consolidar',
  `with turn as (select pg_try_advisory_xact_lock(hashtext('sipros.padron-totales')) as mine),
        taken as (
          delete from padron_cambio
           where ctid = any(array(select ctid from padron_cambio where (select mine from turn) limit :limite))
          returning persona_id, programa, n),
        apoyos as (
          insert into padron_apoyos_programa as t (programa, apoyos)
          select programa, sum(n) from taken group by programa having sum(n) <> 0
          on conflict (programa) do update set apoyos = t.apoyos + excluded.apoyos),
        tocadas as (select distinct persona_id from taken),
        ahora as (
          select d.persona_id, (select array_agg(distinct b.programa order by b.programa) from beneficio b where b.persona_id = d.persona_id) as programas
            from tocadas d),
        antes as (select p.persona_id, p.programas from padron_persona_programas p join tocadas d using (persona_id)),
        guardadas as (
          insert into padron_persona_programas as p (persona_id, programas)
          select persona_id, programas from ahora where programas is not null
          on conflict (persona_id) do update set programas = excluded.programas),
        sin_apoyos as (delete from padron_persona_programas p using ahora a where p.persona_id = a.persona_id and a.programas is null),
        combinaciones as (
          insert into padron_combinacion as c (programas, personas)
          select programas, sum(d) from (select programas, -1 as d from antes union all select programas, 1 from ahora where programas is not null) x
           group by programas having sum(d) <> 0
          on conflict (programas) do update set personas = c.personas + excluded.personas)
   select count(*)::int as n from taken`,
);

/** How many changes one fold takes: a roll of a million supports is folded in pieces, each a short transaction. */
const FOLD_LIMIT = 50_000;

/** Folds at most `limite` pending changes (none when another process is folding); returns how many. */
export async function foldPiece(sql: SqlClient, limite: number): Promise<number> {
  return (await sql.query<{ n: number }>(FOLD, bind(FOLD, { limite }))).rows[0].n;
}

/** Folds the pending changes, piece by piece until none is left; returns how many it folded. */
export async function foldRegistryTotals(sql: SqlClient, limite = FOLD_LIMIT): Promise<number> {
  let folded = 0;
  let piece: number;
  do {
    piece = await foldPiece(sql, limite);
    folded += piece;
  } while (piece === limite);
  // Sets nobody has any more (after undoing a roll, say) are dropped, so the sum reads few rows.
  if (folded > 0) await sql.query('delete from padron_combinacion where personas = 0');
  return folded;
}
