/**
 * A deterministic labelled synthetic set of invented Mexican people (Querétaro), for
 * measuring record linkage: a registry (one clean-ish row per person, households of
 * 2–6 people) and incoming rows, ~70 % of which are registry people perturbed the way
 * agencies write them, ~30 % not in the registry (new people and hard near-non-matches:
 * siblings, twins, namesakes, a relative's CURP, dummy CURPs). Each incoming row is
 * labelled with its true registry id (or null) and tags of what was done to it.
 *
 *   npx tsx bench/matching/generate.ts --semilla 1 --registro 20000 --entrantes 5000 --salida /tmp/x
 *
 * writes registro.csv, entrantes.csv and verdad.csv in --salida.
 */
import { seededRandom } from '../../engine/matching/training.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { validateCurp } from '../../engine/curp.ts';
import { completeCurp, curpLetters, curpPrefix16, drawHomoclave, PARTICLES, type CurpPerson } from './curp-build.ts';
import {
  ABBREVIATIONS,
  COLONIAS,
  FEMALE_NAMES,
  MALE_NAMES,
  MUNICIPIOS,
  NICKNAMES,
  OTHER_BIRTH_STATES,
  STREET_TYPES,
  STREETS,
  SURNAMES,
  type Municipio,
} from './names.ts';

export interface PersonRecord {
  id: string;
  curp: string;
  primer_apellido: string;
  segundo_apellido: string;
  nombre: string;
  fecha_nacimiento: string;
  sexo: string;
  cve_mun: string;
  localidad: string;
  colonia: string;
  codigo_postal: string;
  calle: string;
  telefono: string;
}

export interface LabelledSet {
  registry: PersonRecord[];
  incoming: PersonRecord[];
  /** incoming id → the registry id of the same person, or null when the person is not in the registry */
  truth: Map<string, string | null>;
  /** incoming id → tags of what was done to it */
  kinds: Map<string, string[]>;
  /** registry id → what is wrong with the registry row itself ('curp_error', 'curp_ficticia', 'sin_telefono'); clean rows are absent */
  registryKinds: Map<string, string[]>;
  /** registry and incoming id → household number (people of one household share address and phone) */
  household: Map<string, number>;
}

export const RECORD_COLUMNS = [
  'id', 'curp', 'primer_apellido', 'segundo_apellido', 'nombre', 'fecha_nacimiento', 'sexo',
  'cve_mun', 'localidad', 'colonia', 'codigo_postal', 'calle', 'telefono',
] as const satisfies ReadonlyArray<keyof PersonRecord>;

/** Tags of true matches. */
export const MATCH_TAGS = [
  'exacta', 'curp_falta', 'curp_error', 'curp_segunda', 'curp_ficticia', 'curp_formato', 'acentos', 'enie',
  'abreviatura', 'apodo', 'nombre_parcial', 'apellidos_invertidos', 'sin_segundo_apellido', 'casada',
  'particula_pegada', 'error_nombre', 'error_apellido', 'fecha_dia_mes', 'fecha_anio', 'fecha_dias',
  'fecha_falta', 'fecha_formato', 'mudanza', 'sin_telefono',
] as const;

/** Tags of non-matches. */
export const NON_MATCH_TAGS = ['nuevo', 'hermano', 'gemelo', 'homonimo', 'curp_familiar', 'curp_ficticia'] as const;

/** Placeholders agencies type when there is no CURP: well formed, not valid. */
export const DUMMY_PLACEHOLDERS: readonly string[] = ['XXXX000000HQTXXX00', 'XXXX000000MQTXXX00', 'AAAA010101HQTAAA01'];
/** One valid CURP reused by many unrelated rows (an invented person, PRUEBA PRUEBA PRUEBA). */
export const SHARED_VALID_CURP: string = completeCurp(
  curpPrefix16({ primerApellido: 'PRUEBA', segundoApellido: 'PRUEBA', nombre: 'PRUEBA', fechaNacimiento: '1980-01-01', sexo: 'H', estado: 'QT' }),
  '0',
);
export const DUMMY_CURPS: readonly string[] = [...DUMMY_PLACEHOLDERS, SHARED_VALID_CURP];

// ── Random source ──────────────────────────────────────────────────────────

