import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { dashboardQuery, type Tablero } from '../../../api/dashboard.ts';
import { DEFINITIONS_DIR } from '../../../definitions/library.ts';
import { officialContext } from '../queue/index.ts';
import { dashboard } from './dashboard.service.ts';

/** Dashboard counts and the municipal map (contract: runtime/API-funcionarios.md). */
export async function dashboardRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  // INEGI's outlines of Querétaro's municipios: static and public, read once.
  const geojson = readFileSync(join(DEFINITIONS_DIR, 'catalogs', 'qro_municipios.geojson'));

  app.get('/funcionario/tablero', { preHandler: app.requireOfficial(), schema: { tags: ['funcionarios'], summary: 'Tablero: solicitudes por programa, estado y municipio', querystring: dashboardQuery } }, async (request): Promise<Tablero> => {
    const { programa } = request.query;
    return dashboard(app, await officialContext(app, request), programa || undefined);
  });

  app.get('/catalogos/municipios-qro.geojson', { schema: { tags: ['catálogos'], summary: 'Municipios de Querétaro (GeoJSON, INEGI) para el mapa del tablero' } }, async (_request, reply) =>
    reply.header('content-type', 'application/geo+json; charset=utf-8').header('cache-control', 'public, max-age=86400').send(geojson),
  );
}
