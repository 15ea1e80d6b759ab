import type { FastifyRequest } from 'fastify';
import { maskCurp } from './personal-data.ts';

/**
 * What keeps personal data out of the server's log. The log is read by operators who hold no
 * personal-data role, is shipped to other systems and kept for long: a CURP or a name typed in a
 * search must not end up there. Some official routes carry a CURP in the path (Consulta
 * ciudadana, Ventanilla) and the queue's search box travels in the query string (`q`), and a few
 * error messages name the CURP they refuse; so:
 *
 * - every CURP-shaped text in a logged URL, message or error is masked as the queue masks it for
 *   roles without personal data (`HERG88**********01`);
 * - the free-text query parameters (a name, a CURP or a folio to search) are left out entirely.
 */

/** A CURP anywhere in a text, whatever the case (URLs may carry it in lower case). */
const CURP_ANYWHERE = /[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z\d]\d/gi;
/** Query parameters holding whatever a person typed into a search box. */
const FREE_TEXT_PARAMS = new Set(['q']);
const HIDDEN = '[oculto]';
/** How deep masking looks into a logged object (log entries are small and flat). */
const MAX_DEPTH = 4;

export function maskCurpsIn(text: string): string {
  return text.replace(CURP_ANYWHERE, (curp) => maskCurp(curp.toUpperCase()));
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The URL as the log may show it: the path with CURPs masked (decoded first, so `%48ERG…` is
 * caught too), free-text parameters hidden and CURPs masked in the other values.
 */
export function privateUrl(url: string): string {
  const mark = url.indexOf('?');
  const path = maskCurpsIn(decoded(mark === -1 ? url : url.slice(0, mark)));
  if (mark === -1) return path;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = decoded(eq === -1 ? pair : pair.slice(0, eq));
      if (eq === -1) return maskCurpsIn(key);
      return `${maskCurpsIn(key)}=${FREE_TEXT_PARAMS.has(key) ? HIDDEN : maskCurpsIn(decoded(pair.slice(eq + 1)))}`;
    })
    .join('&');
  return `${path}?${query}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of a log value with CURPs masked in every string, plain objects and arrays followed a few levels down. */
export function maskedValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskCurpsIn(value);
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => maskedValue(v, depth + 1));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskedValue(v, depth + 1)]));
  return value;
}

/** Fastify's request serializer with the URL made private. */
function requestView(request: FastifyRequest) {
  const version = request.headers?.['accept-version'];
  return {
    method: request.method,
    url: privateUrl(request.url),
    version: Array.isArray(version) ? version[0] : version,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** A PostgreSQL error (from pg, or wrapped by MikroORM): it has a five-character SQLSTATE. */
function isDatabaseError(error: Error): boolean {
  const { code, sqlState } = error as { code?: unknown; sqlState?: unknown };
  return [code, sqlState].some((c) => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
}

/** What of a database error may be logged: where it happened, never the values involved. */
const DATABASE_ERROR_FIELDS = ['code', 'sqlState', 'severity', 'constraint', 'table', 'column', 'routine'];

/**
 * A database error without the statement and its values: MikroORM's message is the whole SQL with
 * its parameters written in (names, answers, CURPs) followed by « - » and PostgreSQL's own
 * message, and `detail` quotes the offending values. Only PostgreSQL's message and where it
 * happened are kept.
 */
function databaseErrorView(error: Error) {
  const message = String(error.message ?? '');
  const cut = message.lastIndexOf(' - ');
  const reason = cut === -1 ? message : message.slice(cut + 3);
  const fields = Object.fromEntries(DATABASE_ERROR_FIELDS.filter((k) => k in error).map((k) => [k, (error as unknown as Record<string, unknown>)[k]]));
  const frames = String(error.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));
  const type = error.constructor?.name ?? 'Error';
  return { ...fields, type, message: maskCurpsIn(reason), stack: [`${type}: ${maskCurpsIn(reason)}`, ...frames].join('\n') };
}

/**
 * An error as pino would show it (type, message, stack and its own fields), with CURPs masked in
 * all of them; a database error without its statement, values and detail.
 */
function errorView(error: Error): { [key: string]: unknown; type: string; message: string; stack: string } {
  if (isDatabaseError(error)) return databaseErrorView(error);
  const own = Object.fromEntries(Object.entries(error).filter(([, v]) => typeof v !== 'function'));
  return {
    ...(maskedValue(own) as Record<string, unknown>),
    type: error.constructor?.name ?? 'Error',
    message: maskCurpsIn(String(error.message ?? '')),
    stack: maskCurpsIn(String(error.stack ?? '')),
  };
}

/**
 * Logger options for buildApp (merged into Fastify's `logger`): serializers for requests and
 * errors, and a hook masking CURPs in every message and logged object (the error handler logs
 * refusals' Spanish messages, some of which name a CURP).
 */
export const privateLogOptions = {
  serializers: { req: requestView, err: errorView },
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void) {
      method.apply(this, args.map((arg) => maskedValue(arg)));
    },
  },
};
