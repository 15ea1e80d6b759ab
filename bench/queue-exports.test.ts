/**
 * The queue bench calls an XLSX report whole only when its last bytes end a ZIP: a server that
 * died while streaming sends a 200 and then stops, and that must not read as a report met.
 */
import { describe, expect, it } from 'vitest';
import { xlsxWorkbook } from '../runtime/server/modules/queue/xlsx-stream.ts';
import { endsAZip } from './queue-exports.ts';

async function* rows(count: number): AsyncGenerator<string> {
  for (let n = 1; n <= count; n++) yield `<row r="${n}"><c r="A${n}"><v>${n}</v></c></row>`;
}

async function workbook(count: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of xlsxWorkbook('Hoja', rows(count), new Date('2026-12-07T10:00:00-06:00'))) parts.push(part);
  return Buffer.concat(parts);
}

describe('endsAZip', () => {
  it('tells a whole workbook from one cut before its directory ends', async () => {
    const whole = await workbook(2_000);
    expect(endsAZip(whole.subarray(whole.length - 64))).toBe(true);
    expect(endsAZip(whole.subarray(0, whole.length - 30).subarray(-64))).toBe(false);
    expect(endsAZip(whole.subarray(0, whole.length / 2).subarray(-64))).toBe(false);
  });

  it('needs the whole end record, not just its signature', () => {
    expect(endsAZip(Uint8Array.from([0x50, 0x4b, 0x05, 0x06, 0, 0]))).toBe(false);
    expect(endsAZip(new Uint8Array(0))).toBe(false);
  });
});
