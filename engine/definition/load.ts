import Ajv, { type ErrorObject } from 'ajv';
import programMetaSchema from '../../definitions/schema/program.schema.json' with { type: 'json' };
import ruleSetMetaSchema from '../../definitions/schema/ruleset.schema.json' with { type: 'json' };
import { defError, type DefinitionError } from './errors.ts';
import { bundleFormSchema, inlineUiSchema, type FragmentLibrary } from './refs.ts';
import { semanticChecks } from './semantic-checks.ts';
import { checkFollowUpsWaitForParent } from './questions.ts';
import { compileVisibility } from '../forms/visibility.ts';
import { compileProgram, type CompiledProgram } from './compile.ts';
import { createFormAjv } from '../forms/ajv.ts';
import { errorInstancePath, spanishMessage, withoutBranchNoise } from '../forms/messages.ts';
import { inspectRule } from '../rules/logic.ts';
import type { ProgramDefinition } from '../generated/program-definition.ts';

export interface RuleSetFact {
  id: string;
  label: string;
  description?: string;
  rule: unknown;
}

export interface RuleSet {
  id: string;
  name: string;
  description?: string;
  sources?: string[];
  facts: RuleSetFact[];
}

export interface LoadOptions {
  /** Shared schema and UI fragments keyed by file name, e.g. `cuis.schema.json`. */
  fragments?: FragmentLibrary;
  /** Shared rule sets keyed by id, e.g. `coneval`. */
  ruleSets?: Readonly<Record<string, RuleSet>>;
  /** INEGI municipio claves (5 digits) accepted as quota keys; when absent, quota keys are not checked. */
  municipios?: ReadonlySet<string>;
}

/** A definition that passed every check: frozen, self-contained (fragments bundled), compiled once. */
export interface LoadedProgram {
  readonly definition: Readonly<ProgramDefinition>;
  readonly ruleSets: readonly RuleSet[];
  readonly compiled: CompiledProgram;
}

export type LoadResult = { ok: true; program: LoadedProgram } | { ok: false; errors: DefinitionError[] };

// The meta-schemas are ours and static: compiled once per process. Definitions are data, so the
// checks report every error (allErrors) rather than the first.
const metaAjv = new Ajv({ strict: true, allErrors: true, strictTypes: false });
metaAjv.addFormat('date-time', { validate: (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) });
metaAjv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const validateProgramShape = metaAjv.compile<ProgramDefinition>(programMetaSchema);
const validateRuleSetShape = metaAjv.compile<RuleSet>(ruleSetMetaSchema);

function shapeErrors(errors: ErrorObject[] | null | undefined, prefix = ''): DefinitionError[] {
  return withoutBranchNoise(errors ?? []).map((e) => defError(prefix + errorInstancePath(e), 'DEF_SCHEMA', spanishMessage(e)));
}

/** Checks a shared rule set: its shape and its operators (its fields are checked against each program that uses it). */
export function loadRuleSet(input: unknown): { ok: true; ruleSet: RuleSet } | { ok: false; errors: DefinitionError[] } {
  if (!validateRuleSetShape(input)) return { ok: false, errors: shapeErrors(validateRuleSetShape.errors) };
  const errors: DefinitionError[] = [];
  input.facts.forEach((fact, i) => inspectRule(fact.rule, `/facts/${i}/rule`, errors, []));
  const ids = new Set<string>();
  input.facts.forEach((fact, i) => {
    if (ids.has(fact.id)) errors.push(defError(`/facts/${i}/id`, 'DEF_DUPLICATE_ID', `El hecho «${fact.id}» está repetido.`));
    ids.add(fact.id);
  });
  return errors.length ? { ok: false, errors } : { ok: true, ruleSet: deepFreeze(structuredClone(input)) };
}

/**
 * Loads a program definition: strict schema validation, then semantic checks, then compilation,
 * then a frozen, self-contained definition. Either the program, or every error found with its
 * JSON pointer, code and Spanish message. Pure: fragments, rule sets and catalogs are arguments.
 */
export function loadDefinition(input: unknown, options: LoadOptions = {}): LoadResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [defError('', 'DEF_NOT_OBJECT', 'La definición debe ser un objeto JSON.')] };
  }
  if (!validateProgramShape(input)) return { ok: false, errors: shapeErrors(validateProgramShape.errors) };
  const errors: DefinitionError[] = [];
  const fragments = options.fragments ?? {};
  const formSchema = bundleFormSchema(input.form.schema as Record<string, unknown>, fragments, '/form/schema', errors);
  const uischema = inlineUiSchema(input.form.uischema, fragments, '/form/uischema', errors);
  if (errors.length) return { ok: false, errors };

  const ajv = createFormAjv();
  try {
    ajv.compile(formSchema);
  } catch (error) {
    return { ok: false, errors: [defError('/form/schema', 'DEF_FORM_SCHEMA', `El esquema del formulario no es válido: ${(error as Error).message}`)] };
  }
  const ruleSets = options.ruleSets ?? {};
  errors.push(...semanticChecks({ definition: input, formSchema, uischema, ruleSets, municipios: options.municipios }));
  if (errors.length) return { ok: false, errors };
  checkFollowUpsWaitForParent(compileVisibility(uischema as Record<string, unknown>), formSchema, errors);
  if (errors.length) return { ok: false, errors };

  const definition = deepFreeze({ ...structuredClone(input), form: { schema: formSchema, uischema: uischema as Record<string, unknown> } });
  const usedRuleSets = (definition.ruleSets ?? []).map((id) => ruleSets[id]);
  return { ok: true, program: Object.freeze({ definition, ruleSets: usedRuleSets, compiled: compileProgram(definition, usedRuleSets, ajv) }) };
}

/** Freezes a plain JSON value all the way down, so nothing can mutate a loaded definition. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