/** mulberry32, the engine's seeded source (the one training uses): returns [0, 1). */
export const mulberry32 = seededRandom;

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed ^ 0x5eed1234);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** Weighted draws by binary search over cumulative weights. */
class Weighted<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;
  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }
  draw(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

const zipf = <T>(items: readonly T[], offset: number) => new Weighted(items, items.map((_, i) => 1 / (i + 1 + offset)));

const SURNAME_DRAW = zipf(SURNAMES, 8);
const FEMALE_DRAW = zipf(FEMALE_NAMES, 6);
const MALE_DRAW = zipf(MALE_NAMES, 6);
const SINGLE_FEMALE = FEMALE_NAMES.filter((n) => !n.includes(' '));
const SINGLE_MALE = MALE_NAMES.filter((n) => !n.includes(' '));
const MUNICIPIO_DRAW = new Weighted(MUNICIPIOS, MUNICIPIOS.map((m) => m.peso));
const OTHER_STATE_DRAW = new Weighted(OTHER_BIRTH_STATES.map(([c]) => c), OTHER_BIRTH_STATES.map(([, w]) => w));

// ── People and households ──────────────────────────────────────────────────

type Sexo = 'H' | 'M';
type Role = 'padre' | 'madre' | 'hijo' | 'abuela';

interface Person {
  ap1: string;
  ap2: string;
  nombre: string;
  fecha: string;
  sexo: Sexo;
  estado: string;
  curp: string;
  role: Role;
  hh: number;
}

interface Household {
  id: number;
  mun: Municipio;
  localidad: string;
  colonia: string;
  cp: string;
  calle: string;
  telefono: string;
  members: Person[];
  childAp1: string;
  childAp2: string;
  motherYear: number;
  /** Surname of the mother's husband, when there is one. */
  husband: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
const iso = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;

function randomDate(rng: Rng, year: number): string {
  const m = rng.between(1, 12);
  return iso(year, m, rng.between(1, daysIn(year, m)));
}

function shiftDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86400000;
  const d = new Date(t);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const stripAccents = (s: string) =>
  s.replace(/Ñ/g, '\u0001').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\u0001/g, 'Ñ');

/** Key of a given name in a CURP: its initial and first inner consonant (positions 4 and 16). */
const givenKey = (nombre: string) => {
  const { head, consonants } = curpLetters('A', 'A', nombre);
  return head[3] + consonants[2];
};

const NAMES_BY_KEY = new Map<string, string[]>();
for (const [sexo, names] of [['H', MALE_NAMES], ['M', FEMALE_NAMES]] as const) {
  for (const n of names) {
    const k = sexo + givenKey(n);
    const bucket = NAMES_BY_KEY.get(k) ?? [];
    bucket.push(n);
    NAMES_BY_KEY.set(k, bucket);
  }
}

class Generator {
  readonly rng: Rng;
  readonly households: Household[] = [];
  private readonly issued = new Set<string>();

  constructor(seed: number) {
    this.rng = new Rng(seed);
    for (const d of DUMMY_CURPS) this.issued.add(d);
  }

  surname(): string {
    return SURNAME_DRAW.draw(this.rng);
  }

  givenName(sexo: Sexo): string {
    return (sexo === 'H' ? MALE_DRAW : FEMALE_DRAW).draw(this.rng);
  }

  birthState(child: boolean): string {
    return this.rng.chance(child ? 0.9 : 0.78) ? 'QT' : OTHER_STATE_DRAW.draw(this.rng);
  }

  /** A CURP no one else has: RENAPO's homoclave tells homonyms apart. */
  curpFor(p: CurpPerson, avoidHomoclave = ''): string {
    const prefix = curpPrefix16(p);
    for (let attempt = 0; ; attempt++) {
      const h = drawHomoclave(p.fechaNacimiento, this.rng.next);
      if (h === avoidHomoclave && attempt < 100) continue;
      const curp = completeCurp(prefix, h);
      if (!this.issued.has(curp) || attempt >= 200) {
        this.issued.add(curp);
        return curp;
      }
    }
  }

  person(ap1: string, ap2: string, nombre: string, fecha: string, sexo: Sexo, role: Role, hh: number, estado?: string): Person {
    const st = estado ?? this.birthState(role === 'hijo');
    const curp = this.curpFor({ primerApellido: ap1, segundoApellido: ap2, nombre, fechaNacimiento: fecha, sexo, estado: st });
    return { ap1, ap2, nombre, fecha, sexo, estado: st, curp, role, hh };
  }

  phone(mun: Municipio): string {
    return this.rng.pick(mun.lada) + String(this.rng.int(10_000_000)).padStart(7, '0');
  }

  address(mun: Municipio): Pick<Household, 'mun' | 'localidad' | 'colonia' | 'cp' | 'calle' | 'telefono'> {
    const rng = this.rng;
    const number = rng.chance(0.06) ? 'S/N' : String(rng.between(1, rng.chance(0.7) ? 300 : 2500));
    return {
      mun,
      localidad: rng.pick(mun.localidades),
      colonia: rng.pick(COLONIAS),
      cp: rng.pick(mun.cp) + pad2(rng.int(100)),
      calle: `${rng.pick(STREET_TYPES)} ${rng.pick(STREETS)} ${number}`,
      telefono: this.phone(mun),
    };
  }

  /** A name for a new member of a household that no other member has. */
  freshName(hh: Household, sexo: Sexo): string {
    for (let i = 0; ; i++) {
      const n = this.givenName(sexo);
      if (i > 20 || !hh.members.some((m) => m.nombre === n)) return n;
    }
  }

  /** A twin's given name: different from the sibling's, same CURP initial and consonant (often a shared token). */
  twinName(sibling: Person): string {
    const taken = new Set(this.households[sibling.hh]?.members.map((m) => m.nombre) ?? []);
    taken.add(sibling.nombre);
    const candidates = (NAMES_BY_KEY.get(sibling.sexo + givenKey(sibling.nombre)) ?? []).filter((n) => !taken.has(n));
    const tokens = sibling.nombre.split(' ');
    const sharing = candidates.filter((n) => n.split(' ').some((t) => tokens.includes(t) && !PARTICLES.has(t)));
    if (sharing.length > 0 && this.rng.chance(0.8)) return this.rng.pick(sharing);
    if (candidates.length > 0 && this.rng.chance(0.5)) return this.rng.pick(candidates);
    // The significant token plus another name, e.g. JUAN → JUAN PABLO.
    const skipped = ['MARÍA', 'JOSÉ'];
    const significant = tokens.find((t, i) => !PARTICLES.has(t) && !(i === 0 && skipped.includes(t) && tokens.length > 1)) ?? tokens[0];
    const singles = sibling.sexo === 'H' ? SINGLE_MALE : SINGLE_FEMALE;
    const key = givenKey(sibling.nombre);
    for (let attempt = 0; attempt < 60; attempt++) {
      const other = this.rng.pick(singles);
      const name = attempt < 40 ? `${significant} ${other}` : `${other} ${significant}`;
      if (other !== significant && !taken.has(name) && !skipped.includes(other) && givenKey(name) === key) return name;
    }
    if (candidates.length > 0) return this.rng.pick(candidates);
    return `${sibling.nombre} ${this.rng.pick(singles)}`;
  }

  childYear(hh: Household, taken: readonly number[]): number | null {
    const lo = Math.max(1935, hh.motherYear + 17);
    const hi = Math.min(2024, hh.motherYear + 43);
    if (lo > hi) return null;
    for (let i = 0; i < 12; i++) {
      const y = this.rng.between(lo, hi);
      if (!taken.includes(y)) return y;
    }
    return null;
  }

  child(hh: Household, year: number): Person {
    const sexo: Sexo = this.rng.chance(0.5) ? 'H' : 'M';
    return this.person(hh.childAp1, hh.childAp2, this.freshName(hh, sexo), randomDate(this.rng, year), sexo, 'hijo', hh.id);
  }

  twinOf(sibling: Person): Person {
    const nombre = this.twinName(sibling);
    const p: CurpPerson = { primerApellido: sibling.ap1, segundoApellido: sibling.ap2, nombre, fechaNacimiento: sibling.fecha, sexo: sibling.sexo, estado: sibling.estado };
    const curp = this.curpFor(p, sibling.curp[16]);
    return { ...sibling, nombre, curp };
  }

  household(): Household {
    const rng = this.rng;
    const id = this.households.length;
    const hh: Household = { id, ...this.address(MUNICIPIO_DRAW.draw(rng)), members: [], childAp1: '', childAp2: '', motherYear: 0, husband: '' };
    this.households.push(hh);
    const type = rng.next();
    if (type < 0.07) {
      // An older couple on their own.
      const y = rng.between(1935, 1965);
      const father = this.person(this.surname(), this.surname(), this.givenName('H'), randomDate(rng, Math.max(1935, y - rng.between(0, 5))), 'H', 'padre', id);
      const mother = this.person(this.surname(), this.surname(), this.givenName('M'), randomDate(rng, y), 'M', 'madre', id);
      hh.members.push(father, mother);
      hh.motherYear = y;
      hh.husband = father.ap1;
      hh.childAp1 = father.ap1;
      hh.childAp2 = mother.ap1;
    } else {
      const single = type < 0.25;
      const motherYear = Math.round(1938 + 68 * Math.pow(rng.next(), 0.8));
      hh.motherYear = motherYear;
      const mother = this.person(this.surname(), this.surname(), this.givenName('M'), randomDate(rng, motherYear), 'M', 'madre', id);
      if (single) {
        const withFatherName = rng.chance(0.5);
        hh.childAp1 = withFatherName ? this.surname() : mother.ap1;
        hh.childAp2 = withFatherName ? mother.ap1 : mother.ap2;
        hh.members.push(mother);
      } else {
        const fatherYear = Math.min(2004, Math.max(1935, motherYear + rng.between(-2, 8)));
        const father = this.person(this.surname(), this.surname(), this.givenName('H'), randomDate(rng, fatherYear), 'H', 'padre', id);
        hh.husband = father.ap1;
        hh.childAp1 = father.ap1;
        hh.childAp2 = mother.ap1;
        hh.members.push(father, mother);
        const grandYear = fatherYear - rng.between(20, 38);
        if (rng.chance(0.1) && grandYear >= 1935) {
          hh.members.push(this.person(father.ap2, this.surname(), this.givenName('M'), randomDate(rng, grandYear), 'M', 'abuela', id));
        }
      }
      const wanted = Math.min(6 - hh.members.length, single ? rng.between(1, 4) : rng.between(0, 4));
      const years: number[] = [];
      for (let i = 0; i < wanted; i++) {
        const last = hh.members[hh.members.length - 1];
        if (last.role === 'hijo' && rng.chance(0.03)) {
          hh.members.push(this.twinOf(last));
          continue;
        }
        const y = this.childYear(hh, years);
        if (y === null) break;
        years.push(y);
        hh.members.push(this.child(hh, y));
      }
      if (hh.members.length < 2) {
        // A single mother too young for children lives with her own mother.
        const grandYear = Math.max(1935, motherYear - rng.between(18, 35));
        hh.members.push(this.person(mother.ap2 === '' ? this.surname() : mother.ap1, this.surname(), this.givenName('M'), randomDate(rng, grandYear), 'M', 'abuela', id));
      }
    }
    return hh;
  }

  record(id: string, p: Person, hh: Household): PersonRecord {
    return {
      id,
      curp: p.curp,
      primer_apellido: p.ap1,
      segundo_apellido: p.ap2,
      nombre: p.nombre,
      fecha_nacimiento: p.fecha,
      sexo: p.sexo,
      cve_mun: hh.mun.cve,
      localidad: hh.localidad,
      colonia: hh.colonia,
      codigo_postal: hh.cp,
      calle: hh.calle,
      telefono: hh.telefono,
    };
  }

  // ── Perturbations ────────────────────────────────────────────────────────

  /** One character of a CURP changed so that it no longer validates. */
  typoCurp(curp: string): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    for (;;) {
      const i = this.rng.int(18);
      const c = alphabet[this.rng.int(alphabet.length)];
      if (c === curp[i]) continue;
      const typo = curp.slice(0, i) + c + curp.slice(i + 1);
      if (!validateCurp(typo).valid) return typo;
    }
  }

  dummyCurp(): string {
    return this.rng.chance(0.25) ? SHARED_VALID_CURP : this.rng.pick(DUMMY_PLACEHOLDERS);
  }

  secondCurp(p: Person): string {
    const prefix = p.curp.slice(0, 16);
    if (this.rng.chance(0.7)) {
      for (;;) {
        const h = drawHomoclave(p.fecha, this.rng.next);
        if (h !== p.curp[16]) return completeCurp(prefix, h);
      }
    }
    for (;;) {
      const st = this.rng.chance(0.6) ? OTHER_STATE_DRAW.draw(this.rng) : 'QT';
      if (st === p.estado) continue;
      return completeCurp(prefix.slice(0, 11) + st + prefix.slice(13), drawHomoclave(p.fecha, this.rng.next));
    }
  }

  formatCurp(curp: string): string {
    const r = this.rng.next();
    if (r < 0.4) return this.rng.chance(0.7) ? curp.toLowerCase() : curp.slice(0, 4).toLowerCase() + curp.slice(4);
    const sep = r < 0.7 ? ' ' : '-';
    if (this.rng.chance(0.6)) return [curp.slice(0, 4), curp.slice(4, 10), curp.slice(10, 16), curp.slice(16)].join(sep);
    const i = this.rng.between(1, 17);
    return (this.rng.chance(0.3) ? ' ' : '') + curp.slice(0, i) + sep + curp.slice(i) + (this.rng.chance(0.3) ? ' ' : '');
  }

  /** One edit (substitution, deletion, insertion or transposition) among the letters of `text`. */
  typo(text: string): string {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (;;) {
      const i = this.rng.int(text.length);
      if (text[i] === ' ') continue;
      const op = this.rng.int(4);
      let out: string;
      if (op === 0) out = text.slice(0, i) + this.rng.pick([...letters]) + text.slice(i + 1);
      else if (op === 1 && text.replace(/ /g, '').length > 3) out = text.slice(0, i) + text.slice(i + 1);
      else if (op === 2) out = text.slice(0, i) + this.rng.pick([...letters]) + text.slice(i);
      else if (i + 1 < text.length && text[i + 1] !== ' ') out = text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
      else continue;
      if (out !== text && !out.startsWith(' ') && !out.endsWith(' ') && !out.includes('  ')) return out;
    }
  }

  addAccent(text: string): string {
    const plain = 'AEIOU';
    const accented = 'ÁÉÍÓÚ';
    const positions = [...text].map((c, i) => (plain.includes(c) ? i : -1)).filter((i) => i >= 0);
    if (positions.length === 0) return text;
    const i = this.rng.pick(positions);
    return text.slice(0, i) + accented[plain.indexOf(text[i])] + text.slice(i + 1);
  }
}

