/**
 * The queue's exports measured against PostgreSQL's own `COPY … TO STDOUT` of the same rows
 * (issue 14: the CSV of a million rows within 5× COPY, in constant memory; the XLSX streamed in
 * constant memory).
 *
 * As a library (bench/queue.bench.ts, after its load):
 *
 *   import { measureExports, printExports } from './queue-exports.ts';
 *   printExports(await measureExports({ baseUrl: server.url, cookie, dbUrl, serverPid: server.pid, xlsxQuery: '?programa=apoyo-tecnologico' }));
 *
 * On its own, against a database the queue bench kept (`BENCH_KEEP_DB=1 npm run bench:queue`):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sipros_bench_cola_xxxx npx tsx bench/queue-exports.ts
 *
 * which starts a SIPROS server of its own on that database (a child process, JavaScript heap
 * capped at 192 MB as in the queue bench), signs in an official of the whole area and measures.
 * BENCH_XLSX: `programa` (default, the XLSX of one program), `todo` (every row) or `no`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { REPORT_MAX_ROWS } from '../runtime/server/modules/queue/report.ts';

export interface ExportOptions {
  /** The SIPROS server, e.g. http://127.0.0.1:40123 */
  baseUrl: string;
  /** An official's session cookie (`sipros_sesion=…`) whose scope covers the rows to export. */
  cookie: string;
  /** The server's database (the COPY runs there). */
  dbUrl: string;
  /** The server's process id, to sample its resident memory (Linux /proc); left out, memory is not measured. */
  serverPid?: number;
  /** Query string of the CSV report (default '': every row the official sees). */
  csvQuery?: string;
  /** Query string of the XLSX report ('?programa=…'), or null to skip it. Default: the same as the CSV. */
  xlsxQuery?: string | null;
}

export interface Download {
  ms: number;
  bytes: number;
  /** Lines of the CSV without its header; null for the XLSX (it is compressed). */
  rows: number | null;
  /** The last bytes received: a whole XLSX (a ZIP) ends with its central directory's end record. */
  tail: Uint8Array;
  status: number;
  estimatedRows: number | null;
  estimatedBytes: number | null;
  baseMb: number | null;
  peakMb: number | null;
}

export interface ExportFigures {
  csv: Download;
  copy: { ms: number; bytes: number; rows: number };
  /** The CSV route's time over COPY's (the aim: ≤ 5). */
  ratio: number;
  xlsx: (Download & { query: string; selectedRows: number }) | null;
}

/** Resident memory of a process in kB (Linux), or null where /proc cannot say. */
function rssKb(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Number(line?.match(/\d+/)?.[0] ?? NaN) || null;
  } catch {
    return null;
  }
}

// The end record of a ZIP's central directory: 22 bytes, the last two the length of the comment after it (none in ours).
const TAIL_BYTES = 64;
const ZIP_END_RECORD = [0x50, 0x4b, 0x05, 0x06];

function lastBytes(previous: Uint8Array, chunk: Uint8Array, keep: number): Uint8Array {
  if (chunk.length >= keep) return chunk.slice(chunk.length - keep);
  const joined = new Uint8Array(previous.length + chunk.length);
  joined.set(previous);
  joined.set(chunk, previous.length);
  return joined.slice(Math.max(0, joined.length - keep));
}

/** True when the bytes end a ZIP file: a report cut mid-way (a server that died while streaming) does not. */
export function endsAZip(tail: Uint8Array): boolean {
  for (let at = tail.length - 22; at >= 0; at--) {
    const commentLength = tail[at + 20] | (tail[at + 21] << 8);
    if (ZIP_END_RECORD.every((b, i) => tail[at + i] === b) && at + 22 + commentLength === tail.length) return true;
  }
  return false;
}

/** Downloads a report, counting bytes and lines, while sampling the server's memory every 25 ms. */
async function download(url: string, cookie: string, pid: number | undefined): Promise<Download> {
  const baseKb = pid ? rssKb(pid) : null;
  let peakKb = baseKb ?? 0;
  const sampler = pid ? setInterval(() => (peakKb = Math.max(peakKb, rssKb(pid) ?? 0)), 25) : null;
  const started = performance.now();
  // No gzip asked for: the bytes counted are the file's (the report routes never compress anyway).
  const res = await fetch(url, { headers: { cookie, 'accept-encoding': 'identity' } });
  let bytes = 0;
  let lines = 0;
  let tail: Uint8Array = new Uint8Array(0);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    tail = lastBytes(tail, chunk, TAIL_BYTES);
  }
  const ms = performance.now() - started;
  if (sampler) clearInterval(sampler);
  const header = (name: string) => (res.headers.get(name) === null ? null : Number(res.headers.get(name)));
  return {
    ms,
    bytes,
    rows: lines - 1,
    tail,
    status: res.status,
    estimatedRows: header('x-filas-estimadas'),
    estimatedBytes: header('x-bytes-estimados'),
    baseMb: baseKb === null ? null : baseKb / 1024,
    peakMb: pid ? Math.max(peakKb, rssKb(pid) ?? 0) / 1024 : null,
  };
}

