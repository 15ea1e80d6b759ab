import type { FastifyInstance } from 'fastify';

/** Delivery QR and QR-proven delivery (contract: runtime/server/modules/officials/CONTRACT.md). */
export async function deliveryRoutes(app: FastifyInstance): Promise<void> {
  void app;
}
