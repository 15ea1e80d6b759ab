/**
 * Estimating the model's probabilities from data, as Splink does: u (how often each level happens
 * between two people picked at random, who are almost never the same) from a random sample of pairs;
 * m (how often it happens between records of the same person) by expectation-maximisation over the
 * pairs blocking brings together, with u held fixed. Pure: the caller gives the records and a seeded
 * random source, and writes the new model where it wants.
 */
import { buildMatchIndex, type MatchIndex } from './matcher.ts';
import { COMPARISON_NAMES, type Comparison, type MatchingModel } from './model.ts';
import type { NameTables } from './names.ts';
import type { MatchInput } from './record.ts';
import { scorePair, type ScoringContext } from './score.ts';

export interface TrainingOptions {
  /** Random pairs for u. */
  randomPairs?: number;
  /** Candidate pairs for m (the first ones blocking yields). */
  candidatePairs?: number;
  iterations?: number;
  /** A seeded source in [0, 1): the same seed, the same model. */
  random: () => number;
}

export interface TrainingReport {
  model: MatchingModel;
  randomPairs: number;
  candidatePairs: number;
  iterations: number;
  /** The share of candidate pairs EM took for the same person. */
  matchShare: number;
}

type Levels = Record<Comparison, string>;
type Counts = Record<Comparison, Record<string, number>>;

const emptyCounts = (model: MatchingModel): Counts =>
  Object.fromEntries(COMPARISON_NAMES.map((c) => [c, Object.fromEntries(Object.keys(model.comparaciones[c].niveles).map((l) => [l, 0]))])) as Counts;

/** Counts turned into probabilities, with one pseudo-count per level so none is ever 0 (log2 m/u stays finite). */
function probabilities(counts: Counts, total: Record<Comparison, number>): Counts {
  return Object.fromEntries(
    COMPARISON_NAMES.map((c) => {
      const levels = Object.keys(counts[c]);
      return [c, Object.fromEntries(levels.map((l) => [l, (counts[c][l] + 1) / (total[c] + levels.length)]))];
    }),
  ) as Counts;
}

function levelsOf(index: MatchIndex, ctx: ScoringContext, i: number, j: number): Levels {
  return scorePair(index.record(i), index.record(j), ctx).levels;
}

/** u: the levels of pairs drawn at random (two different people, almost surely). */
function estimateU(index: MatchIndex, ctx: ScoringContext, pairs: number, random: () => number): { u: Counts; n: number } {
  const counts = emptyCounts(index.model);
  const n = index.rows.length;
  let drawn = 0;
  for (let k = 0; k < pairs && n > 1; k++) {
    const i = Math.floor(random() * n);
    const j = Math.floor(random() * n);
    if (i === j || index.rows.input(i).id === index.rows.input(j).id) continue;
    const levels = levelsOf(index, ctx, i, j);
    for (const c of COMPARISON_NAMES) counts[c][levels[c]]++;
    drawn++;
  }
  const total = Object.fromEntries(COMPARISON_NAMES.map((c) => [c, drawn])) as Record<Comparison, number>;
  return { u: probabilities(counts, total), n: drawn };
}

/** The comparison vectors of the pairs blocking brings together, counted (identical vectors once, with their count). */
function candidateVectors(index: MatchIndex, ctx: ScoringContext, limit: number): Map<string, { levels: Levels; count: number }> {
  const vectors = new Map<string, { levels: Levels; count: number }>();
  // A true pair shares many keys: counted once, or EM would see mostly matches.
  const seen = new Set<number>();
  const n = index.rows.length;
  let pairs = 0;
  for (const block of index.blocks.blocks()) {
    if (block.length > (index.model.maximoBloque ?? Infinity)) continue;
    for (let a = 0; a < block.length && pairs < limit; a++) {
      for (let b = a + 1; b < block.length && pairs < limit; b++) {
        const [i, j] = [block[a], block[b]];
        if (index.rows.input(i).id === index.rows.input(j).id) continue;
        const pairKey = Math.min(i, j) * n + Math.max(i, j);
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        const levels = levelsOf(index, ctx, i, j);
        const key = COMPARISON_NAMES.map((c) => levels[c]).join('|');
        const v = vectors.get(key);
        if (v) v.count++;
        else vectors.set(key, { levels, count: 1 });
        pairs++;
      }
    }
    if (pairs >= limit) break;
  }
  return vectors;
}

