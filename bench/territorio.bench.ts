/**
 * npm run bench:territorio — the territory catalogs on PostgreSQL, measured side by side in one run:
 *  1. an invented SEPOMEX-format file of BENCH_FILAS rows (default 150,000, the size of the national
 *     catalog: ~32,000 postal codes, latin-1, pipe-separated);
 *  2. PostgreSQL's own COPY of the same file into a bare table (the floor no import can beat);
 *  3. the import as an administrator runs it (read, set aside, compared with the catalog in force) and
 *     its application, into an empty catalog; then a second file with 1 % of its colonias changed,
 *     compared with the full catalog and applied;
 *  4. the address control's look-up of a postal code (GET /api/catalogos/codigos-postales/:cp) through
 *     the whole server, beside a bare Fastify route answering the same JSON: p50, p95, p99.
 * Prints figures and ratios; asserts nothing. DATABASE_URL (default the local `test` database) is used to
 * create and drop a database of its own.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Fastify from 'fastify';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../runtime/db/orm.ts';
import { buildApp } from '../runtime/server/app.ts';
import { loadConfig } from '../runtime/server/config.ts';
import { applyImport, importCatalog } from '../runtime/server/modules/territorio/catalog-import.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = Number(process.env.BENCH_FILAS ?? 150_000);
const LOOKUPS = Number(process.env.BENCH_CONSULTAS ?? 2_000);
const AIM = { importSeconds: 10, lookupP95Ms: 20 };
const fmt = (n: number, digits = 0) => n.toLocaleString('es-MX', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const SYLLABLES = ['san', 'ta', 'ma', 'ría', 'lo', 'mas', 'del', 'va', 'lle', 'jar', 'di', 'nes', 'ce', 'rro', 'pe', 'ña', 'fres', 'nos', 'ála', 'mos', 'ro', 'sa', 'les'];
const TYPES = ['Colonia', 'Fraccionamiento', 'Barrio', 'Pueblo', 'Ranchería', 'Unidad habitacional'];

/** An invented name of 2 to 4 words, the same for the same seed. */
function inventedName(seed: number): string {
  const words = 2 + (seed % 3);
  return Array.from({ length: words }, (_, w) => {
    const s = (seed * 2654435761 + w * 40503) >>> 0;
    const word = SYLLABLES[s % SYLLABLES.length] + SYLLABLES[(s >>> 8) % SYLLABLES.length] + (s & 1 ? SYLLABLES[(s >>> 16) % SYLLABLES.length] : '');
    return word[0].toUpperCase() + word.slice(1);
  }).join(' ');
}

