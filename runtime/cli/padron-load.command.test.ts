/**
 * `sipros padron cargar`: the officials' loading pipeline from the command line, on the configured
 * database (a fresh PostgreSQL when DATABASE_URL is set, the embedded PGlite otherwise).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/orm.ts';
import { loadConfig } from '../server/config.ts';
import { freshDatabaseUrl } from '../../test/helpers/server.ts';
import { padronLoadCommand } from './padron-load.command.ts';
import { padronPreviewCommand } from './padron.command.ts';

const SAMPLE = new URL('../../test/fixtures/padron/padron_sintetico_qro_win1252.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sipros-cargar-'));
let db: Database;
let drop: () => Promise<void>;
const previousStorage = process.env.STORAGE_DIR;

beforeAll(async () => {
  process.env.STORAGE_DIR = join(dir, 'almacen');
  const database = await freshDatabaseUrl();
  drop = database.drop;
  db = await openDatabase(loadConfig({ NODE_ENV: 'test', PGLITE_DIR: 'memory://', SIPROS_SEED_PROGRAMS: 'false', ...(database.url ? { DATABASE_URL: database.url } : {}) }));
}, 60_000);
afterAll(async () => {
  await db?.close();
  await drop?.();
  process.env.STORAGE_DIR = previousStorage;
  rmSync(dir, { recursive: true, force: true });
});

async function cargar(file: string, options: Record<string, string | boolean>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await padronLoadCommand(file, options, { out: (l) => out.push(l), err: (l) => err.push(l) }, db);
  return { code, out, err };
}

const count = async (sql: string) => Number((await db.sql.query<{ n: string }>(sql)).rows[0].n);

describe('sipros padron cargar', () => {
  it('--revisar prints the preview and writes nothing', async () => {
    const out: string[] = [];
    const code = await padronPreviewCommand(SAMPLE, { json: true }, { out: (l) => out.push(l), err: () => {} });
    expect(code).toBe(0);
    expect(JSON.parse(out[0])).toEqual({ filas: 2000, aceptadas: 1859, rechazadas: 141, porCodigo: expect.objectContaining({ DUPLICATE_IN_FILE: 17 }) });
    expect(await count('select count(*) as n from padron_lote')).toBe(0);
  });

  it('loads the roll with --json: the same counts as the preview, the program added to the catalog and reported', async () => {
    const result = await cargar(SAMPLE, { dependencia: 'dif-estatal', programa: 'despensas-dif', json: true });
    expect(result.code, result.err.join('\n')).toBe(0);
    expect(JSON.parse(result.out[0])).toEqual({ filas: 2000, aceptadas: 1859, rechazadas: 141, porCodigo: expect.objectContaining({ CURP_CHECK_DIGIT: 38, DUPLICATE_IN_FILE: 17 }) });
    expect(result.err).toContain('Programa «despensas-dif» agregado al catálogo (dependencia dif-estatal); ponle su nombre y tipo en el catálogo.');
    expect(await count('select count(*) as n from beneficio')).toBe(1859);
    expect(await count(`select count(*) as n from audit_log where actor_type = 'sistema' and action like 'padron.%'`)).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('refuses the same file again, and bad arguments, with a code and exit 1', async () => {
    const again = await cargar(SAMPLE, { dependencia: 'dif-estatal', programa: 'despensas-dif' });
    expect(again.code).toBe(1);
    expect(again.err[0]).toMatch(/^Error ROLL_ALREADY_LOADED: Este archivo ya se recibió el /);
    expect((await cargar(SAMPLE, { programa: 'despensas-dif' })).err[0]).toMatch(/^Error VALIDATION_FAILED: indica --dependencia y --programa/);
    expect((await cargar(join(dir, 'no-existe.csv'), { dependencia: 'dif-estatal', programa: 'despensas-dif' })).err[0]).toMatch(/^Error FILE_NOT_FOUND/);
    const otherAgency = await cargar(SAMPLE, { dependencia: 'sedeq', programa: 'despensas-dif' });
    expect(otherAgency.err[0]).toMatch(/^Error AGENCY_OUT_OF_SCOPE: El programa «despensas-dif» es de la dependencia «dif-estatal»/);
  });

  it('takes a mapping file by header names, and explains one that names an unknown column', async () => {
    const text = readFileSync(SAMPLE).toString('latin1').split('\r\n').slice(0, 11).join('\r\n').replace('curp;', 'CLAVE CURP;');
    const file = join(dir, 'diez.csv');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const mapping = join(dir, 'mapeo.json');
    writeFileSync(mapping, JSON.stringify({ curp: 'CLAVE CURP', primerApellido: 'primer_apellido', nombres: 'nombre', fechaNacimiento: 'fecha_nacimiento' }));
    const loaded = await cargar(file, { dependencia: 'dif-estatal', programa: 'despensas-dif', mapeo: mapping, json: true });
    expect(loaded.code, loaded.err.join('\n')).toBe(0);
    expect(JSON.parse(loaded.out[0]).filas).toBe(10);
    writeFileSync(mapping, JSON.stringify({ curp: 'NO EXISTE' }));
    writeFileSync(file, Buffer.from(`${text}\r\n`, 'latin1'));
    expect((await cargar(file, { dependencia: 'dif-estatal', programa: 'despensas-dif', mapeo: mapping })).err[0]).toMatch(/^Error VALIDATION_FAILED: El archivo no tiene la columna «NO EXISTE»/);
  }, 60_000);
});
