import type { FastifyInstance } from 'fastify';
import type { QueueHealth } from '../../../jobs/queue.ts';

const componentSchema = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok', 'error'] }, kind: { type: 'string' }, message: { type: 'string' } } } as const;
const healthSchema = { type: 'object', required: ['status', 'database', 'queue'], properties: { status: { type: 'string' }, database: componentSchema, queue: componentSchema } } as const;

/**
 * Each check gets this long, and both run at once, so health answers within 2 s even when a
 * dependency accepts connections and never answers (a load balancer must not wait for it).
 */
export const HEALTH_CHECK_TIMEOUT_MS = 1500;

interface ComponentHealth {
  status: 'ok' | 'error';
  kind: string;
  message?: string;
}

/** `check` within HEALTH_CHECK_TIMEOUT_MS, or `late`; `check`'s own failure maps through `failed`. */
function bounded<T>(check: Promise<T>, late: T, failed: (error: Error) => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late), HEALTH_CHECK_TIMEOUT_MS);
  });
  return Promise.race([check.catch(failed), timeout]).finally(() => clearTimeout(timer));
}

async function databaseHealth(app: FastifyInstance, run: () => Promise<unknown>): Promise<ComponentHealth> {
  const kind = app.db.kind;
  const down = (why: string): ComponentHealth => ({ status: 'error', kind, message: `La base de datos ${why}: no se pueden recibir ni consultar solicitudes.` });
  return bounded(
    run().then((): ComponentHealth => ({ status: 'ok', kind })),
    down(`no respondió en ${HEALTH_CHECK_TIMEOUT_MS / 1000} s`),
    (error) => {
      // The driver's (English) reason goes to the log; the public answer stays in Spanish.
      app.log.warn({ err: error }, 'salud: la base de datos no responde');
      return down('no responde');
    },
  );
}

function queueHealth(app: FastifyInstance): Promise<ComponentHealth> {
  const late: QueueHealth = { status: 'error', kind: app.jobs.kind, message: `La cola de trabajos no respondió en ${HEALTH_CHECK_TIMEOUT_MS / 1000} s.` };
  return bounded(app.jobs.health(), late, () => ({ status: 'error', kind: app.jobs.kind, message: 'La cola de trabajos no responde.' }));
}

/** GET /api/health: the database answers a query; the job queue is reachable. 503 when either is down. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        tags: ['sistema'],
        summary: 'Estado del servicio',
        description: 'Responde en menos de 2 s: 200 si la base de datos y la cola de trabajos responden; 503 con el estado de cada una, en español, si alguna no.',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (request, reply) => {
      const [database, queue] = await Promise.all([databaseHealth(app, () => request.em.getConnection().execute('select 1')), queueHealth(app)]);
      const ok = database.status === 'ok' && queue.status === 'ok';
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'error', database, queue });
    },
  );
}
