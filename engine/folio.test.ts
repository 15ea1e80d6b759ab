import { describe, expect, it } from 'vitest';
import { formatFolio, localDateInMexicoCity, parseFolio } from './folio.ts';

describe('formatFolio', () => {
  it('formats the seed example', () => {
    expect(formatFolio({ date: '2022-11-18', prefix: 'APTEC', sequence: 43669 })).toBe('18/11/2022-APTEC-43669');
  });

  it('writes the sequence without padding and accepts prefixes of 2 and 8 letters', () => {
    expect(formatFolio({ date: '2024-01-05', prefix: 'AB', sequence: 1 })).toBe('05/01/2024-AB-1');
    expect(formatFolio({ date: '2024-02-29', prefix: 'ABCDEFGH', sequence: 7 })).toBe('29/02/2024-ABCDEFGH-7');
  });

  it.each([
    ['too short', 'A'],
    ['too long', 'ABCDEFGHI'],
    ['lower case', 'aptec'],
    ['a digit', 'APT3C'],
    ['an accent', 'PROGRAMÁ'],
    ['a hyphen', 'AP-TEC'],
    ['empty', ''],
  ])('rejects a prefix that is %s', (_why, prefix) => {
    expect(() => formatFolio({ date: '2022-11-18', prefix, sequence: 1 })).toThrow(RangeError);
    expect(() => formatFolio({ date: '2022-11-18', prefix, sequence: 1 })).toThrow(/prefijo/);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'rejects the sequence %s',
    (sequence) => {
      expect(() => formatFolio({ date: '2022-11-18', prefix: 'APTEC', sequence })).toThrow(RangeError);
      expect(() => formatFolio({ date: '2022-11-18', prefix: 'APTEC', sequence })).toThrow(/consecutivo/);
    },
  );

  it.each(['2022-02-29', '2022-13-01', '2022-11-31', '18/11/2022', '2022-1-18', ''])('rejects the date %j', (date) => {
    expect(() => formatFolio({ date, prefix: 'APTEC', sequence: 1 })).toThrow(/fecha/);
  });
});

describe('parseFolio', () => {
  it('parses the seed example', () => {
    expect(parseFolio('18/11/2022-APTEC-43669')).toEqual({ date: '2022-11-18', prefix: 'APTEC', sequence: 43669 });
  });

  it.each([
    { date: '2022-11-18', prefix: 'APTEC', sequence: 43669 },
    { date: '2000-02-29', prefix: 'AB', sequence: 1 },
    { date: '1999-12-31', prefix: 'ABCDEFGH', sequence: Number.MAX_SAFE_INTEGER },
  ])('round-trips $prefix-$sequence on $date', (parts) => {
    const folio = formatFolio(parts);
    expect(parseFolio(folio)).toEqual(parts);
    expect(formatFolio(parseFolio(folio)!)).toBe(folio);
  });

  it.each([
    ['padded sequence', '18/11/2022-APTEC-043669'],
    ['zero sequence', '18/11/2022-APTEC-0'],
    ['negative sequence', '18/11/2022-APTEC--5'],
    ['sequence beyond safe integers', '18/11/2022-APTEC-9007199254740993'],
    ['lower-case prefix', '18/11/2022-aptec-43669'],
    ['one-letter prefix', '18/11/2022-A-43669'],
    ['nine-letter prefix', '18/11/2022-ABCDEFGHI-43669'],
    ['impossible date', '31/11/2022-APTEC-43669'],
    ['29 Feb of a non-leap year', '29/02/2023-APTEC-1'],
    ['ISO date', '2022-11-18-APTEC-43669'],
    ['surrounding spaces', ' 18/11/2022-APTEC-43669 '],
    ['missing part', '18/11/2022-APTEC'],
    ['empty', ''],
  ])('returns null for a %s', (_why, folio) => {
    expect(parseFolio(folio)).toBeNull();
  });
});

describe('localDateInMexicoCity', () => {
  it('gives the previous day for early UTC hours (UTC-6, no DST since October 2022)', () => {
    // 03:00 UTC on the 19th is 21:00 on the 18th in Mexico City: the seed's folio date.
    const localDate = localDateInMexicoCity(new Date('2022-11-19T03:00:00Z'));
    expect(localDate).toBe('2022-11-18');
    expect(formatFolio({ date: localDate, prefix: 'APTEC', sequence: 43669 })).toBe('18/11/2022-APTEC-43669');
  });

  it('changes day exactly at 06:00 UTC in winter', () => {
    expect(localDateInMexicoCity(new Date('2024-01-15T05:59:59Z'))).toBe('2024-01-14');
    expect(localDateInMexicoCity(new Date('2024-01-15T06:00:00Z'))).toBe('2024-01-15');
  });

  it('applies the summer time that was still in force in July 2022 (UTC-5)', () => {
    // 04:30 UTC is 23:30 on 30 June at UTC-5; at UTC-6 it would have been 22:30, same day.
    expect(localDateInMexicoCity(new Date('2022-07-01T04:30:00Z'))).toBe('2022-06-30');
    // 05:30 UTC is 00:30 on 1 July at UTC-5 (it would still be 30 June at UTC-6).
    expect(localDateInMexicoCity(new Date('2022-07-01T05:30:00Z'))).toBe('2022-07-01');
  });

  it('no longer applies summer time in July 2023 (UTC-6)', () => {
    expect(localDateInMexicoCity(new Date('2023-07-01T05:30:00Z'))).toBe('2023-06-30');
  });

  it('rejects an invalid Date and years outside 1-9999', () => {
    expect(() => localDateInMexicoCity(new Date('not a date'))).toThrow(RangeError);
    expect(() => localDateInMexicoCity(new Date(Date.UTC(-5, 0, 10)))).toThrow(/intervalo/);
    expect(() => localDateInMexicoCity(new Date(Date.UTC(10000, 5, 10)))).toThrow(/intervalo/);
  });

  it('pads years below 1000 to four digits', () => {
    const instant = new Date(Date.UTC(2000, 2, 1, 12));
    instant.setUTCFullYear(5);
    expect(localDateInMexicoCity(instant)).toBe('0005-03-01');
  });
});
