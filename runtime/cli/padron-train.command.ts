/**
 * `sipros padron entrenar --salida modelo.json`: a new version of the matching model with its m and u
 * estimated from data (engine/matching/training.ts): from the registry in the server's database, or from
 * CSV files (--registro, and --entrantes for rolls that came to it). It prints how each weight moved and
 * runs the model's own test table: a model that fails it is written (to be looked at) but exits 1 and is
 * never used by SIPROS. It never overwrites the model in use unless --salida names it.
 */
import { writeFile } from 'node:fs/promises';
import { COMPARISON_NAMES, levelWeight, type MatchInput, type MatchingModel } from '../../engine/matching/index.ts';
import { runMatchingTests } from '../../engine/matching/testing.ts';
import { seededRandom, trainModel } from '../../engine/matching/training.ts';
import { openDatabase } from '../db/orm.ts';
import { loadMatchingFiles, MATCHING_MODEL_FILE } from '../definitions/library.ts';
import { loadConfig } from '../server/config.ts';
import { registryRecords, RollFileError } from '../server/modules/padron/index.ts';
import { MatchCommandError, readRecords } from './padron-match.command.ts';

type Writer = (line: string) => void;

export interface TrainCommandOptions {
  salida?: string;
  registro?: string;
  entrantes?: string;
  modelo?: string;
  semilla?: string;
  muestra?: string;
}

async function recordsFor(options: TrainCommandOptions, io: { out: Writer; err: Writer }): Promise<MatchInput[]> {
  if (options.registro) {
    const registry = await readRecords(options.registro, 'del padrón', io.err);
    const incoming = options.entrantes ? await readRecords(options.entrantes, 'de entrantes', io.err) : [];
    // Ids only need to be unique within the run.
    return [...registry, ...incoming.map((r) => ({ ...r, id: `entrante:${r.id}` }))];
  }
  const db = await openDatabase(loadConfig({ ...process.env, SIPROS_SEED_PROGRAMS: 'false' }));
  try {
    return await registryRecords(db.sql);
  } finally {
    await db.close();
  }
}

function printChanges(before: MatchingModel, after: MatchingModel, out: Writer): void {
  for (const c of COMPARISON_NAMES) {
    const lines = Object.keys(after.comparaciones[c].niveles).map((l) => `${l} ${levelWeight(before, c, l).toFixed(1)} → ${levelWeight(after, c, l).toFixed(1)}`);
    out(`  ${c}: ${lines.join('; ')}`);
  }
}

async function train(options: TrainCommandOptions, io: { out: Writer; err: Writer }): Promise<number> {
  if (!options.salida) throw new MatchCommandError('VALIDATION_FAILED', 'indica --salida, el archivo donde escribir el modelo nuevo (por ejemplo: sipros padron entrenar --salida mi-estado/matching/modelo.json).');
  const seed = Number(options.semilla ?? '1');
  if (!Number.isInteger(seed)) throw new MatchCommandError('VALIDATION_FAILED', '--semilla debe ser un número entero.');
  const randomPairs = Number(options.muestra ?? '200000');
  if (!Number.isInteger(randomPairs) || randomPairs < 1000) throw new MatchCommandError('VALIDATION_FAILED', '--muestra debe ser un número entero de 1,000 pares o más.');
  const base = await loadMatchingFiles(options.modelo ?? MATCHING_MODEL_FILE);
  if (!base.ok) throw new MatchCommandError('MATCH_MODEL_INVALID', `el modelo de partida no es válido: ${base.errors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ')}`);
  const records = await recordsFor(options, io);
  if (records.length < 100) throw new MatchCommandError('TOO_FEW_RECORDS', `con ${records.length} registros no se puede estimar nada; hacen falta al menos 100.`);
  const report = trainModel(records, base.model, base.tables, { random: seededRandom(seed), randomPairs });
  await writeFile(options.salida, `${JSON.stringify(report.model, null, 2)}\n`);
  const n = (v: number) => v.toLocaleString('es-MX');
  io.out(`Modelo v${report.model.version} estimado con ${n(records.length)} registros: u con ${n(report.randomPairs)} pares al azar, m con ${n(report.candidatePairs)} pares candidatos (${report.iterations} iteraciones; ${(report.matchShare * 100).toFixed(1)} % la misma persona). Pesos, antes → ahora:`);
  printChanges(base.model, report.model, io.out);
  const failing = runMatchingTests(report.model, base.tables).filter((r) => !r.passed);
  if (failing.length > 0) {
    io.out(`Escrito en «${options.salida}», pero NO pasa su tabla de pruebas y SIPROS no lo usará así:`);
    for (const r of failing) io.out(`  ✗ ${r.name}: ${r.failures.join(' ')}`);
    io.out('Ajusta los umbrales o los casos, y vuelve a correr «sipros test» sobre esa carpeta.');
    return 1;
  }
  io.out(`Escrito en «${options.salida}»; pasa su tabla de pruebas. Mídelo con «npm run eval:matching -- --modelo ${options.salida}» antes de ponerlo en definitions/matching.`);
  return 0;
}

export async function padronTrainCommand(options: TrainCommandOptions, io: { out: Writer; err: Writer }): Promise<number> {
  try {
    return await train(options, io);
  } catch (error) {
    if (error instanceof MatchCommandError || error instanceof RollFileError) {
      io.err(`Error ${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
