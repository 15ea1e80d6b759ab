import type { ErrorObject, ValidateFunction } from 'ajv';
import { errorInstancePath, spanishMessage, withoutBranchNoise } from './messages.ts';
import { dropHiddenAnswers, type VisibilityRule } from './visibility.ts';
import { schemaAtDataPath, scopeToDataPath } from './schema-paths.ts';
import type { LoadedProgram } from '../definition/load.ts';

/** One problem with an answer, placed on the field the person must fix. */
export interface FieldError {
  /** Dotted data path, e.g. `hogar.integrantes.0.edad`. */
  path: string;
  /** The same location as a JSON pointer into the answers. */
  pointer: string;
  code: string;
  /** Spanish message, prefixed by the field's title when the form has one. */
  message: string;
}

export interface FormValidation {
  valid: boolean;
  /** The answers to store: hidden fields dropped; shares unchanged branches with the input (treat as immutable). */
  data: Record<string, unknown>;
  errors: FieldError[];
}

export interface CompiledForm {
  validate: ValidateFunction;
  visibility: VisibilityRule[];
  /** For each step (Category), the data paths its controls own. */
  steps: string[][];
}

function pointerToPath(ptr: string): string {
  return ptr.split('/').slice(1).join('.');
}

function isUnder(ptr: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => ptr === p || ptr.startsWith(`${p}/`));
}

/** Whether a pointer is at or under one of the hidden fields: walks up its ancestors in a Set (hot path). */
function hiddenTest(hidden: readonly string[]): (ptr: string) => boolean {
  if (hidden.length === 0) return () => false;
  const set = new Set(hidden);
  return (ptr) => {
    for (let p = ptr; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) if (set.has(p)) return true;
    return false;
  };
}

function toFieldError(error: ErrorObject, formSchema: Record<string, unknown>): FieldError {
  const ptr = errorInstancePath(error);
  const path = pointerToPath(ptr);
  const title = schemaAtDataPath(formSchema, path)?.title;
  // For a missing answer the field's own title says which one; the internal key would not.
  const message = error.keyword === 'required' && typeof title === 'string' ? 'Este dato es obligatorio.' : spanishMessage(error);
  return {
    path,
    pointer: ptr,
    code: `FORM_${error.keyword.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`,
    message: typeof title === 'string' ? `${title}: ${message}` : message,
  };
}

/** The data paths of the controls in each step, so a step can be validated before the next. */
export function stepDataPaths(uischema: Record<string, unknown>): string[][] {
  const collect = (node: Record<string, unknown>, out: string[]) => {
    if (typeof node.scope === 'string') {
      const path = scopeToDataPath(node.scope);
      if (path !== null) out.push(path);
      return;
    }
    for (const child of (node.elements as Array<Record<string, unknown>> | undefined) ?? []) collect(child, out);
  };
  return ((uischema.elements as Array<Record<string, unknown>>) ?? []).map((step) => {
    const out: string[] = [];
    collect(step, out);
    return out;
  });
}

/**
 * Validates a citizen's answers against the program's form. Hidden fields are dropped first and
 * cannot fail; with `step`, only errors of that step's fields are reported (the rest of the form
 * may still be empty). The input is never mutated; the returned data shares its unchanged branches.
 */
export function validateAnswers(program: LoadedProgram, answers: unknown, options: { step?: number } = {}): FormValidation {
  const form = program.compiled.form;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
    return { valid: false, data: {}, errors: [{ path: '', pointer: '', code: 'FORM_TYPE', message: 'Las respuestas deben ser un objeto.' }] };
  }
  const { data, hidden } = dropHiddenAnswers(answers as Record<string, unknown>, form.visibility);
  const valid = form.validate(data) as boolean;
  const schema = program.definition.form.schema as Record<string, unknown>;
  const isHidden = hiddenTest(hidden);
  const visibleErrors = valid ? [] : (form.validate.errors ?? []).filter((e) => !isHidden(errorInstancePath(e)));
  let errors = withoutBranchNoise(visibleErrors).map((e) => toFieldError(e, schema));
  if (options.step !== undefined) {
    const own = (form.steps[options.step] ?? []).map((p) => (p === '' ? '' : `/${p.split('.').join('/')}`));
    // An error on a parent object (e.g. the whole section missing) belongs to the step too.
    errors = errors.filter((e) => isUnder(e.pointer, own) || own.some((p) => p === '' || p.startsWith(`${e.pointer}/`)));
  }
  return { valid: errors.length === 0, data, errors };
}
