/**
 * npm run bench:intake — on PostgreSQL, with autocannon over HTTP, side by side in one run:
 * a bare Fastify route, then the submission endpoint (validation + eligibility + workflow +
 * persistence + history + SMS outbox) for thousands of prepared drafts. Prints requests per
 * second, p50/p99 latency and their ratio. DATABASE_URL (default: the local server's `test`
 * database) is used to create and drop a database of its own. The measured submissions come after
 * BENCH_WARMUP seconds (default 3) of submissions that are not counted.
 *
 * The servers run in child processes (bench/intake-server.ts), as deployed: one API process
 * and, with REDIS_URL, one worker process sending the SMS receipts. The load generator stays in
 * this process so it does not steal the measured event loop.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { curpCheckDigit } from '../engine/curp.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PROGRAM = 'apoyo-tecnologico';
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 40_000);
/** Seconds of submissions before the measured ones, not counted: an opening day is hours long, and what it runs at is the warm process's pace (code compiled, statements prepared, pages in PostgreSQL's buffers). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const definition = JSON.parse(readFileSync(new URL(`../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { at: string; answers: Record<string, unknown> };

async function admin<T>(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** Distinct, valid CURPs of students born in 2009–2010 (eligible: 15–19 on the reference date). */
function* studentCurps(): Generator<string> {
  const letters = 'BCDFGHJKLMNPRSTVZ';
  const vowels = 'AEIOU';
  for (let i = 0; ; i++) {
    const name = letters[i % 17] + vowels[Math.floor(i / 17) % 5] + letters[Math.floor(i / 85) % 17] + letters[Math.floor(i / 1445) % 17];
    const day = String((Math.floor(i / 24565) % 28) + 1).padStart(2, '0');
    const first17 = `${name}09${String((i % 12) + 1).padStart(2, '0')}${day}${i % 2 ? 'H' : 'M'}QTRMSA`;
    yield first17 + curpCheckDigit(first17);
  }
}

async function prepareDrafts(dbUrl: string, n: number): Promise<Array<{ cookie: string; path: string }>> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const version = (await client.query('select current_version from program where id = $1', [PROGRAM])).rows[0].current_version;
  const docTypes = (definition.documents as Array<{ id: string }>).map((d) => d.id);
  const curps = studentCurps();
  const out: Array<{ cookie: string; path: string }> = [];
  const now = new Date(base.at);
  for (let start = 0; start < n; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, n - start) }, () => {
      const curp = curps.next().value as string;
      return { citizen: randomUUID(), app: randomUUID(), curp, birth: `20${curp.slice(4, 6)}-${curp.slice(6, 8)}-${curp.slice(8, 10)}`, sex: curp[10], token: randomBytes(24).toString('base64url') };
    });
    await client.query('begin');
    await client.query(
      `insert into citizen (id, curp, nombres, primer_apellido, fecha_nacimiento, sexo, telefono, telefono_verificado, password_hash, created_at, updated_at)
       select id, curp, 'ESTUDIANTE', 'PRUEBA', birth::date, sex, '4421234567', true, 'x', $5, $5 from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as t(id, curp, birth, sex)`,
      [rows.map((r) => r.citizen), rows.map((r) => r.curp), rows.map((r) => r.birth), rows.map((r) => r.sex), now],
    );
    await client.query(
      `insert into session (token_hash, subject_type, subject_id, created_at, expires_at)
       select h, 'ciudadano', id, $3, $3::timestamptz + interval '30 days' from unnest($1::text[], $2::uuid[]) as t(h, id)`,
      [rows.map((r) => createHash('sha256').update(r.token).digest('hex')), rows.map((r) => r.citizen), now],
    );
    await client.query(
      `insert into application (id, citizen_id, program_id, program_version, status, answers, created_at, updated_at)
       select a, c, $3, $4, 'Borrador', $5::jsonb, $6, $6 from unnest($1::uuid[], $2::uuid[]) as t(a, c)`,
      [rows.map((r) => r.app), rows.map((r) => r.citizen), PROGRAM, version, JSON.stringify(base.answers), now],
    );
    await client.query(
      `insert into document (id, application_id, document_type, sha256, size, media_type, original_name, uploaded_by, uploaded_at)
       select gen_random_uuid(), a, d, repeat('0', 64), 1000, 'application/pdf', d || '.pdf', 'bench', $3 from unnest($1::uuid[]) as t(a) cross join unnest($2::text[]) as u(d)`,
      [rows.map((r) => r.app), docTypes, now],
    );
    await client.query('commit');
    for (const r of rows) out.push({ cookie: `sipros_sesion=${r.token}`, path: `/api/solicitudes/${r.app}/enviar` });
  }
  await client.end();
  return out;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const children: ChildProcess[] = [];
const roles = new Map<number, string>();

