/** Pure pieces of the "Tablero": colours, the map's classes and shapes, the charts' options and labels, and the totals. */
import type { ChartOptions } from 'chart.js';
import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo';
import { formatNumber } from '../../format.ts';
import type { Tablero } from '../api.ts';

export const ESTADO_COLOR: Record<string, string> = {
  'En proceso': '#0b5c9e',
  Corrección: '#8a4b00',
  Aprobada: '#1e6b34',
  Entregado: '#1e5b4f',
  Rechazada: '#b3261e',
  Baja: '#6b4f5a',
};

/** Sequential classes, light to dark, all distinguishable; the first is "none". */
export const CLASES = ['#f3eff1', '#c9e3db', '#8ec5b4', '#4f9c89', '#1e5b4f'];

export interface Feature {
  type: 'Feature';
  properties: { cve_geo: string; nom_mun: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

/**
 * GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo reads them on the sphere, where that
 * is "everything but the municipio". Rings are reversed when a feature covers more than half the globe.
 */
export function rewind(f: Feature): Feature {
  if (geoArea(f as unknown as GeoPermissibleObjects) <= 2 * Math.PI) return f;
  const rings = (p: number[][][]) => p.map((r) => [...r].reverse());
  const coordinates = f.geometry.type === 'Polygon' ? rings(f.geometry.coordinates as number[][][]) : (f.geometry.coordinates as number[][][][]).map(rings);
  return { ...f, geometry: { ...f.geometry, coordinates } as Feature['geometry'] };
}

/** A municipio's (or a localidad's) outline as drawn: its key, its name and its SVG path. */
export type Trazo = { clave: string; nombre: string; d: string };

/**
 * Fits the outlines to a drawing of `ancho` × `alto` (Mercator, with a `margen` all round) and gives the
 * projection, for points, and each outline's path. The dashboard's, the coverage and the brigades' maps
 * draw the same INEGI outlines the same way.
 */
export function proyectarContornos(contornos: Feature[], ancho: number, alto: number, margen = 10): { projection: GeoProjection; trazos: Trazo[] } {
  const rewound = contornos.map(rewind);
  const collection = { type: 'FeatureCollection', features: rewound } as unknown as GeoPermissibleObjects;
  const projection = geoMercator().fitExtent(
    [
      [margen, margen],
      [ancho - margen, alto - margen],
    ],
    collection,
  );
  const path = geoPath(projection);
  return { projection, trazos: rewound.map((f) => ({ clave: f.properties.cve_geo, nombre: f.properties.nom_mun, d: path(f as unknown as GeoPermissibleObjects) ?? '' })) };
}

export type Clase = { desde: number; hasta: number; color: string };

/** "None" plus up to four equal ranges; with fewer ranges the darker colours are used, so one beneficiary shows clearly. */
export function clases(max: number): Clase[] {
  if (max <= 0) return [{ desde: 0, hasta: 0, color: CLASES[0] }];
  const n = Math.min(4, max);
  const step = Math.ceil(max / n);
  const ranges: Array<{ desde: number; hasta: number }> = [];
  for (let i = 0; i < n; i++) ranges.push({ desde: i * step + 1, hasta: Math.min(max, (i + 1) * step) });
  const used = ranges.filter((c) => c.desde <= c.hasta);
  const colors = CLASES.slice(CLASES.length - used.length);
  return [{ desde: 0, hasta: 0, color: CLASES[0] }, ...used.map((r, i) => ({ ...r, color: colors[i] }))];
}

/** The colour of a number of beneficiaries in a scale. */
export const colorEnEscala = (escala: Clase[], n: number) => escala.find((c) => n >= c.desde && n <= c.hasta)?.color ?? CLASES[0];

/** A legend entry: one number, or a range. */
export const rangoTexto = (c: Clase) => (c.desde === c.hasta ? formatNumber(c.desde) : `${formatNumber(c.desde)} a ${formatNumber(c.hasta)}`);

/** A long label in lines of about 18 characters (Chart.js draws an array as several lines instead of cutting it). */
export function enLineas(label: string): string | string[] {
  if (label.length <= 18) return label;
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= 18) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The bar charts' options: whole numbers from zero, the portal's text colour, no animation. */
export function opcionesGrafica(horizontal: boolean | undefined): ChartOptions<'bar'> {
  return {
    indexAxis: horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { display: false }, tooltip: { enabled: true } },
    scales: {
      x: { beginAtZero: true, ticks: { precision: 0, color: '#1d1b1c', font: { size: 13 } }, grid: { color: '#e2dcdf' } },
      y: { beginAtZero: true, ticks: { precision: 0, color: '#1d1b1c', font: { size: 13 } }, grid: { color: '#e2dcdf' } },
    },
  };
}

export type FilaMunicipio = { clave: string; nombre: string; solicitudes: number; beneficiarios: number };

/** Every municipio of the map with its figures (0 when none), most beneficiaries first, then applications, then by name. */
export function filasMunicipios(paths: Array<{ clave: string; nombre: string }>, datos: Tablero['porMunicipio']): FilaMunicipio[] {
  const porClave = new Map(datos.map((d) => [d.municipio, d]));
  return paths
    .map((p) => ({ ...p, solicitudes: porClave.get(p.clave)?.solicitudes ?? 0, beneficiarios: porClave.get(p.clave)?.beneficiarios ?? 0 }))
    .sort((a, b) => b.beneficiarios - a.beneficiarios || b.solicitudes - a.solicitudes || a.nombre.localeCompare(b.nombre, 'es'));
}

/** The map's sentence: the municipio with most beneficiaries. */
export function descripcionMapa(filas: FilaMunicipio[]): string {
  const top = filas[0];
  return top && top.beneficiarios > 0 ? `El municipio con más beneficiarios es ${top.nombre}, con ${formatNumber(top.beneficiarios)}.` : 'Todavía no hay beneficiarios.';
}

/** The three totals above the charts. */
export function totales(data: Tablero): Array<[string, number]> {
  const total = data.porPrograma.reduce((s, p) => s + p.total, 0);
  const beneficiarios = data.porMunicipio.reduce((s, m) => s + m.beneficiarios, 0);
  const aprobadas = data.porEstado.filter((e) => e.estado === 'Aprobada').reduce((s, e) => s + e.total, 0);
  return [
    ['Solicitudes', total],
    ['Aprobadas sin entregar', aprobadas],
    ['Beneficiarios (entregado)', beneficiarios],
    // The padrón counts people once, however many supports each received.
    ['Personas en el padrón', data.padron.personas],
    ['Apoyos en el padrón', data.padron.apoyos],
  ];
}
