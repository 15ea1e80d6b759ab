import type { FastifyInstance } from 'fastify';
import { prepared } from '../../../db/sql.ts';
import type { Order, Position } from './cursor.ts';
import { browseQuery, direction, nameConditions, Params, personalCondition, rowColumns, searchQuery, SORTS, type QueueRow, type Selection } from './queue.sql.ts';
import { MIN_INDEXED_WORD } from './search.ts';

/**
 * A search by name over millions of applications (migration 0021): each word typed is the
 * beginning of a word of the name. Three ways to a page, chosen by how many names match:
 * - few (PostgreSQL's estimate, from the statistics kept on the words of the names): the GIN
 *   indexes intersect the lists of the search's consecutive words taken in pairs (migration 0027),
 *   or of single words, and only the matches are read and ordered;
 * - many, in date order: the rarest word's list in application_word is walked in that order,
 *   testing the other words on the name held in the list itself, until the page is full — a few
 *   thousand entries for «hernández maría», however many applications there are. The walk has a
 *   budget: a name rarer than the estimate said leaves it short, and the GIN index answers, now
 *   sure that the matches are few;
 * - many, in name or folio order: each (program, state) range of that order's index is walked,
 *   testing the name kept in the index (queue.sql.ts browseQuery).
 */
export const queueTuning = {
  /** Above this many estimated matches a name is common (tests lower it to exercise every way). */
  commonNameMatches: 2_000,
  /**
   * Entries of a word's list the walk may read per row of the page. Past it the name is rare
   * enough (fewer than 1 match in 200 entries) for the GIN index to fetch all its matches.
   */
  walkPerRow: 200,
};

/** A word that begins more than this many different words of names is not looked up, only tested. */
const MAX_WHOLE_WORDS = 32;

/** The whole words each search word may be, from application_word's own index (one descent per word). */
const WHOLE_WORDS = prepared(
  'nombre-palabras',
  `select public.sipros_palabras_con_prefijo(lower(public.sipros_unaccent(w.word)), $2::int) as whole
     from unnest($1::text[]) with ordinality as w(word, i)
    order by w.i`,
);

type Plan = { 'Plan Rows': number; Plans?: Plan[] };

/**
 * The indexed words of the search with their whole words; null when some word begins no word of
 * any name (nothing can match). Short words, and words that begin too many, are left to the test.
 */
async function lookUpWords(app: FastifyInstance, words: string[]): Promise<string[][] | null> {
  const indexed = words.filter((w) => w.length >= MIN_INDEXED_WORD);
  if (indexed.length === 0) return [];
  const { rows } = await app.db.sql.query<{ whole: string[] }>(WHOLE_WORDS, [indexed, MAX_WHOLE_WORDS + 1]);
  if (rows.some((r) => r.whole.length === 0)) return null;
  return rows.map((r) => r.whole).filter((whole) => whole.length <= MAX_WHOLE_WORDS);
}

/**
 * PostgreSQL's estimates, in one EXPLAIN (no rows read): how many applications in the selection
 * have the indexed words (from the GIN index's statistics; the test of each word's beginning is
 * left out, PostgreSQL has no statistics for it and would guess), and how long each word's list is.
 */
async function estimates(app: FastifyInstance, selection: Selection, nameIndex: string[][]): Promise<{ matches: number; lists: number[] }> {
  const p = new Params();
  const where = ['a.folio is not null', `a.program_id = any(${p.add(selection.programs, 'text[]')})`];
  if (selection.proceso !== undefined) where.push(`a.state = ${p.add(selection.proceso, 'text')}`);
  if (selection.estado !== undefined) where.push(`a.status = ${p.add(selection.estado, 'text')}`);
  where.push(...nameIndex.map((whole) => `public.sipros_palabras(a.nombre_busqueda) && ${p.add(whole, 'text[]')}`));
  const lists = nameIndex.map((whole) => `select 1 from application_word w where w.word = any(${p.add(whole, 'text[]')})`);
  const text = [`explain (format json) select 1 from application a where ${where.join(' and ')}`, ...lists].join('\n union all ');
  const { rows } = await app.db.sql.query<{ 'QUERY PLAN': Array<{ Plan: Plan }> }>(text, p.values);
  const arms = rows[0]['QUERY PLAN'][0].Plan.Plans ?? [];
  return { matches: arms[0]?.['Plan Rows'] ?? Infinity, lists: lists.map((_, i) => arms[i + 1]?.['Plan Rows'] ?? Infinity) };
}

/**
 * A page in date order from the lists of `whole` (one search word's whole words), merged in that
 * order (Merge Append of index-only scans) and read lazily: the names are tested on the entries
 * themselves and only those that pass (name and program) are joined to their application, for
 * the state and status filters, until the page is full or `budget` entries have been read. The
 * entry at the budget comes out as well, marked `last`, whatever it holds: it says the budget ran out.
 */
