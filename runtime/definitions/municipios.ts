import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFINITIONS_DIR } from './library.ts';

export interface Municipio {
  clave: string;
  nombre: string;
  /** Censo 2020 (INEGI). */
  poblacion: number;
}

let national: Map<string, string> | null = null;
let queretaro: Municipio[] | null = null;

/** INEGI names of every municipio of the country, by 5-digit clave (read once). */
export function municipioNames(): Map<string, string> {
  national ??= new Map(
    (JSON.parse(readFileSync(join(DEFINITIONS_DIR, 'catalogs', 'municipios.json'), 'utf8')) as Array<{ clave: string; nombre: string }>).map((m) => [m.clave, m.nombre]),
  );
  return national;
}

/** The 18 municipios of Querétaro (INEGI catalog), in clave order: the map always shows all of them. */
export function queretaroMunicipios(): Municipio[] {
  if (!queretaro) {
    const [header, ...lines] = readFileSync(join(DEFINITIONS_DIR, 'catalogs', 'qro_municipios.csv'), 'utf8').trim().split(/\r?\n/);
    const columns = header.split(',');
    const clave = columns.indexOf('cve_completa');
    const nombre = columns.indexOf('nom_municipio');
    const poblacion = columns.indexOf('poblacion_total');
    // Plain CSV without quoted commas (INEGI's names have none).
    queretaro = lines.map((line) => line.split(',')).map((cells) => ({ clave: cells[clave], nombre: cells[nombre], poblacion: Number(cells[poblacion]) })).sort((a, b) => a.clave.localeCompare(b.clave));
  }
  return queretaro;
}

/** A municipio's name, or its clave when the catalog does not know it. */
export function municipioName(clave: string | null): string {
  if (!clave) return '';
  return municipioNames().get(clave) ?? clave;
}

/** A municipio's outline as INEGI's GeoJSON carries it (WGS84, simplified). */
export interface MunicipioOutline {
  type: 'Feature';
  properties: { cve_geo: string; nom_mun: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

let outlines: { file: Buffer; features: MunicipioOutline[] } | null = null;

/** The outlines of Querétaro's municipios (INEGI, definitions/catalogs), the file as it is and parsed, read once. */
export function queretaroOutlines(): { file: Buffer; features: MunicipioOutline[] } {
  if (!outlines) {
    const file = readFileSync(join(DEFINITIONS_DIR, 'catalogs', 'qro_municipios.geojson'));
    outlines = { file, features: (JSON.parse(file.toString('utf8')) as { features: MunicipioOutline[] }).features };
  }
  return outlines;
}
