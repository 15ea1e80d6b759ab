import type { FastifyInstance } from 'fastify';
import { prepared, type SqlClient } from '../../../db/sql.ts';
import { foldRegistryTotals } from '../padron/index.ts';

/**
 * The dashboard's counts of submitted applications per (program, status, municipio), kept by the
 * database itself (migration 0021): every writer of an application appends its ±1 to
 * application_count_change in its own transaction, and the processes that run jobs fold those
 * changes into application_count every second. Reading both in one statement gives the exact
 * counts of that instant whether or not the latest changes were folded yet.
 */
export interface CountRow {
  program_id: string;
  status: string;
  municipio: string | null;
  n: number;
}

/** A few rows per program and status (one per municipio) plus the changes of the last second or so. */
export const COUNTS = prepared(
  'tablero-conteos',
  `select program_id, status, nullif(municipio, '') as municipio, sum(n)::int as n
     from (select program_id, status, municipio, n from application_count where program_id = any($1::text[])
           union all
           select program_id, status, municipio, n from application_count_change where program_id = any($1::text[])) t
    group by program_id, status, municipio
   having sum(n) <> 0`,
);

/**
 * Moves the pending changes into the counts in one transaction (the statement's own), so a reader
 * sees them either still pending or already counted, never both nor neither. One process at a
 * time: another that finds the lock taken leaves the changes to the next turn.
 */
const FOLD = prepared(
  'tablero-conteos-consolidar',
  `with turn as (select pg_try_advisory_xact_lock(hashtext('sipros.tablero-conteos')) as mine),
        folded as (delete from application_count_change where (select mine from turn) returning program_id, status, municipio, n)
   insert into application_count as c (program_id, status, municipio, n)
   select program_id, status, municipio, sum(n) from folded group by program_id, status, municipio
   on conflict (program_id, status, municipio) do update set n = c.n + excluded.n`,
);

/** Folds the pending changes; returns how many counts it touched. */
export async function foldCounts(sql: SqlClient): Promise<number> {
  return (await sql.query(FOLD)).rowCount;
}

/**
 * How often the changes are folded: the changes a read adds up stay those of about a second. A test
 * that folds by hand, piece by piece, sets it past its own length, so no fold of its own interleaves.
 */
export const foldTuning = { everyMs: 1_000 };

/** Both of the dashboard's kept figures: the applications' counts and the padrón's people and supports. */
async function foldAll(sql: SqlClient): Promise<void> {
  await foldCounts(sql);
  await foldRegistryTotals(sql);
}

/**
 * In processes that run jobs (not API-only ones), folds the changes every foldTuning.everyMs, never
 * two folds at once; stops when the server closes.
 */
export function foldCountsPeriodically(app: FastifyInstance): void {
  let timer: NodeJS.Timeout | undefined;
  let folding: Promise<void> | null = null;
  app.addHook('onReady', async () => {
    if (app.config.role === 'api') return;
    timer = setInterval(() => {
      if (folding) return;
      folding = foldAll(app.db.sql)
        .then(
          () => undefined,
          (error: unknown) => app.log.warn({ err: error }, 'tablero: no se pudieron consolidar los conteos; se reintenta en el siguiente turno'),
        )
        .finally(() => {
          folding = null;
        });
    }, foldTuning.everyMs);
    // Folding alone must not keep a process alive that is otherwise done.
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await folding;
  });
}
