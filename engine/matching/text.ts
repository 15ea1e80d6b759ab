/**
 * Text as matching sees it: folded (no accents, Ñ as N, upper case, punctuation as spaces), split
 * into tokens, compared by a bounded edit distance, and keyed by a Spanish phonetic code. Pure.
 */

/**
 * Readings already made, by the text as written: a registry of millions holds far fewer distinct names
 * than people, and reading one (folding accents, expanding nicknames) costs more than looking it up.
 * The readings are shared, so they are never modified.
 */
export class Remembered<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly read: (raw: string) => T) {}

  get(raw: string): T {
    let value = this.map.get(raw);
    if (value === undefined) {
      // Bounded: a stream of unique junk cannot grow it without end.
      if (this.map.size >= 2_000_000) this.map.clear();
      value = this.read(raw);
      this.map.set(raw, value);
    }
    return value;
  }
}

/** Accents and Ñ folded, upper case, punctuation and symbols as spaces, spaces collapsed. «Peña-Nieto» → «PENA NIETO». */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/~/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const tokens = (folded: string): string[] => (folded === '' ? [] : folded.split(' '));

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two neighbours),
 * stopping as soon as it exceeds `max`: names are compared by «one typo apart», never by the full distance.
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > max) return false;
  return max === 1 ? oneEditApart(a, b) : tableWithin(a, b, max);
}

/** Edits counted by the table (optimal string alignment), stopping once a row exceeds `max`. */
export function tableWithin(a: string, b: string, max: number): boolean {
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return false;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] <= max;
}

/** The characters of `a` from `i` and of `b` from `j` to the end are the same (no copies made). */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/**
 * At most one edit (a letter changed, added or left out, or two neighbours swapped), without the table: the
 * common start is skipped and the rest compared once. Matching asks this for every surname and CURP of every
 * candidate. Equal to tableWithin(a, b, 1) (a test holds them equal).
 */
function oneEditApart(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (a.length === b.length) {
    if (i === a.length || sameFrom(a, i + 1, b, i + 1)) return true;
    return i + 1 < a.length && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameFrom(a, i + 2, b, i + 2);
  }
  return a.length < b.length ? sameFrom(a, i, b, i + 1) : sameFrom(a, i + 1, b, i);
}

/** One typo apart, for words long enough that one typo does not make another common word (ANA/ANA, LUZ/LUIS). */
export const oneTypoApart = (a: string, b: string): boolean => a.length >= 4 && b.length >= 4 && withinEdits(a, b, 1);

/**
 * Spanish sounds spelled one way: LL→Y, QU→K, CH→C (its own sound, kept apart from K), GUE/GUI→GE/GI,
 * CE/CI→SE/SI, GE/GI→JE/JI, V→B, Z→S, X→J (MÉXICO, XAVIER), C→K, silent H, doubled letters once.
 * Vowels are kept: with a skeleton-only key JOSÉ and JESÚS collide.
 */
export const soundOf = (folded: string): string => sounds.get(folded);

const sounds = new Remembered(readSound);

function readSound(folded: string): string {
  let s = folded.replace(/[^A-Z]/g, '');
  s = s
    .replace(/LL/g, 'Y')
    .replace(/QU/g, 'K')
    .replace(/CH/g, '#')
    .replace(/GU([EI])/g, '%$1')
    .replace(/C([EI])/g, 'S$1')
    .replace(/G([EI])/g, 'J$1')
    .replace(/%/g, 'G')
    .replace(/V/g, 'B')
    .replace(/Z/g, 'S')
    .replace(/X/g, 'J')
    .replace(/C/g, 'K')
    .replace(/W/g, 'U')
    .replace(/Y(?=[^AEIOU]|$)/g, 'I')
    .replace(/H/g, '')
    .replace(/#/g, 'C');
  return s.replace(/(.)\1+/g, '$1');
}

/** The consonant skeleton of a sound, first letter kept: HERNÁNDEZ → ERNDS. A blocking key, never a comparison. */
export function phoneticKey(folded: string): string {
  const sound = soundOf(folded);
  if (sound === '') return '';
  return (sound[0] + sound.slice(1).replace(/[AEIOU]/g, '')).replace(/(.)\1+/g, '$1');
}
