import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { JobQueue } from '../../jobs/queue.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
  }
}

/** Exposes the job queue; on close, waits for running jobs before closing it (graceful shutdown). */
export const jobsPlugin = fp(
  async (app: FastifyInstance, options: { jobs: JobQueue }) => {
    app.decorate('jobs', options.jobs);
    app.addHook('onClose', async () => {
      await options.jobs.close();
    });
  },
  { name: 'sipros-jobs', fastify: '5.x' },
);
