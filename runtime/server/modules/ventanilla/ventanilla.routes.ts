import type { FastifyInstance } from 'fastify';

/** Assisted registration and applications at the counter (contract: runtime/server/modules/officials/CONTRACT.md). */
export async function ventanillaRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