// ── Which perturbations apply ──────────────────────────────────────────────

const CURP_TAGS = new Weighted(['curp_falta', 'curp_error', 'curp_segunda', 'curp_ficticia', 'curp_formato'], [34, 22, 12, 8, 24]);

/** Tags that cannot go together: at most one per group. */
const GROUP: Record<string, string> = {
  abreviatura: 'nombre', apodo: 'nombre', nombre_parcial: 'nombre', error_nombre: 'nombre',
  apellidos_invertidos: 'orden', sin_segundo_apellido: 'orden', casada: 'orden',
  particula_pegada: 'apellido', error_apellido: 'apellido',
  fecha_dia_mes: 'fecha', fecha_anio: 'fecha', fecha_dias: 'fecha', fecha_falta: 'fecha', fecha_formato: 'fecha',
  mudanza: 'domicilio', sin_telefono: 'domicilio',
  acentos: 'letras', enie: 'letras',
};

const OTHER_WEIGHTS: Record<string, number> = {
  acentos: 14, enie: 40, abreviatura: 14, apodo: 14, nombre_parcial: 12, apellidos_invertidos: 4, sin_segundo_apellido: 7,
  casada: 8, particula_pegada: 40, error_nombre: 8, error_apellido: 8, fecha_dia_mes: 6, fecha_anio: 3, fecha_dias: 4,
  fecha_falta: 3, fecha_formato: 5, mudanza: 7, sin_telefono: 5,
};

