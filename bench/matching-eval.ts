/**
 * `npm run eval:matching`: the matcher measured on labelled sets of invented people (bench/matching/
 * generate.ts), 20 k × 5 k and 200 k × 50 k, two seeds each unless told otherwise: precision and recall
 * of the automatic links, recall counting the pairs sent to review, the share sent to review, recall by
 * kind of error and by sex, and exact CURP beside it (the baseline a matcher must beat).
 *
 *   npm run eval:matching [-- --semillas 1,2 --tamanos 20000x5000,200000x50000 --modelo otro/matching/modelo.json]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import modelFile from '../definitions/matching/modelo.json' with { type: 'json' };
import nameTables from '../definitions/matching/nombres.json' with { type: 'json' };
import { buildMatchIndex, loadMatchingModel, matchBatch, type MatchOutcome } from '../engine/matching/index.ts';
import { generateLabelledSet, type LabelledSet } from './matching/generate.ts';

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);
const f3 = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(4));

export interface Figures {
  matches: number;
  auto: number;
  autoRight: number;
  review: number;
  reviewRight: number;
  precision: number;
  recallAuto: number;
  recallWithReview: number;
  reviewShare: number;
  byKind: Map<string, { n: number; auto: number; withReview: number }>;
  bySex: Map<string, { n: number; auto: number; withReview: number }>;
  falseAutoByKind: Map<string, { n: number; falseAuto: number }>;
}

/** What the outcomes say against the truth. A review pair counts as found when the true person is the one shown. */
export function measure(set: LabelledSet, outcomes: readonly MatchOutcome[]): Figures {
  const sexOf = new Map(set.incoming.map((r) => [r.id, r.sexo || '—']));
  const byKind = new Map<string, { n: number; auto: number; withReview: number }>();
  const bySex = new Map<string, { n: number; auto: number; withReview: number }>();
  const falseAutoByKind = new Map<string, { n: number; falseAuto: number }>();
  let matches = 0, auto = 0, autoRight = 0, review = 0, reviewRight = 0;
  for (const o of outcomes) {
    const truth = set.truth.get(o.id) ?? null;
    const kinds = set.kinds.get(o.id) ?? [];
    const isAuto = o.decision === 'misma';
    const isReview = o.decision === 'revisar';
    const shown = o.best?.id ?? null;
    if (isAuto) auto++;
    if (isReview) review++;
    if (truth === null) {
      for (const k of kinds) {
        const e = falseAutoByKind.get(k) ?? { n: 0, falseAuto: 0 };
        e.n++;
        if (isAuto) e.falseAuto++;
        falseAutoByKind.set(k, e);
      }
      continue;
    }
    matches++;
    const foundAuto = isAuto && shown === truth;
    const foundReview = isReview && (shown === truth || o.rival?.id === truth);
    if (foundAuto) autoRight++;
    if (foundReview) reviewRight++;
    for (const [map, key] of [...kinds.map((k) => [byKind, k] as const), [bySex, sexOf.get(o.id) ?? '—'] as const]) {
      const e = map.get(key) ?? { n: 0, auto: 0, withReview: 0 };
      e.n++;
      if (foundAuto) e.auto++;
      if (foundAuto || foundReview) e.withReview++;
      map.set(key, e);
    }
  }
  return {
    matches, auto, autoRight, review, reviewRight,
    precision: ratio(autoRight, auto),
    recallAuto: ratio(autoRight, matches),
    recallWithReview: ratio(autoRight + reviewRight, matches),
    reviewShare: ratio(review, outcomes.length),
    byKind, bySex, falseAutoByKind,
  };
}

