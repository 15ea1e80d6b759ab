/**
 * Issue 16: a submission made while the job queue is unreachable keeps its folio and its SMS
 * receipt (in the outbox), and the receipt is really sent once the queue is back, by the periodic
 * sweep of processes that run jobs (jobs/durable-work.ts, started by the jobs plugin). Also: the
 * server starts while the queue is down, and health answers within 2 s even when the queue's
 * health check never returns.
 *
 * In-process, with a queue that can be switched off (the real one underneath: BullMQ when
 * REDIS_URL is set, in-process otherwise): Redis cannot be stopped and restarted from a test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../runtime/server/app.ts';
import { loadConfig } from '../../runtime/server/config.ts';
import { AppError } from '../../runtime/server/errors.ts';
import type { JobHandler, JobObserver, JobOptions, JobQueue, HandlerOptions, QueueDepth, QueueHealth } from '../../runtime/jobs/queue.ts';
import type { SmsProvider } from '../../runtime/server/modules/sms/providers.ts';
import { freshDatabaseUrl, testJobQueue } from '../helpers/server.ts';
import { createSubmittableDraft, type SubmittableDraft } from './submittable-draft.ts';

/** The real queue, behind a switch: while `down`, enqueue is refused as BullMqQueue refuses it with Redis away. */
class SwitchableQueue implements JobQueue {
  down = true;
  /** Health that never answers (a silent Redis). */
  hangHealth = false;

  constructor(private readonly inner: JobQueue) {}

  get kind() {
    return this.inner.kind;
  }

  register<T>(name: string, handler: JobHandler<T>, options?: Partial<HandlerOptions>): void {
    this.inner.register(name, handler, options);
  }

  enqueue<T>(name: string, data: T, options?: JobOptions): Promise<void> {
    if (this.down) return Promise.reject(new AppError('SERVICE_UNAVAILABLE', 'La cola de trabajos no está disponible (prueba).'));
    return this.inner.enqueue(name, data, options);
  }

  idle(): Promise<void> {
    return this.inner.idle();
  }

  health(): Promise<QueueHealth> {
    if (this.hangHealth) return new Promise(() => {});
    return this.down ? Promise.resolve({ status: 'error', kind: this.kind, message: 'Cola apagada por la prueba.' }) : this.inner.health();
  }

  depth(): Promise<QueueDepth> {
    return this.inner.depth();
  }

  observe(observer: JobObserver): void {
    this.inner.observe(observer);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

class RecordingProvider implements SmsProvider {
  readonly name = 'prueba';
  readonly sent: Array<{ to: string; body: string; id: string }> = [];

  async send(message: { to: string; body: string; id: string }) {
    this.sent.push(message);
    return { providerMessageId: `prueba-${this.sent.length}` };
  }
}

const SWEEP_MS = 200;
const queue = new SwitchableQueue(testJobQueue());
const provider = new RecordingProvider();
let app: FastifyInstance;
let dropDatabase = async () => {};
let draft: SubmittableDraft;

beforeAll(async () => {
  const database = await freshDatabaseUrl();
  dropDatabase = database.drop;
  const config = loadConfig({
    NODE_ENV: 'test',
    PGLITE_DIR: 'memory://',
    SIPROS_SEED_PROGRAMS: 'false',
    SIPROS_OUTBOX_SWEEP_MS: String(SWEEP_MS),
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  });
  // Built with the queue down: start-up re-enqueues pending work and must not fail for it.
  app = await buildApp({ config, jobs: queue, smsProvider: provider });
  draft = await createSubmittableDraft(app);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await dropDatabase();
});

const outboxOf = async (applicationId: string) =>
  (await app.db.sql.query<{ status: string; body: string }>('select status, body from notification_outbox where application_id = $1', [applicationId])).rows;

describe('queue unreachable, then back', () => {
  it('health answers 503 within 2 s even when the queue never answers its check', async () => {
    queue.hangHealth = true;
    try {
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'error', database: { status: 'ok' }, queue: { status: 'error', message: expect.stringMatching(/^La cola de trabajos no respondió/) } });
    } finally {
      queue.hangHealth = false;
    }
  });

  it('a submission while the queue is down is accepted; its SMS wait in the outbox', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/solicitudes/${draft.applicationId}/enviar`, headers: { cookie: draft.cookie }, payload: { respuestas: draft.answers } });
    expect(res.statusCode, res.body).toBe(201);
    const folio = res.json().folio as string;
    // Several sweeps pass while the queue is still down: nothing is sent, nothing is lost.
    await new Promise((resolve) => setTimeout(resolve, SWEEP_MS * 3));
    const rows = await outboxOf(draft.applicationId);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'pendiente')).toBe(true);
    expect(rows.some((r) => r.body.includes(folio))).toBe(true);
    expect(provider.sent).toHaveLength(0);
  });

  it('any SMS recorded while the queue is down (codes, decisions) is kept pending; its sender is not failed', async () => {
    const em = app.db.orm.em.fork();
    const id = app.sms.record(em, { phone: '4425550199', body: 'SIPROS: tu código es 123456.', dedupeKey: `prueba-fallas:codigo:${draft.applicationId}`, applicationId: draft.applicationId });
    await em.flush();
    await expect(app.sms.dispatch([id])).resolves.toBeUndefined();
    const row = (await app.db.sql.query<{ status: string }>('select status from notification_outbox where id = $1', [id])).rows[0];
    expect(row.status).toBe('pendiente');
  });

  it('once the queue is back, the periodic sweep sends them (no new request needed)', async () => {
    queue.down = false;
    const deadline = Date.now() + 10_000;
    const unsent = async () => (await app.db.sql.query('select 1 from notification_outbox where status <> $1', ['enviado'])).rows.length;
    while ((await unsent()) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rows = await outboxOf(draft.applicationId);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'enviado'));
    // Sent once each; the message left pending before the start (createSubmittableDraft) goes out too.
    const leftover = (await app.db.sql.query<{ status: string; body: string }>('select status, body from notification_outbox where id = $1', [draft.leftoverSmsId])).rows[0];
    expect(leftover.status).toBe('enviado');
    expect(provider.sent.map((m) => m.body).sort()).toEqual([...rows.map((r) => r.body), leftover.body].sort());
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode, health.body).toBe(200);
  });
});
