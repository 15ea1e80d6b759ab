/**
 * The streamed workbook is a sound zip (each entry's CRC and sizes agree with its data, in the
 * local headers, the sheet's descriptor and the directory) that exceljs opens, however many
 * pieces its sheet arrives in; a failure of the rows' source fails the stream.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxWorkbook } from './xlsx-stream.ts';

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Reads a zip the way its directory describes it, checking every entry against its data. */
function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  expect(at + zip.readUInt32LE(end + 12)).toBe(end);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const flags = zip.readUInt16LE(at + 8);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(offset), name).toBe(0x04034b50);
    expect(zip.toString('utf8', offset + 30, offset + 30 + zip.readUInt16LE(offset + 26)), name).toBe(name);
    const start = offset + 30 + nameLength + zip.readUInt16LE(offset + 28);
    const data = inflateRawSync(zip.subarray(start, start + compressed));
    expect(data.length, name).toBe(size);
    expect(crc32(data), name).toBe(crc);
    if (flags & 0x0008) {
      const descriptor = start + compressed;
      expect([zip.readUInt32LE(descriptor), zip.readUInt32LE(descriptor + 4), zip.readUInt32LE(descriptor + 8), zip.readUInt32LE(descriptor + 12)], name).toEqual([0x08074b50, crc, compressed, size]);
    } else {
      expect([zip.readUInt32LE(offset + 14), zip.readUInt32LE(offset + 18), zip.readUInt32LE(offset + 22)], name).toEqual([crc, compressed, size]);
    }
    entries.push({ name, data });
    at += 46 + nameLength;
  }
  return entries;
}

const row = (n: number) => `<row r="${n}"><c r="A${n}"><v>${n}</v></c><c r="B${n}" t="inlineStr"><is><t>FILA ${n} ÁÉÍÓÚ ${'x'.repeat(n % 50)}</t></is></c></row>`;

async function* rows(count: number, perPiece: number): AsyncGenerator<string> {
  for (let n = 1; n <= count; n += perPiece) yield Array.from({ length: Math.min(perPiece, count - n + 1) }, (_, i) => row(n + i)).join('');
}

describe('the streamed workbook', () => {
  it('is a sound zip that exceljs opens, with every row in order', async () => {
    const zip = await collect(xlsxWorkbook('Hoja', rows(60_000, 7_000), new Date('2026-11-24T10:00:00-06:00')));
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']);
    const sheetXml = entries[5].data.toString('utf8');
    expect(sheetXml.length).toBeGreaterThan(4_000_000);
    expect(sheetXml.endsWith('</row></sheetData></worksheet>')).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(zip as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Hoja')!;
    expect(sheet.actualRowCount).toBe(60_000);
    expect(sheet.getRow(1).values).toEqual([undefined, 1, 'FILA 1 ÁÉÍÓÚ x']);
    expect(sheet.getRow(60_000).getCell(1).value).toBe(60_000);
  });

  it('with no rows, an empty sheet', async () => {
    const entries = readZip(await collect(xlsxWorkbook('Hoja', rows(0, 1), new Date())));
    expect(entries[5].data.toString('utf8')).toMatch(/<sheetData><\/sheetData><\/worksheet>$/);
  });

  it('a failure of the rows fails the stream', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield row(1);
      throw new Error('la base de datos dejó de responder');
    }
    await expect(collect(xlsxWorkbook('Hoja', failing(), new Date()))).rejects.toThrow('la base de datos dejó de responder');
  });

  it('dates its entries in Mexico City time', async () => {
    const zip = await collect(xlsxWorkbook('Hoja', rows(1, 1), new Date('2026-11-24T23:30:10Z')));
    const date = zip.readUInt16LE(12);
    const time = zip.readUInt16LE(10);
    expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63]).toEqual([2026, 11, 24, 17, 30]);
  });
});
