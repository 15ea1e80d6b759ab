/**
 * A municipio's map for the address control: its outline from INEGI's polygons shipped in definitions/catalogs
 * (the ones the dashboard draws) and its localidades with a point from the catalog in force, so a person can
 * find her home by the places she knows. One municipio at a time: a few kilobytes instead of the whole state.
 */
import type { LocalidadEnMapa, MapaMunicipio } from '../../../api/territorio.ts';
import type { SqlClient } from '../../../db/sql.ts';
import { municipioName, queretaroOutlines } from '../../../definitions/municipios.ts';
import { AppError } from '../../errors.ts';

/** Enough places to find one's way on a municipio's map; the smallest ranchos beyond these add weight, not bearings. */
const MAX_LOCALIDADES = 200;

type Contorno = MapaMunicipio['contorno'];

/** Five decimals of a degree are about a metre: more only makes the answer heavier. */
const round = (value: number) => Math.round(value * 1e5) / 1e5;

function rounded(coordinates: unknown): unknown {
  return Array.isArray(coordinates) && typeof coordinates[0] === 'number' ? coordinates.map((c) => round(c as number)) : (coordinates as unknown[]).map(rounded);
}

let outlines: Map<string, Contorno> | null = null;

/** The outlines by municipio clave, rounded to a metre, once. */
function outlinesByClave(): Map<string, Contorno> {
  outlines ??= new Map(queretaroOutlines().features.map((f) => [f.properties.cve_geo, { type: f.geometry.type, coordinates: rounded(f.geometry.coordinates) } as Contorno]));
  return outlines;
}

export async function municipioMap(sql: SqlClient, cveMun: string): Promise<MapaMunicipio> {
  const contorno = outlinesByClave().get(cveMun);
  if (!contorno) throw new AppError('MUNICIPIO_NOT_FOUND', `No tenemos el mapa del municipio ${cveMun}.`);
  const { rows } = await sql.query<LocalidadEnMapa>(
    `select cvegeo as clave, nombre, latitud, longitud, poblacion from cat_localidad
      where cve_mun = $1 and latitud is not null and longitud is not null
      order by poblacion desc nulls last, nombre limit ${MAX_LOCALIDADES}`,
    [cveMun],
  );
  return { clave: cveMun, nombre: municipioName(cveMun), contorno, localidades: rows.map((r) => ({ ...r, latitud: round(r.latitud), longitud: round(r.longitud) })) };
}
