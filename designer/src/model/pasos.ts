/** The form's steps and their fields in the definition: add, rename, move, delete. */
import type { Json } from '../../../runtime/web/src/api.ts';
import { scopeToPath } from '../../../runtime/web/src/forms/schema.ts';
import { type Def, clone, slug, unique } from './basicos.ts';
import { DOMICILIO_UISCHEMA_REF, type FieldDraft, type Option, draftToSchema, kindOf } from './campos.ts';

export interface FieldInfo {
  /** Dotted data path, e.g. datos_del_adulto.recibe_pension */
  path: string;
  key: string;
  schema: Json;
  required: boolean;
  kind: ReturnType<typeof kindOf>;
  control: Json;
}

export interface StepInfo {
  index: number;
  cuis: string | null;
  label: string;
  /** Own steps: the object of the answers that holds its fields. */
  seccion: string;
  fields: FieldInfo[];
  /** CUIS steps: the block's field titles (read-only). */
  blockFields: string[];
}

export const formOf = (def: Def) => (def.form ?? {}) as { schema: Json; uischema: Json };
const rootProps = (def: Def) => ((formOf(def).schema.properties ?? {}) as Record<string, Json>);

/** The questions of a step: its Controls, and the blocks mounted at a scope (a «Domicilio» question). */
function controlsOf(node: Json, out: Json[]): Json[] {
  if ((node.type === 'Control' || typeof node.$ref === 'string') && typeof node.scope === 'string') out.push(node);
  else for (const child of (node.elements as Json[] | undefined) ?? []) controlsOf(child, out);
  return out;
}

/** The schema node at a dotted path of the form (through `properties`). */
export function schemaAtPath(def: Def, path: string): { node?: Json; parent?: Json; key: string } {
  const parts = path.split('.');
  let parent: Json | undefined = formOf(def).schema;
  for (let i = 0; i < parts.length - 1; i++) parent = (parent?.properties as Record<string, Json> | undefined)?.[parts[i]];
  const key = parts[parts.length - 1];
  return { node: (parent?.properties as Record<string, Json> | undefined)?.[key], parent, key };
}

export function cuisOf(step: Json): string | null {
  const ref = typeof step.$ref === 'string' ? step.$ref : '';
  const m = /^cuis\.uischema\.json#\/([a-z_]+)$/.exec(ref);
  return m ? m[1] : null;
}

export function stepsOfDef(def: Def, fragments: Record<string, Json>): StepInfo[] {
  const elements = ((formOf(def).uischema?.elements as Json[]) ?? []);
  return elements.map((el, index) => {
    const cuis = cuisOf(el);
    if (cuis) {
      const ui = (fragments['cuis.uischema.json']?.[cuis] ?? {}) as Json;
      const schema = ((fragments['cuis.schema.json']?.$defs as Record<string, Json> | undefined)?.[cuis] ?? {}) as Json;
      const blockFields = Object.values((schema.properties as Record<string, Json>) ?? {}).map((s) => String(s.title ?? ''));
      return { index, cuis, label: String(ui.label ?? cuis), seccion: cuis, fields: [], blockFields };
    }
    const controls = controlsOf(el, []);
    const fields: FieldInfo[] = controls.flatMap((control) => {
      const path = scopeToPath(String(control.scope));
      if (!path) return [];
      const { node, parent, key } = schemaAtPath(def, path);
      return [{ path, key, schema: node ?? {}, required: ((parent?.required as string[]) ?? []).includes(key), kind: kindOf(node), control }];
    });
    const options = (el.options ?? {}) as Json;
    const seccion = typeof options.seccion === 'string' ? options.seccion : fields[0] ? fields[0].path.split('.').slice(0, -1).join('.') : '';
    return { index, cuis: null, label: String(el.label ?? `Paso ${index + 1}`), seccion, fields, blockFields: [] };
  });
}

