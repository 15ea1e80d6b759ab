/**
 * `sipros padron revisar <archivo>`: the preview of an agency's roll, before anything is loaded. It
 * reads CSV in UTF-8 (with or without BOM) or Windows-1252, with `,`, `;`, tab or `|` between columns,
 * maps the columns from the header row, checks every row (engine/padron) and prints the counts by code
 * and a few refused rows; with `--json`, `{"filas", "aceptadas", "rechazadas", "porCodigo"}`. It writes
 * nothing. Exit 1 when the file cannot be read or a required column is missing.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { checkRow, countByCode, markDuplicates, REGISTRY_FIELDS, suggestMapping, unmappedRequired } from '../../engine/padron/index.ts';
import { municipioNames } from '../definitions/municipios.ts';

type Writer = (line: string) => void;

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped); otherwise Windows-1252, what Excel saves in Mexico. */
export function decodeRoll(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'Windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The separator the header row uses most (outside quotes). */
export function detectDelimiter(text: string): string {
  const header = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  return DELIMITERS.reduce((best, d) => (header.split(d).length > header.split(best).length ? d : best), DELIMITERS[0] as string);
}

const NOMBRE_DELIMITADOR: Record<string, string> = { ',': 'coma', ';': 'punto y coma', '\t': 'tabulador', '|': 'barra vertical' };
const labelOf = (field: string) => REGISTRY_FIELDS.find((f) => f.id === field)?.label ?? field;

export function padronPreviewCommand(file: string, options: { json?: boolean }, io: { out: Writer; err: Writer }): number {
  let rows: string[][];
  let encoding: string;
  let delimiter: string;
  try {
    const decoded = decodeRoll(readFileSync(file));
    encoding = decoded.encoding;
    delimiter = detectDelimiter(decoded.text);
    rows = parse(decoded.text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as string[][];
  } catch (error) {
    const code = (error as { code?: string }).code;
    io.err(code === 'ENOENT' ? `Error FILE_NOT_FOUND: no existe el archivo «${file}».` : `Error FILE_UNREADABLE: no se pudo leer «${file}» como CSV: ${(error as Error).message}`);
    return 1;
  }
  const [headers = [], ...data] = rows;
  const mapping = suggestMapping(headers);
  const missing = unmappedRequired(mapping);
  if (missing.length > 0) {
    io.err(`Error COLUMNS_MISSING: el archivo no tiene columnas para ${missing.map(labelOf).join(', ')} (encabezados leídos: ${headers.join(' | ')}).`);
    return 1;
  }
  const municipios = new Set(municipioNames().keys());
  const checks = markDuplicates(data.map((values) => checkRow(values, mapping, { municipios })));
  const aceptadas = checks.filter((c) => c.accepted).length;
  const porCodigo = countByCode(checks);
  if (options.json) {
    io.out(JSON.stringify({ filas: checks.length, aceptadas, rechazadas: checks.length - aceptadas, porCodigo }));
    return 0;
  }
  io.out(`«${file}»: ${encoding}, separado por ${NOMBRE_DELIMITADOR[delimiter]}; ${checks.length.toLocaleString('es-MX')} filas.`);
  io.out(`Columnas: ${Object.entries(mapping).map(([field, i]) => `${labelOf(field)} ← «${headers[i as number]}»`).join('; ')}.`);
  io.out(`Se cargarían ${aceptadas.toLocaleString('es-MX')}; se rechazarían ${(checks.length - aceptadas).toLocaleString('es-MX')}. No se guardó nada (vista previa).`);
  for (const [code, n] of Object.entries(porCodigo).sort((a, b) => b[1] - a[1])) io.out(`  ${code}: ${n}`);
  const refused = checks.map((c, i) => ({ c, fila: i + 2 })).filter(({ c }) => !c.accepted).slice(0, 5);
  for (const { c, fila } of refused) io.out(`  fila ${fila}: ${c.problems.filter((p) => !p.warning).map((p) => `${p.code} ${p.message}`).join(' ')}`);
  return 0;
}
