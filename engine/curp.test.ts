import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CURP_STATES,
  INCONVENIENT_WORDS,
  ageAt,
  curpCheckDigit,
  isValidCurp,
  normalizeCurp,
  validateCurp,
  type CurpErrorCode,
} from './curp.ts';

// ── Public test vectors ─────────────────────────────────────────────────────

interface VectorRow {
  line: number;
  curp: string;
  libraryExpectation: string;
  independentReason: string;
  source: string;
}

function readVectors(): VectorRow[] {
  const text = readFileSync(new URL('../test/fixtures/curp/curp_vectors.tsv', import.meta.url), 'utf8');
  return text
    .split(/\r?\n/)
    .map((content, index) => ({ content, line: index + 1 }))
    .filter(({ content }) => content.trim() !== '' && !content.startsWith('#'))
    .map(({ content, line }) => {
      const [curp, libraryExpectation, independentReason, source] = content.split('\t');
      return { line, curp, libraryExpectation, independentReason, source };
    });
}

/**
 * Codes of the reason column, in this module's vocabulary.
 * - "LENGTH=n" carries the length; the code is LENGTH.
 * - BAD_CHAR (row SABC560626MDFLRN_1) means "a character outside the CURP
 *   alphabet, so no check digit can be computed". This module has no separate
 *   code for it: an illegal character is a FORMAT error, and the check digit is
 *   then not judged. So BAD_CHAR maps to FORMAT, which that row also lists.
 */
function expectedCodes(reason: string): CurpErrorCode[] {
  const list = reason.slice('INVALID:'.length).split(',');
  const mapped = list.map((code) => {
    if (code.startsWith('LENGTH=')) return 'LENGTH';
    if (code === 'BAD_CHAR') return 'FORMAT';
    return code;
  });
  return [...new Set(mapped)].sort() as CurpErrorCode[];
}

/**
 * Rows whose reason column lists fewer codes than this module reports, and why.
 * Both rows have a consonant in position 2 (ACPR…, OMBR…: PEAR's test mutated
 * one letter of a valid CURP). RENAPO builds position 2 from the first inner
 * vowel of the first surname, or X when there is none, so a consonant there is
 * a FORMAT error under the rule this module implements; the independent check
 * behind column 3 only checks that positions 1-4 are letters. Valid/invalid
 * agrees; the only difference is the extra FORMAT.
 */
const EXTRA_CODES_BY_RULE: Readonly<Record<string, readonly CurpErrorCode[]>> = {
  ACPR630321HDFLRC09: ['FORMAT'],
  OMBR780920HDFRNN09: ['FORMAT'],
};

const vectors = readVectors();

describe('CURP public vectors (test/fixtures/curp/curp_vectors.tsv)', () => {
  it('has all the rows of the file', () => {
    expect(vectors.length).toBe(89);
  });

  it('documents code differences only for rows that exist in the file', () => {
    const curps = new Set(vectors.map((row) => row.curp));
    for (const curp of Object.keys(EXTRA_CODES_BY_RULE)) expect(curps.has(curp)).toBe(true);
  });

  // Column 3 (the independent check) decides; column 2 is what one library
  // asserted, and the file's header says libraries disagree on details.
  it.each(vectors)('line $line: $curp → $independentReason', ({ curp, independentReason }) => {
    const result = validateCurp(curp);
    if (independentReason === 'VALID') {
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    } else {
      expect(independentReason).toMatch(/^INVALID:/);
      expect(result.valid).toBe(false);
      const expected = [...expectedCodes(independentReason), ...(EXTRA_CODES_BY_RULE[curp] ?? [])].sort();
      expect(result.errors.map((error) => error.code).sort()).toEqual(expected);
    }
  });
});

// ── Check digit ─────────────────────────────────────────────────────────────

describe('curpCheckDigit', () => {
  it('computes the digit of known CURPs', () => {
    expect(curpCheckDigit('BOXW310820HNERXN0')).toBe(9);
    expect(curpCheckDigit('SABC560626MDFLRN0')).toBe(1);
    expect(curpCheckDigit('MOTR930411HJCRMG7')).toBe(0);
  });

  it('values Ñ between N and O', () => {
    // Only the Ñ differs from MOTR930411HJCRMN0 (digit 3): value 24 instead of 23 at weight 3.
    expect(curpCheckDigit('MOTR930411HJCRMN0')).toBe(3);
    expect(curpCheckDigit('MOTR930411HJCRMÑ0')).toBe(0);
  });

  it('rejects wrong length and characters outside the alphabet with a Spanish RangeError', () => {
    expect(() => curpCheckDigit('ABC')).toThrow(RangeError);
    expect(() => curpCheckDigit('ABC')).toThrow(/17 caracteres/);
    expect(() => curpCheckDigit('SABC560626MDFLRN_')).toThrow(/no puede aparecer/);
  });
});