/**
 * The report's rows as PostgreSQL's COPY writes them in CSV: the same joins, order, filters and
 * dates formatted in Mexico City time (labels left as ids: COPY cannot look them up, and that
 * work is small beside the rows'), up to the report's ceiling of rows. `program` narrows it as `?programa=` does.
 */
function copyStatement(program: string | null): string {
  const local = (column: string) => `to_char(${column} at time zone 'America/Mexico_City', 'DD/MM/YYYY HH24:MI')`;
  const scope = program === null ? '' : `and a.program_id = '${program.replace(/'/g, "''")}'`;
  return `copy (
    select a.numero, c.curp, c.nombres, c.primer_apellido, coalesce(c.segundo_apellido, ''), ${local('a.submitted_at')}, a.folio,
           a.program_id, a.program_version, a.state, a.support_type_id, a.status = 'Entregado', a.status, a.municipio, ${local('d.delivered_at')}
      from application a join citizen c on c.id = a.citizen_id left join delivery d on d.application_id = a.id
     where a.folio is not null ${scope}
     order by a.numero limit ${REPORT_MAX_ROWS}) to stdout with (format csv)`;
}

async function timedCopy(dbUrl: string, program: string | null): Promise<{ ms: number; bytes: number; rows: number }> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const started = performance.now();
    let bytes = 0;
    let rows = 0;
    for await (const chunk of client.query(copyTo(copyStatement(program))) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) rows++;
    }
    return { ms: performance.now() - started, bytes, rows };
  } finally {
    await client.end();
  }
}

function programOf(query: string): string | null {
  return new URLSearchParams(query.replace(/^\?/, '')).get('programa') || null;
}

async function countRows(dbUrl: string, program: string | null): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    // A report stops at REPORT_MAX_ROWS (the contract's ceiling), so the XLSX holds at most that many.
    const { rows } = await client.query<{ n: number }>('select least(count(*), $2)::int as n from application where folio is not null and ($1::text is null or program_id = $1)', [program, REPORT_MAX_ROWS]);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * Times the CSV route, COPY of the same rows and the XLSX route, one at a time, after a warm-up
 * (module comment). Only the query string's `programa` is mirrored in the COPY: pass no other
 * filter in `csvQuery`.
 */
export async function measureExports(options: ExportOptions): Promise<ExportFigures> {
  const csvQuery = options.csvQuery ?? '';
  const csvProgram = programOf(csvQuery);
  // Warm-up, measured apart from both: the table in the cache (a COPY), and the server's first
  // request of an official (programs compiled, statements prepared) with a report of no rows.
  await timedCopy(options.dbUrl, csvProgram);
  await download(`${options.baseUrl}/api/funcionario/reportes/solicitudes.csv?programa=ninguno`, options.cookie, undefined);
  await download(`${options.baseUrl}/api/funcionario/reportes/solicitudes.xlsx?programa=ninguno`, options.cookie, undefined);
  const copy = await timedCopy(options.dbUrl, csvProgram);
  const csv = await download(`${options.baseUrl}/api/funcionario/reportes/solicitudes.csv${csvQuery}`, options.cookie, options.serverPid);
  if (csv.status !== 200) throw new Error(`Reporte CSV: HTTP ${csv.status}`);
  let xlsx: ExportFigures['xlsx'] = null;
  const xlsxQuery = options.xlsxQuery === undefined ? csvQuery : options.xlsxQuery;
  if (xlsxQuery !== null) {
    const result = await download(`${options.baseUrl}/api/funcionario/reportes/solicitudes.xlsx${xlsxQuery}`, options.cookie, options.serverPid);
    if (result.status !== 200) throw new Error(`Reporte XLSX: HTTP ${result.status}`);
    xlsx = { ...result, rows: null, query: xlsxQuery, selectedRows: await countRows(options.dbUrl, programOf(xlsxQuery)) };
  }
  return { csv, copy, ratio: csv.ms / copy.ms, xlsx };
}

const fmt = (n: number) => Math.round(n).toLocaleString('es-MX');
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const memory = (d: Download) => (d.peakMb === null || d.baseMb === null ? '' : `; memoria del servidor ${d.baseMb.toFixed(0)} MB antes, pico ${d.peakMb.toFixed(0)} MB (+${(d.peakMb - d.baseMb).toFixed(0)} MB)`);

