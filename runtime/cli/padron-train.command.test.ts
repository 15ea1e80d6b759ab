import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLabelledSet, RECORD_COLUMNS } from '../../bench/matching/generate.ts';
import { levelWeight, loadMatchingModel } from '../../engine/matching/index.ts';
import { padronTrainCommand } from './padron-train.command.ts';

const dir = mkdtempSync(join(tmpdir(), 'sipros-entrenar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const set = generateLabelledSet({ seed: 11, registry: 2000, incoming: 500 });
const csv = (name: string, rows: Array<Record<string, string>>) => {
  writeFileSync(join(dir, name), stringify(rows, { header: true, columns: [...RECORD_COLUMNS] }));
  return join(dir, name);
};
const registro = csv('registro.csv', set.registry as unknown as Array<Record<string, string>>);
const entrantes = csv('entrantes.csv', set.incoming as unknown as Array<Record<string, string>>);

async function entrenar(options: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await padronTrainCommand(options, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sipros padron entrenar', () => {
  it('writes a new version with m and u estimated from the files, says how each weight moved, and judges it by its test table', async () => {
    const salida = join(dir, 'modelo.json');
    const r = await entrenar({ registro, entrantes, salida, semilla: '3', muestra: '20000' });
    // The next version after the project's model.
    const next = (JSON.parse(readFileSync(new URL('../../definitions/matching/modelo.json', import.meta.url), 'utf8')) as { version: number }).version + 1;
    expect(r.out).toMatch(new RegExp(`^Modelo v${next} estimado con 2,500 registros: u con [\\d,]+ pares al azar, m con [\\d,]+ pares candidatos`));
    expect(r.out).toMatch(/fecha: identica 6\.0 → \d+\.\d/);
    const loaded = loadMatchingModel(JSON.parse(readFileSync(salida, 'utf8')));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.model.entrenado).toMatchObject({ registros: 2500 });
    // Two people drawn at random rarely share a birth date; a name as common as any is shared more often.
    expect(loaded.model.comparaciones.fecha.niveles.identica.u).toBeLessThan(0.002);
    expect(levelWeight(loaded.model, 'curp', 'identica')).toBeGreaterThan(levelWeight(loaded.model, 'curp', 'distintas'));
    // The exit code is the test table's verdict, and the output says which.
    expect(r.out).toMatch(r.code === 0 ? /; pasa su tabla de pruebas\./ : /NO pasa su tabla de pruebas y SIPROS no lo usará así/);
  });

  it('the same seed gives the same model', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    await entrenar({ registro, entrantes, salida: a, semilla: '5', muestra: '20000' });
    await entrenar({ registro, entrantes, salida: b, semilla: '5', muestra: '20000' });
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it.each([
    [{ registro }, /^Error VALIDATION_FAILED: indica --salida/],
    [{ registro, salida: join(dir, 'x.json'), semilla: 'uno' }, /^Error VALIDATION_FAILED: --semilla debe ser un número entero\./],
    [{ registro, salida: join(dir, 'x.json'), muestra: '10' }, /^Error VALIDATION_FAILED: --muestra debe ser un número entero de 1,000 pares o más\./],
    [{ registro: csv('pocos.csv', set.registry.slice(0, 20) as unknown as Array<Record<string, string>>), salida: join(dir, 'y.json') }, /^Error TOO_FEW_RECORDS: con 20 registros no se puede estimar nada/],
    [{ registro: join(dir, 'no-existe.csv'), salida: join(dir, 'z.json') }, /^Error FILE_NOT_FOUND: No se encontró el archivo del padrón/],
  ])('refuses bad input with a code and a Spanish message (%#)', async (options, message) => {
    const r = await entrenar(options);
    expect(r.code).toBe(1);
    expect(r.err.split('\n').at(-1)).toMatch(message);
  });
});
