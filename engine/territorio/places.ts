/**
 * «Limpieza de ubicaciones»: a colonia or localidad written by hand («col. sta. maria», «Fracc Los
 * Olivos», «SANTIAGO DE QRO») matched to its catalog entry and its clave. Names are compared by a key:
 * accents folded, abbreviations spelled out, the kind of settlement and the little words left out, so
 * «Fracc. Jardines de la Hacienda» and «JARDINES HACIENDA» agree («Residencial», «Lomas», «Ampliación» are
 * part of a name and stay). A proposal is made only when one
 * entry fits better than every other: a name two entries share, or a typo close to two names, stays
 * unresolved for a person to decide, since a wrong clave is worse than none.
 */
import { fold, tokens, withinEdits } from '../matching/text.ts';

/** A catalog entry: a localidad (INEGI) or a colonia (SEPOMEX asentamiento). */
export interface Place {
  clave: string;
  nombre: string;
  /** Entidad and municipio (5 digits). */
  cveMun: string;
  codigoPostal?: string;
}

/** Where the text says the place is, when it says: both narrow the search. */
export interface PlaceContext {
  cveMun?: string | null;
  codigoPostal?: string | null;
}

/**
 * exacto and parecido: found where the text says (postal code, municipio). otro_municipio: found nowhere
 * there, but only one place in the whole catalog has the name. municipio_vecino: two places elsewhere have
 * it, and one of them lies in a municipio bordering the one written (the person lives on the border).
 */
export type PlaceReason = 'exacto' | 'parecido' | 'otro_municipio' | 'municipio_vecino';

export interface PlaceProposal {
  place: Place;
  motivo: PlaceReason;
}

export type PlaceOutcome = { found: PlaceProposal } | { unresolved: 'sin_texto' | 'sin_parecido' | 'ambiguo' };

/** Abbreviations as people write them, spelled out (a key compares words, not their short forms). */
const SPELLED: Record<string, string> = {
  STA: 'SANTA', STO: 'SANTO', SN: 'SAN', STGO: 'SANTIAGO', GRAL: 'GENERAL', LIC: 'LICENCIADO', DR: 'DOCTOR', PROF: 'PROFESOR',
  AMPL: 'AMPLIACION', AMP: 'AMPLIACION', RES: 'RESIDENCIAL', RESID: 'RESIDENCIAL', PTE: 'PONIENTE', OTE: 'ORIENTE', NTE: 'NORTE', SECC: 'SECCION', SEC: 'SECCION',
  PRIMERA: '1', '1RA': '1', '1A': '1', '1ER': '1', SEGUNDA: '2', '2DA': '2', '2A': '2', TERCERA: '3', '3RA': '3', '3A': '3',
  QRO: 'QUERETARO', SJR: 'SAN JUAN DEL RIO', FCO: 'FRANCISCO', MA: 'MARIA', NSTRA: 'NUESTRA', SRA: 'SENORA',
};

/** The kind of settlement and the little words: left out of the key (both sides), unless nothing else is left. */
const LEFT_OUT = new Set([
  'COLONIA', 'COL', 'FRACCIONAMIENTO', 'FRACC', 'FRAC', 'FTO', 'BARRIO', 'BO', 'UNIDAD', 'HABITACIONAL', 'UH',
  'CONDOMINIO', 'CONJUNTO', 'EJIDO', 'LOCALIDAD', 'LOC', 'COMUNIDAD', 'COM', 'DE', 'DEL', 'LA', 'LAS', 'LOS', 'EL', 'Y',
]);

/** A word as people write it, spelled out («STA» → SANTA; «SJR» → SAN JUAN DEL RIO); the word itself otherwise. */
export const spelledOut = (word: string): string[] => (SPELLED[word] ?? word).split(' ');

/** The kind of settlement or a little word («COL», «FRACC», «DE», «LOS»): not what tells one place from another. */
export const isLeftOut = (word: string): boolean => LEFT_OUT.has(word);

/** The key a place's name is compared by. */
export function placeKey(name: string): string {
  const words = tokens(fold(name.replace(/\[[^\]]*\]|\([^)]*\)/g, ' '))).flatMap(spelledOut);
  const kept = words.filter((w) => !isLeftOut(w));
  return (kept.length > 0 ? kept : words).join(' ');
}

