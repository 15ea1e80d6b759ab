import { defError, getAtPointer, pointer, type DefinitionError } from './errors.ts';

/**
 * Shared fragments (e.g. the CUIS sections) are referenced as `<fragment file>#<JSON pointer>`.
 * The engine does no I/O: callers pass the fragment documents keyed by file name.
 */
export type FragmentLibrary = Readonly<Record<string, unknown>>;

interface RefTarget {
  file: string | null;
  fragmentPointer: string;
}

function parseRef(ref: string, currentFile: string | null): RefTarget {
  const hash = ref.indexOf('#');
  const file = hash === 0 ? currentFile : hash < 0 ? ref : ref.slice(0, hash);
  return { file, fragmentPointer: hash < 0 ? '' : ref.slice(hash + 1) };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** `cuis.schema.json` + `/$defs/vivienda` → `cuis.vivienda`: a readable, collision-free $defs key. */
function bundledKey(file: string, fragmentPointer: string): string {
  const stem = file.replace(/\.schema\.json$|\.json$/, '');
  const tokens = fragmentPointer.split('/').filter((t) => t !== '' && t !== '$defs' && t !== 'definitions');
  return [stem, ...tokens].join('.');
}

/**
 * Makes a form schema self-contained: every external `$ref` is copied once into the schema's own
 * `$defs` and rewritten as a local reference. Local references stay references (Ajv compiles each
 * as its own function with `inlineRefs: false`, which is faster on large forms) and the published
 * version never depends on files that may change later.
 */
export function bundleFormSchema(schema: Record<string, unknown>, fragments: FragmentLibrary, basePointer: string, errors: DefinitionError[]): Record<string, unknown> {
  const root = clone(schema);
  const defs: Record<string, unknown> = { ...((root.$defs as Record<string, unknown>) ?? {}) };
  const inProgress = new Set<string>();

  const visit = (node: unknown, file: string | null, at: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, file, pointer(at, i)));
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.$ref === 'string') obj.$ref = rewriteRef(obj.$ref, file, pointer(at, '$ref'));
    for (const [key, child] of Object.entries(obj)) {
      if (key !== '$ref' && !(file === null && at === basePointer && key === '$defs')) visit(child, file, pointer(at, key));
    }
  };

  const rewriteRef = (ref: string, file: string | null, at: string): string => {
    const target = parseRef(ref, file);
    if (target.file === null) {
      if (getAtPointer(root, target.fragmentPointer) === undefined) {
        errors.push(defError(at, 'DEF_UNRESOLVED_REF', `La referencia «${ref}» no apunta a nada dentro del formulario.`));
      }
      return ref;
    }
    const key = bundledKey(target.file, target.fragmentPointer);
    if (!(key in defs) && !inProgress.has(key)) {
      const fragment = fragments[target.file];
      if (fragment === undefined) {
        errors.push(defError(at, 'DEF_UNRESOLVED_REF', `La referencia «${ref}» usa el fragmento «${target.file}», que no existe en la biblioteca de fragmentos.`));
        return ref;
      }
      const found = getAtPointer(fragment, target.fragmentPointer);
      if (found === undefined) {
        errors.push(defError(at, 'DEF_UNRESOLVED_REF', `La referencia «${ref}» no encuentra «${target.fragmentPointer}» en el fragmento «${target.file}».`));
        return ref;
      }
      inProgress.add(key);
      const copy = clone(found) as Record<string, unknown>;
      if (copy && typeof copy === 'object') delete copy.$id;
      visit(copy, target.file, at);
      defs[key] = copy;
      inProgress.delete(key);
    }
    return `#/$defs/${key}`;
  };

  visit(root, null, basePointer);
  // Local $defs written by the planner may themselves point at fragments.
  for (const [key, value] of Object.entries((root.$defs as Record<string, unknown>) ?? {})) {
    visit(value, null, pointer(basePointer, '$defs', key));
    defs[key] = value;
  }
  if (Object.keys(defs).length > 0) root.$defs = defs;
  return root;
}

/**
 * UI schemas are not validated by Ajv, so their fragments are simply inlined: an element
 * `{"$ref": "cuis.uischema.json#/vivienda"}` is replaced by a copy of that element.
 */
export function inlineUiSchema(uischema: unknown, fragments: FragmentLibrary, basePointer: string, errors: DefinitionError[]): unknown {
  const expand = (node: unknown, file: string | null, at: string, seen: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => expand(item, file, pointer(at, i), seen));
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    if (typeof obj.$ref === 'string') return expandRef(obj.$ref, file, pointer(at, '$ref'), seen);
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(obj)) out[key] = expand(child, file, pointer(at, key), seen);
    return out;
  };

  const expandRef = (ref: string, file: string | null, at: string, seen: readonly string[]): unknown => {
    const target = parseRef(ref, file);
    const id = `${target.file}#${target.fragmentPointer}`;
    if (seen.includes(id)) {
      errors.push(defError(at, 'DEF_REF_CYCLE', `La referencia «${ref}» forma un ciclo.`));
      return {};
    }
    const doc = target.file === null ? uischema : fragments[target.file];
    const found = doc === undefined ? undefined : getAtPointer(doc, target.fragmentPointer);
    if (found === undefined) {
      const what = doc === undefined ? `el fragmento «${target.file}», que no existe` : `«${target.fragmentPointer}», que no existe`;
      errors.push(defError(at, 'DEF_UNRESOLVED_REF', `La referencia «${ref}» apunta a ${what}.`));
      return {};
    }
    return expand(found, target.file, at, [...seen, id]);
  };

  return expand(uischema, null, basePointer, []);
}
