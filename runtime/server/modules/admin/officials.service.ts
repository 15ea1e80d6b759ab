import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { OFFICIAL_STATUSES, USUARIO_PATTERN, type CambioFuncionario, type FuncionarioAdmin, type NuevoFuncionario } from '../../../api/admin.ts';
import { Official, Session, type OfficialRow } from '../../../db/entities.ts';
import type { SqlClient } from '../../../db/sql.ts';
import { AppError } from '../../errors.ts';
import { audit, cleanName, createOfficial, normalizeUsuario, type Actor } from '../accounts/index.ts';
import { assertStrongPassword, hashPassword, spanishList } from '../accounts/index.ts';
import { isUuid } from '../applications/index.ts';
import { notGrantable, outsideScope, refusal, scopeAreas, type AdminScope } from './admin-scope.ts';
import { areaNames, assertAreaExists } from './areas.ts';
import { ROLE_ADMIN, validOfficialRoles } from './roles.ts';

/** What the administration works with: the ORM for rows, plain SQL for the few set queries. */
export interface AdminDeps {
  em: EntityManager;
  sql: SqlClient;
  now: Date;
  actor: Actor;
  /** The administrator's reach (admin-scope.ts); null only for the command line, which holds the database anyway. */
  scope: AdminScope | null;
}

export type OfficialStatus = (typeof OFFICIAL_STATUSES)[number];
export type OfficialInput = NuevoFuncionario;
export type OfficialChanges = CambioFuncionario;

/**
 * «Tipo Usuario» of the seed's list: every SIPROS account keeps its password in SIPROS's own
 * database (no directory service behind it). «Módulo»: the side of SIPROS the account belongs to.
 */
export const TIPO_USUARIO = 'Base de Datos';
export const MODULO_FUNCIONARIO = 'Funcionario';

const USUARIO = new RegExp(USUARIO_PATTERN);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const USUARIO_TEXT = 'El usuario debe tener de 3 a 60 caracteres: letras sin acentos, números, punto, guion o guion bajo, empezando con letra o número.';
export const CORREO_TEXT = 'El correo electrónico no es válido (ejemplo: nombre@queretaro.gob.mx).';

function invalid(field: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path: `body.${field}`, message }], ...extra });
}

export function officialView(o: Pick<OfficialRow, 'id' | 'usuario' | 'nombre' | 'correo' | 'roles' | 'area' | 'estado'>, areaNombre: string | null): FuncionarioAdmin {
  return {
    id: o.id,
    usuario: o.usuario,
    nombre: o.nombre,
    correo: o.correo,
    tipoUsuario: TIPO_USUARIO,
    roles: [...o.roles],
    area: o.area,
    areaNombre,
    modulo: MODULO_FUNCIONARIO,
    estatus: o.estado as OfficialStatus,
  };
}

/** Checks the usuario and e-mail the same way for the HTTP API and the command line. */
export function checkIdentity(input: { usuario?: string; correo?: string; nombre?: string }): void {
  if (input.usuario !== undefined && !USUARIO.test(input.usuario.trim())) throw invalid('usuario', USUARIO_TEXT);
  if (input.correo !== undefined && (!EMAIL.test(input.correo.trim()) || input.correo.trim().length > 254)) throw invalid('correo', CORREO_TEXT);
  if (input.nombre !== undefined && cleanName(input.nombre) === '') throw invalid('nombre', 'Escribe el nombre completo del funcionario.');
}

/**
 * The roles without repeats, or VALIDATION_FAILED naming the unknown ones and listing the valid
 * ones (SIPROS's own plus every role the published workflows name): a typo in a role would give
 * an official an account that can do nothing, silently.
 */
export async function checkRoles(sql: SqlClient, roles: readonly string[]): Promise<string[]> {
  const unique = [...new Set(roles.map((r) => r.trim()))];
  if (unique.length === 0) throw invalid('roles', 'Asigna al menos un rol.');
  const valid = await validOfficialRoles(sql);
  const unknown = unique.filter((r) => !valid.includes(r));
  if (unknown.length > 0) {
    const message = `${unknown.length === 1 ? 'El rol' : 'Los roles'} ${spanishList(unknown.map((r) => `«${r}»`))} no ${unknown.length === 1 ? 'existe' : 'existen'}. Roles válidos: ${valid.join(', ')}.`;
    throw invalid('roles', message, { rolesValidos: valid });
  }
  return unique;
}

