import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LoadedProgram } from '../../../../engine/index.ts';
import { prepared } from '../../../db/sql.ts';
import { areaScope, seesPersonalData } from '../officials/index.ts';

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
  /**
   * The programs whose applications' CURP, names, phone, answers, documents and delivery place
   * the official sees (the personal-data rule, officials/personal-data.ts); in the others they
   * are masked or left out.
   */
  personalPrograms: ReadonlySet<string>;
}

/** Whether the official sees the personal data of this program's applications. */
export function seesPersonalDataIn(ctx: OfficialContext, programId: string): boolean {
  return ctx.personalPrograms.has(programId);
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
  const personalPrograms = new Set([...programs.values()].filter((p) => seesPersonalData(official.roles, p.versions.values())).map((p) => p.id));
  return { officialId: official.id, roles: [...official.roles], programs, personalPrograms };
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
