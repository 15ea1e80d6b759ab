/**
 * A CURP taken apart for matching: cleaned, checked, and read by segment (the four letters, the birth
 * date, sex, state, the inner consonants, the homoclave and the check digit), so a typo, a second CURP
 * and a relative's CURP can be told apart. Dummy CURPs (XXXX…, a zero date) count as no CURP. Pure.
 */
import { isValidCurp, normalizeCurp } from '../curp.ts';
import { fold } from './text.ts';
import { PARTICLES } from './names.ts';

export interface CurpView {
  value: string;
  valid: boolean;
  /** Positions 1–10: the letters and the date. */
  first10: string;
  /** Positions 1–16: all but the homoclave and the check digit. */
  first16: string;
  /** The birth date the CURP states (century from position 17), when it reads as a real date. */
  birth: string | null;
  sex: string;
}

const SHAPE = /^[A-Z]{4}\d{6}[HMX][A-Z]{2}[A-Z0-9]{3}[A-Z0-9]\d$/;

/** Placeholders agencies type when they have no CURP: repeated letters, a zero date, the generic foreigner's code. */
export function looksDummy(curp: string): boolean {
  return sameRun(curp, 0, 4) || curp.startsWith('000000', 4) || curp.startsWith('XEXX010101') || longestRun(curp) >= 8;
}

/** The characters from `start` for `length` are all one. */
function sameRun(text: string, start: number, length: number): boolean {
  if (text.length < start + length) return false;
  for (let i = start + 1; i < start + length; i++) if (text.charCodeAt(i) !== text.charCodeAt(start)) return false;
  return true;
}

/** The longest run of one repeated character (loops, not a regular expression: millions of CURPs are read). */
function longestRun(text: string): number {
  let longest = text.length > 0 ? 1 : 0;
  for (let i = 1, run = 1; i < text.length; i++) {
    run = text.charCodeAt(i) === text.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  return longest;
}

const twoDigits = (text: string, at: number) => (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
const isDigit = (c: number) => c >= 48 && c <= 57;
const daysIn = (year: number, month: number) => (month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

function birthOf(curp: string): string | null {
  for (let i = 4; i < 10; i++) if (!isDigit(curp.charCodeAt(i))) return null;
  const year = (isDigit(curp.charCodeAt(16)) ? 1900 : 2000) + twoDigits(curp, 4);
  const month = twoDigits(curp, 6);
  const day = twoDigits(curp, 8);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${year}-${curp.slice(6, 8)}-${curp.slice(8, 10)}`;
}

/** A CURP cleaned (Ñ as X, no separators), or '' when absent, too short or a placeholder. */
export function curpValue(raw: string): string {
  // Most rows carry a clean CURP already: cleaning it again is most of the cost of reading one.
  const value = /^[A-Z0-9]{18}$/.test(raw) ? raw : normalizeCurp(raw).replace(/[^A-ZÑ0-9]/g, '').replace(/Ñ/g, 'X');
  return value.length < 16 || looksDummy(value) ? '' : value;
}

/** The CURP of a record, or null when it is absent, not shaped like a CURP at all, or a placeholder. */
export function readCurp(raw: string): CurpView | null {
  const value = curpValue(raw);
  if (value === '') return null;
  const valid = value.length === 18 && SHAPE.test(value) && isValidCurp(value);
  return { value, valid, first10: value.slice(0, 10), first16: value.slice(0, 16), birth: value.length === 18 ? birthOf(value) : null, sex: value[10] ?? '' };
}

const VOWELS = /[AEIOU]/;

function firstSignificant(folded: string, skipCommon: boolean): string {
  const words = folded.split(' ').filter((w) => w !== '' && !PARTICLES.has(w));
  if (skipCommon && words.length > 1 && ['MARIA', 'MA', 'JOSE', 'J'].includes(words[0])) return words[1];
  return words[0] ?? '';
}

/**
 * The four letters RENAPO would give these names: the first surname's initial and first inner vowel, the
 * second surname's initial (X when none), the first significant given name's initial. Ñ is X. The
 * inconvenient-word rule is left out on purpose: it only changes the second letter, and comparing the
 * other three is what matters here.
 */
export function curpLettersFor(firstSurname: string, secondSurname: string, givenName: string): string {
  const ap1 = firstSignificant(fold(firstSurname.replace(/Ñ/gi, 'X')), false);
  const ap2 = firstSignificant(fold(secondSurname.replace(/Ñ/gi, 'X')), false);
  const given = firstSignificant(fold(givenName.replace(/Ñ/gi, 'X')), true);
  if (ap1 === '' || given === '') return '';
  const innerVowel = [...ap1.slice(1)].find((c) => VOWELS.test(c)) ?? 'X';
  return `${ap1[0]}${innerVowel}${ap2 === '' ? 'X' : ap2[0]}${given[0]}`;
}