// ── Derived information ─────────────────────────────────────────────────────

describe('validateCurp: information read from a valid CURP', () => {
  it('reads birth date (1900s from a digit in position 17), sex and state', () => {
    const result = validateCurp('HEGG560427MVZRRL04');
    expect(result.valid).toBe(true);
    expect(result.info).toEqual({
      birthDate: '1956-04-27',
      sex: 'M',
      state: 'VZ',
      stateName: 'VERACRUZ',
      stateLabel: 'Veracruz',
      stateInegi: '30',
    });
  });

  it('takes the 2000s century from a letter in position 17', () => {
    const first17 = 'GAPL050315HQTRRSA';
    const result = validateCurp(first17 + curpCheckDigit(first17));
    expect(result.valid).toBe(true);
    expect(result.info.birthDate).toBe('2005-03-15');
    expect(result.info.state).toBe('QT');
    expect(result.info.stateInegi).toBe('22');
  });

  it('reads the vector with a letter O in position 17 as a 2088 birth, like python-stdnum', () => {
    expect(validateCurp('TOMA880125HMNRRNO2').info.birthDate).toBe('2088-01-25');
  });

  it('accepts sex X (issued since 2023)', () => {
    const first17 = 'LOPA010203XQTPRRA';
    const result = validateCurp(first17 + curpCheckDigit(first17));
    expect(result.valid).toBe(true);
    expect(result.info.sex).toBe('X');
    expect(result.info.birthDate).toBe('2001-02-03');
  });

  it('gives the state name as a person reads it, with its accents', () => {
    const first17 = 'GAPL050315HQTRRSA';
    expect(validateCurp(first17 + curpCheckDigit(first17)).info.stateLabel).toBe('Querétaro');
    const bornInMichoacan = validateCurp('TOMA880125HMNRRNO2').info;
    expect(bornInMichoacan).toMatchObject({ stateName: 'MICHOACAN', stateLabel: 'Michoacán' });
  });

  it('speaks to the person as tú, like the rest of the portal', () => {
    const messages = [validateCurp('HEGG560427MVZRRL05'), validateCurp('BUEY560427MVZRRL04')].flatMap((r) => r.errors.map((e) => e.message));
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message).not.toMatch(/\b(Revise|Revísela|use|su constancia)\b/);
  });

  it('accepts NE (born abroad) with no INEGI code', () => {
    const result = validateCurp('MOTR930411HNERMN03');
    expect(result.valid).toBe(true);
    expect(result.info).toMatchObject({ state: 'NE', stateName: 'NACIDO EN EL EXTRANJERO', stateInegi: null });
  });

  it('uses the century for 29 February: 2000 was a leap year, 1900 was not', () => {
    const in2000 = 'LOPA000229HQTPRRA';
    const in1900 = 'LOPA000229HQTPRR0';
    expect(validateCurp(in2000 + curpCheckDigit(in2000)).info.birthDate).toBe('2000-02-29');
    const result1900 = validateCurp(in1900 + curpCheckDigit(in1900));
    expect(result1900.errors.map((error) => error.code)).toEqual(['DATE']);
    expect(result1900.info.birthDate).toBeUndefined();
  });

  it('keeps the readable parts of an invalid CURP', () => {
    const result = validateCurp('HEGG560427MVZRRL05');
    expect(result.valid).toBe(false);
    expect(result.info).toEqual({
      birthDate: '1956-04-27',
      sex: 'M',
      state: 'VZ',
      stateName: 'VERACRUZ',
      stateLabel: 'Veracruz',
      stateInegi: '30',
    });
  });

  it('reports every failing rule, not just the first', () => {
    const codes = validateCurp('FETO931311HJCRMN06').errors.map((error) => error.code);
    expect(codes.sort()).toEqual(['CHECK_DIGIT', 'DATE', 'INCONVENIENT_WORD']);
  });

  it('reports only LENGTH for a wrong length, with nothing derived', () => {
    const result = validateCurp('SABC560626MDFLRN0');
    expect(result.errors).toEqual([{ code: 'LENGTH', message: 'La CURP debe tener 18 caracteres; tiene 17.' }]);
    expect(result.info).toEqual({});
  });
});

// ── Normalization ───────────────────────────────────────────────────────────

