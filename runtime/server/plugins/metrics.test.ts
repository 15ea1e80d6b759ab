/**
 * Issue 14, observability: GET /api/metrics in Prometheus's text format — requests per route
 * pattern (never the raw URL), the database pool, the job queue, jobs retried and failed, SMS sent
 * and refused — and who may read it: METRICS_TOKEN's bearer, or without it only this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import type { SmsProvider } from '../modules/sms/index.ts';
import { NO_ROUTE } from './metrics.ts';
import { onRealServices, startTestApp, type TestApp } from '../../../test/helpers/server.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of Prometheus's text format (comment lines skipped). */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, name, labels = '', value] = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line) ?? [];
      return { name, labels: Object.fromEntries([...labels.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]])), value: Number(value) };
    });
}

/** The value of the one sample of `name` carrying `labels` (among others), or undefined. */
function valueOf(all: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return found[0]?.value;
}

/** Fails the first send to each phone listed in `failOnce`, then accepts. */
class FlakyProvider implements SmsProvider {
  readonly name = 'prueba';
  readonly calls: string[] = [];
  private readonly failed = new Set<string>();

  constructor(private readonly failOnce: readonly string[]) {}

  async send(message: { to: string; body: string; id: string }) {
    this.calls.push(message.to);
    if (this.failOnce.includes(message.to) && !this.failed.has(message.to)) {
      this.failed.add(message.to);
      throw new Error('La pasarela de SMS respondió 503.');
    }
    return { providerMessageId: `prueba-${this.calls.length}` };
  }
}

const FLAKY_PHONE = '4420000001';
const provider = new FlakyProvider([FLAKY_PHONE]);
let t: TestApp;

