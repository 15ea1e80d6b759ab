import { createHash } from 'node:crypto';
import { prepared, type PreparedStatement } from '../../../db/sql.ts';
import type { Order, Position } from './cursor.ts';
import { wordStartPattern, type Search } from './search.ts';

/**
 * The queue's SQL, written by hand: every value the official sends travels as a parameter
 * ($n, cast to its type); the statement text only ever varies among a fixed set of shapes
 * chosen by which filters are present, never by their values.
 */

/** What to read, once the official's scope and filters are resolved. */
export interface Selection {
  /** The programs to read (in scope, and the one asked for if any). */
  programs: string[];
  /** Every (program, workflow state) pair the filters allow: each is one ordered index range. */
  branches: Array<{ program: string; state: string }>;
  estado?: string;
  /**
   * Whether some branch's state has another status in some version. Normally a state has one
   * status, so the state already decides it and the status is not read (index-only scans).
   */
  statusCheck: boolean;
  proceso?: string;
  search: Search | null;
  /**
   * For a name search, once looked up: the whole words each indexed word of it may be (the words of
   * the names that begin with it), for the index of words (name-search.ts). Absent, the words are
   * only tested on the names read.
   */
  nameIndex?: string[][];
  /** The programs whose applications' personal columns are shown (the personal-data rule); masked in the rest. */
  personalPrograms: string[];
}

export interface QueueRow {
  id: string;
  numero: string | number;
  submitted_at: Date;
  folio: string;
  program_id: string;
  program_version: number;
  state: string | null;
  status: string;
  support_type_id: string | null;
  municipio: string | null;
  curp: string;
  nombres: string;
  primer_apellido: string;
  segundo_apellido: string;
  cursor_key: string;
}

