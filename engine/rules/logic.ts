import { LogicEngine } from 'json-logic-engine';
import { defError, pointer, type DefinitionError } from '../definition/errors.ts';

/**
 * One JSON Logic engine for every rule of every program. Rules are compiled once per definition
 * version; the engine is json-logic-engine (a maintained, compiling JSON Logic implementation).
 */
export const logicEngine = new LogicEngine();

/** Operators a definition may use. Anything else is a definition error (fail closed), never `true`. */
const ALLOWED_OPERATORS = new Set(
  Object.keys(logicEngine.methods).filter((op) => !['throw', 'try', 'preserve', 'eachKey', 'pipe', 'get', 'val', 'exists', 'keys', '??'].includes(op)),
);

/** Operators whose later arguments are evaluated once per element of the array in the first argument. */
const ITERATORS = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

export type CompiledRule = (data: unknown) => unknown;

export function compileRule(rule: unknown): CompiledRule {
  return logicEngine.build(rule) as CompiledRule;
}

/**
 * A `var` read found in a rule: the dotted path and where in the definition it sits. Reads inside
 * an iterator body are rewritten to absolute paths with `[]` standing for "each item", e.g.
 * `respuestas.hogar.integrantes.[].edad`; `unchecked` marks reads whose context cannot be known.
 */
export interface VarReference {
  path: string;
  pointer: string;
  unchecked?: boolean;
  /** The rule gives a default (`{"var": ["x", false]}`), so a missing value is not "missing data". */
  optional?: boolean;
}

function isOperation(node: unknown): node is Record<string, unknown> {
  return node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length === 1;
}

function varPath(args: unknown): string | null {
  const first = Array.isArray(args) ? args[0] : args;
  return typeof first === 'string' ? first : null;
}

/**
 * Walks a rule, reporting operators outside the allowed set and collecting every literal `var`
 * path (with its pointer) so the loader can check that each field exists in the form.
 */
export function inspectRule(rule: unknown, at: string, errors: DefinitionError[], vars: VarReference[], itemOf?: string): void {
  if (Array.isArray(rule)) return rule.forEach((item, i) => inspectRule(item, pointer(at, i), errors, vars, itemOf));
  if (rule === null || typeof rule !== 'object') return;
  if (!isOperation(rule)) {
    errors.push(defError(at, 'DEF_UNKNOWN_OPERATOR', 'Cada operación de una regla debe ser un objeto con exactamente un operador.'));
    return;
  }
  const [op, args] = Object.entries(rule)[0];
  const opAt = pointer(at, op);
  if (!ALLOWED_OPERATORS.has(op)) {
    errors.push(defError(opAt, 'DEF_UNKNOWN_OPERATOR', `El operador «${op}» no existe o no está permitido en las reglas.`));
    return;
  }
  if (op === 'var') {
    const path = varPath(args);
    if (path !== null && path !== '' && !path.startsWith('../')) {
      vars.push({ ...absoluteVar(path, opAt, itemOf), ...(Array.isArray(args) && args.length > 1 ? { optional: true } : {}) });
    }
    if (Array.isArray(args)) inspectRule(args.slice(1), opAt, errors, vars, itemOf);
    return;
  }
  if (ITERATORS.has(op) && Array.isArray(args) && args.length >= 2) {
    inspectRule(args[0], pointer(opAt, 0), errors, vars, itemOf);
    const source = isOperation(args[0]) && 'var' in args[0] ? varPath((args[0] as Record<string, unknown>).var) : null;
    const bodyItemOf = source === null || itemOf === '*' ? '*' : `${itemOf ? `${itemOf}.[].` : ''}${source}`;
    args.slice(1).forEach((arg, i) => inspectRule(arg, pointer(opAt, i + 1), errors, vars, op === 'reduce' ? '*' : bodyItemOf));
    return;
  }
  inspectRule(args, opAt, errors, vars, itemOf);
}

function absoluteVar(path: string, at: string, itemOf: string | undefined): VarReference {
  if (itemOf === undefined) return { path, pointer: at };
  if (itemOf === '*') return { path, pointer: at, unchecked: true };
  return { path: `${itemOf}.[].${path}`, pointer: at };
}
