import { matchesCondition, type ConditionSchema } from './conditions.ts';
import { scopeToDataPath } from './schema-paths.ts';

type Json = Record<string, unknown>;
type Condition = (scopeData: unknown) => boolean;

/**
 * A compiled JSON Forms visibility rule. `base` is the data path of the array whose items the
 * rule lives in (segments, `[]` meaning each item) or [] at the root; the condition and the
 * targets are relative to one item of that array.
 */
export interface VisibilityRule {
  base: string[];
  hiddenWhen: Condition;
  targets: string[][];
}

function getPath(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function splitPath(dotted: string): string[] {
  return dotted === '' ? [] : dotted.split('.');
}

/** A condition as the loader accepted it (semantic-checks.ts), decided the way the browser decides it. */
function compileCondition(condition: Json): Condition {
  if (condition.type === 'OR' || condition.type === 'AND') {
    const parts = (condition.conditions as Json[]).map((c) => compileCondition(c));
    return condition.type === 'OR' ? (d) => parts.some((p) => p(d)) : (d) => parts.every((p) => p(d));
  }
  const path = splitPath(scopeToDataPath(condition.scope as string) ?? '');
  if (condition.type === 'LEAF') return (d) => getPath(d, path) === condition.expectedValue;
  const schema = condition.schema as ConditionSchema;
  const failWhenUndefined = condition.failWhenUndefined === true;
  return (d) => {
    const value = getPath(d, path);
    if (value === undefined) return !failWhenUndefined && matchesCondition(schema, undefined);
    return matchesCondition(schema, value);
  };
}

/** Data paths (relative to the current base) of every Control at or under a UI element. */
function controlTargets(element: Json): string[][] {
  const out: string[][] = [];
  const visit = (node: Json) => {
    if (typeof node.scope === 'string') out.push(splitPath(scopeToDataPath(node.scope) ?? ''));
    else for (const child of (node.elements as Json[] | undefined) ?? []) visit(child);
  };
  visit(element);
  return out;
}

/** Compiles every HIDE/SHOW rule of an (inlined) UI schema, parents before children. */
export function compileVisibility(uischema: Json): VisibilityRule[] {
  const rules: VisibilityRule[] = [];
  const visit = (node: Json, base: string[]) => {
    const rule = node.rule as Json | undefined;
    if (rule && (rule.effect === 'HIDE' || rule.effect === 'SHOW')) {
      const holds = compileCondition(rule.condition as Json);
      const hiddenWhen: Condition = rule.effect === 'HIDE' ? holds : (d) => !holds(d);
      rules.push({ base, hiddenWhen, targets: controlTargets(node) });
    }
    const detail = (node.options as Json | undefined)?.detail as Json | undefined;
    if (detail && typeof node.scope === 'string') visit(detail, [...base, ...splitPath(scopeToDataPath(node.scope) ?? ''), '[]']);
    for (const child of (node.elements as Json[] | undefined) ?? []) visit(child, base);
  };
  visit(uischema, []);
  return rules;
}

/** Each concrete object a rule applies to (the root, or every item of the base array), with its JSON pointer. */
function scopesOf(data: unknown, base: readonly string[], at = ''): Array<{ node: unknown; at: string }> {
  if (base.length === 0) return [{ node: data, at }];
  const [head, ...rest] = base;
  if (head === '[]') {
    return Array.isArray(data) ? data.flatMap((item, i) => scopesOf(item, rest, `${at}/${i}`)) : [];
  }
  if (data === null || typeof data !== 'object') return [];
  return scopesOf((data as Json)[head], rest, `${at}/${head}`);
}

/**
 * Returns `root` without the value at `pointerTokens`, copying only the objects and arrays on the
 * way down (copy on write): the input is never mutated and untouched branches are shared.
 */
function withoutPath(root: unknown, tokens: readonly string[]): unknown {
  if (root === null || typeof root !== 'object') return root;
  const [head, ...rest] = tokens;
  if (!(head in (root as Json))) return root;
  const copy: Json | unknown[] = Array.isArray(root) ? [...root] : { ...(root as Json) };
  if (rest.length === 0) delete (copy as Json)[head];
  else (copy as Json)[head] = withoutPath((root as Json)[head], rest);
  return copy;
}

export interface VisibleAnswers {
  /** The answers without hidden fields; shares unchanged branches with the input (treat both as immutable). */
  data: Json;
  /** JSON pointers of the hidden fields, so their validation errors (e.g. a hidden required field) are ignored. */
  hidden: string[];
}

/**
 * Applies the hidden-field semantics: the answers of every field hidden by a rule are dropped.
 * Rules run parents first, each on the answers as already cleaned by the rules before it, so a
 * condition never sees data the person could not see. The input is not mutated.
 */
export function dropHiddenAnswers(input: Json, rules: readonly VisibilityRule[]): VisibleAnswers {
  let data: unknown = input;
  const hidden: string[] = [];
  for (const rule of rules) {
    for (const scope of scopesOf(data, rule.base)) {
      if (!rule.hiddenWhen(scope.node)) continue;
      for (const target of rule.targets) {
        const ptr = `${scope.at}/${target.join('/')}`;
        hidden.push(ptr);
        // Usually the person left the hidden field empty: copy nothing then.
        if (getPath(scope.node, target) !== undefined) data = withoutPath(data, ptr.split('/').slice(1));
      }
    }
  }
  return { data: data as Json, hidden };
}
