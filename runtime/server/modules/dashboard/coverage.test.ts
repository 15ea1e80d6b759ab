/**
 * Coverage of the padrón by territory through its HTTP contract: two agencies' rolls loaded as «Carga
 * masiva» loads them, then the state's municipios, a municipio's localidades and colonias, a localidad,
 * per 1,000 inhabitants, narrowed by program and period, downloaded as CSV and GeoJSON, and scoped to
 * the programs the official may see.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoberturaDeLocalidad, CoberturaDeMunicipio, CoberturaEstado } from '../../../api/dashboard.ts';
import { curpCheckDigit } from '../../../../engine/curp.ts';
import { ROLE_FUNCIONARIO, ROLE_PADRON, ROLE_PLANEACION } from '../../../../engine/vocabulary.ts';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { loadRollThroughApi } from '../../../../test/helpers/padron.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';

const curp = (first17: string) => `${first17}${curpCheckDigit(first17)}`;
const ANA = curp('ROHA771226MQTDRN0');
const HEADER = 'curp,primer_apellido,segundo_apellido,nombre,fecha_nacimiento,sexo,cve_mun,cve_loc,codigo_postal,colonia,monto,fecha_pago';
const DESPENSAS = [
  HEADER,
  `${ANA},RODRIGUEZ,HERNANDEZ,ANA,1977-12-26,M,22014,0001,76000,Centro,900,2026-03-10`,
  `${curp('LOPJ800101HQTPRN0')},LOPEZ,PEREZ,JUAN,1980-01-01,H,22014,0001,76000,centro,900,2026-03-10`,
  `${curp('MAGL900215MQTRRS0')},MARTINEZ,GARCIA,LUISA,1990-02-15,M,22014,0001,76100,Las Rosas,900,2026-08-01`,
  `${curp('SAVP700505HQTNGD0')},SANCHEZ,VEGA,PEDRO,1970-05-05,H,22014,0873,76230,El Salitre,900,2026-08-01`,
  `${curp('OERM851111MQTLMR0')},OLVERA,RAMIREZ,MARIA,1985-11-11,M,22006,0001,76900,El Pueblito,900,2026-08-01`,
].join('\n');
// Ana receives a second support from another agency: one person, two supports.
const BECAS = [HEADER, `${ANA},RODRIGUEZ,HERNANDEZ,ANA,1977-12-26,M,22014,0001,76000,Centro,1500,2026-09-01`].join('\n');

let t: TestApp;
let planner: string;
const origin = 'http://localhost';

beforeAll(async () => {
  t = await startTestApp();
  const liaison = (await officialWithSession(t.app, [ROLE_PADRON, ROLE_PLANEACION], 'direccion-planeacion-evaluacion')).cookie;
  for (const [clave, nombre, dependencia, roll] of [
    ['despensas-cobertura', 'Despensas (cobertura)', 'dif-estatal', DESPENSAS],
    ['becas-cobertura', 'Becas (cobertura)', 'sedeq', BECAS],
  ]) {
    const created = await t.app.inject({ method: 'POST', url: '/api/funcionario/padron/programas', headers: { cookie: liaison, origin }, payload: { clave, nombre, dependencia, tipo: 'economico' } });
    expect(created.statusCode, created.body).toBe(201);
    await loadRollThroughApi(t.app, liaison, clave, `${clave}.csv`, roll);
  }
  planner = (await officialWithSession(t.app, [ROLE_FUNCIONARIO, ROLE_PLANEACION], 'direccion-planeacion-evaluacion')).cookie;
}, 120_000);
afterAll(() => t?.close());

const get = (url: string, cookie = planner) => t.app.inject({ method: 'GET', url: `/api/funcionario/tablero/cobertura${url}`, headers: { cookie } });

describe('cobertura del padrón por territorio', () => {
  it('counts people once and their supports per municipio, per 1,000 inhabitants of the Censo 2020', async () => {
    const res = await get('');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<CoberturaEstado>();
    expect(body.municipios).toHaveLength(18);
    const queretaro = body.municipios.find((m) => m.clave === '22014')!;
    expect(queretaro).toMatchObject({ nombre: 'Querétaro', personas: 4, apoyos: 5, poblacion: 1049777 });
    expect(queretaro.personasPorMil).toBeCloseTo((4 * 1000) / 1049777, 2);
    expect(body.municipios.find((m) => m.clave === '22006')).toMatchObject({ personas: 1, apoyos: 1 });
    expect(body.municipios.find((m) => m.clave === '22001')).toMatchObject({ personas: 0, apoyos: 0, personasPorMil: 0 });
    expect(body.total).toMatchObject({ personas: 5, apoyos: 6 });
    expect(body.programas.map((p) => p.clave)).toEqual(expect.arrayContaining(['despensas-cobertura', 'becas-cobertura']));
  });

  it('narrows to a program and a period; a period backwards is refused with its reason', async () => {
    const becas = (await get('?programa=becas-cobertura')).json<CoberturaEstado>();
    expect(becas.total).toMatchObject({ personas: 1, apoyos: 1 });
    const marzo = (await get('?desde=2026-03-01&hasta=2026-03-31')).json<CoberturaEstado>();
    expect(marzo.total).toMatchObject({ personas: 2, apoyos: 2 });
    const backwards = await get('?desde=2026-09-01&hasta=2026-03-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toContain('«Desde» es posterior a «Hasta»');
  });

  it('drills into a municipio: its catalog localidades with points, the people outside the catalog, and its colonias', async () => {
    const body = (await get('/municipios/22014')).json<CoberturaDeMunicipio>();
    const santiago = body.localidades.find((l) => l.cvegeo === '220140001')!;
    expect(santiago).toMatchObject({ personas: 3, apoyos: 4, ambito: 'urbano', poblacion: 794789 });
    expect(santiago.latitud).toBeCloseTo(20.59, 1);
    expect(body.localidades.filter((l) => l.personas === 0).length).toBe(body.localidades.length - 1);
    expect(body.otrasLocalidades).toEqual({ personas: 1, apoyos: 1 });
    expect(body.municipio).toMatchObject({ personas: 4, apoyos: 5 });
    // «Centro» and «centro» are the same text to a person, but only the cleaning may say so: until then, as written.
    expect(body.colonias.map((c) => [c.nombre, c.personas])).toEqual(expect.arrayContaining([['Centro', 1], ['centro', 1], ['Las Rosas', 1], ['El Salitre', 1]]));
    expect((await get('/municipios/99999')).json().error.code).toBe('MUNICIPIO_NOT_FOUND');
  });

  it('drills into a localidad and its colonias', async () => {
    const body = (await get('/localidades/220140001')).json<CoberturaDeLocalidad>();
    expect(body.municipio).toEqual({ clave: '22014', nombre: 'Querétaro' });
    expect(body.localidad).toMatchObject({ nombre: 'Santiago de Queretaro', personas: 3, apoyos: 4 });
    expect(body.colonias.map((c) => c.nombre).sort()).toEqual(['Centro', 'Las Rosas', 'centro']);
    expect((await get('/localidades/220149999')).json().error.code).toBe('LOCALIDAD_NOT_FOUND');
  });

  it('downloads each level as CSV and GeoJSON', async () => {
    const csv = await get('?formato=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('cobertura-municipios.csv');
    expect(csv.body).toContain('22014,Querétaro,1049777,4,5,');
    const geo = (await get('?formato=geojson')).json();
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(18);
    expect(geo.features.find((f: { properties: { clave: string } }) => f.properties.clave === '22014').properties).toMatchObject({ personas: 4, apoyos: 5 });
    const points = (await get('/municipios/22014?formato=geojson')).json();
    const santiago = points.features.find((f: { properties: { cvegeo: string } }) => f.properties.cvegeo === '220140001');
    expect(santiago.geometry).toEqual({ type: 'Point', coordinates: [-100.389957, 20.593391] });
    expect((await get('/municipios/22014?formato=colonias-csv')).body).toContain('El Salitre,76230,1,1');
    expect((await get('/municipios/22014')).body).not.toContain('ROHA');
  });

  it('sends the map’s outlines gzipped to a browser that accepts it, and as they are to one that does not', async () => {
    const zipped = await t.app.inject({ method: 'GET', url: '/api/catalogos/municipios-qro.geojson', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const plain = await t.app.inject({ method: 'GET', url: '/api/catalogos/municipios-qro.geojson' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
  });

  it('an official of another agency counts only their programs', async () => {
    const dif = (await officialWithSession(t.app, [ROLE_FUNCIONARIO], 'dif-estatal')).cookie;
    const body = (await get('', dif)).json<CoberturaEstado>();
    expect(body.programas.map((p) => p.clave)).toContain('despensas-cobertura');
    expect(body.programas.map((p) => p.clave)).not.toContain('becas-cobertura');
    expect(body.total).toMatchObject({ personas: 5, apoyos: 5 });
    expect((await get('?programa=becas-cobertura', dif)).json().error.code).toBe('PROGRAM_NOT_FOUND');
  });
});
