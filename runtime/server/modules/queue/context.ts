import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LoadedProgram } from '../../../../engine/index.ts';
import { prepared } from '../../../db/sql.ts';
import { areaScope } from '../officials/scope.ts';

/** Roles that see personal data besides the workflow roles the definitions name (contract: "Roles and areas"). */
const PERSONAL_DATA_ROLES = ['administrador', 'atencion-ciudadana'];

/** A program in the official's scope with every published version (applications stay on theirs). */
export interface ScopedProgram {
  id: string;
  name: string;
  area: string;
  current: LoadedProgram;
  versions: Map<number, LoadedProgram>;
}

/** What the official's side needs to answer one request: who asks, what they may see, and how. */
export interface OfficialContext {
  officialId: string;
  roles: string[];
  programs: Map<string, ScopedProgram>;
  /** Whether CURP, names, phone, answers and documents are shown (otherwise masked or left out). */
  personal: boolean;
}

/** Every role a transition of these programs names, except the citizen's. */
export function workflowRoles(programs: Iterable<ScopedProgram>): Set<string> {
  const roles = new Set<string>();
  for (const program of programs) {
    for (const version of program.versions.values()) {
      for (const state of Object.values(version.definition.workflow.states)) {
        for (const transition of Object.values(state.on ?? {})) for (const role of transition.roles) roles.add(role);
      }
    }
  }
  roles.delete('ciudadano');
  return roles;
}

export function seesPersonalData(roles: readonly string[], programs: Iterable<ScopedProgram>): boolean {
  if (roles.some((r) => PERSONAL_DATA_ROLES.includes(r))) return true;
  const named = workflowRoles(programs);
  return roles.some((r) => named.has(r));
}

/** `HERG880101MQTRMS01` → `HERG88**********01`: enough to tell people apart in a list, not to identify them. */
export function maskCurp(curp: string): string {
  return curp.length === 18 ? `${curp.slice(0, 6)}**********${curp.slice(16)}` : '*'.repeat(curp.length);
}

/**
 * The programs of the areas in scope (scope.ts decides the areas) with their published versions,
 * in one round trip: every request of the official's side starts here.
 */
const PROGRAMS_WITH_VERSIONS = prepared(
  'alcance-programas-versiones',
  `select p.id, p.name, p.area, p.current_version, array_agg(v.version order by v.version) as versions
     from program p join program_version v on v.program_id = p.id
    where p.area = any($1::text[])
    group by p.id, p.name, p.area, p.current_version
    order by p.name, p.id`,
);

async function compiled(app: FastifyInstance, request: FastifyRequest, id: string, version: number): Promise<LoadedProgram | null> {
  // Compiled once per process (ProgramCache); only a version never seen before reads its row.
  return app.programs.cached(id, version) ?? (await app.programs.get(request.em, id, version));
}

/** The programs the logged-in official may see (their area and below), with their versions. */
export async function officialContext(app: FastifyInstance, request: FastifyRequest): Promise<OfficialContext> {
  const official = request.official;
  const areas = await areaScope(app, official.area);
  const { rows } = await app.db.sql.query<{ id: string; name: string; area: string; current_version: number; versions: number[] }>(PROGRAMS_WITH_VERSIONS, [areas]);
  const programs = new Map<string, ScopedProgram>();
  for (const row of rows) {
    const versions = new Map<number, LoadedProgram>();
    for (const version of row.versions) {
      const program = await compiled(app, request, row.id, version);
      if (program) versions.set(version, program);
    }
    const current = versions.get(row.current_version);
    if (current) programs.set(row.id, { id: row.id, name: row.name, area: row.area, current, versions });
  }
  return { officialId: official.id, roles: [...official.roles], programs, personal: seesPersonalData(official.roles, programs.values()) };
}

/** The version an application was made with (the current one if it is somehow missing). */
export function versionOf(program: ScopedProgram, version: number): LoadedProgram {
  return program.versions.get(version) ?? program.current;
}

/** The workflow states of a program, across its versions, whose status is `estado` (all when absent). */
export function statesWithStatus(program: ScopedProgram, estado?: string): string[] {
  const states = new Set<string>();
  for (const version of program.versions.values()) {
    for (const [id, state] of Object.entries(version.definition.workflow.states)) if (estado === undefined || state.status === estado) states.add(id);
  }
  return [...states].sort();
}
