/**
 * CURP (Clave Única de Registro de Población): normalization, validation and
 * the data a CURP carries (birth date, sex, state of birth).
 *
 * Rules from RENAPO's "Instructivo Normativo para la Asignación de la CURP"
 * (2006), as summarised in shared/data/SOURCES.md (section curp/):
 *
 *   pos  1     first letter of the first surname
 *   pos  2     first inner vowel of the first surname, or X
 *   pos  3-4   initials of the second surname (X if none) and the given name
 *   pos  5-10  birth date YYMMDD
 *   pos 11     sex: H, M, or X (issued since 2023 for non-binary persons)
 *   pos 12-13  state of birth (32 states + NE, born abroad)
 *   pos 14-16  first inner consonants of surnames and name (Ñ is written X)
 *   pos 17     differentiator: a digit for births 1900-1999, a letter for 2000-2099
 *   pos 18     check digit
 *
 * A valid CURP is only well formed; it does not prove that a person exists or
 * is unique (RENAPO has issued far more CURPs than there are inhabitants), so
 * matching people must also compare name, birth date and place.
 *
 * Pure module: no I/O, no clock, no platform APIs.
 */

import { CURP_STATES, INCONVENIENT_WORDS } from './curp-tables.ts';

export type CurpErrorCode =
  | 'LENGTH'
  | 'FORMAT'
  | 'DATE'
  | 'SEX'
  | 'STATE'
  | 'INCONVENIENT_WORD'
  | 'CHECK_DIGIT';

/** One failed rule, with a message in Spanish (es-MX) meant for the citizen who typed the CURP. */
export interface CurpError {
  code: CurpErrorCode;
  message: string;
}

/** H = hombre, M = mujer, X = no binario (issued by RENAPO since 2023). */
export type Sex = 'H' | 'M' | 'X';

export interface CurpInfo {
  /** YYYY-MM-DD; the century comes from position 17. */
  birthDate: string;
  sex: Sex;
  /** 2-letter CURP state code, e.g. 'QT'; 'NE' for people born abroad. */
  state: string;
  stateName: string;
  /** The state's name as a person reads it, e.g. 'Querétaro'. */
  stateLabel: string;
  /** INEGI entity code, e.g. '22' for QT; null for NE, which is not an INEGI entity. */
  stateInegi: string | null;
}

export type CurpResult =
  | { valid: true; curp: string; errors: []; info: CurpInfo }
  | { valid: false; curp: string; errors: CurpError[]; info: Partial<CurpInfo> };

export { CURP_STATES, INCONVENIENT_WORDS };

const STATES_BY_CODE: ReadonlyMap<string, (typeof CURP_STATES)[number]> = new Map(
  CURP_STATES.map((state) => [state.code, state]),
);

const CURP_LENGTH = 18;

/** Ñ sits between N and O, so letters after N are worth one more than in plain base-36. */
const CHECK_DIGIT_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

/**
 * Whitespace, hyphen-like dashes and zero-width characters: people copy CURPs
 * from PDFs and web pages that insert these, and none is ever part of a CURP.
 */
const SEPARATORS = /[\s\-\u2010-\u2015\u200B-\u200D]/g;

/**
 * Canonical form of a CURP as typed by a person: Unicode NFC (so a decomposed
 * "N + combining tilde" becomes the single letter Ñ), without spaces, hyphens or
 * zero-width characters anywhere, in upper case. Upper-casing uses the
 * locale-independent Unicode mapping (so 'i' is always 'I', even under a Turkish
 * locale). Ñ is kept as is: replacing it with X would hide an input error.
 */
export function normalizeCurp(raw: string): string {
  return raw.normalize('NFC').replace(SEPARATORS, '').toUpperCase();
}

/**
 * Check digit (position 18) of a CURP from its first 17 characters:
 * sum of value(char) × weight for weights 18 down to 2, where value is the
 * index in "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"; digit = (10 − sum mod 10) mod 10.
 * Expects upper case. Throws RangeError if there are not exactly 17 characters
 * or one of them is outside that alphabet.
 */
