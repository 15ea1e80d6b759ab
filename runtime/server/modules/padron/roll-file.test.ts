import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openRoll, RollFileError, type FileRow } from './roll-file.ts';
import { writeRejected, type RefusedRow } from './rejected-file.ts';

const FIXTURE = fileURLToPath(new URL('../../../../test/fixtures/padron/padron_sintetico_qro.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sipros-roll-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function tempFile(content: string | Uint8Array, extension = 'csv'): string {
  const path = join(dir, `roll-${++fileCount}.${extension}`);
  writeFileSync(path, content);
  return path;
}

async function allRows(path: string): Promise<FileRow[]> {
  const rows: FileRow[] = [];
  for await (const row of (await openRoll(path)).rows()) rows.push(row);
  return rows;
}

async function failureOf(read: Promise<unknown>): Promise<RollFileError> {
  const error = await read.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RollFileError);
  return error as RollFileError;
}

/** Windows-1252 bytes: every character of these rolls is below 256, where it equals latin-1. */
function windows1252(text: string): Buffer {
  expect([...text].every((char) => char.charCodeAt(0) < 256)).toBe(true);
  return Buffer.from(text, 'latin1');
}

async function* refused(rows: RefusedRow[]): AsyncGenerator<RefusedRow> {
  yield* rows;
}

const fixtureText = readFileSync(FIXTURE, 'utf8');
const fixtureRecords = parse(fixtureText) as string[][];

describe('openRoll: CSV', () => {
  it('reads the sample roll (UTF-8, comma): its header and its 2,000 rows', async () => {
    const roll = await openRoll(FIXTURE);
    expect(roll).toMatchObject({ format: 'csv', encoding: 'UTF-8', delimiter: ',', headerRow: 1 });
    expect(roll.headers).toEqual(fixtureRecords[0]);
    const rows = await allRows(FIXTURE);
    expect(rows).toHaveLength(2000);
    expect(rows[0]).toEqual({ fila: 2, values: fixtureRecords[1] });
    expect(rows[1999].fila).toBe(2001);
    expect(rows.find((row) => row.values[0] === 'QRO-000153')?.values[11]).toBe('El Sauz (Sauz Alto, Sauz Bajo)');
  });

  it('reads the same roll in Windows-1252 with «;» and gets the accents back identical', async () => {
    const records = [...fixtureRecords, ['QRO-999999', 'NUAA800101HQTXXX01', 'NÚÑEZ', 'ÁLVAREZ', 'JOSÉ ÁNGEL', '1980-01-01', 'H', '22', '014', 'Querétaro', '0001', 'Santiago de Querétaro', '76000', 'Niños Héroes', 'Colonia', 'PBE-02', 'Beca (sintético)', '900.00', '2025-08-13']];
    const path = tempFile(windows1252(stringify(records, { delimiter: ';' })));
    const roll = await openRoll(path);
    expect(roll).toMatchObject({ format: 'csv', encoding: 'Windows-1252', delimiter: ';', headerRow: 1, headers: records[0] });
    const rows = await allRows(path);
    expect(rows.map((row) => row.values)).toEqual(records.slice(1));
    expect(rows.at(-1)?.values.slice(2, 5)).toEqual(['NÚÑEZ', 'ÁLVAREZ', 'JOSÉ ÁNGEL']);
    expect(rows.at(-1)?.values[13]).toBe('Niños Héroes');
  });

  it('drops the BOM of a UTF-8 file from the first header', async () => {
    const path = tempFile(`\uFEFF${fixtureText.split('\n').slice(0, 4).join('\n')}\n`);
    const roll = await openRoll(path);
    expect(roll.encoding).toBe('UTF-8');
    expect(roll.headers[0]).toBe('folio');
    expect(await allRows(path)).toHaveLength(3);
  });

  it('skips a title line above the headers and numbers the rows as in the file', async () => {
    const path = tempFile('PADRÓN DE BENEFICIARIOS 2026,,,\n\ncurp|nombre|municipio|monto\nROHA771226MQTDRN01|ANA|Colón|900\n\n||||\nMAGM950115HQTRTN31|MANUEL|Querétaro|900\n');
    const roll = await openRoll(path);
    expect(roll).toMatchObject({ delimiter: '|', headerRow: 3, headers: ['curp', 'nombre', 'municipio', 'monto'] });
    expect((await allRows(path)).map((row) => row.fila)).toEqual([4, 7]);
  });

  it('keeps UTF-8 when the 1 MiB sample ends in the middle of an accented letter', async () => {
    const filler = 'x'.repeat(1024 * 1024 - 'a,b\n'.length - 1);
    const path = tempFile(`a,b\n${filler}é,1\nñ,2\n`);
    const roll = await openRoll(path);
    expect(roll.encoding).toBe('UTF-8');
    expect((await allRows(path)).map((row) => row.values[0].slice(-1))).toEqual(['é', 'ñ']);
  });

  it('refuses a file that turns from UTF-8 to Windows-1252 after the first 1 MiB, with the line', async () => {
    const utf8Lines = Array.from({ length: 80_000 }, (_, i) => `CURP${i},JOSÉ\n`).join('');
    const path = tempFile(Buffer.concat([Buffer.from(`curp,nombre\n${utf8Lines}`), windows1252('CURPX,JOSÉ\n')]));
    expect((await openRoll(path)).encoding).toBe('UTF-8');
    const error = await failureOf(allRows(path));
    expect(error.code).toBe('CSV_MALFORMED');
    expect(error.message).toContain('línea 80002');
  });

  it('refuses an unclosed quote with the line where it opens, at open or while reading', async () => {
    const early = await failureOf(allRows(tempFile('curp,nombre\nROHA771226MQTDRN01,"ANA\nMAGM950115HQTRTN31,MANUEL\n')));
    expect(early.code).toBe('CSV_MALFORMED');
    expect(early.message).toContain('línea 2');
    const rows = Array.from({ length: 98 }, (_, i) => `CURP${i},NOMBRE`).join('\n');
    const late = await failureOf(allRows(tempFile(`curp,nombre\n${rows}\nROHA771226MQTDRN01,"ANA\nMAGM950115HQTRTN31,MANUEL\n`)));
    expect(late.code).toBe('CSV_MALFORMED');
    expect(late.message).toContain('línea 100');
  });
});

