import multipart from '@fastify/multipart';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { fieldPackageQuery, fieldRecordParams, fieldRecordResult, newVisitsBody, reassignVisitBody, supervisionQuery, visitParams, visitsQuery, type PaqueteDeCampo, type ResultadoDeCampo, type SupervisionDeCampo, type VisitaDeCampo } from '../../../api/campo.ts';
import { AppError } from '../../errors.ts';
import { ROLE_ADMIN, ROLE_BRIGADISTA, ROLE_SUPERVISION_CAMPO } from '../admin/index.ts';
import { isUuid } from '../applications/index.ts';
import { readIntake } from './intake.ts';
import { fieldPackage } from './package.ts';
import { storedRecord } from './records.ts';
import { planRecord, registerRecord } from './register.ts';
import { supervision } from './supervision.ts';
import { createVisits, listVisits, reassignVisit } from './visits.ts';

/** A record's photos: as many as a program asks documents, each within the program's own limit (checked while streaming). */
const MULTIPART_LIMITS = { fileSize: 20 * 1024 * 1024, files: 20, fields: 1, parts: 21, fieldSize: 1024 * 1024 };

/**
 * Field brigades (contract: runtime/api/campo.ts). The brigadista's device downloads its package
 * and sends its records; the supervisors (and administrators) follow the brigades of their area
 * and hand out their work lists.
 */
export async function campoRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  await app.register(multipart, { limits: MULTIPART_LIMITS });
  const brigade = { onRequest: app.requireOfficial([ROLE_BRIGADISTA]) };
  const supervisors = { onRequest: app.requireOfficial([ROLE_SUPERVISION_CAMPO, ROLE_ADMIN]) };
  const tags = ['campo'];

  app.get(
    '/campo/paquete',
    { ...brigade, schema: { tags, summary: 'Paquete para trabajar sin conexión: programas abiertos del área, catálogos de sus municipios, visitas pendientes y aviso de privacidad', querystring: fieldPackageQuery } },
    async (request, reply): Promise<PaqueteDeCampo> => {
      reply.header('cache-control', 'private, no-store');
      return fieldPackage(app, request.em, request.official, request.query.municipio ?? []);
    },
  );

  app.post(
    '/campo/registros',
    {
      ...brigade,
      schema: {
        tags,
        summary: 'Envía un registro de campo (multipart: «registro» y luego «documento:<tipo>»); el mismo idCliente dos veces da la misma respuesta y una sola solicitud',
        consumes: ['multipart/form-data'],
        response: { 200: fieldRecordResult, 201: fieldRecordResult },
      },
    },
    async (request, reply) => {
      const official = request.official;
      const intake = await readIntake(app, request, (record) => planRecord(app, request.em, official, record));
      const answer = await registerRecord(app, request.em, official, intake);
      return reply.status(answer.status).send(answer.result);
    },
  );

  app.get(
    '/campo/registros/:idCliente',
    { ...brigade, schema: { tags, summary: 'La respuesta guardada de un registro propio (para un envío cuya respuesta se perdió)', params: fieldRecordParams, response: { 200: fieldRecordResult } } },
    async (request): Promise<ResultadoDeCampo> => {
      const { idCliente } = request.params;
      // Another brigadista's record answers as if it did not exist (no probing).
      const stored = isUuid(idCliente) ? await storedRecord(app, idCliente) : null;
      if (!stored || stored.brigadistaId !== request.official.id) throw new AppError('FIELD_RECORD_NOT_FOUND');
      if (!stored.result) throw new AppError('FIELD_RECORD_BUSY');
      return stored.result;
    },
  );

  app.get(
    '/campo/supervision',
    { ...supervisors, schema: { tags, summary: 'Avance de las brigadas del área: registros por brigadista, día y localidad, y sus puntos para el mapa', querystring: supervisionQuery } },
    async (request): Promise<SupervisionDeCampo> => supervision(app, request.official, request.query),
  );

  app.get(
    '/campo/visitas',
    { ...supervisors, schema: { tags, summary: 'Listas de visitas de las brigadas del área (o de un brigadista), pendientes primero', querystring: visitsQuery } },
    async (request): Promise<VisitaDeCampo[]> => listVisits(app, request.em, request.official, request.query.brigadista),
  );

  app.post(
    '/campo/visitas',
    { ...supervisors, schema: { tags, summary: 'Agrega visitas a la lista de un brigadista del área', body: newVisitsBody } },
    async (request, reply): Promise<VisitaDeCampo[]> => {
      reply.status(201);
      return createVisits(app, request.em, request.official, request.body);
    },
  );

  app.put(
    '/campo/visitas/:id',
    { ...supervisors, schema: { tags, summary: 'Reasigna una visita a otro brigadista del área', params: visitParams, body: reassignVisitBody } },
    async (request): Promise<VisitaDeCampo> => reassignVisit(app, request.em, request.official, request.params.id, request.body.brigadista),
  );
}
