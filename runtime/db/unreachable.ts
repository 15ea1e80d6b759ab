import { ServiceUnreachableError } from '../server/config.ts';

/** Network-level failures that mean "nothing usable answers at DATABASE_URL's address". */
const REFUSED = new Set(['ECONNREFUSED']);
const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);
const CUT = new Set(['ECONNRESET', 'EPIPE']);
/** A Unix socket path with nothing there (DATABASE_URL's `?host=/dir`: PostgreSQL down, or another directory). */
const NO_SOCKET = new Set(['ENOENT']);
/** PostgreSQL's SQLSTATEs for a refused login (invalid_password, invalid_authorization_specification). */
const AUTH_REFUSED = new Set(['28P01', '28000']);

/**
 * Every error in the chain: knex, tarn and MikroORM wrap the driver's error (`cause`, `original`),
 * and Node reports a refused dual-stack connection as an AggregateError (`errors`).
 */
function errorChain(error: unknown, seen = new Set<unknown>()): Array<{ code?: string; message?: string }> {
  if (error === null || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; original?: unknown; errors?: unknown };
  const own = { code: typeof e.code === 'string' ? e.code : undefined, message: typeof e.message === 'string' ? e.message : undefined };
  const nested = [e.cause, e.original, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [own, ...nested.flatMap((n) => errorChain(n, seen))];
}

/**
 * The directory of PostgreSQL's Unix socket that DATABASE_URL names libpq's way (`?host=/var/run/postgresql`),
 * or null when it names a server by host name.
 */
export function socketDirectoryOf(databaseUrl: string): string | null {
  const dir = new URL(databaseUrl).searchParams.get('host');
  return dir?.startsWith('/') ? dir : null;
}

function describeAddress(databaseUrl: string): { where: string; host: string; port: string; user: string } {
  const url = new URL(databaseUrl);
  const port = url.port || '5432';
  const user = decodeURIComponent(url.username) || 'postgres';
  const socketDir = socketDirectoryOf(databaseUrl);
  if (socketDir) return { where: `el socket ${socketDir}/.s.PGSQL.${port}`, host: socketDir, port, user };
  const host = url.hostname || 'localhost';
  return { where: `${host}:${port}`, host, port, user };
}

/**
 * The Spanish explanation of a failure to reach PostgreSQL at start (closed port, silent port,
 * unknown host, refused login), naming DATABASE_URL's host:port (never its password) and what to
 * check; null when the error is something else (a failing migration, a bug), which keeps its trace.
 */
export function unreachableDatabaseMessage(error: unknown, databaseUrl: string, connectTimeoutMs: number): string | null {
  const chain = errorChain(error);
  const codes = new Set(chain.flatMap((e) => (e.code ? [e.code] : [])));
  const text = chain.map((e) => e.message ?? '').join(' ');
  const has = (set: Set<string>) => [...codes].some((code) => set.has(code));
  const { where, host, port, user } = describeAddress(databaseUrl);
  const intro = `SIPROS no puede arrancar: la base de datos de DATABASE_URL (PostgreSQL en ${where})`;
  if (has(REFUSED)) {
    return `${intro} rechazó la conexión. Revisa que PostgreSQL esté en marcha y escuche en ese servidor y puerto (pg_isready -h ${host} -p ${port}) y que DATABASE_URL sea la correcta.`;
  }
  if (has(NO_SOCKET)) {
    return `${intro} no existe: no hay un socket de PostgreSQL en ese directorio. Revisa que PostgreSQL esté en marcha (pg_isready -h ${host} -p ${port}) y que el directorio de DATABASE_URL sea uno de su unix_socket_directories.`;
  }
  if (has(NOT_FOUND)) return `${intro} no existe: no se encontró el servidor «${host}». Revisa el nombre del servidor en DATABASE_URL y el DNS de esta máquina.`;
  if (has(AUTH_REFUSED)) return `${intro} rechazó al usuario «${user}»: la contraseña o el permiso de acceso no son válidos. Revisa el usuario y la contraseña de DATABASE_URL y pg_hba.conf.`;
  if (has(UNREACHABLE) || /timeout|timed out/i.test(text)) {
    return `${intro} no respondió en ${Math.round(connectTimeoutMs / 1000)} s. Revisa que en ese servidor y puerto esté PostgreSQL (y no otro servicio), que la red o un cortafuegos no retengan la conexión y que el servidor no esté saturado.`;
  }
  if (has(CUT) || /Connection terminated/i.test(text)) {
    return `${intro} cortó la conexión al arrancar. Revisa que en ese puerto esté PostgreSQL y que acepte conexiones de esta máquina (listen_addresses, pg_hba.conf).`;
  }
  return null;
}

/** Rethrows a start-up failure to reach the database as ServiceUnreachableError (Spanish, no stack). */
export function explainDatabaseFailure(error: unknown, databaseUrl: string, connectTimeoutMs: number): never {
  const message = unreachableDatabaseMessage(error, databaseUrl, connectTimeoutMs);
  if (message) throw new ServiceUnreachableError(message, { cause: error });
  throw error;
}