describe('openRoll: XLSX', () => {
  it('reads the first sheet: title skipped, dates as yyyy-mm-dd, numbers, rich text, formulas, text CURPs, empty rows skipped', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Padrón');
    sheet.addRow(['PADRÓN DE BENEFICIARIOS 2026']);
    sheet.addRow(['curp', 'nombre', 'fecha_nacimiento', 'monto', 'cve_mun']);
    sheet.addRow(['ROHA771226MQTDRN01', 'ANA', new Date(Date.UTC(1977, 11, 26)), 900.5, '005']);
    sheet.addRow(['', '', '']);
    sheet.getRow(5).values = ['MAGM950115HQTRTN31', { richText: [{ text: 'MA' }, { text: 'NUEL' }] }, new Date(Date.UTC(1995, 0, 15)), { formula: 'D3*2', result: 1801 }, '014'];
    sheet.getColumn(3).numFmt = 'dd/mm/yyyy';
    workbook.addWorksheet('Otra').addRow(['no', 'se', 'lee']);
    const path = join(dir, 'padron.xlsx');
    await workbook.xlsx.writeFile(path);

    const roll = await openRoll(path);
    expect(roll).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, headerRow: 2, headers: ['curp', 'nombre', 'fecha_nacimiento', 'monto', 'cve_mun'] });
    expect(await allRows(path)).toEqual([
      { fila: 3, values: ['ROHA771226MQTDRN01', 'ANA', '1977-12-26', '900.5', '005'] },
      { fila: 5, values: ['MAGM950115HQTRTN31', 'MANUEL', '1995-01-15', '1801', '014'] },
    ]);
  });
});

describe('openRoll: files that are not a roll', () => {
  it('refuses a PDF named .csv, saying it is a PDF', async () => {
    const error = await failureOf(openRoll(tempFile('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')));
    expect(error.code).toBe('FILE_NOT_TABULAR');
    expect(error.message).toBe('El archivo parece un PDF, no un CSV ni un Excel (.xlsx).');
  });

  it('refuses an image named .csv', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000010000000100806000000', 'hex');
    const error = await failureOf(openRoll(tempFile(png)));
    expect(error.code).toBe('FILE_NOT_TABULAR');
    expect(error.message).toContain('una imagen');
  });

  it('refuses an old .xls and says how to save it', async () => {
    const ole2 = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    const error = await failureOf(openRoll(tempFile(ole2, 'xls')));
    expect(error.code).toBe('XLS_NOT_SUPPORTED');
    expect(error.message).toContain('Guarda el archivo como .xlsx o CSV desde Excel (Archivo › Guardar como).');
  });

  it('refuses an empty file, a file of blank lines and a file with only headers', async () => {
    for (const content of ['', '\n\n,,,\n', 'curp,nombre\n']) expect((await failureOf(openRoll(tempFile(content)))).code).toBe('FILE_EMPTY');
  });

  it('says when the file is missing', async () => {
    expect((await failureOf(openRoll(join(dir, 'no-existe.csv')))).code).toBe('FILE_NOT_FOUND');
  });
});

