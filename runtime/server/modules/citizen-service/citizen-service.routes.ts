import type { FastifyInstance } from 'fastify';

/** Consulta ciudadana (contract: runtime/server/modules/officials/CONTRACT.md). */
export async function citizenServiceRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
