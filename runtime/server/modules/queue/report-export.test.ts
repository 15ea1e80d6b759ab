/**
 * The reports written by PostgreSQL (report-sql.ts) are the files the row-by-row JavaScript writer
 * made (issue 14): byte for byte for the CSV, cell for cell for the XLSX, in one batch or many,
 * with names that need every kind of escaping, masked personal columns, labels of the
 * applications' versions and the ids a definition lacks. And a dropped download stops reading.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { FastifyRequest } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { insertDelivery, seedApplications, type ApplicationSpec, type SeededApplication } from '../../../../test/helpers/seed-applications.ts';
import type { PreparedStatement } from '../../../db/sql.ts';
import { municipioName } from '../../../definitions/municipios.ts';
import { markFormula } from '../../spreadsheet-cells.ts';
import { officialContext, versionOf, type OfficialContext } from './context.ts';
import { selectionOf, type QueueFilters } from './queue.service.ts';
import { reportBatchStatement, type ReportRow } from './queue.sql.ts';
import { csvReport, REPORT_COLUMNS, reportTuning } from './report.ts';
import { csvCell, sqlCsvCell, sqlXlsxCell, xlsxCell } from './report-sql.ts';

const PROGRAMS = ['apoyo-emergente-mujeres', 'becas-escolares', 'apoyo-tecnologico'];
const STATES = [undefined, 'aprobada', 'entregado', 'rechazada', 'correccion'];
const MUNICIPIOS = ['22014', '99999', null, '22006'];
/** Text needing every kind of care: quotes, separators, line breaks, formula starts, numbers, XML's specials and forbidden characters, white space at the ends. */
const TEXTS = [
  'JOSÉ ÁNGEL', "O'BRIEN", 'GARCÍA, HIJO', 'EL "CHATO"', 'DOS\nLÍNEAS', 'RETORNO\rSOLO', 'CRLF\r\nAQUÍ', '=HYPERLINK("http://ejemplo.invalid","ver")', '+SUMA(1;2)', '-2+3',
  '-3100.00', '+52', '1,5', '-', '@ORDEN', '＝CMD()', '＋1', '－UNO', '＠X', '\tTAB', '\rCR', 'A&B<C>D', 'CTL\u0001\u0007\u001f\u007fFIN', ' INICIO', 'FINAL ', '😀 RISA', '\\.', '12', '-٣', 'ÑANDÚ',
];

let t: TestApp;
let apps: SeededApplication[];
let revisor: { official: unknown; cookie: string };
let plain: { official: unknown; cookie: string };
const batchRows = { ...reportTuning.batchRows };

beforeAll(async () => {
  t = await startTestApp();
  const specs: ApplicationSpec[] = TEXTS.map((nombres, i) => ({
    program: PROGRAMS[i % PROGRAMS.length],
    citizen: { nombres, primerApellido: TEXTS[(i + 3) % TEXTS.length], segundoApellido: i % 5 === 0 ? null : TEXTS[(i + 7) % TEXTS.length] },
    submittedAt: new Date(Date.parse('2026-11-20T08:00:00-06:00') + i * 3_600_000).toISOString(),
    state: STATES[i % STATES.length],
    municipio: MUNICIPIOS[i % MUNICIPIOS.length],
  }));
  apps = await seedApplications(t.app, specs);
  revisor = await officialWithSession(t.app, ['revisor']);
  plain = await officialWithSession(t.app, ['funcionario']);
  const deliveredBy = (await officialWithSession(t.app, ['entregador'])).official.id;
  for (const a of apps.filter((a) => a.state === 'entregado')) await insertDelivery(t.app, a.id, deliveredBy, '2026-11-22T08:05:00-06:00');
  // A state and a support type no definition knows: the report shows their ids.
  await t.app.db.sql.query(`update application set state = 'etapa-retirada', support_type_id = 'apoyo-retirado' where id = $1`, [apps[1].id]);
}, 120_000);
afterAll(() => t?.close());
afterEach(() => Object.assign(reportTuning.batchRows, batchRows));

async function contextOf(who: { official: unknown }): Promise<OfficialContext> {
  return officialContext(t.app, { official: who.official, em: t.app.db.orm.em.fork() } as unknown as FastifyRequest);
}

/** The report's records as the JavaScript writer made them (its recordMaker, before issue 14). */
async function referenceRecords(who: { official: unknown }, filters: QueueFilters): Promise<Array<Array<string | number>>> {
  const ctx = await contextOf(who);
  const selection = selectionOf(ctx, filters);
  if (selection.programs.length === 0) return [];
  const { statement, values } = reportBatchStatement(selection);
  const { rows } = await t.app.db.sql.query<ReportRow>(statement, values('0', 1_000_000));
  return rows.map((row) => {
    const program = ctx.programs.get(row.program_id);
    const definition = program ? versionOf(program, row.program_version).definition : null;
    const cells: Array<string | number> = [
      Number(row.numero), row.curp, row.nombres, row.primer_apellido, row.segundo_apellido, row.fecha ?? '', row.folio,
      program?.name ?? row.program_id,
      (row.state && definition?.workflow.states[row.state]?.label) || (row.state ?? ''),
      definition?.supportTypes.find((s) => s.id === row.support_type_id)?.name ?? row.support_type_id ?? '',
      row.status === 'Entregado' ? 'Sí' : 'No', row.status, municipioName(row.municipio), row.entrega ?? '',
    ];
    return cells.map(markFormula);
  });
}

