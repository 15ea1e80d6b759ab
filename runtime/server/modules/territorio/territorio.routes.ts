import multipart from '@fastify/multipart';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { catalogKindParams, codigoPostalParams, importParams, municipioParams, type CatalogImport, type CodigoPostal, type LocalidadRef } from '../../../api/territorio.ts';
import { AppError } from '../../errors.ts';
import { ROLE_ADMIN } from '../admin/index.ts';
import { MAX_CATALOG_BYTES } from './catalog-file.ts';
import { applyImport, discardImport, importCatalog, listImports } from './catalog-import.ts';
import { localidadesOf, postalCode } from './lookup.ts';

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
}
