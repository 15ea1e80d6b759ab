/**
 * The applicant's localidad in INEGI's catalog in force (cat_localidad, which the territorio module
 * imports and keeps), for the rules over territorio.* and for naming a localidad whose quota is full.
 * Read here rather than through the territorio module: that module uses the applications module,
 * which uses this one, and modules must not import each other in a cycle (test/structure).
 */
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { localidadClaveOf, rulesReadTerritorio, type CatalogLocalidad, type LoadedProgram } from '../../../../engine/index.ts';
import { prepared, type SqlClient } from '../../../db/sql.ts';

const LOCALIDAD = prepared('localidad-del-catalogo', 'select cvegeo as clave, nombre, ambito, poblacion from cat_localidad where cvegeo = $1');

/**
 * The catalog's entry for the localidad clave of the answers, which the engine turns into the facts
 * territorio.*; null when the program's rules read none of them (no look-up), when the answers have
 * no clave, or when the catalog does not know it (then rules over the ámbito say the data is missing).
 */
export async function localidadForRules(sql: SqlClient, program: LoadedProgram, answers: unknown): Promise<CatalogLocalidad | null> {
  if (!rulesReadTerritorio(program)) return null;
  const clave = localidadClaveOf(program.definition, answers);
  if (!clave) return null;
  const { rows } = await sql.query<CatalogLocalidad>(LOCALIDAD, [clave]);
  return rows[0] ?? null;
}

/** The catalog's name of a localidad, on the caller's connection (a transaction's, inside one); null when the catalog does not know it. */
export async function localidadNombre(em: EntityManager, clave: string): Promise<string | null> {
  const [row] = await (em as SqlEntityManager).execute<Array<{ nombre: string }>>('select nombre from cat_localidad where cvegeo = ?', [clave]);
  return row?.nombre ?? null;
}
