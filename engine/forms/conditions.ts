/**
 * The one judge of JSON Forms show/hide conditions, for the server and the browser alike. A
 * condition's schema is a small JSON Schema (draft-07) written by a planner; this interpreter
 * decides it without compiling code (the portal's Content-Security-Policy forbids `new Function`,
 * which Ajv needs), and `unsupportedConditionKeywords` lets the loader refuse any keyword it does
 * not judge, so an unknown condition can never silently show or hide a field.
 */

export type ConditionSchema = Record<string, unknown> | boolean;

/** Keywords the interpreter decides, and annotations it may ignore because they decide nothing. */
const JUDGED = new Set([
  'const', 'enum', 'type', 'not', 'allOf', 'anyOf', 'oneOf',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'contains', 'items', 'required', 'properties',
]);
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default']);
const TYPES = new Set(['null', 'boolean', 'string', 'number', 'integer', 'array', 'object']);

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
      return false;
  }
}

function matchesNumber(s: Record<string, unknown>, value: number): boolean {
  if (typeof s.minimum === 'number' && value < s.minimum) return false;
  if (typeof s.maximum === 'number' && value > s.maximum) return false;
  if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return false;
  if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return false;
  return true;
}

function matchesString(s: Record<string, unknown>, value: string): boolean {
  const length = [...value].length; // code points, as JSON Schema counts them
  if (typeof s.minLength === 'number' && length < s.minLength) return false;
  if (typeof s.maxLength === 'number' && length > s.maxLength) return false;
  if (typeof s.pattern === 'string' && !patternMatches(s.pattern, value)) return false;
  return true;
}

/** A broken pattern matches nothing: the loader refuses one, but the designer previews drafts it has not checked. */
function patternMatches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

function matchesArray(s: Record<string, unknown>, value: unknown[]): boolean {
  if (typeof s.minItems === 'number' && value.length < s.minItems) return false;
  if (typeof s.maxItems === 'number' && value.length > s.maxItems) return false;
  if (s.contains !== undefined && !value.some((v) => matchesCondition(s.contains as ConditionSchema, v))) return false;
  if (s.items !== undefined && !value.every((v) => matchesCondition(s.items as ConditionSchema, v))) return false;
  return true;
}

function matchesObject(s: Record<string, unknown>, value: Record<string, unknown>): boolean {
  if (Array.isArray(s.required) && !s.required.every((k) => typeof k === 'string' && value[k] !== undefined)) return false;
  if (s.properties && typeof s.properties === 'object') {
    for (const [k, sub] of Object.entries(s.properties as Record<string, ConditionSchema>)) {
      if (value[k] !== undefined && !matchesCondition(sub, value[k])) return false;
    }
  }
  return true;
}

/** Whether `value` satisfies `schema`, with draft-07 semantics, for a schema the loader accepted. */
export function matchesCondition(schema: ConditionSchema, value: unknown): boolean {
  if (typeof schema === 'boolean') return schema;
  const s = schema;
  if ('const' in s && !deepEqual(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) return false;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeMatches(t, value))) return false;
  }
  if (s.not !== undefined && matchesCondition(s.not as ConditionSchema, value)) return false;
  if (Array.isArray(s.allOf) && !s.allOf.every((x) => matchesCondition(x as ConditionSchema, value))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((x) => matchesCondition(x as ConditionSchema, value))) return false;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((x) => matchesCondition(x as ConditionSchema, value)).length !== 1) return false;
  if (typeof value === 'number' && !matchesNumber(s, value)) return false;
  if (typeof value === 'string' && !matchesString(s, value)) return false;
  if (Array.isArray(value) && !matchesArray(s, value)) return false;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !matchesObject(s, value as Record<string, unknown>)) return false;
  return true;
}

/** What is wrong with one keyword's value, or null; the interpreter could not judge it otherwise. */
function keywordProblem(key: string, value: unknown): string | null {
  const isNumber = typeof value === 'number' && Number.isFinite(value);
  const isCount = isNumber && Number.isInteger(value) && (value as number) >= 0;
  switch (key) {
    case 'enum':
    case 'allOf':
    case 'anyOf':
    case 'oneOf':
      return Array.isArray(value) && value.length > 0 ? null : `«${key}» debe ser una lista con al menos un elemento`;
    case 'type': {
      const types = Array.isArray(value) ? value : [value];
      return types.length > 0 && types.every((t) => typeof t === 'string' && TYPES.has(t)) ? null : `«type» debe ser uno de ${[...TYPES].join(', ')}`;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return isNumber ? null : `«${key}» debe ser un número`;
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return isCount ? null : `«${key}» debe ser un entero de 0 en adelante`;
    case 'pattern':
      if (typeof value !== 'string') return '«pattern» debe ser texto';
      try {
        new RegExp(value, 'u');
        return null;
      } catch {
        return `«pattern» no es una expresión regular válida: «${value}»`;
      }
    case 'required':
      return Array.isArray(value) && value.every((k) => typeof k === 'string') ? null : '«required» debe ser una lista de nombres';
    case 'items':
      return Array.isArray(value) ? '«items» en forma de lista (una posición por elemento) no se admite; usa un solo esquema' : null;
    case 'properties':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? null : '«properties» debe ser un objeto';
    default:
      return null;
  }
}

/** Sub-schemas a keyword holds, with the pointer tokens that lead to each. */
function subSchemas(key: string, value: unknown): Array<[Array<string | number>, unknown]> {
  if (key === 'not' || key === 'contains' || key === 'items') return [[[key], value]];
  if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) return value.map((v, i) => [[key, i], v]);
  if (key === 'properties' && value && typeof value === 'object') return Object.entries(value).map(([k, v]) => [[key, k], v]);
  return [];
}

/**
 * Every keyword of a condition schema the interpreter cannot judge, or judges only with a valid
 * value, as `{ path, message }` (path: pointer tokens below the schema). Empty when it can be judged.
 */
export function conditionSchemaProblems(schema: unknown, path: Array<string | number> = []): Array<{ path: Array<string | number>; message: string }> {
  if (typeof schema === 'boolean') return [];
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return [{ path, message: 'El esquema de la condición debe ser un objeto (o true/false)' }];
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (!JUDGED.has(key)) {
      problems.push({ path: [...path, key], message: `La palabra «${key}» no se admite en una condición; usa const, enum, type, minimum, maximum, pattern, not, anyOf, allOf u otra de las admitidas` });
      continue;
    }
    const problem = keywordProblem(key, value);
    if (problem) problems.push({ path: [...path, key], message: problem });
    else for (const [tokens, sub] of subSchemas(key, value)) problems.push(...conditionSchemaProblems(sub, [...path, ...tokens]));
  }
  return problems;
}
