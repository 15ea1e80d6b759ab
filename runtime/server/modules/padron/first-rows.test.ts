import { describe, expect, it } from 'vitest';
import { FirstRows, personFingerprint } from './first-rows.ts';

const ana = { primerApellido: 'RUIZ', nombres: 'ANA', fechaNacimiento: '1980-01-02' };

describe('the first row of each CURP, found as the file streams by', () => {
  it('tells a CURP seen for the first time, the same person again, and another person with it', () => {
    const firsts = new FirstRows();
    expect(firsts.see('RUAA800102MQTZNN01', 2, ana)).toEqual({ kind: 'first' });
    expect(firsts.see('RUAA800102MQTZNN01', 9, { ...ana })).toEqual({ kind: 'same', firstLine: 2 });
    expect(firsts.see('RUAA800102MQTZNN01', 12, { ...ana, nombres: 'ANDREA' })).toEqual({ kind: 'other', firstLine: 2 });
    expect(firsts.see('RUAA800102MQTZNN01', 13, { ...ana, fechaNacimiento: null })).toEqual({ kind: 'other', firstLine: 2 });
  });

  it('keeps every first line when it grows past its initial room', () => {
    const firsts = new FirstRows();
    for (let i = 0; i < 5000; i++) firsts.see(`CURP${i}`, i + 2, ana);
    expect(firsts.see('CURP4321', 9999, ana)).toEqual({ kind: 'same', firstLine: 4323 });
  });

  it('fingerprints the names and the birth date only, field by field', () => {
    expect(personFingerprint(ana)).toBe(personFingerprint({ ...ana }));
    expect(personFingerprint({ primerApellido: 'AB', nombres: 'C', fechaNacimiento: null })).not.toBe(personFingerprint({ primerApellido: 'A', nombres: 'BC', fechaNacimiento: null }));
  });
});