const referenceCsv = (records: Array<Array<string | number>>) => `\uFEFF${stringify([[...REPORT_COLUMNS]])}${records.length ? stringify(records) : ''}`;
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie } });

describe('cells escaped in SQL', () => {
  it('are the cells JavaScript writes: the same marks, CSV quoting and XML text', async () => {
    const values = [...TEXTS, '', 'JUAN', '-12', '1.2.3', '+', '=', '\u000b\u000c'];
    const { rows } = await t.app.db.sql.query<{ csv: string; xml: string }>(
      `select ${sqlCsvCell('t.x')} as csv, ${sqlXlsxCell('t.x')} as xml from unnest($1::text[]) with ordinality as t(x, i) order by t.i`,
      [values],
    );
    const stringified = values.map((v) => stringify([[markFormula(v)]]).slice(0, -1));
    expect(values.map(csvCell)).toEqual(stringified);
    expect(rows.map((r) => r.csv)).toEqual(stringified);
    expect(rows.map((r) => r.xml)).toEqual(values.map(xlsxCell));
  });
});

describe('CSV report', () => {
  it.each([
    ['every program, one batch', 'revisor', {}, null],
    ['every program, batches of two rows', 'revisor', {}, 2],
    ['one program, batches of one row', 'revisor', { programa: 'becas-escolares' }, 1],
    ['masked personal columns, batches of three', 'plain', {}, 3],
  ] as const)('%s: byte for byte the JavaScript writer’s file', async (_name, whom, filters, batch) => {
    if (batch) reportTuning.batchRows.csv = batch;
    const who = whom === 'revisor' ? revisor : plain;
    const records = await referenceRecords(who, filters);
    expect(records.length).toBeGreaterThan(5);
    const res = await get(`/funcionario/reportes/solicitudes.csv?${new URLSearchParams(filters)}`, who.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe(referenceCsv(records));
    const estimatedRows = Number(res.headers['x-filas-estimadas']);
    if (!batch) expect(estimatedRows).toBe(records.length);
    else expect(estimatedRows).toBeGreaterThan(batch);
    if (!batch) expect(Number(res.headers['x-bytes-estimados'])).toBe(res.rawPayload.length);
  });

  it('with nothing to show: the header alone, and estimates of zero rows', async () => {
    const res = await get('/funcionario/reportes/solicitudes.csv?programa=no-existe', revisor.cookie);
    expect(res.body).toBe(referenceCsv([]));
    expect(res.headers['x-filas-estimadas']).toBe('0');
  });
});

/** What exceljs reads back from a cell written as this report's text: XML drops forbidden characters and reads every line break as \n. */
function readBack(cell: string | number): string | number {
  return typeof cell === 'number' ? cell : cell.replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\r\n?/g, '\n');
}

describe('XLSX report', () => {
  it.each([
    ['one batch', 'revisor', null],
    ['batches of three rows', 'revisor', 3],
    ['masked personal columns, batches of one row', 'plain', 1],
  ] as const)('%s: the JavaScript writer’s cells, read back by exceljs', async (_name, whom, batch) => {
    if (batch) reportTuning.batchRows.xlsx = batch;
    const who = whom === 'revisor' ? revisor : plain;
    const records = await referenceRecords(who, {});
    const res = await get('/funcionario/reportes/solicitudes.xlsx', who.cookie);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Solicitudes')!;
    expect(sheet.actualRowCount).toBe(records.length + 1);
    const cells = (n: number) => REPORT_COLUMNS.map((_, i) => sheet.getRow(n).getCell(i + 1).value ?? '');
    expect(cells(1)).toEqual([...REPORT_COLUMNS]);
    records.forEach((record, i) => expect(cells(i + 2), String(record[0])).toEqual(record.map(readBack)));
    if (!batch) expect(Number(res.headers['x-filas-estimadas'])).toBe(records.length);
    expect(Number(res.headers['x-bytes-estimados'])).toBeGreaterThan(0);
  });
});

describe('a download that stops', () => {
  it('stops reading batches: one read ahead at most', async () => {
    reportTuning.batchRows.csv = 1;
    const sql = t.app.db.sql;
    const original = sql.query.bind(sql);
    let reads = 0;
    sql.query = (async (statement: string | PreparedStatement, params?: readonly unknown[]) => {
      if (typeof statement !== 'string' && statement.name.startsWith('reporte-')) reads++;
      return original(statement, params);
    }) as typeof sql.query;
    try {
      const ctx = await contextOf(revisor);
      const report = await csvReport(t.app, ctx, selectionOf(ctx, {}));
      const reader = report.body[Symbol.asyncIterator]();
      await reader.next(); // the header
      await reader.next(); // the first row
      report.body.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The batch sent, the one read ahead, and at most one more the stream asked for before it was dropped.
      expect(reads).toBeLessThanOrEqual(4);
      expect(apps.length).toBeGreaterThan(20);
    } finally {
      sql.query = original;
    }
  });
});