function walkStatement(selection: Selection, orden: Order, position: Position | null, limit: number, whole: string[], budget: number) {
  const spec = SORTS[orden];
  const { dir, op } = direction(spec);
  const p = new Params();
  const bound = position?.orden === 'fecha_desc' || position?.orden === 'fecha_asc' ? [position.fecha, position.id] : spec.first;
  const after = `(${p.add(bound[0], 'timestamptz')}, ${p.add(bound[1], 'uuid')})`;
  const order = (t: string) => `order by ${t}submitted_at ${dir}, ${t}application_id ${dir}`;
  const lists = whole.map(
    (word) => `(select w.application_id, w.submitted_at, w.program_id, w.nombre_busqueda from application_word w
                 where w.word = ${p.add(word, 'text')} and (w.submitted_at, w.application_id) ${op} ${after} ${order('w.')})`,
  );
  const max = p.add(budget, 'int');
  const names = nameConditions(selection.search, p, undefined, 'x.nombre_busqueda').join(' and ');
  const programs = p.add(selection.programs, 'text[]');
  const branches = `unnest(${p.add(selection.branches.map((b) => b.program), 'text[]')}, ${p.add(selection.branches.map((b) => b.state), 'text[]')})`;
  const status = selection.estado !== undefined && selection.statusCheck ? `and a.status = ${p.add(selection.estado, 'text')}` : '';
  const personal = personalCondition(p.add(selection.personalPrograms, 'text[]'));
  const text = `
    select h.pos = ${max} as last, r.*
      from (select x.application_id, x.submitted_at, row_number() over (${order('x.')}) as pos,
                   x.program_id = any(${programs}) and ${names} as named
              from (select * from (${lists.join(' union all ')}) u ${order('u.')} limit ${max}) x) h
      left join lateral (
        select ${rowColumns(personal)}, ${spec.cursorKey} as cursor_key
          from application a join citizen c on c.id = a.citizen_id
         where h.named and a.id = h.application_id and a.folio is not null ${status}
           and exists (select 1 from ${branches} as b(program_id, state) where b.program_id = a.program_id and b.state = a.state)) r on true
     where r.id is not null or h.pos = ${max}
     ${order('h.')}
     limit ${p.add(limit + 1, 'int')}`;
  return { text, values: p.values };
}

/**
 * The page from the walk, or null when the budget ran out before the page was full. A name with
 * two whole words of the list (a search for «mari»: María Mariana) comes out twice, kept once.
 */
async function walkedPage(app: FastifyInstance, selection: Selection, orden: Order, position: Position | null, limit: number, whole: string[]): Promise<QueueRow[] | null> {
  const budget = queueTuning.walkPerRow * limit;
  const { text, values } = walkStatement(selection, orden, position, limit, whole, budget);
  const { rows } = await app.db.sql.query<QueueRow & { last: boolean }>(text, values);
  const page = [...new Map(rows.filter((r) => r.id !== null).map((r): [string, QueueRow] => [r.id, r])).values()];
  if (page.length >= limit) return page.slice(0, limit);
  // Fewer rows than asked for, and no mark: the lists ended before the budget, every match was seen.
  return rows.length <= limit && !rows.some((r) => r.last) ? page : null;
}

async function ginPage(app: FastifyInstance, selection: Selection, orden: Order, position: Position | null, limit: number): Promise<QueueRow[]> {
  const { statement, values } = searchQuery(selection, orden, position, limit);
  return (await app.db.sql.query<QueueRow>(statement, values)).rows;
}

/** One page of a name search (see above for the way each takes). */
export async function nameSearchRows(app: FastifyInstance, selection: Selection, orden: Order, position: Position | null, limit: number): Promise<QueueRow[]> {
  if (selection.search?.kind !== 'nombre' || selection.branches.length === 0) return [];
  const nameIndex = await lookUpWords(app, selection.search.words);
  if (nameIndex === null) return [];
  const browse = async () => {
    const { statement, values } = browseQuery(selection, orden, position, limit);
    return (await app.db.sql.query<QueueRow>(statement, values)).rows;
  };
  if (nameIndex.length === 0) return browse();
  const indexed: Selection = { ...selection, nameIndex };
  const { matches, lists } = await estimates(app, selection, nameIndex);
  if (matches <= queueTuning.commonNameMatches) return ginPage(app, indexed, orden, position, limit);
  if (orden !== 'fecha_desc' && orden !== 'fecha_asc') return browse();
  const rarest = nameIndex[lists.indexOf(Math.min(...lists))];
  return (await walkedPage(app, indexed, orden, position, limit, rarest)) ?? ginPage(app, indexed, orden, position, limit);
}
