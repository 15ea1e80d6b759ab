/**
 * Issue 15, supervision: a supervisor sees each brigade's progress (records and their answers by
 * day and localidad, points for the map) and hands out and moves their work lists, only within
 * their area.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenWithSession, nextAdultCurp, officialWithSession } from '../../../../test/helpers/actors.ts';
import { FIELD_BASE, fieldRecord, multipartOf, personFor, photo, recordParts } from '../../../../test/helpers/campo.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';

const AREA = 'subsecretaria-desarrollo-social';
type Caller = { official: { id: string }; cookie: string };

let t: TestApp;
let supervisor: Caller;
let ana: Caller;
let beto: Caller;
let visits: Array<{ id: string; brigadista: string; estado: string; municipio: string }>;

beforeAll(async () => {
  t = await startTestApp({ now: FIELD_BASE.at });
  supervisor = await officialWithSession(t.app, ['supervision-campo'], AREA);
  ana = await officialWithSession(t.app, ['brigadista'], AREA);
  beto = await officialWithSession(t.app, ['brigadista'], 'direccion-atencion-grupos-prioritarios');
}, 60_000);
afterAll(() => t?.close());

const api = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url: `/api${url}`, headers: { cookie, origin: 'http://localhost' }, ...(payload ? { payload } : {}) });
function send(record: unknown, who: Caller, photos?: Record<string, Buffer>) {
  const { payload, headers } = multipartOf(recordParts(record, photos));
  return t.app.inject({ method: 'POST', url: '/api/campo/registros', payload, headers: { ...headers, cookie: who.cookie } });
}

describe('work lists', () => {
  it('gives visits to a brigadista of the area; they travel in the package with their municipio’s catalogs', async () => {
    const res = await api('POST', '/campo/visitas', supervisor.cookie, {
      brigadista: ana.official.id,
      visitas: [
        { nombre: 'Familia Sánchez Ortiz', domicilio: 'Calle Nogal 27', municipio: '22016', localidad: '220160001', nota: 'Por la tarde' },
        { nombre: 'Familia Trejo', municipio: '22016' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    visits = res.json();
    expect(visits.map((v) => [v.brigadista, v.estado])).toEqual([[ana.official.id, 'pendiente'], [ana.official.id, 'pendiente']]);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect((await api('GET', `/campo/visitas?brigadista=${ana.official.id}`, supervisor.cookie)).json().sort(byId)).toEqual([...visits].sort(byId));
    const pkg = (await api('GET', '/campo/paquete', ana.cookie)).json();
    expect(pkg.visitas.map((v: { id: string }) => v.id).sort()).toEqual(visits.map((v) => v.id).sort());
    expect(Object.keys(pkg.catalogos.localidades)).toEqual(['22016']);
    expect(Object.keys(pkg.catalogos.colonias)).toEqual(['22016']);
  });

  it('moves a visit to another brigadista of the area; outside the area nothing is found', async () => {
    const moved = await api('PUT', `/campo/visitas/${visits[1].id}`, supervisor.cookie, { brigadista: beto.official.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ id: visits[1].id, brigadista: beto.official.id });
    expect((await api('GET', '/campo/paquete', beto.cookie)).json().visitas.map((v: { id: string }) => v.id)).toEqual([visits[1].id]);
    expect((await api('GET', '/campo/paquete', ana.cookie)).json().visitas.map((v: { id: string }) => v.id)).toEqual([visits[0].id]);

    const elsewhere = await officialWithSession(t.app, ['supervision-campo'], 'direccion-programas-sociales');
    const foreign = await api('PUT', `/campo/visitas/${visits[0].id}`, elsewhere.cookie, { brigadista: ana.official.id });
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([404, 'FIELD_VISIT_NOT_FOUND']);
    expect((await api('GET', `/campo/visitas?brigadista=${ana.official.id}`, elsewhere.cookie)).json()).toEqual([]);
    const difBrigadista = await officialWithSession(t.app, ['brigadista'], 'dif-estatal');
    const toForeign = await api('PUT', `/campo/visitas/${visits[0].id}`, supervisor.cookie, { brigadista: difBrigadista.official.id });
    expect([toForeign.statusCode, toForeign.json().error.code]).toEqual([404, 'BRIGADISTA_NOT_FOUND']);
    const notBrigadista = await officialWithSession(t.app, ['revisor'], AREA);
    expect((await api('POST', '/campo/visitas', supervisor.cookie, { brigadista: notBrigadista.official.id, visitas: [{ nombre: 'X', municipio: '22016' }] })).json().error.code).toBe('BRIGADISTA_NOT_FOUND');
    expect((await api('PUT', '/campo/visitas/no-es-id', supervisor.cookie, { brigadista: ana.official.id })).statusCode).toBe(404);
  });
});

describe('progress', () => {
  it('counts each brigadista’s records by answer, day and localidad, with their points, within the period and municipio asked', async () => {
    const day1 = '2026-11-10T09:00:00-06:00';
    const day2 = '2026-11-11T16:30:00-06:00';
    const at = (capturadoEn: string) => ({ capturadoEn, ubicacion: { lat: 20.39, lng: -99.98, precision: 8, capturadaEn: capturadoEn } });
    const withVisit = fieldRecord(personFor(nextAdultCurp()), { ...at(day1), visita: visits[0].id });
    expect((await send(withVisit, ana)).json().resultado).toBe('aceptado');
    expect((await send(fieldRecord(personFor(nextAdultCurp()), at(day2)), ana)).json().resultado).toBe('aceptado');
    expect((await send(fieldRecord(personFor(nextAdultCurp()), at(day2)), ana, { curp: photo() })).json().resultado).toBe('rechazado');
    const { citizen } = await citizenWithSession(t.app, { nombres: 'LAURA', primerApellido: 'PEREZ', segundoApellido: 'GOMEZ' });
    // Beto's dirección does not run this program: his record is refused (and counted).
    expect((await send(fieldRecord(personFor(citizen.curp, { nombres: 'Irma', primerApellido: 'Luna', segundoApellido: 'Sol' }), at(day1)), beto)).json().motivos[0].codigo).toBe('PROGRAM_NOT_FOUND');
    expect((await api('GET', `/campo/visitas?brigadista=${ana.official.id}`, supervisor.cookie)).json()).toEqual([expect.objectContaining({ id: visits[0].id, estado: 'visitada' })]);

    const res = await api('GET', '/campo/supervision?desde=2026-11-01&hasta=2026-11-30', supervisor.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.totales).toEqual({ registros: 4, aceptados: 2, rechazados: 2, conflictos: 0 });
    const a = body.brigadistas.find((b: { id: string }) => b.id === ana.official.id);
    expect(a).toMatchObject({ registros: 3, aceptados: 2, rechazados: 1, conflictos: 0, visitasPendientes: 0 });
    expect(a.porDia).toEqual([
      { dia: '2026-11-10', registros: 1, aceptados: 1, rechazados: 0, conflictos: 0 },
      { dia: '2026-11-11', registros: 2, aceptados: 1, rechazados: 1, conflictos: 0 },
    ]);
    expect(a.porLocalidad).toEqual([{ localidad: '220160001', nombre: 'San Juan del Rio', registros: 3, aceptados: 2, rechazados: 1, conflictos: 0 }]);
    const b = body.brigadistas.find((x: { id: string }) => x.id === beto.official.id);
    expect(b).toMatchObject({ registros: 1, rechazados: 1, visitasPendientes: 1 });
    expect(body.puntos).toHaveLength(4);
    expect(body.puntos[0]).toMatchObject({ lat: 20.39, lng: -99.98, precision: 8, brigadista: expect.any(String) });

    const oneDay = (await api('GET', '/campo/supervision?desde=2026-11-11&hasta=2026-11-11', supervisor.cookie)).json();
    expect(oneDay.totales).toEqual({ registros: 2, aceptados: 1, rechazados: 1, conflictos: 0 });
    expect((await api('GET', '/campo/supervision?desde=2026-11-01&hasta=2026-11-30&municipio=22001', supervisor.cookie)).json().totales.registros).toBe(0);
    expect((await api('GET', '/campo/supervision?desde=2026-11-01&hasta=2026-11-30&municipio=22016', supervisor.cookie)).json().totales.registros).toBe(3);
    // Without dates: the last 30 days.
    expect((await api('GET', '/campo/supervision', supervisor.cookie)).json()).toMatchObject({ desde: '2026-10-14', hasta: '2026-11-12' });
  });

  it('administrators see it too; a brigadista and a supervisor of another area do not see these brigades', async () => {
    const admin = await officialWithSession(t.app, ['administrador'], AREA);
    expect((await api('GET', '/campo/supervision?desde=2026-11-01&hasta=2026-11-30', admin.cookie)).json().totales.registros).toBe(4);
    expect((await api('GET', '/campo/supervision', ana.cookie)).statusCode).toBe(403);
    const elsewhere = await officialWithSession(t.app, ['supervision-campo'], 'direccion-programas-sociales');
    expect((await api('GET', '/campo/supervision?desde=2026-11-01&hasta=2026-11-30', elsewhere.cookie)).json()).toMatchObject({ brigadistas: [], totales: { registros: 0 } });
  });
});
