/**
 * `sipros padron cargar <archivo> --dependencia … --programa … [--mapeo …] [--json]`: loads an
 * agency's roll into the server's database (DATABASE_URL, or the embedded PGlite in PGLITE_DIR)
 * through exactly the pipeline of the officials' «Carga masiva»: the file kept and hashed (the
 * same file twice is refused), columns mapped (from --mapeo, or remembered, or suggested by the
 * headers), every row reviewed, then committed slice by slice. With --revisar it stops after the
 * preview (padron.command.ts) and writes nothing.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { openDatabase, type Database } from '../db/orm.ts';
import { readMappingFile } from './padron-mapping.ts';
import { loadConfig } from '../server/config.ts';
import { AppError } from '../server/errors.ts';
import { addCatalogProgram, catalogProgram, findBatch, mapColumns, receiveRoll, runBatchStep, startCommit, type PadronDeps } from '../server/modules/padron/index.ts';

type Writer = (line: string) => void;

export interface LoadOptions {
  dependencia?: string;
  programa?: string;
  mapeo?: string;
  json?: boolean;
}

const KEY = /^[a-z0-9][a-z0-9-]{1,59}$/;

/** The catalog's program, added (named after its key) when the catalog does not know it yet. */
async function ensureProgram(deps: PadronDeps, clave: string, dependencia: string, actorId: string, io: { err: Writer }): Promise<void> {
  const known = await catalogProgram(deps.db.sql, clave);
  if (known && known.dependencia !== dependencia) {
    throw new AppError('AGENCY_OUT_OF_SCOPE', `El programa «${clave}» es de la dependencia «${known.dependencia}», no de «${dependencia}».`);
  }
  if (known) return;
  await addCatalogProgram(deps.db.sql, { clave, nombre: clave, dependencia, tipo: 'economico', clavePub: null }, actorId, deps.clock());
  io.err(`Programa «${clave}» agregado al catálogo (dependencia ${dependencia}); ponle su nombre y tipo en el catálogo.`);
}

async function load(deps: PadronDeps, file: string, options: Required<Pick<LoadOptions, 'dependencia' | 'programa'>> & LoadOptions, io: { out: Writer; err: Writer }): Promise<number> {
  const actorId = `cli:${userInfo().username}`;
  // Checked before anything is written (the catalog entry, the kept copy).
  await stat(file);
  await ensureProgram(deps, options.programa, options.dependencia, actorId, io);
  const { id } = await receiveRoll(deps, { dependencia: options.dependencia, programa: options.programa, archivo: basename(file), content: createReadStream(file), actorId });
  const received = await findBatch(deps.db.sql, id);
  const mapping = options.mapeo ? await readMappingFile(options.mapeo, received.encabezados) : received.mapeo;
  await mapColumns(deps, id, mapping, actorId);
  await runBatchStep(deps, id, 'revisando');
  for (const clave of await startCommit(deps, id, actorId)) io.err(`Programa «${clave}» agregado al catálogo (dependencia ${options.dependencia}).`);
  const started = Date.now();
  await runBatchStep(deps, id, 'cargando');
  const batch = await findBatch(deps.db.sql, id);
  if (options.json) {
    io.out(JSON.stringify({ filas: batch.filas, aceptadas: batch.aceptadas, rechazadas: batch.rechazadas, porCodigo: batch.por_codigo }));
    return 0;
  }
  const n = (v: number) => v.toLocaleString('es-MX');
  io.out(`Carga ${id}: «${basename(file)}», ${n(batch.filas)} filas; ${n(batch.cargadas)} apoyos cargados al padrón, ${n(batch.rechazadas)} filas rechazadas (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  for (const [code, count] of Object.entries(batch.por_codigo).sort((a, b) => b[1] - a[1])) io.out(`  ${code}: ${n(count)}`);
  if (batch.rechazadas > 0) io.out('Descarga las filas rechazadas con su motivo en «Carga masiva» del sitio de funcionarios.');
  return 0;
}

export async function padronLoadCommand(file: string, options: LoadOptions, io: { out: Writer; err: Writer }, database?: Database): Promise<number> {
  const { dependencia, programa } = options;
  if (!dependencia || !KEY.test(dependencia) || !programa || !KEY.test(programa)) {
    io.err('Error VALIDATION_FAILED: indica --dependencia y --programa con sus claves (minúsculas, números y guiones; por ejemplo --dependencia dif-estatal --programa despensas-dif).');
    return 1;
  }
  const db = database ?? (await openDatabase(loadConfig({ ...process.env, SIPROS_SEED_PROGRAMS: 'false' })));
  const config = loadConfig({ ...process.env, SIPROS_SEED_PROGRAMS: 'false' });
  try {
    return await load({ db, clock: () => new Date(), storageDir: config.storageDir }, file, { ...options, dependencia, programa }, io);
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`Error ${error.code}: ${error.message}`);
      return 1;
    }
    if ((error as { code?: string }).code === 'ENOENT') {
      io.err(`Error FILE_NOT_FOUND: no existe el archivo «${file}».`);
      return 1;
    }
    throw error;
  } finally {
    if (!database) await db.close();
  }
}
