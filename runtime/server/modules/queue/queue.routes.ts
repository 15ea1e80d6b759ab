import type { FastifyInstance } from 'fastify';

/** Work queue, Ver Solicitud, bulk decisions, saved filters and reports (contract: runtime/server/modules/officials/CONTRACT.md). */
export async function queueRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