/** The figures as the queue bench prints its own (Spanish, one line each). */
export function printExports(f: ExportFigures): void {
  console.log(`\nCOPY … TO STDOUT (CSV) de las mismas filas: ${fmt(f.copy.rows)} filas, ${mb(f.copy.bytes)} MB en ${seconds(f.copy.ms)}.`);
  const rows = f.csv.rows ?? 0;
  console.log(
    `Reporte CSV: ${fmt(rows)} filas, ${mb(f.csv.bytes)} MB en ${seconds(f.csv.ms)} (${fmt(rows / (f.csv.ms / 1000))} filas/s)${memory(f.csv)}. ` +
      `Estimado al empezar: ${f.csv.estimatedRows === null ? '—' : fmt(f.csv.estimatedRows)} filas, ${f.csv.estimatedBytes === null ? '—' : `${mb(f.csv.estimatedBytes)} MB`}.`,
  );
  console.log(`  Meta: ≤ 5× COPY → ${f.ratio.toFixed(1)}× (${f.ratio <= 5 && rows === f.copy.rows ? 'cumplida' : 'NO cumplida'}).`);
  if (f.xlsx) {
    console.log(
      `Reporte XLSX (${f.xlsx.query || 'todas las filas'}, ${fmt(f.xlsx.selectedRows)} filas${endsAZip(f.xlsx.tail) ? '' : ', ARCHIVO INCOMPLETO'}): ${mb(f.xlsx.bytes)} MB en ${seconds(f.xlsx.ms)} (${fmt(f.xlsx.selectedRows / (f.xlsx.ms / 1000))} filas/s)${memory(f.xlsx)}. ` +
        `Estimado al empezar: ${f.xlsx.estimatedBytes === null ? '—' : `${mb(f.xlsx.estimatedBytes)} MB`}.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// On its own: a server on an existing bench database, an official, the measures.
// ---------------------------------------------------------------------------------------------
const SERVER_HEAP_MB = 192;
const AREA = 'subsecretaria-desarrollo-social';

async function officialCookie(dbUrl: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const id = randomUUID();
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query(
      `insert into official (id, usuario, nombre, correo, password_hash, roles, area, created_at, updated_at) values ($1, $2, 'Exportaciones', $2 || '@example.org', 'x', '{revisor,coordinador}', $3, now(), now())`,
      [id, `exportaciones-${id.slice(0, 8)}`, AREA],
    );
    await client.query(`insert into session (token_hash, subject_type, subject_id, created_at, expires_at) values ($1, 'funcionario', $2, now(), now() + interval '1 day')`, [createHash('sha256').update(token).digest('hex'), id]);
  } finally {
    await client.end();
  }
  return `sipros_sesion=${token}`;
}

function startServer(dbUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(new URL(import.meta.url), {
    env: { ...process.env, BENCH_EXPORTS_SERVER: '1', DATABASE_URL: dbUrl, STORAGE_DIR: `/tmp/sipros-bench-exports-${process.pid}`, SIPROS_SECRET: randomBytes(32).toString('hex') },
    execArgv: ['--import', 'tsx', `--max-old-space-size=${SERVER_HEAP_MB}`],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve({ url: m.url, child }));
    child.once('exit', (code) => reject(new Error(`El servidor terminó antes de arrancar (código ${code}).`)));
  });
}

/** SIPROS on a bench database in this process (a child of a bench: it sends its address to the parent). */
export async function serve(): Promise<void> {
  const { buildApp } = await import('../runtime/server/app.ts');
  const { loadConfig } = await import('../runtime/server/config.ts');
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_URL: '' });
  const app = await buildApp({ config });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.send!({ url: await app.listen({ host: '127.0.0.1', port: 0 }) });
}

async function main(): Promise<void> {
  const dbUrl = process.env.DATABASE_URL;
  if (!dbUrl) throw new Error('DATABASE_URL: la base de datos de un banco de la bandeja conservado (BENCH_KEEP_DB=1 npm run bench:queue).');
  const mode = process.env.BENCH_XLSX ?? 'programa';
  const { url, child } = await startServer(dbUrl);
  try {
    const cookie = await officialCookie(dbUrl);
    printExports(await measureExports({ baseUrl: url, cookie, dbUrl, serverPid: child.pid, xlsxQuery: mode === 'no' ? null : mode === 'todo' ? '' : '?programa=apoyo-tecnologico' }));
  } finally {
    child.kill('SIGTERM');
  }
}

if (process.env.BENCH_EXPORTS_SERVER === '1') await serve();
else if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
