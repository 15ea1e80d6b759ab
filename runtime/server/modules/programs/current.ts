import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { callWindowStatus, type LoadedProgram } from '../../../../engine/index.ts';
import { Application, Program } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';

/** Statuses that use up a place of the call's quota. */
export const QUOTA_STATUSES = ['Aprobada', 'Entregado'];

/** The current published version of a program, compiled; PROGRAM_NOT_FOUND otherwise. */
export async function currentProgram(app: FastifyInstance, em: EntityManager, programId: string): Promise<LoadedProgram> {
  const row = await em.findOne(Program, { id: programId });
  const program = row ? await app.programs.get(em, programId, row.currentVersion) : null;
  if (!program) throw new AppError('PROGRAM_NOT_FOUND', `No existe el programa «${programId}».`);
  return program;
}

/** A specific version (applications stay on the version they were made with). */
export async function programVersion(app: FastifyInstance, em: EntityManager, programId: string, version: number): Promise<LoadedProgram> {
  const program = await app.programs.get(em, programId, version);
  if (!program) throw new AppError('PROGRAM_NOT_FOUND');
  return program;
}

/** Whether the call still has places: total, and for the applicant's municipio when it has its own quota. */
export async function quotaAvailable(em: EntityManager, program: LoadedProgram, municipio: string | null): Promise<boolean> {
  const quotas = program.definition.convocatoria.quotas;
  if (!quotas) return true;
  const programId = program.definition.id;
  if (quotas.total !== undefined && (await em.count(Application, { programId, status: { $in: QUOTA_STATUSES } })) >= quotas.total) return false;
  const local = municipio ? quotas.byMunicipio?.[municipio] : undefined;
  if (local !== undefined && (await em.count(Application, { programId, municipio, status: { $in: QUOTA_STATUSES } })) >= local) return false;
  return true;
}

/** Refuses when the call is not open now. */
export function assertCallOpen(program: LoadedProgram, now: Date): void {
  const status = callWindowStatus(program, now);
  if (status === 'abierta') return;
  const when = new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Mexico_City' });
  const { opensAt, closesAt } = program.definition.convocatoria;
  throw new AppError(
    'CALL_CLOSED',
    status === 'proxima'
      ? `La convocatoria de «${program.definition.name}» abre el ${when.format(new Date(opensAt))}.`
      : `La convocatoria de «${program.definition.name}» cerró el ${when.format(new Date(closesAt))}.`,
  );
}
