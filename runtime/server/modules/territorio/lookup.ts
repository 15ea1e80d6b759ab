/**
 * What the address control asks of the catalogs: the colonias of a postal code with their municipio
 * and, where SEPOMEX's city or the colonia's own name is an INEGI localidad of that municipio, the
 * localidad (inferred when asked, so a newer catalog of localidades is used at once); the localidades
 * of a municipio, to type ahead; and the colonias of a municipio that fit what a person typed.
 */
import { fold, Remembered } from '../../../../engine/matching/text.ts';
import { typeAhead } from '../../../../engine/territorio/index.ts';
import type { SqlClient } from '../../../db/sql.ts';
import { municipioName } from '../../../definitions/municipios.ts';
import type { CodigoPostal, ColoniaDelMunicipio, LocalidadRef } from '../../../api/territorio.ts';

type LocalidadOf = (cveMun: string, ...names: Array<string | null>) => LocalidadRef | null;

/** Names folded once: a municipio's colonias are read again at every pause in a person's typing. */
const folded = new Remembered(fold);

/** The INEGI localidad of these municipios named by SEPOMEX's city or by the colonia itself (the first that is one). */
async function localidadFinder(sql: SqlClient, municipios: string[]): Promise<LocalidadOf> {
  const localidades = municipios.length === 0 ? [] : (await sql.query<LocalidadRef & { cve_mun: string }>('select cvegeo as clave, nombre, ambito, cve_mun from cat_localidad where cve_mun = any($1::text[])', [municipios])).rows;
  const byName = new Map(localidades.map((l) => [`${l.cve_mun}/${fold(l.nombre)}`, { clave: l.clave, nombre: l.nombre, ambito: l.ambito }]));
  return (cveMun, ...names) => names.map((n) => (n ? byName.get(`${cveMun}/${folded.get(n)}`) : undefined)).find(Boolean) ?? null;
}

/** The colonias of a postal code (none: the code is not in the catalog). */
export async function postalCode(sql: SqlClient, codigoPostal: string): Promise<CodigoPostal> {
  const { rows } = await sql.query<{ clave: string; nombre: string; tipo: string; zona: string | null; cve_mun: string; ciudad: string | null }>(
    'select clave, nombre, tipo, zona, cve_mun, ciudad from cat_asentamiento where codigo_postal = $1 order by nombre, clave',
    [codigoPostal],
  );
  const localidadOf = await localidadFinder(sql, [...new Set(rows.map((r) => r.cve_mun))]);
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

const alphabetically = new Intl.Collator('es').compare;

/**
 * The colonias of a municipio whose name fits what was typed (engine/territorio/typeahead.ts: «penitas rio»
 * finds «Peñitas del Río»), the best first and at most a phone's list; those of the localidad chosen, first.
 * The municipio's colonias are read whole (an index on cve_mun; a large municipio has about 1,500) and fitted
 * here, since the fitting folds and spells out words as no index does. A colonia SEPOMEX lists under several
 * postal codes is one, with all of them; grouped here, not in SQL, which takes twice as long.
 */
export async function coloniasOf(sql: SqlClient, cveMun: string, typed: string, cveLocalidad?: string): Promise<ColoniaDelMunicipio[]> {
  const colonias = await everyColoniaOf(sql, cveMun);
  // Typed text ranks them by fit and name; nothing typed lists them by name.
  if (typed.trim() === '') colonias.sort((a, b) => alphabetically(a.nombre, b.nombre));
  return typeAhead(colonias, typed, (c) => c.nombre, { first: (c) => cveLocalidad !== undefined && c.localidad?.clave === cveLocalidad });
}

/** Every colonia of a municipio, each once with all its postal codes, in clave order (the field app carries them whole, to type ahead offline). */
export async function everyColoniaOf(sql: SqlClient, cveMun: string): Promise<ColoniaDelMunicipio[]> {
  const { rows } = await sql.query<{ codigo_postal: string; clave: string; nombre: string; tipo: string; zona: string | null; ciudad: string | null }>(
    // By clave and code, bytewise (a collation's rules are not needed for digits, and cost): one order every time.
    'select codigo_postal, clave, nombre, tipo, zona, ciudad from cat_asentamiento where cve_mun = $1 order by clave collate "C", codigo_postal collate "C"',
    [cveMun],
  );
  const localidadOf = await localidadFinder(sql, rows.length === 0 ? [] : [cveMun]);
  const byClave = new Map<string, ColoniaDelMunicipio>();
  for (const r of rows) {
    const known = byClave.get(r.clave);
    if (known) known.codigosPostales.push(r.codigo_postal);
    else byClave.set(r.clave, { clave: r.clave, nombre: r.nombre, tipo: r.tipo, zona: r.zona, codigosPostales: [r.codigo_postal], localidad: localidadOf(cveMun, r.ciudad, r.nombre) });
  }
  return [...byClave.values()];
}