/** The file's lines: the terms line, the header and one row per colonia (about 4.7 per postal code, as nationally). */
function sepomexFile(rows: number, changedEvery = 0): { bytes: Buffer; codes: string[] } {
  const lines = ['El Catálogo Nacional de Códigos Postales, es elaborado por Correos de México (archivo inventado para el benchmark).', 'd_codigo|d_asenta|d_tipo_asenta|D_mnpio|d_estado|d_ciudad|d_CP|c_estado|c_oficina|c_CP|c_tipo_asenta|c_mnpio|id_asenta_cpcons|d_zona|c_cve_ciudad'];
  const codes: string[] = [];
  const perMunicipio = new Map<string, number>();
  for (let i = 0; i < rows; i++) {
    const code = Math.floor(i / 4.7);
    const cp = String(1000 + code * 3).padStart(5, '0');
    if (codes.at(-1) !== cp) codes.push(cp);
    const entidad = String(1 + (code % 32)).padStart(2, '0');
    const municipio = String(1 + (Math.floor(code / 32) % 120)).padStart(3, '0');
    const number = (perMunicipio.get(entidad + municipio) ?? 0) + 1;
    perMunicipio.set(entidad + municipio, number);
    const name = inventedName(i) + (changedEvery > 0 && i % changedEvery === 0 ? ' Nueva' : '');
    lines.push([cp, name, TYPES[i % TYPES.length], `Municipio ${municipio}`, `Estado ${entidad}`, i % 3 === 0 ? '' : inventedName(code), cp, entidad, cp, '', '09', municipio, String(number).padStart(4, '0'), i % 4 === 0 ? 'Rural' : 'Urbano', '01'].join('|'));
  }
  return { bytes: Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'), codes };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** PostgreSQL's own COPY of the rows (the two lines above them left out) into a table of 15 text columns. */
async function copyBaseline(url: string, bytes: Buffer): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create table copia_bench (${Array.from({ length: 15 }, (_, i) => `c${i} text`).join(', ')})`);
  const body = bytes.subarray(bytes.indexOf('\n', bytes.indexOf('\n') + 1) + 1);
  const start = performance.now();
  await pipeline(Readable.from([body]), client.query(copyFrom(`copy copia_bench from stdin with (format text, delimiter '|', encoding 'LATIN1')`)));
  const seconds = (performance.now() - start) / 1000;
  await client.query('drop table copia_bench');
  await client.end();
  return seconds;
}

function percentiles(values: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function timedInjects(inject: (url: string) => Promise<{ statusCode: number }>, urls: string[]): Promise<number[]> {
  for (const url of urls.slice(0, 200)) await inject(url);
  const times: number[] = [];
  for (const url of urls) {
    const start = performance.now();
    const res = await inject(url);
    times.push(performance.now() - start);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
  }
  return times;
}

const database = `bench_territorio_${randomBytes(4).toString('hex')}`;
await admin(`create database ${database}`);
const url = `${ADMIN_URL.replace(/\/[^/]*$/, '')}/${database}`;
try {
  console.log(`\n# bench:territorio — catálogo SEPOMEX de ${fmt(ROWS)} filas (PostgreSQL, ${new Date().toISOString().slice(0, 16)})`);
  const first = sepomexFile(ROWS);
  const second = sepomexFile(ROWS, 100);
  console.log(`archivo inventado: ${fmt(first.bytes.length / 1e6, 1)} MB, ${fmt(first.codes.length)} códigos postales`);
  const copySeconds = await copyBaseline(url, first.bytes);
  console.log(`COPY de PostgreSQL (el piso): ${fmt(copySeconds, 2)} s`);

  const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'test', LOG_LEVEL: 'silent', SIPROS_SEED_PROGRAMS: 'false' });
  const db = await openDatabase(config);
  const timed = async <T>(work: () => Promise<T>) => {
    const start = performance.now();
    const value = await work();
    return { value, seconds: (performance.now() - start) / 1000 };
  };
  const imported = await timed(() => importCatalog(db.sql, 'sepomex', { name: 'CPdescarga.txt', bytes: first.bytes }, 'bench', new Date()));
  const applied = await timed(() => applyImport(db.sql, imported.value.id, new Date()));
  const total = imported.seconds + applied.seconds;
  console.log(`importar (leer, apartar y comparar con el vigente, vacío): ${fmt(imported.seconds, 2)} s; aplicar: ${fmt(applied.seconds, 2)} s; total ${fmt(total, 2)} s = ${fmt(total / copySeconds, 1)} × el COPY; ${fmt(imported.value.agregadas)} agregadas`);
  const again = await timed(() => importCatalog(db.sql, 'sepomex', { name: 'CPdescarga-2.txt', bytes: second.bytes }, 'bench', new Date()));
  const reapplied = await timed(() => applyImport(db.sql, again.value.id, new Date()));
  const totalAgain = again.seconds + reapplied.seconds;
  console.log(`segunda versión (1 % cambiado, comparada con ${fmt(ROWS)} vigentes): importar ${fmt(again.seconds, 2)} s, aplicar ${fmt(reapplied.seconds, 2)} s; ${fmt(again.value.cambiadas)} cambiadas, ${fmt(again.value.agregadas)} agregadas, ${fmt(again.value.quitadas)} quitadas`);
  await db.close();

  const app = await buildApp({ config });
  const urls = Array.from({ length: LOOKUPS }, (_, i) => `/api/catalogos/codigos-postales/${first.codes[(i * 7919) % first.codes.length]}`);
  const sample = (await app.inject({ method: 'GET', url: urls[0] })).json();
  const bare = Fastify();
  bare.get('/api/catalogos/codigos-postales/:cp', async () => sample);
  await bare.ready();
  const endpoint = percentiles(await timedInjects((u) => app.inject({ method: 'GET', url: u }), urls));
  const floor = percentiles(await timedInjects((u) => bare.inject({ method: 'GET', url: u }), urls));
  await app.close();
  await bare.close();
  console.log(`consulta de un código postal (${fmt(LOOKUPS)} consultas, ${sample.colonias.length} colonias en la primera): p50 ${fmt(endpoint.p50, 2)} ms, p95 ${fmt(endpoint.p95, 2)} ms, p99 ${fmt(endpoint.p99, 2)} ms; ruta vacía de Fastify con la misma respuesta: p50 ${fmt(floor.p50, 2)} ms, p95 ${fmt(floor.p95, 2)} ms (${fmt(endpoint.p95 / floor.p95, 1)} ×)`);
  const verdict = (ok: boolean) => (ok ? 'cumple' : 'no cumple');
  console.log(`metas: importar y aplicar ${fmt(ROWS)} filas en < ${AIM.importSeconds} s: ${fmt(Math.max(total, totalAgain), 2)} s (${verdict(Math.max(total, totalAgain) < AIM.importSeconds)}); consulta p95 < ${AIM.lookupP95Ms} ms: ${fmt(endpoint.p95, 2)} ms (${verdict(endpoint.p95 < AIM.lookupP95Ms)})`);
} finally {
  await admin(`drop database if exists ${database} with (force)`);
}
