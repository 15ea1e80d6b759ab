import { validateAnswers } from '../forms/validate.ts';
import { evaluateEligibility, callWindowStatus } from '../rules/eligibility.ts';
import type { LoadedProgram } from '../definition/load.ts';

export interface TestCaseResult {
  name: string;
  passed: boolean;
  /** Spanish descriptions of each expectation that did not hold. */
  failures: string[];
}

type Json = Record<string, unknown>;

function isPlainObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep merge for test answers: objects merge key by key, arrays and scalars replace. */
export function mergeAnswers(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeAnswers(base[key], value);
  return out;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = [...new Set(a)].sort();
  const sb = [...new Set(b)].sort();
  return sa.length === sb.length && sa.every((v, i) => v === sb[i]);
}

function derivedValue(derivados: Record<string, Record<string, unknown>>, key: string): unknown {
  const [set, fact] = key.split('.');
  return derivados[set]?.[fact];
}

/**
 * Runs a program's test table with the same engine calls the runtime makes for a real
 * application (form validation with hidden fields dropped, eligibility, score, documents, call window).
 */
export function runDefinitionTests(program: LoadedProgram): TestCaseResult[] {
  const table = program.definition.tests;
  if (!table) return [];
  return table.cases.map((tc) => {
    const failures: string[] = [];
    const curp = tc.applicant.curp ?? table.base?.curp ?? '';
    const atText = tc.applicant.at ?? table.base?.at;
    const answers = mergeAnswers(table.base?.answers ?? {}, tc.applicant.answers) as Json;
    if (!atText) return { name: tc.name, passed: false, failures: ['El caso no indica el momento de la solicitud (at).'] };
    const at = new Date(atText);
    const expect = tc.expect;
    const form = validateAnswers(program, answers);
    const expectValid = expect.valid ?? true;
    if (form.valid !== expectValid) {
      failures.push(expectValid ? `Se esperaba un formulario válido; errores: ${form.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` : 'Se esperaba un formulario con errores y resultó válido.');
    }
    if (expect.invalidFields && !sameSet(form.errors.map((e) => e.path), expect.invalidFields)) {
      failures.push(`Campos con error esperados [${expect.invalidFields.join(', ')}], obtenidos [${[...new Set(form.errors.map((e) => e.path))].join(', ')}].`);
    }
    const result = evaluateEligibility(program, { curp, answers: form.data, at });
    if (expect.eligible !== undefined && result.eligible !== expect.eligible) {
      failures.push(`Se esperaba ${expect.eligible ? 'elegible' : 'no elegible'}; motivos: ${result.reasons.map((r) => `${r.ruleId} (${r.message})`).join('; ') || 'ninguno'}.`);
    }
    const reasonIds = result.reasons.map((r) => r.ruleId);
    if (expect.reasons && !sameSet(reasonIds, expect.reasons)) {
      failures.push(`Motivos esperados [${expect.reasons.join(', ')}], obtenidos [${reasonIds.join(', ')}].`);
    }
    if (expect.callOpen !== undefined && (callWindowStatus(program, at) === 'abierta') !== expect.callOpen) {
      failures.push(`Se esperaba la convocatoria ${expect.callOpen ? 'abierta' : 'cerrada'} en ${atText}.`);
    }
    if (expect.score !== undefined && result.score !== expect.score) failures.push(`Puntaje esperado ${expect.score}, obtenido ${result.score}.`);
    if (expect.requiredDocuments && !sameSet(result.requiredDocuments, expect.requiredDocuments)) {
      failures.push(`Documentos obligatorios esperados [${expect.requiredDocuments.join(', ')}], obtenidos [${result.requiredDocuments.join(', ')}].`);
    }
    for (const [key, expected] of Object.entries((expect.derived as Json | undefined) ?? {})) {
      const actual = derivedValue(result.facts.derivados, key);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) failures.push(`Hecho derivado ${key}: esperado ${JSON.stringify(expected)}, obtenido ${JSON.stringify(actual)}.`);
    }
    return { name: tc.name, passed: failures.length === 0, failures };
  });
}
