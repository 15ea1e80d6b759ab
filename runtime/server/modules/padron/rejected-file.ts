/**
 * The refused rows as the agency fixes and resends them: the original row number, the original
 * columns with their values untouched, then the codes and the reason. CSV in UTF-8 with BOM (Excel
 * in Mexico opens the accents right) or Excel .xlsx with every cell as text (CURPs and claves such
 * as «001» keep their zeros). Formula-like text is marked so it shows and never runs (spreadsheet-cells.ts). Streamed with backpressure: any number of rows in constant memory.
 */
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { markFormula } from '../../spreadsheet-cells.ts';
import { roomIn } from '../../backpressure.ts';

export interface RefusedRow {
  fila: number;
  values: string[];
  codigos: string[];
  motivo: string;
}

/** Rows are committed to the zip in slices; between slices the writer waits for `out` to take what it has. */
const XLSX_SLICE = 500;

/** Writes the refused rows to `out` (and ends it) in the format asked; returns how many rows. */
export function writeRejected(format: 'csv' | 'xlsx', headers: string[], rows: AsyncIterable<RefusedRow>, out: NodeJS.WritableStream): Promise<number> {
  return format === 'csv' ? writeCsv(headers, rows, out) : writeXlsx(headers, rows, out);
}

const titlesOf = (headers: string[]) => ['Fila', ...headers, 'Códigos', 'Motivo'];

/** One cell per header, so the codes and the reason stay in their columns whatever the row's length. */
const cellsOf = (headers: string[], row: RefusedRow) => [String(row.fila), ...headers.map((_, i) => markFormula(row.values[i] ?? '')), row.codigos.join(', '), row.motivo];

async function writeCsv(headers: string[], rows: AsyncIterable<RefusedRow>, out: NodeJS.WritableStream): Promise<number> {
  let count = 0;
  async function* records(): AsyncGenerator<string[]> {
    yield titlesOf(headers);
    for await (const row of rows) {
      count++;
      yield cellsOf(headers, row);
    }
  }
  await pipeline(Readable.from(records()), stringify({ bom: true, delimiter: ',' }), out);
  return count;
}

async function writeXlsx(headers: string[], rows: AsyncIterable<RefusedRow>, out: NodeJS.WritableStream): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as import('node:stream').Writable, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const sheet = workbook.addWorksheet('Rechazadas');
  // The text format on every column: a value the agency edits in Excel stays text too (a CURP, «001»).
  sheet.columns = titlesOf(headers).map((title) => ({ width: Math.min(Math.max(title.length + 2, 10), 40), style: { numFmt: '@' } }));
  const header = sheet.addRow(titlesOf(headers));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const row of rows) {
    sheet.addRow(cellsOf(headers, row)).commit();
    if (++count % XLSX_SLICE === 0) await roomIn(out);
  }
  sheet.commit();
  await workbook.commit();
  await finished(out, { readable: false });
  return count;
}

