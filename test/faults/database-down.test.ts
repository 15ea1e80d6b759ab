/**
 * Issue 16: the database unreachable when the server starts. Whether its port is closed or only
 * accepts connections and never answers, `npm start` must stop within seconds, with a Spanish
 * message naming DATABASE_URL's host:port and what to check, a non-zero exit and no stack trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_TIMEOUTS } from '../../runtime/db/orm.ts';
import { baseEnv, deadPort, killLeftovers, silentPort, STACK_LINE, startServer } from './server-process.ts';

afterAll(killLeftovers);

/**
 * Loading the server's code takes seconds on a loaded machine (much more than the refusal itself):
 * this bound only catches a start that waits for the database instead of giving up.
 */
const STARTUP_ALLOWANCE_MS = 30_000;

async function startWithDatabase(url: string) {
  const server = startServer(baseEnv({ DATABASE_URL: url, NODE_ENV: 'production', SIPROS_SECRET: 'x'.repeat(40) }));
  const started = Date.now();
  const code = await server.exited;
  return { code, ms: Date.now() - started, endedAt: Date.now(), stderr: server.stderr(), stdout: server.stdout() };
}

describe('database unreachable at start', () => {
  it('closed port: a Spanish message with host:port, exit non-zero, no stack trace', async () => {
    const port = await deadPort();
    const result = await startWithDatabase(`postgres://sipros:secreto@127.0.0.1:${port}/sipros`);
    expect(result.code, result.stderr).not.toBe(0);
    expect(typeof result.code, 'debe salir con un código, no morir por una señal').toBe('number');
    expect(result.stderr).toContain(`PostgreSQL en 127.0.0.1:${port}`);
    expect(result.stderr).toMatch(/rechazó la conexión.*Revisa/);
    expect(result.stderr, 'no debe mostrar la contraseña de DATABASE_URL').not.toContain('secreto');
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).not.toMatch(/ECONNREFUSED|Error:/);
    expect(result.ms).toBeLessThan(STARTUP_ALLOWANCE_MS);
  }, 40_000);

  it('silent port (accepts TCP, never answers): the same, once the connection timeout passes', async () => {
    const silent = await silentPort();
    try {
      const result = await startWithDatabase(`postgres://sipros@127.0.0.1:${silent.port}/sipros`);
      expect(result.code, result.stderr).not.toBe(0);
      expect(typeof result.code).toBe('number');
      expect(result.stderr).toContain(`PostgreSQL en 127.0.0.1:${silent.port}`);
      expect(result.stderr).toContain(`no respondió en ${POSTGRES_TIMEOUTS.connectMs / 1000} s`);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stderr).not.toMatch(/timeout expired|Error:/);
      // Measured from the moment the server reached the port, so the time spent loading code does not count.
      const waited = result.endedAt - silent.firstConnectionAt()!;
      expect(waited).toBeGreaterThanOrEqual(POSTGRES_TIMEOUTS.connectMs - 100);
      expect(waited).toBeLessThan(POSTGRES_TIMEOUTS.connectMs + 4000);
    } finally {
      await silent.close();
    }
  }, 40_000);

  it('a Unix socket directory with no PostgreSQL in it (?host=/dir): the same, naming the socket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sin-postgres-'));
    try {
      const result = await startWithDatabase(`postgres://sipros:secreto@localhost/sipros?host=${dir}`);
      expect(result.code, result.stderr).not.toBe(0);
      expect(result.stderr).toContain(`PostgreSQL en el socket ${dir}/.s.PGSQL.5432`);
      expect(result.stderr).toMatch(/no hay un socket de PostgreSQL en ese directorio.*Revisa/);
      expect(result.stderr).not.toContain('secreto');
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stderr).not.toMatch(/ENOENT|Error:/);
      expect(result.ms).toBeLessThan(STARTUP_ALLOWANCE_MS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
