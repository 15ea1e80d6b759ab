/**
 * The registry as an in-memory index: how common each name, surname and CURP is, and every row filed
 * under the blocking keys the model names (a record is a candidate when any key agrees), in a compact
 * table of numbers. Rows are kept as the caller keeps them and prepared again when they are scored,
 * which costs little (names are remembered) and keeps ten million people in a few gigabytes. A record
 * to match is prepared the same way, compared with its candidates, and judged against the best, with
 * the runner-up as a rival. Pure: the caller reads the registry and the model from wherever they live.
 */
import type { BlockPart, MatchingModel } from './model.ts';
import { blockTableFrom, BlockTableBuilder, countOf, countTableData, hashesCountedAtLeast, hashKey, valueHash, type BlockTable, type BlockTableData, type CountTableData } from './block-table.ts';
import { curpValue } from './curp-view.ts';
import { prepareTables, readGivenName, readSurnames, type KnownSurnames, type NameTables, type PreparedTables } from './names.ts';
import { prepareRecord, type MatchInput, type PreparedRecord } from './record.ts';
import { Remembered } from './text.ts';
import { judge, scoreWeights, withReasons, type Decision, type Frequencies, type PairWeights, type Reason, type ScoringContext } from './score.ts';

/**
 * The registry's rows, however the caller keeps them (objects for a CSV file, the compact lines of a
 * PostgreSQL COPY for the server): the index reads a row when it files it and when it scores it.
 */
export interface RegistryRows {
  readonly length: number;
  input(row: number): MatchInput;
}

/** Everything the index holds apart from the rows, as numbers. */
export interface MatchIndexData {
  blocks: BlockTableData;
  curps: CountTableData;
  givenNames: CountTableData;
  surnames: CountTableData;
  /** Rows counted (the frequencies' denominator). */
  total: number;
  neutral: boolean;
}

export interface MatchIndex {
  model: MatchingModel;
  tables: PreparedTables;
  rows: RegistryRows;
  /** A row prepared for scoring (prepared again on each call: the index keeps no prepared records). */
  record(row: number): PreparedRecord;
  knownSurnames: KnownSurnames;
  frequencies: Frequencies;
  blocks: BlockTable;
  /** The numbers of an index built in one go (what a caller may save and give back to matchIndexFrom); none on an index with changes laid over it. */
  data?: MatchIndexData;
  /** Rows laid over a built index since (changes.ts): the rows it no longer uses and the rows added. */
  changes?: { removed: number; added: number };
}

export interface MatchCandidate {
  id: string;
  score: number;
  reasons: Reason[];
}

export interface MatchOutcome {
  id: string;
  decision: Decision;
  /** The best registry record, when any candidate was found. */
  best: (MatchCandidate & { motivoRevision?: string }) | null;
  /** The runner-up, when there was one (shown to a reviewer beside the best). */
  rival: MatchCandidate | null;
  candidates: number;
}

function partValue(r: PreparedRecord, part: BlockPart, curp: PreparedRecord['curp']): string {
  switch (part) {
    case 'curp': return curp?.value ?? '';
    case 'curp16': return curp?.first16 ?? '';
    case 'curp10': return curp?.first10 ?? '';
    case 'fecha': return r.birth ?? '';
    case 'anio': return r.birth?.slice(0, 4) ?? '';
    case 'sexo': return r.sex;
    case 'ap1': return r.sound.ap1;
    case 'ap2': return r.sound.ap2;
    case 'apellidos': return r.sound.ap1 && r.sound.ap2 ? [r.sound.ap1, r.sound.ap2].sort().join('+') : '';
    case 'nombre': return r.sound.given;
    case 'cve_mun': return r.municipio;
    case 'telefono': return r.phone;
  }
}

/** The record's blocking keys, each «name|value» (none for a key with an empty part). */
export function blockingKeys(r: PreparedRecord, model: MatchingModel, unreliable: (curp: string) => boolean): string[] {
  const keys: string[] = [];
  // A CURP several people carry files nobody: the person is found by name and date instead.
  const curp = r.curp && !unreliable(r.curp.value) ? r.curp : null;
  // Loops, not map and every: this runs for every record matched and every row filed.
  rules: for (const rule of model.bloqueo) {
    if (rule.soloSinFecha && r.birth) continue;
    let key = rule.nombre;
    for (const part of rule.partes) {
      const value = partValue(r, part, curp);
      if (value === '') continue rules;
      key += `|${value}`;
    }
    keys.push(key);
  }
  return keys;
}

