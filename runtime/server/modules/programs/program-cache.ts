import type { EntityManager } from '@mikro-orm/core';
import { loadDefinition, type LoadedProgram, type RuleSet } from '../../../../engine/index.ts';
import { ProgramVersion } from '../../../db/entities.ts';

/**
 * Published versions compiled once per process. A version never changes, so an entry never
 * goes stale; the key is program id + version.
 */
export class ProgramCache {
  private readonly compiled = new Map<string, LoadedProgram>();

  constructor(private readonly municipios: ReadonlySet<string>) {}

  /** The compiled program of a stored version row. */
  fromRow(row: { program: { id: string }; version: number; definition: unknown; ruleSets: unknown }): LoadedProgram {
    const key = `${row.program.id}@${row.version}`;
    let program = this.compiled.get(key);
    if (!program) {
      const result = loadDefinition(row.definition, { ruleSets: row.ruleSets as Record<string, RuleSet>, municipios: this.municipios });
      // A stored version passed every check when it was published; failing now is a bug, not bad input.
      if (!result.ok) throw new Error(`La versión publicada ${key} ya no carga: ${JSON.stringify(result.errors)}`);
      program = result.program;
      this.compiled.set(key, program);
    }
    return program;
  }

  /** An already compiled version, without touching the database. */
  cached(programId: string, version: number): LoadedProgram | undefined {
    return this.compiled.get(`${programId}@${version}`);
  }

  async get(em: EntityManager, programId: string, version: number): Promise<LoadedProgram | null> {
    const cached = this.compiled.get(`${programId}@${version}`);
    if (cached) return cached;
    const row = await em.findOne(ProgramVersion, { program: programId, version });
    return row ? this.fromRow(row) : null;
  }
}
