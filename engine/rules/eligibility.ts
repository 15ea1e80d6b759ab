import { ageAt, validateCurp } from '../curp.ts';
import { localDateInMexicoCity } from '../folio.ts';
import type { LoadedProgram } from '../definition/load.ts';
import type { PreparedRule } from '../definition/compile.ts';
import { padronFacts, type PadronFacts, type PadronSupport } from '../padron/facts.ts';
import { localidadClaveOf, territorioFacts, type CatalogLocalidad, type TerritorioFacts } from './territory-facts.ts';

/** What rules can read: see definitions/README.md for the variables. */
export interface Facts {
  solicitante: { curp: string; edad?: number; sexo?: string; entidadNacimiento?: string; fechaNacimiento?: string };
  respuestas: Record<string, unknown>;
  /** The applicant's supports from other programs in the Padrón Estatal (engine/padron/facts.ts). */
  padron: PadronFacts;
  /** The applicant's localidad, urban or rural, from INEGI's catalog (rules/territory-facts.ts). */
  territorio: TerritorioFacts;
  derivados: Record<string, Record<string, unknown>>;
  hoy: string;
}

export type ReasonCode = 'RULE_FAILED' | 'MISSING_DATA' | 'CURP_INVALID' | 'RULE_ERROR';

export interface EligibilityReason {
  ruleId: string;
  code: ReasonCode;
  message: string;
  /** Variables without a value, for MISSING_DATA. */
  missing?: string[];
}

export interface EligibilityResult {
  eligible: boolean;
  reasons: EligibilityReason[];
  score: number;
  requiredDocuments: string[];
  facts: Facts;
}

export interface ApplicantInput {
  curp: string;
  /** Answers after hidden fields were dropped (FormValidation.data). */
  answers: Record<string, unknown>;
  /** The instant of the application. */
  at: Date;
  /** The applicant's supports from other programs, as the runtime found them in the Padrón Estatal (none when absent). */
  padron?: readonly PadronSupport[];
  /** The catalog's entry for the localidad clave of the answers, as the runtime found it (none when absent or unknown). */
  localidad?: CatalogLocalidad | null;
}

function valueAt(facts: unknown, path: readonly string[]): unknown {
  let node = facts;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function isMissing(facts: Facts, path: readonly string[]): boolean {
  const value = valueAt(facts, path);
  return value === undefined || value === null || value === '';
}

/** Paths a rule reads without a default and that have no value (the reason a rule cannot be decided). */
function missingVars(rule: PreparedRule, facts: Facts): string[] {
  // Hot path: most rules have all their data, so test before building the list.
  if (!rule.requiredPaths.some((p) => isMissing(facts, p))) return [];
  return rule.requiredVars.filter((_, i) => isMissing(facts, rule.requiredPaths[i]));
}

/** Runs a rule; a throwing rule counts as not met (fail closed), never as met. */
function holds(rule: PreparedRule, facts: Facts): boolean | 'error' {
  try {
    return Boolean(rule.run(facts));
  } catch {
    return 'error';
  }
}

/**
 * The facts every rule sees: the applicant's CURP-derived data (age at the call's reference
 * date, or at the application date), the answers, the local date, and the program's rule sets
 * evaluated in order (each fact can read the earlier ones).
 */
export function buildFacts(program: LoadedProgram, input: ApplicantInput): Facts {
  const hoy = localDateInMexicoCity(input.at);
  const curp = validateCurp(input.curp);
  const solicitante: Facts['solicitante'] = { curp: curp.curp };
  if (curp.valid) {
    const referenceDate = program.definition.convocatoria.referenceDate ?? hoy;
    Object.assign(solicitante, {
      edad: ageAt(curp.info.birthDate, referenceDate),
      sexo: curp.info.sex,
      entidadNacimiento: curp.info.state,
      fechaNacimiento: curp.info.birthDate,
    });
  }
  const facts: Facts = {
    solicitante,
    respuestas: input.answers,
    padron: padronFacts(input.padron ?? [], hoy),
    territorio: territorioFacts(localidadClaveOf(program.definition, input.answers), input.localidad),
    derivados: {},
    hoy,
  };
  for (const set of program.compiled.ruleSets) {
    const values: Record<string, unknown> = {};
    facts.derivados[set.id] = values;
    for (const fact of set.facts) {
      try {
        values[fact.id] = missingVars(fact, facts).length > 0 ? null : fact.run(facts);
      } catch {
        values[fact.id] = null;
      }
    }
  }
  return facts;
}

/**
 * Eligibility, score and required documents of one application. Fails closed: an invalid CURP,
 * a rule whose data is missing or a rule that errors all make the applicant not eligible, each
 * with its reason; `reasons` lists every unmet rule, not only the first.
 */
export function evaluateEligibility(program: LoadedProgram, input: ApplicantInput): EligibilityResult {
  const facts = buildFacts(program, input);
  const reasons: EligibilityReason[] = [];
  if (facts.solicitante.edad === undefined) {
    reasons.push({ ruleId: 'curp', code: 'CURP_INVALID', message: 'La CURP no es válida, así que no se puede saber tu edad, sexo ni entidad de nacimiento.' });
  }
  for (const rule of program.compiled.eligibility) {
    const missing = missingVars(rule, facts);
    if (missing.length > 0) {
      reasons.push({ ruleId: rule.id, code: 'MISSING_DATA', message: `Faltan datos para revisar este requisito (${missing.join(', ')}). ${rule.message}`, missing });
      continue;
    }
    const result = holds(rule, facts);
    if (result === 'error') reasons.push({ ruleId: rule.id, code: 'RULE_ERROR', message: `No se pudo evaluar este requisito. ${rule.message}` });
    else if (!result) reasons.push({ ruleId: rule.id, code: 'RULE_FAILED', message: rule.message });
  }
  return { eligible: reasons.length === 0, reasons, score: scoreOf(program, facts), requiredDocuments: requiredDocumentsOf(program, facts), facts };
}

/** Sum of the points of every priority rule that holds; a rule with missing data earns nothing. */
export function scoreOf(program: LoadedProgram, facts: Facts): number {
  let score = 0;
  for (const rule of program.compiled.priority) {
    if (missingVars(rule, facts).length === 0 && holds(rule, facts) === true) score += rule.points;
  }
  return score;
}

/** Ids of the documents this applicant must upload: the required ones and those whose requiredIf holds. */
export function requiredDocumentsOf(program: LoadedProgram, facts: Facts): string[] {
  return program.compiled.documents
    .filter((d) => {
      if (d.required) return true;
      if (!d.requiredIf) return false;
      try {
        return Boolean(d.requiredIf(facts));
      } catch {
        return true; // cannot tell: ask for the document rather than lose it
      }
    })
    .map((d) => d.id);
}

export type CallWindowStatus = 'proxima' | 'abierta' | 'cerrada';

/** Whether the call accepts applications at an instant; both ends of the window are inclusive. */
export function callWindowStatus(program: LoadedProgram, at: Date): CallWindowStatus {
  const t = at.getTime();
  const { opensAt, closesAt } = program.definition.convocatoria;
  if (t < Date.parse(opensAt)) return 'proxima';
  return t <= Date.parse(closesAt) ? 'abierta' : 'cerrada';
}
