/** The state's catalog of social programs, kept by the planning office; SIPROS's own programs enter it when published. */
import type { FastifyInstance } from 'fastify';
import { ROLE_PLANEACION } from '../../../../engine/vocabulary.ts';
import type { ProgramaDelCatalogo } from '../../../api/padron.ts';
import type { OfficialRow } from '../../../db/entities.ts';
import { bind, named, type SqlClient } from '../../../db/sql.ts';
import { agencyOfArea } from './access.ts';

interface CatalogRow {
  clave: string;
  nombre: string;
  dependencia: string;
  tipo: string;
  clave_pub: string | null;
  programa_sipros: string | null;
}

const entry = (r: CatalogRow): ProgramaDelCatalogo => ({ clave: r.clave, nombre: r.nombre, dependencia: r.dependencia, tipo: r.tipo, clavePub: r.clave_pub, sipros: r.programa_sipros !== null });

/** The catalog, or one agency's part of it. */
export async function catalogPrograms(sql: SqlClient, agency: string | null): Promise<ProgramaDelCatalogo[]> {
  const { rows } = await sql.query<CatalogRow>('select * from programa_catalogo where $1::text is null or dependencia = $1 order by nombre', [agency]);
  return rows.map(entry);
}

export async function catalogProgram(sql: SqlClient, clave: string): Promise<ProgramaDelCatalogo | null> {
  const { rows } = await sql.query<CatalogRow>('select * from programa_catalogo where clave = $1', [clave]);
  return rows[0] ? entry(rows[0]) : null;
}

export type NewCatalogProgram = {
  clave: string;
  nombre: string;
  dependencia: string;
  tipo: 'economico' | 'especie' | 'servicio';
  clavePub: string | null;
};

const ADD = named<NewCatalogProgram & { now: Date }>(
  'padron-catalogo-agregar',
  `insert into programa_catalogo (clave, nombre, dependencia, tipo, clave_pub, created_at, updated_at) values (:clave, :nombre, :dependencia, :tipo, :clavePub, :now, :now) on conflict (clave) do nothing`,
);
const AUDIT_ADD = named<{ now: Date; actorId: string; clave: string; program: NewCatalogProgram }>(
  'padron-catalogo-auditoria',
  `insert into audit_log (at, actor_type, actor_id, action, entity, entity_id, data) values (:now, case when :actorId like 'cli:%' then 'sistema' else 'funcionario' end, :actorId, 'padron.catalogo.agregar', 'programa_catalogo', :clave, :program)`,
);

/** Adds a program; one that exists is left as it is and returned (adding it twice is harmless). */
export async function addCatalogProgram(sql: SqlClient, program: NewCatalogProgram, actorId: string, now: Date): Promise<ProgramaDelCatalogo> {
  const { rowCount } = await sql.query(ADD, bind(ADD, { ...program, now }));
  if (rowCount === 1) await sql.query(AUDIT_ADD, bind(AUDIT_ADD, { now, actorId, clave: program.clave, program }));
  return (await catalogProgram(sql, program.clave))!;
}

/**
 * The catalog's programs whose supports an official may count (coverage maps): their own SIPROS programs
 * and every program of their agency; with the planning role, every program of every agency.
 */
export async function programsVisibleTo(app: FastifyInstance, official: OfficialRow, own: readonly string[]): Promise<Array<{ clave: string; nombre: string; dependencia: string }>> {
  const agency = official.roles.includes(ROLE_PLANEACION) ? null : await agencyOfArea(app, official.area);
  const { rows } = await app.db.sql.query<{ clave: string; nombre: string; dependencia: string }>(
    'select clave, nombre, dependencia from programa_catalogo where $1::text is null or dependencia = $1 or clave = any($2::text[]) order by nombre',
    [agency, [...own]],
  );
  return rows;
}
