/**
 * SIPROS as deployed: two API processes (SIPROS_ROLE=api) and two worker processes
 * (runtime/worker.ts) on one fresh PostgreSQL database and one fresh BullMQ queue in Redis, with
 * the same secret. Requests are spread over both APIs at once; what must hold is what no single
 * process can guarantee by itself: one transition per decision, one delivery per QR, quotas never
 * exceeded, each SMS sent once.
 *
 * Needs DATABASE_URL (a PostgreSQL where it may create and drop a database) and REDIS_URL.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAdultCurp } from '../helpers/actors.ts';
import { dropDeployment, freshDeployment, sessionFor, startProcess, stopProcesses } from './processes.ts';

const AT = '2026-11-24T10:00:00-06:00';
/** Approval straight from review, big quotas: the single application decided and delivered. */
const PROGRAM = 'apoyo-emergente-mujeres';
/** Published by the test with small quotas. */
const QUOTA_PROGRAM = 'cuidado-infantil';
const CORREGIDORA = '22006';
const QUERETARO = '22014';
const QUOTAS = { total: 5, byMunicipio: { [CORREGIDORA]: 2 } };

const definition = (id: string) => JSON.parse(readFileSync(new URL(`../../definitions/programs/${id}/program.json`, import.meta.url), 'utf8'));
const definitions: Record<string, any> = { [PROGRAM]: definition(PROGRAM), [QUOTA_PROGRAM]: definition(QUOTA_PROGRAM) };

const MISSING = ['DATABASE_URL', 'REDIS_URL'].filter((name) => !process.env[name]);

const children: ChildProcess[] = [];
let apis: string[] = [];
let db: pg.Pool;
let dbName = '';
let queueName = '';
let tmp = '';
let gateway: Server;
/** POSTs the fake SMS gateway received, per outbox id (the `reference` SIPROS sends). */
const posts = new Map<string, number>();
let seq = 0;

/** An official of the program's own area. */
async function official(roles: string[], nombre: string, program = PROGRAM): Promise<string> {
  const id = randomUUID();
  await db.query(`insert into official (id, usuario, nombre, correo, password_hash, roles, area, created_at, updated_at) values ($1, $2, $3, 'f@example.org', 'x', $4, $5, $6, $6)`, [id, `mp${++seq}`, nombre, roles, definitions[program].area, new Date(AT)]);
  return sessionFor(db, 'funcionario', id, new Date(AT));
}

/** A citizen's draft with its documents, inserted directly; submitted through the API given. */
async function submitted(program: string, municipio: string | null, api: string): Promise<{ id: string; cookie: string }> {
  const citizen = randomUUID();
  const id = randomUUID();
  const curp = nextAdultCurp();
  await db.query(
    `insert into citizen (id, curp, nombres, primer_apellido, segundo_apellido, fecha_nacimiento, sexo, telefono, telefono_verificado, password_hash, created_at, updated_at)
     values ($1, $2, 'LAURA', 'PEREZ', 'GOMEZ', $3, 'M', '4421234567', true, 'x', $4, $4)`,
    [citizen, curp, `19${curp.slice(4, 6)}-${curp.slice(6, 8)}-${curp.slice(8, 10)}`, new Date(AT)],
  );
  const answers = structuredClone(definitions[program].tests.base.answers);
  if (municipio) answers.domicilio.municipio = municipio;
  const { rows } = await db.query('select current_version from program where id = $1', [program]);
  await db.query(`insert into application (id, citizen_id, program_id, program_version, status, answers, created_at, updated_at) values ($1, $2, $3, $4, 'Borrador', $5, $6, $6)`, [id, citizen, program, rows[0].current_version, answers, new Date(AT)]);
  await db.query(
    `insert into document (id, application_id, document_type, sha256, size, media_type, original_name, uploaded_by, uploaded_at)
     select gen_random_uuid(), $1, d, repeat('0', 64), 1000, 'application/pdf', d || '.pdf', 'prueba', $3 from unnest($2::text[]) as t(d)`,
    [id, definitions[program].documents.map((d: { id: string }) => d.id), new Date(AT)],
  );
  const cookie = await sessionFor(db, 'ciudadano', citizen, new Date(AT));
  const res = await call(api, 'POST', `/solicitudes/${id}/enviar`, cookie, { respuestas: answers });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id, cookie };
}

