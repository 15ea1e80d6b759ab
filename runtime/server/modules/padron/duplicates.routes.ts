import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { ROLE_PADRON_REVISOR } from '../../../../engine/vocabulary.ts';
import { curpParams, duplicatesQuery, uuidParams, type BusquedaDuplicados, type ExpedientePersona, type ListaDuplicados, type PersonaDelPadron, type ResultadoFusion } from '../../../api/padron.ts';
import { municipioNames } from '../../../definitions/municipios.ts';
import { AppError } from '../../errors.ts';
import type { PadronDeps } from './deps.ts';
import { enqueueSearch } from './jobs.ts';
import { latestSearch, startSearch } from './registry-search.ts';
import { listPairs, markDistinct, mergePair, mergesOf, pairOptions, personByCurp, splitMerge, type PersonSide } from './duplicates.ts';
import { historyOfCurp } from './registry.ts';

const tags = ['Padrón: posibles duplicados'];
const named = (p: PersonSide): PersonaDelPadron => ({ ...p, municipio: p.cveMun ? (municipioNames().get(p.cveMun) ?? null) : null });

/** «Posibles duplicados» for role padron-revisor: the queue, its two decisions, a person's record and «Separar». */
export async function duplicatesRoutes(untyped: FastifyInstance, options: { deps: PadronDeps }): Promise<void> {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  const { deps } = options;
  const revisor = { preHandler: app.requireOfficial([ROLE_PADRON_REVISOR]) };

  app.get('/funcionario/padron/duplicados', { ...revisor, schema: { tags, summary: 'Pares de personas que pueden ser la misma, los más probables primero', querystring: duplicatesQuery } }, async (request): Promise<ListaDuplicados> => {
    const q = request.query;
    const filter = { origen: q.origen ?? null, programa: q.programa ?? null, municipio: q.municipio ?? null };
    const [{ pares, total }, opciones, busqueda] = await Promise.all([listPairs(app.db.sql, filter, q.estado ?? 'pendiente'), pairOptions(app.db.sql), latestSearch(app.db.sql)]);
    const names = new Map(opciones.origenes.map((o) => [o.id, o.nombre]));
    const municipios = opciones.municipios.map((clave) => ({ clave, nombre: municipioNames().get(clave) ?? clave }));
    return { pares: pares.map((p) => ({ ...p, a: named(p.a), b: named(p.b), origenNombre: names.get(p.origen) ?? p.origen })), total, opciones: { ...opciones, municipios }, busqueda };
  });

  app.post('/funcionario/padron/duplicados/busquedas', { ...revisor, schema: { tags, summary: 'Buscar duplicados en todo el padrón (en segundo plano; una búsqueda a la vez)' } }, async (request, reply): Promise<BusquedaDuplicados> => {
    const { search, started } = await startSearch(deps, request.official.id);
    if (started) await enqueueSearch(app, search.id);
    return reply.code(202).send(search);
  });

  app.post('/funcionario/padron/duplicados/:id/misma', { ...revisor, schema: { tags, summary: 'Es la misma persona: fusionar (se puede separar después)', params: uuidParams } }, async (request): Promise<ResultadoFusion> => {
    const merged = await mergePair(deps, request.params.id, request.official.id);
    const { rows } = await app.db.sql.query<{ curp: string }>('select curp from persona where id = $1', [merged.persona]);
    const persona = await personByCurp(app.db.sql, rows[0].curp);
    return { fusion: merged.fusion, persona: named(persona!) };
  });

  app.post('/funcionario/padron/duplicados/:id/distintas', { ...revisor, schema: { tags, summary: 'Son personas distintas: no se vuelve a proponer el par', params: uuidParams } }, async (request, reply) => {
    await markDistinct(deps, request.params.id, request.official.id);
    return reply.code(204).send();
  });

  app.get('/funcionario/padron/expedientes/:curp', { ...revisor, schema: { tags, summary: 'El expediente de una persona: sus CURP, sus apoyos y sus fusiones', params: curpParams } }, async (request): Promise<ExpedientePersona> => {
    const persona = await personByCurp(app.db.sql, request.params.curp);
    if (!persona) throw new AppError('NOT_FOUND', 'Esa CURP no está en el Padrón Estatal.');
    const [apoyos, fusiones] = await Promise.all([historyOfCurp(app.db.sql, request.params.curp), mergesOf(app.db.sql, persona.id)]);
    return { persona: named(persona), apoyos, fusiones };
  });

  app.post('/funcionario/padron/fusiones/:id/separar', { ...revisor, schema: { tags, summary: 'Separar una fusión: cada persona recupera sus CURP y sus apoyos', params: uuidParams } }, async (request) => {
    return splitMerge(deps, request.params.id, request.official.id);
  });
}
