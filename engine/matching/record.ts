/**
 * A person's record as matching reads it: the registry's field names in, every field normalised once
 * (names, CURP by segment, the birth date in any agency format or from the CURP, phone digits, a
 * street key) and the sounds used for blocking. Pure.
 */
import { readDate } from '../padron/dates.ts';
import { readCurp, type CurpView } from './curp-view.ts';
import { readGivenName, readSurnames, type GivenName, type KnownSurnames, type PreparedTables, type Surnames } from './names.ts';
import { fold } from './text.ts';

/** The fields a record may carry, named as the registry names them; any may be empty or absent. */
export const MATCH_FIELDS = ['curp', 'primer_apellido', 'segundo_apellido', 'nombre', 'fecha_nacimiento', 'sexo', 'cve_mun', 'localidad', 'colonia', 'codigo_postal', 'calle', 'telefono'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];
export type MatchInput = { id: string } & Partial<Record<MatchField, string | null>>;

export interface PreparedRecord {
  id: string;
  curp: CurpView | null;
  birth: string | null;
  /** The date was not given and was read from the CURP: it is no evidence apart from the CURP. */
  birthFromCurp: boolean;
  sex: string;
  given: GivenName;
  surnames: Surnames;
  municipio: string;
  /** The street as given: its key (streetKey) is made only when two records of one municipio both have one. */
  streetText: string;
  phone: string;
  sound: { ap1: string; ap2: string; given: string };
}

const STREET_WORDS = /\b(CALLE|C|AV|AVE|AVENIDA|BLVD|BOULEVARD|PRIV|PRIVADA|NO|NUM|NUMERO|N|COL|COLONIA|INT|EXT|INTERIOR|EXTERIOR)\b/g;

/** Street and number without the words people add or leave out: «Av. Juárez No. 12» and «JUAREZ 12» alike. */
export function streetKey(street: string): string {
  if (street === '') return '';
  return fold(street).replace(/\bSIN NUMERO\b|\bS N\b/g, 'SN').replace(STREET_WORDS, ' ').replace(/\s+/g, ' ').trim();
}

export const phoneDigits = (phone: string): string => phone.replace(/\D/g, '').slice(-10);

function sexOf(value: string, curp: CurpView | null): string {
  if (value === 'H' || value === 'M') return value;
  const s = fold(value);
  if (s === 'H' || s === 'HOMBRE' || s === 'MASCULINO' || s === '1') return 'H';
  if (s === 'M' || s === 'MUJER' || s === 'FEMENINO' || s === '2') return 'M';
  if (s === 'X') return 'X';
  return curp?.valid ? curp.sex : '';
}

/** A field as text (module-level, not a closure per record: this runs for every record and every candidate). */
const textOf = (input: MatchInput, f: MatchField) => (input[f] ?? '').toString();

const municipioOf = (value: string) => (/^\d{3}$/.test(value) ? value : value.replace(/\D/g, '').slice(-3).padStart(3, '0').replace(/^000$/, ''));

export function prepareRecord(input: MatchInput, tables: PreparedTables, knownSurnames?: KnownSurnames): PreparedRecord {
  const curp = readCurp(textOf(input, 'curp'));
  const given = readDate(textOf(input, 'fecha_nacimiento'));
  const birth = given ?? (curp?.valid ? curp.birth : null);
  const givenName = readGivenName(textOf(input, 'nombre'), tables);
  const surnames = readSurnames(textOf(input, 'primer_apellido'), textOf(input, 'segundo_apellido'), tables, knownSurnames);
  return {
    id: input.id,
    curp,
    birth,
    birthFromCurp: given === null && birth !== null,
    sex: sexOf(textOf(input, 'sexo'), curp),
    given: givenName,
    surnames,
    municipio: municipioOf(textOf(input, 'cve_mun')),
    streetText: textOf(input, 'calle'),
    phone: phoneDigits(textOf(input, 'telefono')),
    sound: { ap1: surnames.first.sound, ap2: surnames.second.sound, given: givenName.sound },
  };
}
