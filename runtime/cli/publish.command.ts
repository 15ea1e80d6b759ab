import { userInfo } from 'node:os';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../db/orm.ts';
import { AppError } from '../server/errors.ts';
import { publishDefinition } from '../server/modules/programs/index.ts';
import { loadLibrary, readJsonFile } from '../definitions/library.ts';
import type { DefinitionError } from '../../engine/index.ts';

type Writer = (line: string) => void;

/**
 * `sipros publish <archivo>`: publishes a definition into the server's database (DATABASE_URL,
 * or the embedded PGlite in PGLITE_DIR) as a new immutable version. Exit 1 when refused.
 */
export async function publishCommand(file: string, io: { out: Writer; err: Writer }, now = new Date()): Promise<number> {
  const config = loadConfig({ ...process.env, SIPROS_SEED_PROGRAMS: 'false' });
  const json = await readJsonFile(file);
  const library = await loadLibrary();
  const db = await openDatabase(config);
  try {
    const result = await publishDefinition(db.orm.em.fork(), json, library, `cli:${userInfo().username}`, now);
    const name = (json as { name?: string }).name ?? result.programId;
    io.out(result.created ? `Publicada «${name}» versión ${result.version} (huella ${result.hash.slice(0, 12)}).` : `«${name}» versión ${result.version} ya estaba publicada con este mismo contenido; no se cambió nada.`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    io.err(`Error ${error.code}: ${error.message}`);
    const details = error.details as { errors?: DefinitionError[]; failed?: Array<{ name: string; failures: string[] }> } | undefined;
    for (const e of details?.errors ?? []) io.err(`    ${e.pointer || '/'}  ${e.code}  ${e.message}`);
    for (const f of details?.failed ?? []) io.err(`    ✗ ${f.name}: ${f.failures.join(' ')}`);
    return 1;
  } finally {
    await db.close();
  }
}
