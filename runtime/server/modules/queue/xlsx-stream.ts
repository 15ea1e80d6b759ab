import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { roomIn } from '../../backpressure.ts';

/**
 * An Excel workbook of one sheet, streamed: the sheet's rows arrive as XML text (the report's
 * statement writes them, report-sql.ts) and leave deflated into a zip as they come, so the file
 * is never held whole, whatever its size. exceljs's streaming writer builds several objects per
 * cell and spent ~70 µs a row; this writes the few fixed parts of the package itself and
 * compresses the sheet with zlib, off the event loop.
 *
 * The zip is the plain format (no ZIP64): every size must stay under 4 GiB, which a report's
 * ceiling of a million rows keeps far from (about 0.7 GB of sheet XML). Going past it fails the
 * download with an error instead of writing a file no program could open.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The package's fixed parts: content types, relationships, the workbook and a minimal style sheet. */
function packageParts(sheetName: string): Array<[string, string]> {
  return [
    [
      '[Content_Types].xml',
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    ['_rels/.rels', `<Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    [
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${OFFICE}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    ],
  ].map(([name, body]) => [name, XML_HEAD + body]);
}

const SHEET_PART = 'xl/worksheets/sheet1.xml';
const SHEET_START = `${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetData>`;
const SHEET_END = '</sheetData></worksheet>';

/** Flags: bit 3, sizes and CRC in a descriptor after the data (the sheet's are known only at its end); bit 11, UTF-8 names. */
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const DEFLATE = 8;
const ZIP_LIMIT = 0xffffffff;

interface Entry {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** The date and time of the zip's entries, in MS-DOS form, as the local time of Mexico City. */
function dosDateTime(at: Date): { date: number; time: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  );
  return { date: ((parts.year - 1980) << 9) | (parts.month << 5) | parts.day, time: (parts.hour << 11) | (parts.minute << 5) | Math.floor(parts.second / 2) };
}

/**
 * The fields a local header and a central directory record share, in the same order (version needed,
 * flags, method, time, date, CRC, sizes, name length), written from `at`.
 */
function writeEntryFields(out: Buffer, at: number, entry: Entry, stamp: { date: number; time: number }): void {
  out.writeUInt16LE(20, at);
  out.writeUInt16LE(entry.flags, at + 2);
  out.writeUInt16LE(DEFLATE, at + 4);
  out.writeUInt16LE(stamp.time, at + 6);
  out.writeUInt16LE(stamp.date, at + 8);
  out.writeUInt32LE(entry.crc, at + 10);
  out.writeUInt32LE(entry.compressed, at + 14);
  out.writeUInt32LE(entry.size, at + 18);
  out.writeUInt16LE(entry.name.length, at + 22);
}

function localHeader(entry: Entry, stamp: { date: number; time: number }): Buffer {
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  writeEntryFields(head, 4, entry, stamp);
  return Buffer.concat([head, entry.name]);
}

function descriptor(entry: Entry): Buffer {
  const out = Buffer.alloc(16);
  out.writeUInt32LE(0x08074b50, 0);
  out.writeUInt32LE(entry.crc, 4);
  out.writeUInt32LE(entry.compressed, 8);
  out.writeUInt32LE(entry.size, 12);
  return out;
}

function centralDirectory(entries: Entry[], stamp: { date: number; time: number }, start: number): Buffer {
  const records = entries.map((entry) => {
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4); // version made by
    writeEntryFields(record, 6, entry, stamp);
    record.writeUInt32LE(entry.offset, 42);
    return Buffer.concat([record, entry.name]);
  });
  const size = records.reduce((n, r) => n + r.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(start, 16);
  return Buffer.concat([...records, end]);
}

function withinZipLimits(...sizes: number[]): void {
  if (sizes.some((n) => n > ZIP_LIMIT)) throw new Error('El archivo XLSX pasaría de 4 GiB, el límite del formato zip que se escribe.');
}

/**
 * Deflates the sheet's text as it comes. Writing waits while zlib has its fill (it compresses on
 * libuv's threads), and zlib's output is only read as the download takes it: no part of the
 * pipeline holds more than a batch.
 */
async function* deflated(texts: AsyncIterable<string>, entry: Entry): AsyncGenerator<Buffer> {
  const deflate = createDeflateRaw({ level: 1 });
  const feeding = (async () => {
    try {
      for await (const text of texts) {
        if (deflate.destroyed) return;
        const bytes = Buffer.from(text, 'utf8');
        entry.crc = crc32(bytes, entry.crc);
        entry.size += bytes.length;
        withinZipLimits(entry.size);
        if (!deflate.write(bytes)) await roomIn(deflate);
      }
      if (!deflate.destroyed) deflate.end();
    } catch (error) {
      deflate.destroy(error as Error);
    }
  })();
  try {
    for await (const chunk of deflate as AsyncIterable<Buffer>) {
      entry.compressed += chunk.length;
      yield chunk;
    }
  } finally {
    deflate.destroy();
    await feeding;
  }
}

/**
 * The workbook's bytes: the fixed parts, then the sheet named `sheetName` (plain text, no XML
 * escaping is applied to it) made of `rows` (XML
 * `<row>` elements, in order) between its opening and closing tags, then the zip's directory.
 */
export async function* xlsxWorkbook(sheetName: string, rows: AsyncIterable<string>, at: Date): AsyncGenerator<Buffer> {
  const stamp = dosDateTime(at);
  const entries: Entry[] = [];
  let offset = 0;
  for (const [name, body] of packageParts(sheetName)) {
    const bytes = Buffer.from(body, 'utf8');
    const data = deflateRawSync(bytes);
    const entry: Entry = { name: Buffer.from(name), flags: FLAG_UTF8, crc: crc32(bytes), compressed: data.length, size: bytes.length, offset };
    const head = localHeader(entry, stamp);
    entries.push(entry);
    offset += head.length + data.length;
    yield Buffer.concat([head, data]);
  }
  const sheet: Entry = { name: Buffer.from(SHEET_PART), flags: FLAG_UTF8 | FLAG_DESCRIPTOR, crc: 0, compressed: 0, size: 0, offset };
  entries.push(sheet);
  const head = localHeader(sheet, stamp);
  offset += head.length;
  yield head;
  async function* sheetText(): AsyncGenerator<string> {
    yield SHEET_START;
    yield* rows;
    yield SHEET_END;
  }
  yield* deflated(sheetText(), sheet);
  withinZipLimits(sheet.compressed, offset + sheet.compressed);
  const tail = descriptor(sheet);
  offset += sheet.compressed + tail.length;
  yield Buffer.concat([tail, centralDirectory(entries, stamp, offset)]);
}
