import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Program, ProgramVersion } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { publishDefinition } from './publish.service.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const source = () => JSON.parse(readFileSync(join(ROOT, 'definitions/programs/becas-escolares/program.json'), 'utf8'));
const now = new Date('2026-11-24T10:00:00-06:00');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
}, 60_000);
afterAll(() => t?.close());

const publish = (json: unknown) => publishDefinition(t.app.db.orm.em.fork(), json, t.app.library, 'prueba', now);

async function refusal(json: unknown): Promise<AppError> {
  const error = await publish(json).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('publishing definitions', () => {
  it('publishes a version self-contained (fragments bundled, rule sets copied) and is idempotent', async () => {
    const first = await publish(source());
    expect(first).toMatchObject({ programId: 'becas-escolares', version: 1, created: true });
    expect(await publish(source())).toEqual({ ...first, created: false });
    const row = await t.app.db.orm.em.fork().findOneOrFail(ProgramVersion, { program: 'becas-escolares', version: 1 });
    expect(JSON.stringify(row.definition)).not.toContain('cuis.schema.json#');
    expect(row.hash).toBe(first.hash);
  });

  it('refuses the same version number with other content, and an older version', async () => {
    const changed = source();
    changed.name = 'Becas escolares (cambiada)';
    const conflict = await refusal(changed);
    expect(conflict).toMatchObject({ code: 'VERSION_CONFLICT', status: 409, message: expect.stringContaining('publica la versión 2') });
    changed.version = 2;
    expect(await publish(changed)).toMatchObject({ version: 2, created: true });
    const program = await t.app.db.orm.em.fork().findOneOrFail(Program, 'becas-escolares');
    expect(program).toMatchObject({ currentVersion: 2, name: 'Becas escolares (cambiada)' });
    const older = source();
    older.version = 1;
    older.description = 'otra';
    expect((await refusal(older)).code).toBe('VERSION_CONFLICT');
  });

  it('refuses an invalid definition with every error, and one whose test table fails', async () => {
    const broken = source();
    broken.workflow.initial = 'inexistente';
    const invalid = await refusal(broken);
    expect(invalid).toMatchObject({ code: 'DEFINITION_INVALID', status: 422 });
    expect((invalid.details as { errors: Array<{ pointer: string }> }).errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/workflow/initial' })]));
    const failing = source();
    failing.version = 3;
    failing.tests.cases[0].expect.eligible = !failing.tests.cases[0].expect.eligible;
    const tests = await refusal(failing);
    expect(tests).toMatchObject({ code: 'DEFINITION_TESTS_FAILED', message: expect.stringMatching(/no pasa 1 caso/) });
    expect(await t.app.db.orm.em.fork().count(ProgramVersion, { program: 'becas-escolares' })).toBe(2);
  });
});

describe('sipros publish (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sipros-publish-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      // This test checks the embedded database in a folder, so no DATABASE_URL.
      const { DATABASE_URL: _ignored, ...rest } = process.env;
      const env = { ...rest, PGLITE_DIR: join(dir, 'db'), LOG_LEVEL: 'silent' };
      execFile(process.execPath, [join(ROOT, 'runtime/cli/bin.js'), ...args], { cwd: ROOT, env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    });

  it('publishes into the embedded database, says so, and refuses a broken file with pointers', async () => {
    const ok = await cli('publish', 'definitions/programs/tarifa-unidos/program.json');
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/Publicada «Tarifa Unidos» versión 1/) });
    const again = await cli('publish', 'definitions/programs/tarifa-unidos/program.json');
    expect(again.stdout).toMatch(/ya estaba publicada/);
    const broken = source();
    broken.eligibility[0].rule = { '>=': [{ var: 'respuestas.no.existe' }, 1] };
    writeFileSync(join(dir, 'rota.json'), JSON.stringify(broken));
    const refused = await cli('publish', join(dir, 'rota.json'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Error DEFINITION_INVALID/);
    expect(refused.stderr).toMatch(/\/eligibility\/0\/rule\/>=\/0\/var {2}DEF_UNKNOWN_FIELD/);
  }, 60_000);
});
