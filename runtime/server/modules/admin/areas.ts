import { join } from 'node:path';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { Area, type AreaRow } from '../../../db/entities.ts';
import type { SqlClient } from '../../../db/sql.ts';
import { DEFINITIONS_DIR, readJsonFile } from '../../../definitions/library.ts';
import { AppError } from '../../errors.ts';
import { audit, type Actor } from '../accounts/index.ts';
import { outsideScope, refusal, type AdminScope } from './admin-scope.ts';
import { AREA_ID_PATTERN, AREA_TYPES, type Area as AreaView, type AreaType, type NuevaArea } from '../../../api/admin.ts';

/** The three levels of the tree, top down; each level hangs from the one before it. */
export { AREA_TYPES, type AreaType };

const PARENT_TYPE: Record<AreaType, AreaType | null> = { dependencia: null, subsecretaria: 'dependencia', direccion: 'subsecretaria' };
const TYPE_NAMES: Record<AreaType, string> = { dependencia: 'una dependencia', subsecretaria: 'una subsecretaría', direccion: 'una dirección' };

/** Same rule as the table's check constraint (migration 0004): ids travel in URLs and program definitions. */
const AREA_ID = new RegExp(AREA_ID_PATTERN);

export const AREA_CATALOG_FILE = join(DEFINITIONS_DIR, 'catalogs', 'areas.json');

export type AreaInput = NuevaArea;

export function areaView(area: Pick<AreaRow, 'id' | 'nombre' | 'tipo' | 'padreId'>): AreaView {
  return { id: area.id, nombre: area.nombre, tipo: area.tipo as AreaType, padreId: area.padreId ?? null };
}

/** Why a parent of `tipo` would not fit `tipo`, or null when it does (a dirección hangs from a subsecretaría, …). */
function parentProblem(tipo: AreaType, parent: { id: string; tipo: string } | null): string | null {
  const expected = PARENT_TYPE[tipo];
  if (expected === null) return parent ? 'Una dependencia es la raíz del árbol: no lleva área superior.' : null;
  if (!parent) return `${TYPE_NAMES[tipo][0].toUpperCase()}${TYPE_NAMES[tipo].slice(1)} necesita su área superior (${TYPE_NAMES[expected]}).`;
  if (parent.tipo !== expected) return `El área superior de ${TYPE_NAMES[tipo]} debe ser ${TYPE_NAMES[expected]}; «${parent.id}» es ${TYPE_NAMES[parent.tipo as AreaType] ?? parent.tipo}.`;
  return null;
}

/**
 * Checks the shipped catalog as a whole (ids, names, types, parents inside the catalog, no
 * repeats) and returns it parents first, so rows can be written in order. A broken catalog is a
 * packaging mistake: the server must not start half-configured, hence the thrown error.
 */
