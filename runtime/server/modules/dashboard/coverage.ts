/**
 * Coverage of the Padrón Estatal by territory: the people who received a support of the chosen programs
 * (each counted once) and the supports, where they live — per municipio, per localidad and per colonia —
 * with both per 1,000 inhabitants (Censo 2020: the municipios' catalog and cat_localidad). People are
 * placed by their address in the registry (persona), so a person who moved counts where they live now.
 */
import type { CoberturaColonia, CoberturaDeLocalidad, CoberturaDeMunicipio, CoberturaEstado, CoberturaLocalidad, CoberturaMunicipio, Conteo, FiltroCobertura } from '../../../api/dashboard.ts';
import { bind, named, type SqlClient } from '../../../db/sql.ts';
import { municipioName, municipioNames, queretaroMunicipios } from '../../../definitions/municipios.ts';
import { AppError } from '../../errors.ts';

/** The programs an official may see the coverage of (their scope) and the filter they chose within it. */
export interface CoverageScope {
  programas: string[];
  filtro: FiltroCobertura;
}

type Params = { programas: string[]; desde: string | null; hasta: string | null };

const SUPPORTS = `beneficio b join persona p on p.id = b.persona_id
  where b.programa = any(:programas::text[]) and (:desde::date is null or b.fecha >= :desde::date) and (:hasta::date is null or b.fecha <= :hasta::date)`;

const BY_MUNICIPIO = named<Params>(
  'cobertura-municipios',
  `select p.cve_mun as clave, count(distinct b.persona_id)::int as personas, count(*)::int as apoyos from ${SUPPORTS} group by p.cve_mun`,
);

const BY_LOCALIDAD = named<Params & { municipio: string }>(
  'cobertura-localidades',
  `select p.cve_loc as clave, count(distinct b.persona_id)::int as personas, count(*)::int as apoyos from ${SUPPORTS} and p.cve_mun = :municipio group by p.cve_loc`,
);

/** A colonia is its clave once the cleaning (or the address control) gave one; until then, its text as written. */
const BY_COLONIA = named<Params & { municipio: string; localidad: string | null }>(
  'cobertura-colonias',
  `select p.cve_asentamiento as clave, case when p.cve_asentamiento is null then coalesce(nullif(trim(p.colonia), ''), '(sin colonia)') end as texto,
          p.codigo_postal, count(distinct b.persona_id)::int as personas, count(*)::int as apoyos
     from ${SUPPORTS} and p.cve_mun = :municipio and (:localidad::text is null or p.cve_loc = :localidad)
    group by 1, 2, 3`,
);

const LOCALIDADES = `select cvegeo, nombre, ambito, latitud, longitud, poblacion from cat_localidad`;

type Figures = { personas: number; apoyos: number };
type LocalidadRow = { cvegeo: string; nombre: string; ambito: 'U' | 'R' | null; latitud: number | null; longitud: number | null; poblacion: number | null };

/** Four decimals: a program that reaches a few people of a big city still shows above zero. */
const perThousand = (n: number, poblacion: number | null) => (poblacion ? Math.round((n * 1000 * 10_000) / poblacion) / 10_000 : null);

function conteo(figures: Figures | undefined, poblacion: number | null): Conteo {
  const { personas, apoyos } = figures ?? { personas: 0, apoyos: 0 };
  return { personas, apoyos, poblacion, personasPorMil: perThousand(personas, poblacion), apoyosPorMil: perThousand(apoyos, poblacion) };
}

const params = (scope: CoverageScope): Params => ({ programas: scope.filtro.programa ? [scope.filtro.programa] : scope.programas, desde: scope.filtro.desde, hasta: scope.filtro.hasta });

function municipioRow(clave: string, figures: Figures | undefined): CoberturaMunicipio {
  const known = queretaroMunicipios().find((m) => m.clave === clave);
  return { clave, nombre: known?.nombre ?? municipioName(clave), ...conteo(figures, known?.poblacion ?? null) };
}

function localidadRow(row: LocalidadRow, figures: Figures | undefined): CoberturaLocalidad {
  const ambito = row.ambito === 'U' ? 'urbano' : row.ambito === 'R' ? 'rural' : null;
  return { cvegeo: row.cvegeo, nombre: row.nombre, ambito, latitud: row.latitud, longitud: row.longitud, ...conteo(figures, row.poblacion) };
}

