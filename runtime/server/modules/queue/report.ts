import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { localDateInMexicoCity } from '../../../../engine/index.ts';
import type { OfficialContext } from './context.ts';
import { estimateQuery, type Selection } from './queue.sql.ts';
import { csvCell, reportChunkStatement, reportLookups, SHEET_COLUMNS, xlsxCell, type ReportChunkRow, type ReportFormat } from './report-sql.ts';
import { xlsxWorkbook } from './xlsx-stream.ts';

/** The report's columns, fixed whatever the definitions' versions say (spreadsheets and scripts rely on them). */
export const REPORT_COLUMNS = [
  'Id',
  'CURP',
  'Nombre',
  'Apellido Paterno',
  'Apellido Materno',
  'Fecha de Solicitud',
  'Folio',
  'Programa',
  'Proceso',
  'Tipo de Apoyo',
  'Padrón',
  'Estado',
  'Municipio',
  'Fecha de Entrega',
] as const;

/** The contract's ceiling: a report never holds more rows than this. */
export const REPORT_MAX_ROWS = 1_000_000;

export const reportTuning = {
  /**
   * Rows per round trip: about 3 MB of CSV or 7 MB of sheet XML, few enough trips for a million
   * rows (their cost is lost in the rows'), and at most two batches in memory: the one being
   * written and the one read ahead. (Tests lower them to cross many batch boundaries.)
   */
  batchRows: { csv: 20_000, xlsx: 10_000 } as Record<ReportFormat, number>,
};

/** A report ready to send: its bytes and, for the browser's progress bar, about how much is coming. */
export interface ReportDownload {
  body: Readable;
  /** Exact when the whole report fit in the first batch; else PostgreSQL's estimate (never below what the first batch saw). */
  estimatedRows: number;
  /** The first batch's bytes per row times the rows: what the progress bar counts against. */
  estimatedBytes: number;
}

interface Chunk {
  text: string;
  rows: number;
  last: string;
  limit: number;
}

/**
 * The report's batches (keyset on the application number) until the filters are exhausted or the
 * ceiling reached. The next batch is read while the previous one is being sent, so the database
 * and the network work at once. A consumer that stops (the download was cancelled) ends the
 * generator at its yield; a read ahead then is dropped, whatever its outcome.
 */
async function* reportChunks(app: FastifyInstance, ctx: OfficialContext, selection: Selection, format: ReportFormat): AsyncGenerator<Chunk> {
  if (selection.programs.length === 0) return;
  const lookups = reportLookups(ctx, selection, format === 'csv' ? csvCell : xlsxCell);
  const { statement, values } = reportChunkStatement(selection, format, lookups);
  const read = async (after: string, sent: number): Promise<Chunk> => {
    const limit = Math.min(reportTuning.batchRows[format], REPORT_MAX_ROWS - sent);
    // The sheet's row of the batch's first application: the header is row 1.
    const { rows } = await app.db.sql.query<ReportChunkRow>(statement, values(after, limit, sent + 2));
    return { text: rows[0]?.text ?? '', rows: rows[0]?.rows ?? 0, last: rows[0]?.last ?? after, limit };
  };
  let sent = 0;
  let ahead = read('0', 0);
  try {
    for (;;) {
      const chunk = await ahead;
      if (chunk.rows === 0) return;
      sent += chunk.rows;
      const more = chunk.rows === chunk.limit && sent < REPORT_MAX_ROWS;
      if (more) ahead = read(chunk.last, sent);
      yield chunk;
      if (!more) return;
    }
  } finally {
    ahead.catch(() => undefined);
  }
}

/**
 * PostgreSQL's estimate of the rows the filters select (EXPLAIN: nothing is read), program by
 * program: for `program_id = any(…)` of several it multiplies the complements as if the
 * programs overlapped (eight programs of 12.5 % each: 66 % of the rows instead of all of them).
 */
async function plannedRows(app: FastifyInstance, selection: Selection): Promise<number> {
  let total = 0;
  for (const program of selection.programs) {
    const { text, values } = estimateQuery({ ...selection, programs: [program] });
    const { rows } = await app.db.sql.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(text, values);
    total += rows[0]['QUERY PLAN'][0].Plan['Plan Rows'];
  }
  return total;
}

