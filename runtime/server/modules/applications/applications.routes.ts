import multipart from '@fastify/multipart';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import type { Borrador, BorradorGuardado, Elegibilidad, EstadoTrasEvento, EventoHistorial, SolicitudDetalle, SolicitudResumen } from '../../../api/applications.ts';
import { answersBody, documentFileParams, documentParams, positionBody } from '../../../api/applications.ts';
import { idParams } from '../../../api/common.ts';
import { Application, Document } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { submitCorrection } from './correction.ts';
import { eligibilityPreview } from './eligibility.ts';
import { findDocument, officialMaySee, uploadDocument } from './documents.ts';
import { getDraft, saveDraft, saveDraftPosition } from './drafts.ts';
import { DocumentStorage } from './storage.ts';
import { submitDraft } from './submit.ts';
import { applicationDetail, applicationHistory, documentView, isUuid, listApplications, ownApplication } from './views.ts';

/** The citizen's side of applications: drafts, eligibility, documents, submission, follow-up, corrections. */
export async function applicationsRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5, parts: 6 } });
  const citizenOnly = { preHandler: app.requireCitizen };
  const tags = ['solicitudes'];

  app.get('/programas/:id/borrador', { ...citizenOnly, schema: { tags, summary: 'Borrador guardado o respuestas prellenadas del expediente', params: idParams } }, async (request): Promise<Borrador> => {
    const { id } = request.params;
    const draft = await getDraft(app, request.em, request.citizen, id);
    const docs = draft.id ? await request.em.find(Document, { application: draft.id, replacedAt: null }) : [];
    return { ...draft, documentos: docs.map(documentView) };
  });

  app.put('/programas/:id/borrador', { ...citizenOnly, schema: { tags, summary: 'Guarda el borrador; devuelve los errores del paso indicado', params: idParams, body: answersBody } }, async (request): Promise<BorradorGuardado> => {
    const { id } = request.params;
    const { respuestas, paso } = request.body;
    return saveDraft(app, request.em, request.citizen, id, respuestas, paso);
  });

  app.put('/programas/:id/borrador/posicion', { ...citizenOnly, schema: { tags, summary: 'Guarda en qué paso va el borrador (se retoma ahí en cualquier dispositivo)', params: idParams, body: positionBody } }, async (request, reply) => {
    const { id } = request.params;
    await saveDraftPosition(app, request.citizen, id, request.body);
    return reply.status(204).send();
  });

  app.post('/programas/:id/elegibilidad', { ...citizenOnly, schema: { tags, summary: 'Revisa los requisitos con las respuestas dadas (el mismo motor que al enviar)', params: idParams, body: answersBody } }, async (request): Promise<Elegibilidad> => {
    const { id } = request.params;
    return eligibilityPreview(app, request.em, id, request.citizen.curp, request.body.respuestas);
  });

  app.post('/solicitudes/:id/documentos/:tipo', { ...citizenOnly, schema: { tags, summary: 'Sube un documento (campo multipart «archivo»)', params: documentParams, consumes: ['multipart/form-data'] } }, async (request, reply) => {
    const { id, tipo } = request.params;
    const application = await ownApplication(request.em, request.citizen.id, id);
    return reply.status(201).send(await uploadDocument(app, request, application, tipo, `ciudadano:${request.citizen.id}`));
  });

  app.get('/solicitudes/:id/documentos/:docId', { schema: { tags, summary: 'Descarga un documento (su dueño; o, ya enviada la solicitud, un funcionario del área con datos personales del programa)', params: documentFileParams } }, async (request, reply) => {
    const { id, docId } = request.params;
    const auth = await request.auth();
    if (!auth) throw new AppError('AUTH_REQUIRED');
    let application;
    if (auth.type === 'ciudadano') application = await ownApplication(request.em, auth.id, id);
    else {
      await app.requireOfficial()(request);
      application = isUuid(id) ? await request.em.findOne(Application, { id }) : null;
      if (!application || !(await officialMaySee(app, request.em, request.official, application))) throw new AppError('APPLICATION_NOT_FOUND');
    }
    const doc = await findDocument(request.em, application, docId);
    const safeName = doc.originalName.replace(/[^\w.\- ]+/g, '_');
    return reply
      .header('content-type', doc.mediaType)
      .header('content-disposition', `inline; filename="${safeName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(new DocumentStorage(app.config.storageDir).open(doc.sha256));
  });

  app.post('/solicitudes/:id/enviar', { ...citizenOnly, schema: { tags, summary: 'Envía la solicitud: emite el folio (idempotente)', params: idParams, body: answersBody } }, async (request, reply) => {
    const { id } = request.params;
    const { respuestas, tipoApoyo } = request.body;
    if (!isUuid(id)) throw new AppError('APPLICATION_NOT_FOUND');
    // submitDraft reads the draft by id and owner together (another citizen's draft: not found).
    const submission = await submitDraft(app, id, request.subjectId, respuestas, { type: 'ciudadano', id: request.subjectId, role: 'ciudadano' }, tipoApoyo);
    return reply.status(submission.created ? 201 : 200).send({ id: submission.id, folio: submission.folio, estado: submission.status });
  });

  app.get('/solicitudes', { ...citizenOnly, schema: { tags, summary: 'Mis solicitudes' } }, async (request): Promise<SolicitudResumen[]> => listApplications(request.em, request.citizen.id));

  app.get('/solicitudes/:id', { ...citizenOnly, schema: { tags, summary: 'Ver solicitud', params: idParams } }, async (request): Promise<SolicitudDetalle> => {
    const { id } = request.params;
    return applicationDetail(app, request.em, await ownApplication(request.em, request.citizen.id, id));
  });

  app.get('/solicitudes/:id/historial', { ...citizenOnly, schema: { tags, summary: 'Historial de la solicitud', params: idParams } }, async (request): Promise<EventoHistorial[]> => {
    const { id } = request.params;
    return applicationHistory(request.em, (await ownApplication(request.em, request.citizen.id, id)).id);
  });

  app.post('/solicitudes/:id/correccion', { ...citizenOnly, schema: { tags, summary: 'Envía la corrección pedida por el funcionario', params: idParams, body: answersBody } }, async (request): Promise<EstadoTrasEvento> => {
    const { id } = request.params;
    await ownApplication(request.em, request.citizen.id, id);
    const result = await submitCorrection(app, request.citizen.id, id, request.body.respuestas);
    return { estado: result.status, etapa: result.stateLabel };
  });
}