const SKIPPED_GIVEN = new Set(['MARÍA', 'MA', 'MA.', 'JOSÉ', 'J', 'J.']);

/** Index of the given-name token RENAPO reads (MARÍA/JOSÉ skipped when another name follows), or -1. */
function significantIndex(tokens: readonly string[]): number {
  const idx = tokens.map((t, i) => (PARTICLES.has(t) ? -1 : i)).filter((i) => i >= 0);
  if (idx.length === 0) return -1;
  return idx.length > 1 && SKIPPED_GIVEN.has(tokens[idx[0]]) ? idx[1] : idx[0];
}

const hasParticle = (surname: string) => surname.includes(' ') && surname.split(' ').some((t) => PARTICLES.has(t));

function applicable(tag: string, p: Person): boolean {
  const tokens = p.nombre.split(' ');
  const [, month, day] = p.fecha.split('-').map(Number);
  switch (tag) {
    case 'enie':
      return (p.ap1 + p.ap2 + p.nombre).includes('Ñ');
    case 'abreviatura':
      return tokens.some((t) => t in ABBREVIATIONS);
    case 'apodo': {
      const i = significantIndex(tokens);
      return i >= 0 && tokens[i] in NICKNAMES;
    }
    case 'nombre_parcial':
      return tokens.filter((t) => !PARTICLES.has(t)).length > 1;
    case 'apellidos_invertidos':
    case 'sin_segundo_apellido':
      return p.ap2 !== '';
    case 'casada':
      return p.sexo === 'M' && Number(p.fecha.slice(0, 4)) <= 2004;
    case 'particula_pegada':
      return hasParticle(p.ap1) || hasParticle(p.ap2);
    case 'fecha_dia_mes':
      return day <= 12 && month !== day;
    default:
      return true;
  }
}

