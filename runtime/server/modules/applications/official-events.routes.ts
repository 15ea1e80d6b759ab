import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { officialEventBody, type EstadoTrasEvento } from '../../../api/applications.ts';
import { idParams } from '../../../api/common.ts';
import { Application } from '../../../db/entities.ts';
import { programInScope } from '../officials/index.ts';
import { AppError } from '../../errors.ts';
import { programVersion } from '../programs/index.ts';
import { applyEvent } from './transitions.ts';
import { isUuid } from './views.ts';
import { assertFlaggable } from './flags.ts';

/**
 * An official sends a workflow event to an application of their area, acting with the first of
 * their roles that the transition allows. (The queue, reports and the rest of the official's
 * side come with the official journey.)
 */
export async function officialEventsRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  app.post(
    '/funcionario/solicitudes/:id/eventos',
    {
      preHandler: app.requireOfficial(),
      schema: {
        tags: ['funcionarios'],
        summary: 'Aplica una acción del flujo (aprobar, solicitar corrección, …) a una solicitud',
        params: idParams,
        body: officialEventBody,
      },
    },
    async (request): Promise<EstadoTrasEvento> => {
      const { id } = request.params;
      const body = request.body;
      const application = isUuid(id) ? await request.em.findOne(Application, { id, folio: { $ne: null } }) : null;
      if (!application || !(await programInScope(app, request.official.area, application.programId))) throw new AppError('APPLICATION_NOT_FOUND');
      const loaded = await programVersion(app, request.em, application.programId, application.programVersion);
      assertFlaggable(loaded, application.answers as Record<string, unknown>, body.campos ?? []);
      const transition = loaded.definition.workflow.states[application.state ?? '']?.on?.[body.evento];
      const role = request.official.roles.find((r) => transition?.roles.includes(r)) ?? request.official.roles[0];
      const result = await applyEvent(app, {
        applicationId: id,
        event: body.evento,
        actor: { type: 'funcionario', id: request.official.id, role },
        comment: body.comentario,
        flags: { fields: body.campos ?? [], documents: body.documentos ?? [] },
      });
      return { estado: result.status, etapa: result.stateLabel };
    },
  );
}
