/**
 * Pieces shared by the multi-process tests: SIPROS processes forked as deployed (API and worker),
 * each on its own database and BullMQ queue, and sessions inserted directly (sign-up and login
 * have their own tests).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** Forks a child and waits for its first IPC message (its URL, or readiness for a worker). */
export function startProcess(children: ChildProcess[], script: string, env: Record<string, string>): Promise<{ url?: string }> {
  const child = fork(new URL(script, import.meta.url), { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  // A child that cannot be signalled (already gone) reports it as an event: noted, not thrown here.
  child.on('error', (error) => console.warn(`Proceso ${script}: ${error.message}`));
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url?: string }) => resolve(m));
    child.once('exit', (code) => reject(new Error(`El proceso ${script} terminó antes de arrancar (código ${code}).`)));
  });
}

/** Ends every child still running, politely (SIGTERM), and waits for each. */
export async function stopProcesses(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((child) => (child.exitCode !== null || child.signalCode !== null ? null : new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }))),
  );
}

export function adminQuery(sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  return client.connect().then(() => client.query(sql).finally(() => client.end()));
}

/** A fresh database and queue name for one test file; `url` points at the database. */
export async function freshDeployment(prefix: string): Promise<{ dbName: string; queueName: string; url: string }> {
  const suffix = randomBytes(5).toString('hex');
  const dbName = `sipros_${prefix}_${suffix}`;
  await adminQuery(`create database ${dbName}`);
  return { dbName, queueName: `sipros-${prefix}-${suffix}`, url: Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${dbName}` }).toString() };
}

/** A session cookie for a citizen or official of the database. */
export async function sessionFor(db: pg.Pool, type: 'ciudadano' | 'funcionario', id: string, at: Date): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db.query(`insert into session (token_hash, subject_type, subject_id, created_at, expires_at) values ($1, $2, $3, $4, $4::timestamptz + interval '30 days')`, [createHash('sha256').update(token).digest('hex'), type, id, at]);
  return `sipros_sesion=${token}`;
}

/** Drops a test's database and empties its BullMQ queue (what freshDeployment made). */
export async function dropDeployment(dbName: string, queueName: string): Promise<void> {
  if (dbName) await adminQuery(`drop database if exists ${dbName} with (force)`);
  if (queueName && process.env.REDIS_URL) {
    const redis = new Redis(process.env.REDIS_URL);
    const keys = await redis.keys(`bull:${queueName}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}
