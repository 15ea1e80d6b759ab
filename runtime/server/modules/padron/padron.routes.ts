import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_ATENCION, ROLE_PADRON } from '../../../../engine/vocabulary.ts';
import { idParams } from '../../../api/common.ts';
import {
  catalogProgramBody,
  confrontaQuery,
  crossingQuery,
  curpParams,
  exportQuery,
  manySupportsQuery,
  mappingBody,
  rejectedQuery,
  uploadQuery,
  type ApoyoEnPadron,
  type Confronta,
  type FiltroConfronta,
  type Lote,
  type PersonaCruzada,
  type ProgramaDelCatalogo,
  type VistaPrevia,
} from '../../../api/padron.ts';
import { AppError } from '../../errors.ts';
import { assertAgency, padronActor, type PadronActor } from './access.ts';
import { cancelBatch, findBatch, mapColumns, MAX_ROLL_BYTES, receiveRoll, rememberedMapping, sampleRows, startCommit, startUndo } from './batches.ts';
import { addCatalogProgram, catalogProgram, catalogPrograms } from './catalog.ts';
import { confrontaMatrix, everyoneInBoth, peopleInBoth, peopleWithManySupports, type ConfrontaFilter } from './confronta.ts';
import { duplicatesRoutes } from './duplicates.routes.ts';
import { pubExport, streamLines, transparencyExport } from './exports.ts';
import { municipioNames } from '../../../definitions/municipios.ts';
import { enqueueBatchStep, padronDeps, registerPadronJobs } from './jobs.ts';
import { historyOfCurp } from './registry.ts';
import { writeRejected } from './rejected-file.ts';
import { batchView, refusedRows, sampleOutcomes } from './views.ts';

const tags = ['Padrón'];
const filterOf = (q: FiltroConfronta): ConfrontaFilter => ({ desde: q.desde ?? null, hasta: q.hasta ?? null, municipio: q.municipio ?? null });

