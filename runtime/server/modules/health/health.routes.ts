import type { FastifyInstance } from 'fastify';

const componentSchema = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok', 'error'] }, kind: { type: 'string' }, message: { type: 'string' } } } as const;

/** GET /api/health: the database answers a query; the job queue is reachable. 503 when either is down. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        tags: ['sistema'],
        summary: 'Estado del servicio',
        response: {
          200: { type: 'object', required: ['status', 'database', 'queue'], properties: { status: { type: 'string' }, database: componentSchema, queue: componentSchema } },
          503: { type: 'object', required: ['status', 'database', 'queue'], properties: { status: { type: 'string' }, database: componentSchema, queue: componentSchema } },
        },
      },
    },
    async (request, reply) => {
      const database = await request.em
        .getConnection()
        .execute('select 1')
        .then(() => ({ status: 'ok' as const, kind: app.db.kind }))
        .catch((e: Error) => ({ status: 'error' as const, kind: app.db.kind, message: `La base de datos no responde: ${e.message}` }));
      const queue = await app.jobs.health();
      const ok = database.status === 'ok' && queue.status === 'ok';
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'error', database, queue });
    },
  );
}
