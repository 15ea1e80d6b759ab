/**
 * The padrón's long work as jobs (BullMQ with REDIS_URL, in-process otherwise): reviewing a batch,
 * committing it, taking it back out. The truth is the batch's state in the database; a job only
 * moves it along, so one enqueued twice, retried after a crash or resumed on start does the same.
 */
import type { FastifyInstance } from 'fastify';
import { commitBatch, undoBatch } from './commit.ts';
import type { PadronDeps } from './deps.ts';
import { reviewBatch } from './review.ts';
import { markSearchFailed, runningSearches, runSearch } from './registry-search.ts';

const JOB = { revisando: 'padron.revisar', cargando: 'padron.cargar', cancelando: 'padron.deshacer', deshaciendo: 'padron.deshacer' } as const;
type WorkingState = keyof typeof JOB;

const ATTEMPTS = 5;

/** Runs the step a batch in `state` needs; used by the jobs and, directly, by the command line. */
export async function runBatchStep(deps: PadronDeps, loteId: string, state: WorkingState): Promise<void> {
  if (state === 'revisando') return reviewBatch(deps, loteId);
  if (state === 'cargando') {
    const outcome = await commitBatch(deps, loteId);
    // Cancelled while loading: what was loaded goes back out.
    if (outcome === 'stopped' && (await stateOf(deps, loteId)) === 'cancelando') await undoBatch(deps, loteId, 'cancelado');
    return;
  }
  const current = await stateOf(deps, loteId);
  if (current === 'cancelando' || current === 'deshaciendo') await undoBatch(deps, loteId, current === 'cancelando' ? 'cancelado' : 'deshecho');
}

async function stateOf(deps: PadronDeps, loteId: string): Promise<string | null> {
  return (await deps.db.sql.query<{ estado: string }>('select estado from padron_lote where id = $1', [loteId])).rows[0]?.estado ?? null;
}

async function markFailed(deps: PadronDeps, loteId: string, error: unknown): Promise<void> {
  await deps.db.sql.query(`update padron_lote set estado = 'fallido', error = $2, updated_at = $3 where id = $1 and estado in ('revisando', 'cargando')`, [loteId, (error as Error).message, deps.clock()]);
}

export function padronDeps(app: FastifyInstance): PadronDeps {
  return { db: app.db, clock: app.clock, storageDir: app.config.storageDir };
}

export function registerPadronJobs(app: FastifyInstance): void {
  const deps = padronDeps(app);
  registerSearchJob(app, deps);
  for (const state of ['revisando', 'cargando', 'deshaciendo'] as const) {
    app.jobs.register<{ loteId: string }>(
      JOB[state],
      async ({ loteId }, { attempt }) => {
        const current = await stateOf(deps, loteId);
        if (current === null || !(current in JOB)) return;
        try {
          await runBatchStep(deps, loteId, current as WorkingState);
        } catch (error) {
          // The last attempt leaves the batch visibly failed (with why) instead of "in progress" for ever.
          if (attempt >= ATTEMPTS) await markFailed(deps, loteId, error);
          throw error;
        }
      },
      { attempts: ATTEMPTS, backoffMs: 2000 },
    );
  }
}

const SEARCH_JOB = 'padron.buscar-duplicados';

function registerSearchJob(app: FastifyInstance, deps: PadronDeps): void {
  app.jobs.register<{ busquedaId: string }>(
    SEARCH_JOB,
    async ({ busquedaId }, { attempt }) => {
      try {
        await runSearch(deps, busquedaId);
      } catch (error) {
        if (attempt >= ATTEMPTS) await markSearchFailed(deps, busquedaId, error);
        throw error;
      }
    },
    { attempts: ATTEMPTS, backoffMs: 2000 },
  );
}

/** The job of a search of the whole registry (its id is the search's: enqueueing it again changes nothing). */
export async function enqueueSearch(app: FastifyInstance, busquedaId: string): Promise<void> {
  await app.jobs.enqueue(SEARCH_JOB, { busquedaId }, { jobId: `padron-busqueda-${busquedaId}` });
}

/** Enqueues the job of a batch's current step; the job id is the step's start, so enqueueing it again changes nothing. */
export async function enqueueBatchStep(app: FastifyInstance, loteId: string): Promise<void> {
  const { rows } = await app.db.sql.query<{ estado: string; iniciado_at: Date | string | null }>('select estado, iniciado_at from padron_lote where id = $1', [loteId]);
  const batch = rows[0];
  if (!batch || !(batch.estado in JOB)) return;
  await app.jobs.enqueue(JOB[batch.estado as WorkingState], { loteId }, { jobId: `padron-${batch.estado}-${loteId}-${batch.iniciado_at ? new Date(batch.iniciado_at).getTime() : 0}` });
}

/** Batches left mid-step (a process stopped, Redis away when the step began): their jobs again. */
export async function resumeBatches(app: FastifyInstance): Promise<number> {
  const { rows } = await app.db.sql.query<{ id: string }>(`select id from padron_lote where estado in ('revisando', 'cargando', 'cancelando', 'deshaciendo')`);
  for (const { id } of rows) await enqueueBatchStep(app, id);
  const searches = await runningSearches(app.db.sql);
  for (const id of searches) await enqueueSearch(app, id);
  return rows.length + searches.length;
}
