import { createHash, randomUUID } from 'node:crypto';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { folioSequenceName } from './folio-sequence.ts';
import { loadDefinition, runDefinitionTests, type LoadedProgram, type LoadOptions } from '../../../../engine/index.ts';
import { Program, ProgramVersion } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { recordSiprosProgram } from '../padron/index.ts';

/** JSON with object keys sorted, so the same definition always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(definition: unknown): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

export interface PublishResult {
  programId: string;
  version: number;
  hash: string;
  /** False when exactly this content was already published (publishing is idempotent). */
  created: boolean;
}

/**
 * Publishes a definition as a new immutable, self-contained version. The definition must load
 * (every engine check) and pass its own test table; the same content published again is a
 * no-op; a version number already used with other content is a conflict. One transaction.
 */
export async function publishDefinition(em: EntityManager, json: unknown, library: LoadOptions, publishedBy: string, now: Date): Promise<PublishResult> {
  const loaded = loadDefinition(json, library);
  if (!loaded.ok) throw new AppError('DEFINITION_INVALID', undefined, { errors: loaded.errors });
  assertTestsPass(loaded.program);
  const def = loaded.program.definition;
  const ruleSets = Object.fromEntries(loaded.program.ruleSets.map((set) => [set.id, set]));
  const hash = contentHash({ definition: def, ruleSets });
  return em.transactional(async (tx) => {
    // Lock the program row so two publications of the same program cannot race.
    const program = await tx.findOne(Program, { id: def.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const same = await tx.findOne(ProgramVersion, { program: def.id, hash });
    if (same) return { programId: def.id, version: same.version, hash, created: false };
    const clash = await tx.findOne(ProgramVersion, { program: def.id, version: def.version });
    if (clash) throw new AppError('VERSION_CONFLICT', `La versión ${def.version} de «${def.name}» ya está publicada con otro contenido; publica la versión ${(program?.currentVersion ?? def.version) + 1}.`);
    if (program && def.version < program.currentVersion) {
      throw new AppError('VERSION_CONFLICT', `La versión ${def.version} es anterior a la vigente (${program.currentVersion}); publica la versión ${program.currentVersion + 1}.`);
    }
    if (!program) await (tx as SqlEntityManager).execute(`create sequence if not exists ${folioSequenceName(def.id)}`);
    const fields = { name: def.name, dependencia: def.dependencia, area: def.area, currentVersion: def.version, updatedAt: now };
    const owner = program ? tx.assign(program, fields) : tx.create(Program, { id: def.id, ...fields, createdAt: now });
    tx.create(ProgramVersion, { id: randomUUID(), program: owner, version: def.version, hash, definition: def as unknown as Record<string, unknown>, ruleSets, publishedAt: now, publishedBy });
    // The catalog entry refers to the program row: written after it (the ORM knows no order between them).
    await tx.flush();
    await recordSiprosProgram(tx, def, now);
    return { programId: def.id, version: def.version, hash, created: true };
  });
}

function assertTestsPass(program: LoadedProgram): void {
  const failed = runDefinitionTests(program).filter((r) => !r.passed);
  if (failed.length > 0) throw new AppError('DEFINITION_TESTS_FAILED', `La definición no pasa ${failed.length} caso(s) de prueba; no se puede publicar.`, { failed });
}
