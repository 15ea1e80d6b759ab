import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CivilRegistryEntry } from '../../../db/entities.ts';
import { openDatabase } from '../../../db/orm.ts';
import { freshDatabaseUrl, startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { CivilRegistryFileError, loadCivilRegistryCsv, parseCsvRecord } from './civil-registry.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURE_CSV = join(ROOT, 'test/fixtures/registro-civil.csv');

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sipros-rc-'));
  tempDirs.push(dir);
  return dir;
}
function tempCsv(content: string): string {
  const file = join(tempDir(), 'padron.csv');
  writeFileSync(file, content);
  return file;
}
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('parseCsvRecord', () => {
  it('splits RFC 4180 records: quotes, doubled quotes, commas and empty fields', () => {
    expect(parseCsvRecord('a,b,,d')).toEqual(['a', 'b', '', 'd']);
    expect(parseCsvRecord('"De la Cruz, Jr.","dijo ""sí""",x')).toEqual(['De la Cruz, Jr.', 'dijo "sí"', 'x']);
    expect(parseCsvRecord('"abre y\ncierra",b')).toEqual(['abre y\ncierra', 'b']);
    expect(parseCsvRecord('"sin cerrar,b')).toBeNull();
  });
});

describe('loadCivilRegistryCsv', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  }, 60_000);
  afterAll(() => t?.close());
  const em = () => t.app.db.orm.em.fork();

  it('loads the good rows and reports each refused one with its line and a Spanish reason', async () => {
    const report = await loadCivilRegistryCsv(em(), FIXTURE_CSV);
    expect(report.loaded).toBe(6);
    expect(report.refused).toEqual([
      { line: 9, reason: expect.stringMatching(/^CURP «HERG880314MQTRMD02» inválida: El dígito verificador/) },
      { line: 10, reason: 'la fecha de nacimiento «05/04/1993» no es una fecha válida AAAA-MM-DD' },
      { line: 11, reason: 'el sexo «F» no es H, M ni X' },
      { line: 12, reason: 'la fila tiene 6 columnas; se esperaban 7' },
      { line: 13, reason: 'la fecha de nacimiento 1992-03-14 no es la que indica la CURP (1992-03-13)' },
    ]);
    expect(await em().count(CivilRegistryEntry)).toBe(6);
    expect(await em().findOneOrFail(CivilRegistryEntry, 'CUMJ000229MQTRRSA3')).toMatchObject({ nombres: 'María José', primerApellido: 'Cruz', segundoApellido: 'Morales', fechaNacimiento: '2000-02-29', sexo: 'M', estatus: 'activo' });
    expect(await em().findOneOrFail(CivilRegistryEntry, 'MEXS950721MQTNXF09')).toMatchObject({ segundoApellido: null });
    expect(await em().findOneOrFail(CivilRegistryEntry, 'ROCE851122HQTDSD06')).toMatchObject({ estatus: 'vigente' });
  });

  it('upserts: loading again changes nothing, a newer file replaces a row', async () => {
    await loadCivilRegistryCsv(em(), FIXTURE_CSV);
    expect(await em().count(CivilRegistryEntry)).toBe(6);
    const update = tempCsv(
      '\uFEFFcurp,nombres,primer_apellido,segundo_apellido,fecha_nacimiento,sexo,estatus\r\n' +
        'GAMA750630MQTRRN05,Ana,García,Martínez,1975-06-30,M,activo\r\n' +
        'GAMA750630MQTRRN05,Ana Luisa,García,Martínez,1975-06-30,M,activo\r\n',
    );
    expect(await loadCivilRegistryCsv(em(), update)).toEqual({ loaded: 2, refused: [] });
    expect(await em().count(CivilRegistryEntry)).toBe(6);
    expect(await em().findOneOrFail(CivilRegistryEntry, 'GAMA750630MQTRRN05')).toMatchObject({ nombres: 'Ana Luisa', estatus: 'activo' });
  });

  it('refuses a file with a wrong header, an open quote, or that does not exist', async () => {
    await expect(loadCivilRegistryCsv(em(), tempCsv('curp,nombre,primer_apellido\n'))).rejects.toThrow(
      new CivilRegistryFileError('El encabezado debe ser «curp,nombres,primer_apellido,segundo_apellido,fecha_nacimiento,sexo,estatus»: faltan nombres, segundo_apellido, fecha_nacimiento, sexo, estatus; sobran nombre.'),
    );
    const open = tempCsv('curp,nombres,primer_apellido,segundo_apellido,fecha_nacimiento,sexo,estatus\nLOSJ900115HQTPNN00,"Juan,López\n');
    await expect(loadCivilRegistryCsv(em(), open)).rejects.toThrow('La fila que empieza en la línea 2 abre comillas y nunca las cierra.');
    await expect(loadCivilRegistryCsv(em(), join(tempDir(), 'no-existe.csv'))).rejects.toThrow(/^No existe el archivo/);
    await expect(loadCivilRegistryCsv(em(), tempCsv(''))).rejects.toThrow(/está vacío/);
  });
});

function sipros(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'runtime/cli/bin.js'), ...args], { cwd: ROOT, env: { ...base, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('sipros registro-civil', () => {
  it('loads a CSV into the database of the configuration, listing refused rows, exit 1 when any', async () => {
    const database = await freshDatabaseUrl();
    const pgliteDir = join(tempDir(), 'pglite');
    const env: Record<string, string> = database.url ? { DATABASE_URL: database.url } : { PGLITE_DIR: pgliteDir };
    try {
      const run = await sipros(['registro-civil', FIXTURE_CSV], env);
      expect(run.code).toBe(1);
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).toBe('Registro Civil: 6 filas cargadas, 5 rechazadas.');
      expect(lines.slice(1).map((l) => /línea (\d+)/.exec(l)![1])).toEqual(['9', '10', '11', '12', '13']);
      expect(lines[2]).toBe('  ✗ línea 10: la fecha de nacimiento «05/04/1993» no es una fecha válida AAAA-MM-DD');

      const good = tempCsv('curp,nombres,primer_apellido,segundo_apellido,fecha_nacimiento,sexo,estatus\nLOSJ900115HQTPNN00,Juan,López,Sánchez,1990-01-15,H,activo\n');
      const ok = await sipros(['registro-civil', good], env);
      expect(ok).toMatchObject({ code: 0, stdout: 'Registro Civil: 1 fila cargada, 0 rechazadas.\n' });

      const db = await openDatabase({ databaseUrl: database.url, pgliteDir });
      try {
        expect(await db.orm.em.fork().count(CivilRegistryEntry)).toBe(6);
      } finally {
        await db.close();
      }
      const missing = await sipros(['registro-civil', join(tempDir(), 'no-existe.csv')], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^Error: No existe el archivo/);
    } finally {
      await database.drop();
    }
  }, 60_000);
});
