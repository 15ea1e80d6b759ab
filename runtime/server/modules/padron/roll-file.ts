/**
 * The file an agency sends for «Carga masiva de padrones»: CSV (UTF-8 or Windows-1252; `,` `;` tab
 * or `|`) or Excel .xlsx (first sheet), told apart by its bytes, never its name; a title line above
 * the headers is skipped. Rows are streamed one at a time: 2,000,000 rows cost the memory of 20.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';

export type RollFileCode = 'FILE_NOT_FOUND' | 'FILE_EMPTY' | 'FILE_NOT_TABULAR' | 'XLS_NOT_SUPPORTED' | 'CSV_MALFORMED' | 'XLSX_MALFORMED';
type Encoding = 'UTF-8' | 'Windows-1252';
type Delimiter = ',' | ';' | '\t' | '|';

/** A row of the file: `fila` is its 1-based number in the file, as Excel shows it. */
export interface FileRow { fila: number; values: string[] }

export interface RollFile {
  format: 'csv' | 'xlsx';
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  headers: string[];
  headerRow: number;
  rows(): AsyncIterable<FileRow>;
}

export class RollFileError extends Error {
  constructor(readonly code: RollFileCode, message: string) {
    super(message);
    this.name = 'RollFileError';
  }
}

const HEAD_BYTES = 1024 * 1024;
/** The header row is looked for among this many non-empty rows at the top of the file. */
const HEADER_SEARCH_ROWS = 10;
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
const DECODER_LABEL: Record<Encoding, string> = { 'UTF-8': 'utf-8', 'Windows-1252': 'windows-1252' };
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
/** Zip kinds that may still be a workbook: file-type says `zip` when the first 1 MiB does not show the `xl/` folder. */
const ZIP_MAYBE_XLSX = new Set(['xlsx', 'zip']);
/** Formats whose signature is plain text: only these are believed for a file with no binary bytes, since a CSV header can start with «BM» or «ID3» by chance. */
const TEXT_SIGNATURES = new Set(['pdf', 'ps', 'eps', 'rtf', 'xml', 'vcf', 'ics', 'reg']);
const FORMAT_NAMES: Record<string, string> = { pdf: 'un PDF', docx: 'un documento de Word (.docx)', pptx: 'una presentación de PowerPoint (.pptx)', ods: 'una hoja de cálculo de LibreOffice (.ods)', exe: 'un programa (.exe)' };

export async function openRoll(path: string): Promise<RollFile> {
  const { head, complete } = await readHead(path);
  if (head.length === 0) throw new RollFileError('FILE_EMPTY', 'El archivo está vacío: no tiene filas.');
  return (await sniffFormat(head)) === 'xlsx' ? openXlsx(path) : openCsv(path, head, complete);
}

/** The first 1 MiB, and whether that is the whole file. */
async function readHead(path: string): Promise<{ head: Buffer; complete: boolean }> {
  const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new RollFileError('FILE_NOT_FOUND', 'No se encontró el archivo de la carga.') : error;
  });
  try {
    const buffer = Buffer.alloc(HEAD_BYTES + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, Math.min(bytesRead, HEAD_BYTES)), complete: bytesRead <= HEAD_BYTES };
  } finally {
    await file.close();
  }
}

async function sniffFormat(head: Buffer): Promise<'csv' | 'xlsx'> {
  if (startsWith(head, OLE2_MAGIC)) throw new RollFileError('XLS_NOT_SUPPORTED', 'Es un Excel antiguo (.xls), que no se puede leer. Guarda el archivo como .xlsx o CSV desde Excel (Archivo › Guardar como).');
  // Excel's «Texto Unicode»: UTF-16, full of NUL bytes, so it would otherwise be called binary.
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) throw new RollFileError('FILE_NOT_TABULAR', 'El archivo está en UTF-16 («Texto Unicode»). Guárdalo como «CSV UTF-8» desde Excel (Archivo › Guardar como).');
  const detected = await fileTypeFromBuffer(head);
  if (startsWith(head, ZIP_MAGIC)) {
    if (detected && !ZIP_MAYBE_XLSX.has(detected.ext)) throw notTabular(detected);
    return 'xlsx';
  }
  const binary = looksBinary(head.subarray(0, 64 * 1024));
  if (detected && (binary || TEXT_SIGNATURES.has(detected.ext))) throw notTabular(detected);
  if (binary) throw notTabular(null);
  return 'csv';
}

const startsWith = (bytes: Buffer, magic: readonly number[]) => magic.every((byte, i) => bytes[i] === byte);

/** Text in any 8-bit encoding has no NUL byte; images, PDFs' streams and programs all have them. */
const looksBinary = (bytes: Buffer) => bytes.includes(0);

function notTabular(detected: { ext: string; mime: string } | null): RollFileError {
  return new RollFileError('FILE_NOT_TABULAR', `El archivo parece ${detected ? describeFileType(detected) : 'un archivo binario (no es texto)'}, no un CSV ni un Excel (.xlsx).`);
}

