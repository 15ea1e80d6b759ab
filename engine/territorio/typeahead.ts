/**
 * Typing ahead among places: the address control lists the localidades and colonias whose name fits what
 * a person has typed so far, key by key. Names are read as the cleaning reads them (places.ts): accents
 * folded, abbreviations spelled out («sta» finds «Santa»), the kind of settlement and the little words not
 * needed («colonia penitas rio» finds «Peñitas del Río»). Each word typed must begin a word of the name, in
 * any order (the last one is still being typed); a slip in a word of five letters or more is forgiven, and
 * lists the place after those that fit without one. Pure.
 */
import { fold, Remembered, tokens, withinEdits } from '../matching/text.ts';
import { isLeftOut, spelledOut } from './places.ts';

/** How many places a list offers: more is scrolling on a phone, where one more letter narrows it. */
export const TYPEAHEAD_LIMIT = 20;

/** What was typed, by word: the words that must fit, and the little ones that only rank («de», «col»). */
export interface Typed {
  required: string[];
  optional: string[];
}

export function typedText(text: string): Typed {
  const words = tokens(fold(text));
  const required = words.filter((w) => !isLeftOut(w));
  // Only little words typed («la», «los»): they are the start of a name, so they must fit.
  if (required.length === 0) return { required: words, optional: [] };
  return { required, optional: words.filter(isLeftOut) };
}

/** A name's words as typed words are compared with: folded, abbreviations spelled out, little words kept. */
export const nameWords = (name: string): string[] => tokens(fold(name)).flatMap(spelledOut);

const alphabetically = new Intl.Collator('es').compare;

/** Each name is read once: a municipio's colonias are fitted again at every key a person types. */
const wordsOfName = new Remembered(nameWords);

const WHOLE_WORD = 3;
const WORD_START = 2;
const ONE_SLIP = 1;
/** Short words are names of their own (LOMA, JOYA): one letter more or less makes another. */
const SLIP_FROM = 5;

/** How well one typed word (as typed, not spelled out) fits the best of the name's words; 0: none. */
function wordFit(typed: string, words: readonly string[]): number {
  let best = 0;
  for (const word of words) {
    if (word === typed) return WHOLE_WORD;
    if (word.startsWith(typed)) best = WORD_START;
    else if (best === 0 && typed.length >= SLIP_FROM && slipApart(word, typed)) best = ONE_SLIP;
  }
  return best;
}

/** The typed word is one edit from the start of the name's word (typed partly) or from all of it. */
const slipApart = (word: string, typed: string) => withinEdits(word.slice(0, typed.length), typed, 1) || withinEdits(word.slice(0, typed.length + 1), typed, 1);

/** A word as typed, or spelled out («STA» → SANTA; «SJR» → SAN JUAN DEL RIO, every word of it), whichever fits better. */
function typedWordFit(typed: string, words: readonly string[]): number {
  const asTyped = wordFit(typed, words);
  const spelled = spelledOut(typed);
  if (spelled.length === 1 && spelled[0] === typed) return asTyped;
  return Math.max(asTyped, Math.min(...spelled.map((s) => wordFit(s, words))));
}

/** How well a name fits what was typed (higher is better); null when a word typed fits none of its words. */
export const typedFit = (typed: Typed, name: string): number | null => fitOfWords(typed, wordsOfName.get(name));

function fitOfWords(typed: Typed, words: readonly string[]): number | null {
  let fit = 0;
  for (const word of typed.required) {
    const f = typedWordFit(word, words);
    if (f === 0) return null;
    fit += f;
  }
  for (const word of typed.optional) fit += typedWordFit(word, words) > 0 ? 1 : 0;
  // A name that begins with what was typed first is the one being typed («pue»: El Pueblito before Alto Pueblo).
  const lead = words.find((w) => !isLeftOut(w)) ?? words[0];
  const first = typed.required[0];
  if (first !== undefined && (words[0]?.startsWith(first) || lead?.startsWith(first))) fit += 1;
  return fit;
}

export interface TypeAheadOptions<T> {
  limit?: number;
  /** Places listed before the others that fit (the colonias of the localidad chosen). */
  first?: (item: T) => boolean;
}

/**
 * The items whose name fits the text, the best first: those marked `first`, then by fit, the shorter name
 * (the place itself before «Ampliación …» of it), the name; nothing typed lists them in the order given.
 */
export function typeAhead<T>(items: readonly T[], text: string, nameOf: (item: T) => string, options: TypeAheadOptions<T> = {}): T[] {
  const { limit = TYPEAHEAD_LIMIT, first = () => false } = options;
  const typed = typedText(text);
  const fitting: Array<{ item: T; first: boolean; fit: number; words: number; name: string }> = [];
  for (const item of items) {
    const name = nameOf(item);
    const words = wordsOfName.get(name);
    const fit = typed.required.length === 0 ? 0 : fitOfWords(typed, words);
    if (fit !== null) fitting.push({ item, first: first(item), fit, words: words.length, name });
  }
  if (typed.required.length === 0) return [...fitting.filter((f) => f.first), ...fitting.filter((f) => !f.first)].slice(0, limit).map((f) => f.item);
  fitting.sort((a, b) => Number(b.first) - Number(a.first) || b.fit - a.fit || a.words - b.words || alphabetically(a.name, b.name));
  return fitting.slice(0, limit).map((f) => f.item);
}
