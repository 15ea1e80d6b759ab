/**
 * Issue 9, "Hostile and careless input": every operation of the OpenAPI document the server
 * serves, called as six kinds of caller with malformed, mistyped, huge, deeply nested and
 * odd-unicode bodies, odd path values (beyond Fastify's parameter length, %00, ../, non-UUIDs) and
 * odd query values. No answer may be a 5xx; every refusal carries a code of the ERRORS table and a
 * Spanish message; no log line carries a CURP of the fixtures. The cases are a fixed list
 * (fuzz-payloads.ts), so a failure repeats exactly.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../runtime/server/app.ts';
import { loadConfig } from '../../runtime/server/config.ts';
import { ERRORS } from '../../runtime/server/errors.ts';
import { seedApplications, type SeededApplication } from '../helpers/seed-applications.ts';
import { citizenWithSession, officialWithSession } from '../helpers/actors.ts';
import { freshDatabaseUrl, testJobQueue } from '../helpers/server.ts';
import { casesFor, operationsOf, type FuzzCase, type OpenApiOperation } from './fuzz-payloads.ts';

const AREA = 'subsecretaria-desarrollo-social';
const PROGRAM = 'apoyo-tecnologico';
/** A well-formed UUID that names nothing (deterministic, unlike randomUUID). */
const UNKNOWN_UUID = '00000000-0000-4000-8000-00000000f00f';

let app: FastifyInstance;
let drop = async () => {};
const logLines: string[] = [];
const callers: Record<string, string | null> = { anonimo: null };
let fixtureCurps: string[] = [];
let seeded: SeededApplication;

/** The words of Fastify's, Ajv's and Node's English messages, never in a Spanish one. */
const ENGLISH = /\b(the|must|should|have|has|with|request|body|params|querystring|unexpected|required|property|found|too|long|exceeds?|invalid|unsupported|missing|empty)\b/i;

