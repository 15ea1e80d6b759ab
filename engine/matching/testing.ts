/**
 * The model's own test table (`pruebas` in definitions/matching/modelo.json): each case a small
 * registry, one incoming record and the decision expected. Frequencies are neutral here (a two-row
 * registry says nothing about how common HERNÁNDEZ is), so a case tests levels, weights and rules.
 */
import { buildMatchIndex, matchRecord } from './matcher.ts';
import type { MatchingModel } from './model.ts';
import type { NameTables } from './names.ts';

export interface MatchingTestResult {
  name: string;
  passed: boolean;
  failures: string[];
}

export function runMatchingTests(model: MatchingModel, tables: NameTables): MatchingTestResult[] {
  return (model.pruebas ?? []).map((c) => {
    const index = buildMatchIndex(c.padron, model, tables, { neutralFrequencies: true });
    const outcome = matchRecord(index, c.entrante);
    const failures: string[] = [];
    if (outcome.decision !== c.esperado.decision) {
      const why = outcome.best ? ` (puntaje ${outcome.best.score} con ${outcome.best.id}${outcome.best.motivoRevision ? `; ${outcome.best.motivoRevision}` : ''}: ${outcome.best.reasons.map((r) => `${r.etiqueta} ${r.peso}`).join(', ')})` : ' (sin candidatos)';
      failures.push(`se esperaba «${c.esperado.decision}» y salió «${outcome.decision}»${why}`);
    }
    if (c.esperado.id && outcome.decision !== 'distinta' && outcome.best?.id !== c.esperado.id) {
      failures.push(`se esperaba proponer ${c.esperado.id} y se propuso ${outcome.best?.id ?? 'nadie'}`);
    }
    return { name: c.nombre, passed: failures.length === 0, failures };
  });
}
