import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../api/common.ts';
import { bulkBody, queueQuery, savedFilterBody, type FiltroGuardado, type ProgramaFuncionario, type ResultadosLote, type SolicitudFuncionario } from '../../../api/queue.ts';
import { applyBulk } from './bulk.ts';
import { officialContext, seesPersonalDataIn, type OfficialContext } from './context.ts';
import { officialApplicationView } from './detail.ts';
import { assertPrintableFilters, listQueue } from './queue.service.ts';
import { reportRoutes } from './report.routes.ts';
import { deleteFilter, listFilters, saveFilter } from './saved-filters.ts';

/** The programs in scope with the states and events of their current version (the queue's filter lists). */
function programsView(ctx: OfficialContext): ProgramaFuncionario[] {
  return [...ctx.programs.values()].map((p) => {
    const { workflow } = p.current.definition;
    return {
      id: p.id,
      nombre: p.name,
      area: p.area,
      estados: Object.entries(workflow.states).map(([id, s]) => ({ id, etiqueta: s.label, estado: s.status })),
      eventos: Object.entries(workflow.events).map(([id, e]) => ({ id, etiqueta: e.label })),
      datosPersonales: seesPersonalDataIn(ctx, p.id),
    };
  });
}

/** Work queue, Ver Solicitud, bulk decisions, saved filters and reports (contract: runtime/API-funcionarios.md). */
export async function queueRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  const official = { preHandler: app.requireOfficial() };
  const tags = ['funcionarios'];

  app.get('/funcionario/programas', { ...official, schema: { tags, summary: 'Programas del área del funcionario, con sus etapas y acciones' } }, async (request) =>
    programsView(await officialContext(app, request)),
  );

  app.get('/funcionario/solicitudes', { ...official, schema: { tags, summary: 'Bandeja de solicitudes: filtros, búsqueda, orden y páginas por cursor', querystring: queueQuery } }, async (request) =>
    listQueue(app, await officialContext(app, request), request.query),
  );

  app.post('/funcionario/solicitudes/lote', { ...official, schema: { tags, summary: 'Aplica una acción a varias solicitudes (cada una por separado)', body: bulkBody } }, async (request): Promise<ResultadosLote> => ({
    resultados: await applyBulk(app, await officialContext(app, request), request.body),
  }));

  app.get('/funcionario/solicitudes/:id', { ...official, schema: { tags, summary: 'Ver Solicitud (funcionario)', params: idParams } }, async (request): Promise<SolicitudFuncionario> =>
    officialApplicationView(app, request.em, await officialContext(app, request), request.params.id),
  );

  app.get('/funcionario/filtros', { ...official, schema: { tags, summary: 'Filtros guardados del funcionario' } }, async (request): Promise<FiltroGuardado[]> => listFilters(app, request.subjectId));

  app.post('/funcionario/filtros', { ...official, schema: { tags, summary: 'Guarda un filtro de la bandeja', body: savedFilterBody } }, async (request, reply) => {
    const { nombre, filtros } = request.body;
    assertPrintableFilters(filtros);
    const saved: FiltroGuardado = await saveFilter(app, request.subjectId, nombre, filtros);
    return reply.status(201).send(saved);
  });

  app.delete('/funcionario/filtros/:id', { ...official, schema: { tags, summary: 'Borra un filtro guardado propio', params: idParams } }, async (request, reply) => {
    await deleteFilter(app, request.subjectId, request.params.id);
    return reply.status(204).send();
  });

  reportRoutes(untyped);
}