async function call(base: string, method: string, path: string, cookie: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/api${path}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].n);
const codesOf = (results: Array<{ status: number; body: any }>) => results.map((r) => (r.status < 300 ? r.status : r.body.error.code));

describe('two API processes and two workers on one database and one queue', () => {
  beforeAll(async () => {
    if (MISSING.length > 0) {
      // Failing (not skipping) keeps this guarantee from silently disappearing from a run.
      throw new Error(
        `La prueba multiproceso necesita ${MISSING.join(' y ')}: arranca dos procesos de API y dos de trabajos sobre PostgreSQL y Redis. ` +
          'Ejecútala así: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 npx vitest run test/multiprocess ' +
          '(servicios: ver ../shared/STACK.md, «Services»).',
      );
    }
    const deployment = await freshDeployment('mp');
    ({ dbName, queueName } = deployment);
    const dbUrl = deployment.url;

    gateway = createServer((req, res) => {
      let text = '';
      // A worker that gives up on a slow answer (or is stopped) cuts its request: it retries, and
      // the count below is what is judged; the cut must not become an error of this process.
      req.on('error', () => {});
      res.on('error', () => {});
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        let reference: string;
        try {
          ({ reference } = JSON.parse(text) as { reference: string });
        } catch {
          res.writeHead(400).end();
          return;
        }
        posts.set(reference, (posts.get(reference) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `pasarela-${reference}` }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));

    // Only the two programs used are published (seeding all of them would double the start-up time).
    tmp = mkdtempSync(join(tmpdir(), 'sipros-mp-'));
    const lowQuotas = structuredClone(definitions[QUOTA_PROGRAM]);
    lowQuotas.convocatoria.quotas = QUOTAS;
    writeFileSync(join(tmp, 'programa.json'), JSON.stringify(definitions[PROGRAM]));
    writeFileSync(join(tmp, 'cupos.json'), JSON.stringify(lowQuotas));

    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl,
      REDIS_URL: process.env.REDIS_URL!,
      SIPROS_QUEUE: queueName,
      SIPROS_SECRET: randomBytes(32).toString('hex'),
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
      STORAGE_DIR: join(tmp, 'documentos'),
      SIPROS_SEED_PROGRAMS: 'false',
      MP_AT: AT,
    };
    // The first API migrates the database and publishes the programs; the others start on it.
    const start = (script: string, env: Record<string, string>) => startProcess(children, script, env);
    const first = await start('./api-server.ts', { ...env, MP_PUBLISH: JSON.stringify([join(tmp, 'programa.json'), join(tmp, 'cupos.json')]) });
    const [second] = await Promise.all([start('./api-server.ts', env), start('./worker.ts', env), start('./worker.ts', env)]);
    apis = [first.url!, second.url!];
    db = new pg.Pool({ connectionString: dbUrl, max: 4 });
    // An idle pooled connection cut by the server (the database is dropped at the end) is not a failure of the test.
    db.on('error', (error) => console.warn(`Conexión de prueba: ${error.message}`));
  }, 90_000);

  afterAll(async () => {
    await stopProcesses(children);
    await db?.end();
    gateway?.close();
    await dropDeployment(dbName, queueName);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 30_000);

  let decided: { id: string; cookie: string };

  it('approving one application from both APIs at once: exactly one transition', async () => {
    decided = await submitted(PROGRAM, null, apis[0]);
    const reviewers = await Promise.all(Array.from({ length: 6 }, (_, i) => official(['revisor'], `Revisora ${i}`)));
    const results = await Promise.all(reviewers.map((cookie, i) => call(apis[i % 2], 'POST', `/funcionario/solicitudes/${decided.id}/eventos`, cookie, { evento: 'APROBAR' })));
    const codes = codesOf(results);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    // The losers are refused by the workflow (the row lock made them see «Aprobada»), or at worst a conflict.
    expect(codes.filter((c) => c !== 200).every((c) => c === 'WORKFLOW_REFUSED' || c === 'CONFLICT')).toBe(true);
    expect(await count(`select count(*) as n from application_event where application_id = $1 and event = 'APROBAR'`, [decided.id])).toBe(1);
    expect((await db.query('select status, delivery_token_id from application where id = $1', [decided.id])).rows[0]).toMatchObject({ status: 'Aprobada', delivery_token_id: expect.any(String) });
  });

  it('100 simultaneous scans of one QR over both APIs: one delivery, 99 told it was already delivered', async () => {
    // Signed by one process, verified by the other: both share the secret.
    const qr = await call(apis[1], 'GET', `/solicitudes/${decided.id}/entrega`, decided.cookie);
    expect(qr.status).toBe(200);
    const deliverers = await Promise.all(Array.from({ length: 4 }, (_, i) => official(['entregador'], `Entregador ${i}`)));
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => call(apis[i % 2], 'POST', '/funcionario/entregas', deliverers[i % 4], { token: qr.body.token, latitud: 20.59, longitud: -100.39 })));
    const codes = codesOf(results);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 'ALREADY_DELIVERED')).toHaveLength(99);
    const winner = results.find((r) => r.status === 201)!.body.entregada;
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.error.details.funcionario))).toEqual(new Set([winner.funcionario]));
    expect(await count('select count(*) as n from delivery where application_id = $1', [decided.id])).toBe(1);
    expect(await count(`select count(*) as n from application_event where application_id = $1 and event = 'ENTREGAR'`, [decided.id])).toBe(1);
    expect((await db.query('select status from application where id = $1', [decided.id])).rows[0].status).toBe('Entregado');
  });

  it('many approvals at once against a small quota never exceed it, in total or per municipio', async () => {
    const apps = [];
    for (let i = 0; i < 12; i++) apps.push(await submitted(QUOTA_PROGRAM, i % 2 ? CORREGIDORA : QUERETARO, apis[i % 2]));
    const reviewers = await Promise.all(apps.map((_, i) => official(['revisor'], `Revisor de cupo ${i}`, QUOTA_PROGRAM)));
    const results = await Promise.all(apps.map((a, i) => call(apis[i % 2], 'POST', `/funcionario/solicitudes/${a.id}/eventos`, reviewers[i], { evento: 'APROBAR' })));
    const codes = codesOf(results);
    // 6 candidates outside Corregidora can always fill the total; Corregidora takes at most its 2.
    expect(codes.filter((c) => c === 200)).toHaveLength(QUOTAS.total);
    expect(codes.filter((c) => c !== 200)).toEqual(Array(12 - QUOTAS.total).fill('QUOTA_FULL'));
    const approved = `select count(*) as n from application where program_id = $1 and status in ('Aprobada', 'Entregado')`;
    expect(await count(approved, [QUOTA_PROGRAM])).toBe(QUOTAS.total);
    expect(await count(`${approved} and municipio = $2`, [QUOTA_PROGRAM, CORREGIDORA])).toBeLessThanOrEqual(QUOTAS.byMunicipio[CORREGIDORA]);
    expect(await count(`select count(*) as n from application_event e join application a on a.id = e.application_id where a.program_id = $1 and e.event = 'APROBAR'`, [QUOTA_PROGRAM])).toBe(QUOTAS.total);
  });

  it('each SMS is sent exactly once by the workers', async () => {
    const pending = `select count(*) as n from notification_outbox where status <> 'enviado'`;
    for (let i = 0; i < 300 && (await count(pending)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    const rows = (await db.query<{ id: string; status: string; dedupe_key: string }>('select id, status, dedupe_key from notification_outbox')).rows;
    expect(rows.filter((r) => r.status !== 'enviado')).toEqual([]);
    // Receipts of 13 submissions, 6 approvals, 1 delivery (the definitions' notifications).
    expect(rows.filter((r) => r.dedupe_key.endsWith(':aprobada'))).toHaveLength(1 + QUOTAS.total);
    expect(rows.filter((r) => r.dedupe_key.endsWith(':entregado'))).toHaveLength(1);
    expect(rows.length).toBeGreaterThanOrEqual(13 + 1 + QUOTAS.total + 1);
    expect(Object.fromEntries(posts)).toEqual(Object.fromEntries(rows.map((r) => [r.id, 1])));
  }, 40_000);
});
