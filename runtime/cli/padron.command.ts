/**
 * `sipros padron revisar <archivo>` (and `padron cargar --revisar`): the preview of an agency's
 * roll, before anything is loaded. It reads CSV (UTF-8 with or without BOM, or Windows-1252; `,`
 * `;` tab or `|`) or Excel .xlsx, streamed; maps the columns from the header row (or --mapeo);
 * checks every row with the same rules as the loading pipeline (engine/padron) and prints the
 * counts by code and a few refused rows; with `--json`, `{"filas", "aceptadas", "rechazadas",
 * "porCodigo"}`. It writes nothing. Exit 1 when the file cannot be read or a required column is missing.
 */
import { checkRow, duplicateProblem, isWellFormedCurp, REGISTRY_FIELDS, suggestMapping, unmappedRequired, withDuplicate, type ColumnMapping, type RegistryRow, type RowCheck } from '../../engine/padron/index.ts';
import { municipioNames } from '../definitions/municipios.ts';
import { AppError } from '../server/errors.ts';
import { openRoll, RollFileError, type RollFile } from '../server/modules/padron/index.ts';
import { readMappingFile } from './padron-mapping.ts';

type Writer = (line: string) => void;

const NOMBRE_DELIMITADOR: Record<string, string> = { ',': 'coma', ';': 'punto y coma', '\t': 'tabulador', '|': 'barra vertical' };
const labelOf = (field: string) => REGISTRY_FIELDS.find((f) => f.id === field)?.label ?? field;

interface Tally {
  filas: number;
  aceptadas: number;
  porCodigo: Record<string, number>;
  /** The first refused rows, to show. */
  refused: Array<{ fila: number; check: RowCheck }>;
}

/** What the duplicate rule needs of a CURP's first row: kept small, one per CURP seen. */
type FirstSeen = { line: number; row: Pick<RegistryRow, 'nombres' | 'primerApellido' | 'fechaNacimiento' | 'curp'> };

function count(tally: Tally, fila: number, check: RowCheck): void {
  tally.filas++;
  if (check.accepted) tally.aceptadas++;
  else if (tally.refused.length < 5) tally.refused.push({ fila, check });
  for (const code of new Set(check.problems.map((p) => p.code))) tally.porCodigo[code] = (tally.porCodigo[code] ?? 0) + 1;
}

/** Every row checked as it streams by; the same CURP twice is judged against its first row. */
async function checkRows(roll: RollFile, mapping: ColumnMapping): Promise<Tally> {
  const context = { municipios: new Set(municipioNames().keys()) };
  const firsts = new Map<string, FirstSeen>();
  const tally: Tally = { filas: 0, aceptadas: 0, porCodigo: {}, refused: [] };
  for await (const { fila, values } of roll.rows()) {
    const check = checkRow(values, mapping, context);
    const { curp, nombres, primerApellido, fechaNacimiento } = check.row;
    if (isWellFormedCurp(curp)) {
      const first = firsts.get(curp);
      if (first) withDuplicate(check, duplicateProblem(first.row as RegistryRow, first.line, check.row));
      else firsts.set(curp, { line: fila, row: { curp, nombres, primerApellido, fechaNacimiento } });
    }
    count(tally, fila, check);
  }
  return tally;
}

function printText(file: string, roll: RollFile, mapping: ColumnMapping, tally: Tally, out: Writer): void {
  const n = (v: number) => v.toLocaleString('es-MX');
  const format = roll.format === 'xlsx' ? 'Excel (.xlsx)' : `${roll.encoding}, separado por ${NOMBRE_DELIMITADOR[roll.delimiter ?? ',']}`;
  out(`«${file}»: ${format}; ${n(tally.filas)} filas.`);
  out(`Columnas: ${Object.entries(mapping).map(([field, i]) => `${labelOf(field)} ← «${roll.headers[i as number]}»`).join('; ')}.`);
  out(`Se cargarían ${n(tally.aceptadas)}; se rechazarían ${n(tally.filas - tally.aceptadas)}. No se guardó nada (vista previa).`);
  for (const [code, c] of Object.entries(tally.porCodigo).sort((a, b) => b[1] - a[1])) out(`  ${code}: ${c}`);
  for (const { check, fila } of tally.refused) out(`  fila ${fila}: ${check.problems.filter((p) => !p.warning).map((p) => `${p.code} ${p.message}`).join(' ')}`);
}

async function preview(file: string, options: { json?: boolean; mapeo?: string }, io: { out: Writer; err: Writer }): Promise<number> {
  const roll = await openRoll(file);
  const mapping = options.mapeo ? await readMappingFile(options.mapeo, roll.headers) : suggestMapping(roll.headers);
  const missing = unmappedRequired(mapping);
  if (missing.length > 0) {
    io.err(`Error COLUMNS_MISSING: el archivo no tiene columnas para ${missing.map(labelOf).join(', ')} (encabezados leídos: ${roll.headers.join(' | ')}).`);
    return 1;
  }
  const tally = await checkRows(roll, mapping);
  if (options.json) io.out(JSON.stringify({ filas: tally.filas, aceptadas: tally.aceptadas, rechazadas: tally.filas - tally.aceptadas, porCodigo: tally.porCodigo }));
  else printText(file, roll, mapping, tally, io.out);
  return 0;
}

export async function padronPreviewCommand(file: string, options: { json?: boolean; mapeo?: string }, io: { out: Writer; err: Writer }): Promise<number> {
  try {
    return await preview(file, options, io);
  } catch (error) {
    if (error instanceof RollFileError || error instanceof AppError) {
      io.err(`Error ${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