/**
 * A typo in one or two words: the same number of words, each the same or one edit away when the catalog's
 * word has five letters or more. Short words are names of their own («LOMA», «JOYA», «OLMO»): one letter makes another.
 */
function typoApart(catalogKey: string, written: string): boolean {
  const [a, b] = [catalogKey, written];
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (wa.length !== wb.length) return false;
  let typos = 0;
  for (let i = 0; i < wa.length; i++) {
    if (wa[i] === wb[i]) continue;
    if (wa[i].length < 5 || !withinEdits(wa[i], wb[i], 1) || ++typos > 2) return false;
  }
  return true;
}

export interface Gazetteer {
  byKey: Map<string, Place[]>;
  byMunicipio: Map<string, Array<{ key: string; place: Place }>>;
  byPostalCode: Map<string, Array<{ key: string; place: Place }>>;
  /** Each municipio's neighbours (municipios.ts, from the outlines); none known, none used. */
  neighbours: ReadonlyMap<string, readonly string[]>;
}

export function gazetteer(places: readonly Place[], neighbours: ReadonlyMap<string, readonly string[]> = new Map()): Gazetteer {
  const g: Gazetteer = { byKey: new Map(), byMunicipio: new Map(), byPostalCode: new Map(), neighbours };
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => (map.get(key) ?? map.set(key, []).get(key)!).push(value);
  for (const place of places) {
    const key = placeKey(place.nombre);
    push(g.byKey, key, place);
    push(g.byMunicipio, place.cveMun, { key, place });
    if (place.codigoPostal) push(g.byPostalCode, place.codigoPostal, { key, place });
  }
  return g;
}

/** The one entry among these whose key is exactly `key`, or a typo or two away; several that fit equally: ambiguous. */
function bestIn(entries: ReadonlyArray<{ key: string; place: Place }>, key: string): PlaceOutcome | null {
  const exact = distinct(entries.filter((e) => e.key === key).map((e) => e.place));
  if (exact.length === 1) return { found: { place: exact[0], motivo: 'exacto' } };
  if (exact.length > 1) return { unresolved: 'ambiguo' };
  const near = distinct(entries.filter((e) => Math.abs(e.key.length - key.length) <= 2 && typoApart(e.key, key)).map((e) => e.place));
  if (near.length === 1) return { found: { place: near[0], motivo: 'parecido' } };
  if (near.length > 1) return { unresolved: 'ambiguo' };
  return null;
}

/** The same place listed twice (a colonia under two postal codes) counts once. */
const distinct = (places: Place[]) => [...new Map(places.map((p) => [p.clave, p])).values()];

/**
 * The catalog entry a written name stands for: looked for where the text says it is (postal code, then
 * municipio). A name found nowhere there is looked for elsewhere by its exact key, never a look-alike: one
 * place in the whole catalog with it is proposed as being in another municipio. Two places with it, one in a
 * municipio bordering the one written and one farther: the one next door, since people on a border write the
 * municipio next door. Three or more stay unresolved: a municipio written by a slip (any of them) falls
 * next to one of several places too often (bench/geo-eval.ts: allowing three doubles the wrong claves
 * when the wrong municipio is any, to 0.8–0.9 %, for one point more when it is a neighbour).
 */
export function resolvePlace(g: Gazetteer, text: string | null | undefined, context: PlaceContext = {}): PlaceOutcome {
  const key = placeKey(text ?? '');
  if (key === '') return { unresolved: 'sin_texto' };
  const scopes = [context.codigoPostal ? g.byPostalCode.get(context.codigoPostal) : undefined, context.cveMun ? g.byMunicipio.get(context.cveMun) : undefined].filter((s) => s !== undefined);
  for (const scope of scopes) {
    const found = bestIn(scope, key);
    if (found) return found;
  }
  const anywhere = distinct(g.byKey.get(key) ?? []);
  if (anywhere.length === 1) return { found: { place: anywhere[0], motivo: scopes.length > 0 ? 'otro_municipio' : 'exacto' } };
  if (anywhere.length === 0) return { unresolved: 'sin_parecido' };
  const nextDoor = new Set(context.cveMun ? g.neighbours.get(context.cveMun) : []);
  const besideWritten = anywhere.filter((p) => nextDoor.has(p.cveMun));
  if (anywhere.length === 2 && besideWritten.length === 1) return { found: { place: besideWritten[0], motivo: 'municipio_vecino' } };
  return { unresolved: 'ambiguo' };
}