/** Root `required` keeps a section only when it has required fields (an all-optional step may stay empty). */
function syncSectionRequired(def: Def, seccion: string): void {
  if (!seccion || seccion.includes('.')) return;
  const root = formOf(def).schema;
  const sec = rootProps(def)[seccion];
  const needs = !!sec && (((sec.required as string[]) ?? []).length > 0 || typeof sec.$ref === 'string');
  const req = new Set((root.required as string[]) ?? []);
  if (needs) req.add(seccion);
  else req.delete(seccion);
  root.required = [...req];
}

export function addStep(def: Def, label: string): Def {
  const next = clone(def);
  const form = formOf(next);
  form.schema.properties = form.schema.properties ?? {};
  const key = unique(slug(label, '_'), Object.keys(rootProps(next)));
  (form.schema.properties as Json)[key] = { type: 'object', title: label, additionalProperties: false, properties: {} };
  (form.uischema.elements as Json[]).push({ type: 'Category', label, options: { seccion: key }, elements: [] });
  return next;
}

export function addCuisStep(def: Def, block: string): Def {
  const next = clone(def);
  const form = formOf(next);
  form.schema.properties = form.schema.properties ?? {};
  (form.schema.properties as Json)[block] = { $ref: `cuis.schema.json#/$defs/${block}` };
  (form.uischema.elements as Json[]).push({ $ref: `cuis.uischema.json#/${block}` });
  syncSectionRequired(next, block);
  return next;
}

export function renameStep(def: Def, index: number, label: string): Def {
  const next = clone(def);
  const el = (formOf(next).uischema.elements as Json[])[index];
  el.label = label;
  const sec = typeof (el.options as Json | undefined)?.seccion === 'string' ? rootProps(next)[(el.options as Json).seccion as string] : undefined;
  if (sec && !sec.$ref) sec.title = label;
  return next;
}

export function moveItem<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[to]] = [copy[to], copy[index]];
  return copy;
}

export function moveStep(def: Def, index: number, delta: number): Def {
  const next = clone(def);
  const ui = formOf(next).uischema;
  ui.elements = moveItem(ui.elements as Json[], index, delta);
  return next;
}

export function deleteStep(def: Def, steps: StepInfo[], index: number): Def {
  const next = clone(def);
  const ui = formOf(next).uischema;
  const step = steps[index];
  ui.elements = (ui.elements as Json[]).filter((_, i) => i !== index);
  const sec = step.cuis ?? (step.seccion && !step.seccion.includes('.') ? step.seccion : null);
  const stillUsed = stepsOfDef(next, {}).some((s) => s.seccion === sec || s.cuis === sec);
  if (sec && !stillUsed) {
    delete rootProps(next)[sec];
    const root = formOf(next).schema;
    root.required = ((root.required as string[]) ?? []).filter((r) => r !== sec);
  } else if (!step.cuis) {
    for (const f of step.fields) {
      const { parent, key } = schemaAtPath(next, f.path);
      if (parent?.properties) delete (parent.properties as Json)[key];
      if (parent) parent.required = ((parent.required as string[]) ?? []).filter((r) => r !== key);
    }
  }
  return next;
}

function scopeOf(path: string): string {
  return `#/properties/${path.split('.').join('/properties/')}`;
}

function controlFor(path: string, d: FieldDraft): Json {
  // The address block mounted here: the engine lays out its controls under the question, titled by it.
  const control: Json = d.kind === 'domicilio' ? { $ref: DOMICILIO_UISCHEMA_REF, scope: scopeOf(path), label: d.title.trim() } : { type: 'Control', scope: scopeOf(path) };
  if (d.kind === 'grupo') {
    const taken: string[] = [];
    const keys = d.items.map((s) => {
      const k = s.key ?? unique(slug(s.title, '_'), taken);
      taken.push(k);
      return k;
    });
    control.options = { detail: { type: 'VerticalLayout', elements: keys.map((k) => ({ type: 'Control', scope: `#/properties/${k}` })) } };
    if (keys[0]) (control.options as Json).elementLabelProp = keys[0];
  }
  if (d.kind === 'unica' && d.options.length <= 4) control.options = { format: 'radio' };
  if (d.visibleIf && d.visibleIf.path) {
    const v = d.visibleIf.value;
    const value = v === 'true' ? true : v === 'false' ? false : v;
    control.rule = { effect: 'SHOW', condition: { scope: scopeOf(d.visibleIf.path), schema: { const: value } } };
  }
  return control;
}

