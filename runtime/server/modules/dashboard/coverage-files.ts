/**
 * The coverage map and its table as files to take away: CSV (with a BOM, so Excel reads the accents) and
 * GeoJSON (RFC 7946: the municipios' INEGI outlines, the localidades as points), each level with the
 * same figures the page shows.
 */
import { stringify } from 'csv-stringify/sync';
import type { CoberturaColonia, CoberturaDeLocalidad, CoberturaDeMunicipio, CoberturaEstado, CoberturaLocalidad, Conteo } from '../../../api/dashboard.ts';

export interface CoverageFile {
  name: string;
  type: string;
  body: string;
}

const FIGURES = ['Población (Censo 2020)', 'Personas', 'Apoyos', 'Personas por cada 1,000 habitantes', 'Apoyos por cada 1,000 habitantes'];
const figures = (c: Conteo) => [c.poblacion ?? '', c.personas, c.apoyos, c.personasPorMil ?? '', c.apoyosPorMil ?? ''];
const properties = (c: Conteo) => ({ poblacion: c.poblacion, personas: c.personas, apoyos: c.apoyos, personas_por_mil: c.personasPorMil, apoyos_por_mil: c.apoyosPorMil });

const csv = (name: string, header: string[], rows: Array<Array<string | number>>): CoverageFile => ({ name: `${name}.csv`, type: 'text/csv; charset=utf-8', body: stringify([header, ...rows], { bom: true }) });
const geojson = (name: string, features: unknown[]): CoverageFile => ({ name: `${name}.geojson`, type: 'application/geo+json; charset=utf-8', body: JSON.stringify({ type: 'FeatureCollection', features }) });

export interface MunicipioShape {
  properties: { cve_geo: string };
  geometry: unknown;
}

export function stateFile(data: CoberturaEstado, format: 'csv' | 'geojson', shapes: readonly MunicipioShape[]): CoverageFile {
  if (format === 'csv') return csv('cobertura-municipios', ['Clave', 'Municipio', ...FIGURES], data.municipios.map((m) => [m.clave, m.nombre, ...figures(m)]));
  const byClave = new Map(data.municipios.map((m) => [m.clave, m]));
  // Municipios outside the state have no outline here; the CSV lists them.
  const features = shapes.flatMap((s) => {
    const m = byClave.get(s.properties.cve_geo);
    return m ? [{ type: 'Feature', geometry: s.geometry, properties: { clave: m.clave, municipio: m.nombre, ...properties(m) } }] : [];
  });
  return geojson('cobertura-municipios', features);
}

const localidadLine = (l: CoberturaLocalidad) => [l.cvegeo, l.nombre, l.ambito ?? '', ...figures(l)];
const localidadPoint = (l: CoberturaLocalidad) =>
  l.latitud === null || l.longitud === null ? [] : [{ type: 'Feature', geometry: { type: 'Point', coordinates: [l.longitud, l.latitud] }, properties: { cvegeo: l.cvegeo, localidad: l.nombre, ambito: l.ambito, ...properties(l) } }];

const coloniaLines = (colonias: CoberturaColonia[]) => colonias.map((c) => [c.clave ?? '', c.nombre, c.codigoPostal ?? '', c.personas, c.apoyos]);
const COLONIA_HEADER = ['Clave del asentamiento', 'Colonia', 'Código postal', 'Personas', 'Apoyos'];

export function municipioFile(data: CoberturaDeMunicipio, format: 'csv' | 'geojson' | 'colonias-csv'): CoverageFile {
  const name = `cobertura-${data.municipio.clave}`;
  if (format === 'colonias-csv') return csv(`${name}-colonias`, COLONIA_HEADER, coloniaLines(data.colonias));
  if (format === 'geojson') return geojson(`${name}-localidades`, data.localidades.flatMap(localidadPoint));
  const otras = data.otrasLocalidades;
  const lines = [...data.localidades.map(localidadLine), ['', 'Otras localidades (fuera del catálogo o sin localidad)', '', '', otras.personas, otras.apoyos, '', '']];
  return csv(`${name}-localidades`, ['Clave geoestadística', 'Localidad', 'Ámbito', ...FIGURES], lines);
}

export function localidadFile(data: CoberturaDeLocalidad, format: 'csv' | 'geojson' | 'colonias-csv'): CoverageFile {
  const name = `cobertura-${data.localidad.cvegeo}`;
  if (format === 'geojson') return geojson(name, localidadPoint(data.localidad));
  return csv(`${name}-colonias`, COLONIA_HEADER, coloniaLines(data.colonias));
}
