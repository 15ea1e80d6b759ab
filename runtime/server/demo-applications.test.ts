/**
 * Issue 9 (newcomers): on a fresh database the demo fills the officials' queue, dashboard and map
 * with applications in every status, made through the real submission, workflow and delivery
 * paths, once. Checked as the demo officials see it, through their API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/server.ts';
import { DEMO_PASSWORD, seedDemo, type DemoSeedResult } from './demo.ts';

const STATUSES = ['En proceso', 'Corrección', 'Aprobada', 'Rechazada', 'Entregado', 'Baja'];

describe('the demo applications', () => {
  let t: TestApp;
  let first: DemoSeedResult;
  const storageDir = mkdtempSync(join(tmpdir(), 'sipros-demo-'));

  beforeAll(async () => {
    t = await startTestApp({ env: { STORAGE_DIR: storageDir } });
    first = await seedDemo(t.app);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  async function loginAs(usuario: string): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url: '/api/funcionarios/sesion', payload: { usuario, contrasena: DEMO_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'sipros_sesion');
    return `${cookie!.name}=${cookie!.value}`;
  }

  async function get<T>(cookie: string, url: string): Promise<T> {
    const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  }

  interface Row {
    id: string;
    folio: string;
    programa: string;
    estado: string;
    municipio: string;
    fechaSolicitud: string;
  }

  /** Every row of the queue with these filters, page after page. */
  async function queue(cookie: string, filters: string): Promise<Row[]> {
    const rows: Row[] = [];
    let after: string | null = null;
    do {
      const page: { filas: Row[]; siguiente: string | null } = await get(cookie, `/api/funcionario/solicitudes?limite=100&${filters}${after ? `&despues=${encodeURIComponent(after)}` : ''}`);
      rows.push(...page.filas);
      after = page.siguiente;
    } while (after);
    return rows;
  }

  it('the queue of the demo reviewer holds applications in every status, across programs and months', async () => {
    const cookie = await loginAs('revisor.demo');
    const all = await queue(cookie, '');
    expect(all.length).toBe(first.applications!.created);
    for (const status of STATUSES) {
      const rows = await queue(cookie, `estado=${encodeURIComponent(status)}`);
      expect(rows.length, status).toBeGreaterThan(0);
      expect(rows.every((r) => r.estado === status)).toBe(true);
      expect(new Set(rows.map((r) => r.programa)).size, `programas con ${status}`).toBeGreaterThan(3);
    }
    expect(new Set(all.map((r) => r.fechaSolicitud.slice(0, 7))).size, 'meses de solicitud').toBeGreaterThanOrEqual(3);
    expect(new Set(all.map((r) => r.municipio)).size, 'municipios').toBeGreaterThanOrEqual(8);
  });

  it('a decided application shows its history, dated after its submission, and a delivered one its delivery', async () => {
    const cookie = await loginAs('coordinador.demo');
    const [delivered] = await queue(cookie, `estado=Entregado&programa=apoyo-tecnologico`);
    const detail = await get<{ fechaSolicitud: string; historial: Array<{ estado: string; fecha: string }>; entrega: { funcionario: string } | null; documentos: unknown[] }>(cookie, `/api/funcionario/solicitudes/${delivered.id}`);
    expect(detail.historial.map((h) => h.estado)).toEqual(expect.arrayContaining(['En proceso', 'Aprobada', 'Entregado']));
    const dates = detail.historial.map((h) => Date.parse(h.fecha));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(dates.at(-1)! - dates[0]).toBeGreaterThan(3 * 24 * 3600_000);
    expect(detail.entrega?.funcionario).toContain('Ramón Olvera');
    expect(detail.documentos.length).toBeGreaterThan(0);
  });

  it('the dashboard counts them by status and the map by municipio, beneficiaries included', async () => {
    const cookie = await loginAs('funcionario.demo');
    const board = await get<{ porEstado: Array<{ estado: string; total: number }>; porMunicipio: Array<{ solicitudes: number; beneficiarios: number }> }>(cookie, '/api/funcionario/tablero');
    const byStatus = Object.fromEntries(board.porEstado.map((s) => [s.estado, s.total]));
    for (const status of STATUSES) expect(byStatus[status], status).toBe(first.applications!.byStatus[status]);
    expect(board.porMunicipio.filter((m) => m.solicitudes > 0).length).toBeGreaterThanOrEqual(8);
    expect(board.porMunicipio.reduce((sum, m) => sum + m.beneficiarios, 0)).toBe(first.applications!.byStatus.Entregado);
  });

  it('the coverage map finds the beneficiaries in the padrón, each at the cabecera of their municipio', async () => {
    const cookie = await loginAs('funcionario.demo');
    const state = await get<{ total: { apoyos: number }; municipios: Array<{ clave: string; personas: number }> }>(cookie, '/api/funcionario/tablero/cobertura');
    expect(state.total.apoyos).toBe(first.applications!.byStatus.Entregado);
    const where = state.municipios.find((m) => m.personas > 0)!;
    const municipio = await get<{ localidades: Array<{ cvegeo: string; personas: number }>; otrasLocalidades: { personas: number } }>(cookie, `/api/funcionario/tablero/cobertura/municipios/${where.clave}`);
    expect(municipio.localidades.find((l) => l.cvegeo === `${where.clave}0001`)?.personas).toBe(where.personas);
    expect(municipio.otrasLocalidades.personas).toBe(0);
  });

  it('seeding again adds nothing', async () => {
    const count = async () => Number((await t.app.db.sql.query<{ n: string }>('select count(*) as n from application')).rows[0].n);
    const before = await count();
    const errors = vi.spyOn(t.app.log, 'error');
    const again = await seedDemo(t.app);
    expect(again.applications).toBeUndefined();
    expect(await count()).toBe(before);
    // Not even tried: a second run would stumble on the demo's own CURPs (and log it).
    expect(errors).not.toHaveBeenCalled();
  });
});
