import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import { callWindowStatus, type LoadedProgram } from '../../../../engine/index.ts';
import { Program } from '../../../db/entities.ts';
import { DEFINITIONS_DIR, readJsonFile } from '../../../definitions/library.ts';
import { AppError } from '../../errors.ts';
import { localidadNombre } from './localidad.ts';

/** Statuses that use up a place of the call's quota. */
export const QUOTA_STATUSES = ['Aprobada', 'Entregado'];

/**
 * The applications that use up a place, as a condition written out (not a parameter): PostgreSQL
 * then reads them from their partial index (application_cupo_idx), which holds only these.
 */
export const QUOTA_CONDITION = `status in (${QUOTA_STATUSES.map((s) => `'${s}'`).join(', ')})`;

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

/** Which quota an approval would exceed, if any. */
export type QuotaCheck =
  | { ok: true }
  | { ok: false; quota: 'total'; limit: number }
  | { ok: false; quota: 'municipio'; limit: number; municipio: string }
  | { ok: false; quota: 'localidad'; limit: number; localidad: string };

/** Where the applicant lives, as the application row keeps it: the claves its quotas count by. */
export interface QuotaPlace {
  municipio: string | null;
  localidad: string | null;
}

/**
 * Counts the places taken (approved or delivered) in the program's call, in total and in the
 * applicant's municipio and localidad when they have their own quota, and says which quota is full.
 * On its own this is only a snapshot: a decision that uses up a place must hold lockProgramQuota first.
 */
export async function checkQuota(em: EntityManager, program: LoadedProgram, place: QuotaPlace): Promise<QuotaCheck> {
  const quotas = program.definition.convocatoria.quotas;
  if (!quotas) return { ok: true };
  const { municipio, localidad } = place;
  const local = municipio ? quotas.byMunicipio?.[municipio] : undefined;
  const inLocalidad = localidad ? quotas.byLocalidad?.[localidad] : undefined;
  if (quotas.total === undefined && local === undefined && inLocalidad === undefined) return { ok: true };
  // One statement for every count: under a program-wide lock every millisecond is paid by the queue behind it.
  const [row] = await (em as SqlEntityManager).execute<Array<{ total: string | number; local: string | number; en_localidad: string | number }>>(
    `select count(*) as total, count(*) filter (where municipio = ?) as local, count(*) filter (where localidad = ?) as en_localidad
       from application where program_id = ? and ${QUOTA_CONDITION}`,
    [municipio, localidad, program.definition.id],
  );
  if (quotas.total !== undefined && Number(row.total) >= quotas.total) return { ok: false, quota: 'total', limit: quotas.total };
  if (local !== undefined && municipio && Number(row.local) >= local) return { ok: false, quota: 'municipio', limit: local, municipio };
  if (inLocalidad !== undefined && localidad && Number(row.en_localidad) >= inLocalidad) return { ok: false, quota: 'localidad', limit: inLocalidad, localidad };
  return { ok: true };
}

/** Whether the call still has places: total, and for the applicant's municipio and localidad when they have their own quota. */
export async function quotaAvailable(em: EntityManager, program: LoadedProgram, place: QuotaPlace): Promise<boolean> {
  return (await checkQuota(em, program, place)).ok;
}

/**
 * Serialises, until the caller's transaction ends, every decision that uses up a place of this
 * program's call, across all API processes: without it two approvals could each count the last
 * free place and both take it. An advisory lock rather than `select … for update` on the
 * program row: new drafts (their foreign key share-locks that row) and publications must never
 * queue behind a busy day of approvals.
 */
export async function lockProgramQuota(em: EntityManager, programId: string): Promise<void> {
  await (em as SqlEntityManager).execute(`select pg_advisory_xact_lock(hashtext('sipros.cupo'), hashtext(?))`, [programId]);
}

let municipioNames: Promise<Map<string, string>> | null = null;

/** The INEGI catalog's name of a municipio clave (the clave itself when unknown). */
export async function municipioName(clave: string): Promise<string> {
  // A missing catalog only costs the name in a message: the clave is still meaningful to officials.
  municipioNames ??= readJsonFile(join(DEFINITIONS_DIR, 'catalogs', 'municipios.json')).then(
    (catalog) => new Map((catalog as Array<{ clave: string; nombre: string }>).map((m) => [m.clave, m.nombre])),
    () => new Map<string, string>(),
  );
  return (await municipioNames).get(clave) ?? clave;
}

/**
 * The Spanish refusal of an approval beyond the call's quota, naming the quota that is full; `em` is
 * the caller's (inside a transaction, its connection) for the localidad's name in the catalog.
 */
export async function quotaFullError(program: LoadedProgram, check: Exclude<QuotaCheck, { ok: true }>, em: EntityManager): Promise<AppError> {
  const name = program.definition.name;
  const places = (n: number) => `${n.toLocaleString('es-MX')} ${n === 1 ? 'lugar' : 'lugares'}`;
  if (check.quota === 'total') {
    return new AppError('QUOTA_FULL', `No se puede aprobar: se agotó el cupo total de la convocatoria de «${name}» (${places(check.limit)}).`, { cupo: 'total', limite: check.limit });
  }
  if (check.quota === 'localidad') {
    const municipio = await municipioName(check.localidad.slice(0, 5));
    const localidad = await localidadNombre(em, check.localidad);
    // A localidad the catalog no longer has is still named by its clave, which officials can look up.
    const where = localidad ? `de ${localidad} (${municipio})` : `con clave ${check.localidad} (${municipio})`;
    return new AppError('QUOTA_FULL', `No se puede aprobar: se agotó el cupo de la localidad ${where} en la convocatoria de «${name}» (${places(check.limit)}).`, {
      cupo: 'localidad',
      localidad: check.localidad,
      localidadNombre: localidad ?? check.localidad,
      municipio: check.localidad.slice(0, 5),
      municipioNombre: municipio,
      limite: check.limit,
    });
  }
  const nombre = await municipioName(check.municipio);
  return new AppError('QUOTA_FULL', `No se puede aprobar: se agotó el cupo del municipio de ${nombre} en la convocatoria de «${name}» (${places(check.limit)}).`, { cupo: 'municipio', municipio: check.municipio, municipioNombre: nombre, limite: check.limit });
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
