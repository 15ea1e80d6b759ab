/**
 * The geometry of a municipio's map where a person marks her home: the outline projected into a square
 * (Mercator, as d3-geo draws it), zoom levels around the pin, a click turned back into degrees, the pin
 * moved by the keyboard, and which places get a name. Pure: d3-geo and the engine's municipio shapes.
 */
import { geoDistance, geoMercator, geoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo';
import { municipioMap, pointOutsideMunicipio, type MunicipioMap } from '../../../../../../engine/territorio/municipios.ts';
import type { LocalidadEnMapa, MapaMunicipio } from '../../../../../api/territorio.ts';
import { redondear, type Punto } from './punto.ts';

/** The drawing's own units (the SVG's viewBox); the page scales it to the screen. */
export const LADO = 320;
const MARGEN = 12;
export const ZOOMS = [1, 2, 4, 8, 16, 32] as const;
/** A key press moves the pin this many units; with Shift, BIG. */
export const PASO = 4;
export const PASO_LARGO = 24;
const NOMBRES_VISIBLES = 8;

export type LonLat = [number, number];

/** What part of the municipio is shown: a zoom level (1 = the whole municipio) and the point at the middle. */
export interface Vista {
  zoom: number;
  centro: LonLat;
}

/** A municipio ready to be drawn and asked about points: wound as d3-geo expects, with its zoom-1 scale. */
export interface Municipio {
  mapa: MapaMunicipio;
  forma: MunicipioMap;
  contorno: GeoPermissibleObjects;
  escala: number;
  /** The whole municipio, centred. */
  entera: Vista;
}

export function municipio(mapa: MapaMunicipio): Municipio {
  const forma = municipioMap([{ cveMun: mapa.clave, geometry: mapa.contorno }]);
  const contorno = forma.shapes.get(mapa.clave)!.geometry as GeoPermissibleObjects;
  const ajustada = geoMercator().fitExtent(
    [
      [MARGEN, MARGEN],
      [LADO - MARGEN, LADO - MARGEN],
    ],
    contorno,
  );
  return { mapa, forma, contorno, escala: ajustada.scale(), entera: { zoom: 1, centro: ajustada.invert!([LADO / 2, LADO / 2]) as LonLat } };
}

export function proyeccion(m: Municipio, vista: Vista): GeoProjection {
  return geoMercator()
    .scale(m.escala * vista.zoom)
    .center(vista.centro)
    .translate([LADO / 2, LADO / 2]);
}

export const trazo = (m: Municipio, p: GeoProjection) => geoPath(p)(m.contorno) ?? '';

const lonLat = (p: Punto): LonLat => [p.longitud, p.latitud];

/** Where a place falls in the drawing. */
export function enDibujo(p: GeoProjection, lugar: { latitud: number; longitud: number }): [number, number] {
  return p([lugar.longitud, lugar.latitud]) as [number, number];
}

/** The point of the drawing at (x, y), in degrees rounded to about a metre. */
export function puntoEn(p: GeoProjection, x: number, y: number): Punto {
  const [longitud, latitud] = p.invert!([x, y]) as LonLat;
  return { latitud: redondear(latitud), longitud: redondear(longitud) };
}

/** The pin moved by (dx, dy) units of the drawing at this zoom: finer the closer the view. */
export function movido(p: GeoProjection, punto: Punto, dx: number, dy: number): Punto {
  const [x, y] = enDibujo(p, punto);
  return puntoEn(p, x + dx, y + dy);
}

/** The arrows' directions; any other key is not the map's. */
export function desplazamiento(key: string, shift: boolean): [number, number] | null {
  const paso = shift ? PASO_LARGO : PASO;
  const d: Record<string, [number, number]> = { ArrowUp: [0, -paso], ArrowDown: [0, paso], ArrowLeft: [-paso, 0], ArrowRight: [paso, 0] };
  return d[key] ?? null;
}

const visible = ([x, y]: [number, number], margen = 0) => x >= margen && x <= LADO - margen && y >= margen && y <= LADO - margen;

/** The view, moved to have the pin in the middle when the pin has left it (a key pressed at the edge, a phone's reading). */
export function conPuntoVisible(m: Municipio, vista: Vista, punto: Punto | null): Vista {
  if (!punto || visible(enDibujo(proyeccion(m, vista), punto), MARGEN)) return vista;
  return { ...vista, centro: lonLat(punto) };
}

/** One zoom level closer (+1) or farther (-1), centred on the pin when there is one; the whole municipio at level 1. */
export function otroZoom(m: Municipio, vista: Vista, paso: 1 | -1, punto: Punto | null): Vista {
  const i = Math.min(ZOOMS.length - 1, Math.max(0, ZOOMS.indexOf(vista.zoom as (typeof ZOOMS)[number]) + paso));
  if (ZOOMS[i] === 1) return m.entera;
  return { zoom: ZOOMS[i], centro: punto ? lonLat(punto) : vista.centro };
}

/**
 * The first view: around the pin, else around the person's localidad, else the whole municipio. Close enough
 * to put the pin near her home, far enough to keep the places around it in sight (the map has no streets).
 */
export function vistaInicial(m: Municipio, punto: Punto | null, cveLocalidad: string | undefined): Vista {
  if (punto) return { zoom: 8, centro: lonLat(punto) };
  const suya = m.mapa.localidades.find((l) => l.clave === cveLocalidad);
  return suya ? { zoom: 4, centro: [suya.longitud, suya.latitud] } : m.entera;
}

const RADIO_TIERRA_M = 6_371_000;
const LARGOS_REDONDOS_M = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];

/** The scale bar: a round distance at most a quarter of the map wide, and its length in the drawing. */
export function escala(p: GeoProjection): { metros: number; largo: number; texto: string } {
  const medio = LADO / 2;
  const metrosPorUnidad = (geoDistance(p.invert!([medio, medio]) as LonLat, p.invert!([medio + 100, medio]) as LonLat) * RADIO_TIERRA_M) / 100;
  const metros = LARGOS_REDONDOS_M.filter((n) => n / metrosPorUnidad <= LADO / 4).at(-1) ?? LARGOS_REDONDOS_M[0];
  return { metros, largo: metros / metrosPorUnidad, texto: metros >= 1000 ? `${metros / 1000} km` : `${metros} m` };
}

/** The places that get a name: the person's own and the most populated of those in view, a few so they do not overlap much. */
export function conNombre(p: GeoProjection, localidades: readonly LocalidadEnMapa[], cveLocalidad: string | undefined): Set<string> {
  const enVista = localidades.filter((l) => visible(enDibujo(p, l)));
  const nombradas = new Set(enVista.slice(0, NOMBRES_VISIBLES).map((l) => l.clave));
  if (cveLocalidad && enVista.some((l) => l.clave === cveLocalidad)) nombradas.add(cveLocalidad);
  return nombradas;
}

/** Whether the point lies in the municipio drawn (a point on another side of the border deserves a word). */
export const dentroDelMunicipio = (m: Municipio, punto: Punto) => pointOutsideMunicipio(m.forma, { cveMun: m.mapa.clave, ...punto }) === null;