const describeFileType = ({ ext, mime }: { ext: string; mime: string }) => FORMAT_NAMES[ext] ?? (mime.startsWith('image/') ? `una imagen (.${ext})` : `un archivo .${ext}`);

/** The header row among the first non-empty rows; the data rows start after it. */
function headerOf(sample: FileRow[], wholeFile: boolean): FileRow {
  const candidates = sample.slice(0, HEADER_SEARCH_ROWS);
  const header = candidates.find((row) => looksLikeHeader(row.values)) ?? candidates[0];
  if (!header) throw new RollFileError('FILE_EMPTY', 'El archivo está vacío: no tiene filas.');
  if (wholeFile && !sample.some((row) => row.fila > header.fila)) throw new RollFileError('FILE_EMPTY', 'El archivo solo trae la fila de encabezados, sin ninguna persona.');
  return header;
}

/** Mostly filled cells, at least two: a title line («PADRÓN DE BENEFICIARIOS 2026») has one. Trailing empty cells are what Excel pads short rows with. */
function looksLikeHeader(values: string[]): boolean {
  const filled = values.map((value) => value.trim() !== '');
  const width = filled.lastIndexOf(true) + 1;
  const count = filled.filter(Boolean).length;
  return count >= 2 && count * 2 >= width;
}

const isBlank = (values: string[]) => values.every((value) => value.trim() === '');

function rollFile(format: RollFile['format'], encoding: Encoding | null, delimiter: Delimiter | null, header: FileRow, rowsOfFile: () => AsyncIterable<FileRow>): RollFile {
  async function* rows(): AsyncGenerator<FileRow> {
    for await (const row of rowsOfFile()) if (row.fila > header.fila) yield row;
  }
  return { format, encoding, delimiter, headers: header.values.map((value) => value.trim()), headerRow: header.fila, rows };
}

async function openCsv(path: string, head: Buffer, complete: boolean): Promise<RollFile> {
  const encoding = detectEncoding(head, complete);
  const sample = sampleLines(new TextDecoder(DECODER_LABEL[encoding]).decode(head), complete);
  const header = headerOf(sample.map(({ fila, text }) => ({ fila, values: splitCells(text, bestDelimiter(text)) })), complete && sample.length <= HEADER_SEARCH_ROWS);
  const delimiter = bestDelimiter(sample.find((line) => line.fila === header.fila)?.text ?? '');
  return rollFile('csv', encoding, delimiter, header, () => csvRows(path, encoding, delimiter));
}

/**
 * UTF-8 when the first 1 MiB is valid UTF-8; otherwise Windows-1252, what Excel in Mexico saves (it
 * reads latin-1 right too). The cut may fall inside a character of up to 4 bytes, so a sample that
 * is valid once its last 1 to 3 bytes are dropped counts as UTF-8.
 */
function detectEncoding(head: Buffer, complete: boolean): Encoding {
  const cuts = complete ? [0] : [0, 1, 2, 3];
  return cuts.some((cut) => isUtf8(head.subarray(0, head.length - cut))) ? 'UTF-8' : 'Windows-1252';
}

/**
 * The first non-blank records of the head, numbered as csv-parse numbers them (a quoted cell may
 * hold a line break). Stops after one more than the header search needs, to know data follows.
 */
function sampleLines(text: string, complete: boolean): Array<{ fila: number; text: string }> {
  const lines: Array<{ fila: number; text: string }> = [];
  let start = 0;
  let fila = 0;
  let inQuotes = false;
  const take = (end: number) => {
    fila++;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (!/^[\s,;|"]*$/.test(line)) lines.push({ fila, text: line });
    start = end + 1;
  };
  for (let i = 0; i < text.length && lines.length <= HEADER_SEARCH_ROWS; i++) {
    if (text[i] === '"') inQuotes = !inQuotes;
    else if (text[i] === '\n' && !inQuotes) take(i);
  }
  if (lines.length > HEADER_SEARCH_ROWS || !complete) return lines;
  if (inQuotes) throw unreadableCsv(fila + 1, UNCLOSED_QUOTE);
  take(text.length);
  return lines;
}

/** The separator that splits the line into the most cells outside quotes (a comma wins a tie). */
function bestDelimiter(line: string): Delimiter {
  return DELIMITERS.reduce((best, candidate) => (splitCells(line, candidate).length > splitCells(line, best).length ? candidate : best));
}

/** The cells as csv-parse reads them; a separator that makes the line unreadable splits nothing. */
function splitCells(line: string, delimiter: Delimiter): string[] {
  try {
    return (parseSync(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][])[0] ?? [''];
  } catch {
    return [line];
  }
}

async function* csvRows(path: string, encoding: Encoding, delimiter: Delimiter): AsyncGenerator<FileRow> {
  const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  // Errors of the file or the decoder reach the loop below through the parser, which pipeline destroys with them.
  pipeline(createReadStream(path), decoding(encoding), parser, () => undefined);
  let fila = 0;
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      fila++;
      if (!isBlank(values)) yield { fila, values };
    }
  } catch (error) {
    throw malformed(error, fila + 1);
  }
}

