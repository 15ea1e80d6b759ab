/**
 * Issue 16: Redis unreachable. The real server process (`npm start`) with REDIS_URL on a port
 * where nothing listens must still start (even with an SMS left pending from before, which it
 * cannot enqueue), say the truth on /api/health (503 within 2 s, the queue's state in Spanish),
 * answer a submission within 5 s (accepted: the folio is committed and the SMS receipt waits in
 * the outbox for the workers' sweep), and end within 10 s of SIGTERM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../runtime/db/orm.ts';
import { baseEnv, deadPort, killLeftovers, listeningAddress, scratchDatabase, startServer, stopServer, type ScratchDatabase, type ServerProcess } from './server-process.ts';
import { prepareSubmittableDraft, type SubmittableDraft } from './submittable-draft.ts';

let database: ScratchDatabase;
let draft: SubmittableDraft;
let server: ServerProcess;
let base: string;

beforeAll(async () => {
  database = await scratchDatabase();
  draft = await prepareSubmittableDraft(database);
  server = startServer(baseEnv({ ...database.env, REDIS_URL: `redis://127.0.0.1:${await deadPort()}`, SIPROS_QUEUE: 'sipros-fallas' }));
  base = await listeningAddress(server);
}, 90_000);

afterAll(async () => {
  killLeftovers();
  await database?.drop();
});

async function timed(path: string, init: RequestInit = {}): Promise<{ status: number; body: any; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${base}/api${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}

describe('Redis on a dead port', () => {
  it('health answers 503 within 2 s with the queue down and the database up, in Spanish', async () => {
    const health = await timed('/health');
    expect(health.ms).toBeLessThan(2000);
    expect(health.status, JSON.stringify(health.body)).toBe(503);
    expect(health.body).toMatchObject({ status: 'error', database: { status: 'ok' }, queue: { status: 'error', kind: 'bullmq' } });
    expect(health.body.queue.message).toMatch(/^La cola de trabajos no está disponible: Redis/);
  });

  it('a submission answers within 5 s: accepted with its folio, the SMS receipt kept in the outbox', async () => {
    const res = await timed(`/solicitudes/${draft.applicationId}/enviar`, {
      method: 'POST',
      headers: { cookie: draft.cookie, 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ respuestas: draft.answers }),
    });
    expect(res.ms).toBeLessThan(5000);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.folio).toMatch(/-AEMU-\d+$/);
  });

  it('SIGTERM ends the process within 10 s, with exit code 0', async () => {
    const { code, ms } = await stopServer(server);
    expect(ms).toBeLessThan(10_000);
    expect(code, server.stdout().slice(-2000)).toBe(0);
    expect(server.stdout()).toContain('SIPROS cerrado.');
  }, 15_000);

  it('nothing was lost: the folio and the pending SMS receipt are in the database', async () => {
    // After the server stopped: PGlite admits one process at a time.
    const db = await openDatabase(database.config);
    try {
      const rows = (await db.sql.query<{ folio: string | null; status: string; dedupe_key: string }>(
        `select a.folio, o.status, o.dedupe_key from application a join notification_outbox o on o.application_id = a.id where a.id = $1`,
        [draft.applicationId],
      )).rows;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.folio && r.status === 'pendiente')).toBe(true);
      expect(rows.map((r) => r.dedupe_key)).toContain(`recibo:${draft.applicationId}`);
      // The one left pending before the start could not be enqueued either (the start did not fail for it).
      const leftover = (await db.sql.query<{ status: string }>('select status from notification_outbox where id = $1', [draft.leftoverSmsId])).rows[0];
      expect(leftover.status).toBe('pendiente');
    } finally {
      await db.close();
    }
  });
});
