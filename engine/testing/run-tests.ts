import { validateAnswers } from '../forms/validate.ts';
import { evaluateEligibility, callWindowStatus } from '../rules/eligibility.ts';
import type { LoadedProgram } from '../definition/load.ts';
import { schemaAtDataPath } from '../forms/schema-paths.ts';

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

/** A field as the planner named it in the form («Edad»), not its data path; the path only when it has no title. */
function fieldLabel(program: LoadedProgram, path: string): string {
  const title = schemaAtDataPath(program.definition.form.schema as Json, path)?.title;
  return typeof title === 'string' ? `«${title}»` : `«${path}»`;
}

/** A requirement by its message, the words the planner wrote and the citizen reads. */
function requirementLabel(program: LoadedProgram, id: string): string {
  const rule = program.definition.eligibility.find((r) => r.id === id);
  return rule ? `«${rule.message}»` : `«${id}»`;
}

const list = (items: readonly string[]) => (items.length === 0 ? 'ninguno' : items.join('; '));

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
      const n = form.errors.length;
      failures.push(
        expectValid
          ? `Se esperaba el formulario completo y ${n === 1 ? 'tiene 1 dato con error' : `tienen ${n} datos con error`}: ${list(form.errors.map((e) => `${fieldLabel(program, e.path)} ${e.message}`))}.`
          : 'Se esperaba que el formulario tuviera errores y está completo.',
      );
    }
    if (expect.invalidFields && !sameSet(form.errors.map((e) => e.path), expect.invalidFields)) {
      failures.push(`Se esperaban con error: ${list(expect.invalidFields.map((p) => fieldLabel(program, p)))}; tienen error: ${list([...new Set(form.errors.map((e) => e.path))].map((p) => fieldLabel(program, p)))}.`);
    }
    const result = evaluateEligibility(program, { curp, answers: form.data, at, padron: tc.applicant.padron ?? table.base?.padron, localidad: tc.applicant.localidad ?? table.base?.localidad });
    if (expect.eligible !== undefined && result.eligible !== expect.eligible) {
      failures.push(
        expect.eligible
          ? `Se esperaba que cumpliera los requisitos y no cumple: ${list(result.reasons.map((r) => `«${r.message}»`))}.`
          : 'Se esperaba que no cumpliera los requisitos y los cumple todos.',
      );
    }
    const reasonIds = result.reasons.map((r) => r.ruleId);
    if (expect.reasons && !sameSet(reasonIds, expect.reasons)) {
      failures.push(`Se esperaba que no cumpliera: ${list(expect.reasons.map((id) => requirementLabel(program, id)))}; no cumple: ${list(reasonIds.map((id) => requirementLabel(program, id)))}.`);
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