function officialExists(usuario: string): AppError {
  return new AppError('OFFICIAL_EXISTS', `Ya existe un funcionario con el usuario «${usuario}».`);
}

function rolesText(roles: readonly string[]): string {
  return spanishList(roles.map((r) => `«${r}»`));
}

/** ROLE_NOT_GRANTABLE (audited) when some of `roles` are beyond the administrator's reach. */
async function assertGrantable(deps: AdminDeps, roles: readonly string[], target: { entityId: string; usuario: string }): Promise<void> {
  const refused = notGrantable(deps.scope, roles);
  if (refused.length === 0) return;
  const message = `No puedes asignar ${refused.length === 1 ? 'el rol' : 'los roles'} ${rolesText(refused)}: solo los que tú tienes y los de los flujos de los programas de tus áreas. Pide a una persona administradora de un área superior que lo haga.`;
  throw await refusal(deps, 'ROLE_NOT_GRANTABLE', message, { entity: 'official', entityId: target.entityId, data: { usuario: target.usuario, roles: refused } });
}

/** ADMIN_OUT_OF_SCOPE (audited) for an area outside the administrator's subtree. */
async function assertAreaInScope(deps: AdminDeps, area: string, target: { entityId: string; usuario: string }): Promise<void> {
  if (!outsideScope(deps.scope, area)) return;
  const message = `El área «${area}» no está a tu cargo: solo administras funcionarios de tu área y de las áreas que dependen de ella.`;
  throw await refusal(deps, 'ADMIN_OUT_OF_SCOPE', message, { entity: 'official', entityId: target.entityId, data: { usuario: target.usuario, area } });
}

/** Creates an official after every check (identity, roles, area, reach, password policy, free user name); audited by createOfficial. */
export async function addOfficial(deps: AdminDeps, input: OfficialInput) {
  checkIdentity(input);
  const roles = await checkRoles(deps.sql, input.roles);
  const area = await assertAreaExists(deps.em, input.area);
  const newcomer = { entityId: normalizeUsuario(input.usuario), usuario: normalizeUsuario(input.usuario) };
  await assertAreaInScope(deps, area.id, newcomer);
  await assertGrantable(deps, roles, newcomer);
  assertStrongPassword(input.contrasena);
  const usuario = normalizeUsuario(input.usuario);
  if ((await deps.em.count(Official, { usuario })) > 0) throw officialExists(usuario);
  try {
    const official = await createOfficial(deps.em, { ...input, usuario, roles, area: area.id }, { now: deps.now, actor: deps.actor });
    return officialView(official, area.nombre);
  } catch (error) {
    // Two administrators creating the same user at once: the unique constraint decides.
    if (error instanceof UniqueConstraintViolationException) throw officialExists(usuario);
    throw error;
  }
}

/** Escapes LIKE's wildcards so a search for "a_b" means exactly that. */
function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const LIST_LIMIT = 500;

/**
 * The officials list, by user name; `q` matches user, name or e-mail, ignoring case and accents.
 * Only the officials of the administrator's subtree (`scope`; every one for the command line).
 */
export async function listOfficials(sql: SqlClient, scope: AdminScope | null, q = '') {
  const { rows } = await sql.query<{ id: string; usuario: string; nombre: string; correo: string; roles: string[]; area: string; estado: string; area_nombre: string | null }>(
    `select o.id, o.usuario, o.nombre, o.correo, o.roles, o.area, o.estado, a.nombre as area_nombre
       from official o left join area a on a.id = o.area
      where ($1::text = '' or unaccent(lower(o.usuario || ' ' || o.nombre || ' ' || o.correo)) like '%' || unaccent(lower($1::text)) || '%')
        and ($2::text[] is null or o.area = any($2::text[]))
      order by o.usuario limit ${LIST_LIMIT}`,
    [likeText(q.trim()), scopeAreas(scope)],
  );
  return rows.map((r) => officialView(r, r.area_nombre));
}

export async function findOfficial(em: EntityManager, id: string): Promise<OfficialRow> {
  const official = isUuid(id) ? await em.findOne(Official, { id }) : null;
  if (!official) throw new AppError('OFFICIAL_NOT_FOUND');
  return official;
}

/**
 * The official to change, if the administrator may change them: one of their subtree (anyone
 * else is "not found", as in the list), holding no role the administrator could not grant.
 * Refusals are audited.
 */
