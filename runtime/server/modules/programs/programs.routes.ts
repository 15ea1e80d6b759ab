import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { idParams } from '../../../api/common.ts';
import { programSummary, type ProgramaDetalle, type ProgramaResumen } from '../../../api/programs.ts';
import { callWindowStatus, reviewAsksSupportType, type LoadedProgram } from '../../../../engine/index.ts';
import { Program } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { quotaAvailable } from './current.ts';
import type { CachedBody } from './program-cache.ts';

function summary(program: LoadedProgram, now: Date): ProgramaResumen {
  const d = program.definition;
  return {
    id: d.id,
    version: d.version,
    nombre: d.name,
    ...(d.description ? { descripcion: d.description } : {}),
    ...(d.objective ? { objetivo: d.objective } : {}),
    dependencia: d.dependencia,
    area: d.area,
    apoyos: d.supportTypes.map((s) => ({ id: s.id, nombre: s.name, tipo: s.kind, ...(s.amount ? { monto: s.amount } : {}), ...(s.description ? { descripcion: s.description } : {}) })),
    convocatoria: {
      abre: d.convocatoria.opensAt,
      cierra: d.convocatoria.closesAt,
      estado: callWindowStatus(program, now),
      ...(d.convocatoria.quotas?.total ? { cupoTotal: d.convocatoria.quotas.total } : {}),
    },
  };
}

/** A program as the portal renders it (GET /programas/:id); the field app's package carries the same. */
export function programDetail(program: LoadedProgram, now: Date): ProgramaDetalle {
  const d = program.definition;
  return {
    ...summary(program, now),
    formulario: { schema: d.form.schema, uischema: d.form.uischema },
    // Several support types and no form question that picks one: the review page asks it.
    preguntarTipoApoyo: reviewAsksSupportType(d),
    requisitos: d.eligibility.map((r) => ({ id: r.id, mensaje: r.message })),
    documentos: d.documents.map((doc) => ({ id: doc.id, nombre: doc.label, descripcion: doc.description, tipos: doc.accept, tamanoMaximo: doc.maxBytes, obligatorio: doc.required === true, condicional: doc.requiredIf !== undefined })),
  };
}

/** Browsers and proxies may keep the catalog but must ask again each time (a 304 is cheap). */
const CATALOG_CACHE_CONTROL = 'public, no-cache';

/** Whether If-None-Match names this ETag (weak or strong, in a list, or *). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value.replace(/^W\//, '') === etag;
  });
}

/** Sends a catalog body, or 304 when the client already has it. */
function sendCatalog(request: FastifyRequest, reply: FastifyReply, body: CachedBody) {
  reply.header('etag', body.etag).header('cache-control', CATALOG_CACHE_CONTROL);
  if (matches(request.headers['if-none-match'], body.etag)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(body.json);
}

/** Public program catalog ("Catálogo de programas") and open calls ("Apoyos disponibles"). */
export async function programsRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  const catalog = app.programs.catalog;

  app.get(
    '/programas',
    { schema: { tags: ['programas'], summary: 'Catálogo de programas (versión vigente de cada uno); con ETag', response: { 200: { type: 'array', items: programSummary } } } },
    async (request, reply) => {
      const now = app.clock();
      const { fingerprint, programs } = await catalog.programs(app.db.sql, request.em);
      // The body changes only with a publication or a call opening or closing.
      const statuses = programs.map((p) => callWindowStatus(p, now)).join(',');
      return sendCatalog(request, reply, catalog.body(`programas|${fingerprint}|${statuses}`, () => programs.map((p) => summary(p, now))));
    },
  );

  app.get(
    '/convocatorias/abiertas',
    {
      schema: {
        tags: ['programas'],
        summary: 'Apoyos disponibles: convocatorias abiertas ahora (hora de la Ciudad de México) y con cupo; con ETag',
        response: { 200: { type: 'array', items: programSummary } },
      },
    },
    async (request, reply) => {
      const now = app.clock();
      const { fingerprint, programs } = await catalog.programs(app.db.sql, request.em);
      const open = programs.filter((p) => callWindowStatus(p, now) === 'abierta');
      const withPlaces: LoadedProgram[] = [];
      for (const p of open) if (await catalog.placesLeft(p, () => quotaAvailable(request.em, p, { municipio: null, localidad: null }))) withPlaces.push(p);
      const ids = withPlaces.map((p) => p.definition.id).join(',');
      return sendCatalog(request, reply, catalog.body(`abiertas|${fingerprint}|${ids}`, () => withPlaces.map((p) => summary(p, now))));
    },
  );

  app.get(
    '/programas/:id',
    {
      schema: {
        tags: ['programas'],
        summary: 'Definición vigente de un programa: formulario, requisitos y documentos',
        params: idParams,
      },
    },
    async (request): Promise<ProgramaDetalle> => {
      const { id } = request.params;
      const row = await request.em.findOne(Program, { id });
      if (!row) throw new AppError('PROGRAM_NOT_FOUND', `No existe el programa «${id}».`);
      const program = await app.programs.get(request.em, id, row.currentVersion);
      if (!program) throw new AppError('PROGRAM_NOT_FOUND');
      return programDetail(program, app.clock());
    },
  );
}