export function curpCheckDigit(first17: string): number {
  const chars = [...first17];
  if (chars.length !== CURP_LENGTH - 1) {
    throw new RangeError(
      `Para calcular el dígito verificador se necesitan 17 caracteres; se recibieron ${chars.length}.`,
    );
  }
  let sum = 0;
  chars.forEach((char, index) => {
    const value = CHECK_DIGIT_ALPHABET.indexOf(char);
    if (value < 0) {
      throw new RangeError(`El carácter «${char}» (posición ${index + 1}) no puede aparecer en una CURP.`);
    }
    sum += value * (CURP_LENGTH - index);
  });
  return (10 - (sum % 10)) % 10;
}

/**
 * Validates a CURP against every RENAPO rule and reports all failures at once,
 * so a citizen can fix everything in one go. The input is normalized first
 * (see normalizeCurp) and the normalized form is returned in `curp`.
 *
 * With a wrong length only LENGTH is reported: positions are then shifted and
 * any per-position complaint would mislead. Otherwise FORMAT reports characters
 * that are not of the kind their position requires, and DATE, SEX, STATE,
 * INCONVENIENT_WORD and CHECK_DIGIT report their own rule; one wrong character
 * may therefore produce FORMAT plus a specific code (e.g. sex 'Q': FORMAT, SEX).
 *
 * `info` holds whatever could be read reliably: all of it when valid, the
 * readable parts otherwise (e.g. the state even when the check digit is wrong).
 */
export function validateCurp(raw: string): CurpResult {
  const curp = normalizeCurp(raw);
  const chars = [...curp];

  if (chars.length !== CURP_LENGTH) {
    return { valid: false, curp, errors: [lengthError(chars.length)], info: {} };
  }

  const birth = readBirthDate(chars);
  const sex = readSex(chars);
  const state = STATES_BY_CODE.get(field(chars, 12, 13));

  const errors: CurpError[] = [];
  const formatProblems = describeFormatProblems(chars);
  if (formatProblems.length > 0) errors.push(formatError(formatProblems));
  if (!birth.possible) errors.push(dateError(field(chars, 5, 10)));
  if (sex === null) errors.push(sexError(field(chars, 11, 11)));
  if (state === undefined) errors.push(stateError(field(chars, 12, 13)));
  if (INCONVENIENT_WORDS.has(field(chars, 1, 4))) errors.push(inconvenientWordError());
  if (!checkDigitMatches(chars)) errors.push(checkDigitError());

  const info: Partial<CurpInfo> = {};
  if (birth.isoDate !== null) info.birthDate = birth.isoDate;
  if (sex !== null) info.sex = sex;
  if (state !== undefined) {
    info.state = state.code;
    info.stateName = state.name;
    info.stateLabel = state.label;
    info.stateInegi = state.inegi;
  }

  if (errors.length === 0 && isCompleteInfo(info)) {
    return { valid: true, curp, errors: [], info };
  }
  return { valid: false, curp, errors, info };
}

/** Every position of a well-formed CURP at once (the FORMAT rules above, in one expression). */
const WELL_FORMED = /^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z0-9]\d$/;

/**
 * Whether `curp` (already normalized) is valid: the same answer as validateCurp(curp).valid, without
 * building its report. Matching reads millions of CURPs and asks only this; a test holds the two equal.
 */
export function isValidCurp(curp: string): boolean {
  if (!WELL_FORMED.test(curp)) return false;
  const century = curp.charCodeAt(16) <= 57 ? 1900 : 2000;
  const year = century + Number(curp.slice(4, 6));
  const month = Number(curp.slice(6, 8));
  const day = Number(curp.slice(8, 10));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (!STATES_BY_CODE.has(curp.slice(11, 13)) || INCONVENIENT_WORDS.has(curp.slice(0, 4))) return false;
  let sum = 0;
  for (let i = 0; i < CURP_LENGTH - 1; i++) sum += CHECK_DIGIT_ALPHABET.indexOf(curp[i]) * (CURP_LENGTH - i);
  return curp.charCodeAt(17) - 48 === (10 - (sum % 10)) % 10;
}

/**
 * Age in whole years on `onDate` of someone born on `birthDate` (both 'YYYY-MM-DD').
 * Someone born on 29 February turns a year older on 1 March in non-leap years
 * (the usual civil reading in Mexico). Throws RangeError on a malformed or
 * impossible date, or when `onDate` is before `birthDate`.
 */
