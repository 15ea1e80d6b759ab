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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuración inválida:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function readPort(value: string | undefined, problems: string[]): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT debe ser un número de puerto entre 0 y 65535 (se recibió «${value}»).`);
  return port;
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
  };
  // BullMQ uses ':' to build its Redis keys; other characters would make keys hard to inspect.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(config.queueName)) problems.push(`SIPROS_QUEUE solo admite letras, números, «-» y «_» (hasta 64); se recibió «${config.queueName}».`);
  if (config.role !== 'all' && !config.redisUrl) problems.push(`SIPROS_ROLE=${config.role} necesita REDIS_URL: sin Redis los trabajos solo pueden correr en el mismo proceso que la API.`);
  if (config.smsProvider === 'http' && !config.smsHttpUrl) problems.push('SMS_PROVIDER=http necesita SMS_HTTP_URL (la dirección de la pasarela de SMS).');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
