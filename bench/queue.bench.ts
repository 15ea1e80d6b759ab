/**
 * npm run bench:queue — the officials' work queue on PostgreSQL with BENCH_ROWS applications
 * (default 1,000,000, each with its citizen), through the real HTTP routes of a SIPROS server
 * running in a child process (as deployed: the measuring client does not share its event loop).
 *
 * Loads the rows with COPY (pg-copy-streams), with the secondary indexes dropped during the load
 * and rebuilt afterwards from their own definitions (a bulk build is many times faster than a
 * million single inserts into each index), then VACUUM ANALYZE. Measures, one request at a time:
 * first and deep pages of the queue in each sort order and with filters, CURP, folio and name
 * searches, the dashboard, and the CSV (all rows) and XLSX reports with the server's peak memory.
 *
 * DATABASE_URL (default the local server's `test` database) is used to create and drop a database
 * of its own. BENCH_ROWS, BENCH_REQUESTS (per scenario, default 100), BENCH_XLSX (`programa`: the
 * XLSX report of one program, about BENCH_ROWS / 8 rows, the default; `todo`: every row; `no`),
 * BENCH_KEEP_DB=1 keeps the database; BENCH_DB=<its name> measures on it again without loading (the rows
 * are the same, drawn from the same seed), and BENCH_ONLY=<words> runs only the scenarios whose names
 * contain them, without the reports — to try a change to the queue on 10 M rows in minutes.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { encodeCursor, type CursorOwner } from '../runtime/server/modules/queue/cursor.ts';
import { endsAZip, measureExports, printExports, serve, type ExportFigures } from './queue-exports.ts';
import { REPORT_MAX_ROWS } from '../runtime/server/modules/queue/report.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const XLSX = process.env.BENCH_XLSX ?? 'programa';
const AREA = 'subsecretaria-desarrollo-social';
const SERVER_HEAP_MB = 192;

// ---------------------------------------------------------------------------------------------
// Data: names with accents, CURPs, folios per program in time order, workflow states.
// ---------------------------------------------------------------------------------------------
const NOMBRES = ['MARÍA', 'JOSÉ', 'GUADALUPE', 'JUAN', 'FRANCISCO', 'ANA', 'LUIS', 'ROSA', 'JESÚS', 'MIGUEL ÁNGEL', 'VERÓNICA', 'ALEJANDRA', 'PATRICIA', 'ROCÍO', 'ANDRÉS', 'SOFÍA', 'RAÚL', 'MÓNICA', 'HÉCTOR', 'LUCÍA', 'CARMEN', 'FERNANDO', 'ISABEL', 'RAMÓN', 'MARTÍN', 'INÉS', 'JOAQUÍN', 'BEATRIZ', 'ESTEBAN', 'NOEMÍ', 'DAVID', 'LAURA', 'PEDRO', 'TERESA', 'SERGIO', 'ELENA', 'ÓSCAR', 'DANIELA', 'ÁNGEL', 'XIMENA'];
const APELLIDOS = ['HERNÁNDEZ', 'GARCÍA', 'MARTÍNEZ', 'LÓPEZ', 'GONZÁLEZ', 'PÉREZ', 'RODRÍGUEZ', 'SÁNCHEZ', 'RAMÍREZ', 'CRUZ', 'FLORES', 'GÓMEZ', 'MORALES', 'VÁZQUEZ', 'REYES', 'JIMÉNEZ', 'TORRES', 'DÍAZ', 'GUTIÉRREZ', 'RUIZ', 'MENDOZA', 'AGUILAR', 'ORTIZ', 'MORENO', 'CASTILLO', 'ROMERO', 'ÁLVAREZ', 'MÉNDEZ', 'CHÁVEZ', 'RIVERA', 'JUÁREZ', 'RAMOS', 'DOMÍNGUEZ', 'HERRERA', 'MEDINA', 'CASTRO', 'VARGAS', 'GUZMÁN', 'VELÁZQUEZ', 'MUÑOZ', 'ROJAS', 'DE LA CRUZ', 'CONTRERAS', 'SALAZAR', 'LUNA', 'ORTEGA', 'SANTIAGO', 'GUERRERO', 'BAUTISTA', 'ESTRADA', 'NÚÑEZ', 'CORTÉS', 'ÁVILA', 'SOTO', 'IBARRA', 'OLVERA', 'RESÉNDIZ', 'UGALDE', 'TREJO', 'ZÚÑIGA'];
const MUNICIPIOS = Array.from({ length: 18 }, (_, i) => `220${String(i + 1).padStart(2, '0')}`);
/** Share of applications per workflow state (states a program lacks fall back to review). */
const STATE_MIX: Array<[string, number]> = [['en_revision', 0.45], ['correccion', 0.05], ['dictamen', 0.08], ['autorizacion', 0.04], ['aprobada', 0.15], ['entregado', 0.17], ['rechazada', 0.05], ['baja', 0.01]];
const CONSONANTS = 'BCDFGHJKLMNPRSTVZ';