export function checkAreaCatalog(raw: unknown): AreaInput[] {
  if (!Array.isArray(raw)) throw new Error('El catálogo de áreas debe ser una lista de {id, nombre, tipo, padreId}.');
  const problems: string[] = [];
  const byId = new Map<string, AreaInput>();
  raw.forEach((entry: Partial<AreaInput>, i) => {
    const where = `elemento ${i + 1}${entry && typeof entry.id === 'string' ? ` («${entry.id}»)` : ''}`;
    if (!entry || typeof entry.id !== 'string' || !AREA_ID.test(entry.id)) problems.push(`${where}: el id debe ser minúsculas, números y guiones.`);
    else if (byId.has(entry.id)) problems.push(`${where}: el id está repetido.`);
    if (typeof entry?.nombre !== 'string' || entry.nombre.trim() === '') problems.push(`${where}: falta el nombre.`);
    if (!AREA_TYPES.includes(entry?.tipo as AreaType)) problems.push(`${where}: el tipo debe ser ${AREA_TYPES.join(', ')}.`);
    if (entry && typeof entry.id === 'string' && !byId.has(entry.id)) byId.set(entry.id, { id: entry.id, nombre: String(entry.nombre ?? '').trim(), tipo: entry.tipo as AreaType, padreId: entry.padreId ?? null });
  });
  for (const area of byId.values()) {
    if (!AREA_TYPES.includes(area.tipo)) continue;
    const parent = area.padreId === null ? null : byId.get(area.padreId);
    if (area.padreId !== null && !parent) problems.push(`«${area.id}»: su área superior «${area.padreId}» no está en el catálogo.`);
    else {
      const problem = parentProblem(area.tipo, parent ?? null);
      if (problem) problems.push(`«${area.id}»: ${problem}`);
    }
  }
  if (problems.length > 0) throw new Error(`El catálogo de áreas (${AREA_CATALOG_FILE}) tiene errores:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return [...byId.values()].sort((a, b) => AREA_TYPES.indexOf(a.tipo) - AREA_TYPES.indexOf(b.tipo));
}

/**
 * Writes the catalog's areas into the `area` table: new ones inserted, changed ones updated (the
 * catalog is the source of truth for its own ids), unchanged ones untouched, areas created by an
 * administrator left alone. One statement, so two processes starting at once cannot conflict.
 */
const UPSERT_AREAS = `
  insert into area (id, nombre, tipo, padre_id, created_at)
  select a.id, a.nombre, a.tipo, a.padre, $2 from jsonb_to_recordset($1::jsonb) as a(id text, nombre text, tipo text, padre text)
  on conflict (id) do update set nombre = excluded.nombre, tipo = excluded.tipo, padre_id = excluded.padre_id
   where (area.nombre, area.tipo, area.padre_id) is distinct from (excluded.nombre, excluded.tipo, excluded.padre_id)`;

export async function syncAreaCatalog(sql: SqlClient, now: Date, file = AREA_CATALOG_FILE): Promise<number> {
  const areas = checkAreaCatalog(await readJsonFile(file));
  const rows = areas.map((a) => ({ id: a.id, nombre: a.nombre, tipo: a.tipo, padre: a.padreId }));
  return (await sql.query(UPSERT_AREAS, [JSON.stringify(rows), now])).rowCount;
}

/** Called by buildApp on every start (idempotent): officials and programs name these areas. */
export async function loadAreaCatalog(app: FastifyInstance): Promise<void> {
  const written = await syncAreaCatalog(app.db.sql, app.clock());
  if (written > 0) app.log.info({ areas: written }, 'catálogo de áreas cargado');
}

/**
 * The tree, depth first (each area right after its parent, siblings by name), as a flat list
 * with padreId: the administrator's subtree (`scope`), the whole tree for the command line.
 */
export async function listAreas(em: EntityManager, scope: AdminScope | null) {
  const rows = (await em.find(Area, {}, { orderBy: { nombre: 'asc' } })).filter((row) => !outsideScope(scope, row.id));
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, AreaRow[]>();
  for (const row of rows) {
    // An area whose parent is missing would vanish from a strict walk; show it as a root instead.
    const parent = row.padreId && ids.has(row.padreId) ? row.padreId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const ordered: AreaRow[] = [];
  const walk = (parent: string | null) => {
    for (const row of (children.get(parent) ?? []).sort((a, b) => a.nombre.localeCompare(b.nombre, 'es'))) {
      ordered.push(row);
      walk(row.id);
    }
  };
  walk(null);
  return ordered.map(areaView);
}

export async function findArea(em: EntityManager, id: string): Promise<AreaRow | null> {
  return AREA_ID.test(id) ? em.findOne(Area, { id }) : null;
}

/** AREA_NOT_FOUND unless the area exists: officials of a missing area would see nothing at all. */
export async function assertAreaExists(em: EntityManager, id: string): Promise<AreaRow> {
  const area = await findArea(em, id);
  if (!area) throw new AppError('AREA_NOT_FOUND', `El área «${id}» no existe; revisa la lista de áreas.`);
  return area;
}

/**
 * ADMIN_OUT_OF_SCOPE (audited) unless the new area hangs inside the administrator's subtree. A
 * new dependencia is a new tree, outside every administrator's: it comes from the area catalog.
 */
async function assertParentInScope(em: EntityManager, input: AreaInput, actor: Actor, now: Date, scope: AdminScope | null): Promise<void> {
  if (scope === null) return;
  if (input.padreId !== null && !outsideScope(scope, input.padreId)) return;
  const message =
    input.padreId === null
      ? 'Una dependencia nueva es un árbol aparte: se agrega al catálogo de áreas (definitions/catalogs/areas.json) y su primera persona administradora se crea con «sipros create-admin».'
      : `El área «${input.padreId}» no está a tu cargo: solo puedes agregar áreas debajo de tu área o de las que dependen de ella.`;
  throw await refusal({ em, now, actor }, 'ADMIN_OUT_OF_SCOPE', message, { entity: 'area', entityId: input.id, data: { padreId: input.padreId, tipo: input.tipo } });
}

/** Adds an area below an existing one of the level above, inside the administrator's subtree; audited. */
export async function createArea(em: EntityManager, input: AreaInput, actor: Actor, now: Date, scope: AdminScope | null) {
  const nombre = input.nombre.replace(/\s+/g, ' ').trim();
  const parent = input.padreId ? await findArea(em, input.padreId) : null;
  if (input.padreId && !parent) throw new AppError('AREA_NOT_FOUND', `El área superior «${input.padreId}» no existe.`);
  const problem = parentProblem(input.tipo, parent);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: [{ path: 'body.padreId', message: problem }] });
  await assertParentInScope(em, input, actor, now, scope);
  if (await findArea(em, input.id)) throw new AppError('AREA_EXISTS');
  const area = em.create(Area, { id: input.id, nombre, tipo: input.tipo, padreId: parent?.id ?? null, createdAt: now });
  audit(em, now, { actor, action: 'area.alta', entity: 'area', entityId: area.id, data: { nombre, tipo: input.tipo, padreId: parent?.id ?? null } });
  try {
    await em.flush();
  } catch (error) {
    // Two administrators creating the same id at once: the primary key decides.
    if (error instanceof UniqueConstraintViolationException) throw new AppError('AREA_EXISTS');
    throw error;
  }
  return areaView(area);
}

/** Names of the given areas (missing ones absent), for lists that show "Área". */
export async function areaNames(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map((await em.find(Area, { id: { $in: unique } })).map((a) => [a.id, a.nombre]));
}
