import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { coberturaLocalidadParams, coberturaMunicipioParams, coberturaQuery, dashboardQuery, type CoberturaDeLocalidad, type CoberturaDeMunicipio, type CoberturaEstado, type Tablero } from '../../../api/dashboard.ts';
import { queretaroOutlines } from '../../../definitions/municipios.ts';
import { AppError } from '../../errors.ts';
import { programsVisibleTo } from '../padron/index.ts';
import { officialContext } from '../queue/index.ts';
import { localidadFile, municipioFile, stateFile, type CoverageFile } from './coverage-files.ts';
import { localidadCoverage, municipioCoverage, stateCoverage, type CoverageScope } from './coverage.ts';
import { dashboard } from './dashboard.service.ts';
import { foldCountsPeriodically } from './counts.ts';

type CoverageQuery = { programa?: string; desde?: string; hasta?: string; formato?: string };

/** Dashboard counts, the municipal map and the padrón's coverage by territory (contract: runtime/API-funcionarios.md). */
export async function dashboardRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  // INEGI's outlines of Querétaro's municipios: static and public.
  const { file: geojson, features: shapes } = queretaroOutlines();
  foldCountsPeriodically(untyped);

  app.get('/funcionario/tablero', { preHandler: app.requireOfficial(), schema: { tags: ['funcionarios'], summary: 'Tablero: solicitudes por programa, estado y municipio', querystring: dashboardQuery } }, async (request): Promise<Tablero> => {
    const { programa } = request.query;
    return dashboard(app, await officialContext(app, request), programa || undefined);
  });

  app.get('/catalogos/municipios-qro.geojson', { schema: { tags: ['catálogos'], summary: 'Municipios de Querétaro (GeoJSON, INEGI) para el mapa del tablero' } }, async (_request, reply) =>
    reply.header('content-type', 'application/geo+json; charset=utf-8').header('cache-control', 'public, max-age=86400').send(geojson),
  );

  /** The programs the official may count and the filter they chose; a program outside them does not exist for them. */
  async function coverageScope(request: FastifyRequest, query: CoverageQuery) {
    const ctx = await officialContext(app, request);
    const programas = await programsVisibleTo(app, request.official, [...ctx.programs.keys()]);
    const programa = query.programa || null;
    if (programa && !programas.some((p) => p.clave === programa)) throw new AppError('PROGRAM_NOT_FOUND');
    const desde = query.desde || null;
    const hasta = query.hasta || null;
    if (desde && hasta && desde > hasta) throw new AppError('VALIDATION_FAILED', 'La fecha «Desde» es posterior a «Hasta»: revisa el periodo.');
    const scope: CoverageScope = { programas: programas.map((p) => p.clave), filtro: { programa, desde, hasta } };
    return { scope, programas };
  }
  const send = (reply: FastifyReply, file: CoverageFile) => reply.header('cache-control', 'private, no-store').header('content-disposition', `attachment; filename="${file.name}"`).type(file.type).send(file.body);
  const coverage = { preHandler: app.requireOfficial(), schema: { tags: ['funcionarios'] } };

  app.get('/funcionario/tablero/cobertura', { ...coverage, schema: { ...coverage.schema, summary: 'Cobertura del padrón por municipio (personas y apoyos por cada 1,000 habitantes); CSV o GeoJSON con «formato»', querystring: coberturaQuery } }, async (request, reply) => {
    const { scope, programas } = await coverageScope(request, request.query);
    const data: CoberturaEstado = await stateCoverage(app.db.sql, scope, programas);
    const { formato } = request.query;
    return formato === 'csv' || formato === 'geojson' ? send(reply, stateFile(data, formato, shapes)) : data;
  });

  app.get(
    '/funcionario/tablero/cobertura/municipios/:clave',
    { ...coverage, schema: { ...coverage.schema, summary: 'Cobertura de un municipio por localidad y colonia', params: coberturaMunicipioParams, querystring: coberturaQuery } },
    async (request, reply) => {
      const { scope } = await coverageScope(request, request.query);
      const data: CoberturaDeMunicipio = await municipioCoverage(app.db.sql, scope, request.params.clave);
      return request.query.formato ? send(reply, municipioFile(data, request.query.formato)) : data;
    },
  );

  app.get(
    '/funcionario/tablero/cobertura/localidades/:cvegeo',
    { ...coverage, schema: { ...coverage.schema, summary: 'Cobertura de una localidad y sus colonias', params: coberturaLocalidadParams, querystring: coberturaQuery } },
    async (request, reply) => {
      const { scope } = await coverageScope(request, request.query);
      const data: CoberturaDeLocalidad = await localidadCoverage(app.db.sql, scope, request.params.cvegeo);
      return request.query.formato ? send(reply, localidadFile(data, request.query.formato)) : data;
    },
  );
}