/** Tags for one true match: 25 % exact, else 1–3 perturbations, a CURP one on ~30 % of all matches. */
function drawTags(rng: Rng, p: Person): string[] {
  if (rng.chance(0.25)) return ['exacta'];
  const k = rng.chance(0.55) ? 1 : rng.chance(0.73) ? 2 : 3;
  const tags: string[] = [];
  if (rng.chance(0.4)) tags.push(CURP_TAGS.draw(rng));
  const weakCurp = tags.some((t) => t === 'curp_falta' || t === 'curp_ficticia' || t === 'curp_error');
  const options = Object.keys(OTHER_WEIGHTS).filter(
    (t) => applicable(t, p) && !(weakCurp && (t === 'fecha_falta' || t === 'apodo' || t === 'fecha_anio')),
  );
  while (tags.length < k && options.length > 0) {
    const total = options.reduce((s, t) => s + OTHER_WEIGHTS[t], 0);
    let x = rng.next() * total;
    let chosen = options[options.length - 1];
    for (const t of options) {
      x -= OTHER_WEIGHTS[t];
      if (x < 0) {
        chosen = t;
        break;
      }
    }
    tags.push(chosen);
    const group = GROUP[chosen];
    for (let i = options.length - 1; i >= 0; i--) if (GROUP[options[i]] === group) options.splice(i, 1);
  }
  return tags;
}

