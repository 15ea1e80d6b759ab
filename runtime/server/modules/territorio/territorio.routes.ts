import multipart from '@fastify/multipart';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { catalogKindParams, cleaningRunParams, codigoPostalParams, coloniasQuery, decisionBody, importParams, municipioParams, proposalsQuery, type CatalogImport, type CleaningProposal, type CleaningRun, type CodigoPostal, type ColoniaDelMunicipio, type LocalidadRef, type MapaMunicipio } from '../../../api/territorio.ts';
import { AppError } from '../../errors.ts';
import { ROLE_ADMIN, ROLE_PADRON_REVISOR } from '../admin/index.ts';
import { MAX_CATALOG_BYTES } from './catalog-file.ts';
import { applyImport, discardImport, importCatalog, listImports } from './catalog-import.ts';
import { decideProposals, failCleaning, findRun, proposalsOf, runCleaning, startCleaning } from './cleaning.ts';
import { coloniasOf, localidadesOf, postalCode } from './lookup.ts';
import { municipioMap } from './mapa.ts';

const CLEANING_JOB = 'territorio.limpiar';

/** A catalog changes a few times a year: an hour in a browser's or a proxy's cache is safe. */
const CACHED = 'public, max-age=3600';

/**
 * The territory catalogs (contract: runtime/api/territorio.ts): public look-ups for the address control
 * (a citizen applying has no official's session), and imports for administrators.
 */
export async function territorioRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  const tags = ['catálogos'];

  app.get('/catalogos/codigos-postales/:cp', { schema: { tags, summary: 'Colonias de un código postal, con su municipio y localidad', params: codigoPostalParams } }, async (request, reply): Promise<CodigoPostal> => {
    const found = await postalCode(app.db.sql, request.params.cp);
    if (found.colonias.length === 0) throw new AppError('POSTAL_CODE_NOT_FOUND', `No encontramos el código postal ${request.params.cp} en el catálogo de SEPOMEX; revísalo o busca tu colonia por municipio.`);
    reply.header('cache-control', CACHED);
    return found;
  });

  app.get('/catalogos/municipios/:clave/localidades', { schema: { tags, summary: 'Localidades de un municipio (INEGI), las más pobladas primero', params: municipioParams } }, async (request, reply): Promise<LocalidadRef[]> => {
    reply.header('cache-control', CACHED);
    return localidadesOf(app.db.sql, request.params.clave);
  });

  app.get('/catalogos/municipios/:clave/colonias', { schema: { tags, summary: 'Colonias de un municipio (SEPOMEX) que coinciden con lo escrito (q; sin acentos ni abreviaturas), las de la localidad elegida primero; hasta 20', params: municipioParams, querystring: coloniasQuery } }, async (request, reply): Promise<ColoniaDelMunicipio[]> => {
    reply.header('cache-control', CACHED);
    return coloniasOf(app.db.sql, request.params.clave, request.query.q, request.query.localidad);
  });

  app.get('/catalogos/municipios/:clave/mapa', { schema: { tags, summary: 'Mapa de un municipio: su contorno (INEGI) y sus localidades con coordenadas, para marcar un domicilio', params: municipioParams } }, async (request, reply): Promise<MapaMunicipio> => {
    const map = await municipioMap(app.db.sql, request.params.clave);
    reply.header('cache-control', CACHED);
    return map;
  });

  await app.register(async (scope) => {
    const admin = scope.withTypeProvider<JsonSchemaToTsProvider>();
    await admin.register(multipart, { limits: { fileSize: MAX_CATALOG_BYTES, files: 1, fields: 1, parts: 2 } });
    const adminOnly = { onRequest: app.requireOfficial([ROLE_ADMIN]) };
    const actorOf = (request: { official: { usuario: string } }) => request.official.usuario;

    admin.get('/admin/catalogos/importaciones', { ...adminOnly, schema: { tags, summary: 'Importaciones de catálogos, las más recientes primero' } }, async (): Promise<CatalogImport[]> => listImports(app.db.sql));

    admin.post('/admin/catalogos/:tipo', { ...adminOnly, schema: { tags, summary: 'Importar un catálogo (campo «archivo»): muestra qué agrega, cambia y quita, sin aplicarlo', params: catalogKindParams } }, async (request, reply): Promise<CatalogImport> => {
      if (!request.isMultipart()) throw new AppError('FILE_MISSING', 'Envía el archivo como formulario multipart en el campo «archivo».');
      const file = await request.file();
      if (!file) throw new AppError('FILE_MISSING');
      const bytes = await file.toBuffer().catch((error: { code?: string }) => {
        throw error.code === 'FST_REQ_FILE_TOO_LARGE' ? new AppError('FILE_TOO_LARGE', `El archivo pasa de ${MAX_CATALOG_BYTES / 1024 / 1024} MB.`) : error;
      });
      reply.code(201);
      return importCatalog(app.db.sql, request.params.tipo, { name: file.filename || request.params.tipo, bytes }, actorOf(request), app.clock());
    });

    admin.post('/admin/catalogos/importaciones/:id/aplicar', { ...adminOnly, schema: { tags, summary: 'Aplicar una importación: reemplaza el catálogo vigente', params: importParams } }, async (request): Promise<CatalogImport> => applyImport(app.db.sql, request.params.id, app.clock()));

    admin.post('/admin/catalogos/importaciones/:id/descartar', { ...adminOnly, schema: { tags, summary: 'Descartar una importación sin aplicarla', params: importParams } }, async (request): Promise<CatalogImport> => discardImport(app.db.sql, request.params.id));
  });

  registerCleaning(app);
}

