import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { LoadedProgram } from '../../../../engine/index.ts';
import { prepared } from '../../../db/sql.ts';
import { CITIZEN_WORKFLOW_ROLE, ROLE_ADMIN, ROLE_ATENCION } from '../../../../engine/vocabulary.ts';

/**
 * The one rule for personal data on the officials' side (names, CURP, phone, e-mail, answers,
 * documents, delivery place) — the queue, Ver Solicitud, search, reports, delivery and document
 * downloads all ask it:
 *
 *   an official sees the personal data of a program's applications when they hold
 *   `administrador` or `atencion-ciudadana`, or a role that some transition of some published
 *   version of that program names (the people who decide on those applications).
 *
 * Everyone else (a plain `funcionario`, `planeacion`, a workflow role of other programs) gets the
 * CURP masked and the rest left out. Which applications exist for the official at all is the
 * area rule (scope.ts); this rule only narrows what they see of them.
 */
export const PERSONAL_DATA_ROLES: readonly string[] = [ROLE_ADMIN, ROLE_ATENCION];

/** The workflow role of the applicant's own events (REENVIAR): a citizen, never an official. */

/** Every role a transition of these versions names, except the citizen's. */
export function workflowRolesOf(versions: Iterable<LoadedProgram>): Set<string> {
  const roles = new Set<string>();
  for (const version of versions) {
    for (const state of Object.values(version.definition.workflow.states)) {
      for (const transition of Object.values(state.on ?? {})) for (const role of transition.roles) roles.add(role);
    }
  }
  roles.delete(CITIZEN_WORKFLOW_ROLE);
  return roles;
}

/** Whether the roles include one that sees personal data whatever the program (administration, service desk). */
export function holdsPersonalDataRole(roles: readonly string[]): boolean {
  return roles.some((r) => PERSONAL_DATA_ROLES.includes(r));
}

/** The rule itself, for one program given all its published versions (applications stay on theirs). */
export function seesPersonalData(roles: readonly string[], versions: Iterable<LoadedProgram>): boolean {
  if (holdsPersonalDataRole(roles)) return true;
  const named = workflowRolesOf(versions);
  return roles.some((r) => named.has(r));
}

const VERSIONS = prepared(
  'datos-personales-versiones',
  'select program_id, array_agg(version order by version) as versions from program_version where program_id = any($1::text[]) group by program_id',
);

/** Every published version of these programs, compiled (once per process: ProgramCache). */
export async function publishedVersions(app: FastifyInstance, em: EntityManager, programIds: readonly string[]): Promise<Map<string, LoadedProgram[]>> {
  const out = new Map<string, LoadedProgram[]>();
  if (programIds.length === 0) return out;
  const { rows } = await app.db.sql.query<{ program_id: string; versions: number[] }>(VERSIONS, [programIds]);
  for (const row of rows) {
    const versions: LoadedProgram[] = [];
    for (const version of row.versions) {
      const program = app.programs.cached(row.program_id, version) ?? (await app.programs.get(em, row.program_id, version));
      if (program) versions.push(program);
    }
    out.set(row.program_id, versions);
  }
  return out;
}

/** The rule for one program read from the database: for routes that hold one application (documents, delivery). */
export async function seesPersonalDataOf(app: FastifyInstance, em: EntityManager, roles: readonly string[], programId: string): Promise<boolean> {
  if (holdsPersonalDataRole(roles)) return true;
  return seesPersonalData(roles, (await publishedVersions(app, em, [programId])).get(programId) ?? []);
}

/** `HERG880101MQTRMS01` → `HERG88**********01`: enough to tell people apart in a list, not to identify them. */
export function maskCurp(curp: string): string {
  return curp.length === 18 ? `${curp.slice(0, 6)}**********${curp.slice(16)}` : '*'.repeat(curp.length);
}