/** Every municipio of Querétaro (zeros included, for the map), plus any other where people of the padrón live. */
export async function stateCoverage(sql: SqlClient, scope: CoverageScope, programas: CoberturaEstado['programas']): Promise<CoberturaEstado> {
  const { rows } = await sql.query<Figures & { clave: string | null }>(BY_MUNICIPIO, bind(BY_MUNICIPIO, params(scope)));
  const figures = new Map(rows.map((r) => [r.clave ?? '', r]));
  const claves = new Set([...queretaroMunicipios().map((m) => m.clave), ...rows.flatMap((r) => (r.clave ? [r.clave] : []))]);
  const municipios = [...claves].sort().map((clave) => municipioRow(clave, figures.get(clave)));
  const poblacion = municipios.reduce((sum, m) => sum + (m.poblacion ?? 0), 0);
  // A person has one address, so the municipios' people add up to the state's without counting anyone twice.
  const personas = rows.reduce((sum, r) => sum + r.personas, 0);
  const apoyos = rows.reduce((sum, r) => sum + r.apoyos, 0);
  return { filtro: scope.filtro, programas, total: conteo({ personas, apoyos }, poblacion || null), municipios };
}

/** The colonias of a municipio or of one of its localidades, most people first, named from the catalog once they have a clave. */
async function colonias(sql: SqlClient, scope: CoverageScope, municipio: string, localidad: string | null): Promise<CoberturaColonia[]> {
  const { rows } = await sql.query<Figures & { clave: string | null; texto: string | null; codigo_postal: string | null }>(BY_COLONIA, bind(BY_COLONIA, { ...params(scope), municipio, localidad }));
  const claves = [...new Set(rows.flatMap((r) => (r.clave ? [r.clave] : [])))];
  const names = new Map(
    claves.length === 0 ? [] : (await sql.query<{ clave: string; nombre: string }>('select distinct on (clave) clave, nombre from cat_asentamiento where clave = any($1::text[]) order by clave, codigo_postal', [claves])).rows.map((r) => [r.clave, r.nombre]),
  );
  return rows
    .map((r) => ({ clave: r.clave, nombre: r.clave ? (names.get(r.clave) ?? r.clave) : r.texto!, codigoPostal: r.codigo_postal, personas: r.personas, apoyos: r.apoyos }))
    .sort((a, b) => b.personas - a.personas || a.nombre.localeCompare(b.nombre, 'es'));
}

/** A municipio: its localidades from the catalog (with zeros), those the catalog lacks together, and its colonias. */
export async function municipioCoverage(sql: SqlClient, scope: CoverageScope, clave: string): Promise<CoberturaDeMunicipio> {
  if (!municipioNames().has(clave)) throw new AppError('MUNICIPIO_NOT_FOUND');
  const { rows } = await sql.query<Figures & { clave: string | null }>(BY_LOCALIDAD, bind(BY_LOCALIDAD, { ...params(scope), municipio: clave }));
  const figures = new Map(rows.map((r) => [r.clave ?? '', r]));
  const catalog = (await sql.query<LocalidadRow>(`${LOCALIDADES} where cve_mun = $1 order by cvegeo`, [clave])).rows;
  const localidades = catalog.map((row) => localidadRow(row, figures.get(row.cvegeo.slice(5))));
  const listed = new Set(catalog.map((row) => row.cvegeo.slice(5)));
  const otras = rows.filter((r) => !r.clave || !listed.has(r.clave)).reduce((sum, r) => ({ personas: sum.personas + r.personas, apoyos: sum.apoyos + r.apoyos }), { personas: 0, apoyos: 0 });
  const municipio = municipioRow(clave, { personas: rows.reduce((s, r) => s + r.personas, 0), apoyos: rows.reduce((s, r) => s + r.apoyos, 0) });
  return { filtro: scope.filtro, municipio, localidades, otrasLocalidades: otras, colonias: await colonias(sql, scope, clave, null) };
}

/** A localidad of the catalog: its figures and its colonias. */
export async function localidadCoverage(sql: SqlClient, scope: CoverageScope, cvegeo: string): Promise<CoberturaDeLocalidad> {
  const row = (await sql.query<LocalidadRow>(`${LOCALIDADES} where cvegeo = $1`, [cvegeo])).rows[0];
  if (!row) throw new AppError('LOCALIDAD_NOT_FOUND');
  const municipio = cvegeo.slice(0, 5);
  const { rows } = await sql.query<Figures & { clave: string | null }>(BY_LOCALIDAD, bind(BY_LOCALIDAD, { ...params(scope), municipio }));
  const figures = rows.find((r) => r.clave === cvegeo.slice(5));
  return { filtro: scope.filtro, municipio: { clave: municipio, nombre: municipioName(municipio) }, localidad: localidadRow(row, figures), colonias: await colonias(sql, scope, municipio, cvegeo.slice(5)) };
}