async function scrape(app = t.app, headers: Record<string, string> = {}): Promise<Sample[]> {
  const res = await app.inject({ method: 'GET', url: '/api/metrics', headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return samples(res.body);
}

/** The first scrape for which `condition` holds (polled every 10 ms, for at most `ms`). */
async function scrapeUntil(condition: (all: Sample[]) => boolean, what: string, ms = 10_000): Promise<Sample[]> {
  for (const end = Date.now() + ms; ; await new Promise((resolve) => setTimeout(resolve, 10))) {
    const all = await scrape();
    if (condition(all)) return all;
    if (Date.now() > end) throw new Error(`no llegó: ${what}`);
  }
}

beforeAll(async () => {
  t = await startTestApp({ smsProvider: provider });
}, 60_000);
afterAll(() => t?.close());

describe('GET /api/metrics', () => {
  it('counts requests and their latency by route pattern, method and status, never by the URL itself', async () => {
    for (const id of ['apoyo-tecnologico', 'tarjeta-contigo']) expect((await t.app.inject({ method: 'GET', url: `/api/programas/${id}` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/programas/no-existe-123' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/ruta-inventada/8f0c2a' })).statusCode).toBe(404);
    const all = await scrape();
    const route = '/api/programas/:id';
    expect(valueOf(all, 'sipros_http_request_duration_seconds_count', { method: 'GET', route, status_code: '200', role: 'all' })).toBe(2);
    expect(valueOf(all, 'sipros_http_request_duration_seconds_count', { method: 'GET', route, status_code: '404' })).toBe(1);
    // Buckets are cumulative and end at +Inf with the count; the sum is the time they took.
    expect(valueOf(all, 'sipros_http_request_duration_seconds_bucket', { route, status_code: '200', le: '+Inf' })).toBe(2);
    expect(valueOf(all, 'sipros_http_request_duration_seconds_sum', { route, status_code: '200' })).toBeGreaterThan(0);
    const routes = new Set(all.filter((s) => s.name.startsWith('sipros_http_request')).map((s) => s.labels.route));
    expect([...routes].filter((r) => /apoyo-tecnologico|tarjeta-contigo|no-existe|8f0c2a/.test(r))).toEqual([]);
    // Whatever URL no route serves (the web plugin's catch-all hands /api/… to the 404 handler): one series.
    expect(valueOf(all, 'sipros_http_request_duration_seconds_count', { method: 'GET', route: NO_ROUTE, status_code: '404' })).toBe(1);
  });

  it('shows the database pool: its size, connections in use and free, requests waiting', async () => {
    const all = await scrape();
    const database = onRealServices ? 'postgresql' : 'pglite';
    // PostgreSQL: MikroORM's pool of 20 (runtime/db/orm.ts); PGlite: its one in-process connection.
    expect(valueOf(all, 'sipros_db_pool_max', { database })).toBe(onRealServices ? 20 : 1);
    const used = valueOf(all, 'sipros_db_pool_connections', { database, state: 'used' }) ?? -1;
    const free = valueOf(all, 'sipros_db_pool_connections', { database, state: 'free' }) ?? -1;
    expect(used).toBeGreaterThanOrEqual(0);
    expect(free).toBeGreaterThanOrEqual(1);
    expect(valueOf(all, 'sipros_db_pool_waiting', { database })).toBe(0);
  });

  it('counts job attempts completed, retried and failed for good, with the queue depth', async () => {
    let tries = 0;
    t.app.jobs.register('prueba.metricas-reintento', async () => {
      if (++tries === 1) throw new Error('primer intento fallido a propósito');
    }, { attempts: 3, backoffMs: 20 });
    t.app.jobs.register('prueba.metricas-fallo', async () => {
      throw new Error('siempre falla a propósito');
    }, { attempts: 2, backoffMs: 20 });
    await t.app.jobs.enqueue('prueba.metricas-reintento', {});
    await t.app.jobs.enqueue('prueba.metricas-fallo', {});
    await t.app.jobs.idle();
    const all = await scrape();
    const count = (job: string, result: string) => valueOf(all, 'sipros_jobs_total', { job, result });
    expect([count('prueba.metricas-reintento', 'retry'), count('prueba.metricas-reintento', 'completed'), count('prueba.metricas-reintento', 'failed')]).toEqual([1, 1, undefined]);
    expect([count('prueba.metricas-fallo', 'retry'), count('prueba.metricas-fallo', 'failed'), count('prueba.metricas-fallo', 'completed')]).toEqual([1, 1, undefined]);
    expect(valueOf(all, 'sipros_job_duration_seconds_count', { job: 'prueba.metricas-fallo' })).toBe(2);
    const kind = t.app.jobs.kind;
    expect(valueOf(all, 'sipros_job_queue_jobs', { kind, state: 'waiting' })).toBe(0);
    expect(valueOf(all, 'sipros_job_queue_jobs', { kind, state: 'active' })).toBe(0);
    // BullMQ keeps jobs that failed for good (7 days); the in-process queue keeps nothing.
    if (kind === 'bullmq') expect(valueOf(all, 'sipros_job_queue_jobs', { kind, state: 'failed' })).toBe(1);
  });

  it('counts SMS sent and refused by the provider, and how many wait in the outbox and for how long', async () => {
    const em = t.app.db.orm.em.fork();
    const ids = [FLAKY_PHONE, '4420000002'].map((phone, i) => t.app.sms.record(em, { phone, body: 'Prueba de métricas', dedupeKey: `prueba:metricas:${i}` }));
    await em.flush();
    await t.app.sms.dispatch(ids);
    // The flaky phone's first attempt failed: its retry waits 2 s, the message pending in the outbox.
    await scrapeUntil((all) => valueOf(all, 'sipros_sms_outbox_pending') === 1 && valueOf(all, 'sipros_sms_send_errors_total', { provider: 'prueba' }) === 1, 'un SMS enviado y otro en espera');
    t.setNow('2026-11-24T10:01:30-06:00');
    try {
      let all = await scrape();
      expect([...provider.calls].sort()).toEqual([FLAKY_PHONE, '4420000002']);
      expect(valueOf(all, 'sipros_sms_sent_total', { provider: 'prueba' })).toBe(1);
      expect(valueOf(all, 'sipros_sms_send_errors_total', { provider: 'prueba' })).toBe(1);
      expect(valueOf(all, 'sipros_sms_outbox_pending')).toBe(1);
      expect(valueOf(all, 'sipros_sms_outbox_oldest_pending_seconds')).toBe(90);
      await t.app.jobs.idle();
      all = await scrape();
      expect(valueOf(all, 'sipros_sms_sent_total', { provider: 'prueba' })).toBe(2);
      expect(valueOf(all, 'sipros_sms_failed_total', { provider: 'prueba' })).toBeUndefined();
      expect(valueOf(all, 'sipros_sms_outbox_pending')).toBe(0);
      expect(valueOf(all, 'sipros_sms_outbox_oldest_pending_seconds')).toBe(0);
      expect(valueOf(all, 'sipros_jobs_total', { job: 'sms.enviar', result: 'retry' })).toBe(1);
    } finally {
      t.setNow('2026-11-24T10:00:00-06:00');
    }
  }, 20_000);

  it("carries Node's own metrics (CPU, memory, event loop), for the CPU split per process", async () => {
    const all = await scrape();
    expect(valueOf(all, 'process_cpu_seconds_total', { role: 'all' })).toBeGreaterThan(0);
    expect(valueOf(all, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(all.some((s) => s.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });
});

describe('who may read the metrics', () => {
  it('without METRICS_TOKEN: only a request made directly from this machine, never one through a proxy', async () => {
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect((await t.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress })).statusCode, remoteAddress).toBe(200);
    }
    const refusals = [
      { remoteAddress: '203.0.113.9' },
      { remoteAddress: '10.0.0.7' },
      // A reverse proxy on the same machine: the outside request arrives from loopback.
      { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } },
      { remoteAddress: '127.0.0.1', headers: { forwarded: 'for=203.0.113.9' } },
      { remoteAddress: '127.0.0.1', headers: { 'x-real-ip': '203.0.113.9' } },
    ];
    for (const refused of refusals) {
      const res = await t.app.inject({ method: 'GET', url: '/api/metrics', ...refused });
      expect(res.statusCode, JSON.stringify(refused)).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('METRICS_TOKEN') });
      expect(res.body).not.toContain('sipros_');
    }
  });

  describe('with METRICS_TOKEN', () => {
    const TOKEN = 'prueba-metricas-5f1c9a7e3b2d4c6a8e0f';
    let withToken: TestApp;
    beforeAll(async () => {
      withToken = await startTestApp({ seed: false, env: { METRICS_TOKEN: TOKEN } });
    }, 60_000);
    afterAll(() => withToken?.close());

    it('answers its bearer from anywhere, and nobody without it, not even this machine', async () => {
      const ask = (remoteAddress: string, authorization?: string) =>
        withToken.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress, headers: authorization ? { authorization } : {} });
      expect((await ask('203.0.113.9', `Bearer ${TOKEN}`)).statusCode).toBe(200);
      for (const [remoteAddress, authorization] of [['127.0.0.1', undefined], ['203.0.113.9', undefined], ['203.0.113.9', `Bearer ${TOKEN}x`], ['127.0.0.1', `Bearer ${TOKEN.slice(0, -1)}`], ['127.0.0.1', TOKEN]] as const) {
        const res = await ask(remoteAddress, authorization);
        expect(res.statusCode, `${remoteAddress} ${authorization}`).toBe(401);
        expect(res.json().error).toMatchObject({ code: 'AUTH_REQUIRED', message: expect.stringContaining('Authorization: Bearer') });
      }
    });

    it('a process without HTTP (npm run worker) serves the metrics alone on a port of its own, with the same rule', async () => {
      const address = await withToken.app.metrics.listenAlone(0);
      const ok = await fetch(`${address}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(samples(await ok.text()).some((s) => s.name === 'sipros_db_pool_max')).toBe(true);
      const refused = await fetch(`${address}/api/metrics`);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('AUTH_REQUIRED');
      // Nothing else of the API answers there.
      const other = await fetch(`${address}/api/programas`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(other.status).toBe(404);
      await other.body?.cancel();
    });
  });
});

describe('metrics configuration', () => {
  it('refuses a short METRICS_TOKEN and a METRICS_PORT that is not a port, in Spanish', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ NODE_ENV: 'test', ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ METRICS_TOKEN: 'corto' })).toEqual([expect.stringContaining('METRICS_TOKEN debe tener al menos 24 caracteres')]);
    expect(problems({ METRICS_PORT: '99999' })).toEqual([expect.stringContaining('METRICS_PORT debe ser un número de puerto')]);
    const config = loadConfig({ NODE_ENV: 'test', METRICS_TOKEN: 'x'.repeat(24), METRICS_PORT: '9464' });
    expect([config.metricsToken, config.metricsPort]).toEqual(['x'.repeat(24), 9464]);
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ metricsToken: null, metricsPort: null });
  });
});