async function manageableOfficial(deps: AdminDeps, id: string): Promise<OfficialRow> {
  const official = await findOfficial(deps.em, id);
  if (outsideScope(deps.scope, official.area)) {
    throw await refusal(deps, 'OFFICIAL_NOT_FOUND', undefined, { entity: 'official', entityId: official.id, data: { usuario: official.usuario, area: official.area } });
  }
  const beyond = notGrantable(deps.scope, official.roles);
  if (beyond.length > 0) {
    const message = `${official.usuario} tiene ${beyond.length === 1 ? 'el rol' : 'los roles'} ${rolesText(beyond)}, que tú no puedes asignar; pide a una persona administradora de un área superior que haga el cambio.`;
    throw await refusal(deps, 'ROLE_NOT_GRANTABLE', message, { entity: 'official', entityId: official.id, data: { usuario: official.usuario, roles: beyond } });
  }
  return official;
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

/**
 * Changes an official. Deactivating or setting a new password closes every session of theirs
 * at once (authentication also refuses inactive officials on each request). An administrator
 * cannot deactivate themselves nor drop their own administrator role: SIPROS must never be
 * left without anyone able to administer it; nor change their own area or roles at all (nobody
 * widens their own reach). Within their reach only (admin-scope.ts). Audited with before and
 * after of each field; refusals too.
 */
export async function updateOfficial(deps: AdminDeps, id: string, changes: OfficialChanges) {
  const official = await manageableOfficial(deps, id);
  checkIdentity({ nombre: changes.nombre, correo: changes.correo });
  const roles = changes.roles === undefined ? undefined : await checkRoles(deps.sql, changes.roles);
  const area = changes.area === undefined ? undefined : await assertAreaExists(deps.em, changes.area);
  const self = deps.actor.type === 'funcionario' && deps.actor.id === official.id;
  if (self && (changes.estatus === 'inactivo' || (roles && !roles.includes(ROLE_ADMIN)))) throw new AppError('OWN_ACCOUNT_LOCKOUT');
  const target = { entityId: official.id, usuario: official.usuario };
  if (self && ((area && area.id !== official.area) || (roles && !sameRoles(roles, official.roles)))) {
    throw await refusal(deps, 'OWN_ACCESS_CHANGE', undefined, { entity: 'official', entityId: official.id, data: { usuario: official.usuario, area: area?.id, roles } });
  }
  if (area) await assertAreaInScope(deps, area.id, target);
  if (roles) await assertGrantable(deps, roles.filter((r) => !official.roles.includes(r)), target);
  if (changes.contrasena !== undefined) assertStrongPassword(changes.contrasena);
  const passwordHash = changes.contrasena === undefined ? undefined : await hashPassword(changes.contrasena);

  const next = {
    nombre: changes.nombre === undefined ? official.nombre : cleanName(changes.nombre),
    correo: changes.correo === undefined ? official.correo : changes.correo.trim(),
    roles: roles ?? official.roles,
    area: area?.id ?? official.area,
    estado: changes.estatus ?? official.estado,
  };
  const cambios: Record<string, unknown> = {};
  for (const key of ['nombre', 'correo', 'area', 'estado'] as const) if (next[key] !== official[key]) cambios[key] = { antes: official[key], despues: next[key] };
  if (JSON.stringify(next.roles) !== JSON.stringify(official.roles)) cambios.roles = { antes: official.roles, despues: next.roles };
  if (passwordHash) cambios.contrasena = 'cambiada';

  if (Object.keys(cambios).length > 0) {
    const closeSessions = passwordHash !== undefined || (next.estado === 'inactivo' && official.estado !== 'inactivo');
    await deps.em.transactional(async (tx) => {
      await tx.nativeUpdate(Official, { id: official.id }, { ...next, ...(passwordHash ? { passwordHash } : {}), updatedAt: deps.now });
      const sesionesCerradas = closeSessions ? await tx.nativeUpdate(Session, { subjectType: 'funcionario', subjectId: official.id, revokedAt: null }, { revokedAt: deps.now }) : 0;
      audit(tx, deps.now, { actor: deps.actor, action: 'cuenta.funcionario_cambio', entity: 'official', entityId: official.id, data: { usuario: official.usuario, cambios, sesionesCerradas } });
    });
  }
  const names = await areaNames(deps.em, [next.area]);
  return officialView({ ...official, ...next }, names.get(next.area) ?? null);
}