/**
 * What the E-step reads: the person's own identifiers. Address and phone are left out of it because
 * relatives share them (blocking brings whole households together, and EM would take a household for
 * one person); their m is still re-counted from the posterior the personal fields give.
 */
const PERSONAL: readonly Comparison[] = ['curp', 'fecha', 'sexo', 'nombre', 'primer_apellido', 'segundo_apellido'];

/** m by EM with u fixed: each vector weighed by the chance it is a match, then m re-counted from those weights. */
function estimateM(model: MatchingModel, u: Counts, vectors: Map<string, { levels: Levels; count: number }>, iterations: number): { m: Counts; matchShare: number } {
  let m = Object.fromEntries(COMPARISON_NAMES.map((c) => [c, Object.fromEntries(Object.entries(model.comparaciones[c].niveles).map(([l, p]) => [l, p.m]))])) as Counts;
  let lambda = 0.1;
  const all = [...vectors.values()];
  const totalPairs = all.reduce((s, v) => s + v.count, 0);
  for (let it = 0; it < iterations; it++) {
    const counts = emptyCounts(model);
    let matched = 0;
    for (const v of all) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (const c of PERSONAL) {
        pm *= m[c][v.levels[c]];
        pu *= u[c][v.levels[c]];
      }
      const p = pm / (pm + pu);
      matched += p * v.count;
      for (const c of COMPARISON_NAMES) counts[c][v.levels[c]] += p * v.count;
    }
    lambda = Math.min(0.99, Math.max(1e-6, matched / Math.max(1, totalPairs)));
    m = probabilities(counts, Object.fromEntries(COMPARISON_NAMES.map((c) => [c, matched])) as Record<Comparison, number>);
  }
  return { m, matchShare: lambda };
}

/** A seeded source in [0, 1) (mulberry32): training is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (x: number) => Number(x.toPrecision(6));

/**
 * A new version of the model with m and u estimated from `records` (the registry, or a registry and
 * the rolls that came to it): blocking, levels, labels, thresholds and the test table are kept.
 */
export function trainModel(records: readonly MatchInput[], model: MatchingModel, tables: NameTables, options: TrainingOptions): TrainingReport {
  const index = buildMatchIndex(records, model, tables);
  const ctx: ScoringContext = { model, tables: index.tables, frequencies: index.frequencies };
  const { u, n } = estimateU(index, ctx, options.randomPairs ?? 200_000, options.random);
  const vectors = candidateVectors(index, ctx, options.candidatePairs ?? 500_000);
  const iterations = options.iterations ?? 25;
  const { m, matchShare } = estimateM(model, u, vectors, iterations);
  const comparaciones = Object.fromEntries(
    COMPARISON_NAMES.map((c) => [
      c,
      {
        ...model.comparaciones[c],
        niveles: Object.fromEntries(Object.entries(model.comparaciones[c].niveles).map(([l, p]) => [l, { ...p, m: round(m[c][l]), u: round(u[c][l]) }])),
      },
    ]),
  ) as MatchingModel['comparaciones'];
  const candidatePairs = [...vectors.values()].reduce((s, v) => s + v.count, 0);
  return {
    model: { ...model, version: model.version + 1, comparaciones, entrenado: { registros: records.length, paresAlAzar: n, paresCandidatos: candidatePairs, iteraciones: iterations, proporcionMisma: round(matchShare) } },
    randomPairs: n,
    candidatePairs,
    iterations,
    matchShare,
  };
}

