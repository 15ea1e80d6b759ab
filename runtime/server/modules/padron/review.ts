/**
 * Reviewing a batch: every row of the file read (streamed), checked with the engine's rules (the
 * same CURP twice judged as it streams by: first-rows.ts) and staged with its original values, what
 * was read from them and its problems; then every accepted row is matched against the registry
 * (identity.ts) and the batch gets its counts by outcome and code. Nothing
 * reaches the registry here: this is the preview. Resumable: a run reads the file again and stages
 * the rows after the last one staged.
 */
import { checkRow, duplicateProblem, isWellFormedCurp, withDuplicate, type ColumnMapping, type RegistryRow, type RowCheck } from '../../../../engine/padron/index.ts';
import { bind, named, type SqlClient } from '../../../db/sql.ts';
import { municipioNames } from '../../../definitions/municipios.ts';
import type { PadronDeps } from './deps.ts';
import { FirstRows, type Seen } from './first-rows.ts';
import { matchStagedRows } from './identity.ts';
import { openRoll } from './roll-file.ts';

/** Rows per staging statement. */
const STAGE_SLICE = 2_000;

interface StagedRow {
  fila: number;
  values: string[];
  check: RowCheck;
}

const STAGE = named<{ loteId: string; filas: number[]; valores: string[]; curps: Array<string | null>; datos: string[]; problemas: string[]; aceptadas: boolean[] }>(
  'padron-filas',
  `insert into padron_fila (lote_id, fila, valores, curp, datos, problemas, aceptada)
   select :loteId, f, v::jsonb, c, d::jsonb, p::jsonb, a
   from unnest(:filas::int[], :valores::text[], :curps::text[], :datos::text[], :problemas::text[], :aceptadas::boolean[]) as t(f, v, c, d, p, a)
   on conflict (lote_id, fila) do nothing`,
);

/** One multi-row insert through arrays (one statement, one round trip per slice). */
async function stage(sql: SqlClient, loteId: string, rows: StagedRow[]): Promise<void> {
  await sql.query(
    STAGE,
    bind(STAGE, {
      loteId,
      filas: rows.map((r) => r.fila),
      valores: rows.map((r) => JSON.stringify(r.values)),
      curps: rows.map((r) => (isWellFormedCurp(r.check.row.curp) ? r.check.row.curp : null)),
      datos: rows.map((r) => JSON.stringify(r.check.row)),
      problemas: rows.map((r) => JSON.stringify(r.check.problems)),
      aceptadas: rows.map((r) => r.check.accepted),
    }),
  );
}

async function lastStagedLine(sql: SqlClient, loteId: string): Promise<number> {
  const { rows } = await sql.query<{ fila: number | null }>('select max(fila) as fila from padron_fila where lote_id = $1', [loteId]);
  return rows[0].fila ?? 0;
}

/** Whether the batch is still under review (a cancelled one stops at the next slice). */
async function stillReviewing(sql: SqlClient, loteId: string, through: number, now: Date): Promise<boolean> {
  const { rowCount } = await sql.query(`update padron_lote set revisadas = greatest(revisadas, $2), updated_at = $3 where id = $1 and estado = 'revisando'`, [loteId, through, now]);
  return rowCount === 1;
}

/** The first row of a CURP, when a later one belongs to another person: in the slice being built, or staged. */
async function firstRow(sql: SqlClient, loteId: string, line: number, slice: StagedRow[]): Promise<RegistryRow> {
  const pending = slice.find((r) => r.fila === line);
  if (pending) return pending.check.row;
  return (await sql.query<{ datos: RegistryRow }>('select datos from padron_fila where lote_id = $1 and fila = $2', [loteId, line])).rows[0].datos;
}

/** The engine's duplicate rule on a row whose CURP came before: the same person loads (counted), another one is refused. */
async function judgeRepeat(sql: SqlClient, loteId: string, seen: Exclude<Seen, { kind: 'first' }>, check: RowCheck, slice: StagedRow[]): Promise<void> {
  // For the same person the first row only proves sameness, which the fingerprint already did.
  const first = seen.kind === 'same' ? check.row : await firstRow(sql, loteId, seen.firstLine, slice);
  withDuplicate(check, duplicateProblem(first, seen.firstLine, check.row));
}

/** Reads and stages the file's rows after the last one staged; false if the batch was cancelled meanwhile. */
async function stageFile(deps: PadronDeps, batch: { id: string; ruta: string; mapeo: ColumnMapping }): Promise<boolean> {
  const sql = deps.db.sql;
  const done = await lastStagedLine(sql, batch.id);
  const context = { municipios: new Set(municipioNames().keys()) };
  const firsts = new FirstRows();
  const roll = await openRoll(batch.ruta);
  let slice: StagedRow[] = [];
  let count = 0;
  for await (const { fila, values } of roll.rows()) {
    count++;
    const check = checkRow(values, batch.mapeo, context);
    const seen = isWellFormedCurp(check.row.curp) ? firsts.see(check.row.curp, fila, check.row) : ({ kind: 'first' } as const);
    // Rows staged by an earlier run only teach which CURPs came first.
    if (fila <= done) continue;
    if (seen.kind !== 'first') await judgeRepeat(sql, batch.id, seen, check, slice);
    slice.push({ fila, values, check });
    if (slice.length < STAGE_SLICE) continue;
    await stage(sql, batch.id, slice);
    if (!(await stillReviewing(sql, batch.id, count, deps.clock()))) return false;
    slice = [];
  }
  if (slice.length > 0) await stage(sql, batch.id, slice);
  return stillReviewing(sql, batch.id, count, deps.clock());
}

/** The preview's counts: rows, accepted, refused, and rows by code (each code once per row). */
async function summarize(sql: SqlClient, loteId: string, now: Date): Promise<void> {
  await sql.query(
    `update padron_lote l set filas = c.filas, aceptadas = c.aceptadas, rechazadas = c.filas - c.aceptadas, revisadas = c.filas,
            por_codigo = coalesce((select jsonb_object_agg(code, n) from (
              select p ->> 'code' as code, count(distinct f.fila) as n
              from padron_fila f, jsonb_array_elements(f.problemas) p where f.lote_id = $1 group by 1) k), '{}'::jsonb),
            estado = 'revisado', terminado_at = $2, updated_at = $2
     from (select count(*)::int as filas, (count(*) filter (where aceptada))::int as aceptadas from padron_fila where lote_id = $1) c
     where l.id = $1 and l.estado = 'revisando'`,
    [loteId, now],
  );
}

/** Reviews the batch from where it stopped; a batch no longer under review is left alone. */
export async function reviewBatch(deps: PadronDeps, loteId: string): Promise<void> {
  const { rows } = await deps.db.sql.query<{ id: string; ruta: string; mapeo: ColumnMapping; estado: string }>('select id, ruta, mapeo, estado from padron_lote where id = $1', [loteId]);
  const batch = rows[0];
  if (!batch || batch.estado !== 'revisando') return;
  if (!(await stageFile(deps, batch))) return;
  await matchStagedRows(deps, loteId);
  await summarize(deps.db.sql, loteId, deps.clock());
}
