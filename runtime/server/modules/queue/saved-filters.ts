import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Filtros, FiltroGuardado } from '../../../api/queue.ts';
import { bind, named, prepared, uniqueViolation } from '../../../db/sql.ts';
import { AppError } from '../../errors.ts';
import { isUuid } from '../applications/index.ts';

/** Enough for any real desk; stops a script from filling the table. */
const MAX_FILTERS = 100;

const LIST = prepared('filtros-lista', 'select id, nombre, filtros from saved_filter where official_id = $1 order by nombre, id');
const COUNT = prepared('filtros-cuenta', 'select count(*)::int as n from saved_filter where official_id = $1');
const INSERT = named<{ id: string; officialId: string; nombre: string; filtros: string; now: Date }>(
  'filtros-alta',
  'insert into saved_filter (id, official_id, nombre, filtros, created_at) values (:id, :officialId, :nombre, :filtros::jsonb, :now)',
);
const DELETE = prepared('filtros-baja', 'delete from saved_filter where id = $1 and official_id = $2');

export type SavedFilterView = FiltroGuardado;

/** The official's own saved filters, by name. */
export async function listFilters(app: FastifyInstance, officialId: string): Promise<SavedFilterView[]> {
  return (await app.db.sql.query<SavedFilterView>(LIST, [officialId])).rows;
}

export async function saveFilter(app: FastifyInstance, officialId: string, nombre: string, filtros: Filtros): Promise<SavedFilterView> {
  const name = nombre.trim().replace(/\s+/g, ' ');
  if (name === '') throw new AppError('VALIDATION_FAILED', 'Escribe un nombre para el filtro.');
  // NUL and other control characters: PostgreSQL refuses NUL in text, which would be a 500.
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new AppError('VALIDATION_FAILED', 'El nombre del filtro no puede llevar caracteres de control (como el carácter nulo).');
  if ((await app.db.sql.query<{ n: number }>(COUNT, [officialId])).rows[0].n >= MAX_FILTERS) {
    throw new AppError('CONFLICT', `Ya tienes ${MAX_FILTERS} filtros guardados; borra alguno para guardar otro.`);
  }
  const id = randomUUID();
  try {
    await app.db.sql.query(INSERT, bind(INSERT, { id, officialId, nombre: name, filtros: JSON.stringify(filtros), now: app.clock() }));
  } catch (error) {
    if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', `Ya tienes un filtro llamado «${name}»; elige otro nombre.`);
    throw error;
  }
  return { id, nombre: name, filtros };
}

/** Deletes one of the official's own filters; anyone else's is "not found". */
export async function deleteFilter(app: FastifyInstance, officialId: string, id: string): Promise<void> {
  const deleted = isUuid(id) ? (await app.db.sql.query(DELETE, [id, officialId])).rowCount : 0;
  if (deleted === 0) throw new AppError('FILTER_NOT_FOUND');
}
