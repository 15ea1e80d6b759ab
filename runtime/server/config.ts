import { randomBytes } from 'node:crypto';

/** Server configuration, read once from the environment and checked with clear Spanish errors. */
export interface Config {
  host: string;
  port: number;
  /** PostgreSQL URL; when absent the embedded PGlite is used. */
  databaseUrl: string | null;
  /** PGlite data folder, or `memory://` for a throw-away database. */
  pgliteDir: string;
  /** Redis URL for BullMQ; when absent jobs run in-process. */
  redisUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Secret for signed cookies and tokens. */
  secret: string;
  production: boolean;
  /** Publish the programs in definitions/programs on start when they are not published yet. */
  seedPrograms: boolean;
  /** Where uploaded documents are stored (by sha256), outside the web root. */
  storageDir: string;
  /** `outbox`: SMS are recorded in the outbox table and the log only; `http`: posted to smsHttpUrl. */
  smsProvider: 'outbox' | 'http';
  smsHttpUrl: string | null;
  smsHttpToken: string | null;
  /**
   * What this process does: `all` (HTTP and background jobs, the bare-machine default), `api`
   * (HTTP only) or `worker` (jobs only). Split roles need Redis, where the jobs wait between them.
   */
  role: 'all' | 'api' | 'worker';
  /** BullMQ queue name (SIPROS_QUEUE): installations or test runs sharing one Redis keep their jobs apart. */
  queueName: string;
  /**
   * SIPROS_PUBLIC_URL: the address people open (e.g. https://sipros.queretaro.gob.mx). Changes to
   * the API are accepted only from pages of this origin; when unset, from pages of the Host the
   * request came to (enough without a proxy, or with one that passes the Host through).
   */
  publicUrl: string | null;
  /**
   * SIPROS_DEMO: create the demo accounts (public password) on start. On by default outside
   * production; never in production (asking for it there is a configuration error).
   */
  demo: boolean;
  /** SIPROS_WEB_BUILD: `npm start` compiles the web app when runtime/web/dist is missing (default true). */
  buildWeb: boolean;
  /**
   * SIPROS_OUTBOX_SWEEP_MS: how often processes that run jobs re-enqueue SMS and scheduled
   * publications left pending while Redis was unreachable (jobs/durable-work.ts).
   */
  outboxSweepMs: number;
  /**
   * METRICS_TOKEN: the bearer token Prometheus sends to read /api/metrics from anywhere. Unset,
   * metrics answer only requests made directly from this machine (loopback, no proxy headers).
   */
  metricsToken: string | null;
  /**
   * METRICS_PORT: where `npm run worker`, which serves no HTTP, answers its own /api/metrics
   * (on HOST, with the same access rule). Unset: the worker serves none. API processes answer on PORT.
   */
  metricsPort: number | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuración inválida:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * A service SIPROS needs at start (the database) cannot be reached: the message says, in Spanish,
 * which address was tried and what to check. Start-up prints it without a stack trace.
 */
export class ServiceUnreachableError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function readPort(value: string | undefined, problems: string[]): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT debe ser un número de puerto entre 0 y 65535 (se recibió «${value}»).`);
  return port;
}

/** A port some processes listen on only when asked: null when unset. */
function readOptionalPort(name: string, value: string | undefined, problems: string[]): number | null {
  if (value === undefined || value === '') return null;
  const port = Number(value);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  problems.push(`${name} debe ser un número de puerto entre 0 y 65535 (se recibió «${value}»).`);
  return null;
}

/** The metrics token must not be guessable: a short one would let anyone read the load and the routes. */
function readMetricsToken(value: string | undefined, problems: string[]): string | null {
  if (value === undefined || value === '') return null;
  if (value.length < 24 || /\s/.test(value)) problems.push('METRICS_TOKEN debe tener al menos 24 caracteres y ningún espacio (por ejemplo, el resultado de «openssl rand -hex 24»).');
  return value;
}

function readUrl(name: string, value: string | undefined, protocols: string[], problems: string[]): string | null {
  if (value === undefined || value === '') return null;
  try {
    const url = new URL(value);
    if (!protocols.includes(url.protocol)) problems.push(`${name} debe empezar con ${protocols.map((p) => `${p}//`).join(' o ')} (se recibió «${url.protocol}»).`);
  } catch {
    problems.push(`${name} no es una URL válida (se recibió «${value}»).`);
  }
  return value;
}

function readBoolean(name: string, value: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'si', 'sí'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  problems.push(`${name} debe ser true o false (se recibió «${value}»).`);
  return fallback;
}

function readMilliseconds(name: string, value: string | undefined, fallback: number, problems: string[]): number {
  if (value === undefined || value === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100 || ms > 24 * 3600_000) {
    problems.push(`${name} debe ser un número entero de milisegundos entre 100 y 86400000 (se recibió «${value}»).`);
    return fallback;
  }
  return ms;
}

function readSmsProvider(value: string | undefined, problems: string[]): Config['smsProvider'] {
  if (value === undefined || value === '' || value === 'outbox') return 'outbox';
  if (value === 'http') return 'http';
  problems.push(`SMS_PROVIDER debe ser outbox o http (se recibió «${value}»).`);
  return 'outbox';
}

function readRole(value: string | undefined, problems: string[]): Config['role'] {
  if (value === undefined || value === '' || value === 'all') return 'all';
  if (value === 'api' || value === 'worker') return value;
  problems.push(`SIPROS_ROLE debe ser all, api o worker (se recibió «${value}»).`);
  return 'all';
}

/**
 * The demo accounts share a password printed in the README: on a production server they would be
 * an open door, so production refuses them even when asked, instead of quietly ignoring the request.
 */
function readDemo(value: string | undefined, production: boolean, problems: string[]): boolean {
  const demo = readBoolean('SIPROS_DEMO', value, !production, problems);
  if (demo && production) {
    problems.push('SIPROS_DEMO=true no se permite con NODE_ENV=production: las cuentas de demostración tienen una contraseña pública. Quita SIPROS_DEMO (o ponla en false) para arrancar en producción.');
    return false;
  }
  return demo;
}

/** Reads the configuration from `env`; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const logLevel = (env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info')) as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL debe ser uno de ${LOG_LEVELS.join(', ')} (se recibió «${logLevel}»).`);
  const secret = env.SIPROS_SECRET ?? '';
  if (production && secret.length < 32) problems.push('SIPROS_SECRET es obligatoria en producción y debe tener al menos 32 caracteres.');
  const config: Config = {
    host: env.HOST || '127.0.0.1',
    port: readPort(env.PORT, problems),
    databaseUrl: readUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:'], problems),
    pgliteDir: env.PGLITE_DIR || './data/pglite',
    redisUrl: readUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:'], problems),
    logLevel,
    // Outside production a random secret is fine: sessions simply do not survive a restart.
    secret: secret || randomBytes(32).toString('hex'),
    production,
    seedPrograms: readBoolean('SIPROS_SEED_PROGRAMS', env.SIPROS_SEED_PROGRAMS, true, problems),
    storageDir: env.STORAGE_DIR || './data/documentos',
    smsProvider: readSmsProvider(env.SMS_PROVIDER, problems),
    smsHttpUrl: readUrl('SMS_HTTP_URL', env.SMS_HTTP_URL, ['http:', 'https:'], problems),
    smsHttpToken: env.SMS_HTTP_TOKEN || null,
    role: readRole(env.SIPROS_ROLE, problems),
    queueName: env.SIPROS_QUEUE || 'sipros',
    publicUrl: readUrl('SIPROS_PUBLIC_URL', env.SIPROS_PUBLIC_URL, ['http:', 'https:'], problems),
    demo: readDemo(env.SIPROS_DEMO, production, problems),
    buildWeb: readBoolean('SIPROS_WEB_BUILD', env.SIPROS_WEB_BUILD, true, problems),
    outboxSweepMs: readMilliseconds('SIPROS_OUTBOX_SWEEP_MS', env.SIPROS_OUTBOX_SWEEP_MS, 60_000, problems),
    metricsToken: readMetricsToken(env.METRICS_TOKEN, problems),
    metricsPort: readOptionalPort('METRICS_PORT', env.METRICS_PORT, problems),
  };
  // BullMQ uses ':' to build its Redis keys; other characters would make keys hard to inspect.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(config.queueName)) problems.push(`SIPROS_QUEUE solo admite letras, números, «-» y «_» (hasta 64); se recibió «${config.queueName}».`);
  if (config.role !== 'all' && !config.redisUrl) problems.push(`SIPROS_ROLE=${config.role} necesita REDIS_URL: sin Redis los trabajos solo pueden correr en el mismo proceso que la API.`);
  if (config.smsProvider === 'http' && !config.smsHttpUrl) problems.push('SMS_PROVIDER=http necesita SMS_HTTP_URL (la dirección de la pasarela de SMS).');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
