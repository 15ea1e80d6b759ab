import type { FastifyInstance } from 'fastify';

/** Dashboard counts and the municipal map (contract: runtime/server/modules/officials/CONTRACT.md). */
export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
