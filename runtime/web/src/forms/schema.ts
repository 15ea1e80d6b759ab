/**
 * Reading a program's form (JSON Schema + JSON Forms UI schema, as served by the API: self-contained,
 * references only inside `$defs`): steps, labels of fields, readable values, data paths.
 */
import type { ErrorObject } from 'ajv';
import type { ErrorCampo, Json } from '../api.ts';
import { formatDate, formatNumber } from '../format.ts';

export type Schema = Json;

/** Follows a local `$ref` (`#/$defs/...`), repeatedly. */
export function deref(root: Schema, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s && typeof s.$ref === 'string' && i < 20; i++) {
    const ref = s.$ref as string;
    if (!ref.startsWith('#/')) return s;
    let node: unknown = root;
    for (const token of ref.slice(2).split('/')) {
      const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
      node = node && typeof node === 'object' ? (node as Json)[key] : undefined;
    }
    s = node as Schema | undefined;
  }
  return s;
}

export function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

/** The schema of the value at a dotted data path (`hogar.integrantes.0.edad`). */
export function schemaAt(root: Schema, path: string): Schema | undefined {
  let s = deref(root, root);
  for (const key of splitPath(path)) {
    if (!s) return undefined;
    if (/^\d+$/.test(key) && s.items) s = deref(root, s.items as Schema);
    else s = deref(root, (s.properties as Record<string, Schema> | undefined)?.[key]);
  }
  return s;
}

export function getAt(data: unknown, path: string): unknown {
  let node = data;
  for (const key of splitPath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Json)[key];
  }
  return node;
}

/** A copy of `data` with `value` at `path` (undefined removes it); untouched branches are shared. */
export function setAt(data: Json, path: string, value: unknown): Json {
  const keys = splitPath(path);
  const write = (node: unknown, i: number): unknown => {
    const key = keys[i];
    const isIndex = /^\d+$/.test(key);
    const base: Json | unknown[] = Array.isArray(node) ? [...node] : node && typeof node === 'object' ? { ...(node as Json) } : isIndex ? [] : {};
    const container = base as Record<string, unknown>;
    if (i === keys.length - 1) {
      if (value === undefined) delete container[key];
      else container[key] = value;
    } else container[key] = write(container[key], i + 1);
    return base;
  };
  return keys.length === 0 ? data : (write(data, 0) as Json);
}

export function humanize(key: string): string {
  const text = key.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The label people see for a field: its schema title, else its key made readable. */
export function labelAt(root: Schema, path: string): string {
  const s = schemaAt(root, path);
  if (typeof s?.title === 'string') return s.title;
  const keys = splitPath(path);
  const last = keys[keys.length - 1] ?? '';
  return /^\d+$/.test(last) ? `Elemento ${Number(last) + 1}` : humanize(last);
}

/** "Hogar › Integrante 1 › Edad": where a field is, for lists of errors and corrections. */
export function breadcrumbAt(root: Schema, path: string): string {
  const keys = splitPath(path);
  const parts: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const sub = keys.slice(0, i + 1).join('.');
    if (/^\d+$/.test(keys[i])) {
      const parent = schemaAt(root, keys.slice(0, i).join('.'));
      const itemTitle = deref(root, parent?.items as Schema | undefined)?.title;
      parts.push(`${typeof itemTitle === 'string' ? itemTitle : 'Elemento'} ${Number(keys[i]) + 1}`);
      continue;
    }
    // Array containers are named by their items ("Integrante del hogar 1"), skip their own title.
    const s = schemaAt(root, sub);
    if (s?.type === 'array' && i < keys.length - 1) continue;
    parts.push(labelAt(root, sub));
  }
  return parts.join(' › ');
}

/** A readable value: the option's title, Sí/No, numbers and dates in es-MX. */
export function valueLabel(schema: Schema | undefined, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'Sin respuesta';
  if (schema && Array.isArray(schema.oneOf)) {
    const option = (schema.oneOf as Json[]).find((o) => o.const === value);
    if (option && typeof option.title === 'string') return option.title;
  }
  if (typeof value === 'boolean') return value ? 'Sí' : 'No';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string' && schema?.format === 'date') return formatDate(value);
  if (Array.isArray(value)) return value.map((v) => valueLabel(deref({}, schema?.items as Schema | undefined), v)).join(', ');
  return String(value);
}

/** `#/properties/a/properties/b` → `a.b` (null for scopes through `items`, which index arrays). */
export function scopeToPath(scope: string): string | null {
  if (!scope.startsWith('#')) return null;
  const tokens = scope.slice(2).split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'properties' && i + 1 < tokens.length) out.push(tokens[++i]);
    else if (tokens[i] === 'items') return null;
  }
  return out.join('.');
}

