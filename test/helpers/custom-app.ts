import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../runtime/server/app.ts';
import { loadConfig } from '../../runtime/server/config.ts';
import type { SmsProvider } from '../../runtime/server/modules/sms/providers.ts';
import { freshDatabaseUrl, testJobQueue, type TestApp } from './server.ts';

/**
 * Like startTestApp (own database and queue, movable clock, no seed programs unless asked), with
 * extra environment for the configuration and an optional SMS provider: for tests of the SMS
 * gateway settings, of Redis-backed request limits, and of provider failures.
 */
export async function startCustomApp(options: { env?: Record<string, string>; smsProvider?: SmsProvider; now?: string; seed?: boolean } = {}): Promise<TestApp> {
  const database = await freshDatabaseUrl();
  let now = new Date(options.now ?? '2026-11-24T10:00:00-06:00');
  const config = loadConfig({
    NODE_ENV: 'test',
    PGLITE_DIR: 'memory://',
    SIPROS_SEED_PROGRAMS: String(options.seed ?? false),
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const app: FastifyInstance = await buildApp({ config, clock: () => now, jobs: testJobQueue(), smsProvider: options.smsProvider });
  return {
    app,
    setNow: (iso) => {
      now = new Date(iso);
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
