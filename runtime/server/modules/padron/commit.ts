/**
 * Committing a reviewed batch to the registry, one slice of rows per transaction: the rows the matcher
 * found nobody for become people, each row becomes one support of its person (match.ts), the pairs to
 * review are proposed, and the batch records how far it got, all or nothing. A worker killed in the middle loses at most the
 * slice in flight, and the next run starts after the last slice that committed; a row committed
 * twice is impossible (unique batch + row on the supports).
 */
import { bind, named, type SqlClient } from '../../../db/sql.ts';
import type { PadronDeps } from './deps.ts';
import { ASSIGN_NEW_PEOPLE, CLAIM_KNOWN_CURPS, MATCHED_ROWS, ROWS_TO_REVIEW, UNMATCHED_ROWS, type RowRange } from './match.ts';

/** Rows per transaction: big enough that statements dominate round trips, small enough for a fine progress bar. */
export const COMMIT_SLICE = 10_000;

const CREATE_PEOPLE = named<{ loteId: string; after: number; through: number; now: Date }>(
  'padron-personas-nuevas',
  `with nuevas as (${UNMATCHED_ROWS}),
   personas as (
     insert into persona (id, curp, nombres, primer_apellido, segundo_apellido, fecha_nacimiento, sexo, entidad_nacimiento,
                          cve_ent, cve_mun, cve_loc, colonia, codigo_postal, origen, created_at, updated_at)
     select gen_random_uuid(), curp, datos ->> 'nombres', datos ->> 'primerApellido', datos ->> 'segundoApellido', (datos ->> 'fechaNacimiento')::date,
            datos ->> 'sexo', substr(curp, 12, 2), left(datos ->> 'cveMun', 2), datos ->> 'cveMun', datos ->> 'cveLoc', datos ->> 'colonia', datos ->> 'codigoPostal',
            'lote:' || :loteId, :now, :now
     from nuevas
     returning id, curp
   ),
   curps as (
     -- A CURP someone else already holds (lent, or reached the registry meanwhile) stays theirs: the new person keeps it on persona only.
     insert into persona_curp (curp, persona_id, principal, created_at) select curp, id, true, :now from personas on conflict (curp) do nothing
   )
   ${ASSIGN_NEW_PEOPLE}`,
);

const CLAIM = named<{ loteId: string; after: number; through: number }>('padron-curps-conocidas', CLAIM_KNOWN_CURPS);

/** New people for the accepted rows the matcher found nobody for (one per CURP), with their CURP as primary. */
async function createPeople(sql: SqlClient, range: RowRange, now: Date): Promise<void> {
  await sql.query(CLAIM, bind(CLAIM, range));
  await sql.query(CREATE_PEOPLE, bind(CREATE_PEOPLE, { ...range, now }));
}

const PROPOSE_PAIRS = named<{ loteId: string; after: number; through: number; programa: string; now: Date }>(
  'padron-posibles-duplicados',
  `insert into posible_duplicado (id, persona_a, persona_b, puntaje, razones, motivo, origen, programa, cve_mun, estado, modelo_version, created_at)
   select gen_random_uuid(), least(r.persona_id, r.candidato), greatest(r.persona_id, r.candidato), (r.e ->> 'puntaje')::real, r.e -> 'razones', r.e ->> 'motivo',
          'lote:' || :loteId, coalesce(r.datos ->> 'programa', :programa), r.datos ->> 'cveMun', 'pendiente', (r.e ->> 'modelo')::int, :now
   from (${ROWS_TO_REVIEW}) r
   on conflict (persona_a, persona_b) do nothing`,
);

/** The pairs the matcher could not decide, for a reviewer; a pair already decided (even «distintas») is never proposed again. */
async function proposePairs(sql: SqlClient, range: RowRange, programa: string, now: Date): Promise<void> {
  await sql.query(PROPOSE_PAIRS, bind(PROPOSE_PAIRS, { ...range, programa, now }));
}

const INSERT_SUPPORTS = named<{ loteId: string; after: number; through: number; programa: string; dependencia: string; now: Date }>(
  'padron-beneficios',
  `insert into beneficio (persona_id, programa, dependencia, monto, fecha, cve_mun, lote_id, fila, created_at)
   select m.persona_id, coalesce(m.datos ->> 'programa', :programa), :dependencia, (m.datos ->> 'monto')::numeric, (m.datos ->> 'fechaApoyo')::date, m.datos ->> 'cveMun', :loteId, m.fila, :now
   from (${MATCHED_ROWS}) m
   on conflict (lote_id, fila) where lote_id is not null do nothing`,
);

/** One support per accepted row (of the row's own program when the file names one); a row already committed (a resumed slice) is skipped by the unique index. */
async function insertSupports(sql: SqlClient, range: RowRange, batch: { programa: string; dependencia: string }, now: Date): Promise<number> {
  return (await sql.query(INSERT_SUPPORTS, bind(INSERT_SUPPORTS, { ...range, programa: batch.programa, dependencia: batch.dependencia, now }))).rowCount;
}