/** Applies the tags to a copy of the person's clean record, in a fixed order. */
function perturb(g: Generator, rec: PersonRecord, p: Person, hh: Household, tags: readonly string[]): PersonRecord {
  const rng = g.rng;
  const r = { ...rec };
  const has = (t: string) => tags.includes(t);
  if (has('apodo')) {
    const tokens = r.nombre.split(' ');
    const i = significantIndex(tokens);
    r.nombre = [rng.pick(NICKNAMES[tokens[i]]), ...tokens.slice(i + 1)].join(' ');
  }
  if (has('abreviatura')) {
    const tokens = r.nombre.split(' ');
    const at = tokens.map((t, i) => (t in ABBREVIATIONS ? i : -1)).filter((i) => i >= 0);
    const i = rng.pick(at);
    tokens[i] = rng.pick(ABBREVIATIONS[tokens[i]]);
    r.nombre = tokens.join(' ');
  }
  if (has('nombre_parcial')) {
    const tokens = r.nombre.split(' ');
    if (SKIPPED_GIVEN.has(tokens[0]) || rng.chance(0.3)) {
      let rest = tokens.slice(1);
      while (rest.length > 1 && PARTICLES.has(rest[0])) rest = rest.slice(1);
      r.nombre = rest.join(' ');
    } else {
      r.nombre = tokens[0];
    }
  }
  if (has('error_nombre')) r.nombre = g.typo(r.nombre);
  if (has('casada')) {
    let husband = hh.husband !== '' && p.role === 'madre' ? hh.husband : g.surname();
    while (husband === p.ap1) husband = g.surname();
    if (rng.chance(0.6)) r.segundo_apellido = `DE ${husband}`;
    else {
      r.segundo_apellido = r.primer_apellido;
      r.primer_apellido = husband;
    }
  }
  if (has('apellidos_invertidos')) [r.primer_apellido, r.segundo_apellido] = [r.segundo_apellido, r.primer_apellido];
  if (has('sin_segundo_apellido')) r.segundo_apellido = '';
  if (has('particula_pegada')) {
    if (hasParticle(r.primer_apellido) && (!hasParticle(r.segundo_apellido) || rng.chance(0.5))) r.primer_apellido = r.primer_apellido.replace(/ /g, '');
    else r.segundo_apellido = r.segundo_apellido.replace(/ /g, '');
  }
  if (has('error_apellido')) {
    if (r.segundo_apellido !== '' && rng.chance(0.4)) r.segundo_apellido = g.typo(r.segundo_apellido);
    else r.primer_apellido = g.typo(r.primer_apellido);
  }
  if (has('acentos')) {
    const all = r.primer_apellido + r.segundo_apellido + r.nombre;
    if (/[ÁÉÍÓÚÜ]/.test(all)) {
      r.primer_apellido = stripAccents(r.primer_apellido);
      r.segundo_apellido = stripAccents(r.segundo_apellido);
      r.nombre = stripAccents(r.nombre);
    } else if (rng.chance(0.5)) r.primer_apellido = g.addAccent(r.primer_apellido);
    else r.nombre = g.addAccent(r.nombre);
  }
  if (has('enie')) {
    const way = rng.pick(['N', 'N', 'NN', '~N']);
    r.primer_apellido = r.primer_apellido.replace(/Ñ/g, way);
    r.segundo_apellido = r.segundo_apellido.replace(/Ñ/g, way);
    r.nombre = r.nombre.replace(/Ñ/g, way);
  }
  const [y, m, d] = r.fecha_nacimiento.split('-');
  if (has('fecha_dia_mes')) r.fecha_nacimiento = `${y}-${d}-${m}`;
  if (has('fecha_anio')) {
    const ny = Number(y) + (rng.chance(0.5) ? 1 : -1);
    r.fecha_nacimiento = iso(ny, Number(m), Math.min(Number(d), daysIn(ny, Number(m))));
  }
  if (has('fecha_dias')) r.fecha_nacimiento = shiftDays(r.fecha_nacimiento, rng.between(1, 3) * (rng.chance(0.5) ? 1 : -1));
  if (has('fecha_falta')) r.fecha_nacimiento = '';
  if (has('fecha_formato')) r.fecha_nacimiento = `${d}/${m}/${y}`;
  if (has('mudanza')) {
    let mun = MUNICIPIO_DRAW.draw(rng);
    while (mun.cve === hh.mun.cve) mun = rng.pick(MUNICIPIOS);
    const a = g.address(mun);
    Object.assign(r, { cve_mun: mun.cve, localidad: a.localidad, colonia: a.colonia, codigo_postal: a.cp, calle: a.calle, telefono: a.telefono });
  }
  if (has('sin_telefono')) r.telefono = '';
  if (has('curp_falta')) r.curp = '';
  if (has('curp_error')) r.curp = g.typoCurp(p.curp);
  if (has('curp_segunda')) r.curp = g.secondCurp(p);
  if (has('curp_ficticia')) r.curp = g.dummyCurp();
  if (has('curp_formato')) r.curp = g.formatCurp(p.curp);
  return r;
}