export function ageAt(birthDate: string, onDate: string): number {
  const birth = parseIsoDate(birthDate, 'nacimiento');
  const on = parseIsoDate(onDate, 'referencia');
  if (on.year < birth.year || (on.year === birth.year && compareMonthDay(on, birth) < 0)) {
    throw new RangeError(`La fecha de referencia (${onDate}) es anterior a la de nacimiento (${birthDate}).`);
  }
  // Comparing (month, day) pairs already handles 29 February: in a non-leap year
  // 28 Feb < (2, 29) < 1 Mar, so the birthday is reached on 1 March.
  const birthdayReached = compareMonthDay(on, birth) >= 0;
  return on.year - birth.year - (birthdayReached ? 0 : 1);
}

// ── Fields ────────────────────────────────────────────────────────────────

/** Characters from 1-based position `from` to `to`, inclusive, as in RENAPO's documentation. */
function field(chars: readonly string[], from: number, to: number): string {
  return chars.slice(from - 1, to).join('');
}

/** Whether a value is one of the sexes a CURP records. */
export const isSex = (value: string): value is Sex => value === 'H' || value === 'M' || value === 'X';

function readSex(chars: readonly string[]): Sex | null {
  const value = field(chars, 11, 11);
  return isSex(value) ? value : null;
}

/**
 * Position 17 tells the century: RENAPO assigns a digit to people born before
 * 2000 and a letter from 2000 on. Anything else (already a FORMAT error) leaves
 * the century unknown.
 */
function centuryOf(differentiator: string): 1900 | 2000 | null {
  if (/^[0-9]$/.test(differentiator)) return 1900;
  if (/^[A-Z]$/.test(differentiator)) return 2000;
  return null;
}

/**
 * Reads positions 5-10. `possible` is false only when no reading of the
 * characters gives a real calendar date, so DATE is reported for impossible
 * dates (month 13, 31 April, 29 Feb of a non-leap year) and not merely for a
 * non-digit year, which FORMAT already reports: any two-digit year exists, the
 * month and day are what can be impossible.
 */
function readBirthDate(chars: readonly string[]): { possible: boolean; isoDate: string | null } {
  const yy = field(chars, 5, 6);
  const mm = field(chars, 7, 8);
  const dd = field(chars, 9, 10);
  if (!/^\d\d$/.test(mm) || !/^\d\d$/.test(dd)) return { possible: false, isoDate: null };

  const month = Number(mm);
  const day = Number(dd);
  const century = centuryOf(field(chars, 17, 17));
  const yearIsReadable = /^\d\d$/.test(yy);

  let candidateYears: number[];
  if (yearIsReadable && century !== null) candidateYears = [century + Number(yy)];
  else if (yearIsReadable) candidateYears = [1900 + Number(yy), 2000 + Number(yy)];
  else candidateYears = [2000]; // a leap year: the most lenient reading of month and day

  const possible = candidateYears.some((year) => isRealDate(year, month, day));
  const isoDate =
    possible && yearIsReadable && century !== null ? isoDateString(century + Number(yy), month, day) : null;
  return { possible, isoDate };
}

function checkDigitMatches(chars: readonly string[]): boolean {
  const first17 = chars.slice(0, CURP_LENGTH - 1);
  // A character outside the alphabet makes the digit uncomputable; FORMAT
  // already reports it, and "wrong check digit" would be a guess.
  if (first17.some((char) => !CHECK_DIGIT_ALPHABET.includes(char))) return true;
  return chars[CURP_LENGTH - 1] === String(curpCheckDigit(first17.join('')));
}

function isCompleteInfo(info: Partial<CurpInfo>): info is CurpInfo {
  return (
    info.birthDate !== undefined &&
    info.sex !== undefined &&
    info.state !== undefined &&
    info.stateName !== undefined &&
    info.stateLabel !== undefined &&
    info.stateInegi !== undefined
  );
}

// ── Format ────────────────────────────────────────────────────────────────

const CONSONANT_OR_X = /^[B-DF-HJ-NP-TV-Z]+$/;

