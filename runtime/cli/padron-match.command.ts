/**
 * `sipros padron emparejar --registro R.csv --entrantes E.csv --salida links.csv`: the padrón's
 * matcher on two files, in memory, with no database, so anyone can measure it on their own labelled
 * data. Each file's first column is the row's id; the others carry the registry's field names (curp,
 * primer_apellido, segundo_apellido, nombre, fecha_nacimiento, sexo, cve_mun, localidad, colonia,
 * codigo_postal, calle, telefono; any may be empty or absent; other columns are ignored, and said so).
 * It writes `id_entrante,id_registro,decision,puntaje` (decision `misma` or `revisar`; rows with no
 * candidate are left out), and with --razones the Spanish reasons with the weight of each.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { buildMatchIndex, matchBatch, MATCH_FIELDS, type MatchInput } from '../../engine/matching/index.ts';
import { runMatchingTests } from '../../engine/matching/testing.ts';
import { loadMatchingFiles, MATCHING_MODEL_FILE } from '../definitions/library.ts';
import { openRoll, RollFileError } from '../server/modules/padron/index.ts';

type Writer = (line: string) => void;

export interface MatchCommandOptions {
  registro?: string;
  entrantes?: string;
  salida?: string;
  modelo?: string;
  razones?: boolean;
}

export class MatchCommandError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const KNOWN = new Set<string>(MATCH_FIELDS);
const headerName = (h: string) => h.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s-]+/g, '_');

/** Every row of one file as a record: the id from the first column, the known fields by header. */
export async function readRecords(file: string, label: string, say: Writer): Promise<MatchInput[]> {
  if (!existsSync(file)) throw new MatchCommandError('FILE_NOT_FOUND', `No se encontró el archivo ${label} «${file}».`);
  const roll = await openRoll(file);
  const headers = roll.headers.map(headerName);
  const fields = headers.map((h, i) => (i > 0 && KNOWN.has(h) ? h : null));
  if (!fields.some(Boolean)) {
    throw new MatchCommandError('COLUMNS_MISSING', `El archivo ${label} «${file}» no trae ninguna columna con nombre de campo del padrón (${MATCH_FIELDS.join(', ')}); encabezados leídos: ${roll.headers.join(' | ')}.`);
  }
  const ignored = roll.headers.filter((_, i) => i > 0 && !fields[i]);
  if (ignored.length > 0) say(`En el archivo ${label} se ignoran las columnas: ${ignored.join(', ')}.`);
  const records: MatchInput[] = [];
  const ids = new Set<string>();
  for await (const { fila, values } of roll.rows()) {
    const id = (values[0] ?? '').trim();
    if (id === '') throw new MatchCommandError('ROW_ID_MISSING', `La fila ${fila} del archivo ${label} no trae id en la primera columna.`);
    if (ids.has(id)) throw new MatchCommandError('ROW_ID_DUPLICATE', `El id «${id}» se repite en el archivo ${label} (fila ${fila}): cada fila necesita su propio id.`);
    ids.add(id);
    const record: MatchInput = { id };
    fields.forEach((f, i) => {
      if (f) record[f as keyof Omit<MatchInput, 'id'>] = values[i] ?? '';
    });
    records.push(record);
  }
  return records;
}

async function matchFiles(options: MatchCommandOptions, io: { out: Writer; err: Writer }): Promise<number> {
  if (!options.registro || !options.entrantes || !options.salida) {
    throw new MatchCommandError('VALIDATION_FAILED', 'indica --registro, --entrantes y --salida (por ejemplo: sipros padron emparejar --registro padron.csv --entrantes nuevos.csv --salida ligas.csv).');
  }
  const loaded = await loadMatchingFiles(options.modelo ?? MATCHING_MODEL_FILE);
  if (!loaded.ok) throw new MatchCommandError('MATCH_MODEL_INVALID', `el modelo no es válido: ${loaded.errors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ')}`);
  const failing = runMatchingTests(loaded.model, loaded.tables).filter((r) => !r.passed);
  if (failing.length > 0) throw new MatchCommandError('MATCH_MODEL_TESTS_FAILED', `el modelo no pasa su tabla de pruebas (${failing.map((r) => r.name).join('; ')}); corre «sipros test» para ver por qué.`);

  const started = Date.now();
  const registry = await readRecords(options.registro, 'del padrón', io.err);
  const incoming = await readRecords(options.entrantes, 'de entrantes', io.err);
  const index = buildMatchIndex(registry, loaded.model, loaded.tables);
  const outcomes = matchBatch(index, incoming);

  const output = createWriteStream(options.salida);
  const csv = stringify({ header: true, columns: ['id_entrante', 'id_registro', 'decision', 'puntaje', ...(options.razones ? ['razones'] : [])] });
  csv.pipe(output);
  const counts = { misma: 0, revisar: 0, distinta: 0 };
  for (const o of outcomes) {
    counts[o.decision]++;
    if (o.decision === 'distinta' || !o.best) continue;
    const row = [o.id, o.best.id, o.decision, o.best.score.toFixed(1)];
    if (options.razones) row.push([...(o.best.motivoRevision ? [`a revisión: ${o.best.motivoRevision}`] : []), ...o.best.reasons.map((r) => `${r.etiqueta} (${r.peso > 0 ? '+' : ''}${r.peso})`)].join(' | '));
    if (!csv.write(row)) await once(csv, 'drain');
  }
  csv.end();
  await once(output, 'finish');
  const n = (v: number) => v.toLocaleString('es-MX');
  io.out(`${n(incoming.length)} entrantes contra ${n(registry.length)} del padrón (modelo v${loaded.model.version}): ${n(counts.misma)} la misma persona, ${n(counts.revisar)} a revisión, ${n(counts.distinta)} sin pareja. ${((Date.now() - started) / 1000).toFixed(1)} s. Escrito en «${options.salida}».`);
  return 0;
}

export async function padronMatchCommand(options: MatchCommandOptions, io: { out: Writer; err: Writer }): Promise<number> {
  try {
    return await matchFiles(options, io);
  } catch (error) {
    if (error instanceof MatchCommandError || error instanceof RollFileError) {
      io.err(`Error ${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
