/**
 * npm run bench:padron — the padrón's bulk loading on PostgreSQL, measured side by side in one run:
 *  1. writes a roll of BENCH_ROWS rows (default 1,000,000: 700,000 people, 20 programs) with its own
 *     generator (bench/padron-roll.ts);
 *  2. PostgreSQL's own COPY of the same file into a bare table (the floor no loader can beat);
 *  3. the whole pipeline (receive and hash, review every row, find the same person twice, match,
 *     commit) in a child process, as a worker runs it, with that process's peak memory;
 *  4. the confronta matrix over the loaded registry, and a person's history by CURP (p95).
 * Prints figures and ratios; asserts nothing. DATABASE_URL (default the local `test` database) is
 * used to create and drop a database of its own; BENCH_KEEP_DB=1 keeps it.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { HEADER, writeRoll } from './padron-roll.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PEOPLE = Math.round(ROWS * 0.7);
const PROGRAMS = 20;
/** The heap a padrón worker is given (V8 otherwise lets garbage pile up to a quarter of the machine's memory before collecting). */
const WORKER_HEAP_MB = Number(process.env.BENCH_WORKER_HEAP_MB ?? 192);
/** Production settings need a secret; the bench's is thrown away with its database. */
const BENCH_SECRET = randomBytes(32).toString('hex');
const fmt = (n: number, digits = 0) => n.toLocaleString('es-MX', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function copyBaseline(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create table copia_bench (${HEADER.split(',').map((c) => `${c.toLowerCase()} text`).join(', ')})`);
  const start = performance.now();
  await pipeline(createReadStream(file), client.query(copyFrom(`copy copia_bench from stdin with (format csv, header true)`)));
  const seconds = (performance.now() - start) / 1000;
  await client.query('drop table copia_bench');
  await client.end();
  return seconds;
}

interface PipelineReport {
  times: Record<string, number>;
  batch: { filas: number; aceptadas: number; cargadas: number; estado: string; porCodigo: Record<string, number> };
  maxRssMb: number;
}

function runPipeline(url: string, file: string, storage: string): Promise<PipelineReport> {
  const child = fork(new URL('./padron-pipeline.ts', import.meta.url), [file, storage], { env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'warn', SIPROS_SECRET: BENCH_SECRET }, execArgv: ['--import', 'tsx', `--max-old-space-size=${WORKER_HEAP_MB}`] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as PipelineReport));
    child.once('exit', (code) => (code === 0 ? null : reject(new Error(`el proceso de carga terminó con código ${code}`))));
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function readSide(url: string): Promise<{ matrixMs: number[]; historyMs: number[]; people: number; pairs: number }> {
  const { openDatabase } = await import('../runtime/db/orm.ts');
  const { loadConfig } = await import('../runtime/server/config.ts');
  const { confrontaMatrix } = await import('../runtime/server/modules/padron/confronta.ts');
  const { historyOfCurp } = await import('../runtime/server/modules/padron/index.ts');
  const db = await openDatabase(loadConfig({ DATABASE_URL: url, SIPROS_SEED_PROGRAMS: 'false', NODE_ENV: 'production', SIPROS_SECRET: BENCH_SECRET }));
  await db.sql.query('vacuum analyze');
  const matrixMs: number[] = [];
  let pairs = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    pairs = (await confrontaMatrix(db.sql, { desde: null, hasta: null, municipio: null })).pares.length;
    matrixMs.push(performance.now() - start);
  }
  const curps = (await db.sql.query<{ curp: string }>('select curp from persona_curp order by random() limit 1000')).rows.map((r) => r.curp);
  const historyMs: number[] = [];
  for (const curp of curps) {
    const start = performance.now();
    await historyOfCurp(db.sql, curp);
    historyMs.push(performance.now() - start);
  }
  const people = Number((await db.sql.query<{ n: string }>('select count(*) as n from persona')).rows[0].n);
  await db.close();
  return { matrixMs, historyMs, people, pairs };
}

const work = mkdtempSync(join(tmpdir(), 'sipros-bench-padron-'));
const dbName = `sipros_bench_padron_${Date.now()}`;
const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${dbName}` }).toString();
try {
  const file = join(work, 'padron.csv');
  let start = performance.now();
  await writeRoll(file, ROWS, PEOPLE, PROGRAMS);
  console.log(`Padrón generado: ${fmt(ROWS)} filas, ${fmt(PEOPLE)} personas, ${PROGRAMS} programas, ${fmt(statSync(file).size / 1024 / 1024, 1)} MB (${fmt((performance.now() - start) / 1000, 1)} s).`);
  await admin(`create database ${dbName}`);
  const copySeconds = await copyBaseline(url, file);
  console.log(`COPY de PostgreSQL a una tabla sin índices: ${fmt(copySeconds, 1)} s (${fmt(ROWS / copySeconds)} filas/s).`);
  start = performance.now();
  const report = await runPipeline(url, file, join(work, 'almacen'));
  const total = (performance.now() - start) / 1000;
  const stages = Object.entries(report.times).map(([k, v]) => `${k} ${fmt(v, 1)} s`).join(', ');
  console.log(`Carga completa (${report.batch.estado}): ${fmt(total, 1)} s (${stages}); ${fmt(report.batch.cargadas)} apoyos de ${fmt(report.batch.filas)} filas; ${fmt(ROWS / total)} filas/s.`);
  console.log(`  por código: ${JSON.stringify(report.batch.porCodigo)}`);
  console.log(`  proporción carga / COPY: ${fmt(total / copySeconds, 1)}× (meta ≤ 4×)`);
  console.log(`  memoria máxima del proceso de carga: ${fmt(report.maxRssMb)} MB con --max-old-space-size=${WORKER_HEAP_MB} (meta ≤ 300 MB)`);
  const read = await readSide(url);
  console.log(`Confronta (${fmt(read.people)} personas × ${PROGRAMS} programas, ${read.pairs} pares con personas en común): mediana ${fmt(percentile(read.matrixMs, 0.5))} ms, máximo ${fmt(Math.max(...read.matrixMs))} ms (meta < 2,000 ms)`);
  console.log(`Historial de una persona por CURP (1,000 al azar): p50 ${fmt(percentile(read.historyMs, 0.5), 2)} ms, p95 ${fmt(percentile(read.historyMs, 0.95), 2)} ms (meta < 20 ms)`);
} finally {
  rmSync(work, { recursive: true, force: true });
  if (process.env.BENCH_KEEP_DB !== '1') await admin(`drop database if exists ${dbName} with (force)`);
}
