/**
 * `sipros catalogos sepomex|localidades <archivo> [--aplicar] [--json]`: imports a territory catalog
 * into the server's database (DATABASE_URL, or the embedded PGlite in PGLITE_DIR) and prints what it
 * adds, changes and removes against the version in force. Without --aplicar nothing in force changes
 * (the import waits, as on the administration screen); with it, the catalog is replaced.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import type { CatalogImport } from '../../../api/territorio.ts';
import { openDatabase, type Database } from '../../../db/orm.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { MAX_CATALOG_BYTES, type CatalogKind } from './catalog-file.ts';
import { applyImport, importCatalog } from './catalog-import.ts';

type Writer = (line: string) => void;

const NAMES: Record<CatalogKind, string> = { sepomex: 'códigos postales de SEPOMEX', localidades: 'localidades de INEGI' };
const n = (v: number) => v.toLocaleString('es-MX');

function printSummary(found: CatalogImport, seconds: number, out: Writer): void {
  out(`Catálogo de ${NAMES[found.tipo]} «${found.archivo}» (${found.codificacion}): ${n(found.filas)} filas, ${n(found.rechazadas)} rechazadas (${seconds.toFixed(1)} s).`);
  out(`Frente al catálogo vigente: ${n(found.agregadas)} agregadas, ${n(found.cambiadas)} cambiadas, ${n(found.quitadas)} quitadas.`);
  const { ejemplos, rechazosPorCodigo, primerosRechazos } = found.resumen;
  for (const line of ejemplos.agregadas) out(`  + ${line}`);
  for (const line of ejemplos.cambiadas) out(`  ~ ${line}`);
  for (const line of ejemplos.quitadas) out(`  - ${line}`);
  for (const [code, count] of Object.entries(rechazosPorCodigo).sort((a, b) => b[1] - a[1])) out(`  rechazadas ${code}: ${n(count)}`);
  for (const r of primerosRechazos.slice(0, 5)) out(`    fila ${n(r.fila)}: ${r.codigo} — ${r.detalle}`);
}

export async function catalogosCommand(kind: CatalogKind, file: string, options: { aplicar?: boolean; json?: boolean }, io: { out: Writer; err: Writer }, database?: Database): Promise<number> {
  let db = database;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_CATALOG_BYTES) throw new AppError('CATALOG_FILE_INVALID', `El archivo pasa de ${MAX_CATALOG_BYTES / 1024 / 1024} MB; no es un catálogo de los que se importan aquí.`);
    const bytes = await readFile(file);
    db ??= await openDatabase(loadConfig({ ...process.env, SIPROS_SEED_PROGRAMS: 'false' }));
    const started = Date.now();
    let found = await importCatalog(db.sql, kind, { name: basename(file), bytes }, `cli:${userInfo().username}`, new Date());
    const seconds = (Date.now() - started) / 1000;
    if (options.aplicar) found = await applyImport(db.sql, found.id, new Date());
    if (options.json) {
      io.out(JSON.stringify(found));
      return 0;
    }
    printSummary(found, seconds, io.out);
    if (options.aplicar) io.out(`Catálogo reemplazado: la importación ${found.id} está vigente desde ${found.aplicadaAt}.`);
    else io.out(`Es una revisión: el catálogo vigente no cambió. Para reemplazarlo corre de nuevo con --aplicar (importación ${found.id}).`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) io.err(`Error ${error.code}: ${error.message}`);
    else if ((error as { code?: string }).code === 'ENOENT') io.err(`Error FILE_NOT_FOUND: no existe el archivo «${file}».`);
    else if ((error as { code?: string }).code === 'EISDIR') io.err(`Error FILE_NOT_FOUND: «${file}» es una carpeta, no un archivo.`);
    else if (error instanceof ConfigError) io.err(error.message);
    else throw error;
    return 1;
  } finally {
    if (db && !database) await db.close();
  }
}
