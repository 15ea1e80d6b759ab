import { access, constants } from 'node:fs/promises';
import { ConfigError, loadConfig } from '../../config.ts';
import { openDatabase } from '../../../db/orm.ts';
import { CivilRegistryFileError, loadCivilRegistryCsv } from './civil-registry.ts';

export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `sipros registro-civil <archivo.csv>`: loads the civil registry reference into the database the
 * server uses (DATABASE_URL, else PGLITE_DIR). Prints what was loaded and every refused row with
 * its line and reason; returns the exit code: 1 when any row was refused or the file is unusable.
 */
export async function civilRegistryCommand(file: string, { out, err }: CommandOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      err(error.message);
      return 1;
    }
    throw error;
  }
  // Checked before opening the database, which takes seconds on PGlite.
  if (!(await access(file, constants.R_OK).then(() => true, () => false))) {
    err(`Error: No existe el archivo «${file}» o no se puede leer.`);
    return 1;
  }
  const db = await openDatabase(config);
  try {
    const report = await loadCivilRegistryCsv(db.orm.em.fork(), file);
    out(`Registro Civil: ${report.loaded} ${report.loaded === 1 ? 'fila cargada' : 'filas cargadas'}, ${report.refused.length} ${report.refused.length === 1 ? 'rechazada' : 'rechazadas'}.`);
    for (const row of report.refused) out(`  ✗ línea ${row.line}: ${row.reason}`);
    return report.refused.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof CivilRegistryFileError) {
      err(`Error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
