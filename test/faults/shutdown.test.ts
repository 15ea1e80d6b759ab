/**
 * Issue 16: a shutdown that always ends. SIGTERM ends `npm run worker` with Redis unreachable
 * (cleanly: exit 0), and any SIPROS process whose graceful close hangs is ended by the deadline
 * (exit 1, with a log line saying so) before an orchestrator's SIGKILL at 10 s.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SHUTDOWN_DEADLINE_MS } from '../../runtime/lifecycle.ts';
import { baseEnv, deadPort, killLeftovers, outputLine, scratchDatabase, startServer, stopServer } from './server-process.ts';

afterAll(killLeftovers);

describe('shutdown', () => {
  it('the worker process with Redis on a dead port ends within 10 s of SIGTERM, exit 0', async () => {
    // On PGlite a throw-away in-memory database: the worker needs one, not its contents.
    const database = process.env.DATABASE_URL ? await scratchDatabase() : { env: { PGLITE_DIR: 'memory://' }, drop: async () => {} };
    try {
      const worker = startServer(baseEnv({ ...database.env, REDIS_URL: `redis://127.0.0.1:${await deadPort()}`, SIPROS_QUEUE: 'sipros-fallas' }), 'runtime/worker.ts');
      await outputLine(worker, /proceso de trabajos en marcha/);
      const { code, ms } = await stopServer(worker);
      expect(ms).toBeLessThan(10_000);
      expect(code, worker.stdout().slice(-2000)).toBe(0);
    } finally {
      await database.drop();
    }
  }, 90_000);

  it('a close that never finishes is cut by the deadline: exit 1 and a log line, before 10 s', async () => {
    const hanging = startServer(baseEnv({}), 'test/faults/hanging-close.ts');
    await outputLine(hanging, /listo/, 30_000);
    const { code, ms } = await stopServer(hanging);
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(SHUTDOWN_DEADLINE_MS - 100);
    expect(ms).toBeLessThan(10_000);
    expect(hanging.stdout()).toContain('SIGTERM: cerrando SIPROS');
    expect(hanging.stdout()).toMatch(/no terminó de cerrar en \d+ s: salida forzada/);
  }, 45_000);
});
