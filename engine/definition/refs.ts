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
 *
 * A reference with a `scope` mounts the fragment's section somewhere else in the answers (the CUIS
 * address as a question of a step, «Domicilio del negocio»): `{"$ref": "cuis.uischema.json#/domicilio",
 * "scope": "#/properties/negocio/properties/domicilio", "label": "Domicilio del negocio"}` becomes a
 * Group with that label holding the section's elements, their scopes moved from the section's own
 * place (`#/properties/domicilio`, a CUIS section lives under its own name) to the scope given (kept in
 * the Group's `options.bloque`); a `rule` on the reference goes to the Group. The schema mounts the same section by `$ref`, so the
 * data and the layout both come from the one fragment.
 */
export function inlineUiSchema(uischema: unknown, fragments: FragmentLibrary, basePointer: string, errors: DefinitionError[]): unknown {
  const expand = (node: unknown, file: string | null, at: string, seen: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => expand(item, file, pointer(at, i), seen));
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    if (typeof obj.$ref === 'string') {
      const found = expandRef(obj.$ref, file, pointer(at, '$ref'), seen);
      return typeof obj.scope === 'string' ? mount(found, obj, at, errors) : found;
    }
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

/** Where a section fragment's scopes start: the section lives under the last name of its pointer. */
const sectionScope = (ref: string) => `#/properties/${ref.slice(ref.lastIndexOf('/') + 1)}`;

/** The scope moved from `from` to `to`, or null when it is not under `from`. */
function moved(scope: string, from: string, to: string): string | null {
  if (scope === from) return to;
  return scope.startsWith(`${from}/`) ? to + scope.slice(from.length) : null;
}

/**
 * A section fragment (already inlined) mounted at the reference's scope, as a labelled Group. Scopes in
 * `options.detail` are relative to their array and stay as they are; any other scope of the section that
 * is not under the section's own place cannot follow it and is reported.
 */
function mount(section: unknown, reference: Record<string, unknown>, at: string, errors: DefinitionError[]): unknown {
  const from = sectionScope(String(reference.$ref));
  const to = String(reference.scope);
  const rescope = (node: unknown, nodeAt: string): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => rescope(item, pointer(nodeAt, i)));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'options') out[key] = child;
      else if (key === 'scope' && typeof child === 'string') {
        const scope = moved(child, from, to);
        if (scope === null) errors.push(defError(pointer(at, '$ref'), 'DEF_UISCHEMA', `El bloque «${String(reference.$ref)}» no se puede montar en «${to}»: su control «${child}» está fuera de «${from}».`));
        out[key] = scope ?? child;
      } else out[key] = rescope(child, pointer(nodeAt, key));
    }
    return out;
  };
  const element = (section ?? {}) as Record<string, unknown>;
  const label = typeof reference.label === 'string' ? reference.label : element.label;
  // A section brings its elements; a single control referenced is the group's one element.
  const body = Array.isArray(element.elements) ? element.elements : [element];
  return {
    type: 'Group',
    ...(typeof label === 'string' ? { label } : {}),
    // Where the block's answers are, so a page that lists them can show them under the block's title.
    options: { bloque: to },
    elements: rescope(body, at),
    ...(reference.rule !== undefined ? { rule: reference.rule } : {}),
  };
}
