import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onRealServices, startTestApp, type TestApp } from '../../test/helpers/server.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t?.close());

describe('server foundation', () => {
  it('GET /api/health reports the database and the queue in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: { status: 'ok', kind: onRealServices ? 'postgresql' : 'pglite' },
      queue: { status: 'ok', kind: process.env.REDIS_URL ? 'bullmq' : 'in-process' },
    });
  });

  it('answers unknown routes with a code and a Spanish message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-existe' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'Esa dirección no existe en la API.', requestId: expect.any(String) } });
  });

  it('publishes OpenAPI from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/programas', '/api/convocatorias/abiertas', '/api/programas/{id}']));
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});

describe('program catalog', () => {
  it('lists the eight seed programs, published on first start', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/programas' });
    expect(res.statusCode).toBe(200);
    const programs = res.json() as Array<{ id: string; version: number; convocatoria: { estado: string } }>;
    expect(programs).toHaveLength(8);
    // Each at the version of its definition file (Tarjeta Contigo is at 2: its padrón rule).
    expect(Object.fromEntries(programs.map((p) => [p.id, p.version]))).toMatchObject({ 'apoyo-tecnologico': 1, 'tarjeta-contigo': 2 });
    expect(programs.find((p) => p.id === 'queretaro-fuerte')?.convocatoria.estado).toBe('cerrada');
  });

  it('shows as available only the calls open now, in Mexico City time', async () => {
    const open = async () => ((await t.app.inject({ method: 'GET', url: '/api/convocatorias/abiertas' })).json() as Array<{ id: string }>).map((p) => p.id);
    t.setNow('2026-11-24T10:00:00-06:00');
    const today = await open();
    expect(today).not.toContain('queretaro-fuerte');
    expect(today.length).toBeGreaterThanOrEqual(5);
    t.setNow('2020-05-01T12:00:00-05:00');
    expect(await open()).toEqual(['queretaro-fuerte']);
    t.setNow('2026-11-24T10:00:00-06:00');
  });

  it('gives the current definition of a program for its form, and 404 in Spanish for an unknown one', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/programas/apoyo-tecnologico' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: 'apoyo-tecnologico', nombre: 'Apoyo Tecnológico', formulario: { uischema: { type: 'Categorization' } } });
    expect(Object.keys(body.formulario.schema.$defs)).toContain('cuis.vivienda');
    expect(body.documentos.length).toBeGreaterThan(0);
    const missing = await t.app.inject({ method: 'GET', url: '/api/programas/no-existe' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'PROGRAM_NOT_FOUND', message: 'No existe el programa «no-existe».' });
  });
});
