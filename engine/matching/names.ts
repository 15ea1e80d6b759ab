/**
 * Spanish names as matching reads them. Given names become a list of tokens with abbreviations and
 * nicknames expanded (MA. → MARIA, GPE → GUADALUPE, PANCHO → FRANCISCO) and the «significant» ones
 * picked as the CURP does (particles dropped, MARIA and JOSE skipped when another name remains).
 * Surnames keep their folded text, a compact form (DE LA CRUZ and DELACRUZ alike) and their core (the
 * first word that is not a particle); a woman's married name («LÓPEZ DE HERNÁNDEZ», «DE HERNÁNDEZ») is
 * read apart from her own. Pure: the tables come from definitions/matching/nombres.json.
 */
import { fold, phoneticKey, Remembered, tokens } from './text.ts';

/** The surnames people have (a glued «DELACRUZ» is read as CRUZ only when CRUZ is one). */
export interface KnownSurnames {
  has(surname: string): boolean;
}

/** The name tables: nicknames (folded) → the names they stand for; surnames that begin with DE but are not married names. */
export interface NameTables {
  apodos: Readonly<Record<string, readonly string[]>>;
  abreviaturas: Readonly<Record<string, string>>;
  apellidosCompuestos: readonly string[];
}

export const PARTICLES: ReadonlySet<string> = new Set(['DE', 'DEL', 'LA', 'LAS', 'LOS', 'Y', 'MC', 'MAC', 'VAN', 'VON', 'DA', 'DI']);
const SKIPPED_GIVEN = new Set(['MARIA', 'JOSE']);
const GLUED_PREFIXES = ['DELOS', 'DELAS', 'DELA', 'DEL', 'DE'];

export interface GivenName {
  /** Every name token, particles dropped, abbreviations and unambiguous nicknames expanded. */
  all: string[];
  /** `all` as one text: what the registry's name frequencies count. */
  key: string;
  /** The ones that tell people apart: without MARIA/JOSE when another remains. */
  significant: string[];
  /** The sound of the first significant one (for blocking): kept with the name, which is read once and remembered. */
  sound: string;
}

/** Tables ready for look-ups: folded keys, compound surnames as a set, and the readings remembered. */
export interface PreparedTables {
  nickname: ReadonlyMap<string, readonly string[]>;
  abbreviation: ReadonlyMap<string, string>;
  compound: ReadonlySet<string>;
  remembered: {
    given: Remembered<GivenName>;
    /** Per set of known surnames (the reading of a glued «DELACRUZ» depends on it). */
    surnames: WeakMap<KnownSurnames, { first: Remembered<Surname>; second: Remembered<Omit<Surnames, 'first'>> }>;
    withoutKnown: { first: Remembered<Surname>; second: Remembered<Omit<Surnames, 'first'>> };
  };
}

function surnameReaders(t: Pick<PreparedTables, 'compound'>, known?: KnownSurnames) {
  return { first: new Remembered((raw) => readSurname(raw, known)), second: new Remembered((raw) => readSecondSurname(raw, t, known)) };
}

export function prepareTables(tables: NameTables): PreparedTables {
  const base = {
    nickname: new Map(Object.entries(tables.apodos).map(([k, v]) => [fold(k), v.map(fold)])),
    abbreviation: new Map(Object.entries(tables.abreviaturas).map(([k, v]) => [fold(k), fold(v)])),
    compound: new Set(tables.apellidosCompuestos.map(fold)),
  };
  return { ...base, remembered: { given: new Remembered((raw) => readGivenNameOnce(raw, base)), surnames: new WeakMap(), withoutKnown: surnameReaders(base) } };
}

export function readGivenName(raw: string, t: PreparedTables): GivenName {
  return t.remembered.given.get(raw);
}

