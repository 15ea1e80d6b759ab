import type { FastifyInstance } from 'fastify';
import { resumeScheduledPublications } from '../server/modules/designer/index.ts';
import { resumeBatches } from '../server/modules/padron/index.ts';
import { resumeCleaning } from '../server/modules/territorio/index.ts';

/**
 * Work whose truth is a database row and whose delivery is a job: SMS in the outbox, scheduled
 * publications and padrón batches left mid-step. When the job could not be enqueued (Redis away at the time), the row stays
 * pending; enqueueing it again is harmless (jobs claim their rows or skip finished ones), so
 * processes that run jobs do it on start and then every `config.outboxSweepMs`, and nothing is
 * lost once Redis is back.
 */
export async function resumeDurableWork(app: FastifyInstance): Promise<{ sms: number; publications: number; batches: number; cleanings: number }> {
  const sms = await app.sms.resumePending().catch((error: unknown) => {
    app.log.warn({ err: error }, 'SMS pendientes: no se pudieron encolar; siguen en la bandeja de salida y se reintentan en la próxima revisión');
    return 0;
  });
  const publications = await resumeScheduledPublications(app).catch((error: unknown) => {
    app.log.warn({ err: error }, 'publicaciones programadas: no se pudieron encolar; se reintentan en la próxima revisión');
    return 0;
  });
  const batches = await resumeBatches(app).catch((error: unknown) => {
    app.log.warn({ err: error }, 'cargas de padrón a medias: no se pudieron encolar; se reintentan en la próxima revisión');
    return 0;
  });
  const cleanings = await resumeCleaning(app).catch((error: unknown) => {
    app.log.warn({ err: error }, 'limpiezas de ubicaciones a medias: no se pudieron encolar; se reintentan en la próxima revisión');
    return 0;
  });
  return { sms, publications, batches, cleanings };
}

/** Runs resumeDurableWork every `everyMs` (never two at once); returns the stop function. */
export function startDurableWorkSweep(app: FastifyInstance, everyMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void resumeDurableWork(app).finally(() => {
      running = false;
    });
  }, everyMs);
  // The sweep alone must not keep a process alive that is otherwise done.
  timer.unref();
  return () => clearInterval(timer);
}
