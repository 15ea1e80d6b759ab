/**
 * A small interpreter for the JSON Schema subset used in JSON Forms rule conditions (`const`, `enum`,
 * `type`, `not`, `anyOf`…), handed to JSON Forms instead of Ajv. Ajv compiles schemas with `new Function`,
 * which the portal's Content-Security-Policy forbids (no 'unsafe-eval'); the forms here are validated by
 * the server, so the browser only needs to decide rules (show/hide). Unknown keywords are ignored.
 */

type Schema = Record<string, unknown> | boolean;

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

/** Whether `value` satisfies `schema` (draft-07 semantics for the supported keywords). */
export function matches(schema: Schema, value: unknown): boolean {
  if (schema === true) return true;
  if (schema === false) return false;
  const s = schema;
  if ('const' in s && !deepEqual(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) return false;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeMatches(t, value))) return false;
  }
  if (s.not !== undefined && matches(s.not as Schema, value)) return false;
  if (Array.isArray(s.allOf) && !s.allOf.every((x) => matches(x as Schema, value))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((x) => matches(x as Schema, value))) return false;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((x) => matches(x as Schema, value)).length !== 1) return false;
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return false;
    if (typeof s.maximum === 'number' && value > s.maximum) return false;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return false;
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return false;
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) return false;
    if (typeof s.maxLength === 'number' && length > s.maxLength) return false;
    if (typeof s.pattern === 'string') {
      try {
        if (!new RegExp(s.pattern, 'u').test(value)) return false;
      } catch {
        return false;
      }
    }
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return false;
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return false;
    if (s.contains !== undefined && !value.some((v) => matches(s.contains as Schema, v))) return false;
    if (s.items !== undefined && !Array.isArray(s.items) && !value.every((v) => matches(s.items as Schema, v))) return false;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    if (Array.isArray(s.required) && !s.required.every((k) => typeof k === 'string' && obj[k] !== undefined)) return false;
    if (s.properties && typeof s.properties === 'object') {
      for (const [k, sub] of Object.entries(s.properties as Record<string, Schema>)) {
        if (obj[k] !== undefined && !matches(sub, obj[k])) return false;
      }
    }
  }
  return true;
}

interface ValidateFn {
  (data: unknown): boolean;
  errors?: null | Array<Record<string, unknown>>;
}

/** The two methods of Ajv that JSON Forms calls. */
export const conditionValidator = {
  validate(schema: Schema, data: unknown): boolean {
    return matches(schema, data);
  },
  compile(schema: Schema): ValidateFn {
    const fn: ValidateFn = (data: unknown) => {
      const ok = matches(schema, data);
      fn.errors = ok ? null : [{ keyword: 'sipros', instancePath: '', schemaPath: '#', params: {}, message: 'No válido.' }];
      return ok;
    };
    return fn;
  },
};