/** What each span of positions must contain, with the citizen-facing description. */
const FORMAT_SEGMENTS: ReadonlyArray<{ from: number; to: number; pattern: RegExp; requirement: string }> = [
  { from: 1, to: 1, pattern: /^[A-Z]$/, requirement: 'la posición 1 debe ser una letra' },
  { from: 2, to: 2, pattern: /^[AEIOUX]$/, requirement: 'la posición 2 debe ser una vocal o X' },
  { from: 3, to: 4, pattern: /^[A-Z]{2}$/, requirement: 'las posiciones 3 y 4 deben ser letras' },
  {
    from: 5,
    to: 10,
    pattern: /^\d{6}$/,
    requirement: 'las posiciones 5 a 10 deben ser dígitos (fecha de nacimiento AAMMDD)',
  },
  { from: 11, to: 11, pattern: /^[HMX]$/, requirement: 'la posición 11 debe ser H, M o X (sexo)' },
  { from: 12, to: 13, pattern: /^[A-Z]{2}$/, requirement: 'las posiciones 12 y 13 deben ser letras (entidad de nacimiento)' },
  { from: 14, to: 16, pattern: CONSONANT_OR_X, requirement: 'las posiciones 14 a 16 deben ser consonantes' },
  { from: 17, to: 17, pattern: /^[A-Z0-9]$/, requirement: 'la posición 17 debe ser una letra o un dígito' },
  { from: 18, to: 18, pattern: /^\d$/, requirement: 'la posición 18 debe ser un dígito (dígito verificador)' },
];

function describeFormatProblems(chars: readonly string[]): string[] {
  const problems = FORMAT_SEGMENTS.filter(({ from, to, pattern }) => !pattern.test(field(chars, from, to))).map(
    ({ requirement }) => requirement,
  );
  // The most common cause of an illegal character: RENAPO writes Ñ as X.
  if (problems.length > 0 && chars.includes('Ñ')) problems.push('en la CURP la Ñ se escribe X');
  return problems;
}

// ── Messages (es-MX) ──────────────────────────────────────────────────────

function lengthError(length: number): CurpError {
  return { code: 'LENGTH', message: `La CURP debe tener 18 caracteres; tiene ${length}.` };
}

function formatError(problems: readonly string[]): CurpError {
  return { code: 'FORMAT', message: `La CURP no tiene el formato correcto: ${problems.join('; ')}.` };
}

function dateError(yymmdd: string): CurpError {
  return {
    code: 'DATE',
    message: `La fecha de nacimiento de la CURP (posiciones 5 a 10, «${yymmdd}», en formato AAMMDD) no es una fecha que exista.`,
  };
}

function sexError(value: string): CurpError {
  return {
    code: 'SEX',
    message: `La posición 11 de la CURP indica el sexo y debe ser H (hombre), M (mujer) o X (no binario); dice «${value}».`,
  };
}

function stateError(value: string): CurpError {
  return {
    code: 'STATE',
    message: `Las posiciones 12 y 13 de la CURP («${value}») no corresponden a ninguna entidad federativa ni a NE (nacido en el extranjero).`,
  };
}

function inconvenientWordError(): CurpError {
  // The word itself is not echoed back to the citizen.
  return {
    code: 'INCONVENIENT_WORD',
    message:
      'Las primeras cuatro letras de la CURP forman una palabra que RENAPO no asigna (en esos casos cambia la segunda letra por X). Revisa que la hayas copiado bien.',
  };
}

function checkDigitError(): CurpError {
  return {
    code: 'CHECK_DIGIT',
    message:
      'El dígito verificador (último carácter) no corresponde al resto de la CURP; probablemente hay un error al copiarla. Revísala contra tu constancia de CURP.',
  };
}

// ── Calendar ──────────────────────────────────────────────────────────────

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function isoDateString(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parseIsoDate(text: string, label: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (date === null || !isRealDate(date.year, date.month, date.day)) {
    throw new RangeError(`La fecha de ${label} «${text}» no es válida; escríbela como año-mes-día, por ejemplo 1990-05-23.`);
  }
  return date;
}

function compareMonthDay(a: CalendarDate, b: CalendarDate): number {
  return a.month !== b.month ? a.month - b.month : a.day - b.day;
}
