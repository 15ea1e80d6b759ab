import type { FastifyInstance } from 'fastify';

/** Administration of officials and areas (contract: runtime/server/modules/officials/CONTRACT.md). */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
