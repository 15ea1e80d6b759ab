import type { SqlClient } from '../../../db/sql.ts';
import { ROLE_ADMIN } from '../accounts/accounts.service.ts';

export { ROLE_ADMIN };
/** Sees the queue, dashboard and reports of their area, without personal data unless another role grants it. */
export const ROLE_FUNCIONARIO = 'funcionario';
/** Consulta ciudadana and Ventanilla: looks citizens up by CURP, fixes their contact data, applies on their behalf. */
export const ROLE_ATENCION = 'atencion-ciudadana';
/** Designs program definitions (issue 5). */
export const ROLE_PLANEACION = 'planeacion';

/** The roles SIPROS itself defines; workflow roles (revisor, dictaminador, …) come from the program definitions. */
export const SYSTEM_ROLES = [ROLE_ADMIN, ROLE_FUNCIONARIO, ROLE_ATENCION, ROLE_PLANEACION] as const;

/** The workflow role of the applicant's own events (REENVIAR): a citizen, never an official. */
const CITIZEN_WORKFLOW_ROLE = 'ciudadano';

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