/** Padrón Estatal: catalog, Carga masiva, Confronta and a person's history (contract: runtime/API-funcionarios.md). */
export async function padronRoutes(untyped: FastifyInstance): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  await app.register(multipart, { limits: { fileSize: MAX_ROLL_BYTES, files: 1, fields: 2, parts: 3 } });
  const deps = padronDeps(app);
  registerPadronJobs(app);
  await app.register(duplicatesRoutes, { deps });
  const padron = { preHandler: app.requireOfficial([ROLE_PADRON]) };
  const actorOf = (request: FastifyRequest) => padronActor(app, request.official);
  const download = (reply: FastifyReply, name: string) => reply.header('cache-control', 'private, no-store').header('content-disposition', `attachment; filename="${name}"`).type('text/csv; charset=utf-8');

  async function batchFor(actor: PadronActor, id: string) {
    const batch = await findBatch(app.db.sql, id).catch(() => null);
    if (!batch || (actor.agency !== null && actor.agency !== batch.dependencia)) throw new AppError('BATCH_NOT_FOUND');
    return batch;
  }
  /** A batch for the screen; while its columns are being assigned, with the first rows and whether the mapping was remembered. */
  async function view(actor: PadronActor, id: string): Promise<Lote> {
    const batch = await batchFor(actor, id);
    const name = (await catalogProgram(app.db.sql, batch.programa))?.nombre ?? batch.programa;
    if (batch.estado !== 'recibido') return batchView(batch, name, app.clock());
    const remembered = await rememberedMapping(app.db.sql, batch.dependencia, batch.programa, batch.encabezados);
    return batchView(batch, name, app.clock(), { muestra: await sampleRows(batch), mapeoRecordado: remembered !== null });
  }

  app.get('/funcionario/padron/programas', { ...padron, schema: { tags, summary: 'Catálogo de programas sociales del estado (los de tu dependencia, o todos en Planeación)' } }, async (request): Promise<ProgramaDelCatalogo[]> =>
    catalogPrograms(app.db.sql, (await actorOf(request)).agency),
  );
  app.post('/funcionario/padron/programas', { ...padron, schema: { tags, summary: 'Agregar un programa de otra dependencia al catálogo', body: catalogProgramBody } }, async (request, reply): Promise<ProgramaDelCatalogo> => {
    const actor = await actorOf(request);
    assertAgency(actor, request.body.dependencia);
    reply.code(201);
    return addCatalogProgram(app.db.sql, { ...request.body, clavePub: request.body.clavePub ?? null }, actor.id, app.clock());
  });

  app.get('/funcionario/padron/lotes', { ...padron, schema: { tags, summary: 'Cargas de padrones, las más recientes primero' } }, async (request): Promise<Lote[]> => {
    const actor = await actorOf(request);
    const { rows } = await app.db.sql.query<{ id: string }>('select id from padron_lote where $1::text is null or dependencia = $1 order by created_at desc limit 100', [actor.agency]);
    return Promise.all(rows.map((r) => view(actor, r.id)));
  });

  app.post('/funcionario/padron/lotes', { ...padron, schema: { tags, summary: 'Subir un padrón (CSV o Excel .xlsx, campo «archivo»)', querystring: uploadQuery } }, async (request, reply): Promise<Lote> => {
    const actor = await actorOf(request);
    const program = await catalogProgram(app.db.sql, request.query.programa);
    if (!program) throw new AppError('CATALOG_PROGRAM_UNKNOWN', `El programa «${request.query.programa}» no está en el catálogo; agrégalo primero.`);
    assertAgency(actor, program.dependencia);
    if (!request.isMultipart()) throw new AppError('FILE_MISSING', 'Envía el archivo como formulario multipart en el campo «archivo».');
    const file = await request.file();
    if (!file) throw new AppError('FILE_MISSING');
    const received = await receiveRoll(deps, { dependencia: program.dependencia, programa: program.clave, archivo: file.filename || 'padron', content: file.file, actorId: actor.id });
    reply.code(201);
    return view(actor, received.id);
  });

  app.get('/funcionario/padron/lotes/:id', { ...padron, schema: { tags, summary: 'Una carga: estado, progreso y conteos', params: idParams } }, async (request): Promise<Lote> => view(await actorOf(request), request.params.id));

  app.get('/funcionario/padron/lotes/:id/vista-previa', { ...padron, schema: { tags, summary: 'Filas de muestra rechazadas y aceptadas, con sus motivos', params: idParams } }, async (request): Promise<VistaPrevia> => {
    const batch = await batchFor(await actorOf(request), request.params.id);
    return sampleOutcomes(app.db.sql, batch.id);
  });

  app.put('/funcionario/padron/lotes/:id/mapeo', { ...padron, schema: { tags, summary: 'Asignar columnas y revisar las filas', params: idParams, body: mappingBody } }, async (request): Promise<Lote> => {
    const actor = await actorOf(request);
    await batchFor(actor, request.params.id);
    await mapColumns(deps, request.params.id, request.body.mapeo, actor.id);
    await enqueueBatchStep(app, request.params.id);
    return view(actor, request.params.id);
  });

  const step = (path: string, summary: string, action: (id: string, actorId: string) => Promise<unknown>) =>
    app.post(`/funcionario/padron/lotes/:id/${path}`, { ...padron, schema: { tags, summary, params: idParams } }, async (request): Promise<Lote> => {
      const actor = await actorOf(request);
      await batchFor(actor, request.params.id);
      await action(request.params.id, actor.id);
      await enqueueBatchStep(app, request.params.id);
      return view(actor, request.params.id);
    });
  step('cargar', 'Cargar al padrón las filas aceptadas', (id, actorId) => startCommit(deps, id, actorId));
  step('cancelar', 'Cancelar la carga (lo ya cargado se retira)', (id, actorId) => cancelBatch(deps, id, actorId));
  step('deshacer', 'Deshacer una carga terminada', (id, actorId) => startUndo(deps, id, actorId));

  app.get('/funcionario/padron/lotes/:id/rechazadas', { ...padron, schema: { tags, summary: 'Descargar las filas rechazadas con su motivo (CSV o Excel)', params: idParams, querystring: rejectedQuery } }, async (request, reply) => {
    const batch = await batchFor(await actorOf(request), request.params.id);
    const formato = request.query.formato === 'xlsx' ? 'xlsx' : 'csv';
    const out = new PassThrough();
    void writeRejected(formato, batch.encabezados, refusedRows(app.db.sql, batch.id), out).catch((error: unknown) => out.destroy(error as Error));
    const name = `rechazadas-${batch.archivo.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_')}.${formato}`;
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${name}"`)
      .type(formato === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(out);
  });

  app.get('/funcionario/padron/confronta', { ...padron, schema: { tags, summary: 'Personas que reciben apoyo de dos programas, por par de programas', querystring: confrontaQuery } }, async (request): Promise<Confronta> =>
    confrontaMatrix(app.db.sql, filterOf(request.query)),
  );
  app.get('/funcionario/padron/confronta/personas', { ...padron, schema: { tags, summary: 'Las personas de una celda de la confronta', querystring: crossingQuery } }, async (request): Promise<PersonaCruzada[]> =>
    peopleInBoth(app.db.sql, filterOf(request.query), request.query.a, request.query.b, { limit: 100, offset: ((request.query.pagina ?? 1) - 1) * 100 }),
  );
  app.get('/funcionario/padron/confronta/personas.csv', { ...padron, schema: { tags, summary: 'Descargar las personas de una celda de la confronta (CSV)', querystring: crossingQuery } }, async (request, reply) => {
    const { a, b } = request.query;
    const rows = everyoneInBoth(app.db.sql, filterOf(request.query), a, b);
    return download(reply, `confronta-${a}-${b}.csv`).send(streamLines(['Nombre', 'CURP', 'Municipio', 'Apoyos'], rows, (p) => [p.nombre, p.curp, p.municipioNombre ?? p.municipio ?? '', String(p.apoyos)]));
  });
  app.get('/funcionario/padron/confronta/varios-apoyos', { ...padron, schema: { tags, summary: 'Personas con más de N apoyos en el periodo', querystring: manySupportsQuery } }, async (request): Promise<PersonaCruzada[]> =>
    peopleWithManySupports(app.db.sql, filterOf(request.query), request.query.masDe ?? 2, 200),
  );

  app.get('/funcionario/padron/exportar/pub.csv', { ...padron, schema: { tags, summary: 'Padrón en el formato federal del PUB (SIIPP-G, archivo de personas)', querystring: exportQuery } }, async (request, reply) => {
    const actor = await actorOf(request);
    const { programa = null, desde = null, hasta = null } = request.query;
    return download(reply, 'padron-pub.csv').send(pubExport(app.db.sql, { agency: actor.agency, programa, desde, hasta }));
  });
  app.get('/funcionario/padron/exportar/transparencia.csv', { ...padron, schema: { tags, summary: 'Lista pública de beneficiarios (programa, nombre, municipio, monto, fecha)', querystring: exportQuery } }, async (request, reply) => {
    const actor = await actorOf(request);
    const { programa = null, desde = null, hasta = null } = request.query;
    const names = municipioNames();
    return download(reply, 'beneficiarios-transparencia.csv').send(transparencyExport(app.db.sql, { agency: actor.agency, programa, desde, hasta }, (clave) => names.get(clave)));
  });

  app.get('/funcionario/padron/personas/:curp', { preHandler: app.requireOfficial([ROLE_PADRON, ROLE_ATENCION]), schema: { tags, summary: 'Historial de apoyos de una persona en todos los programas', params: curpParams } }, async (request): Promise<ApoyoEnPadron[]> =>
    historyOfCurp(app.db.sql, request.params.curp),
  );
}