export interface Step {
  label: string;
  /** The Category as a layout JSON Forms can render on its own. */
  uischema: Json;
  /** Data paths of the controls of the step (arrays by their own path). */
  paths: string[];
}

function collectPaths(node: Json, out: string[]): void {
  if (typeof node.scope === 'string') {
    const p = scopeToPath(node.scope);
    if (p !== null) out.push(p);
    return;
  }
  for (const child of (node.elements as Json[] | undefined) ?? []) collectPaths(child, out);
}

/** The steps of a Categorization (one per Category); a form without categories is one step. */
export function stepsOf(uischema: Json, fallbackLabel = 'Datos'): Step[] {
  const elements = (uischema.elements as Json[] | undefined) ?? [];
  const categories = uischema.type === 'Categorization' ? elements.filter((e) => e.type === 'Category') : [];
  const make = (label: string, node: Json): Step => {
    const paths: string[] = [];
    collectPaths(node, paths);
    return { label, uischema: { type: 'VerticalLayout', elements: (node.elements as Json[]) ?? [] }, paths };
  };
  if (categories.length === 0) return [make(fallbackLabel, uischema)];
  return categories.map((c, i) => make(typeof c.label === 'string' ? c.label : `Paso ${i + 1}`, c));
}

/** Index of the step that owns a data path, or -1. */
export function stepOfPath(steps: readonly Step[], path: string): number {
  let best = -1;
  let bestLength = -1;
  steps.forEach((step, i) => {
    for (const p of step.paths) {
      if ((path === p || path.startsWith(`${p}.`) || p === '') && p.length > bestLength) {
        best = i;
        bestLength = p.length;
      }
    }
  });
  if (best >= 0) return best;
  // An error on a whole section (e.g. a missing object) belongs to the step of its fields.
  return steps.findIndex((s) => s.paths.some((p) => p.startsWith(`${path}.`)));
}

/** The id of a field's input, derived from its data path (stable: links in error lists point to it). */
export function fieldId(path: string, prefix = 'campo'): string {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The message to show next to the field: without the field's title (the label is right there). */
export function fieldMessage(root: Schema, error: ErrorCampo): string {
  if (error.code === 'FORM_REQUIRED') return 'Este dato es obligatorio.';
  const title = labelAt(root, error.path);
  const prefix = `${title}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/**
 * The message for a list of errors: where the field is and what is wrong. Inside one step the
 * section's own name is left out ("Municipio", not "Domicilio › Municipio").
 */
export function summaryMessage(root: Schema, error: ErrorCampo, withinStep = false): string {
  return `${placeOf(root, error.path, withinStep)}: ${fieldMessage(root, error)}`;
}

/** Where a field is, by the names a person sees ("Integrante del hogar 1 › Edad"); inside a step without the step's own name. */
export function placeOf(root: Schema, path: string, withinStep = false): string {
  const parts = breadcrumbAt(root, path).split(' › ');
  return withinStep && parts.length > 1 ? parts.slice(1).join(' › ') : parts.join(' › ');
}

/** Errors in the order their fields appear on the screen (the server lists them in schema order). */
export function inScreenOrder(step: Step, errors: readonly ErrorCampo[]): ErrorCampo[] {
  const rank = (path: string) => {
    const i = step.paths.findIndex((p) => path === p || path.startsWith(`${p}.`));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...errors].sort((a, b) => rank(a.path) - rank(b.path));
}

/** Server field errors as the Ajv-shaped errors JSON Forms shows next to controls (`additionalErrors`). */
export function toAdditionalErrors(root: Schema, errors: readonly ErrorCampo[]): ErrorObject[] {
  return errors.map((e) => ({
    instancePath: e.path === '' ? '' : `/${splitPath(e.path).join('/')}`,
    schemaPath: '#/sipros',
    keyword: 'sipros',
    params: {},
    message: fieldMessage(root, e),
  }));
}

/**
 * Lists the form requires to have items (minItems ≥ 1, e.g. the household members) start with one empty
 * item, so people see the fields at once. Only lists reached through objects; answers are not changed
 * otherwise.
 */
export function withMinimumItems(root: Schema, data: Json): Json {
  let out = data;
  const visit = (s: Schema | undefined, path: string, depth: number) => {
    const schema = deref(root, s);
    if (!schema || depth > 6) return;
    if (schema.type === 'array') {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const items = deref(root, schema.items as Schema | undefined);
      if (min > 0 && items?.type === 'object' && getAt(out, path) === undefined) out = setAt(out, path, Array.from({ length: min }, () => ({})));
      return;
    }
    if (schema.type === 'object' || schema.properties) {
      for (const [key, sub] of Object.entries((schema.properties as Record<string, Schema>) ?? {})) visit(sub, path ? `${path}.${key}` : key, depth + 1);
    }
  };
  visit(root, '', 0);
  return out;
}