interface OpenedReport {
  first: Chunk | null;
  /** Every batch's text, the first one included. */
  texts: AsyncGenerator<string>;
  estimatedRows: number;
}

/**
 * Reads the first batch before the response starts: a refusal from the database (a value it
 * cannot take, a lost connection) then becomes an error response with its code, instead of a
 * 200 whose file breaks off. Later batches are read as the client takes the output.
 */
async function openReport(app: FastifyInstance, ctx: OfficialContext, selection: Selection, format: ReportFormat): Promise<OpenedReport> {
  const chunks = reportChunks(app, ctx, selection, format);
  const head = await chunks.next();
  const first = head.done ? null : head.value;
  const complete = first === null || first.rows < first.limit;
  const estimatedRows = complete ? (first?.rows ?? 0) : Math.min(REPORT_MAX_ROWS, Math.max(first.rows + 1, await plannedRows(app, selection)));
  async function* texts(): AsyncGenerator<string> {
    if (!first) return;
    yield first.text;
    for await (const chunk of chunks) yield chunk.text;
  }
  return { first, texts: texts(), estimatedRows };
}

/**
 * Bytes, and one piece at a time: the stream asks its generator for the next batch only once the
 * previous one has left for the socket (its default would gather 16 kB of small pieces first).
 */
const STREAM_OPTIONS = { objectMode: false, highWaterMark: 1 };

/** `reporte-solicitudes-2026-11-24.csv`: what the browser saves the download as. */
export function reportFileName(now: Date, extension: ReportFormat): string {
  return `reporte-solicitudes-${localDateInMexicoCity(now)}.${extension}`;
}

/**
 * The filtered queue as CSV (UTF-8 with BOM, so spreadsheet programs read the accents), streamed
 * one batch at a time: memory stays flat however many rows there are. Cells that a spreadsheet
 * would run as formulas are marked (markFormula, in SQL: report-sql.ts).
 */
export async function csvReport(app: FastifyInstance, ctx: OfficialContext, selection: Selection): Promise<ReportDownload> {
  const { first, texts, estimatedRows } = await openReport(app, ctx, selection, 'csv');
  const header = `\uFEFF${stringify([[...REPORT_COLUMNS]])}`;
  const perRow = first ? Buffer.byteLength(first.text) / first.rows : 0;
  async function* file(): AsyncGenerator<string> {
    yield header;
    yield* texts;
  }
  return { body: Readable.from(file(), STREAM_OPTIONS), estimatedRows, estimatedBytes: Math.round(Buffer.byteLength(header) + perRow * estimatedRows) };
}

/** The sheet's first row: the columns' names. */
const HEADER_ROW = `<row r="1">${REPORT_COLUMNS.map((name, i) => `<c r="${SHEET_COLUMNS[i]}1" t="str"><v>${xlsxCell(name)}</v></c>`).join('')}</row>`;
/** The package's fixed parts and the zip's directory, about (the progress bar's estimate only). */
const XLSX_OVERHEAD_BYTES = 2_500;

/**
 * The same report as an Excel workbook: one sheet, «Solicitudes», whose rows PostgreSQL writes
 * as XML (report-sql.ts) and xlsx-stream.ts deflates into the zip as they come, batch by batch,
 * each read once the download has taken the previous output.
 */
export async function xlsxReport(app: FastifyInstance, ctx: OfficialContext, selection: Selection): Promise<ReportDownload> {
  const { first, texts, estimatedRows } = await openReport(app, ctx, selection, 'xlsx');
  // Deflated apart (on zlib's threads) only to learn the compressed bytes per row.
  const perRow = first ? (await promisify(deflateRaw)(first.text, { level: 1 })).length / first.rows : 0;
  async function* rows(): AsyncGenerator<string> {
    yield HEADER_ROW;
    yield* texts;
  }
  const body = Readable.from(xlsxWorkbook('Solicitudes', rows(), app.clock()), STREAM_OPTIONS);
  return { body, estimatedRows, estimatedBytes: Math.round(XLSX_OVERHEAD_BYTES + perRow * estimatedRows) };
}
