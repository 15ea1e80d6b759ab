import { AppError } from '../../errors.ts';

/** What the queue's search box was given: a CURP, a folio, or words of a name. */
export type Search =
  | { kind: 'curp'; curp: string }
  | { kind: 'folio'; folio: string }
  /** The end of a folio as people read it aloud: «TUNI-123», or just its number «123». */
  | { kind: 'folioNumero'; numero: string; prefix: string | null }
  /** Each word is the beginning of a word of the name (a whole surname or given name, or its first letters), in any order. */
  | { kind: 'nombre'; words: string[] };

/** Whether a search looks up folios only (allowed to roles that do not see personal data). */
export function searchesFolio(search: Search | null): boolean {
  return search?.kind === 'folio' || search?.kind === 'folioNumero';
}

const CURP = /^[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z\d]\d$/;
const FOLIO = /^\d{2}\/\d{2}\/\d{4}-[A-Z]{2,8}-[1-9]\d*$/;
const FOLIO_TAIL = /^([A-Z]{2,8})-([1-9]\d{0,15})$/;
const FOLIO_NUMBER = /^[1-9]\d{0,15}$/;
const MAX_WORDS = 6;
/**
 * Shorter words are only checked on the names found by the others: «de» or «ma» begins a large
 * share of all names, and alone they would read every one.
 */
export const MIN_INDEXED_WORD = 3;

/** Lower case without accents, as the database's sipros_nombre_busqueda() stores names. */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * Words of a name: letters and digits (apostrophes kept inside: «O'Brien»), folded. A hyphen
 * parts words as a space does, as the database's sipros_palabras() does: «Pérez-Gómez» is found
 * by «gómez» too.
 */
export function nameWords(text: string): string[] {
  const words = foldName(text)
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
  return [...new Set(words)];
}

export function parseSearch(raw: string): Search | null {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  const upper = text.toUpperCase();
  if (CURP.test(upper)) return { kind: 'curp', curp: upper };
  if (FOLIO.test(upper)) return { kind: 'folio', folio: upper };
  const tail = FOLIO_TAIL.exec(upper.replace(/\s*-\s*/, '-'));
  if (tail) return { kind: 'folioNumero', prefix: tail[1], numero: tail[2] };
  if (FOLIO_NUMBER.test(upper)) return { kind: 'folioNumero', prefix: null, numero: upper };
  const words = nameWords(text);
  if (words.length > MAX_WORDS) throw new AppError('BAD_REQUEST', `Para buscar por nombre escribe como máximo ${MAX_WORDS} palabras.`);
  if (!words.some((w) => w.length >= MIN_INDEXED_WORD)) {
    throw new AppError('BAD_REQUEST', 'Escribe la CURP completa (18 caracteres), el folio (completo, o su final como TUNI-123, o solo su número) o al menos una palabra del nombre de 3 letras o más.');
  }
  return { kind: 'nombre', words };
}

/**
 * A LIKE pattern for a name with a space put before it (` perez lopez maria`): `word` at the start
 * of one of its words. LIKE's own wildcards in `word` are taken literally.
 */
export function wordStartPattern(word: string): string {
  return `% ${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
