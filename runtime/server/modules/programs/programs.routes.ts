import type { FastifyInstance } from 'fastify';
import { callWindowStatus, type LoadedProgram } from '../../../../engine/index.ts';
import { Program, ProgramVersion } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { quotaAvailable } from './current.ts';

const summarySchema = {
  type: 'object',
  required: ['id', 'version', 'nombre', 'dependencia', 'area', 'apoyos', 'convocatoria'],
  properties: {
    id: { type: 'string' },
    version: { type: 'integer' },
    nombre: { type: 'string' },
    descripcion: { type: 'string' },
    objetivo: { type: 'string' },
    dependencia: { type: 'string' },
    area: { type: 'string' },
    apoyos: {
      type: 'array',
      items: { type: 'object', required: ['id', 'nombre', 'tipo'], properties: { id: { type: 'string' }, nombre: { type: 'string' }, tipo: { type: 'string' }, monto: { type: 'number' }, descripcion: { type: 'string' } } },
    },
    convocatoria: {
      type: 'object',
      required: ['abre', 'cierra', 'estado'],
      properties: { abre: { type: 'string' }, cierra: { type: 'string' }, estado: { type: 'string', enum: ['proxima', 'abierta', 'cerrada'] }, cupoTotal: { type: 'integer' } },
    },
  },
} as const;

function summary(program: LoadedProgram, now: Date) {
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

/** The current version of every published program, ordered by name. */
async function currentPrograms(app: FastifyInstance, em: import('@mikro-orm/core').EntityManager): Promise<LoadedProgram[]> {
  const programs = await em.find(Program, {}, { orderBy: { name: 'asc' } });
  const versions = await em.find(ProgramVersion, { $or: programs.map((p) => ({ program: p.id, version: p.currentVersion })) });
  const byId = new Map(versions.map((v) => [v.program.id, v]));
  return programs.filter((p) => byId.has(p.id)).map((p) => app.programs.fromRow(byId.get(p.id)!));
}

/** Public program catalog ("Catálogo de programas") and open calls ("Apoyos disponibles"). */
export async function programsRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/programas',
    { schema: { tags: ['programas'], summary: 'Catálogo de programas (versión vigente de cada uno)', response: { 200: { type: 'array', items: summarySchema } } } },
    async (request) => {
      if ((await request.em.count(Program)) === 0) return [];
      return (await currentPrograms(app, request.em)).map((p) => summary(p, app.clock()));
    },
  );

  app.get(
    '/convocatorias/abiertas',
    {
      schema: {
        tags: ['programas'],
        summary: 'Apoyos disponibles: convocatorias abiertas ahora (hora de la Ciudad de México) y con cupo',
        response: { 200: { type: 'array', items: summarySchema } },
      },
    },
    async (request) => {
      if ((await request.em.count(Program)) === 0) return [];
      const now = app.clock();
      const open = (await currentPrograms(app, request.em)).filter((p) => callWindowStatus(p, now) === 'abierta');
      const withPlaces = [];
      for (const p of open) if (await quotaAvailable(request.em, p, null)) withPlaces.push(p);
      return withPlaces.map((p) => summary(p, now));
    },
  );

  app.get(
    '/programas/:id',
    {
      schema: {
        tags: ['programas'],
        summary: 'Definición vigente de un programa: formulario, requisitos y documentos',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const row = await request.em.findOne(Program, { id });
      if (!row) throw new AppError('PROGRAM_NOT_FOUND', `No existe el programa «${id}».`);
      const program = await app.programs.get(request.em, id, row.currentVersion);
      if (!program) throw new AppError('PROGRAM_NOT_FOUND');
      const d = program.definition;
      return {
        ...summary(program, app.clock()),
        formulario: { schema: d.form.schema, uischema: d.form.uischema },
        requisitos: d.eligibility.map((r) => ({ id: r.id, mensaje: r.message })),
        documentos: d.documents.map((doc) => ({ id: doc.id, nombre: doc.label, descripcion: doc.description, tipos: doc.accept, tamanoMaximo: doc.maxBytes, obligatorio: doc.required === true, condicional: doc.requiredIf !== undefined })),
      };
    },
  );
}