/** CPU seconds used so far by every process of the machine, grouped by who it is (via /proc). */
const KERNEL = ' (núcleo del sistema)';

/** CPU seconds used so far by each process of the bench (and, under `<name> (núcleo del sistema)`, the kernel's part of them). */
function cpuByProcess(): Map<string, number> {
  const out = new Map<string, number>();
  const tick = 100; // USER_HZ on Linux
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / tick;
      const who = roles.get(Number(pid)) ?? (Number(pid) === process.pid ? 'autocannon (este proceso)' : comm.startsWith('postgres') ? 'PostgreSQL' : comm.startsWith('redis') ? 'Redis' : 'otros');
      out.set(who, (out.get(who) ?? 0) + seconds);
      // The kernel's share (sockets, mostly): the part of the cost that is talking, not working.
      out.set(`${who}${KERNEL}`, (out.get(`${who}${KERNEL}`) ?? 0) + Number(fields[12]) / tick);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** The V8 flags `npm start` gives the server in that checkout (the young generation's size), so the bench runs it as production does. */
function startFlags(checkout?: string): string[] {
  const manifest = JSON.parse(readFileSync(checkout ? join(checkout, 'package.json') : new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  return manifest.scripts.start.split(/\s+/).filter((word) => /^--[\w-]+=/.test(word));
}

/** Starts a bench server process and waits for its URL (or readiness, for a worker). */
function startProcess(kind: 'bare' | 'api' | 'worker', env: Record<string, string>, checkout?: string): Promise<string> {
  const server = checkout ? join(checkout, 'bench/intake-server.ts') : new URL('./intake-server.ts', import.meta.url);
  const child = fork(server, { env: { ...process.env, ...env, BENCH_PROCESS: kind, BENCH_AT: base.at }, execArgv: ['--import', 'tsx', ...startFlags(checkout), ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  roles.set(child.pid!, { bare: 'Fastify vacío', api: 'API SIPROS', worker: 'trabajos SIPROS' }[kind]);
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url?: string }) => resolve(m.url ?? ''));
    child.once('exit', (code) => reject(new Error(`El proceso ${kind} terminó antes de arrancar (código ${code}).`)));
  });
}

async function count(dbUrl: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** The mean size of each grouped statement, read from the API process's own metrics. */
async function groupedCalls(appUrl: string): Promise<string> {
  const text = await (await fetch(`${appUrl}/api/metrics`)).text();
  const read = (kind: 'sum' | 'count') => new Map([...text.matchAll(new RegExp(`^sipros_db_grouped_calls_${kind}\\{[^}]*statement="([^"]+)"[^}]*\\} (\\S+)$`, 'gm'))].map((m) => [m[1], Number(m[2])]));
  const sums = read('sum');
  const counts = read('count');
  return [...sums].map(([statement, sum]) => `${statement} ${(sum / Math.max(1, counts.get(statement) ?? 0)).toFixed(1)} (${(counts.get(statement) ?? 0).toLocaleString('es-MX')} sentencias)`).join(', ') || 'ninguna';
}

/** Seconds the API process has spent collecting garbage so far (prom-client's default metrics). */
async function gcSeconds(appUrl: string): Promise<number> {
  const text = await (await fetch(`${appUrl}/api/metrics`)).text();
  return [...text.matchAll(/^nodejs_gc_duration_seconds_sum\{[^}]*\} (\S+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

if (!process.env.REDIS_URL) {
  console.error('bench:intake necesita REDIS_URL (p. ej. redis://127.0.0.1:6379): la API y el proceso de trabajos se comunican por Redis.');
  process.exit(2);
}

/**
 * The time a fixed piece of CPU work takes now (hashing and JSON, as the API does): on a shared
 * virtual machine it changes by half within minutes, and every figure of a run with it.
 */
function machinePace(): number {
  const start = performance.now();
  let digest = 'sipros';
  for (let i = 0; i < 300_000; i++) digest = createHash('sha1').update(digest).digest('hex');
  for (let i = 0; i < 2_000_000; i++) digest = JSON.stringify({ i, digest: digest.slice(0, 8) }).slice(-8);
  return performance.now() - start;
}

/** A database of its own, an API and a worker process (from `checkout`, this one by default) and its drafts. */
async function setUp(checkout?: string, redisUrl = process.env.REDIS_URL!): Promise<{ dbName: string; dbUrl: string; appUrl: string; drafts: Array<{ cookie: string; path: string }> }> {
  const dbName = `sipros_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${dbName}`);
  if (process.env.BENCH_ASYNC_COMMIT) await admin(`alter database ${dbName} set synchronous_commit = off`);
  const dbUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${dbName}` }).toString();
  databases.push(dbName);
  const serverEnv = { DATABASE_URL: dbUrl, REDIS_URL: redisUrl, STORAGE_DIR: `/tmp/${dbName}`, SIPROS_SECRET: randomBytes(32).toString('hex') };
  // The API process migrates the database and publishes the programs; then the drafts go in.
  const appUrl = await startProcess('api', serverEnv, checkout);
  await startProcess('worker', serverEnv, checkout);
  console.log(`Preparando ${DRAFTS.toLocaleString('es-MX')} borradores con sus documentos en PostgreSQL${checkout ? ` (${checkout})` : ''}…`);
  return { dbName, dbUrl, appUrl, drafts: await prepareDrafts(dbUrl, DRAFTS) };
}

/**
 * Submissions of `drafts` (from `from` on) for `duration` seconds: each request a draft never sent
 * before. `next` is the first draft no request took (requests still under way when time is up
 * included), where the next call starts.
 */
async function submit(appUrl: string, drafts: Array<{ cookie: string; path: string }>, from: number, duration: number): Promise<autocannon.Result & { next: number }> {
  let next = from;
  const result = await run({
    url: appUrl,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const draft = drafts[next++ % drafts.length];
          return { ...request, path: draft.path, headers: { ...request.headers, cookie: draft.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ respuestas: base.answers }) };
        },
      },
    ],
  });
  return Object.assign(result, { next });
}

/**
 * BENCH_PAIRED_WITH=<another checkout>: that checkout's API and this one's, each on its own
 * database, take turns of BENCH_SECONDS (default 5) for BENCH_ROUNDS rounds, so that both see the
 * same machine: on a shared virtual machine the speed drifts by a quarter within minutes, more
 * than most changes weigh. Prints each turn and the ratio of the two.
 */
async function paired(other: string): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const redisOther = Object.assign(new URL(process.env.REDIS_URL!), { pathname: '/1' }).toString();
  const sides = { otra: await setUp(resolve(other), redisOther), esta: await setUp() };
  const done = { otra: 0, esta: 0 };
  // A turn each, not measured: the side prepared last would otherwise start with its pages in
  // PostgreSQL's buffers and its code compiled, the other not.
  for (const side of ['otra', 'esta'] as const) done[side] = (await submit(sides[side].appUrl, sides[side].drafts, 0, Math.max(WARMUP, 1))).next;
  const rates: Record<'otra' | 'esta', number[]> = { otra: [], esta: [] };
  console.log(`\n${rounds} rondas de ${seconds} s por lado, ${CONNECTIONS} conexiones; «otra» = ${resolve(other)}, «esta» = este checkout:`);
  for (let round = 0; round < rounds; round++) {
    const order: Array<'otra' | 'esta'> = round % 2 === 0 ? ['otra', 'esta'] : ['esta', 'otra'];
    const line: string[] = [];
    for (const side of order) {
      const r = await submit(sides[side].appUrl, sides[side].drafts, done[side], seconds);
      done[side] = r.next;
      if (r.next > sides[side].drafts.length) console.warn(`Aviso: «${side}» ya repite borradores enviados (más baratos); sube BENCH_DRAFTS.`);
      rates[side].push(r.requests.average);
      line.push(`${side} ${Math.round(r.requests.average).toLocaleString('es-MX')}/s p99 ${r.latency.p99} ms${r.non2xx + r.errors ? ` (no-2xx ${r.non2xx}, errores ${r.errors})` : ''}`);
    }
    console.log(`Ronda ${round + 1}: ${line.join('; ')}; esta / otra ${(rates.esta[round] / rates.otra[round]).toFixed(3)}`);
  }
  const ratios = rates.esta.map((r, i) => r / rates.otra[i]).sort((a, b) => a - b);
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  console.log(`Esta / otra: mediana ${ratios[Math.floor(ratios.length / 2)].toFixed(3)}, de ${ratios[0].toFixed(3)} a ${ratios[ratios.length - 1].toFixed(3)}; media de envíos/s: esta ${Math.round(sum(rates.esta) / rounds).toLocaleString('es-MX')}, otra ${Math.round(sum(rates.otra) / rounds).toLocaleString('es-MX')}.`);
}

async function single(): Promise<void> {
  const { dbUrl, appUrl, drafts } = await setUp();
  const paceBefore = machinePace();
  const bareUrl = await startProcess('bare', {});
  const ping = await run({ url: `${bareUrl}/ping`, connections: CONNECTIONS, duration: DURATION });
  children.find((child) => roles.get(child.pid!) === 'Fastify vacío')?.kill('SIGTERM'); // measured: it must not share the machine with the submissions
  const warmUp = WARMUP > 0 ? await submit(appUrl, drafts, 0, WARMUP) : null;
  const warm = warmUp?.next ?? 0;
  const warmAnswered = warmUp?.['2xx'] ?? 0;
  const gcBefore = await gcSeconds(appUrl);
  const cpuBefore = cpuByProcess();
  const submissions = await submit(appUrl, drafts, warm, DURATION);
  if (submissions.next > drafts.length) console.warn(`Aviso: hubo más peticiones (${submissions.next}) que borradores (${drafts.length}); las que repitieron un borrador ya enviado son más baratas. Sube BENCH_DRAFTS.`);
  const cpuAfter = cpuByProcess();
  const gc = (await gcSeconds(appUrl)) - gcBefore;
  const paceAfter = machinePace();
  // The receipts are sent by the worker process; wait until none is pending (at most a minute).
  for (let i = 0; i < 600 && (await count(dbUrl, `select count(*) as n from notification_outbox where status = 'pendiente'`)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
  const issued = await count(dbUrl, 'select count(*) as n from application where folio is not null');
  const sent = await count(dbUrl, `select count(*) as n from notification_outbox where status = 'enviado'`);
  const fmt = (n: number) => Math.round(n).toLocaleString('es-MX');
  const row = (name: string, r: autocannon.Result) =>
    `${name.padEnd(34)}${fmt(r.requests.average).padStart(10)}/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   2xx ${fmt(r['2xx'])}   no-2xx ${fmt(r.non2xx)}   errores ${r.errors + r.timeouts}`;
  console.log(`\n${CONNECTIONS} conexiones, ${DURATION} s cada prueba (los envíos, tras ${WARMUP} s de calentamiento no medidos: ${fmt(warmAnswered)} envíos); PostgreSQL, un proceso de API y un proceso de trabajos (BullMQ en Redis):`);
  console.log(row('Ruta Fastify vacía (GET /ping)', ping));
  console.log(row('Envío de solicitud (POST /enviar)', submissions));
  console.log(`Folios emitidos: ${fmt(issued)} para ${fmt(warmAnswered + submissions['2xx'])} respuestas 2xx con el calentamiento (las peticiones en curso al terminar la medición también se completan); SMS de acuse enviados por el proceso de trabajos: ${fmt(sent)}.`);
  const used = (who: string) => (cpuAfter.get(who) ?? 0) - (cpuBefore.get(who) ?? 0);
  const cpu = [...cpuAfter.keys()].filter((who) => !who.endsWith(KERNEL)).map((who) => [who, used(who)] as const).filter(([, t]) => t > 0.05).sort((a, b) => b[1] - a[1]);
  const kernelShare = (who: string, t: number) => `${Math.round((100 * used(`${who}${KERNEL}`)) / t)} %`;
  console.log(`CPU durante los envíos (${DURATION} s × 2 núcleos = ${DURATION * 2} s): ${cpu.map(([who, t]) => `${who} ${t.toFixed(1)} s`).join(', ')}; por envío: ${cpu.map(([who, t]) => `${who} ${((t * 1000) / Math.max(1, submissions['2xx'])).toFixed(2)} ms`).join(', ')}.`);
  console.log(`Recolección de basura de la API: ${gc.toFixed(2)} s (${Math.round((100 * gc) / Math.max(0.01, used('API SIPROS')))} % de su CPU), ${((gc * 1000) / Math.max(1, submissions['2xx'])).toFixed(3)} ms por envío.`);
  console.log(`De ese tiempo, en el núcleo del sistema (sockets, escritura a disco): ${cpu.map(([who, t]) => `${who} ${kernelShare(who, t)}`).join(', ')}.`);
  console.log(`Sentencias agrupadas (de /api/metrics de la API; llamadas por sentencia, en promedio): ${await groupedCalls(appUrl)}.`);
  console.log(`Ritmo de la máquina (una tarea fija de CPU, antes y después de medir; menos es más rápido): ${Math.round(paceBefore)} ms y ${Math.round(paceAfter)} ms.`);
  console.log(`Envíos por segundo / peticiones por segundo de la ruta vacía: ${(submissions.requests.average / ping.requests.average).toFixed(3)}; p99 envío / p99 ruta vacía: ${(submissions.latency.p99 / Math.max(1, ping.latency.p99)).toFixed(1)}×`);
  console.log(`Meta: ≥ 1,500 envíos/s con p99 < 100 ms → ${submissions.requests.average >= 1500 && submissions.latency.p99 < 100 ? 'cumplida' : 'no cumplida'} (${fmt(submissions.requests.average)}/s, p99 ${submissions.latency.p99} ms).`);
}

const databases: string[] = [];
try {
  if (process.env.BENCH_PAIRED_WITH) await paired(process.env.BENCH_PAIRED_WITH);
  else await single();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  for (const dbName of databases) {
    if (process.env.BENCH_KEEP_DB) console.log(`Base de datos conservada para inspección: ${dbName}`);
    else await admin(`drop database if exists ${dbName} with (force)`);
  }
}
process.exit(process.exitCode ?? 0); // open handles (autocannon agents, Redis) must not keep the bench alive