export class Params {
  /** `values`: those of a statement this one continues (its $n go on from there). */
  constructor(readonly values: unknown[] = []) {}

  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

export interface SortSpec {
  /** The sort key on application `a` (the id always breaks ties). */
  key: string;
  cast: string;
  desc: boolean;
  /** Folio numbers restart per program: that order is by program first. */
  byProgram: boolean;
  /** The key as text for the cursor, losing nothing (microseconds included). */
  cursorKey: string;
  /** Bounds that let every row through, for a first page. */
  first: [string, string];
}

const MIN_UUID = '00000000-0000-0000-0000-000000000000';
const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
const UTC_MICROS = `to_char(a.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const SORTS: Record<Order, SortSpec> = {
  fecha_desc: { key: 'a.submitted_at', cast: 'timestamptz', desc: true, byProgram: false, cursorKey: UTC_MICROS, first: ['infinity', MAX_UUID] },
  fecha_asc: { key: 'a.submitted_at', cast: 'timestamptz', desc: false, byProgram: false, cursorKey: UTC_MICROS, first: ['-infinity', MIN_UUID] },
  nombre: { key: 'a.nombre_busqueda', cast: 'text', desc: false, byProgram: false, cursorKey: 'a.nombre_busqueda', first: ['', MIN_UUID] },
  folio: { key: 'public.sipros_folio_numero(a.folio)', cast: 'bigint', desc: false, byProgram: true, cursorKey: 'public.sipros_folio_numero(a.folio)::text', first: ['0', MIN_UUID] },
};

/**
 * Whether row `a`'s personal columns may be shown: its program is one of those the official sees
 * the personal data of (`programs`, a text[] parameter).
 */
export function personalCondition(programs: string): string {
  return `a.program_id = any(${programs})`;
}

/** Personal columns come out of the database already masked when the role has no personal data for the row's program. */
export function rowColumns(personal: string): string {
  return `a.id, a.numero, a.submitted_at, a.folio, a.program_id, a.program_version, a.state, a.status, a.support_type_id, a.municipio,
    case when ${personal} then c.curp else left(c.curp, 6) || '**********' || right(c.curp, 2) end as curp,
    case when ${personal} then c.nombres else '' end as nombres,
    case when ${personal} then c.primer_apellido else '' end as primer_apellido,
    case when ${personal} then coalesce(c.segundo_apellido, '') else '' end as segundo_apellido`;
}

export function direction(spec: SortSpec): { dir: string; op: string } {
  return spec.desc ? { dir: 'desc', op: '<' } : { dir: 'asc', op: '>' };
}

/**
 * The lower bound of each branch for the page after `position`. In folio order the programs come
 * one after another: those before the cursor's are done, the cursor's continues after it, and
 * the ones after it start from the beginning.
 */
function branchBounds(selection: Selection, orden: Order, position: Position | null): Array<{ program: string; state: string; b1: string; b2: string }> {
  const spec = SORTS[orden];
  return selection.branches.flatMap((branch) => {
    if (!position) return [{ ...branch, b1: spec.first[0], b2: spec.first[1] }];
    if (position.orden === 'folio') {
      if (branch.program < position.programa) return [];
      if (branch.program > position.programa) return [{ ...branch, b1: spec.first[0], b2: spec.first[1] }];
      return [{ ...branch, b1: position.numero, b2: position.id }];
    }
    return [{ ...branch, b1: position.orden === 'nombre' ? position.nombre : position.fecha, b2: position.id }];
  });
}

/**
 * The name with a space before each word, punctuation that parts words (as in sipros_palabras())
 * made a space: LIKE finds a word's beginning as ` word`.
 */
export const SPACED_NAME = (column: string) => `(' ' || translate(${column}, '-.,;:/()"', '         '))`;

/**
 * Each word of a name search at the beginning of a word of the name (folded by the database as
 * the stored name is). With `index`, also the conditions the GIN indexes answer (indexConditions).
 */
export function nameConditions(search: Search | null, p: Params, index?: string[][], column = 'a.nombre_busqueda'): string[] {
  if (search?.kind !== 'nombre') return [];
  const indexed = index === undefined ? [] : indexConditions(index, p);
  return [...indexed, ...search.words.map((word) => `${SPACED_NAME(column)} like lower(public.sipros_unaccent(${p.add(wordStartPattern(word), 'text')}))`)];
}

/** Past this many pairs for two search words, they are looked up one by one. */
const MAX_PAIRS = 64;

/**
 * The name has one of the whole words each indexed search word may be. Consecutive search words
 * are asked for together where the index of pairs (migration 0027) can answer: two words common
 * alone are seldom common together, so their pair's list is short, where the words' own lists
 * would each be long (a full name at 10 M applications: 0.4 ms instead of 15).
 */
export function indexConditions(index: string[][], p: Params): string[] {
  const paired = new Set<number>();
  const conditions: string[] = [];
  for (let i = 0; i + 1 < index.length; i++) {
    const pairs = wordPairs(index[i], index[i + 1]);
    if (pairs === null) continue;
    conditions.push(`public.sipros_pares_de_palabras(a.nombre_busqueda) && ${p.add(pairs, 'text[]')}`);
    paired.add(i).add(i + 1);
  }
  const alone = index.filter((_, i) => !paired.has(i));
  return [...conditions, ...alone.map((whole) => `public.sipros_palabras(a.nombre_busqueda) && ${p.add(whole, 'text[]')}`)];
}

/** The shortest word sipros_pares_de_palabras() pairs (migration 0027). */
const PAIRED_WORD_MIN = 3;

/**
 * The pairs of two search words' whole words as sipros_pares_de_palabras() writes them (byte
 * order, a space between), or null where a pair could miss a name: where a word is one both
 * search words may be (one word of the name answers both, and a pair needs two), or one the
 * pairs leave out. A name's words hold no character past U+FFFF (sipros_palabras() parts words
 * there), so here (UTF-16) a word's length is PostgreSQL's, and the order UTF-8's bytes give.
 */
function wordPairs(first: string[], second: string[]): string[] | null {
  if (first.length * second.length > MAX_PAIRS || first.some((w) => second.includes(w))) return null;
  if ([...first, ...second].some((w) => w.length < PAIRED_WORD_MIN)) return null;
  return first.flatMap((a) => second.map((b) => (a <= b ? `${a} ${b}` : `${b} ${a}`)));
}

/**
 * One page of the queue: the first rows of each (program, state) index range after the cursor,
 * merged; then only the page's rows are joined to their citizen. Without a search the text
 * depends only on the order and on whether the status is read, so it stays prepared. A search
 * for a common name in name or folio order takes this shape too, testing the name held in the
 * index as it walks (sent unprepared, so PostgreSQL plans it with the actual words).
 */
export function browseQuery(selection: Selection, orden: Order, position: Position | null, limit: number): { statement: string | PreparedStatement; values: unknown[] } {
  const spec = SORTS[orden];
  const { dir, op } = direction(spec);
  const p = new Params();
  const bounds = branchBounds(selection, orden, position);
  const programs = p.add(bounds.map((b) => b.program), 'text[]');
  const states = p.add(bounds.map((b) => b.state), 'text[]');
  const b1 = p.add(bounds.map((b) => b.b1), 'text[]');
  const b2 = p.add(bounds.map((b) => b.b2), 'uuid[]');
  const lim = p.add(limit, 'int');
  const personal = personalCondition(p.add(selection.personalPrograms, 'text[]'));
  const status = selection.estado !== undefined && selection.statusCheck ? `and a.status = ${p.add(selection.estado, 'text')}` : '';
  const names = nameConditions(selection.search, p).map((c) => `and ${c}`).join(' ');
  const programFirst = spec.byProgram ? 'k.program_id collate "C", ' : '';
  const text = `
    with page as (
      select x.id, k.program_id as kp, x.k1
        from unnest(${programs}, ${states}, ${b1}, ${b2}) as k(program_id, state, b1, b2)
       cross join lateral (
         select a.id, ${spec.key} as k1
           from application a
          where a.program_id = k.program_id and a.state = k.state and a.folio is not null ${status} ${names}
            and (${spec.key}, a.id) ${op} (k.b1::${spec.cast}, k.b2)
          order by ${spec.key} ${dir}, a.id ${dir}
          limit ${lim}) x
       order by ${programFirst}x.k1 ${dir}, x.id ${dir}
       limit ${lim})
    select ${rowColumns(personal)}, ${spec.cursorKey} as cursor_key
      from page p join application a on a.id = p.id join citizen c on c.id = a.citizen_id
     order by ${spec.byProgram ? 'p.kp collate "C", ' : ''}p.k1 ${dir}, p.id ${dir}`;
  return { statement: names ? text : prepared(`cola-${orden}-${status ? 'estado' : 'etapas'}`, text), values: p.values };
}

/** How many rows the branches hold, up to `cap`: the same index ranges as a page, read from the index alone. */
export function browseCountStatement(selection: Selection, cap: number): { statement: PreparedStatement; values: unknown[] } {
  const p = new Params();
  const programs = p.add(selection.branches.map((b) => b.program), 'text[]');
  const states = p.add(selection.branches.map((b) => b.state), 'text[]');
  const lim = p.add(cap, 'int');
  const status = selection.estado !== undefined && selection.statusCheck ? `and a.status = ${p.add(selection.estado, 'text')}` : '';
  const text = `
    select count(*)::int as n from (
      select 1
        from unnest(${programs}, ${states}) as k(program_id, state)
       cross join lateral (
         select 1 from application a
          where a.program_id = k.program_id and a.state = k.state and a.folio is not null ${status}
          limit ${lim}) x
       limit ${lim}) t`;
  return { statement: prepared(`cola-cuenta-${status ? 'estado' : 'etapas'}`, text), values: p.values };
}

/** The filters as conditions on application `a`; the programs as an array, or just one. */
function conditions(selection: Selection, p: Params, program?: string): string[] {
  const scope = program === undefined ? `a.program_id = any(${p.add(selection.programs, 'text[]')})` : `a.program_id = ${p.add(program, 'text')}`;
  const where = ['a.folio is not null', scope];
  if (selection.proceso !== undefined) where.push(`a.state = ${p.add(selection.proceso, 'text')}`);
  if (selection.estado !== undefined) where.push(`a.status = ${p.add(selection.estado, 'text')}`);
  const search = selection.search;
  if (search?.kind === 'curp') where.push(`a.citizen_id = (select id from citizen where curp = ${p.add(search.curp, 'text')})`);
  if (search?.kind === 'folio') where.push(`a.folio = ${p.add(search.folio, 'text')}`);
  if (search?.kind === 'folioNumero') {
    // The number is unique within a program (searchedRows probes each program and stage for it).
    where.push(`public.sipros_folio_numero(a.folio) = ${p.add(search.numero, 'bigint')}`);
    if (search.prefix) where.push(`a.folio like ${p.add(`%-${search.prefix}-${search.numero}`, 'text')}`);
  }
  where.push(...nameConditions(search, p, selection.nameIndex));
  return where;
}

/** A name for a statement whose text is one of a fixed set of shapes (PostgreSQL prepares it per connection). */
function statementName(prefix: string, text: string): string {
  return `${prefix}-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
}

