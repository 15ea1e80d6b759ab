/**
 * The real server process (`node --import tsx runtime/main.ts`, i.e. `npm start`) for the fault
 * tests: started with a given environment, its output collected, stopped with a signal, and every
 * one killed at the end of the test file so an interrupted run leaves nothing behind.
 *
 * SIPROS_WEB_BUILD=false: these tests are about the server, and must not spend a minute (and a
 * gigabyte) building the web app on a machine where runtime/web/dist is missing; without the
 * build the server answers the API and explains at `/` how to build the portal (plugins/web.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabaseUrl } from '../helpers/server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
}

const running = new Set<ChildProcess>();

/** Kills whatever a test left running (call in afterAll). */
export function killLeftovers(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** The environment every fault test starts from: the caller's PATH and HOME, nothing else inherited. */
export function baseEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    SIPROS_WEB_BUILD: 'false',
    SIPROS_SEED_PROGRAMS: 'false',
    ...extra,
  };
}

/** `script` (relative to the project): runtime/main.ts (`npm start`) unless told otherwise. */
export function startServer(env: Record<string, string>, script = 'runtime/main.ts'): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'desconocido');
    }),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits for the start line «SIPROS en http://…» and returns that address. */
export async function listeningAddress(server: ServerProcess, timeoutMs = 60_000): Promise<string> {
  return (await outputLine(server, /SIPROS en (http:\/\/[^\s"]+)/, timeoutMs))[1];
}

/** Waits until stdout matches `pattern` (the process ending first is an error, with its output). */
export async function outputLine(server: ServerProcess, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(server.stdout());
    if (match) return match;
    const code = server.child.exitCode ?? server.child.signalCode;
    if (code !== null) throw new Error(`El proceso terminó (${code}) antes de escribir ${pattern}.\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`);
    if (Date.now() > deadline) throw new Error(`El proceso no escribió ${pattern} en ${timeoutMs} ms.\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends `signal` and measures how long the process takes to end. */
export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | string; ms: number }> {
  const started = Date.now();
  server.child.kill(signal);
  const code = await server.exited;
  return { code, ms: Date.now() - started };
}

/** A throw-away database for one server: a fresh PostgreSQL database when DATABASE_URL is set, else a PGlite folder. */
export interface ScratchDatabase {
  env: Record<string, string>;
  /** The same, as openDatabase takes it. */
  config: { databaseUrl: string | null; pgliteDir: string };
  drop(): Promise<void>;
}

export async function scratchDatabase(): Promise<ScratchDatabase> {
  const fresh = await freshDatabaseUrl();
  if (fresh.url) return { env: { DATABASE_URL: fresh.url }, config: { databaseUrl: fresh.url, pgliteDir: 'memory://' }, drop: fresh.drop };
  const dir = mkdtempSync(join(tmpdir(), 'sipros-faults-'));
  return {
    env: { PGLITE_DIR: join(dir, 'pglite') },
    config: { databaseUrl: null, pgliteDir: join(dir, 'pglite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A port nothing listens on: opened, noted and closed again. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A port that accepts TCP connections and never answers a byte (a hung service, a wrong firewall). */
export async function silentPort(): Promise<{ port: number; firstConnectionAt: () => number | null; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let firstConnectionAt: number | null = null;
  const server: Server = createServer((socket) => {
    firstConnectionAt ??= Date.now();
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    firstConnectionAt: () => firstConnectionAt,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const randomSecret = () => randomBytes(32).toString('hex');

/** Lines of a stack trace («    at f (file:1:2)»): a person should never be shown one for a known failure. */
export const STACK_LINE = /^\s+at .+[(:]/m;
