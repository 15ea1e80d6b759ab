/**
 * The catalogs a new installation starts with: Querétaro's localidades of 1,000 inhabitants or more
 * (definitions/catalogs, INEGI), imported and applied as a first version on the first start. An
 * administrator replaces them with INEGI's full catalog of any state (`sipros catalogos localidades`).
 * SEPOMEX's catalog cannot be shipped (its terms): it starts empty.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from '../../../db/sql.ts';
import { DEFINITIONS_DIR } from '../../../definitions/library.ts';
import { applyImport, importCatalog } from './catalog-import.ts';

export const DEFAULT_LOCALIDADES = join(DEFINITIONS_DIR, 'catalogs', 'qro_localidades_pob1000.csv');

/** Imports the default localidades unless a catalog of localidades was ever imported (one query when it was). */
export async function seedTerritory(sql: Sql, now: Date): Promise<void> {
  const { rows } = await sql.query("select 1 from catalogo_importacion where tipo = 'localidades' limit 1");
  if (rows.length > 0) return;
  const imported = await importCatalog(sql, 'localidades', { name: 'qro_localidades_pob1000.csv', bytes: await readFile(DEFAULT_LOCALIDADES) }, 'sistema', now);
  await applyImport(sql, imported.id, now);
}