/**
 * The applications a search reads, as `a`. A folio's number alone is looked up in the queue's
 * folio index (program, stage, number): one probe for each program and stage the official sees,
 * as the queue's pages walk their ranges, however many applications each holds.
 */
function searchedRows(selection: Selection, p: Params): string {
  const search = selection.search;
  if (search?.kind !== 'folioNumero') return 'application a';
  const programs = p.add(selection.branches.map((b) => b.program), 'text[]');
  const states = p.add(selection.branches.map((b) => b.state), 'text[]');
  // OFFSET 0 keeps the probes apart: merged into a join, PostgreSQL could read each program's
  // whole range instead when its statistics are off.
  return `unnest(${programs}, ${states}) as k(program_id, state)
    cross join lateral (
      select x.* from application x
       where x.program_id = k.program_id and x.state = k.state and x.folio is not null
         and public.sipros_folio_numero(x.folio) = ${p.add(search.numero, 'bigint')}
      offset 0) a`;
}

/**
 * A page of search results: a few rows (a CURP, a folio: prepared, their plan never changes) or
 * an uncommon name's matches, from the GIN index of words (unprepared: the plan depends on the
 * words), ordered and keyset-paged like the queue.
 */
export function searchQuery(selection: Selection, orden: Order, position: Position | null, limit: number): { statement: string | PreparedStatement; values: unknown[] } {
  const spec = SORTS[orden];
  const { dir, op } = direction(spec);
  const p = new Params();
  const where = conditions(selection, p);
  const personal = personalCondition(p.add(selection.personalPrograms, 'text[]'));
  if (position?.orden === 'folio') {
    where.push(`(a.program_id collate "C", ${spec.key}, a.id) > (${p.add(position.programa, 'text')}, ${p.add(position.numero, 'bigint')}, ${p.add(position.id, 'uuid')})`);
  } else if (position) {
    const value = position.orden === 'nombre' ? position.nombre : position.fecha;
    where.push(`(${spec.key}, a.id) ${op} (${p.add(value, spec.cast)}, ${p.add(position.id, 'uuid')})`);
  }
  // The page is chosen first and only its rows are joined to their citizen, not every match.
  const order = `order by ${spec.byProgram ? 'a.program_id collate "C", ' : ''}${spec.key} ${dir}, a.id ${dir}`;
  const text = `
    with page as (select a.id from ${searchedRows(selection, p)} where ${where.join(' and ')} ${order} limit ${p.add(limit, 'int')})
    select ${rowColumns(personal)}, ${spec.cursorKey} as cursor_key
      from page join application a on a.id = page.id join citizen c on c.id = a.citizen_id
     ${order}`;
  return { statement: selection.search?.kind === 'nombre' ? text : prepared(statementName('busqueda', text), text), values: p.values };
}

