import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { municipioAt, municipioMap, neighbouringMunicipios, pointOutsideMunicipio, type MunicipioShape } from './index.ts';

// INEGI's outlines of Querétaro's 18 municipios, as the project ships them (RFC 7946: outer rings counter-clockwise).
const { features } = JSON.parse(readFileSync(new URL('../../definitions/catalogs/qro_municipios.geojson', import.meta.url), 'utf8')) as {
  features: Array<{ properties: { cve_geo: string }; geometry: MunicipioShape['geometry'] }>;
};
const QRO: MunicipioShape[] = features.map((f) => ({ cveMun: f.properties.cve_geo, geometry: f.geometry }));
const map = municipioMap(QRO);

/** A square of `side` degrees whose south-west corner is at (lon, lat), wound counter-clockwise as GeoJSON does, or clockwise. */
const square = (cveMun: string, lon: number, lat: number, side = 1, clockwise = false): MunicipioShape => {
  const ring = [[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]];
  return { cveMun, geometry: { type: 'Polygon', coordinates: [clockwise ? ring.reverse() : ring] } };
};

describe('municipios that share a border', () => {
  it('Querétaro borders Corregidora, Huimilpan and El Marqués; Landa de Matamoros only Jalpan de Serra; every border is seen from both sides', () => {
    const neighbours = neighbouringMunicipios(QRO);
    expect(neighbours.get('22014')).toEqual(['22006', '22008', '22011']);
    expect(neighbours.get('22010')).toEqual(['22009']);
    expect(neighbours.get('22006')).not.toContain('22016');
    for (const [a, list] of neighbours) for (const b of list) expect(neighbours.get(b), `${b} ↔ ${a}`).toContain(a);
  });

  it('an edge shared is a border; a single corner where two touch is not', () => {
    const neighbours = neighbouringMunicipios([square('A', 0, 0), square('B', 1, 0), square('C', 1, 1)]);
    expect(neighbours.get('A')).toEqual(['B']);
    expect(neighbours.get('B')).toEqual(['A', 'C']);
    expect(neighbours.get('C')).toEqual(['B']);
  });
});

describe('a point against its municipio', () => {
  const JARDIN_ZENEA = { latitud: 20.5926, longitud: -100.3921 }; // Centro histórico, Santiago de Querétaro
  const ZOCALO_CDMX = { latitud: 19.4326, longitud: -99.1332 };

  it('finds the municipio that holds a point, whichever way the rings are wound', () => {
    expect(municipioAt(map, JARDIN_ZENEA.latitud, JARDIN_ZENEA.longitud)).toBe('22014');
    expect(municipioAt(map, ZOCALO_CDMX.latitud, ZOCALO_CDMX.longitud)).toBeNull();
    for (const clockwise of [false, true]) expect(municipioAt(municipioMap([square('A', 0, 0, 1, clockwise)]), 0.5, 0.5)).toBe('A');
  });

  it('a point outside the municipio written is reported with the one that holds it (or none); inside, or no outline to check, is not', () => {
    expect(pointOutsideMunicipio(map, { cveMun: '22014', ...JARDIN_ZENEA })).toBeNull();
    expect(pointOutsideMunicipio(map, { cveMun: '22006', ...JARDIN_ZENEA })).toEqual({ cveMunDelPunto: '22014' });
    expect(pointOutsideMunicipio(map, { cveMun: '22014', ...ZOCALO_CDMX })).toEqual({ cveMunDelPunto: null });
    expect(pointOutsideMunicipio(map, { cveMun: '22014', latitud: 0, longitud: 0 })).toEqual({ cveMunDelPunto: null });
    expect(pointOutsideMunicipio(map, { cveMun: '09015', ...ZOCALO_CDMX })).toBeNull();
  });

  it('within the margin of its outline a point is not reported: the outlines are simplified', () => {
    // Viborillas, Colón (INEGI's point for the localidad) lies 53 m outside Colón's simplified outline.
    const viborillas = { cveMun: '22005', latitud: 20.607405, longitud: -100.188024 };
    expect(pointOutsideMunicipio(map, viborillas)).toEqual({ cveMunDelPunto: '22011' });
    expect(pointOutsideMunicipio(map, viborillas, 0.5)).toBeNull();
    expect(pointOutsideMunicipio(map, { cveMun: '22006', ...JARDIN_ZENEA }, 0.5)).toEqual({ cveMunDelPunto: '22014' });
  });

  it("INEGI's points of the 246 localidades of 1,000+ inhabitants all fall in their municipio, with the margin", () => {
    const [header, ...lines] = readFileSync(new URL('../../definitions/catalogs/qro_localidades_pob1000.csv', import.meta.url), 'utf8').trim().split(/\r?\n/);
    const column = (name: string) => header.split(',').indexOf(name);
    const [cvegeo, latitud, longitud] = [column('cvegeo'), column('latitud'), column('longitud')];
    const localidades = lines.map((l) => l.split(',')).map((c) => ({ cveMun: c[cvegeo].slice(0, 5), latitud: Number(c[latitud]), longitud: Number(c[longitud]) }));
    expect(localidades).toHaveLength(246);
    expect(localidades.filter((l) => pointOutsideMunicipio(map, l, 0.5) !== null)).toEqual([]);
    expect(localidades.filter((l) => pointOutsideMunicipio(map, l) !== null)).toHaveLength(1);
  });
});