/**
 * Streamed decoding. UTF-8 is decoded strictly: a file that starts in UTF-8 and later has
 * Windows-1252 letters (two files pasted together) would otherwise lose its accents without a word.
 */
function decoding(encoding: Encoding) {
  return async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
    const decoder = new TextDecoder(DECODER_LABEL[encoding], { fatal: encoding === 'UTF-8' });
    let line = 1;
    let chunk: Buffer | undefined;
    try {
      for await (chunk of chunks) {
        const text = decoder.decode(chunk, { stream: true });
        line += countLines(text);
        yield text;
      }
      yield decoder.decode();
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      const near = line + (chunk ? linesBeforeInvalidByte(chunk) : 0);
      throw new RollFileError('CSV_MALFORMED', `El archivo mezcla codificaciones: empieza en UTF-8, pero cerca de la línea ${near} tiene letras en otra. Guárdalo de nuevo como «CSV UTF-8» desde Excel.`);
    }
  };
}

const countLines = (text: string) => text.split('\n').length - 1;

/** Where the strict decoder failed inside the chunk: the first replacement character of a lenient decoding. */
function linesBeforeInvalidByte(chunk: Buffer): number {
  const text = new TextDecoder('utf-8').decode(chunk);
  return countLines(text.slice(0, Math.max(text.indexOf('\uFFFD'), 0)));
}

const UNCLOSED_QUOTE = 'se abren comillas (") que no se cierran';
const unreadableCsv = (line: number, what: string) => new RollFileError('CSV_MALFORMED', `El CSV no se puede leer: en la línea ${line} ${what}. Corrígelo y vuelve a enviarlo.`);

/** csv-parse's errors in Spanish, with the line where the broken record starts. */
function malformed(error: unknown, line: number): unknown {
  if (!(error instanceof CsvError)) return error;
  return unreadableCsv(line, error.code === 'CSV_QUOTE_NOT_CLOSED' ? UNCLOSED_QUOTE : 'el texto no tiene el formato de un CSV');
}

async function openXlsx(path: string): Promise<RollFile> {
  const sample: FileRow[] = [];
  // One row past the header search: enough to know whether data follows the header.
  for await (const row of xlsxRows(path)) if (sample.push(row) > HEADER_SEARCH_ROWS) break;
  return rollFile('xlsx', null, null, headerOf(sample, sample.length <= HEADER_SEARCH_ROWS), () => xlsxRows(path));
}

/** The non-blank rows of the first sheet, through exceljs's streaming reader (styles kept: they say which numbers are dates). */
async function* xlsxRows(path: string): AsyncGenerator<FileRow> {
  const input = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const sheets = workbook[Symbol.asyncIterator]();
  let first: ExcelJS.stream.xlsx.WorksheetReader | undefined;
  try {
    const next = await sheets.next();
    if (next.done) throw new RollFileError('FILE_NOT_TABULAR', 'El archivo parece un .zip sin hojas de cálculo, no un CSV ni un Excel (.xlsx).');
    first = next.value;
    for await (const row of first) {
      const values = rowValues(row);
      if (!isBlank(values)) yield { fila: row.number, values };
    }
  } catch (error) {
    throw error instanceof RollFileError ? error : new RollFileError('XLSX_MALFORMED', 'El Excel parece dañado y no se puede leer. Ábrelo en Excel y guárdalo de nuevo como .xlsx.');
  } finally {
    if (first) await releaseSheets(sheets, first);
    input.destroy();
  }
}

// When the shared strings come after the sheets (as Excel writes them), exceljs parks each sheet in a temporary
// file it closes only once its reader moves past that sheet: stopping at the first one would leak a descriptor
// per read. Relies on exceljs 4.4, whose `iterator` is the parked file's stream.
async function releaseSheets(sheets: AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader>, first: ExcelJS.stream.xlsx.WorksheetReader): Promise<void> {
  try {
    if (!closeParked(first)) return void (await sheets.return(undefined));
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) closeParked(next.value);
  } catch {
    // Only cleaning up: the rows read, or the error that stopped them, are what counts.
  }
}

/** Closes the sheet's parked file if it has one. exceljs deletes the file right after, maybe before it opens: that error is expected. */
function closeParked(sheet: ExcelJS.stream.xlsx.WorksheetReader): boolean {
  const { iterator } = sheet as unknown as { iterator: unknown };
  if (!(iterator instanceof Readable)) return false;
  iterator.on('error', () => undefined).destroy();
  return true;
}

function rowValues(row: ExcelJS.Row): string[] {
  // exceljs numbers columns from 1: index 0 is always empty, and missing cells are holes.
  const raw = row.values as ExcelJS.CellValue[];
  return Array.from({ length: Math.max(raw.length - 1, 0) }, (_, i) => cellText(raw[i + 1]));
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  return 'error' in value ? String(value.error) : '';
}
