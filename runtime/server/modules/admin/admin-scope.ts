import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { Area, type OfficialRow } from '../../../db/entities.ts';
import { prepared } from '../../../db/sql.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import { audit, type Actor } from '../accounts/index.ts';
import { areaScope, programsInScope, publishedVersions, workflowRolesOf } from '../officials/index.ts';
import { ROLE_FUNCIONARIO, SYSTEM_ROLES } from './roles.ts';

/**
 * What an administrator may administer (issue 16). The rule:
 *
 * - Their own subtree only: their area and every area below it — the officials in it (list,
 *   create, change), the areas under it, the roles given in it. Officials elsewhere do not exist
 *   for them (404); areas elsewhere are refused with ADMIN_OUT_OF_SCOPE.
 * - Never their own area or roles (OWN_ACCESS_CHANGE): nobody widens their own reach.
 * - No role they do not hold (ROLE_NOT_GRANTABLE), except the workflow roles of the programs of
 *   their subtree (whoever runs those programs must be able to staff them) and `funcionario`
 *   (it grants nothing every official account does not already have: the queue of its area,
 *   without personal data). Nor may they change someone holding a role they could not grant:
 *   a new password or area would put that role in their hands.
 * - An administrator of a tree's root (the first one, made with `sipros create-admin` on the
 *   dependencia) keeps the whole tree and may grant every role.
 * - A new dependencia starts a new tree: it is added to the area catalog
 *   (definitions/catalogs/areas.json) and gets its first administrator with `sipros create-admin`.
 *
 * The command line (`sipros create-admin`) is not held by any of this: whoever runs it already
 * holds the database. Every refusal is audited (action `admin.rechazo`) with its code.
 */
export interface AdminScope {
  /** The administrator's area and every area below it. */
  areas: ReadonlySet<string>;
  /** Whether their area is the root of its tree. */
  root: boolean;
  /** The roles they may give. */
  grantable: ReadonlySet<string>;
}

const ALL_PROGRAMS = prepared('administracion-programas', 'select id from program');

/** SIPROS's roles first, then the workflow roles alphabetically: the order the role lists use. */
function inListOrder(roles: ReadonlySet<string>): Set<string> {
  const system = (SYSTEM_ROLES as readonly string[]).filter((r) => roles.has(r));
  return new Set([...system, ...[...roles].filter((r) => !system.includes(r)).sort()]);
}

/**
 * The roles the administrator may give, among the valid ones (SIPROS's own and the workflow
 * roles of every published version). Read from the compiled definitions (ProgramCache), not
 * from the stored JSON, so asking on every administration request stays cheap.
 */
async function grantableRoles(app: FastifyInstance, em: EntityManager, official: Pick<OfficialRow, 'area' | 'roles'>, root: boolean): Promise<Set<string>> {
  const everyProgram = (await app.db.sql.query<{ id: string }>(ALL_PROGRAMS)).rows.map((r) => r.id);
  const versions = await publishedVersions(app, em, everyProgram);
  const valid = new Set([...SYSTEM_ROLES, ...workflowRolesOf([...versions.values()].flat())]);
  if (root) return inListOrder(valid);
  const subtreePrograms = new Set((await programsInScope(app, official.area)).map((p) => p.id));
  const subtreeRoles = workflowRolesOf([...versions].filter(([id]) => subtreePrograms.has(id)).flatMap(([, v]) => v));
  const allowed = [...official.roles, ROLE_FUNCIONARIO, ...subtreeRoles].filter((r) => valid.has(r));
  return inListOrder(new Set(allowed));
}

/** The logged-in administrator's reach (their area's subtree, and the roles they may give). */
export async function adminScope(app: FastifyInstance, em: EntityManager, official: Pick<OfficialRow, 'area' | 'roles'>): Promise<AdminScope> {
  const area = await em.findOne(Area, { id: official.area });
  const root = area !== null && area.padreId === null;
  return { areas: new Set(await areaScope(app, official.area)), root, grantable: await grantableRoles(app, em, official, root) };
}

/** What a refusal needs to be told and recorded. */
export interface RefusalContext {
  em: EntityManager;
  now: Date;
  actor: Actor;
}

/**
 * The refusal to throw, once written to the audit log (flushed now: the request ends in an error
 * and nothing else would write it).
 */
export async function refusal(
  ctx: RefusalContext,
  code: ErrorCode,
  message: string | undefined,
  what: { entity: 'official' | 'area'; entityId: string; data?: Record<string, unknown> },
): Promise<AppError> {
  const error = new AppError(code, message);
  audit(ctx.em, ctx.now, { actor: ctx.actor, action: 'admin.rechazo', entity: what.entity, entityId: what.entityId, data: { codigo: code, motivo: error.message, ...what.data } });
  await ctx.em.flush();
  return error;
}

/** The roles of `roles` the administrator may not give (empty for the command line). */
export function notGrantable(scope: AdminScope | null, roles: readonly string[]): string[] {
  return scope ? roles.filter((r) => !scope.grantable.has(r)) : [];
}

/** Whether an area lies outside the administrator's subtree (never for the command line). */
export function outsideScope(scope: AdminScope | null, area: string): boolean {
  return scope !== null && !scope.areas.has(area);
}

/** The areas the list queries are limited to: null (every area) for the command line. */
export function scopeAreas(scope: AdminScope | null): string[] | null {
  return scope ? [...scope.areas] : null;
}