describe('writeRejected', () => {
  const headers = ['curp', 'primer_apellido', 'cve_mun'];
  const rows: RefusedRow[] = [
    { fila: 7, values: ['NUAA800101HQTXXX01', 'NÚÑEZ', '001'], codigos: ['CURP_INVALID', 'DUPLICATE_IN_FILE'], motivo: 'La CURP no es válida; la CURP ya viene en la fila 3.' },
    { fila: 9, values: ['', 'PÉREZ, "EL GÜERO"'], codigos: ['CURP_MISSING'], motivo: 'Falta la CURP.' },
  ];

  it('writes a CSV in UTF-8 with BOM: Fila, the original columns untouched, Códigos and Motivo', async () => {
    const path = join(dir, 'rechazadas.csv');
    expect(await writeRejected('csv', headers, refused(rows), createWriteStream(path))).toBe(2);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parse(bytes, { bom: true })).toEqual([
      ['Fila', 'curp', 'primer_apellido', 'cve_mun', 'Códigos', 'Motivo'],
      ['7', 'NUAA800101HQTXXX01', 'NÚÑEZ', '001', 'CURP_INVALID, DUPLICATE_IN_FILE', 'La CURP no es válida; la CURP ya viene en la fila 3.'],
      ['9', '', 'PÉREZ, "EL GÜERO"', '', 'CURP_MISSING', 'Falta la CURP.'],
    ]);
  });

  it('writes an Excel sheet «Rechazadas» with a bold header and text cells («001» kept)', async () => {
    const path = join(dir, 'rechazadas.xlsx');
    expect(await writeRejected('xlsx', headers, refused(rows), createWriteStream(path))).toBe(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('Rechazadas');
    expect(sheet?.getRow(1).getCell(5).value).toBe('Códigos');
    expect(sheet?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet?.getRow(2).values).toEqual([undefined, '7', 'NUAA800101HQTXXX01', 'NÚÑEZ', '001', 'CURP_INVALID, DUPLICATE_IN_FILE', 'La CURP no es válida; la CURP ya viene en la fila 3.']);
    expect(sheet?.getRow(2).getCell(4).numFmt).toBe('@');
  });

  it('marks text that a spreadsheet would run as a formula, and leaves negative amounts as they are', async () => {
    const path = join(dir, 'formulas.csv');
    const hostile: RefusedRow[] = [{ fila: 4, values: ['=HYPERLINK("http://x","clic")', '@SUM(A1)', '-3100.00'], codigos: ['AMOUNT_NEGATIVE'], motivo: 'El monto es negativo.' }];
    await writeRejected('csv', headers, refused(hostile), createWriteStream(path));
    expect(parse(readFileSync(path), { bom: true })[1].slice(1, 4)).toEqual(['\'=HYPERLINK("http://x","clic")', "'@SUM(A1)", '-3100.00']);
  });
});

/** Heap in use after a full garbage collection (the flag is set at run time: vitest's workers start without it). */
function liveHeap(): number {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('streaming', () => {
  // Eight columns: kept in memory, these 200,000 rows hold about 100 MB of heap; streamed, a few MB.
  // The heap is measured after a full collection, or the garbage of the rows already read would count.
  it('reads 200,000 rows without collecting them', async () => {
    const path = join(dir, 'grande.csv');
    const out = createWriteStream(path);
    out.write('curp;nombre;primer_apellido;segundo_apellido;municipio;localidad;colonia;monto\n');
    for (let i = 0; i < 200_000; i++) {
      const line = `CURP${String(i).padStart(14, '0')};JOSÉ ÁNGEL ${i};NÚÑEZ;GÓMEZ;Querétaro;Santa Rosa Jáuregui;Niños Héroes;${i % 1000}.00\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');

    const heapAtStart = liveHeap();
    let highest = heapAtStart;
    let count = 0;
    const roll = await openRoll(path);
    expect(roll).toMatchObject({ encoding: 'UTF-8', delimiter: ';' });
    for await (const row of roll.rows()) {
      count++;
      if (count % 50_000 === 0) highest = Math.max(highest, liveHeap());
      if (count === 200_000) expect(row).toEqual({ fila: 200_001, values: ['CURP00000000199999', 'JOSÉ ÁNGEL 199999', 'NÚÑEZ', 'GÓMEZ', 'Querétaro', 'Santa Rosa Jáuregui', 'Niños Héroes', '999.00'] });
    }
    expect(count).toBe(200_000);
    expect(highest - heapAtStart).toBeLessThan(50 * 1024 * 1024);
  });
});
