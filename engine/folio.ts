/**
 * Folios of applications, in the format of the seed data:
 *
 *   DD/MM/YYYY-PREFIX-N      e.g. 18/11/2022-APTEC-43669
 *
 * DD/MM/YYYY is the local date in America/Mexico_City when the folio was issued,
 * PREFIX is the program's folio prefix (2 to 8 uppercase letters A-Z) and N is
 * the sequence, a positive integer written without leading zeros.
 *
 * Pure module: the instant to convert is always an argument, never the clock.
 */

export interface FolioParts {
  /** Local date in Mexico City, 'YYYY-MM-DD'. */
  date: string;
  prefix: string;
  sequence: number;
}

const PREFIX_PATTERN = /^[A-Z]{2,8}$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const FOLIO_PATTERN = /^(\d{2})\/(\d{2})\/(\d{4})-([A-Z]{2,8})-([1-9]\d*)$/;

/**
 * Builds a folio from its parts. Throws RangeError (message in Spanish) when the
 * date is not a real 'YYYY-MM-DD' date, the prefix is not 2-8 uppercase letters
 * A-Z, or the sequence is not a positive safe integer.
 * parseFolio(formatFolio(parts)) returns the same parts.
 */
export function formatFolio(input: FolioParts): string {
  const { date, prefix, sequence } = input;
  const head = folioHead(date, prefix);
  if (!isValidSequence(sequence)) {
    throw new RangeError(`El consecutivo del folio (${sequence}) debe ser un número entero positivo.`);
  }
  return head + String(sequence);
}

/**
 * The folio without its sequence ('DD/MM/YYYY-PREFIX-'), for when the database appends the
 * number in the same statement that takes it. Same checks as formatFolio.
 */
export function folioHead(date: string, prefix: string): string {
  const match = ISO_DATE_PATTERN.exec(date);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new RangeError(`La fecha del folio «${date}» no es válida; escríbela como año-mes-día, por ejemplo 2026-05-23.`);
  }
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new RangeError(`El prefijo del folio «${prefix}» no es válido; debe tener de 2 a 8 letras mayúsculas sin acentos (A-Z).`);
  }
  const [, year, month, day] = match;
  return `${day}/${month}/${year}-${prefix}-`;
}

/**
 * Reads a folio back into its parts, or returns null if the text is not exactly
 * a folio: wrong shape, impossible date, padded or unsafe sequence. No trimming
 * or case folding is done, so that every accepted text is the canonical one
 * (formatFolio(parseFolio(text)) === text).
 */
export function parseFolio(folio: string): FolioParts | null {
  const match = FOLIO_PATTERN.exec(folio);
  if (!match) return null;
  const [, day, month, year, prefix, sequenceText] = match;
  if (!isRealDate(Number(year), Number(month), Number(day))) return null;
  const sequence = Number(sequenceText);
  if (!isValidSequence(sequence)) return null;
  return { date: `${year}-${month}-${day}`, prefix, sequence };
}

/**
 * Mexico City's wall-clock date. Built once: the formatter holds no state that
 * changes between calls. Parts are read individually so the result does not
 * depend on how a locale orders or punctuates dates.
 */
const MEXICO_CITY_DATE = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Mexico_City',
  calendar: 'gregory',
  numberingSystem: 'latn',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  // Without an era, 6 BCE would come back as plain year "6"; with it, BCE is detectable.
  era: 'short',
});

/**
 * The 'YYYY-MM-DD' calendar date of `instant` in America/Mexico_City, using the
 * time-zone database of the runtime (Intl), so past offsets are right: UTC-5
 * during the summer time Mexico City used until October 2022, UTC-6 otherwise.
 * Throws RangeError for an invalid Date or a year outside 1-9999.
 */
export function localDateInMexicoCity(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError('La fecha y hora recibida no es válida.');
  }
  // Offsets change only on whole minutes, so one answer serves a whole minute; a submission asks
  // several times (eligibility, folio, SMS) and Intl formatting is comparatively slow.
  const minute = Math.floor(ms / 60_000);
  if (minute === lastMinute) return lastDate;
  const date = formatMexicoCityDate(instant);
  lastMinute = minute;
  lastDate = date;
  return date;
}

let lastMinute = Number.NaN;
let lastDate = '';

function formatMexicoCityDate(instant: Date): string {
  const parts = MEXICO_CITY_DATE.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const year = Number(part('year'));
  if (part('era') !== 'AD' || !Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError('La fecha está fuera del intervalo admitido (años 1 a 9999).');
  }
  return `${String(year).padStart(4, '0')}-${part('month')}-${part('day')}`;
}

function isValidSequence(sequence: number): boolean {
  return Number.isSafeInteger(sequence) && sequence > 0;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= daysInMonth;
}