interface ProgramInfo {
  id: string;
  version: number;
  prefix: string;
  supports: string[];
  statuses: Record<string, string>;
}

/** Deterministic pseudo-random numbers, so two runs load the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** A unique CURP-shaped text per row (the search matches it exactly; its check digit does not matter here). */
function curpOf(i: number, sex: string): string {
  let n = i;
  let letters = '';
  for (let k = 0; k < 4; k++) {
    letters += String.fromCharCode(65 + (n % 26));
    n = Math.floor(n / 26);
  }
  const yy = String(40 + (n % 60)).padStart(2, '0');
  const mmdd = `${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
  return `${letters}${yy}${mmdd}${sex}QT${CONSONANTS[i % 17]}${CONSONANTS[(i >> 4) % 17]}${CONSONANTS[(i >> 8) % 17]}A${i % 10}`;
}

function folioDate(ms: number): string {
  const local = new Date(ms - 6 * 3600_000).toISOString(); // Mexico City: UTC−6 all year since 2022
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

/** The COPY text of both tables, built in chunks of rows (tab-separated, \N for null). */
interface Sample {
  folios: string[];
  curps: string[];
  names: string[][];
  /** Folios issued per program (each program's folio sequence continues from there). */
  counters: Map<string, number>;
}

function pickState(program: ProgramInfo, draw: number): string {
  let left = draw;
  for (const [state, share] of STATE_MIX) {
    left -= share;
    if (left < 0) return program.statuses[state] ? state : 'en_revision';
  }
  return 'en_revision';
}

function* rowChunks(programs: ProgramInfo[], table: 'citizen' | 'application', stats: Sample): Generator<string> {
  const random = rng(20261124);
  const start = Date.parse('2026-07-01T08:00:00-06:00');
  const span = 140 * 24 * 3600_000;
  const counters = stats.counters;
  const stamp = new Date().toISOString();
  const chunk: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const nombres = NOMBRES[Math.floor(random() * NOMBRES.length)];
    const primer = APELLIDOS[Math.floor(random() * APELLIDOS.length)];
    const segundo = random() < 0.97 ? APELLIDOS[Math.floor(random() * APELLIDOS.length)] : null;
    const sex = random() < 0.6 ? 'M' : 'H';
    const citizenId = uuidFrom(i, 'c');
    const curp = curpOf(i, sex);
    const program = programs[Math.floor(random() * programs.length)];
    const state = pickState(program, random());
    const at = start + Math.floor((i / ROWS) * span + random() * 60_000);
    const n = (counters.get(program.id) ?? 0) + 1;
    counters.set(program.id, n);
    const folio = `${folioDate(at)}-${program.prefix}-${n}`;
    const municipio = random() < 0.97 ? MUNICIPIOS[Math.floor(random() * random() * MUNICIPIOS.length)] : null;
    if (i % Math.max(1, Math.floor(ROWS / 2000)) === 0) {
      stats.folios.push(folio);
      stats.curps.push(curp);
      stats.names.push([nombres, primer, segundo ?? '']);
    }
    if (table === 'citizen') {
      chunk.push(`${citizenId}\t${curp}\t${nombres}\t${primer}\t${segundo ?? '\\N'}\t19${curp.slice(4, 6)}-${curp.slice(6, 8)}-${curp.slice(8, 10)}\t${sex}\t4420000000\tt\tx\t${stamp}\t${stamp}`);
    } else {
      const when = new Date(at).toISOString();
      const snapshot = `{"state":"${state}","context":{"correction":null,"lastDecisionBy":null,"correctionRounds":0}}`;
      const name = fold(`${primer} ${segundo ? `${segundo} ` : ''}${nombres}`);
      chunk.push(`${uuidFrom(i, 'a')}\t${citizenId}\t${program.id}\t${program.version}\t${program.supports[i % program.supports.length]}\t${folio}\t${program.statuses[state]}\t${state}\t${snapshot}\t{}\t{"eligible":true,"reasons":[],"score":10,"requiredDocuments":[]}\t10\t${municipio ?? '\\N'}\t${when}\t${when}\t${when}\t${name}`);
    }
    if (chunk.length === 5000) {
      yield `${chunk.join('\n')}\n`;
      chunk.length = 0;
    }
  }
  if (chunk.length) yield `${chunk.join('\n')}\n`;
}

/**
 * Reproducible UUIDs (v4 layout) that grow with the row number, as time-ordered ids do: each
 * COPY then appends to the end of the primary key instead of writing all over it.
 */
function uuidFrom(i: number, kind: 'a' | 'c'): string {
  const hex = i.toString(16).padStart(12, '0');
  return `${kind === 'a' ? 'a' : 'c'}${hex.slice(0, 7)}-${hex.slice(7, 11)}-4${hex.slice(11, 12)}00-8000-${(i * 2654435761 % 0xffffffffffff).toString(16).padStart(12, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Loading.
// ---------------------------------------------------------------------------------------------
async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function copyInto(client: pg.Client, sql: string, chunks: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
}

async function programsOf(client: pg.Client): Promise<ProgramInfo[]> {
  const { rows } = await client.query<{ id: string; version: number; definition: { folioPrefix: string; supportTypes: Array<{ id: string }>; workflow: { states: Record<string, { status: string }> } } }>(
    'select p.id, v.version, v.definition from program p join program_version v on v.program_id = p.id and v.version = p.current_version order by p.id',
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    prefix: r.definition.folioPrefix,
    supports: r.definition.supportTypes.map((s) => s.id),
    statuses: Object.fromEntries(Object.entries(r.definition.workflow.states).map(([k, v]) => [k, v.status])),
  }));
}

/**
 * COPY with the secondary indexes dropped and rebuilt afterwards, and with triggers (foreign keys,
 * the name trigger) off for this session only: the rows are consistent by construction and
 * bring their own nombre_busqueda.
 */
/**
 * Secondary indexes and unique constraints (not the primary keys, which foreign keys need) of the
 * two tables, and the primary key of the words of names (application_word, filled after the COPY).
 */
async function droppable(client: pg.Client): Promise<{ indexes: string[]; constraints: Array<{ table: string; name: string; def: string }> }> {
  const constraints = (
    await client.query<{ table: string; name: string; def: string }>(
      `select t.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as def
         from pg_constraint c join pg_class t on t.oid = c.conrelid
        where (t.relname in ('application', 'citizen') and c.contype = 'u') or (t.relname = 'application_word' and c.contype = 'p')`,
    )
  ).rows;
  const indexes = (
    await client.query<{ def: string }>(
      `select i.indexdef as def from pg_indexes i
        where i.tablename in ('application', 'citizen') and i.schemaname = 'public'
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    )
  ).rows.map((r) => r.def);
  return { indexes, constraints };
}

/** Runs the statements on `connections` parallel connections (index builds of one table do not block each other). */
async function inParallel(dbUrl: string, statements: string[], connections: number): Promise<void> {
  const queue = [...statements];
  await Promise.all(
    Array.from({ length: connections }, () =>
      withClient(dbUrl, async (c) => {
        await c.query(`set maintenance_work_mem = '256MB'`);
        for (let next = queue.shift(); next; next = queue.shift()) await c.query(next);
      }),
    ),
  );
}

async function copyTable(dbUrl: string, sql: string, chunks: Iterable<string>): Promise<void> {
  await withClient(dbUrl, async (c) => {
    // This session only: no triggers (foreign keys, the name trigger); the rows are consistent by construction.
    await c.query('set session_replication_role = replica');
    await copyInto(c, sql, chunks);
  });
}

/** The samples of a kept database's rows: the same generator, from the same seed, without writing. */
async function sampleOf(dbUrl: string): Promise<Sample> {
  const programs = await withClient(dbUrl, programsOf);
  const stats: Sample = { folios: [], curps: [], names: [], counters: new Map() };
  for (const chunk of rowChunks(programs, 'citizen', stats)) void chunk;
  return stats;
}

/**
 * COPY of both tables at once with the secondary indexes and unique constraints dropped, then
 * rebuilt from their own definitions on two connections (one bulk build is many times faster
 * than a million inserts into each index), then VACUUM ANALYZE (statistics, visibility map).
 */
async function load(dbUrl: string): Promise<Sample> {
  return withClient(dbUrl, async (client) => {
    const programs = await programsOf(client);
    const { indexes, constraints } = await droppable(client);
    for (const c of constraints) await client.query(`alter table ${c.table} drop constraint ${c.name}`);
    for (const def of indexes) await client.query(`drop index ${/INDEX (\S+) ON/.exec(def)![1]}`);
    const stats: Sample = { folios: [], curps: [], names: [], counters: new Map() };
    let t = performance.now();
    await Promise.all([
      copyTable(dbUrl, 'copy citizen (id, curp, nombres, primer_apellido, segundo_apellido, fecha_nacimiento, sexo, telefono, telefono_verificado, password_hash, created_at, updated_at) from stdin', rowChunks(programs, 'citizen', stats)),
      copyTable(
        dbUrl,
        'copy application (id, citizen_id, program_id, program_version, support_type_id, folio, status, state, snapshot, answers, eligibility, score, municipio, submitted_at, created_at, updated_at, nombre_busqueda) from stdin',
        rowChunks(programs, 'application', { folios: [], curps: [], names: [], counters: new Map() }),
      ),
    ]);
    console.log(`  COPY de ${fmt(ROWS)} personas y ${fmt(ROWS)} solicitudes: ${seconds(t)}`);
    for (const [program, count] of stats.counters) await client.query(`select setval($1::regclass, $2)`, [`folio_${program.replace(/-/g, '_')}`, count]);
    t = performance.now();
    // The COPY ran without triggers: the words of the names and the dashboard's counts are derived
    // by the database's own functions (those a migration runs), the words' key built after them.
    // Those and the GIN index (the longest builds) first, so the two connections finish together.
    const add = (c: { table: string; name: string; def: string }) => `alter table ${c.table} add constraint ${c.name} ${c.def}`;
    const words = constraints.filter((c) => c.table === 'application_word');
    const builds = [
      ['select sipros_rehacer_palabras()', ...words.map(add)].join(';\n'),
      ...indexes.filter((d) => d.includes('gin')),
      'select sipros_rehacer_conteos()',
      ...indexes.filter((d) => !d.includes('gin')),
      ...constraints.filter((c) => c.table !== 'application_word').map(add),
    ];
    await inParallel(dbUrl, builds, 2);
    console.log(`  palabras de los nombres, conteos del tablero, ${builds.length - 2} índices y restricciones: ${seconds(t)}`);
    t = performance.now();
    const supports = await deliveredSupports(client);
    console.log(`  el padrón de los apoyos entregados (${fmt(supports)}, uno por solicitud «entregado», con su persona) y sus totales: ${seconds(t)}`);
    console.log(`  contar esos apoyos y sus personas en cada lectura (lo que el tablero hacía antes de la migración 0024): mediana de 3, ${(await supportsScan(client)).toFixed(0)} ms`);
    t = performance.now();
    for (const table of ['citizen', 'application', 'application_word', 'application_count', 'persona', 'persona_curp', 'beneficio', 'padron_persona_programas', 'padron_combinacion']) await client.query(`vacuum analyze ${table}`);
    console.log(`  VACUUM ANALYZE: ${seconds(t)}`);
    return stats;
  });
}

/** The per-request count the dashboard's padrón figures used to be, for every program (the median of three runs, ms). */
async function supportsScan(client: pg.Client): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await client.query('select count(distinct persona_id), count(*) from beneficio where programa = any(array(select id from program))');
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[1];
}

/**
 * Each delivered application as the support of its applicant in the padrón, as the delivery step
 * records it (runtime/server/modules/padron/registry.ts): the dashboard's padrón figures then read
 * as many supports as the deliveries of ROWS applications leave. Written with the triggers off like
 * the COPY, then the padrón's totals derived by the database's own function (migration 0024).
 */
async function deliveredSupports(client: pg.Client): Promise<number> {
  await client.query('set session_replication_role = replica');
  await client.query(`insert into programa_catalogo (clave, nombre, dependencia, tipo, programa_sipros, created_at, updated_at)
    select p.id, p.id, 'sedesoq', 'economico', p.id, now(), now() from program p on conflict (clave) do nothing`);
  await client.query(`insert into persona (id, curp, nombres, primer_apellido, segundo_apellido, fecha_nacimiento, sexo, cve_ent, cve_mun, origen, created_at, updated_at)
    select c.id, c.curp, c.nombres, c.primer_apellido, c.segundo_apellido, c.fecha_nacimiento, c.sexo, '22', min(a.municipio), 'sipros', now(), now()
      from citizen c join application a on a.citizen_id = c.id where a.state = 'entregado' group by c.id`);
  await client.query(`insert into persona_curp (curp, persona_id, principal, created_at) select curp, id, true, now() from persona`);
  const { rowCount } = await client.query(`insert into beneficio (persona_id, programa, dependencia, tipo_apoyo, fecha, cve_mun, application_id, created_at)
    select a.citizen_id, a.program_id, 'sedesoq', a.support_type_id, a.submitted_at::date, a.municipio, a.id, a.submitted_at from application a where a.state = 'entregado'`);
  await client.query('set session_replication_role = origin');
  await client.query('select sipros_rehacer_totales_padron()');
  return rowCount ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Measuring.
// ---------------------------------------------------------------------------------------------
const fmt = (n: number) => Math.round(n).toLocaleString('es-MX');
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

interface Scenario {
  name: string;
  aim: number | null;
  /** Fewer requests for scenarios without an aim that take long. */
  requests?: number;
  /** A path per request (so searches vary their input). */
  path: (i: number) => string;
}

interface Measured {
  name: string;
  p50: number;
  p95: number;
  max: number;
  aim: number | null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(url: string, cookie: string): Promise<{ ms: number; status: number; body: string }> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  const body = await res.text();
  return { ms: performance.now() - t, status: res.status, body };
}

async function measure(base: string, cookie: string, scenario: Scenario): Promise<Measured> {
  for (let i = 0; i < Math.min(10, scenario.requests ?? 10); i++) await timed(base + scenario.path(i), cookie); // warm-up: plans, caches
  const times: number[] = [];
  for (let i = 0; i < Math.min(REQUESTS, scenario.requests ?? REQUESTS); i++) {
    const r = await timed(base + scenario.path(i + 10), cookie);
    if (r.status !== 200) throw new Error(`${scenario.name}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
    times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  return { name: scenario.name, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], aim: scenario.aim };
}

async function officialCookie(dbUrl: string): Promise<{ cookie: string; officialId: string }> {
  const token = randomBytes(24).toString('base64url');
  const id = randomUUID();
  await withClient(dbUrl, async (c) => {
    await c.query(`insert into official (id, usuario, nombre, correo, password_hash, roles, area, created_at, updated_at) values ($1, $3, 'Banco de pruebas', 'b@example.org', 'x', '{revisor,coordinador}', $2, now(), now())`, [id, AREA, `bench-${id.slice(0, 8)}`]);
    await c.query(`insert into session (token_hash, subject_type, subject_id, created_at, expires_at) values ($1, 'funcionario', $2, now(), now() + interval '1 day')`, [createHash('sha256').update(token).digest('hex'), id]);
  });
  return { cookie: `sipros_sesion=${token}`, officialId: id };
}

/** Cursors at random positions deep in each order, built from sampled rows (the keyset cost does not depend on depth). */
async function deepCursors(dbUrl: string, owner: CursorOwner): Promise<Record<'fecha_desc' | 'fecha_asc' | 'nombre' | 'folio', string[]>> {
  return withClient(dbUrl, async (c) => {
    const { rows } = await c.query<{ id: string; f: string; nombre: string; program_id: string; numero: string }>(
      `select id, to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as f, nombre_busqueda as nombre, program_id,
              public.sipros_folio_numero(folio)::text as numero
         from application tablesample system (1) where folio is not null limit 300`,
    );
    return {
      fecha_desc: rows.map((r) => encodeCursor({ orden: 'fecha_desc', fecha: r.f, id: r.id }, owner)),
      fecha_asc: rows.map((r) => encodeCursor({ orden: 'fecha_asc', fecha: r.f, id: r.id }, owner)),
      nombre: rows.map((r) => encodeCursor({ orden: 'nombre', nombre: r.nombre, id: r.id }, owner)),
      folio: rows.map((r) => encodeCursor({ orden: 'folio', programa: r.program_id, numero: r.numero, id: r.id }, owner)),
    };
  });
}

/** The server's secret: the bench seals its deep cursors with it, as the server does (cursors are sealed per official). */
const SERVER_SECRET = randomBytes(32).toString('hex');

function startServer(dbUrl: string, children: ChildProcess[]): Promise<{ url: string; pid: number }> {
  // The server's JavaScript heap is capped (SERVER_HEAP_MB): a report that kept its rows would
  // run out of memory instead of finishing, so a complete export proves it streams.
  const child = fork(new URL(import.meta.url), {
    env: { ...process.env, BENCH_QUEUE_SERVER: '1', DATABASE_URL: dbUrl, STORAGE_DIR: `/tmp/sipros-bench-queue-${process.pid}`, SIPROS_SECRET: SERVER_SECRET },
    execArgv: ['--import', 'tsx', `--max-old-space-size=${SERVER_HEAP_MB}`],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve({ url: m.url, pid: child.pid! }));
    child.once('exit', (code) => reject(new Error(`El servidor terminó antes de arrancar (código ${code}).`)));
  });
}

function scenarios(stats: Sample, deep: Awaited<ReturnType<typeof deepCursors>>): Scenario[] {
  const q = (params: Record<string, string>) => `/api/funcionario/solicitudes?${new URLSearchParams(params)}`;
  const at = <T>(list: T[], i: number) => list[(i * 7919) % list.length];
  return [
    { name: 'Página 1, fecha desc (con total)', aim: 50, path: () => q({}) },
    { name: 'Página 1, fecha asc', aim: 50, path: () => q({ orden: 'fecha_asc' }) },
    { name: 'Página 1, folio', aim: 50, path: () => q({ orden: 'folio' }) },
    { name: 'Página 1, nombre', aim: 50, path: () => q({ orden: 'nombre' }) },
    { name: 'Página 1, programa + estado Aprobada', aim: 50, path: () => q({ programa: 'apoyo-tecnologico', estado: 'Aprobada' }) },
    { name: 'Página 1, proceso corrección, nombre', aim: 50, path: () => q({ proceso: 'correccion', orden: 'nombre' }) },
    { name: 'Página 1, estado Baja (1 %), folio', aim: 50, path: () => q({ estado: 'Baja', orden: 'folio' }) },
    { name: 'Página 1, 100 filas, programa', aim: 50, path: () => q({ programa: 'tarifa-unidos', limite: '100' }) },
    { name: 'Página profunda, fecha desc', aim: 50, path: (i) => q({ despues: at(deep.fecha_desc, i) }) },
    { name: 'Página profunda, fecha asc + estado', aim: 50, path: (i) => q({ orden: 'fecha_asc', estado: 'En proceso', despues: at(deep.fecha_asc, i) }) },
    { name: 'Página profunda, folio', aim: 50, path: (i) => q({ orden: 'folio', despues: at(deep.folio, i) }) },
    { name: 'Página profunda, nombre, 100 filas', aim: 50, path: (i) => q({ orden: 'nombre', limite: '100', despues: at(deep.nombre, i) }) },
    { name: 'Búsqueda por CURP', aim: 10, path: (i) => q({ q: at(stats.curps, i) }) },
    { name: 'Búsqueda por folio', aim: 10, path: (i) => q({ q: at(stats.folios, i) }) },
    // As read over the phone: the folio's end («TUNI-123») or only its number (one per program).
    { name: 'Búsqueda por final de folio', aim: 10, path: (i) => q({ q: at(stats.folios, i).split('-').slice(-2).join('-') }) },
    { name: 'Búsqueda por número de folio', aim: 10, path: (i) => q({ q: at(stats.folios, i).split('-').at(-1)! }) },
    { name: 'Búsqueda por nombre completo', aim: 50, path: (i) => q({ q: at(stats.names, i).join(' ').toLowerCase() }) },
    { name: 'Búsqueda por apellido y nombre', aim: 50, path: (i) => q({ q: `${fold(at(stats.names, i)[1])} ${fold(at(stats.names, i)[0])}` }) },
    { name: 'Búsqueda por nombre y segundo apellido', aim: 50, path: (i) => q({ q: `${at(stats.names, i)[0]} ${at(stats.names, i)[2] || at(stats.names, i)[1]}` }) },
    { name: 'Búsqueda por los dos apellidos', aim: 50, path: (i) => q({ q: `${at(stats.names, i)[1]} ${at(stats.names, i)[2] || at(stats.names, i)[0]}` }) },
    { name: 'Búsqueda por inicios: «hern mar»', aim: 50, path: (i) => q({ q: `${fold(at(stats.names, i)[1]).slice(0, 4)} ${fold(at(stats.names, i)[0]).slice(0, 3)}` }) },
    { name: 'Búsqueda apellido y nombre, página profunda', aim: 50, path: (i) => q({ q: `${fold(at(stats.names, i)[1])} ${fold(at(stats.names, i)[0])}`, despues: at(deep.fecha_desc, i) }) },
    { name: 'Búsqueda apellido y nombre, orden nombre', aim: null, requests: 30, path: (i) => q({ q: `${fold(at(stats.names, i)[1])} ${fold(at(stats.names, i)[0])}`, orden: 'nombre' }) },
    { name: 'Búsqueda por un apellido común', aim: null, requests: 30, path: (i) => q({ q: at(['hernandez', 'garcia', 'martinez', 'lopez', 'perez'], i) }) },
    { name: 'Tablero (todos los programas)', aim: 50, path: () => '/api/funcionario/tablero' },
    { name: 'Tablero (un programa)', aim: 50, path: (i) => `/api/funcionario/tablero?programa=${at(['apoyo-tecnologico', 'tarifa-unidos', 'becas-escolares'], i)}` },
  ];
}

/**
 * Waits (at most BENCH_SETTLE seconds, default 150) until the machine's one-minute load is under 1:
 * the load and its index builds leave it near 3, and a single request timed then measures the
 * build's tail, not the query.
 */
async function settle(): Promise<void> {
  const limit = Number(process.env.BENCH_SETTLE ?? 150);
  const start = performance.now();
  if (loadavg()[0] < 1) return;
  console.log(`Esperando a que la máquina se calme tras la carga (carga a 1 min: ${loadavg()[0].toFixed(2)}; hasta ${limit} s)…`);
  while (loadavg()[0] >= 1 && performance.now() - start < limit * 1000) await new Promise((r) => setTimeout(r, 5000));
  console.log(`  ${((performance.now() - start) / 1000).toFixed(0)} s de espera; carga a 1 min: ${loadavg()[0].toFixed(2)}.`);
}

async function main(): Promise<void> {
  const kept = process.env.BENCH_DB;
  const dbName = kept ?? `sipros_bench_cola_${randomBytes(4).toString('hex')}`;
  if (!kept) await withClient(ADMIN_URL, (c) => c.query(`create database ${dbName}`));
  const dbUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${dbName}` }).toString();
  const children: ChildProcess[] = [];
  try {
    console.log(`Base de datos ${dbName}: migraciones y programas (servidor SIPROS en un proceso aparte)…`);
    const server = await startServer(dbUrl, children);
    console.log(kept ? `Base de datos conservada: las muestras de sus ${fmt(ROWS)} solicitudes, de la misma semilla…` : `Cargando ${fmt(ROWS)} solicitudes con sus personas solicitantes…`);
    const stats = kept ? await sampleOf(dbUrl) : await load(dbUrl);
    const { cookie, officialId } = await officialCookie(dbUrl);
    const deep = await deepCursors(dbUrl, { secret: SERVER_SECRET, officialId });

    const machineLoad = () => loadavg().map((n) => n.toFixed(2)).join(', ');
    await settle();
    console.log(`\nMidiendo ${REQUESTS} peticiones por escenario, una a la vez, por HTTP (carga de la máquina a 1, 5 y 15 min: ${machineLoad()}; ${cpus().length} núcleos)…`);
    const results: Measured[] = [];
    const only = process.env.BENCH_ONLY;
    for (const scenario of scenarios(stats, deep)) if (!only || scenario.name.includes(only)) results.push(await measure(server.url, cookie, scenario));
    console.log(`  carga al terminar: ${machineLoad()}`);

    printTable(results);
    if (!only) await measureReports(server, cookie, dbUrl);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (process.env.BENCH_KEEP_DB || kept) console.log(`Base de datos conservada: ${dbName} (BENCH_DB=${dbName} BENCH_ROWS=${ROWS} para medir de nuevo en ella)`);
    else await withClient(ADMIN_URL, (c) => c.query(`drop database if exists ${dbName} with (force)`));
  }
  process.exit(process.exitCode ?? 0);
}


/** The reports beside PostgreSQL's own COPY of the same rows (bench/queue-exports.ts); XLSX of one program by default. */
async function measureReports(server: { url: string; pid: number }, cookie: string, dbUrl: string): Promise<void> {
  console.log('Reportes CSV y XLSX, y COPY … TO STDOUT de las mismas filas…');
  const exports = await measureExports({ baseUrl: server.url, cookie, dbUrl, serverPid: server.pid, xlsxQuery: XLSX === 'no' ? null : XLSX === 'todo' ? '' : '?programa=apoyo-tecnologico' });
  printExports(exports);
  printConstantMemory(exports);
}

function printTable(results: Measured[]): void {
  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  console.log(`\nBandeja de solicitudes con ${fmt(ROWS)} solicitudes en PostgreSQL (latencia por petición HTTP, ${REQUESTS} peticiones por escenario):\n`);
  console.log(`${'Escenario'.padEnd(42)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'máx.'.padStart(9)}   meta`);
  for (const r of results) {
    const aim = r.aim === null ? 'sin meta' : `p95 < ${r.aim} ms: ${r.p95 < r.aim ? 'cumplida' : 'NO cumplida'}`;
    console.log(`${r.name.padEnd(42)}${ms(r.p50)}${ms(r.p95)}${ms(r.max)}   ${aim}`);
  }
}

/** Every row, written by a server whose JavaScript heap is capped: memory that grew with the rows would have failed. */
function printConstantMemory(f: ExportFigures): void {
  // A report holds at most REPORT_MAX_ROWS (the contract's ceiling): at 10 M applications, the first million.
  const expected = Math.min(ROWS, REPORT_MAX_ROWS);
  const met = (whole: boolean) => (whole ? 'cumplida' : 'NO cumplida');
  const heap = `el servidor corre con el heap de JavaScript limitado a ${SERVER_HEAP_MB} MB`;
  console.log(`  Meta: todas las filas (${fmt(expected)}) en memoria constante (${heap}): CSV → ${met(f.csv.rows === expected)}.`);
  if (f.xlsx?.query === '') console.log(`  Meta: el XLSX de todas las filas (${fmt(expected)}), en la misma memoria → ${met(f.xlsx.selectedRows === expected && endsAZip(f.xlsx.tail))}.`);
  else console.log('  (El XLSX medido es el de un programa; BENCH_XLSX=todo mide el de todas las filas.)');
}

// ---------------------------------------------------------------------------------------------
// This file is also the server process (BENCH_QUEUE_SERVER=1): SIPROS on the bench database.
// ---------------------------------------------------------------------------------------------
if (process.env.BENCH_QUEUE_SERVER === '1') await serve();
else await main();
