/**
 * Eligibility on the device with the engine's own evaluateEligibility (engine/rules/eligibility.ts: the
 * applicant's facts from the CURP, the rule sets, the requirements, the score and the documents required), on
 * the published version the package carries. What the device cannot know is left as the server would find it
 * empty: the person's supports in the Padrón Estatal (none) — the server checks again with them on sending.
 *
 * The rules run through json-logic-engine's interpreter (`logicEngine.run`) instead of the compiled functions
 * the server builds once per version (`logicEngine.build` generates code and evaluates it, which the app's
 * Content-Security-Policy forbids); same engine, same operators, same answers.
 */
import { evaluateEligibility } from '../../engine/rules/eligibility.ts';
import { localidadClaveOf, type CatalogLocalidad } from '../../engine/rules/territory-facts.ts';
import { inspectRule, logicEngine } from '../../engine/rules/logic.ts';
import type { LoadedProgram, RuleSet } from '../../engine/definition/load.ts';
import type { PreparedRule } from '../../engine/definition/compile.ts';
import type { ProgramDefinition } from '../../engine/generated/program-definition.ts';
import type { Elegibilidad, Json } from '../../runtime/web/src/api.ts';
import type { Paquete, ProgramaDeCampo } from './paquete.ts';

/** As engine/definition/compile.ts prepares a rule (the variables it needs without a default), run by the interpreter. */
function preparar(id: string, rule: unknown): PreparedRule {
  const vars: Parameters<typeof inspectRule>[3] = [];
  inspectRule(rule, '', [], vars);
  const requiredVars = [...new Set(vars.filter((v) => !v.unchecked && !v.optional && !v.path.includes('[]')).map((v) => v.path))];
  return { id, run: (facts) => logicEngine.run(rule as never, facts as never), requiredVars, requiredPaths: requiredVars.map((p) => p.split('.')) };
}

/** The parts of a loaded program evaluateEligibility reads. */
export function programaParaElegibilidad(p: ProgramaDeCampo): LoadedProgram {
  const definition = p.definicion as unknown as ProgramDefinition;
  const ruleSets = (definition.ruleSets ?? []).map((id) => (p.reglas as Record<string, RuleSet>)[id]).filter(Boolean);
  const compiled = {
    eligibility: definition.eligibility.map((r) => ({ ...preparar(r.id, r.rule), message: r.message })),
    priority: (definition.priority ?? []).map((r) => ({ ...preparar(r.id, r.rule), points: r.points })),
    documents: definition.documents.map((d) => ({ id: d.id, required: d.required === true, ...(d.requiredIf !== undefined ? { requiredIf: (facts: unknown) => logicEngine.run(d.requiredIf as never, facts as never) } : {}) })),
    ruleSets: ruleSets.map((set) => ({ id: set.id, facts: set.facts.map((f) => preparar(f.id, f.rule)) })),
  };
  return { definition, ruleSets, compiled } as unknown as LoadedProgram;
}

/** The catalog's entry for the localidad of the answers, from the package's catalogs of the brigade's municipios. */
function localidadDe(paquete: Paquete, definition: ProgramDefinition, respuestas: Json): CatalogLocalidad | null {
  const clave = localidadClaveOf(definition, respuestas);
  if (!clave) return null;
  const ref = (paquete.catalogos.localidades[clave.slice(0, 5)] ?? []).find((l) => l.clave === clave);
  return ref ? { clave: ref.clave, nombre: ref.nombre, ambito: ref.ambito, poblacion: null } : null;
}

export type Evaluador = (curp: string, respuestas: Json, ahora: Date) => Elegibilidad;

export function evaluadorDelPrograma(paquete: Paquete, p: ProgramaDeCampo): Evaluador {
  const programa = programaParaElegibilidad(p);
  return (curp, respuestas, ahora) => {
    const r = evaluateEligibility(programa, { curp, answers: respuestas as Record<string, unknown>, at: ahora, padron: [], localidad: localidadDe(paquete, programa.definition, respuestas) });
    return { elegible: r.eligible, motivos: r.reasons.map((m) => ({ ruleId: m.ruleId, code: m.code, message: m.message })), documentosRequeridos: r.requiredDocuments, puntaje: r.score };
  };
}
