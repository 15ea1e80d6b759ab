import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { JobQueue } from '../../jobs/queue.ts';
import { startDurableWorkSweep } from '../../jobs/durable-work.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
  }
}

/**
 * Exposes the job queue; on close, waits for running jobs before closing it (graceful shutdown).
 * Processes that run jobs also re-enqueue, periodically, durable work left pending while the
 * queue was unreachable (jobs/durable-work.ts); API-only processes leave that to the workers.
 */
export const jobsPlugin = fp(
  async (app: FastifyInstance, options: { jobs: JobQueue }) => {
    app.decorate('jobs', options.jobs);
    let stopSweep = () => {};
    app.addHook('onReady', async () => {
      if (app.config.role !== 'api') stopSweep = startDurableWorkSweep(app, app.config.outboxSweepMs);
    });
    app.addHook('onClose', async () => {
      stopSweep();
      await options.jobs.close();
    });
  },
  { name: 'sipros-jobs', fastify: '5.x' },
);
