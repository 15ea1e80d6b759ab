import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'runtime/cli/bin.js');

function sipros(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return siprosWith({}, ...args);
}

function siprosWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sipros-cli-'));
  tempDirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('sipros CLI', () => {
  it('curp: one line per CURP, Spanish reasons, exit 1 when any is invalid', async () => {
    const { code, stdout } = await sipros('curp', 'HEGG560427MVZRRL04', 'pegl891313mjcrms06', 'BACA890909MJCRMS05');
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^HEGG560427MVZRRL04: válida/);
    expect(lines[1]).toMatch(/^PEGL891313MJCRMS06: inválida — .*fecha.*\[DATE\]/);
    expect(lines[2]).toMatch(/^BACA890909MJCRMS05: inválida — .*\[INCONVENIENT_WORD\]/);
  });

  it('curp --json prints codes and derived data; exit 0 when all are valid', async () => {
    const { code, stdout } = await sipros('curp', '--json', 'BOXW310820HNERXN09');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([{ curp: 'BOXW310820HNERXN09', valid: true, errors: [], birthDate: '1931-08-20', sex: 'H', state: 'NE' }]);
    const bad = await sipros('curp', '--json', '1230');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual([{ curp: '1230', valid: false, errors: ['LENGTH'], birthDate: null, sex: null, state: null }]);
  });

  it('validate: malformed JSON is reported with its line and column', async () => {
    const file = tempFile('program.json', '{\n  "id": "x",\n  "version": 1,,\n}');
    const { code, stdout } = await sipros('validate', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/JSON_MALFORMED\s+El archivo no es JSON válido \(línea 3, columna \d+\)/);
  });

  it('validate: a definition with typos lists every error with its JSON pointer; exit 1', async () => {
    const def = JSON.parse(JSON.stringify((await import('../../test/fixtures/definitions/mini.program.json', { with: { type: 'json' } })).default));
    def.workflow.states.en_revision.on.VALIDAR.target = 'en_dictamne';
    def.eligibility[1].rule = { '==': [{ var: 'respuestas.situacion.perdio_empleo' }, true] };
    const file = tempFile('typo.program.json', JSON.stringify(def));
    // The test program uses its own fragments: without them, its $refs do not resolve.
    const withoutFragments = await sipros('validate', file);
    expect(withoutFragments.code).toBe(1);
    expect(withoutFragments.stdout).toContain('/form/schema/properties/domicilio/$ref  DEF_UNRESOLVED_REF');
    const { code, stdout } = await sipros('validate', file, '--biblioteca', join(ROOT, 'test/fixtures/library'));
    expect(code).toBe(1);
    expect(stdout).toMatch(/2 error\(es\)/);
    expect(stdout).toContain('/workflow/states/en_revision/on/VALIDAR/target  DEF_UNKNOWN_TARGET  La transición «VALIDAR» va al estado «en_dictamne», que no existe.');
    expect(stdout).toContain('/eligibility/1/rule/==/0/var  DEF_UNKNOWN_FIELD');
  });

  it('validate and test: missing paths and empty folders are clear errors', async () => {
    const missing = await sipros('validate', 'no/existe');
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/FILE_NOT_FOUND: No existe no\/existe/) });
    const usage = await sipros('validate');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/Error: missing required argument/);
  });

  it('validate and test pass on the shipped definitions', async () => {
    const validate = await sipros('validate', 'definitions');
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    // Eight programs and the matching model.
    expect(validate.stdout).toMatch(/9 válidas, 0 con errores/);
    expect(validate.stdout).toMatch(/✓ definitions\/matching\/modelo\.json {2}modelo de emparejamiento v\d+/);
    const test = await sipros('test', 'definitions');
    expect(test.code, test.stdout).toBe(0);
    expect(test.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(test.stdout).toMatch(/Modelo de emparejamiento v\d+ \(definitions\/matching\/modelo\.json\): \d+ casos/);
  });

  it('a matching model that is malformed, or whose test table fails, is refused with the reason (exit 1)', async () => {
    const model = JSON.parse(readFileSync(join(ROOT, 'definitions/matching/modelo.json'), 'utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'sipros-modelo-'));
    tempDirs.push(dir);
    mkdirSync(join(dir, 'matching'));
    const file = join(dir, 'matching', 'modelo.json');

    writeFileSync(file, JSON.stringify({ ...model, umbrales: { misma: 8, revisar: 12, rival: 3 } }));
    const thresholds = await sipros('validate', file);
    expect(thresholds.code).toBe(1);
    expect(thresholds.stdout).toMatch(/\/umbrales\/revisar {2}MATCH_MODEL_THRESHOLDS {2}El umbral de revisión no puede ser mayor/);

    const misspelt = structuredClone(model);
    misspelt.bloqueo[0].partes = ['curpp'];
    writeFileSync(file, JSON.stringify(misspelt));
    const schema = await sipros('test', file);
    expect(schema.code).toBe(1);
    expect(schema.stdout).toMatch(/\/bloqueo\/0\/partes\/0 {2}MATCH_MODEL_SCHEMA/);

    // A model that trusts the CURP alone links the mother's CURP carried by her daughter: its own table says no.
    const naive = structuredClone(model);
    naive.umbrales = { misma: 5, revisar: 4, rival: 0 };
    naive.evidencia.fuerte = [];
    naive.evidencia.media = [];
    writeFileSync(file, JSON.stringify(naive));
    const failing = await sipros('test', file);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/✗ CURP prestada: la hija con la CURP de su madre\n\s+se esperaba «distinta» y salió «(misma|revisar)»/);
  });

  it('a command that needs the database, with none to reach: the server\'s Spanish message, exit 2, no stack trace', async () => {
    const definition = join(ROOT, 'definitions/programs/apoyo-tecnologico/program.json');
    const noSocket = join(mkdtempSync(join(tmpdir(), 'sin-postgres-')), 'nada');
    tempDirs.push(noSocket);
    const socket = await siprosWith({ DATABASE_URL: `postgres://sipros:secreto@localhost/sipros?host=${noSocket}` }, 'publish', definition);
    expect(socket.code, socket.stderr).toBe(2);
    expect(socket.stderr).toContain(`PostgreSQL en el socket ${noSocket}/.s.PGSQL.5432`);
    expect(socket.stderr).not.toMatch(/\n\s+at |ENOENT|secreto/);
    const badUrl = await siprosWith({ DATABASE_URL: 'mysql://127.0.0.1/sipros' }, 'publish', definition);
    expect(badUrl.code, badUrl.stderr).toBe(2);
    expect(badUrl.stderr).toMatch(/^Configuración inválida:\n {2}- DATABASE_URL/);
    expect(badUrl.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
