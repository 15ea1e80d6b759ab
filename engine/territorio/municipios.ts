/**
 * Municipios as shapes: which ones share a border (a person on the edge of Querétaro and Corregidora writes
 * either), and which one holds a point (a phone's location checked against the municipio written). Pure:
 * the outlines come in as data (INEGI's GeoJSON, read by whoever calls), d3-geo does the geometry.
 */
import { geoArea, geoContains, type GeoPermissibleObjects } from 'd3-geo';

type Ring = number[][];

/** A municipio's outline as GeoJSON gives it: its clave (entidad + municipio, 5 digits) and its polygon(s). */
export interface MunicipioShape {
  cveMun: string;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** Outlines ready to be asked about points: wound as d3-geo expects, each with its box to skip most of them quickly. */
export interface MunicipioMap {
  shapes: ReadonlyMap<string, { geometry: MunicipioShape['geometry']; box: [number, number, number, number] }>;
}

const polygonsOf = (g: MunicipioShape['geometry']): Ring[][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/**
 * GeoJSON (RFC 7946) winds outer rings counter-clockwise; d3-geo reads rings on the sphere, where that
 * winding encloses everything but the municipio. A shape bigger than half the globe is turned around.
 */
function woundForD3(g: MunicipioShape['geometry']): MunicipioShape['geometry'] {
  if (geoArea(g as GeoPermissibleObjects) <= 2 * Math.PI) return g;
  const reversed = (polygon: Ring[]) => polygon.map((ring) => [...ring].reverse());
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: reversed(g.coordinates) } : { type: 'MultiPolygon', coordinates: g.coordinates.map(reversed) };
}

function boxOf(g: MunicipioShape['geometry']): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(g))
    for (const [lon, lat] of polygon[0]) {
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
  return box;
}

export function municipioMap(shapes: readonly MunicipioShape[]): MunicipioMap {
  return { shapes: new Map(shapes.map((s) => [s.cveMun, { geometry: woundForD3(s.geometry), box: boxOf(s.geometry) }])) };
}

function holds(shape: { geometry: MunicipioShape['geometry']; box: [number, number, number, number] }, lon: number, lat: number): boolean {
  const [west, south, east, north] = shape.box;
  if (lon < west || lon > east || lat < south || lat > north) return false;
  return geoContains(shape.geometry as GeoPermissibleObjects, [lon, lat]);
}

/** The municipio whose outline holds the point, or null (outside them all: another state, or coordinates swapped). */
export function municipioAt(map: MunicipioMap, latitud: number, longitud: number): string | null {
  for (const [cveMun, shape] of map.shapes) if (holds(shape, longitud, latitud)) return cveMun;
  return null;
}

/** Kilometres from a point to the nearest edge of an outline: flat within a few km (a degree of longitude shrinks by cos(latitude)). */
function kmToOutline(g: MunicipioShape['geometry'], lon: number, lat: number): number {
  const kmPerLon = 111.32 * Math.cos((lat * Math.PI) / 180);
  const flat = ([x, y]: number[]) => [(x - lon) * kmPerLon, (y - lat) * 110.57];
  let nearest = Infinity;
  for (const polygon of polygonsOf(g))
    for (const ring of polygon)
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = flat(ring[i]);
        const [bx, by] = flat(ring[i + 1]);
        const [dx, dy] = [bx - ax, by - ay];
        const along = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
        nearest = Math.min(nearest, Math.hypot(ax + along * dx, ay + along * dy));
      }
  return nearest;
}

/**
 * A point checked against the municipio written: null when it falls inside, or within `marginKm` of the
 * outline (outlines simplified for a map move a border by tens of metres: Viborillas, Colón, lies 53 m
 * outside Colón's), or when there is no outline to check against (a municipio of another state);
 * otherwise the municipio that does hold it, or null for none (another state, the sea at 0,0).
 */
export function pointOutsideMunicipio(map: MunicipioMap, point: { cveMun: string; latitud: number; longitud: number }, marginKm = 0): { cveMunDelPunto: string | null } | null {
  const own = map.shapes.get(point.cveMun);
  if (!own || !Number.isFinite(point.latitud) || !Number.isFinite(point.longitud)) return null;
  if (holds(own, point.longitud, point.latitud)) return null;
  if (marginKm > 0 && kmToOutline(own.geometry, point.longitud, point.latitud) <= marginKm) return null;
  return { cveMunDelPunto: municipioAt(map, point.latitud, point.longitud) };
}

/** A vertex as a key; a millionth of a degree (about 10 cm) absorbs the last digits of a re-projected coordinate. */
const vertexKey = ([lon, lat]: number[]) => `${lon.toFixed(6)},${lat.toFixed(6)}`;

/**
 * Municipios that share a border, from their outlines: INEGI's marco geoestadístico draws a border once for
 * both sides (and a topology-preserving simplification keeps it so), so neighbours share the border's
 * vertices. Two shared vertices or more make a border; one is a corner where they only touch. Outlines
 * drawn apart from each other share none: no neighbours, and the resolver simply goes without them.
 */
export function neighbouringMunicipios(shapes: readonly MunicipioShape[]): Map<string, string[]> {
  const holders = new Map<string, Set<string>>();
  for (const shape of shapes)
    for (const polygon of polygonsOf(shape.geometry))
      for (const ring of polygon)
        for (const vertex of ring) {
          const key = vertexKey(vertex);
          (holders.get(key) ?? holders.set(key, new Set()).get(key)!).add(shape.cveMun);
        }
  const shared = new Map<string, number>();
  for (const municipios of holders.values()) {
    if (municipios.size < 2) continue;
    for (const a of municipios) for (const b of municipios) if (a !== b) shared.set(`${a} ${b}`, (shared.get(`${a} ${b}`) ?? 0) + 1);
  }
  const neighbours = new Map<string, string[]>(shapes.map((s) => [s.cveMun, []]));
  for (const [pair, n] of shared) {
    const [a, b] = pair.split(' ');
    if (n >= 2) neighbours.get(a)!.push(b);
  }
  for (const list of neighbours.values()) list.sort();
  return neighbours;
}
