import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { insertDraft, seedApplications, type ApplicationSpec } from '../../../../test/helpers/seed-applications.ts';

const AEMU = 'apoyo-emergente-mujeres';
const BESC = 'becas-escolares';

let t: TestApp;
let cookie: string;

const at = (i: number) => new Date(Date.parse('2026-11-15T10:00:00-06:00') + i * 60_000).toISOString();
const person = (i: number) => ({ nombres: `PERSONA ${i}`, primerApellido: 'TABLERO' });

beforeAll(async () => {
  t = await startTestApp();
  const specs: ApplicationSpec[] = [
    { program: AEMU, state: 'entregado', municipio: '22014' },
    { program: AEMU, state: 'entregado', municipio: '22014' },
    { program: AEMU, state: 'en_revision', municipio: '22014' },
    { program: AEMU, state: 'aprobada', municipio: '22006' },
    { program: BESC, state: 'entregado', municipio: '22006' },
    { program: BESC, state: 'rechazada', municipio: null },
    { program: BESC, state: 'en_revision', municipio: '09015' },
  ].map((s, i) => ({ ...s, citizen: person(i), submittedAt: at(i) }));
  await seedApplications(t.app, specs);
  await insertDraft(t.app, AEMU, '22014'); // drafts are not applications yet: never counted
  ({ cookie } = await officialWithSession(t.app, ['funcionario']));
}, 120_000);
afterAll(() => t?.close());

const get = (url: string, who = cookie) => t.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie: who } });

describe('dashboard', () => {
  it('counts submitted applications by program, status and municipio, with the beneficiaries', async () => {
    const res = await get('/funcionario/tablero');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const perProgram = Object.fromEntries(body.porPrograma.map((p: { programa: string; total: number }) => [p.programa, p.total]));
    expect(perProgram).toMatchObject({ [AEMU]: 4, [BESC]: 3, 'apoyo-tecnologico': 0 });
    expect(body.porPrograma.find((p: { programa: string }) => p.programa === AEMU).nombre).toBe('Apoyo emergente para mujeres');
    expect(body.porEstado).toEqual([
      { estado: 'Entregado', total: 3 },
      { estado: 'En proceso', total: 2 },
      { estado: 'Aprobada', total: 1 },
      { estado: 'Rechazada', total: 1 },
    ]);
    const municipios = new Map(body.porMunicipio.map((m: { municipio: string }) => [m.municipio, m]));
    // All 18 municipios of Querétaro for the map, plus any other the applications name.
    expect(body.porMunicipio).toHaveLength(19);
    expect(municipios.get('22014')).toEqual({ municipio: '22014', nombre: 'Querétaro', solicitudes: 3, beneficiarios: 2 });
    expect(municipios.get('22006')).toEqual({ municipio: '22006', nombre: 'Corregidora', solicitudes: 2, beneficiarios: 1 });
    expect(municipios.get('22001')).toEqual({ municipio: '22001', nombre: 'Amealco de Bonfil', solicitudes: 0, beneficiarios: 0 });
    expect(municipios.get('09015')).toEqual({ municipio: '09015', nombre: 'Cuauhtémoc', solicitudes: 1, beneficiarios: 0 });
  });

  it('narrows to one program; a program outside the area does not exist; another area sees zeros', async () => {
    const body = (await get(`/funcionario/tablero?programa=${BESC}`)).json();
    expect(body.porPrograma).toEqual([{ programa: BESC, nombre: 'Becas escolares', total: 3 }]);
    expect(body.porEstado).toEqual([
      { estado: 'En proceso', total: 1 },
      { estado: 'Entregado', total: 1 },
      { estado: 'Rechazada', total: 1 },
    ]);
    expect(body.porMunicipio.find((m: { municipio: string }) => m.municipio === '22014')).toMatchObject({ solicitudes: 0, beneficiarios: 0 });
    const { cookie: outsider } = await officialWithSession(t.app, ['coordinador'], 'otra-area');
    expect((await get(`/funcionario/tablero?programa=${BESC}`, outsider)).json().error.code).toBe('PROGRAM_NOT_FOUND');
    const elsewhere = (await get('/funcionario/tablero', outsider)).json();
    expect(elsewhere.porPrograma).toEqual([]);
    expect(elsewhere.porEstado).toEqual([]);
    expect(elsewhere.porMunicipio.every((m: { solicitudes: number }) => m.solicitudes === 0)).toBe(true);
    expect((await get('/funcionario/tablero?programa=NO%20VALE')).json().error.code).toBe('VALIDATION_FAILED');
    expect((await t.app.inject({ method: 'GET', url: '/api/funcionario/tablero' })).statusCode).toBe(401);
  });

  it('serves the map of Querétaro’s municipios publicly, as GeoJSON', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/catalogos/municipios-qro.geojson' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const map = res.json();
    expect(map.type).toBe('FeatureCollection');
    expect(map.features.map((f: { properties: { cve_geo: string } }) => f.properties.cve_geo).sort()).toEqual(
      Array.from({ length: 18 }, (_, i) => `220${String(i + 1).padStart(2, '0')}`),
    );
  });
});
