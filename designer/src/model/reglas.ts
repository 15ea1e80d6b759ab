/** Rules: the visual conditions the planner builds, to and from JSON Logic. */
import type { Json } from '../../../runtime/web/src/api.ts';
import type { VarInfo } from './vista.ts';

// ── Rules: visual conditions ⇄ JSON Logic ───────────────────────────────────

export type Op = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'contiene';

export const OPS: Array<{ id: Op; nombre: string }> = [
  { id: '==', nombre: 'es igual a' },
  { id: '!=', nombre: 'es distinto de' },
  { id: '>=', nombre: 'es mayor o igual a' },
  { id: '>', nombre: 'es mayor que' },
  { id: '<=', nombre: 'es menor o igual a' },
  { id: '<', nombre: 'es menor que' },
  { id: 'in', nombre: 'es alguno de' },
  { id: 'contiene', nombre: 'incluye la opción' },
];

export interface Condition {
  type: 'cond';
  var: string;
  op: Op;
  /** Numbers and text as typed; «in» takes a list. */
  value: string | number | boolean | string[];
}

export interface Group {
  type: 'group';
  mode: 'all' | 'any';
  items: Array<Condition | Group>;
}

export function emptyGroup(): Group {
  return { type: 'group', mode: 'all', items: [] };
}

/** The values of «es alguno de» typed as text (claves of localidades): separated by commas, spaces or lines, each once. */
export function listFromText(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}


const COUNT_VAR = /^(.*)#(?:(\w+)(<|>=)(\d+))?$/;

/** JSON Logic for a roster count: every row, or the rows whose field is in a band. */
function countOf(encoded: string): Json {
  const [, path, field, op, n] = COUNT_VAR.exec(encoded)!;
  const rows = field ? { filter: [{ var: path }, { [op]: [{ var: field }, Number(n)] }] } : { var: path };
  return { reduce: [rows, { '+': [{ var: 'accumulator' }, 1] }, 0] };
}

/** The encoded roster variable of a count made by countOf, or null. */
function countVarOf(reduce: unknown[]): string | null {
  const rows = reduce[0] as Json | undefined;
  if (typeof rows?.var === 'string') return `${rows.var}#`;
  const filter = rows?.filter as unknown[] | undefined;
  const source = (filter?.[0] as Json | undefined)?.var;
  const test = filter?.[1] as Json | undefined;
  const [op, args] = Object.entries(test ?? {})[0] ?? [];
  if (typeof source !== 'string' || (op !== '<' && op !== '>=') || !Array.isArray(args)) return null;
  const field = (args[0] as Json | undefined)?.var;
  return typeof field === 'string' && typeof args[1] === 'number' ? `${source}#${field}${op}${args[1]}` : null;
}

export function toLogic(node: Condition | Group): Json | boolean {
  if (node.type === 'group') {
    const items = node.items.map(toLogic);
    if (items.length === 0) return true;
    if (items.length === 1) return items[0];
    return { [node.mode === 'all' ? 'and' : 'or']: items };
  }
  const v = COUNT_VAR.test(node.var) ? countOf(node.var) : { var: node.var };
  if (node.op === 'in') return { in: [v, Array.isArray(node.value) ? node.value : [node.value]] };
  if (node.op === 'contiene') return { in: [node.value, v] };
  return { [node.op]: [v, node.value] };
}

/** A JSON Logic rule back into conditions, or null when it is not one the builder makes. */
export function fromLogic(rule: unknown): Group | null {
  const cond = (r: unknown): Condition | Group | null => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) return null;
    const [op, args] = Object.entries(r as Json)[0] ?? [];
    if (op === 'and' || op === 'or') {
      const items = (args as unknown[]).map(cond);
      return items.every(Boolean) ? { type: 'group', mode: op === 'and' ? 'all' : 'any', items: items as Array<Condition | Group> } : null;
    }
    if (!Array.isArray(args) || args.length !== 2) return null;
    const [a, b] = args as [Json, unknown];
    const varOf = (x: unknown): string | null => {
      if (x && typeof x === 'object' && typeof (x as Json).var === 'string') return (x as Json).var as string;
      const red = (x as Json | undefined)?.reduce as unknown[] | undefined;
      return Array.isArray(red) ? countVarOf(red) : null;
    };
    if (op === 'in' && varOf(b) && !varOf(a)) return { type: 'cond', var: varOf(b)!, op: 'contiene', value: a as unknown as string };
    const name = varOf(a);
    if (!name || !OPS.some((o) => o.id === op)) return null;
    return { type: 'cond', var: name, op: op as Op, value: b as Condition['value'] };
  };
  if (rule === true) return emptyGroup();
  const c = cond(rule);
  if (!c) return null;
  return c.type === 'group' ? c : { type: 'group', mode: 'all', items: [c] };
}