/**
 * Below this many people a registry says little about how common a name is (in a registry of two, every
 * surname is «half the people»): frequencies are then left neutral.
 */
export const PEOPLE_FOR_FREQUENCIES = 1000;

const arrayRows = (inputs: readonly MatchInput[]): RegistryRows => ({ length: inputs.length, input: (i) => inputs[i] });

/**
 * What the index files for one row, as numbers: the hashes of its CURP, given name and surnames (for
 * counting) and of each blocking key. A caller may keep them (the server does, in PostgreSQL) and give
 * them back next time, so a registry is indexed again without reading every name again.
 */
export type RowKeys = Uint32Array;
const COUNTED = 4;

function rowKeysOf(p: PreparedRecord, keys: readonly string[]): RowKeys {
  const out = new Uint32Array(COUNTED + 2 * keys.length);
  out[0] = valueHash(p.curp?.value ?? '');
  out[1] = valueHash(p.given.key);
  out[2] = valueHash(p.surnames.first.core);
  out[3] = valueHash(p.surnames.second.core);
  keys.forEach((key, k) => out.set(hashKey(key), COUNTED + 2 * k));
  return out;
}

/** The hashes a row is counted by: its CURP, its given name and its two surnames (0 for none). */
export function countedHashes(input: MatchInput, tables: PreparedTables): [number, number, number, number] {
  const read = readSurnames(input.primer_apellido ?? '', input.segundo_apellido ?? '', tables);
  return [valueHash(curpValue(input.curp ?? '')), valueHash(readGivenName(input.nombre ?? '', tables).key), valueHash(read.first.core), valueHash(read.second.core)];
}

/** A hash list that grows (the counted values of every row). */
function hashList(n: number) {
  const values = new Uint32Array(Math.max(1, n));
  let length = 0;
  return { push: (h: number) => (values[length++] = h), view: () => values.subarray(0, length) };
}

export interface IndexOptions {
  /** Every value as common as its level's average (no frequency adjustment): for the model's test table. */
  neutralFrequencies?: boolean;
  /** A row's keys as an earlier build made them, or null when the row is new or changed since. */
  keptKeys?: (row: number) => RowKeys | null;
  /** Called with the keys of each row this build had to read (for the caller to keep). */
  onKeys?: (row: number, keys: RowKeys) => void;
}

/**
 * First reading: the counted values of every row (kept keys say them without reading the row), so the
 * index knows which CURPs several people carry and which surnames people have before filing anyone.
 */
type RowKeysOf = (row: number) => RowKeys | null;

function firstReading(rows: RegistryRows, tables: PreparedTables, kept: RowKeysOf) {
  const curps = hashList(rows.length);
  const given = hashList(rows.length);
  const surnames = hashList(2 * rows.length);
  for (let i = 0; i < rows.length; i++) {
    const keys = kept(i);
    if (keys) {
      curps.push(keys[0]);
      given.push(keys[1]);
      surnames.push(keys[2]);
      surnames.push(keys[3]);
      continue;
    }
    const [curp, givenName, first, second] = countedHashes(rows.input(i), tables);
    curps.push(curp);
    given.push(givenName);
    surnames.push(first);
    surnames.push(second);
  }
  return { curps: countTableData(curps.view()), givenNames: countTableData(given.view()), surnames: countTableData(surnames.view()) };
}