function readGivenNameOnce(raw: string, t: Pick<PreparedTables, 'nickname' | 'abbreviation'>): GivenName {
  const all = tokens(fold(raw))
    .filter((w) => !PARTICLES.has(w))
    .map((w) => {
      const expanded = t.abbreviation.get(w) ?? w;
      const meant = t.nickname.get(expanded);
      // A nickname with one meaning is replaced; BETO (ALBERTO, ROBERTO, HUMBERTO) stays and is compared with each.
      return meant && meant.length === 1 ? meant[0] : expanded;
    });
  const significant = all.filter((w) => !SKIPPED_GIVEN.has(w));
  const kept = significant.length > 0 ? significant : all;
  return { all, key: all.join(' '), significant: kept, sound: phoneticKey(kept[0] ?? '') };
}

/** Two given-name tokens name the same: equal, or a nickname of several meanings and one of them. */
export function sameGivenToken(a: string, b: string, t: PreparedTables): boolean {
  return a === b || (t.nickname.get(a)?.includes(b) ?? false) || (t.nickname.get(b)?.includes(a) ?? false);
}

export interface Surname {
  /** Folded, with its particles: «DE LA CRUZ». '' when absent. */
  text: string;
  /** Without spaces: DE LA CRUZ and DELACRUZ are the same surname written two ways. */
  compact: string;
  /** The first word that is not a particle (CRUZ); glued particles taken off when the rest is a known surname. */
  core: string;
  /** The core's sound (for blocking): kept with the surname, which is read once and remembered. */
  sound: string;
}

const NO_SURNAME = new Set(['', 'X', 'XX', 'XXX', 'NA', 'N A', 'SN', 'S N', 'NO APLICA', 'SIN DATO', 'NINGUNO', 'NO TIENE']);

export function readSurname(raw: string, known?: KnownSurnames): Surname {
  const text = fold(raw);
  if (NO_SURNAME.has(text)) return { text: '', compact: '', core: '', sound: phoneticKey('') };
  const words = tokens(text);
  let core = words.find((w) => !PARTICLES.has(w)) ?? words[words.length - 1];
  if (words.length === 1 && known && !known.has(core)) {
    const prefix = GLUED_PREFIXES.find((p) => core.startsWith(p) && known.has(core.slice(p.length)));
    if (prefix) core = core.slice(prefix.length);
  }
  return { text, compact: text.replace(/ /g, ''), core, sound: phoneticKey(core) };
}

export interface Surnames {
  first: Surname;
  second: Surname;
  /** A married woman's husband's surname, when her second surname field carries «DE …». */
  married: Surname | null;
}

/**
 * «LÓPEZ DE HERNÁNDEZ» in the second-surname field is her own LÓPEZ and her husband's HERNÁNDEZ;
 * «DE HERNÁNDEZ» alone leaves her own unknown. Compound surnames (DE LA CRUZ, DE LEÓN, MONTES DE OCA)
 * are never read that way.
 */
export function readSurnames(first: string, second: string, t: PreparedTables, known?: KnownSurnames): Surnames {
  let readers = known ? t.remembered.surnames.get(known) : t.remembered.withoutKnown;
  if (!readers) {
    readers = surnameReaders(t, known);
    t.remembered.surnames.set(known!, readers);
  }
  return { first: readers.first.get(first), ...readers.second.get(second) };
}

function readSecondSurname(second: string, t: Pick<PreparedTables, 'compound'>, known?: KnownSurnames): Omit<Surnames, 'first'> {
  const text = fold(second);
  if (!t.compound.has(text)) {
    const alone = /^DE ([A-Z]+)$/.exec(text);
    if (alone && !PARTICLES.has(alone[1])) return { second: readSurname(''), married: readSurname(alone[1], known) };
    const both = /^([A-Z]+) DE ([A-Z]+)$/.exec(text);
    if (both && !PARTICLES.has(both[1]) && !PARTICLES.has(both[2])) {
      return { second: readSurname(both[1], known), married: readSurname(both[2], known) };
    }
  }
  return { second: readSurname(second, known), married: null };
}
