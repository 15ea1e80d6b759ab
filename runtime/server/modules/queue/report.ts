import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { localDateInMexicoCity } from '../../../../engine/index.ts';
import { municipioName } from '../../../definitions/municipios.ts';
import { versionOf, type OfficialContext } from './context.ts';
import { reportBatchStatement, type ReportRow, type Selection } from './queue.sql.ts';
import { markFormula } from '../../spreadsheet-cells.ts';
import { roomIn } from '../../backpressure.ts';

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
/** Rows per round trip: large enough to amortise it, small enough to keep memory flat. */
const BATCH = 5_000;

type Cell = string | number;

/**
 * The report's rows, batch after batch (keyset on the application number), until the filters are
 * exhausted or the ceiling reached. Stops as soon as `stopped()` says the client went away.
 */
async function* reportBatches(app: FastifyInstance, selection: Selection, stopped: () => boolean): AsyncGenerator<ReportRow[]> {
  if (selection.programs.length === 0) return;
  const { statement, values } = reportBatchStatement(selection);
  let after = '0';
  let sent = 0;
  while (sent < REPORT_MAX_ROWS && !stopped()) {
    const limit = Math.min(BATCH, REPORT_MAX_ROWS - sent);
    const { rows } = await app.db.sql.query<ReportRow>(statement, values(after, limit));
    if (rows.length > 0) yield rows;
    sent += rows.length;
    if (rows.length < limit) return;
    after = String(rows[rows.length - 1].numero);
  }
}

/**
 * Reads the first batch before the response starts: a refusal from the database (a value it
 * cannot take, a lost connection) then becomes an error response with its code, instead of a
 * 200 whose file breaks off. Later batches are read as the client takes the output.
 */
async function primed(batches: AsyncGenerator<ReportRow[]>): Promise<AsyncGenerator<ReportRow[]>> {
  const first = await batches.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* batches;
  })();
}

/** Turns a database row into the report's cells, with the labels of the application's own version. */
function recordMaker(ctx: OfficialContext): (row: ReportRow) => Cell[] {
  const labels = new Map<string, { program: string; state: string; support: string }>();
  const labelsOf = (row: ReportRow) => {
    const key = `${row.program_id}@${row.program_version}/${row.state}/${row.support_type_id}`;
    let found = labels.get(key);
    if (!found) {
      const program = ctx.programs.get(row.program_id);
      const definition = program ? versionOf(program, row.program_version).definition : null;
      found = {
        program: program?.name ?? row.program_id,
        state: (row.state && definition?.workflow.states[row.state]?.label) || (row.state ?? ''),
        support: definition?.supportTypes.find((s) => s.id === row.support_type_id)?.name ?? row.support_type_id ?? '',
      };
      labels.set(key, found);
    }
    return found;
  };
  return (row) => {
    const l = labelsOf(row);
    const cells: Cell[] = [
      Number(row.numero),
      row.curp,
      row.nombres,
      row.primer_apellido,
      row.segundo_apellido,
      row.fecha ?? '',
      row.folio,
      l.program,
      l.state,
      l.support,
      row.status === 'Entregado' ? 'Sí' : 'No',
      row.status,
      municipioName(row.municipio),
      row.entrega ?? '',
    ];
    return cells.map(markFormula);
  };
}

/** `reporte-solicitudes-2026-11-24.csv`: what the browser saves the download as. */
export function reportFileName(now: Date, extension: 'csv' | 'xlsx'): string {
  return `reporte-solicitudes-${localDateInMexicoCity(now)}.${extension}`;
}

/**
 * The filtered queue as CSV (UTF-8 with BOM, so spreadsheet programs read the accents), streamed
 * one batch at a time: memory stays flat however many rows there are. Cells that a spreadsheet
 * would run as formulas are marked (markFormula).
 */
export async function csvReport(app: FastifyInstance, ctx: OfficialContext, selection: Selection): Promise<Readable> {
  const toRecord = recordMaker(ctx);
  let stream: Readable | null = null;
  const stopped = () => stream?.destroyed === true;
  const batches = await primed(reportBatches(app, selection, stopped));
  async function* chunks(): AsyncGenerator<string> {
    yield `\uFEFF${stringify([[...REPORT_COLUMNS]])}`;
    for await (const batch of batches) yield stringify(batch.map(toRecord));
  }
  stream = Readable.from(chunks(), { objectMode: false });
  return stream;
}


/**
 * The same report as an Excel workbook, written by exceljs's streaming writer (no shared strings,
 * no styles, light compression): each batch of rows is committed to the zip and the next one is
 * only read once the HTTP response has taken the previous output.
 */
export async function xlsxReport(app: FastifyInstance, ctx: OfficialContext, selection: Selection): Promise<Readable> {
  const out = new PassThrough();
  const toRecord = recordMaker(ctx);
  const batches = await primed(reportBatches(app, selection, () => out.destroyed));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const sheet = workbook.addWorksheet('Solicitudes');
  const write = async () => {
    sheet.addRow([...REPORT_COLUMNS]).commit();
    for await (const batch of batches) {
      for (const row of batch) sheet.addRow(toRecord(row)).commit();
      await roomIn(out);
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    app.log.error({ err: error }, 'no se pudo generar el reporte XLSX');
    out.destroy(error as Error);
  });
  return out;
}
