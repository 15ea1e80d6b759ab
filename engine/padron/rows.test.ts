/**
 * The synthetic roll of 2,000 beneficiaries (test/fixtures/padron, from ../shared/data/padron) with its
 * key: every planted error is caught with the matching code, and no clean row is refused.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { suggestMapping, unmappedRequired } from './columns.ts';
import { readDate } from './dates.ts';
import { checkRow, countByCode, markDuplicates, type RowCode } from './rows.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/padron/${name}`, import.meta.url), 'utf8');
const municipios = new Set((JSON.parse(readFileSync(new URL('../../definitions/catalogs/municipios.json', import.meta.url), 'utf8')) as Array<{ clave: string }>).map((m) => m.clave));

/** What each planted error in the key must be caught as. */
const EXPECTED: Record<string, RowCode> = {
  CHECK_DIGIT: 'CURP_CHECK_DIGIT',
  LENGTH_17: 'CURP_LENGTH',
  DOB_MISMATCH_WITH_CURP: 'CURP_BIRTH_DATE_MISMATCH',
  SEX_MISMATCH_WITH_CURP: 'CURP_SEX_MISMATCH',
  'NEEDS_NORMALIZATION(lowercase/space)': 'NORMALIZED',
  DUPLICATE_CURP: 'DUPLICATE_IN_FILE',
  NEGATIVE_MONTO: 'AMOUNT_NEGATIVE',
  INVALID_CVE_MUN: 'CVE_MUN_UNKNOWN',
};
/**
 * Planted problems the row is still loaded with (counted under their code). The planted duplicates are
 * another person carrying someone's CURP: refused, never merged into that person.
 */
const LOADED = new Set(['NEEDS_NORMALIZATION(lowercase/space)']);

describe('the synthetic roll and its key', () => {
  const [headers, ...rows] = parse(fixture('padron_sintetico_qro.csv'), { bom: true }) as string[][];
  const key = new Map((parse(fixture('padron_sintetico_qro_clave.csv'), { columns: true }) as Array<{ folio: string; expected_error: string }>).map((r) => [r.folio, r.expected_error]));
  const mapping = suggestMapping(headers);
  const checks = markDuplicates(rows.map((values) => checkRow(values, mapping, { municipios })));

  it('maps every registry column of the file from its header', () => {
    expect(unmappedRequired(mapping)).toEqual([]);
    expect(mapping).toMatchObject({ curp: 1, primerApellido: 2, segundoApellido: 3, nombres: 4, fechaNacimiento: 5, sexo: 6, cveEnt: 7, cveMun: 8, cveLoc: 10, programa: 15, monto: 17, fechaApoyo: 18, folio: 0 });
  });

  it('catches every planted error with its code, and refuses no clean row', () => {
    expect(rows).toHaveLength(2000);
    const wrong: string[] = [];
    checks.forEach((check, i) => {
      const folio = rows[i][0];
      const planted = key.get(folio) ?? 'NONE';
      const codes = check.problems.map((p) => p.code);
      if (planted === 'NONE') {
        if (codes.length > 0) wrong.push(`${folio}: limpia, pero ${codes.join(', ')}`);
      } else {
        if (!codes.includes(EXPECTED[planted])) wrong.push(`${folio}: ${planted} no se detectó como ${EXPECTED[planted]} (${codes.join(', ') || 'sin problemas'})`);
        if (check.accepted !== LOADED.has(planted)) wrong.push(`${folio}: ${planted} ${check.accepted ? 'se cargaría' : 'se rechazaría'}`);
      }
    });
    expect(wrong).toEqual([]);
  });

  it('counts outcomes by code as the preview and the command line report them', () => {
    const counts = countByCode(checks);
    const planted = [...key.values()].reduce<Record<string, number>>((acc, e) => (e === 'NONE' ? acc : { ...acc, [EXPECTED[e]]: (acc[EXPECTED[e]] ?? 0) + 1 }), {});
    // A planted duplicate (another person with someone's CURP) may also fail the birth date or sex check, or be in lower case.
    for (const [code, n] of Object.entries(planted)) expect(counts[code], code).toBeGreaterThanOrEqual(n);
    for (const code of ['CURP_CHECK_DIGIT', 'CURP_LENGTH', 'DUPLICATE_IN_FILE', 'AMOUNT_NEGATIVE', 'CVE_MUN_UNKNOWN'] as const) expect(counts[code], code).toBe(planted[code]);
    expect(checks.filter((c) => c.accepted)).toHaveLength(2000 - [...key.values()].filter((e) => e !== 'NONE' && !LOADED.has(e)).length);
  });

  it('keeps names in capitals with single spaces and the CURP normalised', () => {
    const normalised = checks.find((c) => c.problems.some((p) => p.code === 'NORMALIZED'))!;
    expect(normalised.row.curp).toMatch(/^[A-Z0-9]{18}$/);
    expect(normalised.accepted).toBe(true);
  });
});

describe('dates as agencies write them', () => {
  it.each<[string | number, string | null]>([
    ['2025-08-13', '2025-08-13'],
    ['13/08/2025', '2025-08-13'],
    ['1/8/2025', '2025-08-01'],
    ['13-08-2025', '2025-08-13'],
    [45882, '2025-08-13'],
    ['45882', '2025-08-13'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [60, null],
    ['31/02/2025', null],
    ['2025-13-01', null],
    ['ayer', null],
    ['', null],
  ])('%s → %s', (value, expected) => {
    expect(readDate(value)).toBe(expected);
  });
});

describe('the mapping suggested from headers', () => {
  it.each<[string[], Record<string, number>]>([
    [['NB_CURP', 'NB_PRIMER_AP', 'NB_SEGUNDO_AP', 'NB_NOMBRE', 'FH_NACIMIENTO', 'CD_SEXO', 'CVE_MUN', 'NU_IMP_MONETARIO'], { curp: 0, primerApellido: 1, segundoApellido: 2, nombres: 3, fechaNacimiento: 4, sexo: 5, cveMun: 6, monto: 7 }],
    [['Apellido Paterno', 'Apellido materno', 'Nombre(s)', 'CURP', 'Fecha de Nacimiento', 'Código Postal'], { primerApellido: 0, segundoApellido: 1, nombres: 2, curp: 3, fechaNacimiento: 4, codigoPostal: 5 }],
  ])('%j', (headers, expected) => {
    expect(suggestMapping(headers)).toEqual(expected);
  });

  it('names the required fields no column feeds', () => {
    expect(unmappedRequired(suggestMapping(['CURP', 'Monto']))).toEqual(['primerApellido', 'nombres']);
  });
});