// ── The set ────────────────────────────────────────────────────────────────

const NON_MATCH_SHARES: ReadonlyArray<readonly [string, number]> = [
  ['hermano', 0.1], ['gemelo', 0.05], ['homonimo', 0.09], ['curp_familiar', 0.05], ['curp_ficticia', 0.06],
];

export function generateLabelledSet(options: { seed: number; registry: number; incoming: number }): LabelledSet {
  const g = new Generator(options.seed);
  const rng = g.rng;
  const registry: PersonRecord[] = [];
  const regPersons: Person[] = [];
  const registryKinds = new Map<string, string[]>();
  const household = new Map<string, number>();
  const rid = (i: number) => `R${String(i + 1).padStart(6, '0')}`;

  while (registry.length < options.registry) {
    const hh = g.household();
    for (const p of hh.members) {
      if (registry.length >= options.registry) break;
      const id = rid(registry.length);
      const rec = g.record(id, p, hh);
      const x = rng.next();
      const flags: string[] = [];
      if (x < 0.02) {
        rec.curp = g.typoCurp(p.curp);
        flags.push('curp_error');
      } else if (x < 0.03) {
        rec.curp = g.dummyCurp();
        flags.push('curp_ficticia');
      }
      if (rng.chance(0.05)) {
        rec.telefono = '';
        flags.push('sin_telefono');
      }
      if (flags.length > 0) registryKinds.set(id, flags);
      registry.push(rec);
      regPersons.push(p);
      household.set(id, hh.id);
    }
  }
  const cleanCurp = (i: number) => !registryKinds.get(registry[i].id)?.some((f) => f.startsWith('curp'));

  const incoming: PersonRecord[] = [];
  const truth = new Map<string, string | null>();
  const kinds = new Map<string, string[]>();
  const nonMatches = Math.round(options.incoming * 0.3);
  const matches = options.incoming - nonMatches;
  const plan: string[] = [];
  for (let i = 0; i < matches; i++) plan.push('match');
  let assigned = 0;
  for (const [kind, share] of NON_MATCH_SHARES) {
    const n = Math.round(nonMatches * share);
    for (let i = 0; i < n && assigned < nonMatches; i++, assigned++) plan.push(kind);
  }
  while (assigned++ < nonMatches) plan.push('nuevo');
  for (let i = plan.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [plan[i], plan[j]] = [plan[j], plan[i]];
  }

  // Registry people taken as true matches, without replacement while possible.
  const order = new Int32Array(registry.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  let taken = 0;
  const nextRegistryPerson = () => {
    if (taken >= order.length) return rng.int(order.length);
    const j = taken + rng.int(order.length - taken);
    [order[taken], order[j]] = [order[j], order[taken]];
    return order[taken++];
  };
  const randomRegistry = (ok: (i: number) => boolean) => {
    for (let attempt = 0; attempt < 2000; attempt++) {
      const i = rng.int(registry.length);
      if (ok(i)) return i;
    }
    return -1;
  };
  const hhOf = (i: number) => g.households[regPersons[i].hh];

  plan.forEach((kind, n) => {
    const id = `I${String(n + 1).padStart(6, '0')}`;
    let rec: PersonRecord | null = null;
    let tags: string[] = [kind];
    let match: string | null = null;
    let hhId = -1;
    if (kind === 'match') {
      const i = nextRegistryPerson();
      const p = regPersons[i];
      const hh = hhOf(i);
      tags = drawTags(rng, p);
      rec = perturb(g, g.record(id, p, hh), p, hh, tags);
      match = registry[i].id;
      hhId = hh.id;
    } else if (kind === 'hermano' || kind === 'curp_familiar') {
      const i = randomRegistry((j) => {
        const r = regPersons[j];
        return (kind === 'hermano' ? r.role === 'hijo' : r.role === 'madre' || r.role === 'padre') && cleanCurp(j);
      });
      if (i >= 0) {
        const hh = hhOf(i);
        const y = g.childYear(hh, hh.members.filter((m) => m.role === 'hijo').map((m) => Number(m.fecha.slice(0, 4))));
        if (y !== null) {
          const sib = g.child(hh, y);
          hh.members.push(sib);
          rec = g.record(id, sib, hh);
          if (kind === 'curp_familiar') rec.curp = registry[i].curp;
          hhId = hh.id;
        }
      }
    } else if (kind === 'gemelo') {
      const i = randomRegistry((j) => regPersons[j].role === 'hijo' && cleanCurp(j));
      if (i >= 0) {
        const hh = hhOf(i);
        const twin = g.twinOf(regPersons[i]);
        hh.members.push(twin);
        rec = g.record(id, twin, hh);
        hhId = hh.id;
      }
    } else if (kind === 'homonimo') {
      const i = randomRegistry(cleanCurp);
      if (i >= 0) {
        const o = regPersons[i];
        const oy = Number(o.fecha.slice(0, 4));
        let fecha = o.fecha;
        while (fecha.slice(0, 4) === o.fecha.slice(0, 4)) {
          const y = Math.min(2024, Math.max(1935, oy + rng.between(-20, 20)));
          fecha = randomDate(rng, y);
        }
        let mun = MUNICIPIO_DRAW.draw(rng);
        while (mun.cve === hhOf(i).mun.cve) mun = rng.pick(MUNICIPIOS);
        const hh = g.household();
        Object.assign(hh, g.address(mun));
        const p = g.person(o.ap1, o.ap2, o.nombre, fecha, o.sexo, o.role, hh.id);
        rec = g.record(id, p, hh);
        hhId = hh.id;
      }
    }
    if (rec === null) {
      // 'nuevo' and 'curp_ficticia', and the fallback when no relative fits: a person of a new household.
      if (kind !== 'curp_ficticia') tags = ['nuevo'];
      const hh = g.household();
      const p = rng.pick(hh.members);
      rec = g.record(id, p, hh);
      if (kind === 'curp_ficticia') rec.curp = g.dummyCurp();
      hhId = hh.id;
    }
    rec.id = id;
    incoming.push(rec);
    truth.set(id, match);
    kinds.set(id, tags);
    household.set(id, hhId);
  });

  return { registry, incoming, truth, kinds, registryKinds, household };
}

// ── Command line ───────────────────────────────────────────────────────────

function toCsv(rows: readonly PersonRecord[]): string {
  return stringify(rows.map((r) => RECORD_COLUMNS.map((c) => r[c])), { header: true, columns: [...RECORD_COLUMNS] });
}

function main(): void {
  const { values } = parseArgs({
    options: {
      semilla: { type: 'string', default: '1' },
      registro: { type: 'string', default: '20000' },
      entrantes: { type: 'string', default: '5000' },
      salida: { type: 'string', default: '.' },
    },
  });
  const seed = Number(values.semilla);
  const t0 = performance.now();
  const set = generateLabelledSet({ seed, registry: Number(values.registro), incoming: Number(values.entrantes) });
  const ms = performance.now() - t0;
  mkdirSync(values.salida, { recursive: true });
  writeFileSync(join(values.salida, 'registro.csv'), toCsv(set.registry));
  writeFileSync(join(values.salida, 'entrantes.csv'), toCsv(set.incoming));
  const truthRows = set.incoming.map((r) => [r.id, set.truth.get(r.id) ?? '', (set.kinds.get(r.id) ?? []).join('|')]);
  writeFileSync(join(values.salida, 'verdad.csv'), stringify(truthRows, { header: true, columns: ['id_entrante', 'id_registro', 'tipos'] }));
  const found = set.incoming.filter((r) => set.truth.get(r.id) !== null).length;
  const fmt = (n: number) => n.toLocaleString('es-MX');
  console.log(
    `Semilla ${seed}: ${fmt(set.registry.length)} personas en el registro y ${fmt(set.incoming.length)} entrantes ` +
      `(${fmt(found)} ya registradas, ${fmt(set.incoming.length - found)} no) generados en ${(ms / 1000).toFixed(2)} s; ` +
      `archivos registro.csv, entrantes.csv y verdad.csv en ${values.salida}`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
