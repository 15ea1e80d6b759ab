/**
 * Records and outcomes as they cross between the process and a matching thread, in forms that copy
 * fast: the records as one text (a structured clone of a hundred thousand objects took as long as a
 * sixth of matching them), the outcomes as numbers handed over without a copy, each distinct reason
 * (field, level, label, weight: a few thousand in all) sent once and shared, frozen, by every outcome
 * that gives it.
 */
import { MATCH_FIELDS, type MatchCandidate, type MatchInput, type MatchOutcome, type Reason } from '../../../../engine/matching/index.ts';

const FIELD = '\x1f';
const NONE = '\x15';
const KEYS = ['id', ...MATCH_FIELDS] as const;

/** Records as one text, or null when a value holds the separator itself (then they are sent as they are). */
export function encodeInputs(inputs: readonly MatchInput[]): string | null {
  const parts: string[] = new Array(inputs.length * KEYS.length);
  let at = 0;
  for (const input of inputs) {
    for (let k = 0; k < KEYS.length; k++) {
      const value = input[KEYS[k]];
      parts[at++] = value === undefined || value === null ? NONE : typeof value === 'string' ? value : String(value);
    }
  }
  const text = parts.join(FIELD);
  // As many separators as places between values: none inside a value (checked once, on the whole text).
  let separators = 0;
  for (let i = text.indexOf(FIELD); i !== -1; i = text.indexOf(FIELD, i + 1)) separators++;
  return separators === Math.max(0, parts.length - 1) ? text : null;
}

export function decodeInputs(text: string, count: number): MatchInput[] {
  const v = count === 0 ? [] : text.split(FIELD);
  const value = (at: number) => (v[at] === NONE ? undefined : v[at]);
  const inputs: MatchInput[] = new Array(count);
  // One literal of one shape (a field not given is undefined, as when absent): the engine reads them fastest so.
  for (let i = 0, at = 0; i < count; i++, at += KEYS.length) {
    inputs[i] = {
      id: v[at],
      curp: value(at + 1),
      primer_apellido: value(at + 2),
      segundo_apellido: value(at + 3),
      nombre: value(at + 4),
      fecha_nacimiento: value(at + 5),
      sexo: value(at + 6),
      cve_mun: value(at + 7),
      localidad: value(at + 8),
      colonia: value(at + 9),
      codigo_postal: value(at + 10),
      calle: value(at + 11),
      telefono: value(at + 12),
    };
  }
  return inputs;
}

export interface EncodedOutcomes {
  /** Per outcome: the best's id and the rival's ('' for none). */
  ids: string[];
  /** Decisions and reasons for review, each once. */
  words: string[];
  /** Each distinct reason, once. */
  reasons: Reason[];
  /** Per outcome: decision (word), candidates, best's score, rival's score, best's reasons, rival's reasons, best's motivoRevision (word or -1). */
  heads: Float64Array;
  /** The reasons of every best and rival in turn, as places in `reasons`. */
  given: Uint32Array;
}

const HEAD = 7;

export function encodeOutcomes(outcomes: readonly MatchOutcome[]): EncodedOutcomes {
  const words: string[] = [];
  const wordAt = new Map<string, number>();
  const word = (w: string) => {
    let at = wordAt.get(w);
    if (at === undefined) wordAt.set(w, (at = words.push(w) - 1));
    return at;
  };
  // A reason's key as a number (its words' places and its weight in tenths): no text made per reason.
  const reasons: Reason[] = [];
  const reasonAt = new Map<number, number>();
  const reason = (r: Reason) => {
    const key = ((word(r.etiqueta) * 512 + word(r.campo)) * 512 + word(r.nivel)) * 2 ** 21 + Math.round(r.peso * 10) + 2 ** 20;
    let at = reasonAt.get(key);
    if (at === undefined) reasonAt.set(key, (at = reasons.push(r) - 1));
    return at;
  };
  const count = outcomes.reduce((n, o) => n + (o.best?.reasons.length ?? 0) + (o.rival?.reasons.length ?? 0), 0);
  const heads = new Float64Array(HEAD * outcomes.length);
  const given = new Uint32Array(count);
  const ids: string[] = [];
  let r = 0;
  outcomes.forEach((o, i) => {
    const h = HEAD * i;
    heads[h] = word(o.decision);
    heads[h + 1] = o.candidates;
    heads[h + 2] = o.best ? o.best.score : NaN;
    heads[h + 3] = o.rival ? o.rival.score : NaN;
    heads[h + 4] = o.best?.reasons.length ?? 0;
    heads[h + 5] = o.rival?.reasons.length ?? 0;
    heads[h + 6] = o.best?.motivoRevision !== undefined ? word(o.best.motivoRevision) : -1;
    ids.push(o.best?.id ?? '', o.rival?.id ?? '');
    for (const each of o.best?.reasons ?? []) given[r++] = reason(each);
    for (const each of o.rival?.reasons ?? []) given[r++] = reason(each);
  });
  return { ids, words, reasons, heads, given };
}

/** The outcomes again, each as matchRecord made it (the records' own ids given back by the caller). */
export function decodeOutcomes(encoded: EncodedOutcomes, recordIds: readonly string[]): MatchOutcome[] {
  const { ids, words, heads, given } = encoded;
  const reasons = encoded.reasons.map((reason) => Object.freeze(reason));
  let r = 0;
  const take = (n: number): Reason[] => {
    const list: Reason[] = new Array(n);
    for (let k = 0; k < n; k++) list[k] = reasons[given[r++]];
    return list;
  };
  return recordIds.map((id, i) => {
    const h = HEAD * i;
    let best: MatchOutcome['best'] = null;
    if (ids[2 * i]) {
      best = { id: ids[2 * i], score: heads[h + 2], reasons: take(heads[h + 4]) };
      if (heads[h + 6] >= 0) best.motivoRevision = words[heads[h + 6]];
    }
    const rival: MatchCandidate | null = ids[2 * i + 1] ? { id: ids[2 * i + 1], score: heads[h + 3], reasons: take(heads[h + 5]) } : null;
    return { id, decision: words[heads[h]] as MatchOutcome['decision'], best, rival, candidates: heads[h + 1] };
  });
}
