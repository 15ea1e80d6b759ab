/**
 * The registry as an in-memory index: every person prepared once, how common each name, surname and
 * CURP is, and the blocking keys the model names (a record is a candidate when any key agrees). A record
 * to match is prepared the same way, compared with its candidates, and judged against the best, with
 * the runner-up as a rival. Pure: the caller reads the registry and the model from wherever they live.
 */
import type { BlockPart, MatchingModel } from './model.ts';
import { prepareTables, readSurnames, type NameTables, type PreparedTables } from './names.ts';
import { prepareRecord, type MatchInput, type PreparedRecord } from './record.ts';
import { judge, scorePair, type Decision, type Frequencies, type Reason, type ScoringContext } from './score.ts';

export interface MatchIndex {
  model: MatchingModel;
  tables: PreparedTables;
  people: PreparedRecord[];
  knownSurnames: ReadonlySet<string>;
  frequencies: Frequencies;
  blocks: Map<string, number[]>;
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

function counter(): { add(v: string): void; get(v: string): number; map: Map<string, number> } {
  const map = new Map<string, number>();
  return { add: (v) => v !== '' && map.set(v, (map.get(v) ?? 0) + 1), get: (v) => map.get(v) ?? 0, map };
}

function partValue(r: PreparedRecord, part: BlockPart, unreliable: (curp: string) => boolean): string {
  const curp = r.curp && !unreliable(r.curp.value) ? r.curp : null;
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
  for (const rule of model.bloqueo) {
    if (rule.soloSinFecha && r.birth) continue;
    const values = rule.partes.map((p) => partValue(r, p, unreliable));
    if (values.every((v) => v !== '')) keys.push(`${rule.nombre}|${values.join('|')}`);
  }
  return keys;
}

/** Surnames seen at least twice: a glued «DELACRUZ» is read as CRUZ only when CRUZ is a surname people have. */
function knownSurnamesOf(people: readonly PreparedRecord[]): Set<string> {
  const count = counter();
  for (const p of people) {
    count.add(p.surnames.first.core);
    count.add(p.surnames.second.core);
  }
  return new Set([...count.map].filter(([, n]) => n >= 2).map(([v]) => v));
}

/**
 * Below this many people a registry says little about how common a name is (in a registry of two, every
 * surname is «half the people»): frequencies are then left neutral.
 */
export const PEOPLE_FOR_FREQUENCIES = 1000;

export interface IndexOptions {
  /** Every value as common as its level's average (no frequency adjustment): for the model's test table. */
  neutralFrequencies?: boolean;
}

export function buildMatchIndex(registry: Iterable<MatchInput>, model: MatchingModel, nameTables: NameTables, options: IndexOptions = {}): MatchIndex {
  const tables = prepareTables(nameTables);
  const inputs: MatchInput[] = [];
  let people: PreparedRecord[] = [];
  for (const input of registry) {
    inputs.push(input);
    people.push(prepareRecord(input, tables));
  }
  const knownSurnames = knownSurnamesOf(people);
  // Only glued surnames can read differently once the known surnames are known.
  people = people.map((p, i) => (/^DE/.test(p.surnames.first.text + p.surnames.second.text) ? { ...p, surnames: readSurnames(inputs[i].primer_apellido ?? '', inputs[i].segundo_apellido ?? '', tables, knownSurnames) } : p));

  const given = counter();
  const surname = counter();
  const curps = counter();
  for (const p of people) {
    given.add(p.given.all.join(' '));
    surname.add(p.surnames.first.core);
    surname.add(p.surnames.second.core);
    if (p.curp) curps.add(p.curp.value);
  }
  const total = Math.max(1, people.length);
  const neutral = options.neutralFrequencies || people.length < PEOPLE_FOR_FREQUENCIES;
  const frequencies: Frequencies = {
    givenName: (v) => (neutral ? 0 : given.get(v) / total),
    surname: (v) => (neutral ? 0 : surname.get(v) / (2 * total)),
    unreliableCurp: (c) => curps.get(c) >= model.curpRepetida,
  };
  const blocks = new Map<string, number[]>();
  people.forEach((p, i) => {
    for (const key of blockingKeys(p, model, frequencies.unreliableCurp)) {
      const list = blocks.get(key);
      if (list) list.push(i);
      else blocks.set(key, [i]);
    }
  });
  return { model, tables, people, knownSurnames, frequencies, blocks };
}

export interface MatchOptions {
  /** CURPs repeated within the incoming file itself, treated as unreliable too. */
  unreliableInBatch?: (curp: string) => boolean;
  /** A registry person never to propose (the record's own, when the registry is matched against itself). */
  excludeId?: string;
}

/** The registry record this one is, may be, or is not. */
export function matchRecord(index: MatchIndex, input: MatchInput, options: MatchOptions = {}): MatchOutcome {
  const record = prepareRecord(input, index.tables, index.knownSurnames);
  const inBatch = options.unreliableInBatch;
  const unreliable = inBatch ? (c: string) => index.frequencies.unreliableCurp(c) || inBatch(c) : index.frequencies.unreliableCurp;
  const ctx: ScoringContext = { model: index.model, tables: index.tables, frequencies: { ...index.frequencies, unreliableCurp: unreliable } };
  const maxBlock = index.model.maximoBloque ?? Infinity;
  const seen = new Set<number>();
  for (const key of blockingKeys(record, index.model, unreliable)) {
    const block = index.blocks.get(key);
    if (block && block.length <= maxBlock) for (const i of block) seen.add(i);
  }
  let best: { i: number; score: ReturnType<typeof scorePair> } | null = null;
  let second: { i: number; score: ReturnType<typeof scorePair> } | null = null;
  // A person indexed under two CURPs is one candidate: the rival is always another person.
  const byPerson = new Map<string, { i: number; score: ReturnType<typeof scorePair> }>();
  for (const i of seen) {
    const id = index.people[i].id;
    if (id === options.excludeId) continue;
    const score = scorePair(record, index.people[i], ctx);
    const current = byPerson.get(id);
    if (!current || score.score > current.score.score) byPerson.set(id, { i, score });
  }
  for (const candidate of byPerson.values()) {
    if (!best || candidate.score.score > best.score.score) [best, second] = [candidate, best];
    else if (!second || candidate.score.score > second.score.score) second = candidate;
  }
  if (!best) return { id: input.id, decision: 'distinta', best: null, rival: null, candidates: 0 };
  const judgement = judge(best.score, second?.score.score ?? null, index.model);
  const candidate = (c: NonNullable<typeof best>): MatchCandidate => ({ id: index.people[c.i].id, score: c.score.score, reasons: c.score.reasons });
  return {
    id: input.id,
    decision: judgement.decision,
    best: { ...candidate(best), ...(judgement.motivoRevision ? { motivoRevision: judgement.motivoRevision } : {}) },
    rival: second ? candidate(second) : null,
    candidates: byPerson.size,
  };
}

/** A whole incoming file: a CURP repeated in it as often as the model's limit counts as unreliable. */
export function matchBatch(index: MatchIndex, inputs: readonly MatchInput[]): MatchOutcome[] {
  const curps = counter();
  for (const input of inputs) curps.add((input.curp ?? '').toUpperCase().replace(/[^A-Z0-9Ñ]/g, ''));
  const unreliableInBatch = (c: string) => curps.get(c) >= index.model.curpRepetida;
  return inputs.map((input) => matchRecord(index, input, { unreliableInBatch }));
}