export function buildMatchIndex(registry: readonly MatchInput[] | RegistryRows, model: MatchingModel, nameTables: NameTables, options: IndexOptions = {}): MatchIndex {
  const tables = prepareTables(nameTables);
  const rows = Array.isArray(registry) ? arrayRows(registry) : (registry as RegistryRows);
  // Asked of the caller when needed rather than listed first: ten million nulls are 80 MB.
  const kept: RowKeysOf = options.keptKeys ?? (() => null);
  const counts = firstReading(rows, tables, kept);
  const known: KnownSurnames = { has: (s) => countOf(counts.surnames, s) >= 2 };
  const repeatedCurps = hashesCountedAtLeast(counts.curps, model.curpRepetida);
  const unreliableCurp = (c: string) => repeatedCurps.has(valueHash(c));
  const blocks = new BlockTableBuilder();
  for (let i = 0; i < rows.length; i++) {
    let keys = kept(i);
    if (!keys) {
      const p = prepareRecord(rows.input(i), tables, known);
      keys = rowKeysOf(p, blockingKeys(p, model, unreliableCurp));
      options.onKeys?.(i, keys);
    }
    for (let k = COUNTED; k < keys.length; k += 2) blocks.addHashed(keys[k], keys[k + 1], i);
  }
  const data: MatchIndexData = { blocks: blocks.build().data, ...counts, total: rows.length, neutral: Boolean(options.neutralFrequencies) || rows.length < PEOPLE_FOR_FREQUENCIES };
  return matchIndexFrom(rows, data, model, nameTables, tables);
}

/**
 * Frequencies looked up once per value: names repeat across the candidates of one record and across records,
 * and a look-up is a binary search over arrays of millions. A CURP is looked up again unless it is the one
 * asked just before (the incoming record's, once per candidate): CURPs hardly repeat and would crowd the memory.
 */
export function rememberedFrequencies(f: Frequencies): Frequencies {
  const given = new Remembered(f.givenName);
  const surname = new Remembered(f.surname);
  let lastCurp = '';
  let lastUnreliable = false;
  return {
    givenName: (v) => given.get(v),
    surname: (v) => surname.get(v),
    unreliableCurp: (c) => {
      if (c !== lastCurp) [lastCurp, lastUnreliable] = [c, f.unreliableCurp(c)];
      return lastUnreliable;
    },
  };
}

/** An index over numbers already built: nothing is read again. */
export function matchIndexFrom(rows: RegistryRows, data: MatchIndexData, model: MatchingModel, nameTables: NameTables, prepared?: PreparedTables): MatchIndex {
  const tables = prepared ?? prepareTables(nameTables);
  const known: KnownSurnames = { has: (s) => countOf(data.surnames, s) >= 2 };
  const total = Math.max(1, data.total);
  const repeatedCurps = hashesCountedAtLeast(data.curps, model.curpRepetida);
  const frequencies = rememberedFrequencies({
    givenName: (v) => (data.neutral ? 0 : countOf(data.givenNames, v) / total),
    surname: (v) => (data.neutral ? 0 : countOf(data.surnames, v) / (2 * total)),
    unreliableCurp: (c) => repeatedCurps.has(valueHash(c)),
  });
  const record = (row: number) => prepareRecord(rows.input(row), tables, known);
  return { model, tables, rows, record, knownSurnames: known, frequencies, blocks: blockTableFrom(data.blocks), data };
}

export interface MatchOptions {
  /** CURPs repeated within the incoming file itself, treated as unreliable too. */
  unreliableInBatch?: (curp: string) => boolean;
  /** A registry person never to propose (the record's own, when the registry is matched against itself). */
  excludeId?: string;
}

/** The rows a record's keys file it with, each once: marks by row, so no set is built per record. */
class CandidateRows {
  private marks: Uint32Array;
  private generation = 0;
  readonly rows: number[] = [];

  constructor(size: number) {
    this.marks = new Uint32Array(size);
  }

  start(size: number): void {
    if (this.marks.length < size) this.marks = new Uint32Array(size);
    if (++this.generation === 0xffffffff) {
      this.marks.fill(0);
      this.generation = 1;
    }
    this.rows.length = 0;
  }

  add(row: number): void {
    if (this.marks[row] === this.generation) return;
    this.marks[row] = this.generation;
    this.rows.push(row);
  }
}

/** Per index: its scoring context and its candidate marks, made once and not per record; and the last context with a batch's own unreliable CURPs. */
const perIndex = new WeakMap<MatchIndex, { ctx: ScoringContext; candidates: CandidateRows; batch?: { inBatch: (c: string) => boolean; ctx: ScoringContext } }>();

