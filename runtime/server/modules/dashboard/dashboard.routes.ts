import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEFINITIONS_DIR } from '../../../definitions/library.ts';
import { officialContext } from '../queue/index.ts';
import { dashboard } from './dashboard.service.ts';

const dashboardQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { programa: { type: 'string', pattern: '^$|^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 } },
} as const;

/** Dashboard counts and the municipal map (contract: runtime/API-funcionarios.md). */
export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  // INEGI's outlines of Querétaro's municipios: static and public, read once.
  const geojson = readFileSync(join(DEFINITIONS_DIR, 'catalogs', 'qro_municipios.geojson'));

  app.get('/funcionario/tablero', { preHandler: app.requireOfficial(), schema: { tags: ['funcionarios'], summary: 'Tablero: solicitudes por programa, estado y municipio', querystring: dashboardQuery } }, async (request) => {
    const { programa } = request.query as { programa?: string };
    return dashboard(app, await officialContext(app, request), programa || undefined);
  });

  app.get('/catalogos/municipios-qro.geojson', { schema: { tags: ['catálogos'], summary: 'Municipios de Querétaro (GeoJSON, INEGI) para el mapa del tablero' } }, async (_request, reply) =>
    reply.header('content-type', 'application/geo+json; charset=utf-8').header('cache-control', 'public, max-age=86400').send(geojson),
  );
}
