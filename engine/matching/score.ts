/**
 * A pair scored field by field (Fellegi–Sunter): each comparison's level weighs log2(m/u) from the
 * model, exact name agreements adjusted by how common the name is (a match on UGALDE weighs more than
 * on HERNÁNDEZ), and the reasons kept, in Spanish, with the weight of each. Pure.
 */
import { compareAddress, compareBirth, compareCurp, compareGiven, comparePhone, compareSex, compareSurnames } from './compare.ts';
import { COMPARISONS, levelWeight, type Comparison, type MatchingModel } from './model.ts';
import type { PreparedTables } from './names.ts';
import type { PreparedRecord } from './record.ts';

/** What the registry knows about how common a value is (share of people, 0–1). */
export interface Frequencies {
  givenName(value: string): number;
  surname(value: string): number;
  /** A CURP carried by so many people that it identifies nobody (a placeholder or a lent CURP). */
  unreliableCurp(curp: string): boolean;
}

export interface Reason {
  campo: Comparison;
  nivel: string;
  etiqueta: string;
  peso: number;
}

export interface PairScore {
  score: number;
  levels: Record<Comparison, string>;
  reasons: Reason[];
  swappedSurnames: boolean;
}

export interface ScoringContext {
  model: MatchingModel;
  tables: PreparedTables;
  frequencies: Frequencies;
}

/** log2(u / frequency), within the model's bounds: a rare value weighs more than its level's average. */
function frequencyAdjustment(ctx: ScoringContext, comparison: Comparison, level: string, frequency: number): number {
  const tf = ctx.model.comparaciones[comparison].frecuencia;
  if (!tf || !tf.niveles.includes(level) || !(frequency > 0)) return 0;
  const u = ctx.model.comparaciones[comparison].niveles[level].u;
  return Math.min(tf.maximo, Math.max(tf.minimo, Math.log2(u / frequency)));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A pair's levels and the weight of each, without the reasons' words (what ranking the candidates needs). */
export interface PairWeights {
  score: number;
  levels: Record<Comparison, string>;
  /** The weight of each comparison, in the vocabulary's order (FIELDS). */
  weights: number[];
  swappedSurnames: boolean;
}

/** The comparisons in the vocabulary's order: the order of the weights and of the reasons. */
const FIELDS = Object.keys(COMPARISONS) as Comparison[];

/**
 * The numbers only: run for every candidate of every record, so it builds no reasons (eight objects and
 * their words a candidate, when one or two candidates a record are ever shown).
 */
export function scoreWeights(a: PreparedRecord, b: PreparedRecord, ctx: ScoringContext): PairWeights {
  const f = ctx.frequencies;
  const surnames = compareSurnames(a.surnames, b.surnames);
  const levels: Record<Comparison, string> = {
    curp: compareCurp(a.curp, b.curp, f.unreliableCurp),
    fecha: compareBirth(a, b),
    sexo: compareSex(a.sex, b.sex),
    nombre: compareGiven(a.given, b.given, ctx.tables),
    primer_apellido: surnames.first,
    segundo_apellido: surnames.second,
    domicilio: compareAddress(a, b),
    telefono: comparePhone(a.phone, b.phone),
  };
  const weights = new Array<number>(FIELDS.length);
  let score = 0;
  for (let k = 0; k < FIELDS.length; k++) {
    const campo = FIELDS[k];
    const nivel = levels[campo];
    let peso = levelWeight(ctx.model, campo, nivel);
    // How common the agreeing value is, looked up only for the comparisons and levels the model adjusts.
    if (ctx.model.comparaciones[campo].frecuencia) {
      const frequency = campo === 'nombre' ? f.givenName(a.given.key) : campo === 'primer_apellido' ? f.surname(surnames.firstValue) : campo === 'segundo_apellido' ? f.surname(surnames.secondValue) : 0;
      peso += frequencyAdjustment(ctx, campo, nivel, frequency);
    }
    weights[k] = peso;
    score += peso;
  }
  return { score: round1(score), levels, weights, swappedSurnames: surnames.swapped };
}

/** The reasons of a pair already weighed, in Spanish, field by field. */
export function withReasons(pair: PairWeights, ctx: ScoringContext): PairScore {
  const reasons: Reason[] = FIELDS.map((campo, k) => {
    const nivel = pair.levels[campo];
    let etiqueta = ctx.model.comparaciones[campo].niveles[nivel].etiqueta;
    if (pair.swappedSurnames && (campo === 'primer_apellido' || campo === 'segundo_apellido')) etiqueta += ' (apellidos invertidos)';
    return { campo, nivel, etiqueta, peso: round1(pair.weights[k]) };
  });
  return { score: pair.score, levels: pair.levels, reasons, swappedSurnames: pair.swappedSurnames };
}

export function scorePair(a: PreparedRecord, b: PreparedRecord, ctx: ScoringContext): PairScore {
  return withReasons(scoreWeights(a, b, ctx), ctx);
}

export type Decision = 'misma' | 'revisar' | 'distinta';

export interface Judgement {
  decision: Decision;
  /** Why a pair above the «same person» threshold still goes to a person, in Spanish. */
  motivoRevision?: string;
}

/**
 * Two thresholds. Above «misma», the pair is linked only when personal identifiers back it (two strong,
 * or one strong and one typo-level): surnames, address and phone are shared by siblings and twins.
 * A flagged level, a rival candidate close behind, or no reliable CURP in another place send it to review.
 */
export function judge(pair: Pick<PairScore, 'score' | 'levels'>, rivalScore: number | null, model: MatchingModel): Judgement {
  const { misma, revisar, rival } = model.umbrales;
  if (pair.score < revisar) return { decision: 'distinta' };
  if (pair.score < misma) return { decision: 'revisar', motivoRevision: 'puntaje entre los dos umbrales' };
  const held = (Object.entries(pair.levels) as Array<[Comparison, string]>).map(([c, l]) => `${c}.${l}`);
  const flagged = held.find((l) => model.revisarSi.includes(l));
  if (flagged) {
    const [c, l] = flagged.split('.') as [Comparison, string];
    return { decision: 'revisar', motivoRevision: model.comparaciones[c].niveles[l].etiqueta };
  }
  const strong = held.filter((l) => model.evidencia.fuerte.includes(l)).length;
  const medium = held.filter((l) => model.evidencia.media.includes(l)).length;
  if (strong < 2 && !(strong === 1 && medium >= 1)) return { decision: 'revisar', motivoRevision: 'pocos datos personales en común (solo apellidos, domicilio o teléfono)' };
  if (rivalScore !== null && rivalScore >= revisar && pair.score - rivalScore <= rival) return { decision: 'revisar', motivoRevision: 'otro candidato con un puntaje cercano' };
  const noReliableCurp = pair.levels.curp === 'falta' || pair.levels.curp === 'invalida_distinta';
  if (noReliableCurp && pair.levels.domicilio === 'otro_municipio' && pair.levels.telefono !== 'igual') {
    return { decision: 'revisar', motivoRevision: 'sin CURP confiable y en otro municipio' };
  }
  return { decision: 'misma' };
}
