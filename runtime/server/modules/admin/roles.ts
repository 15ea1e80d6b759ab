import type { SqlClient } from '../../../db/sql.ts';
import { CITIZEN_WORKFLOW_ROLE, ROLE_ADMIN, ROLE_ATENCION, ROLE_BRIGADISTA, ROLE_FUNCIONARIO, ROLE_PADRON, ROLE_PADRON_REVISOR, ROLE_PLANEACION, ROLE_SUPERVISION_CAMPO } from '../../../../engine/vocabulary.ts';

// The system roles' names live in the platform vocabulary (engine/vocabulary.ts), shared with the web apps.
export { ROLE_ADMIN, ROLE_ATENCION, ROLE_BRIGADISTA, ROLE_FUNCIONARIO, ROLE_PADRON, ROLE_PADRON_REVISOR, ROLE_PLANEACION, ROLE_SUPERVISION_CAMPO };

/** The roles SIPROS itself defines; workflow roles (revisor, dictaminador, …) come from the program definitions. */
export const SYSTEM_ROLES = [ROLE_ADMIN, ROLE_FUNCIONARIO, ROLE_ATENCION, ROLE_PLANEACION, ROLE_PADRON, ROLE_PADRON_REVISOR, ROLE_BRIGADISTA, ROLE_SUPERVISION_CAMPO] as const;


/**
 * Every role named by a transition of any published version (old versions too: applications
 * pinned to them still need officials who may act on them).
 */
const WORKFLOW_ROLES = `
  select distinct r.role
    from program_version pv
    cross join lateral jsonb_each(coalesce(pv.definition->'workflow'->'states', '{}'::jsonb)) s(state, body)
    cross join lateral jsonb_each(coalesce(s.body->'on', '{}'::jsonb)) t(event, transition)
    cross join lateral jsonb_array_elements_text(coalesce(t.transition->'roles', '[]'::jsonb)) r(role)
   order by r.role`;

/** The roles an official may be given: SIPROS's own, then the published workflows' ones, alphabetically. */
export async function validOfficialRoles(sql: SqlClient): Promise<string[]> {
  const workflow = (await sql.query<{ role: string }>(WORKFLOW_ROLES)).rows.map((r) => r.role).filter((r) => r !== CITIZEN_WORKFLOW_ROLE);
  return [...SYSTEM_ROLES, ...workflow.filter((r) => !(SYSTEM_ROLES as readonly string[]).includes(r))];
}
