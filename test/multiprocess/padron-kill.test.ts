/**
 * A padrón batch of 200,000 rows committed by a worker process that is killed with SIGKILL halfway
 * (no chance to clean up: its job stalls in BullMQ, its open transaction is rolled back by
 * PostgreSQL). A new worker takes the job over and resumes after the last slice that committed:
 * exactly 200,000 supports, none doubled. The same file sent again is refused.
 *
 * Needs DATABASE_URL (a PostgreSQL where it may create and drop a database) and REDIS_URL.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRoll } from '../../bench/padron-roll.ts';
import { multipart } from '../helpers/multipart.ts';
import { dropDeployment, freshDeployment, sessionFor, startProcess, stopProcesses } from './processes.ts';

const ROWS = 200_000;
const AT = new Date('2026-11-24T10:00:00-06:00');
const MISSING = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);

const children: ChildProcess[] = [];
let db: pg.Pool;
let api = '';
let cookie = '';
let dbName = '';
let queueName = '';
let tmp = '';
let env: Record<string, string> = {};
let roll: Buffer;

const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0];

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${api}/api${path}`, { method, headers: { cookie, origin: api, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

async function upload() {
  const { payload, headers } = multipart('padron-grande.csv', roll, 'text/csv');
  const res = await fetch(`${api}/api/funcionario/padron/lotes?programa=prueba-grande`, { method: 'POST', headers: { ...headers, origin: api, cookie }, body: payload });
  return { status: res.status, body: (await res.json()) as any };
}

/** Waits until `check` holds, asking every half second, for at most `seconds`. */
async function until(what: string, seconds: number, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < seconds * 2; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`No ocurrió en ${seconds} s: ${what}.`);
}

describe('a padrón worker killed in the middle of a 200,000-row batch', () => {
  beforeAll(async () => {
    if (MISSING.length > 0) {
      throw new Error(`La prueba de carga con proceso interrumpido necesita ${MISSING.join(' y ')} (ver ../shared/STACK.md, «Services»).`);
    }
    tmp = mkdtempSync(join(tmpdir(), 'sipros-padron-kill-'));
    const file = join(tmp, 'padron.csv');
    await writeRoll(file, ROWS, ROWS, 5);
    roll = readFileSync(file);
    const deployment = await freshDeployment('pk');
    ({ dbName, queueName } = deployment);
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: deployment.url,
      REDIS_URL: process.env.REDIS_URL!,
      SIPROS_QUEUE: queueName,
      SIPROS_SECRET: randomBytes(32).toString('hex'),
      STORAGE_DIR: join(tmp, 'almacen'),
      SIPROS_SEED_PROGRAMS: 'false',
      MP_AT: AT.toISOString(),
    };
    api = (await startProcess(children, './api-server.ts', env)).url!;
    db = new pg.Pool({ connectionString: deployment.url, max: 2 });
    db.on('error', (error) => console.warn(`Conexión de prueba: ${error.message}`));
    const official = randomUUID();
    await db.query(`insert into official (id, usuario, nombre, correo, password_hash, roles, area, created_at, updated_at) values ($1, 'enlace.dif', 'Enlace DIF', 'e@example.org', 'x', $2, 'dif-estatal', $3, $3)`, [official, ['padron'], AT]);
    cookie = await sessionFor(db, 'funcionario', official, AT);
    await db.query(`insert into programa_catalogo (clave, nombre, dependencia, tipo, created_at, updated_at) values ('prueba-grande', 'Programa grande', 'dif-estatal', 'economico', $1, $1)`, [AT]);
  }, 120_000);

  afterAll(async () => {
    await stopProcesses(children);
    await db?.end();
    await dropDeployment(dbName, queueName);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 30_000);

  it('resumes where the killed worker stopped: exactly 200,000 supports, none doubled; the same file again is refused', async () => {
    const received = await upload();
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    const id = received.body.id as string;
    const worker = await startProcess(children, './worker.ts', env).then(() => children[children.length - 1]);
    expect((await call('PUT', `/funcionario/padron/lotes/${id}/mapeo`, { mapeo: received.body.mapeo })).status).toBe(200);
    await until('la revisión termina', 180, async () => (await one('select estado from padron_lote where id = $1', [id])).estado === 'revisado');
    expect(await one('select filas, aceptadas from padron_lote where id = $1', [id])).toEqual({ filas: ROWS, aceptadas: ROWS });

    expect((await call('POST', `/funcionario/padron/lotes/${id}/cargar`)).status).toBe(200);
    await until('la carga va a la mitad', 180, async () => (await one('select cargadas from padron_lote where id = $1', [id])).cargadas >= ROWS / 2);
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    const atKill = (await one('select cargadas, estado from padron_lote where id = $1', [id])) as { cargadas: number; estado: string };
    expect(atKill.estado).toBe('cargando');
    expect(atKill.cargadas).toBeLessThan(ROWS);

    // The new worker finds the stalled job (BullMQ's lock expires) and goes on from the last committed slice.
    await startProcess(children, './worker.ts', env);
    await until('la carga termina con el nuevo proceso', 240, async () => (await one('select estado from padron_lote where id = $1', [id])).estado === 'cargado');
    expect(Number((await one('select count(*) as n from beneficio where lote_id = $1', [id])).n)).toBe(ROWS);
    expect(Number((await one('select count(distinct fila) as n from beneficio where lote_id = $1', [id])).n)).toBe(ROWS);
    expect(Number((await one(`select count(*) as n from persona where origen = 'lote:' || $1`, [id])).n)).toBe(ROWS);
    expect((await one('select cargadas from padron_lote where id = $1', [id])).cargadas).toBe(ROWS);

    const again = await upload();
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ROLL_ALREADY_LOADED', message: expect.stringContaining('ya se recibió') });
  }, 600_000);
});