const REFRESH_ADDRESSES = named<{ loteId: string; after: number; through: number; now: Date }>(
  'padron-domicilios',
  `update persona p set cve_ent = left(u.datos ->> 'cveMun', 2), cve_mun = u.datos ->> 'cveMun', cve_loc = coalesce(u.datos ->> 'cveLoc', p.cve_loc),
          colonia = coalesce(u.datos ->> 'colonia', p.colonia), codigo_postal = coalesce(u.datos ->> 'codigoPostal', p.codigo_postal), updated_at = :now
   from (select distinct on (m.persona_id) m.persona_id, m.datos from (${MATCHED_ROWS}) m
         where m.datos ->> 'cveMun' is not null order by m.persona_id, m.fila desc) u
   where p.id = u.persona_id and p.origen <> 'lote:' || :loteId and p.cve_mun is distinct from u.datos ->> 'cveMun'`,
);

/** A known person's latest address is the one the newest roll gives (only where the row has one). */
async function refreshAddresses(sql: SqlClient, range: RowRange, now: Date): Promise<void> {
  await sql.query(REFRESH_ADDRESSES, bind(REFRESH_ADDRESSES, { ...range, now }));
}

const ADVANCE = named<{ loteId: string; inserted: number; through: number; now: Date }>(
  'padron-lote-avance',
  'update padron_lote set cargadas = cargadas + :inserted, siguiente_fila = :through, updated_at = :now where id = :loteId',
);

type SliceOutcome = 'more' | 'done' | 'stopped';

/** Commits the next slice of the batch, if it is still being loaded. */
async function commitSlice(deps: PadronDeps, loteId: string): Promise<SliceOutcome> {
  return deps.db.sql.transaction(async (sql) => {
    const { rows } = await sql.query<{ estado: string; siguiente_fila: number; programa: string; dependencia: string }>(
      'select estado, siguiente_fila, programa, dependencia from padron_lote where id = $1 for update',
      [loteId],
    );
    const batch = rows[0];
    if (!batch || batch.estado !== 'cargando') return 'stopped';
    const { rows: last } = await sql.query<{ through: number | null }>(
      'select max(fila) as through from (select fila from padron_fila where lote_id = $1 and fila > $2 order by fila limit $3) s',
      [loteId, batch.siguiente_fila, COMMIT_SLICE],
    );
    const now = deps.clock();
    if (last[0].through === null) {
      await sql.query(`update padron_lote set estado = 'cargado', terminado_at = $2, updated_at = $2 where id = $1`, [loteId, now]);
      return 'done';
    }
    const range = { loteId, after: batch.siguiente_fila, through: last[0].through };
    // Two batches creating the same new person at once would collide on the CURP: one loads at a time.
    await sql.query(`select pg_advisory_xact_lock(hashtext('padron-cargar'))`);
    await createPeople(sql, range, now);
    await refreshAddresses(sql, range, now);
    const inserted = await insertSupports(sql, range, batch, now);
    await proposePairs(sql, range, batch.programa, now);
    await sql.query(ADVANCE, bind(ADVANCE, { loteId, inserted, through: range.through, now }));
    return 'more';
  });
}

/** Commits the batch slice after slice until it is loaded or someone cancels it. */
export async function commitBatch(deps: PadronDeps, loteId: string, onSlice: () => void = () => {}): Promise<'done' | 'stopped'> {
  // The staged rows arrived since autovacuum last looked: with statistics that still say «a few rows»
  // PostgreSQL joined each slice's 10,000 rows to its 10,000 new people one pair at a time (16 s a slice,
  // measured on 200,000 rows); sampled again, it joins them by hash.
  await deps.db.sql.query('analyze padron_fila');
  for (;;) {
    const outcome = await commitSlice(deps, loteId);
    if (outcome !== 'more') return outcome;
    onSlice();
  }
}

/**
 * Takes a batch's supports back out of the registry, and the people it created that nothing else
 * refers to. One transaction: a batch is either loaded or not.
 */
export async function undoBatch(deps: PadronDeps, loteId: string, finalState: 'deshecho' | 'cancelado'): Promise<number> {
  return deps.db.sql.transaction(async (sql) => {
    await sql.query(`select pg_advisory_xact_lock(hashtext('padron-cargar'))`);
    const { rowCount } = await sql.query('delete from beneficio where lote_id = $1', [loteId]);
    // People a reviewer has decided on (merged, or told apart) stay: their decisions are history.
    const orphans = `select p.id from persona p where p.origen = 'lote:' || $1 and not exists (select 1 from beneficio b where b.persona_id = p.id)
      and not exists (select 1 from persona_fusion f where f.sobreviviente = p.id or f.absorbida = p.id)
      and not exists (select 1 from posible_duplicado d where d.estado <> 'pendiente' and (d.persona_a = p.id or d.persona_b = p.id))`;
    await sql.query(`delete from posible_duplicado where estado = 'pendiente' and (persona_a in (${orphans}) or persona_b in (${orphans}))`, [loteId]);
    await sql.query(`delete from persona_curp where persona_id in (${orphans})`, [loteId]);
    await sql.query(`delete from persona where id in (${orphans})`, [loteId]);
    await sql.query('update padron_lote set estado = $2, cargadas = 0, siguiente_fila = 0, terminado_at = $3, updated_at = $3 where id = $1', [loteId, finalState, deps.clock()]);
    return rowCount;
  });
}