/** The context of a batch that repeats CURPs of its own: made once per batch, not once per record. */
function batchContext(index: MatchIndex, own: NonNullable<ReturnType<typeof perIndex.get>>, inBatch: (c: string) => boolean): ScoringContext {
  if (own.batch?.inBatch !== inBatch) {
    const unreliableCurp = (c: string) => index.frequencies.unreliableCurp(c) || inBatch(c);
    own.batch = { inBatch, ctx: { ...own.ctx, frequencies: { ...index.frequencies, unreliableCurp } } };
  }
  return own.batch.ctx;
}

function prepared(index: MatchIndex) {
  let found = perIndex.get(index);
  if (!found) {
    found = { ctx: { model: index.model, tables: index.tables, frequencies: index.frequencies }, candidates: new CandidateRows(index.rows.length) };
    perIndex.set(index, found);
  }
  return found;
}

type Scored = { i: number; id: string; score: PairWeights };

/** The best and the runner-up among the candidates; a person indexed under two CURPs is one candidate, so the rival is always another person. */
function bestTwo(index: MatchIndex, record: PreparedRecord, rows: readonly number[], ctx: ScoringContext, excludeId: string | undefined) {
  let best: Scored | null = null;
  let second: Scored | null = null;
  const byPerson = new Map<string, Scored>();
  for (const i of rows) {
    const candidate = index.record(i);
    const id = candidate.id;
    if (id === excludeId) continue;
    const score = scoreWeights(record, candidate, ctx);
    const current = byPerson.get(id);
    if (!current || score.score > current.score.score) byPerson.set(id, { i, id, score });
  }
  for (const candidate of byPerson.values()) {
    if (!best || candidate.score.score > best.score.score) [best, second] = [candidate, best];
    else if (!second || candidate.score.score > second.score.score) second = candidate;
  }
  return { best, second, people: byPerson.size };
}

/** The registry record this one is, may be, or is not. */
export function matchRecord(index: MatchIndex, input: MatchInput, options: MatchOptions = {}): MatchOutcome {
  const record = prepareRecord(input, index.tables, index.knownSurnames);
  const own = prepared(index);
  const inBatch = options.unreliableInBatch;
  const ctx = inBatch ? batchContext(index, own, inBatch) : own.ctx;
  const maxBlock = index.model.maximoBloque ?? Infinity;
  const candidates = own.candidates;
  candidates.start(index.rows.length);
  for (const key of blockingKeys(record, index.model, ctx.frequencies.unreliableCurp)) {
    const block = index.blocks.rows(key);
    if (block.length <= maxBlock) for (const i of block) candidates.add(i);
  }
  const { best, second, people } = bestTwo(index, record, candidates.rows, ctx, options.excludeId);
  if (!best) return { id: input.id, decision: 'distinta', best: null, rival: null, candidates: 0 };
  const judgement = judge(best.score, second?.score.score ?? null, index.model);
  // Words only for the two a reviewer sees.
  const candidate = (c: Scored): MatchCandidate => ({ id: c.id, score: c.score.score, reasons: withReasons(c.score, ctx).reasons });
  return {
    id: input.id,
    decision: judgement.decision,
    best: { ...candidate(best), ...(judgement.motivoRevision ? { motivoRevision: judgement.motivoRevision } : {}) },
    rival: second ? candidate(second) : null,
    candidates: people,
  };
}

/** The CURPs an incoming file repeats as often as the model's limit: unreliable in it, whatever the registry says. */
export function repeatedInBatch(inputs: readonly MatchInput[], model: MatchingModel): Set<string> {
  const counts = new Map<string, number>();
  for (const input of inputs) {
    const curp = (input.curp ?? '').toUpperCase().replace(/[^A-Z0-9Ñ]/g, '');
    if (curp !== '') counts.set(curp, (counts.get(curp) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= model.curpRepetida).map(([c]) => c));
}

/**
 * A whole incoming file (or a part of one, given the CURPs the whole file repeats: a caller that splits a
 * file across threads counts them once, over all of it).
 */
export function matchBatch(index: MatchIndex, inputs: readonly MatchInput[], repeated: ReadonlySet<string> = repeatedInBatch(inputs, index.model)): MatchOutcome[] {
  const options: MatchOptions = repeated.size > 0 ? { unreliableInBatch: (c) => repeated.has(c) } : {};
  return inputs.map((input) => matchRecord(index, input, options));
}
