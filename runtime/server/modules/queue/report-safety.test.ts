/**
 * Reports that cannot turn against their reader or break off half-way (issue 16): formula-like
 * names are marked the same way in the CSV and the XLSX; filters with control characters (NUL
 * above all) are refused before anything is streamed; and a database failure on the first batch
 * is an error response with its code, never a 200 whose file stops short.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialWithSession } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import type { PreparedStatement } from '../../../db/sql.ts';
import { parseCsv, seedApplications, type SeededApplication } from '../../../../test/helpers/seed-applications.ts';

const PROGRAM = 'becas-escolares';
/** Names a spreadsheet would run as formulas (ASCII and full-width signs, tab). */
const HOSTILE = ['=HYPERLINK("http://ejemplo.invalid","ver")', '+SUMA(1;2)', '-2+3', '@ORDEN', '＝CMD()', '\tTAB'];

let t: TestApp;
let revisor: string;
let rows: SeededApplication[];

beforeAll(async () => {
  t = await startTestApp();
  rows = await seedApplications(
    t.app,
    HOSTILE.map((nombres, i) => ({ program: PROGRAM, citizen: { nombres, primerApellido: 'PRUEBA' }, submittedAt: `2026-11-20T1${i}:00:00-06:00` })),
  );
  revisor = (await officialWithSession(t.app, ['revisor'])).cookie;
}, 120_000);
afterAll(() => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie: revisor } });

async function xlsxRows(url: string): Promise<unknown[][]> {
  const res = await get(url);
  expect(res.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Solicitudes')!;
  return Array.from({ length: sheet.actualRowCount }, (_, i) => (sheet.getRow(i + 1).values as unknown[]).slice(1));
}

describe('report safety', () => {
  it('marks formula-like names with a leading apostrophe, identically in the CSV and the XLSX', async () => {
    const [, ...csv] = parseCsv((await get(`/funcionario/reportes/solicitudes.csv?programa=${PROGRAM}`)).body.slice(1));
    const [, ...xlsx] = await xlsxRows(`/funcionario/reportes/solicitudes.xlsx?programa=${PROGRAM}`);
    for (const application of rows) {
      const csvRow = csv.find((r) => Number(r[0]) === application.numero)!;
      const xlsxRow = xlsx.find((r) => r[0] === application.numero)!;
      expect(csvRow[2], application.nombres).toBe(`'${application.nombres}`);
      expect(xlsxRow[2], application.nombres).toBe(`'${application.nombres}`);
      expect(xlsxRow.slice(1, 4)).toEqual(csvRow.slice(1, 4)); // CURP, Nombre, Apellido Paterno
    }
  });

  it('refuses filters with control characters before streaming: 400 with a code, not a broken file', async () => {
    for (const format of ['csv', 'xlsx']) {
      for (const estado of ['%00', 'En%20proceso%00', '%01', 'Aprobada%1F']) {
        const res = await get(`/funcionario/reportes/solicitudes.${format}?estado=${estado}`);
        expect(res.statusCode, `${format} ${estado}`).toBe(400);
        expect(res.headers['content-disposition'], `${format} ${estado}`).toBeUndefined();
        expect(res.json().error.code, `${format} ${estado}`).toMatch(/^(VALIDATION_FAILED|INVALID_CHARACTER)$/);
      }
    }
    // The same filters in the queue and in a saved filter (whose name is stored too).
    expect((await get('/funcionario/solicitudes?estado=%01')).json().error.code).toBe('VALIDATION_FAILED');
    const save = (body: object) => t.app.inject({ method: 'POST', url: '/api/funcionario/filtros', headers: { cookie: revisor }, payload: body });
    expect((await save({ nombre: 'Con control', filtros: { estado: 'Aprobada\u0001' } })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await save({ nombre: 'Nombre\u0007raro', filtros: {} })).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('a database failure on the first batch is a coded error response, not a 200 that breaks off', async () => {
    const sql = t.app.db.sql;
    const original = sql.query.bind(sql);
    sql.query = (async (statement: string | PreparedStatement, params?: readonly unknown[]) => {
      if (typeof statement !== 'string' && statement.name.startsWith('reporte-')) throw new Error('la base de datos dejó de responder');
      return original(statement, params);
    }) as typeof sql.query;
    try {
      for (const format of ['csv', 'xlsx']) {
        const res = await get(`/funcionario/reportes/solicitudes.${format}?programa=${PROGRAM}`);
        expect(res.statusCode, format).toBe(500);
        expect(res.headers['content-disposition'], format).toBeUndefined();
        expect(res.json().error, format).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/error inesperado/) });
      }
    } finally {
      sql.query = original;
    }
    expect((await get(`/funcionario/reportes/solicitudes.csv?programa=${PROGRAM}`)).statusCode).toBe(200);
  });
});
