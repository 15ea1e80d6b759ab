/** The demo brigade (SIPROS_DEMO only; never in production: test/faults/demo-accounts.test.ts): ready to log in, with a work list. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { DEMO_PASSWORD, seedDemo } from '../../demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.app);
}, 120_000);
afterAll(() => t?.close());

async function login(usuario: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/funcionarios/sesion', payload: { usuario, contrasena: DEMO_PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'sipros_sesion')!;
  return `${cookie.name}=${cookie.value}`;
}

it('brigadista.demo downloads a package with five visits in Amealco; supervision.demo sees them; seeding again adds none', async () => {
  const brigadista = await login('brigadista.demo');
  const pkg = (await t.app.inject({ method: 'GET', url: '/api/campo/paquete', headers: { cookie: brigadista } })).json();
  expect(pkg.visitas).toHaveLength(5);
  expect(Object.keys(pkg.catalogos.localidades)).toEqual(['22001']);
  expect(pkg.programas.length).toBeGreaterThan(0);
  const supervisor = await login('supervision.demo');
  const res = await t.app.inject({ method: 'GET', url: '/api/campo/supervision', headers: { cookie: supervisor } });
  expect(res.json().brigadistas).toEqual([expect.objectContaining({ usuario: 'brigadista.demo', visitasPendientes: 5 })]);
  await seedDemo(t.app);
  expect((await t.app.inject({ method: 'GET', url: '/api/campo/visitas', headers: { cookie: supervisor } })).json()).toHaveLength(5);
});
