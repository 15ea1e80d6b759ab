/**
 * Readable log lines for a person at a terminal (`npm start` in development). The JSON lines pino
 * writes are already redacted by the logger (officials/log-privacy.ts) before they reach this
 * stream, so reformatting them cannot reveal anything the JSON would not.
 */

export type LogFormat = 'pretty' | 'json';

const LEVEL_NAMES: Record<number, string> = { 10: 'TRAZA', 20: 'DEPURA', 30: 'INFO', 40: 'AVISO', 50: 'ERROR', 60: 'FATAL' };

/** Fields every line carries (or that the line's head already shows): left out of the tail. */
const HEAD_FIELDS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'reqId', 'req', 'res', 'responseTime', 'err']);

/**
 * SIPROS_LOG_FORMAT, or by default pretty only where a person reads it: outside production and
 * tests, with standard output on a terminal (servers and test harnesses read JSON).
 */
export function chooseLogFormat(env: NodeJS.ProcessEnv, production: boolean, stdoutIsTerminal: boolean): LogFormat {
  const wanted = env.SIPROS_LOG_FORMAT?.trim().toLowerCase();
  if (wanted === 'pretty' || wanted === 'json') return wanted;
  if (wanted) throw new Error(`SIPROS_LOG_FORMAT debe ser «pretty» o «json» (se recibió «${env.SIPROS_LOG_FORMAT}»).`);
  return !production && env.NODE_ENV !== 'test' && stdoutIsTerminal ? 'pretty' : 'json';
}

function clockTime(time: unknown): string {
  const date = typeof time === 'number' ? new Date(time) : new Date();
  return date.toLocaleTimeString('es-MX', { hour12: false, timeZone: 'America/Mexico_City' });
}

/** Fastify's two lines per request become one, in Spanish: the request is shown when it is answered. */
const REQUEST_MESSAGES: Record<string, string> = { 'incoming request': '', 'request completed': '' };

function requestPart(entry: Record<string, any>, request: string | undefined): string {
  const parts: string[] = [];
  if (request) parts.push(request);
  if (entry.res?.statusCode) parts.push(`→ ${entry.res.statusCode}`);
  if (typeof entry.responseTime === 'number') parts.push(`(${Math.round(entry.responseTime)} ms)`);
  if (entry.reqId && parts.length > 0) parts.push(`[${entry.reqId}]`);
  return parts.join(' ');
}

function tailPart(entry: Record<string, any>): string {
  return Object.entries(entry)
    .filter(([key]) => !HEAD_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

/**
 * Formats pino JSON lines as `hh:mm:ss NIVEL mensaje campo=valor…` (an error's stack below it).
 * A request is one line, `GET /ruta → 200 (12 ms) [req-1]`, written when it is answered: the
 * method and path of its «incoming request» line are kept until then (by request id).
 */
export class PrettyLogFormatter {
  private readonly pending = new Map<string, string>();

  /** The text to write for one line; empty for an «incoming request» kept for its answer. */
  format(line: string): string {
    let entry: Record<string, any>;
    try {
      entry = JSON.parse(line);
    } catch {
      return line.endsWith('\n') ? line : `${line}\n`;
    }
    if (entry.msg === 'incoming request' && entry.reqId && entry.req?.method) {
      // Bounded: requests that never complete (a dropped connection) must not grow it forever.
      if (this.pending.size > 10_000) this.pending.clear();
      this.pending.set(String(entry.reqId), `${entry.req.method} ${entry.req.url ?? ''}`);
      return '';
    }
    const request = entry.reqId ? this.pending.get(String(entry.reqId)) : undefined;
    if (entry.res) this.pending.delete(String(entry.reqId));
    const head = `${clockTime(entry.time)} ${(LEVEL_NAMES[entry.level] ?? String(entry.level)).padEnd(6)}`;
    const message = typeof entry.msg === 'string' && entry.msg in REQUEST_MESSAGES ? REQUEST_MESSAGES[entry.msg] : (entry.msg ?? '');
    const error = entry.err ? `${entry.err.type ?? 'Error'}: ${entry.err.message ?? ''}` : '';
    const text = [head, message, requestPart(entry, request), error, tailPart(entry)].filter(Boolean).join(' ');
    const stack = typeof entry.err?.stack === 'string' ? `\n${entry.err.stack.split('\n').slice(1).join('\n')}` : '';
    return `${text}${stack}\n`;
  }
}

/** One line formatted on its own (no request to pair it with). */
export function formatLogLine(line: string): string {
  return new PrettyLogFormatter().format(line);
}

/** A pino destination that writes the formatted lines to `out` (standard output by default). */
export function prettyLogStream(out: { write(text: string): unknown } = process.stdout): { write(line: string): void } {
  const formatter = new PrettyLogFormatter();
  return {
    write: (line) => {
      const text = formatter.format(line);
      if (text) out.write(text);
    },
  };
}
