import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { curpCheckDigit } from '../../engine/curp.ts';
import { padronMatchCommand } from './padron-match.command.ts';

const dir = mkdtempSync(join(tmpdir(), 'sipros-emparejar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const valid = (first17: string) => `${first17}${curpCheckDigit(first17)}`;

async function emparejar(options: Record<string, string | boolean>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await padronMatchCommand(options, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const LUPE = valid('HELG850304MQTRPD0');
const REGISTRO = file(
  'registro.csv',
  [
    'id,curp,primer_apellido,segundo_apellido,nombre,fecha_nacimiento,sexo,cve_mun,calle,telefono,observaciones',
    `R1,${LUPE},HERNÁNDEZ,LÓPEZ,MARÍA GUADALUPE,1985-03-04,M,014,AV. JUÁREZ 120,4421234567,nada`,
    `R2,${valid('HELJ900101HQTRPN0')},HERNÁNDEZ,LÓPEZ,JUAN CARLOS,1990-01-01,H,014,AV. JUÁREZ 120,4421234567,`,
    `R3,${valid('UAOP700215HQTGLD0')},UGALDE,OLVERA,PEDRO,1970-02-15,H,006,HIDALGO 3,,`,
  ].join('\n'),
);

describe('sipros padron emparejar', () => {
  it('writes one line per incoming person with a candidate (misma or revisar), none for the rest; reads Windows-1252 with «;»', async () => {
    const entrantes = file(
      'entrantes.csv',
      Buffer.from(
        [
          'folio;curp;nombre;primer_apellido;segundo_apellido;fecha_nacimiento;sexo;cve_mun',
          `E1;${LUPE.toLowerCase()};MA. GUADALUPE;HERNANDEZ;LOPEZ;04/03/1985;M;14`,
          `E2;${valid('HELJ900101HQTRPN1')};JUAN PABLO;HERNÁNDEZ;LÓPEZ;1990-01-01;H;014`,
          'E3;;ANA SOFÍA;PÉREZ;RUIZ;2001-05-05;M;001',
          `E4;${valid('UAOP700215HQTGLD0')};PEDRO;OLVERA;UGALDE;15/02/1970;H;006`,
        ].join('\r\n'),
        'latin1',
      ),
    );
    const salida = join(dir, 'ligas.csv');
    const r = await emparejar({ registro: REGISTRO, entrantes, salida });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^4 entrantes contra 3 del padrón \(modelo v\d+\): 2 la misma persona, 1 a revisión, 1 sin pareja\./);
    expect(r.err).toBe('En el archivo del padrón se ignoran las columnas: observaciones.');
    const lines = readFileSync(salida, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id_entrante,id_registro,decision,puntaje');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['E1,R1,misma', 'E2,R2,revisar', 'E4,R3,misma']);
    for (const l of lines.slice(1)) expect(l.split(',')[3]).toMatch(/^\d+\.\d$/);
  });

  it('with --razones, says why in Spanish with the weight of each field', async () => {
    const entrantes = file('uno.csv', `id,curp,nombre,primer_apellido,segundo_apellido,fecha_nacimiento\nE1,${LUPE},MARÍA GUADALUPE,HERNÁNDEZ,LÓPEZ,1985-03-04\n`);
    const salida = join(dir, 'razones.csv');
    expect((await emparejar({ registro: REGISTRO, entrantes, salida, razones: true })).code).toBe(0);
    const [header, row] = readFileSync(salida, 'utf8').trim().split('\n');
    expect(header).toBe('id_entrante,id_registro,decision,puntaje,razones');
    expect(row).toContain('CURP idéntica (+12)');
    expect(row).toContain('fecha de nacimiento idéntica (+6)');
  });

  it.each([
    [{ registro: join(dir, 'no-existe.csv') }, /^Error FILE_NOT_FOUND: No se encontró el archivo del padrón «.*no-existe\.csv»\.$/],
    [{ registro: file('sin-campos.csv', 'id,a,b\n1,2,3\n') }, /^Error COLUMNS_MISSING: El archivo del padrón «.*» no trae ninguna columna con nombre de campo del padrón .*encabezados leídos: id \| a \| b\.$/],
    [{ registro: file('repetido.csv', 'id,curp\nR1,\nR1,\n') }, /^Error ROW_ID_DUPLICATE: El id «R1» se repite en el archivo del padrón \(fila 3\)/],
    [{ registro: file('sin-id.csv', 'id,nombre\n,ANA\n') }, /^Error ROW_ID_MISSING: La fila 2 del archivo del padrón no trae id/],
    [{ registro: file('falso.csv', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64)])) }, /^Error FILE_NOT_TABULAR: El archivo parece un PDF/],
  ])('refuses bad input with a code and a Spanish message (%#)', async (options, message) => {
    const entrantes = file('e.csv', 'id,nombre\nE1,ANA\n');
    const r = await emparejar({ entrantes, salida: join(dir, 'x.csv'), ...options });
    expect(r.code).toBe(1);
    expect(r.err.split('\n').at(-1)).toMatch(message);
  });

  it('asks for the three files it needs', async () => {
    const r = await emparejar({ registro: REGISTRO });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Error VALIDATION_FAILED: indica --registro, --entrantes y --salida/);
  });

  it('will not use a model whose own test table fails', async () => {
    const model = JSON.parse(readFileSync(new URL('../../definitions/matching/modelo.json', import.meta.url), 'utf8'));
    model.umbrales = { misma: 5, revisar: 4, rival: 0 };
    model.evidencia = { fuerte: [], media: [] };
    mkdirSync(join(dir, 'otro', 'matching'), { recursive: true });
    const modelo = join(dir, 'otro', 'matching', 'modelo.json');
    writeFileSync(modelo, JSON.stringify(model));
    const r = await emparejar({ registro: REGISTRO, entrantes: REGISTRO, salida: join(dir, 'y.csv'), modelo });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Error MATCH_MODEL_TESTS_FAILED: el modelo no pasa su tabla de pruebas \(.*CURP prestada/);
  });
});
