import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../runtime/server/app.ts';
import { loadConfig } from '../../runtime/server/config.ts';
import { BullMqQueue, InProcessQueue, type JobQueue } from '../../runtime/jobs/queue.ts';
import type { SmsProvider } from '../../runtime/server/modules/sms/providers.ts';

/**
 * Where server tests run: on the real PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set
 * (CI sets both), each test app on a database and queue of its own; otherwise on an in-memory
 * PGlite and in-process jobs.
 */
export const onRealServices = Boolean(process.env.DATABASE_URL);

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one test app; dropped by the returned cleanup. */
export async function freshDatabaseUrl(): Promise<{ url: string | null; drop: () => Promise<void> }> {
  if (!process.env.DATABASE_URL) return { url: null, drop: async () => {} };
  const name = `sipros_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

export function testJobQueue(): JobQueue {
  return process.env.REDIS_URL ? new BullMqQueue(process.env.REDIS_URL, `sipros-test-${randomBytes(6).toString('hex')}`) : new InProcessQueue();
}

export interface TestApp {
  app: FastifyInstance;
  /** Moves the server's clock (calls open and close by it). */
  setNow(iso: string): void;
  close(): Promise<void>;
}

export interface TestAppOptions {
  now?: string;
  seed?: boolean;
  pgliteDir?: string;
  /** Extra environment for the configuration (e.g. SMS gateway settings). */
  env?: Record<string, string>;
  smsProvider?: SmsProvider;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await freshDatabaseUrl();
  let now = new Date(options.now ?? '2026-11-24T10:00:00-06:00');
  const config = loadConfig({
    NODE_ENV: 'test',
    PGLITE_DIR: options.pgliteDir ?? 'memory://',
    SIPROS_SEED_PROGRAMS: String(options.seed ?? true),
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const app = await buildApp({ config, clock: () => now, jobs: testJobQueue(), smsProvider: options.smsProvider });
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