export function visibleIfOf(control: Json): { path: string; value: string } | null {
  const rule = control.rule as Json | undefined;
  const cond = rule?.condition as Json | undefined;
  const c = (cond?.schema as Json | undefined)?.const;
  if (rule?.effect !== 'SHOW' || typeof cond?.scope !== 'string' || c === undefined) return null;
  const path = scopeToPath(cond.scope);
  return path ? { path, value: String(c) } : null;
}

/** Adds a field to an own step (its key from its title) or replaces the field at `path`. */
export function saveField(def: Def, step: StepInfo, d: FieldDraft, municipios: Option[], path?: string): Def {
  const next = clone(def);
  const root = formOf(next).schema;
  root.properties = root.properties ?? {};
  let seccion = step.seccion;
  if (!seccion) {
    seccion = unique(slug(step.label, '_'), Object.keys(rootProps(next)));
    const el = (formOf(next).uischema.elements as Json[])[step.index];
    el.options = { ...((el.options as Json) ?? {}), seccion };
  }
  if (!rootProps(next)[seccion] && !seccion.includes('.')) (root.properties as Json)[seccion] = { type: 'object', title: step.label, additionalProperties: false, properties: {} };
  const { node: parentNode } = schemaAtPath(next, seccion);
  const parent = parentNode as Json;
  parent.properties = parent.properties ?? {};
  const props = parent.properties as Json;
  const key = path ? path.split('.').pop()! : unique(slug(d.title, '_'), Object.keys(props));
  const fieldPath = `${seccion}.${key}`;
  props[key] = draftToSchema(d, municipios);
  const req = new Set((parent.required as string[]) ?? []);
  if (d.required) req.add(key);
  else req.delete(key);
  if (req.size) parent.required = [...req];
  else delete parent.required;
  const control = controlFor(fieldPath, d);
  const category = (formOf(next).uischema.elements as Json[])[step.index];
  if (path) replaceControl(category, scopeOf(path), control);
  else (category.elements as Json[]).push(control);
  syncSectionRequired(next, seccion);
  return next;
}

function replaceControl(node: Json, scope: string, control: Json): boolean {
  const list = (node.elements as Json[] | undefined) ?? [];
  for (let i = 0; i < list.length; i++) {
    if (list[i].scope === scope) {
      list[i] = control;
      return true;
    }
    if (replaceControl(list[i], scope, control)) return true;
  }
  return false;
}

function withControls(node: Json, scope: string, edit: (list: Json[], i: number) => Json[]): boolean {
  const list = (node.elements as Json[] | undefined) ?? [];
  const i = list.findIndex((e) => e.scope === scope);
  if (i >= 0) {
    node.elements = edit(list, i);
    return true;
  }
  return list.some((child) => withControls(child, scope, edit));
}

export function moveField(def: Def, step: StepInfo, path: string, delta: number): Def {
  const next = clone(def);
  withControls((formOf(next).uischema.elements as Json[])[step.index], scopeOf(path), (list, i) => moveItem(list, i, delta));
  return next;
}

export function deleteField(def: Def, step: StepInfo, path: string): Def {
  const next = clone(def);
  withControls((formOf(next).uischema.elements as Json[])[step.index], scopeOf(path), (list, i) => list.filter((_, j) => j !== i));
  const { parent, key } = schemaAtPath(next, path);
  if (parent?.properties) delete (parent.properties as Json)[key];
  if (parent) {
    const req = ((parent.required as string[]) ?? []).filter((r) => r !== key);
    if (req.length) parent.required = req;
    else delete parent.required;
  }
  syncSectionRequired(next, step.seccion);
  return next;
}