describe('normalizeCurp', () => {
  it('upper-cases and removes spaces and hyphens anywhere', () => {
    expect(normalizeCurp('  hegg 5604-27 mvz rrl04 ')).toBe('HEGG560427MVZRRL04');
    expect(validateCurp(' hegg560427 mvzrrl04\t').curp).toBe('HEGG560427MVZRRL04');
    expect(validateCurp(' hegg560427 mvzrrl04\t').valid).toBe(true);
  });

  it('keeps Ñ (also from a decomposed N + combining tilde) so the error stays visible', () => {
    expect(normalizeCurp('motr930411hjcrmñ03')).toBe('MOTR930411HJCRMÑ03');
    expect(normalizeCurp('MOTR930411HJCRMN\u030303')).toBe('MOTR930411HJCRMÑ03');
  });

  it('does not depend on a Turkish-style dotted i', () => {
    expect(normalizeCurp('i')).toBe('I');
  });
});

// ── ageAt ───────────────────────────────────────────────────────────────────

describe('ageAt', () => {
  it('counts the birthday itself', () => {
    expect(ageAt('1956-04-27', '2024-04-27')).toBe(68);
  });

  it('does not count the day before the birthday', () => {
    expect(ageAt('1956-04-27', '2024-04-26')).toBe(67);
  });

  it('is 0 on the day of birth', () => {
    expect(ageAt('2024-01-01', '2024-01-01')).toBe(0);
  });

  it('makes a 29 February birthday count on 1 March in non-leap years', () => {
    expect(ageAt('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageAt('2004-02-29', '2022-03-01')).toBe(18);
    expect(ageAt('2004-02-29', '2024-02-28')).toBe(19);
    expect(ageAt('2004-02-29', '2024-02-29')).toBe(20);
  });

  it('rejects impossible dates and a reference date before birth', () => {
    expect(() => ageAt('2023-02-29', '2024-01-01')).toThrow(RangeError);
    expect(() => ageAt('1990-1-1', '2024-01-01')).toThrow(/año-mes-día/);
    expect(() => ageAt('2024-01-02', '2024-01-01')).toThrow(/anterior/);
  });
});

// ── Messages and constants ──────────────────────────────────────────────────

describe('Spanish messages', () => {
  const oneCurpPerCode: Record<CurpErrorCode, string> = {
    LENGTH: '1230',
    FORMAT: '9ABC560626MDFLRN01',
    DATE: 'PEGL891313MJCRMS06',
    SEX: 'PEGL890909QJCRMS08',
    STATE: 'PEGL890909MQQRMS02',
    INCONVENIENT_WORD: 'BACA890909MJCRMS05',
    CHECK_DIGIT: 'PEGL890909MJCRMS09',
  };

  it.each(Object.entries(oneCurpPerCode))('has a Spanish message for %s', (code, curp) => {
    const error = validateCurp(curp).errors.find((candidate) => candidate.code === code);
    expect(error).toBeDefined();
    expect(error!.message).toMatch(/CURP|dígito/);
    expect(error!.message).toMatch(/^[A-ZÁÉÍÓÚ]/);
    expect(error!.message.endsWith('.')).toBe(true);
  });

  it('explains FORMAT position by position and hints that Ñ is written X', () => {
    const format = validateCurp('MOTR930411HJCRMÑ03').errors.find((error) => error.code === 'FORMAT');
    expect(format!.message).toContain('las posiciones 14 a 16 deben ser consonantes');
    expect(format!.message).toContain('la Ñ se escribe X');
  });
});

describe('constants', () => {
  it('has the 32 states plus NE, with unique codes', () => {
    expect(CURP_STATES).toHaveLength(33);
    expect(new Set(CURP_STATES.map((state) => state.code)).size).toBe(33);
    expect(CURP_STATES.find((state) => state.code === 'QT')).toEqual({ code: 'QT', name: 'QUERETARO', label: 'Querétaro', inegi: '22' });
    expect(CURP_STATES.filter((state) => state.inegi === null).map((state) => state.code)).toEqual(['NE']);
  });

  it('has the 81 inconvenient words of four letters', () => {
    expect(INCONVENIENT_WORDS.size).toBe(81);
    for (const word of INCONVENIENT_WORDS) expect(word).toMatch(/^[A-Z]{4}$/);
  });
});

describe('isValidCurp: the fast answer matching uses', () => {
  it('agrees with validateCurp on every vector and on every one-character change of the valid ones', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
    const rows = readVectors().map((v) => normalizeCurp(v.curp));
    const valid = rows.filter((c) => validateCurp(c).valid);
    expect(valid.length).toBeGreaterThan(5);
    const cases = [...rows, 'GOMA8002290HQTRRS01', 'XAXX000229HNEXXX04', 'BUEI800101HQTRRS07'];
    for (const curp of valid) for (let i = 0; i < curp.length; i++) for (const c of alphabet) cases.push(curp.slice(0, i) + c + curp.slice(i + 1));
    const disagreeing = cases.filter((c) => isValidCurp(c) !== validateCurp(c).valid);
    expect(disagreeing).toEqual([]);
    expect(cases.filter((c) => isValidCurp(c)).length).toBeGreaterThan(valid.length);
  });
});