/** Exact CURP after trimming and upper-casing, the first registry row that carries it. */
export function exactCurpBaseline(set: LabelledSet): { precision: number; recall: number } {
  const clean = (c: string) => c.toUpperCase().replace(/[^A-Z0-9Ñ]/g, '');
  const byCurp = new Map<string, string>();
  for (const r of set.registry) if (clean(r.curp) && !byCurp.has(clean(r.curp))) byCurp.set(clean(r.curp), r.id);
  let linked = 0, right = 0, matches = 0;
  for (const r of set.incoming) {
    const truth = set.truth.get(r.id) ?? null;
    if (truth !== null) matches++;
    const found = clean(r.curp) ? byCurp.get(clean(r.curp)) : undefined;
    if (found) {
      linked++;
      if (found === truth) right++;
    }
  }
  return { precision: ratio(right, linked), recall: ratio(right, matches) };
}

function report(label: string, set: LabelledSet, outcomes: MatchOutcome[], ms: { build: number; match: number }): Figures {
  const f = measure(set, outcomes);
  const base = exactCurpBaseline(set);
  console.log(`\n## ${label}: ${set.registry.length.toLocaleString('es-MX')} en el padrón × ${set.incoming.length.toLocaleString('es-MX')} entrantes (${f.matches.toLocaleString('es-MX')} ya están en el padrón)`);
  console.log(`  índice ${(ms.build / 1000).toFixed(1)} s; emparejamiento ${(ms.match / 1000).toFixed(1)} s (${Math.round(set.incoming.length / (ms.match / 1000)).toLocaleString('es-MX')} registros/s)`);
  console.log(`  precisión (automáticos)           ${f3(f.precision)}   (${f.autoRight}/${f.auto})`);
  console.log(`  exhaustividad automática          ${f3(f.recallAuto)}`);
  console.log(`  exhaustividad con revisión        ${f3(f.recallWithReview)}`);
  console.log(`  a revisión                        ${pct(f.reviewShare)}   (${f.review}; ${f.reviewRight} de ellos son la misma persona)`);
  console.log(`  CURP exacta (línea base)          precisión ${f3(base.precision)}, exhaustividad ${f3(base.recall)}`);
  console.log('  por tipo de error (misma persona):  n  automática  con revisión');
  for (const [k, e] of [...f.byKind].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`    ${k.padEnd(22)} ${String(e.n).padStart(6)}  ${f3(e.auto / e.n)}  ${f3(e.withReview / e.n)}`);
  console.log('  por sexo:');
  for (const [k, e] of f.bySex) console.log(`    ${k.padEnd(22)} ${String(e.n).padStart(6)}  ${f3(e.auto / e.n)}  ${f3(e.withReview / e.n)}`);
  console.log('  personas distintas, ligadas por error (automático):');
  for (const [k, e] of [...f.falseAutoByKind].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`    ${k.padEnd(22)} ${String(e.n).padStart(6)}  ${e.falseAuto}`);
  return f;
}

export function evaluate(seed: number, registry: number, incoming: number, model: unknown = modelFile): Figures {
  const loaded = loadMatchingModel(model);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.pointer}: ${e.message}`).join('; '));
  const set = generateLabelledSet({ seed, registry, incoming });
  const t0 = performance.now();
  const index = buildMatchIndex(set.registry, loaded.model, nameTables);
  const t1 = performance.now();
  const outcomes = matchBatch(index, set.incoming);
  const t2 = performance.now();
  return report(`semilla ${seed}`, set, outcomes, { build: t1 - t0, match: t2 - t1 });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { semillas: { type: 'string', default: '1,2' }, tamanos: { type: 'string', default: '20000x5000,200000x50000' }, modelo: { type: 'string' } } });
  const model = values.modelo ? JSON.parse(readFileSync(values.modelo, 'utf8')) : modelFile;
  console.log(`# Emparejamiento de personas: modelo versión ${(model as { version: number }).version}${values.modelo ? ` (${values.modelo})` : ''}, ${new Date().toISOString().slice(0, 16)}`);
  for (const size of values.tamanos.split(',')) {
    const [registry, incoming] = size.split('x').map(Number);
    for (const seed of values.semillas.split(',').map(Number)) evaluate(seed, registry, incoming, model);
  }
}
