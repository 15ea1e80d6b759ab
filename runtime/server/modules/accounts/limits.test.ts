import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Citizen } from '../../../db/entities.ts';
import { citizenWithSession, nextAdultCurp } from '../../../../test/helpers/actors.ts';
import { startCustomApp } from '../../../../test/helpers/custom-app.ts';
import type { TestApp } from '../../../../test/helpers/server.ts';
import { hashPassword } from './passwords.ts';
import { LOGIN_FAILURES_PER_IP, RESETS_PER_IP } from './accounts.routes.ts';

const NOW = '2026-11-24T10:00:00-06:00';
const PASSWORD = 'garambullo azul de la sierra';
const redisUrl = process.env.REDIS_URL;

/** A queue name no other run uses: limit counters live in Redis for their whole window. */
const freshQueue = () => `limites-${randomBytes(4).toString('hex')}`;

function startLimitedApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startCustomApp({ now: NOW, env: { SIPROS_QUEUE: freshQueue(), ...(redisUrl ? { REDIS_URL: redisUrl } : {}), ...env } });
}

function login(t: TestApp, curp: string, contrasena: string, ip: string) {
  return t.app.inject({ method: 'POST', url: '/api/sesion', payload: { curp, contrasena }, remoteAddress: ip });
}

function officialLogin(t: TestApp, usuario: string, ip: string) {
  return t.app.inject({ method: 'POST', url: '/api/funcionarios/sesion', payload: { usuario, contrasena: PASSWORD }, remoteAddress: ip });
}

/** Citizens who all know PASSWORD (one hash shared: the argon2 cost is in the logins, not here). */
async function citizensWithPassword(t: TestApp, count: number): Promise<string[]> {
  const passwordHash = await hashPassword(PASSWORD);
  const curps: string[] = [];
  for (let i = 0; i < count; i++) curps.push((await citizenWithSession(t.app)).citizen.curp);
  await t.app.db.orm.em.fork().nativeUpdate(Citizen, { curp: { $in: curps } }, { passwordHash });
  return curps;
}

describe('per-address login limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLimitedApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('lets a whole office behind one address log in, since only failures count', async () => {
    const curps = await citizensWithPassword(t, LOGIN_FAILURES_PER_IP.max + 5);
    const office = '10.20.0.1';
    const answers = [];
    for (const curp of curps) answers.push((await login(t, curp, PASSWORD, office)).statusCode);
    expect(answers).toEqual(curps.map(() => 200));
  });

  it('stops one password tried against many CURPs from one address, for citizens and officials alike', async () => {
    const sprayer = '10.20.0.2';
    const answers = [];
    for (let i = 0; i <= LOGIN_FAILURES_PER_IP.max; i++) answers.push(await login(t, nextAdultCurp(), PASSWORD, sprayer));
    expect(answers.slice(0, -1).map((r) => r.statusCode)).toEqual(Array(LOGIN_FAILURES_PER_IP.max).fill(401));
    const refused = answers[answers.length - 1];
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', message: 'Demasiados intentos; espera 15 minutos y vuelve a intentar.' });
    // The officials' login shares the counter: switching doors does not help.
    expect((await officialLogin(t, 'nadie.aqui', sprayer)).statusCode).toBe(429);
    // Other addresses are not affected.
    expect((await login(t, nextAdultCurp(), PASSWORD, '10.20.0.3')).statusCode).toBe(401);
  });

  it('limits password-reset requests and code entries per address', async () => {
    const desk = '10.20.0.4';
    const statuses = [];
    for (let i = 0; i < RESETS_PER_IP.max; i++) {
      const path = i % 2 === 0 ? '/api/cuenta/contrasena/olvido' : '/api/cuenta/contrasena/restablecer';
      const payload = i % 2 === 0 ? { curp: nextAdultCurp() } : { curp: nextAdultCurp(), codigo: '123456', contrasena: PASSWORD };
      statuses.push((await t.app.inject({ method: 'POST', url: path, payload, remoteAddress: desk })).statusCode);
    }
    expect(statuses).toEqual(statuses.map((_, i) => (i % 2 === 0 ? 202 : 400)));
    const refused = await t.app.inject({ method: 'POST', url: '/api/cuenta/contrasena/olvido', payload: { curp: nextAdultCurp() }, remoteAddress: desk });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    await t.app.backgroundWork.idle();
  });
});

describe('limits with Redis unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Port 1: nothing listens there, every connection is refused.
    t = await startLimitedApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  }, 60_000);
  afterAll(() => t?.close());

  it('answers logins at once and still limits them, counting in memory', async () => {
    const [curp] = await citizensWithPassword(t, 1);
    const timed = async (contrasena: string) => {
      const started = performance.now();
      const res = await login(t, curp, contrasena, '10.30.0.1');
      return { status: res.statusCode, ms: performance.now() - started };
    };
    const right = await timed(PASSWORD);
    expect(right.status).toBe(200);
    expect(right.ms).toBeLessThan(1500);
    const wrong = [];
    for (let i = 0; i < 10; i++) wrong.push(await timed(`equivocada ${i} de la sierra`));
    expect(wrong.map((w) => w.status)).toEqual([...Array(9).fill(401), 429]);
    expect(Math.max(...wrong.map((w) => w.ms))).toBeLessThan(1500);
  });
});

describe.runIf(Boolean(redisUrl))('limits shared through Redis', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  it('are counted together by the processes of one installation and apart from another SIPROS_QUEUE', async () => {
    const queue = freshQueue();
    const [first, sameInstallation, otherInstallation] = await Promise.all([startLimitedApp({ SIPROS_QUEUE: queue }), startLimitedApp({ SIPROS_QUEUE: queue }), startLimitedApp()]);
    apps.push(first, sameInstallation, otherInstallation);
    const curp = nextAdultCurp();
    for (let i = 0; i < 10; i++) expect((await login(first, curp, `intento ${i} de la sierra`, '10.40.0.1')).statusCode).toBe(401);
    expect((await login(sameInstallation, curp, 'intento once de la sierra', '10.40.0.1')).statusCode).toBe(429);
    expect((await login(otherInstallation, curp, 'intento once de la sierra', '10.40.0.1')).statusCode).toBe(401);
  }, 60_000);
});