/** PostgreSQL's own estimate of how many applications match (EXPLAIN: no rows are read). */
export function estimateQuery(selection: Selection): { text: string; values: unknown[] } {
  const p = new Params();
  const where = conditions(selection, p);
  return { text: `explain (format json) select 1 from application a where ${where.join(' and ')}`, values: p.values };
}

export interface ReportRow {
  numero: string | number;
  curp: string;
  nombres: string;
  primer_apellido: string;
  segundo_apellido: string;
  fecha: string | null;
  folio: string;
  program_id: string;
  program_version: number;
  state: string | null;
  support_type_id: string | null;
  status: string;
  municipio: string | null;
  entrega: string | null;
}

/**
 * One batch of the report after application number `after`, in application-number order (the
 * seed's "Id"). For one program each batch is a range of the (program_id, numero) index; for
 * several, one walk over the whole table in number order (its physical order too) reads each
 * page once, where one pass per program would read every page once per program. Either way a
 * report costs one pass, in constant memory, whatever the filters. Dates are formatted by the
 * database in Mexico City time.
 */
export function reportBatchStatement(selection: Selection): { statement: PreparedStatement; values: (after: string, limit: number) => unknown[] } {
  const p = new Params();
  const single = selection.programs.length === 1;
  const where = conditions(selection, p, single ? selection.programs[0] : undefined);
  const personal = personalCondition(p.add(selection.personalPrograms, 'text[]'));
  const after = p.add(null, 'bigint');
  const lim = p.add(null, 'int');
  const local = (column: string) => `to_char(${column} at time zone 'America/Mexico_City', 'DD/MM/YYYY HH24:MI')`;
  const text = `
    select a.numero,
           case when ${personal} then c.curp else left(c.curp, 6) || '**********' || right(c.curp, 2) end as curp,
           case when ${personal} then c.nombres else '' end as nombres,
           case when ${personal} then c.primer_apellido else '' end as primer_apellido,
           case when ${personal} then coalesce(c.segundo_apellido, '') else '' end as segundo_apellido,
           ${local('a.submitted_at')} as fecha, a.folio, a.program_id, a.program_version, a.state, a.support_type_id,
           a.status, a.municipio, ${local('d.delivered_at')} as entrega
      from application a
      join citizen c on c.id = a.citizen_id
      left join delivery d on d.application_id = a.id
     where ${where.join(' and ')} and a.numero > ${after}
     order by a.numero
     limit ${lim}`;
  const fixed = p.values.slice(0, -2);
  return { statement: prepared(statementName('reporte', text), text), values: (afterNumero, limit) => [...fixed, afterNumero, limit] };
}