/** Runs a stopped process left «corriendo» are enqueued again (the same job id: never twice at once); returns how many. */
export async function resumeCleaning(app: FastifyInstance): Promise<number> {
  const { rows } = await app.db.sql.query<{ id: string }>(`select id from limpieza_corrida where estado = 'corriendo'`);
  for (const { id } of rows) await app.jobs.enqueue(CLEANING_JOB, { corridaId: id }, { jobId: `limpieza-${id}` });
  return rows.length;
}

/** «Limpieza de ubicaciones»: the run as a job (progress in its row), its proposals, and the officials' decisions in bulk. */
function registerCleaning(untyped: FastifyInstance): void {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  const tags = ['limpieza de ubicaciones'];
  const reviewers = { onRequest: app.requireOfficial([ROLE_PADRON_REVISOR, ROLE_ADMIN]) };
  app.jobs.register<{ corridaId: string }>(
    CLEANING_JOB,
    async ({ corridaId }, { attempt }) => {
      try {
        await runCleaning(app.db.sql, corridaId, app.clock);
      } catch (error) {
        if (attempt >= 3) await failCleaning(app.db.sql, corridaId, error);
        throw error;
      }
    },
    { attempts: 3, backoffMs: 2000 },
  );

  app.post('/funcionario/limpieza', { ...reviewers, schema: { tags, summary: 'Iniciar una limpieza de ubicaciones del padrón (colonias sin clave)' } }, async (request, reply): Promise<CleaningRun> => {
    const run = await startCleaning(app.db.sql, request.official.usuario, app.clock());
    await app.jobs.enqueue(CLEANING_JOB, { corridaId: run.id }, { jobId: `limpieza-${run.id}` });
    reply.code(201);
    return run;
  });

  app.get('/funcionario/limpieza/:id', { ...reviewers, schema: { tags, summary: 'Una limpieza: avance y conteos', params: cleaningRunParams } }, async (request): Promise<CleaningRun> => findRun(app.db.sql, request.params.id));

  app.get('/funcionario/limpieza/:id/propuestas', { ...reviewers, schema: { tags, summary: 'Propuestas de una limpieza (100 por página)', params: cleaningRunParams, querystring: proposalsQuery } }, async (request): Promise<CleaningProposal[]> =>
    proposalsOf(app.db.sql, request.params.id, request.query.estado, request.query.pagina),
  );

  app.post('/funcionario/limpieza/:id/decision', { ...reviewers, schema: { tags, summary: 'Aceptar y rechazar propuestas en bloque (todas: aceptar todas las pendientes)', params: cleaningRunParams, body: decisionBody } }, async (request): Promise<CleaningRun> =>
    decideProposals(app.db.sql, request.params.id, request.body, request.official.usuario, app.clock()),
  );
}
