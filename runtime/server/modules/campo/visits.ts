/**
 * The brigades' work lists: a supervisor (or an administrator) gives visits to the brigadistas of
 * their area and moves them between brigadistas. "Their area" is the officials' usual scope
 * (officials/scope.ts): the supervisor's area and the areas below it; a brigadista or a visit
 * outside it answers as if it did not exist.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { NuevasVisitas, VisitaDeCampo } from '../../../api/campo.ts';
import { FieldVisit, type OfficialRow } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../accounts/index.ts';
import { ROLE_BRIGADISTA } from '../admin/index.ts';
import { isUuid } from '../applications/index.ts';
import { officialActor } from '../citizen-service/index.ts';
import { areaScope } from '../officials/index.ts';
import { visitView } from './package.ts';

export interface Brigadista {
  id: string;
  nombre: string;
  usuario: string;
  area: string;
  activo: boolean;
}

/** Every brigadista (active or not: their records still count) of the supervisor's area and below. */
export async function brigadistasInScope(app: FastifyInstance, supervisor: Pick<OfficialRow, 'area'>): Promise<Brigadista[]> {
  const areas = await areaScope(app, supervisor.area);
  const { rows } = await app.db.sql.query<{ id: string; nombre: string; usuario: string; area: string; estado: string }>(
    'select id, nombre, usuario, area, estado from official where $1 = any(roles) and area = any($2::text[]) order by nombre, usuario',
    [ROLE_BRIGADISTA, areas],
  );
  return rows.map((r) => ({ id: r.id, nombre: r.nombre, usuario: r.usuario, area: r.area, activo: r.estado === 'activo' }));
}

/** An active brigadista of the supervisor's area: BRIGADISTA_NOT_FOUND otherwise (never a 403: no probing). */
async function assignable(app: FastifyInstance, supervisor: Pick<OfficialRow, 'area'>, id: string): Promise<Brigadista> {
  const found = isUuid(id) ? (await brigadistasInScope(app, supervisor)).find((b) => b.id === id && b.activo) : undefined;
  if (!found) throw new AppError('BRIGADISTA_NOT_FOUND');
  return found;
}

const MAX_LISTED = 1000;

/** The work lists of the area (or of one brigadista), pending first, oldest first. */
export async function listVisits(app: FastifyInstance, em: EntityManager, supervisor: Pick<OfficialRow, 'area'>, brigadistaId?: string): Promise<VisitaDeCampo[]> {
  const ids = (await brigadistasInScope(app, supervisor)).map((b) => b.id).filter((id) => brigadistaId === undefined || id === brigadistaId);
  if (ids.length === 0) return [];
  const visits = await em.find(FieldVisit, { brigadistaId: { $in: ids } }, { orderBy: { estado: 'asc', createdAt: 'asc', id: 'asc' }, limit: MAX_LISTED });
  return visits.map(visitView);
}

/** Adds visits to a brigadista's work list; audited. They reach the device with its next package. */
export async function createVisits(app: FastifyInstance, em: EntityManager, supervisor: OfficialRow, input: NuevasVisitas): Promise<VisitaDeCampo[]> {
  const brigadista = await assignable(app, supervisor, input.brigadista);
  const now = app.clock();
  const created = input.visitas.map((v) =>
    em.create(FieldVisit, {
      id: randomUUID(),
      brigadistaId: brigadista.id,
      nombre: v.nombre.trim(),
      curp: v.curp?.trim().toUpperCase() || null,
      domicilio: v.domicilio ?? null,
      municipio: v.municipio,
      localidad: v.localidad ?? null,
      nota: v.nota ?? null,
      estado: 'pendiente',
      creadaPor: supervisor.id,
      createdAt: now,
      updatedAt: now,
      visitadaAt: null,
    }),
  );
  audit(em, now, { actor: officialActor(supervisor), action: 'campo.visitas_alta', entity: 'official', entityId: brigadista.id, data: { visitas: created.map((v) => v.id) } });
  await em.flush();
  return created.map(visitView);
}

/** Hands a visit to another brigadista of the area; FIELD_VISIT_NOT_FOUND for a visit outside it. Audited. */
export async function reassignVisit(app: FastifyInstance, em: EntityManager, supervisor: OfficialRow, visitId: string, brigadistaId: string): Promise<VisitaDeCampo> {
  const visit = isUuid(visitId) ? await em.findOne(FieldVisit, { id: visitId }) : null;
  const inScope = visit ? (await brigadistasInScope(app, supervisor)).some((b) => b.id === visit.brigadistaId) : false;
  if (!visit || !inScope) throw new AppError('FIELD_VISIT_NOT_FOUND');
  const target = await assignable(app, supervisor, brigadistaId);
  const now = app.clock();
  const before = visit.brigadistaId;
  visit.brigadistaId = target.id;
  visit.updatedAt = now;
  audit(em, now, { actor: officialActor(supervisor), action: 'campo.visita_reasignada', entity: 'field_visit', entityId: visit.id, data: { de: before, a: target.id } });
  await em.flush();
  return visitView(visit);
}
