/**
 * Builds the CURP that RENAPO would assign to an invented person, following the
 * Instructivo Normativo (2006) as summarised in shared/data/SOURCES.md:
 *
 *   1   first letter of the first surname (Ñ→X)
 *   2   first inner vowel of the first surname, or X
 *   3   first letter of the second surname, or X when there is none
 *   4   first letter of the given name (MARIA/MA/JOSE/J skipped when another name follows)
 *   5-10  birth date YYMMDD
 *   11  sex H/M
 *   12-13 state of birth
 *   14-16 first inner consonants of first surname, second surname and given name (X when none)
 *   17  homoclave: a digit for births before 2000, a letter from 2000 on
 *   18  check digit
 *
 * Particles (DE, DEL, LA, LAS, LOS, Y, MC, MAC, VON, VAN, …) are skipped in compound
 * surnames and names; when the first four letters spell an inconvenient word the
 * second letter becomes X. Only for the labelled synthetic set of bench/matching.
 */
import { curpCheckDigit } from '../../engine/curp.ts';
import { INCONVENIENT_WORDS } from '../../engine/curp-tables.ts';

/** Words RENAPO skips in compound surnames and given names. */
export const PARTICLES: ReadonlySet<string> = new Set([
  'DA', 'DAS', 'DE', 'DEL', 'DER', 'DI', 'DIE', 'DD', 'EL', 'LA', 'LAS', 'LOS', 'LE', 'LES', 'Y', 'MC', 'MAC', 'VAN', 'VON',
]);

/** Given names that RENAPO skips when another given name follows. */
const SKIPPED_GIVEN = new Set(['MARIA', 'MA', 'M', 'JOSE', 'J']);

const VOWELS = 'AEIOU';

export interface CurpPerson {
  primerApellido: string;
  segundoApellido: string;
  nombre: string;
  /** YYYY-MM-DD */
  fechaNacimiento: string;
  sexo: 'H' | 'M';
  /** Two-letter CURP state code, e.g. 'QT'. */
  estado: string;
}

/**
 * Upper case, accents removed except Ñ, which becomes X (as in a CURP), Ü→U,
 * punctuation ('.', '-', '/', "'") as a space, tokens split on spaces.
 */
export function curpTokens(text: string): string[] {
  const upper = text
    .toUpperCase()
    .replace(/Ñ/g, '\u0001')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\u0001/g, 'X')
    .replace(/[^A-Z ]/g, ' ');
  return upper.split(' ').filter((t) => t.length > 0);
}

/** The word RENAPO reads in a surname: the first one that is not a particle. */
function significantSurname(surname: string): string {
  const tokens = curpTokens(surname);
  const word = tokens.find((t) => !PARTICLES.has(t));
  return word ?? tokens[0] ?? '';
}

/** The given name RENAPO reads: the first significant one, skipping MARIA/JOSE when another follows. */
function significantGiven(nombre: string): string {
  const raw = curpTokens(nombre);
  const tokens = raw.filter((t) => !PARTICLES.has(t));
  if (tokens.length === 0) return raw[0] ?? '';
  if (tokens.length > 1 && SKIPPED_GIVEN.has(tokens[0])) return tokens[1];
  return tokens[0];
}

function firstInnerVowel(word: string): string {
  for (let i = 1; i < word.length; i++) if (VOWELS.includes(word[i])) return word[i];
  return 'X';
}

function firstInnerConsonant(word: string): string {
  for (let i = 1; i < word.length; i++) if (!VOWELS.includes(word[i])) return word[i];
  return 'X';
}

const initial = (word: string): string => (word.length > 0 ? word[0] : 'X');

/** The four letters of positions 1-4 and the three consonants of positions 14-16. */
export function curpLetters(primerApellido: string, segundoApellido: string, nombre: string): { head: string; consonants: string } {
  const ap1 = significantSurname(primerApellido);
  const ap2 = significantSurname(segundoApellido);
  const given = significantGiven(nombre);
  let head = initial(ap1) + (ap1 ? firstInnerVowel(ap1) : 'X') + initial(ap2) + initial(given);
  if (INCONVENIENT_WORDS.has(head)) head = head[0] + 'X' + head.slice(2);
  const consonants =
    (ap1 ? firstInnerConsonant(ap1) : 'X') + (ap2 ? firstInnerConsonant(ap2) : 'X') + (given ? firstInnerConsonant(given) : 'X');
  return { head, consonants };
}

/** Positions 1-16: everything except the homoclave and the check digit. */
export function curpPrefix16(p: CurpPerson): string {
  const { head, consonants } = curpLetters(p.primerApellido, p.segundoApellido, p.nombre);
  const date = p.fechaNacimiento.slice(2, 4) + p.fechaNacimiento.slice(5, 7) + p.fechaNacimiento.slice(8, 10);
  return head + date + p.sexo + p.estado + consonants;
}

/** A full CURP from the first 16 positions and a homoclave (position 17): the check digit is computed. */
export function completeCurp(prefix16: string, homoclave: string): string {
  const first17 = prefix16 + homoclave;
  return first17 + String(curpCheckDigit(first17));
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A homoclave drawn from `random` (a function returning [0, 1)): a digit before 2000, a letter from 2000 on. */
export function drawHomoclave(fechaNacimiento: string, random: () => number): string {
  const year = Number(fechaNacimiento.slice(0, 4));
  if (year < 2000) return String(Math.floor(random() * 10));
  return LETTERS[Math.floor(random() * 26)];
}

/** The CURP of a person, with a homoclave drawn from `random`. */
export function buildCurp(p: CurpPerson, random: () => number): string {
  return completeCurp(curpPrefix16(p), drawHomoclave(p.fechaNacimiento, random));
}
