import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { idParams } from '../../../api/common.ts';
import {
  definitionBody,
  newDraftBody,
  previewBody,
  publishBody,
  saveDraftBody,
  type Biblioteca,
  type Borrador,
  type Diferencias,
  type Guardado,
  type Listado,
  type Revision,
  type VistaPrevia,
} from '../../../api/designer.ts';
import { Program, ProgramDraft, ScheduledPublication } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { isUuid } from '../applications/index.ts';
import { ROLE_ADMIN, ROLE_PLANEACION } from '../admin/index.ts';
import { listAreas } from '../admin/index.ts';
import { checkDefinition, previewAnswers, createDraft, draftDiff, findDraft, publishDraft, registerScheduledPublications, saveDraft, schedulePublication } from './designer.service.ts';

const tags = ['diseñador'];

function actor(request: FastifyRequest) {
  return { id: request.official.id, usuario: request.official.usuario };
}

/**
 * The designer's API (issue 5): working copies with autosave, engine checks placed by element,
 * test tables, a readable diff against the version in force, publication now or scheduled,
 * import and export. The checks also run in the browser (same engine); the server repeats them.
 */
export async function designerRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  // The planning office (DPE) builds programs; administrators may too.
  registerScheduledPublications(app);
  const planner = { preHandler: app.requireOfficial([ROLE_PLANEACION, ROLE_ADMIN]) };

  app.get('/disenador/biblioteca', { ...planner, schema: { tags, summary: 'Bloques CUIS, conjuntos de reglas y el árbol de áreas, para revisar y llenar definiciones en el navegador' } }, async (request): Promise<Biblioteca> => ({
    // Each fragment is a JSON Schema object (the library loader refuses anything else).
    fragmentos: app.library.fragments as Biblioteca['fragmentos'],
    conjuntosDeReglas: app.library.ruleSets,
    municipios: [...app.library.municipios],
    // Every area may run a program, whichever area the planner belongs to.
    areas: await listAreas(request.em, null),
  }));

  app.get('/disenador/programas', { ...planner, schema: { tags, summary: 'Programas publicados, borradores y publicaciones programadas' } }, async (request): Promise<Listado> => {
    const [programs, drafts, scheduled] = await Promise.all([
      request.em.find(Program, {}, { orderBy: { name: 'asc' } }),
      request.em.find(ProgramDraft, {}, { orderBy: { updatedAt: 'desc' }, fields: ['id', 'programId', 'baseVersion', 'revision', 'updatedBy', 'updatedAt', 'definition'] }),
      request.em.find(ScheduledPublication, { status: 'pendiente' }, { orderBy: { dueAt: 'asc' }, fields: ['id', 'programId', 'version', 'dueAt', 'scheduledBy'] }),
    ]);
    return {
      programas: programs.map((p) => ({ id: p.id, nombre: p.name, area: p.area, version: p.currentVersion, actualizado: p.updatedAt.toISOString() })),
      borradores: drafts.map((d) => ({ id: d.id, programaId: d.programId, nombre: String(d.definition.name ?? d.programId), version: Number(d.definition.version ?? 1), versionBase: d.baseVersion ?? null, revision: d.revision, actualizadoPor: d.updatedBy, actualizado: d.updatedAt.toISOString() })),
      programadas: scheduled.map((s) => ({ id: s.id, programaId: s.programId, version: s.version, para: s.dueAt.toISOString(), programadaPor: s.scheduledBy })),
    };
  });

  app.post(
    '/disenador/borradores',
    {
      ...planner,
      schema: {
        tags,
        summary: 'Nuevo borrador: desde la plantilla, importando un JSON, como nueva versión o como copia de un programa',
        body: newDraftBody,
      },
    },
    async (request, reply) => {
      const draft = await createDraft(request.em, request.official.usuario, app.clock(), request.body);
      const created: Borrador = { id: draft.id, definicion: draft.definition, revision: draft.revision, ...checkDefinition(app, draft.definition) };
      return reply.status(201).send(created);
    },
  );

  app.get('/disenador/borradores/:id', { ...planner, schema: { tags, summary: 'Un borrador con sus revisiones del motor', params: idParams } }, async (request): Promise<Borrador> => {
    const draft = await findDraft(request.em, request.params.id);
    return { id: draft.id, programaId: draft.programId, versionBase: draft.baseVersion, definicion: draft.definition, revision: draft.revision, actualizadoPor: draft.updatedBy, actualizado: draft.updatedAt.toISOString(), ...checkDefinition(app, draft.definition) };
  });

  app.put(
    '/disenador/borradores/:id',
    { ...planner, schema: { tags, summary: 'Autoguardado (con la revisión que se editó)', params: idParams, body: saveDraftBody } },
    async (request): Promise<Guardado> => {
      const { id } = request.params;
      const body = request.body;
      await findDraft(request.em, id);
      const draft = await saveDraft(request.em, id, request.official.usuario, app.clock(), body.definicion, body.revision);
      return { id: draft.id, revision: draft.revision, actualizado: draft.updatedAt.toISOString(), ...checkDefinition(app, draft.definition) };
    },
  );

  app.delete('/disenador/borradores/:id', { ...planner, schema: { tags, summary: 'Descarta un borrador', params: idParams } }, async (request, reply) => {
    const draft = await findDraft(request.em, request.params.id);
    await request.em.nativeDelete(ProgramDraft, { id: draft.id });
    return reply.status(204).send();
  });

  app.post('/disenador/revisar', { ...planner, schema: { tags, summary: 'Revisa una definición sin guardarla (errores por elemento y casos de prueba)', body: definitionBody } }, async (request): Promise<Revision> => checkDefinition(app, request.body));

  app.post(
    '/disenador/vista-previa',
    {
      ...planner,
      schema: {
        tags,
        summary: 'Evalúa respuestas de muestra con la definición en edición (formulario y requisitos), como lo hará el motor al recibir solicitudes',
        body: previewBody,
      },
    },
    async (request): Promise<VistaPrevia> => {
      const body = request.body;
      return previewAnswers(app, body.definicion, body.respuestas ?? {}, body.curp, body.fecha ? new Date(body.fecha) : app.clock());
    },
  );

  app.get('/disenador/borradores/:id/diferencias', { ...planner, schema: { tags, summary: 'Qué cambia respecto a la versión vigente, y el texto que sigue igual que en la plantilla', params: idParams } }, async (request): Promise<Diferencias> => {
    const draft = await findDraft(request.em, request.params.id);
    return draftDiff(app, request.em, draft);
  });

  app.get('/disenador/borradores/:id/exportar', { ...planner, schema: { tags, summary: 'Descarga la definición en JSON', params: idParams } }, async (request, reply) => {
    const draft = await findDraft(request.em, request.params.id);
    const name = `${draft.programId}-v${String(draft.definition.version ?? 1)}.json`;
    return reply.header('content-disposition', `attachment; filename="${name}"`).type('application/json; charset=utf-8').send(JSON.stringify(draft.definition, null, 2));
  });

  app.post(
    '/disenador/borradores/:id/publicar',
    { ...planner, schema: { tags, summary: 'Publica ahora o programa la publicación', params: idParams, body: publishBody } },
    async (request, reply) => {
      const draft = await findDraft(request.em, request.params.id);
      const { programarPara } = request.body ?? {};
      const now = app.clock();
      if (programarPara) {
        const scheduled = await schedulePublication(app, request.em, draft, actor(request), new Date(programarPara), now);
        return reply.status(202).send({ programada: { id: scheduled.id, programaId: scheduled.programId, version: scheduled.version, para: scheduled.dueAt.toISOString() } });
      }
      const result = await publishDraft(app, request.em, draft, actor(request), now);
      return reply.status(201).send({ programaId: result.programId, version: result.version, nueva: result.created });
    },
  );

  app.delete('/disenador/programadas/:id', { ...planner, schema: { tags, summary: 'Cancela una publicación programada', params: idParams } }, async (request, reply) => {
    const { id } = request.params;
    const cancelled = isUuid(id) ? await request.em.nativeUpdate(ScheduledPublication, { id, status: 'pendiente' }, { status: 'cancelada', doneAt: app.clock() }) : 0;
    if (cancelled === 0) throw new AppError('NOT_FOUND', 'No hay una publicación pendiente con ese identificador.');
    return reply.status(204).send();
  });
}
