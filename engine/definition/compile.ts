import type Ajv from 'ajv';
import type { AnyStateMachine } from 'xstate';
import { compileRule, inspectRule, type CompiledRule } from '../rules/logic.ts';
import { compileVisibility } from '../forms/visibility.ts';
import { stepDataPaths, type CompiledForm } from '../forms/validate.ts';
import { buildMachine } from '../workflow/machine.ts';
import type { ProgramDefinition } from '../generated/program-definition.ts';
import type { RuleSet } from './load.ts';

/** A rule compiled once, with the variables it must have a value for (those read without a default). */
export interface PreparedRule {
  id: string;
  run: CompiledRule;
  requiredVars: string[];
  /** The same paths split once, because they are checked on every evaluation. */
  requiredPaths: string[][];
}

export interface CompiledProgram {
  form: CompiledForm;
  eligibility: Array<PreparedRule & { message: string }>;
  priority: Array<PreparedRule & { points: number }>;
  documents: Array<{ id: string; required: boolean; requiredIf?: CompiledRule }>;
  ruleSets: Array<{ id: string; facts: PreparedRule[] }>;
  machine: AnyStateMachine;
}

function prepare(id: string, rule: unknown): PreparedRule {
  const vars: Parameters<typeof inspectRule>[3] = [];
  inspectRule(rule, '', [], vars);
  const requiredVars = [...new Set(vars.filter((v) => !v.unchecked && !v.optional && !v.path.includes('[]')).map((v) => v.path))];
  return { id, run: compileRule(rule), requiredVars, requiredPaths: requiredVars.map((p) => p.split('.')) };
}

/** Compiles everything a definition needs at run time, once per definition version. */
export function compileProgram(def: ProgramDefinition, ruleSets: readonly RuleSet[], ajv: Ajv): CompiledProgram {
  const uischema = def.form.uischema as Record<string, unknown>;
  return {
    form: { validate: ajv.compile(def.form.schema), visibility: compileVisibility(uischema), steps: stepDataPaths(uischema) },
    eligibility: def.eligibility.map((r) => ({ ...prepare(r.id, r.rule), message: r.message })),
    priority: (def.priority ?? []).map((r) => ({ ...prepare(r.id, r.rule), points: r.points })),
    documents: def.documents.map((d) => ({ id: d.id, required: d.required === true, ...(d.requiredIf !== undefined ? { requiredIf: compileRule(d.requiredIf) } : {}) })),
    ruleSets: ruleSets.map((set) => ({ id: set.id, facts: set.facts.map((f) => prepare(f.id, f.rule)) })),
    machine: buildMachine(def.workflow),
  };
}
