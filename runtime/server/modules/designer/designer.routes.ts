import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Program, ProgramDraft, ScheduledPublication } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { isUuid } from '../applications/index.ts';
import { ROLE_ADMIN, ROLE_PLANEACION } from '../admin/index.ts';
import { listAreas } from '../admin/index.ts';
import { checkDefinition, previewAnswers, createDraft, draftDiff, findDraft, publishDraft, registerScheduledPublications, saveDraft, schedulePublication } from './designer.service.ts';


const definitionBody = { type: 'object', additionalProperties: true, maxProperties: 100 } as const;
/** The largest revision a save may name: the column is a PostgreSQL integer and the save stores revision + 1. */
const MAX_REVISION = 2_147_483_646;
const tags = ['diseñador'];

function actor(request: FastifyRequest) {
  return { id: request.official.id, usuario: request.official.usuario };
}

/**
 * The designer's API (issue 5): working copies with autosave, engine checks placed by element,
 * test tables, a readable diff against the version in force, publication now or scheduled,
 * import and export. The checks also run in the browser (same engine); the server repeats them.
 */
export async function designerRoutes(app: FastifyInstance): Promise<void> {
  // The planning office (DPE) builds programs; administrators may too.
  registerScheduledPublications(app);
  const planner = { preHandler: app.requireOfficial([ROLE_PLANEACION, ROLE_ADMIN]) };

  app.get('/disenador/biblioteca', { ...planner, schema: { tags, summary: 'Bloques CUIS, conjuntos de reglas y el árbol de áreas, para revisar y llenar definiciones en el navegador' } }, async (request) => ({
    fragmentos: app.library.fragments,
    conjuntosDeReglas: app.library.ruleSets,
    municipios: [...app.library.municipios],
    // Every area may run a program, whichever area the planner belongs to.
    areas: await listAreas(request.em, null),
  }));

  app.get('/disenador/programas', { ...planner, schema: { tags, summary: 'Programas publicados, borradores y publicaciones programadas' } }, async (request) => {
    const [programs, drafts, scheduled] = await Promise.all([
      request.em.find(Program, {}, { orderBy: { name: 'asc' } }),
      request.em.find(ProgramDraft, {}, { orderBy: { updatedAt: 'desc' }, fields: ['id', 'programId', 'baseVersion', 'revision', 'updatedBy', 'updatedAt', 'definition'] }),
      request.em.find(ScheduledPublication, { status: 'pendiente' }, { orderBy: { dueAt: 'asc' }, fields: ['id', 'programId', 'version', 'dueAt', 'scheduledBy'] }),
    ]);
    return {
      programas: programs.map((p) => ({ id: p.id, nombre: p.name, area: p.area, version: p.currentVersion, actualizado: p.updatedAt.toISOString() })),
      borradores: drafts.map((d) => ({ id: d.id, programaId: d.programId, nombre: String(d.definition.name ?? d.programId), version: Number(d.definition.version ?? 1), versionBase: d.baseVersion, revision: d.revision, actualizadoPor: d.updatedBy, actualizado: d.updatedAt.toISOString() })),
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
        body: { type: 'object', additionalProperties: false, properties: { desde: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }, como: { type: 'string', enum: ['nueva-version', 'copia'] }, definicion: definitionBody } },
      },
    },
    async (request, reply) => {
      const draft = await createDraft(request.em, request.official.usuario, app.clock(), request.body as { desde?: string; como?: 'nueva-version' | 'copia'; definicion?: Record<string, unknown> });
      return reply.status(201).send({ id: draft.id, definicion: draft.definition, revision: draft.revision, ...checkDefinition(app, draft.definition) });
    },
  );

  app.get('/disenador/borradores/:id', { ...planner, schema: { tags, summary: 'Un borrador con sus revisiones del motor' } }, async (request) => {
    const draft = await findDraft(request.em, (request.params as { id: string }).id);
    return { id: draft.id, programaId: draft.programId, versionBase: draft.baseVersion, definicion: draft.definition, revision: draft.revision, actualizadoPor: draft.updatedBy, actualizado: draft.updatedAt.toISOString(), ...checkDefinition(app, draft.definition) };
  });

  app.put(
    '/disenador/borradores/:id',
    { ...planner, schema: { tags, summary: 'Autoguardado (con la revisión que se editó)', body: { type: 'object', required: ['definicion', 'revision'], additionalProperties: false, properties: { definicion: definitionBody, revision: { type: 'integer', minimum: 1, maximum: MAX_REVISION } } } } },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as { definicion: Record<string, unknown>; revision: number };
      await findDraft(request.em, id);
      const draft = await saveDraft(request.em, id, request.official.usuario, app.clock(), body.definicion, body.revision);
      return { id: draft.id, revision: draft.revision, actualizado: draft.updatedAt.toISOString(), ...checkDefinition(app, draft.definition) };
    },
  );

  app.delete('/disenador/borradores/:id', { ...planner, schema: { tags, summary: 'Descarta un borrador' } }, async (request, reply) => {
    const draft = await findDraft(request.em, (request.params as { id: string }).id);
    await request.em.nativeDelete(ProgramDraft, { id: draft.id });
    return reply.status(204).send();
  });

  app.post('/disenador/revisar', { ...planner, schema: { tags, summary: 'Revisa una definición sin guardarla (errores por elemento y casos de prueba)', body: definitionBody } }, async (request) => checkDefinition(app, request.body));

  app.post(
    '/disenador/vista-previa',
    {
      ...planner,
      schema: {
        tags,
        summary: 'Evalúa respuestas de muestra con la definición en edición (formulario y requisitos), como lo hará el motor al recibir solicitudes',
        body: { type: 'object', required: ['definicion'], additionalProperties: false, properties: { definicion: definitionBody, respuestas: { type: 'object' }, curp: { type: 'string', maxLength: 18 }, fecha: { type: 'string', format: 'date-time' } } },
      },
    },
    async (request) => {
      const body = request.body as { definicion: Record<string, unknown>; respuestas?: Record<string, unknown>; curp?: string; fecha?: string };
      return previewAnswers(app, body.definicion, body.respuestas ?? {}, body.curp, body.fecha ? new Date(body.fecha) : app.clock());
    },
  );

  app.get('/disenador/borradores/:id/diferencias', { ...planner, schema: { tags, summary: 'Qué cambia respecto a la versión vigente, y el texto que sigue igual que en la plantilla' } }, async (request) => {
    const draft = await findDraft(request.em, (request.params as { id: string }).id);
    return draftDiff(app, request.em, draft);
  });

  app.get('/disenador/borradores/:id/exportar', { ...planner, schema: { tags, summary: 'Descarga la definición en JSON' } }, async (request, reply) => {
    const draft = await findDraft(request.em, (request.params as { id: string }).id);
    const name = `${draft.programId}-v${String(draft.definition.version ?? 1)}.json`;
    return reply.header('content-disposition', `attachment; filename="${name}"`).type('application/json; charset=utf-8').send(JSON.stringify(draft.definition, null, 2));
  });

  app.post(
    '/disenador/borradores/:id/publicar',
    { ...planner, schema: { tags, summary: 'Publica ahora o programa la publicación', body: { type: 'object', additionalProperties: false, properties: { programarPara: { type: 'string', format: 'date-time' } } } } },
    async (request, reply) => {
      const draft = await findDraft(request.em, (request.params as { id: string }).id);
      const { programarPara } = (request.body ?? {}) as { programarPara?: string };
      const now = app.clock();
      if (programarPara) {
        const scheduled = await schedulePublication(app, request.em, draft, actor(request), new Date(programarPara), now);
        return reply.status(202).send({ programada: { id: scheduled.id, programaId: scheduled.programId, version: scheduled.version, para: scheduled.dueAt.toISOString() } });
      }
      const result = await publishDraft(app, request.em, draft, actor(request), now);
      return reply.status(201).send({ programaId: result.programId, version: result.version, nueva: result.created });
    },
  );

  app.delete('/disenador/programadas/:id', { ...planner, schema: { tags, summary: 'Cancela una publicación programada' } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const cancelled = isUuid(id) ? await request.em.nativeUpdate(ScheduledPublication, { id, status: 'pendiente' }, { status: 'cancelada', doneAt: app.clock() }) : 0;
    if (cancelled === 0) throw new AppError('NOT_FOUND', 'No hay una publicación pendiente con ese identificador.');
    return reply.status(204).send();
  });
}