/** A stack frame or an SQL statement: what a server's answer must never show. */
const INTERNALS = /\bat \S+ \(|\.ts:\d+|\bselect\b.+\bfrom\b|\binsert into\b|\bupdate \w+ set\b/i;

beforeAll(async () => {
  const database = await freshDatabaseUrl();
  drop = database.drop;
  const config = loadConfig({ NODE_ENV: 'test', PGLITE_DIR: 'memory://', LOG_LEVEL: 'info', SIPROS_SEED_PROGRAMS: 'true', ...(database.url ? { DATABASE_URL: database.url } : {}) });
  const now = new Date('2026-11-24T10:00:00-06:00');
  app = await buildApp({ config, clock: () => now, jobs: testJobQueue(), logStream: { write: (line: string) => void logLines.push(line) } });
  [seeded] = await seedApplications(app, [{ program: PROGRAM, state: 'aprobada', citizen: { nombres: 'EUDOXIA', primerApellido: 'PORRAS', segundoApellido: 'QUIJADA' }, submittedAt: '2026-11-20T10:00:00-06:00' }]);
  const citizen = await citizenWithSession(app);
  fixtureCurps = [seeded.curp, citizen.citizen.curp];
  callers.ciudadano = citizen.cookie;
  callers.funcionario = (await officialWithSession(app, ['funcionario'], AREA)).cookie;
  callers.flujo = (await officialWithSession(app, ['revisor', 'dictaminador', 'coordinador', 'entregador', 'atencion-ciudadana'], AREA)).cookie;
  callers.administrador = (await officialWithSession(app, ['administrador'], AREA)).cookie;
  callers.planeacion = (await officialWithSession(app, ['planeacion'], AREA)).cookie;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await drop();
});

/** A usual value for each path parameter, so the odd one is the only thing wrong. */
function usualValue(path: string): (param: string) => string {
  return (param) => {
    if (param === 'curp') return fixtureCurps[0];
    if (param === 'programa' || (param === 'id' && path.startsWith('/api/programas/'))) return PROGRAM;
    if (param === 'tipo') return 'identificacion';
    if (param === 'docId') return UNKNOWN_UUID;
    return seeded.id;
  };
}

/** Sessions ended by a logout route would leave the later cases anonymous: those go last. */
const endsSession = (op: OpenApiOperation) => /sesion|salir|logout/.test(op.path) && op.method !== 'GET';

function send(op: OpenApiOperation, fuzz: FuzzCase, cookie: string | null): Promise<LightMyRequestResponse> {
  return app.inject({
    method: op.method as 'GET',
    url: fuzz.url,
    headers: { ...(cookie ? { cookie } : {}), ...(fuzz.json === undefined ? {} : { 'content-type': fuzz.contentType ?? 'application/json' }) },
    ...(fuzz.json === undefined ? {} : { payload: fuzz.json }),
  });
}

/** What is wrong with one answer, or null. */
function problemWith(response: LightMyRequestResponse): string | null {
  if (response.statusCode >= 500) return `answered ${response.statusCode}: ${response.body.slice(0, 200)}`;
  if (response.statusCode < 400) return null;
  let error: { code?: string; message?: string; details?: { fields?: Array<{ message: string }> } } | undefined;
  try {
    error = response.json().error;
  } catch {
    return `answered ${response.statusCode} without JSON: ${response.body.slice(0, 200)}`;
  }
  if (!error?.code || !(error.code in ERRORS)) return `answered ${response.statusCode} with an unknown code ${error?.code}: ${response.body.slice(0, 200)}`;
  const messages = [error.message ?? '', ...(error.details?.fields ?? []).map((f) => f.message)];
  if (INTERNALS.test(response.body)) return `answered ${response.statusCode} showing a stack trace or SQL: ${response.body.slice(0, 200)}`;
  if (!error.message || messages.some((m) => ENGLISH.test(m))) return `answered ${response.statusCode} ${error.code} not in Spanish: ${response.body.slice(0, 200)}`;
  return null;
}

describe('the fuzz suite over the OpenAPI document', () => {
  it('no 5xx, every refusal coded and in Spanish, no CURP in the log', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const operations = operationsOf(document).sort((a, b) => Number(endsSession(a)) - Number(endsSession(b)));
    expect(operations.length).toBeGreaterThan(50);
    const problems = new Map<string, string>();
    const byStatus = new Map<number, number>();
    for (const [caller, cookie] of Object.entries(callers)) {
      for (const op of operations) {
        for (const fuzz of casesFor(op, usualValue(op.path), fixtureCurps[1])) {
          const response = await send(op, fuzz, cookie);
          byStatus.set(response.statusCode, (byStatus.get(response.statusCode) ?? 0) + 1);
          const problem = problemWith(response);
          // One line per operation and kind of case: the same fault for six callers reads as one.
          if (problem) problems.set(`${op.method} ${op.path} [${fuzz.kind}]`, `${caller}: ${problem}`);
        }
      }
    }
    const requests = [...byStatus.values()].reduce((a, b) => a + b, 0);
    const statuses = [...byStatus].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
    console.log(`fuzz: ${requests} requests to ${operations.length} operations as ${Object.keys(callers).length} callers (${statuses})`);
    expect([...problems].map(([where, what]) => `${where} ${what}`)).toEqual([]);
    const leaks = logLines.filter((line) => fixtureCurps.some((curp) => line.toUpperCase().includes(curp)));
    expect(leaks.map((line) => line.slice(0, 300))).toEqual([]);
  }, 300_000);
});

describe("Fastify's own router errors go through the one error handler", () => {
  it('a path value over maxParamLength is PATH_VALUE_TOO_LONG (414), coded, in Spanish, its CURP masked in the log', async () => {
    const curp = fixtureCurps[1];
    // A parameter before the path's last segment: the router measures those (the last one it leaves to the route).
    const response = await app.inject({ method: 'POST', url: `/api/atencion/ciudadanos/${curp}${'a'.repeat(200)}/telefono`, headers: { cookie: callers.flujo! }, payload: {} });
    expect(response.statusCode).toBe(414);
    expect(response.json().error).toMatchObject({ code: 'PATH_VALUE_TOO_LONG', message: ERRORS.PATH_VALUE_TOO_LONG.message, requestId: expect.any(String) });
    const lines = logLines.filter((line) => line.includes(response.json().error.requestId));
    expect(lines.some((line) => line.includes('PATH_VALUE_TOO_LONG'))).toBe(true);
    expect(lines.filter((line) => line.toUpperCase().includes(curp))).toEqual([]);
  });

  it('a URL whose % forms no character is URL_INVALID (400), coded and in Spanish', async () => {
    for (const url of ['/api/programas/%', '/api/solicitudes/%ED%A0%80', '/api/programas/apoyo%zz']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error, url).toMatchObject({ code: 'URL_INVALID', message: ERRORS.URL_INVALID.message, requestId: expect.any(String) });
    }
  });
});
