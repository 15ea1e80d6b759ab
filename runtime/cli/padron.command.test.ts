import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRoll } from '../server/modules/padron/index.ts';
import { padronPreviewCommand } from './padron.command.ts';

const dir = mkdtempSync(join(tmpdir(), 'sipros-padron-'));
const sample = readFileSync(new URL('../../test/fixtures/padron/padron_sintetico_qro.csv', import.meta.url), 'utf8');

/** The sample as Excel saves it in Mexico: Windows-1252 (Latin-1 for these letters), `;` between columns. */
function asWindows1252Semicolons(text: string): Buffer {
  const semicolons = text.replace(/"[^"]*"|,/g, (m) => (m === ',' ? ';' : m));
  return Buffer.from([...semicolons].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code > 255) throw new Error(`sin equivalente en Windows-1252: ${ch}`);
    return code;
  }));
}

async function run(file: string, json = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await padronPreviewCommand(file, { json }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sipros padron revisar', () => {
  it('reads a Windows-1252 file separated by «;», maps its columns and counts the outcomes', async () => {
    const file = join(dir, 'padron-1252.csv');
    writeFileSync(file, asWindows1252Semicolons(sample));
    const json = await run(file, true);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ filas: 2000, aceptadas: 1859, rechazadas: 141, porCodigo: { CURP_CHECK_DIGIT: 38, CURP_LENGTH: 22, AMOUNT_NEGATIVE: 10, CVE_MUN_UNKNOWN: 4, DUPLICATE_IN_FILE: 17 } });
    const text = await run(file);
    expect(text.out).toContain('Windows-1252, separado por punto y coma; 2,000 filas.');
    expect(text.out).toContain('No se guardó nada (vista previa).');
    // Accented names survive the encoding.
    expect(text.out).not.toContain('\uFFFD');
  });

  it('reads UTF-8 with a BOM the same way', async () => {
    const file = join(dir, 'padron-bom.csv');
    writeFileSync(file, `\uFEFF${sample}`);
    expect(JSON.parse((await run(file, true)).out)).toMatchObject({ filas: 2000, aceptadas: 1859 });
  });

  it('refuses a file without the required columns, and a missing file, with a code and exit 1', async () => {
    const file = join(dir, 'otra-cosa.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const missing = await run(file);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^Error COLUMNS_MISSING: el archivo no tiene columnas para CURP, Primer apellido, Nombre\(s\)/);
    const none = await run(join(dir, 'no-existe.csv'));
    expect(none).toMatchObject({ code: 1, err: expect.stringMatching(/^Error FILE_NOT_FOUND/) });
  });

  it.each([
    ['curp,nombre\n1,2\n', ','],
    ['curp;nombre;"a;b"\n1;2;3\n', ';'],
    ['curp\tnombre\n1\t2\n', '\t'],
    ['curp|nombre|x\n1|2|3\n', '|'],
    ['"apellido, paterno";curp\nx;y\n', ';'],
  ])('detects the separator of %j', async (text, delimiter) => {
    const file = join(dir, `sep-${delimiter.charCodeAt(0)}-${text.length}.csv`);
    writeFileSync(file, text);
    expect((await openRoll(file)).delimiter).toBe(delimiter);
  });

  it('says what a file that is no roll looks like, with its code', async () => {
    const file = join(dir, 'padron.csv.pdf');
    writeFileSync(file, '%PDF-1.4\n%\xe2\xe3\n1 0 obj\n');
    expect(await run(file)).toMatchObject({ code: 1, err: expect.stringMatching(/^Error FILE_NOT_TABULAR: .*PDF/) });
  });
});
