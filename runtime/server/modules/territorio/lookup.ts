/**
 * What the address control asks of the catalogs: the colonias of a postal code with their municipio
 * and, where SEPOMEX's city or the colonia's own name is an INEGI localidad of that municipio, the
 * localidad (inferred when asked, so a newer catalog of localidades is used at once); and the
 * localidades of a municipio, to type ahead.
 */
import { fold } from '../../../../engine/matching/text.ts';
import type { SqlClient } from '../../../db/sql.ts';
import { municipioName } from '../../../definitions/municipios.ts';
import type { CodigoPostal, LocalidadRef } from '../../../api/territorio.ts';

/** The colonias of a postal code (none: the code is not in the catalog). */
export async function postalCode(sql: SqlClient, codigoPostal: string): Promise<CodigoPostal> {
  const { rows } = await sql.query<{ clave: string; nombre: string; tipo: string; zona: string | null; cve_mun: string; ciudad: string | null }>(
    'select clave, nombre, tipo, zona, cve_mun, ciudad from cat_asentamiento where codigo_postal = $1 order by nombre, clave',
    [codigoPostal],
  );
  const municipios = [...new Set(rows.map((r) => r.cve_mun))];
  const localidades = municipios.length === 0 ? [] : (await sql.query<LocalidadRef & { cve_mun: string }>('select cvegeo as clave, nombre, ambito, cve_mun from cat_localidad where cve_mun = any($1::text[])', [municipios])).rows;
  const byName = new Map(localidades.map((l) => [`${l.cve_mun}/${fold(l.nombre)}`, { clave: l.clave, nombre: l.nombre, ambito: l.ambito }]));
  const localidadOf = (cveMun: string, ...names: Array<string | null>) => names.map((n) => (n ? byName.get(`${cveMun}/${fold(n)}`) : undefined)).find(Boolean) ?? null;
  return {
    codigoPostal,
    colonias: rows.map((r) => ({ clave: r.clave, nombre: r.nombre, tipo: r.tipo, zona: r.zona, municipio: { clave: r.cve_mun, nombre: municipioName(r.cve_mun) }, localidad: localidadOf(r.cve_mun, r.ciudad, r.nombre) })),
  };
}

/** The localidades of a municipio, the most populated first (as a person looking for theirs expects). */
export async function localidadesOf(sql: SqlClient, cveMun: string): Promise<LocalidadRef[]> {
  const { rows } = await sql.query<LocalidadRef>('select cvegeo as clave, nombre, ambito from cat_localidad where cve_mun = $1 order by poblacion desc nulls last, nombre', [cveMun]);
  return rows;
}
