import { getAtPointer, pointerTokens } from '../definition/errors.ts';

type Schema = Record<string, unknown>;

function deref(root: Schema, node: unknown, depth = 0): Schema | undefined {
  if (node === null || typeof node !== 'object' || depth > 32) return undefined;
  const obj = node as Schema;
  if (typeof obj.$ref === 'string' && obj.$ref.startsWith('#')) return deref(root, getAtPointer(root, obj.$ref), depth + 1);
  return obj;
}

/** Branches that may also declare properties: allOf/anyOf/oneOf and if/then/else. */
function branches(node: Schema): unknown[] {
  const out: unknown[] = [];
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(node[key])) out.push(...(node[key] as unknown[]));
  for (const key of ['then', 'else'] as const) if (node[key]) out.push(node[key]);
  return out;
}

function childSchema(root: Schema, node: Schema, segment: string): Schema | undefined {
  const props = node.properties as Record<string, unknown> | undefined;
  if (props && segment in props) return deref(root, props[segment]);
  if ((segment === '[]' || /^\d+$/.test(segment)) && node.items && !Array.isArray(node.items)) return deref(root, node.items);
  for (const branch of branches(node)) {
    const resolved = deref(root, branch);
    const found = resolved && childSchema(root, resolved, segment);
    if (found) return found;
  }
  return undefined;
}

/**
 * The schema of the answer at a dotted data path (`vivienda.piso`, `hogar.integrantes.0.edad`,
 * `hogar.integrantes.[].edad`), or undefined when the form has no such field.
 */
export function schemaAtDataPath(root: Schema, dottedPath: string): Schema | undefined {
  let node = deref(root, root);
  for (const segment of dottedPath.split('.')) {
    if (!node) return undefined;
    node = childSchema(root, node, segment);
  }
  return node;
}

/** JSON Forms scopes look like `#/properties/vivienda/properties/piso`; this gives `vivienda.piso`. */
export function scopeToDataPath(scope: string): string | null {
  if (scope === '#') return '';
  const tokens = pointerTokens(scope);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    if (tokens[i] !== 'properties' || tokens[i + 1] === undefined) return null;
    out.push(tokens[i + 1]);
  }
  return out.join('.');
}
