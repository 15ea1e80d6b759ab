import { APPLICATION_STATUSES, CITIZEN_WORKFLOW_ROLE, WORKFLOW_ROLES } from '../../engine/vocabulary.ts';
/**
 * The designer's view of a program definition: steps and fields of the form, rules as visual
 * conditions, the workflow as states and arrows. Pure functions; every change returns a new definition.
 * The planner never sees the JSON these produce.
 */
import type { Json } from '../../runtime/web/src/api.ts';
import { bundleFormSchema, inlineUiSchema } from '../../engine/definition/refs.ts';
import { scopeToPath } from '../../runtime/web/src/forms/schema.ts';

export type Def = Json;

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** "Datos del adulto mayor" → "datos-del-adulto-mayor" (or with «_»). */
export function slug(text: string, sep: '-' | '_' = '-', max = 40): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '')
    .slice(0, max)
    .replace(new RegExp(`\\${sep}+$`), '');
  return /^[a-z]/.test(s) ? s : `c${sep}${s || 'campo'}`;
}

export function unique(base: string, taken: Iterable<string>, sep = '_'): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}${sep}${i}`)) return `${base}${sep}${i}`;
}

// ── CUIS blocks and catalogs ────────────────────────────────────────────────

export const CUIS_BLOCKS: Array<{ id: string; nombre: string; descripcion: string }> = [
  { id: 'domicilio', nombre: 'Domicilio', descripcion: 'Municipio, localidad, calle, número, código postal y ubicación.' },
  { id: 'hogar', nombre: 'Hogar', descripcion: 'Integrantes del hogar (grupo repetible): parentesco, edad, escolaridad, salud y trabajo.' },
  { id: 'vivienda', nombre: 'Vivienda', descripcion: 'Cuartos, piso, techo, muros y tenencia.' },
  { id: 'servicios', nombre: 'Servicios', descripcion: 'Agua, drenaje, electricidad y combustible.' },
  { id: 'alimentacion', nombre: 'Alimentación', descripcion: 'Preguntas de seguridad alimentaria.' },
  { id: 'ingreso', nombre: 'Ingreso', descripcion: 'Ingreso mensual del hogar y remesas.' },
];

export const ESTADOS: Array<{ const: string; title: string }> = [
  'Aguascalientes', 'Baja California', 'Baja California Sur', 'Campeche', 'Coahuila de Zaragoza', 'Colima', 'Chiapas', 'Chihuahua', 'Ciudad de México', 'Durango',
  'Guanajuato', 'Guerrero', 'Hidalgo', 'Jalisco', 'México', 'Michoacán de Ocampo', 'Morelos', 'Nayarit', 'Nuevo León', 'Oaxaca', 'Puebla', 'Querétaro', 'Quintana Roo',
  'San Luis Potosí', 'Sinaloa', 'Sonora', 'Tabasco', 'Tamaulipas', 'Tlaxcala', 'Veracruz de Ignacio de la Llave', 'Yucatán', 'Zacatecas',
].map((title, i) => ({ const: String(i + 1).padStart(2, '0'), title }));

/** Querétaro's municipios (clave INEGI and name), from the CUIS domicilio block. */
export function municipiosDe(fragments: Record<string, Json>): Array<{ const: string; title: string }> {
  const defs = (fragments['cuis.schema.json']?.$defs ?? {}) as Record<string, Json>;
  const m = (defs.domicilio?.properties as Record<string, Json> | undefined)?.municipio;
  return ((m?.oneOf as Array<{ const: string; title: string }>) ?? []).map((o) => ({ const: o.const, title: o.title }));
}

// ── Form: steps and fields ──────────────────────────────────────────────────

export type FieldKind = 'texto' | 'numero' | 'fecha' | 'sino' | 'unica' | 'multiple' | 'estado' | 'municipio' | 'localidad' | 'curp' | 'telefono' | 'correo' | 'grupo';

export const FIELD_KINDS: Array<{ id: FieldKind; nombre: string }> = [
  { id: 'texto', nombre: 'Texto' },
  { id: 'numero', nombre: 'Número' },
  { id: 'fecha', nombre: 'Fecha' },
  { id: 'sino', nombre: 'Sí / No' },
  { id: 'unica', nombre: 'Opción única' },
  { id: 'multiple', nombre: 'Opción múltiple' },
  { id: 'estado', nombre: 'Catálogo: estado' },
  { id: 'municipio', nombre: 'Catálogo: municipio' },
  { id: 'localidad', nombre: 'Catálogo: localidad' },
  { id: 'curp', nombre: 'CURP' },
  { id: 'telefono', nombre: 'Teléfono' },
  { id: 'correo', nombre: 'Correo electrónico' },
  { id: 'grupo', nombre: 'Grupo repetible' },
];

export const kindName = (k: string) => FIELD_KINDS.find((f) => f.id === k)?.nombre ?? 'Otro';

const PHONE = '^[0-9]{10}$';

export interface Option {
  const: string;
  title: string;
}

/** A field as the planner edits it. */
export interface FieldDraft {
  key?: string;
  title: string;
  kind: FieldKind;
  description: string;
  required: boolean;
  min: string;
  max: string;
  pattern: string;
  integer: boolean;
  options: Option[];
  /** Grupo repetible: the name of one element ("Contacto") and its fields. */
  itemTitle: string;
  items: FieldDraft[];
  /** Shown only when another field has a value. */
  visibleIf: { path: string; value: string } | null;
}

export function emptyDraft(kind: FieldKind = 'texto'): FieldDraft {
  return { title: '', kind, description: '', required: true, min: '', max: '', pattern: '', integer: true, options: [], itemTitle: '', items: [], visibleIf: null };
}

export function kindOf(schema: Json | undefined): FieldKind | 'bloque' | 'seccion' | 'otro' {
  if (!schema) return 'otro';
  if (typeof schema.$ref === 'string') return 'bloque';
  const items = schema.items as Json | undefined;
  switch (schema.type) {
    case 'boolean':
      return 'sino';
    case 'number':
    case 'integer':
      return 'numero';
    case 'array':
      if (items && (items.oneOf || items.enum)) return 'multiple';
      return 'grupo';
    case 'object':
      return 'seccion';
    case 'string': {
      if (schema.format === 'date') return 'fecha';
      if (schema.format === 'curp') return 'curp';
      if (schema.format === 'email') return 'correo';
      if (schema.pattern === PHONE) return 'telefono';
      if (Array.isArray(schema.oneOf)) {
        const consts = (schema.oneOf as Option[]).map((o) => o.const);
        if (consts.length === 32 && consts[0] === '01') return 'estado';
        if (consts.length > 0 && consts.every((c) => /^22\d{3}$/.test(String(c)))) return 'municipio';
        return 'unica';
      }
      return 'texto';
    }
    default:
      return 'otro';
  }
}

function num(v: string): number | undefined {
  if (v.trim() === '') return undefined;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

function optionsWithIds(options: Option[]): Option[] {
  const taken: string[] = [];
  return options
    .filter((o) => o.title.trim() !== '')
    .map((o) => {
      const id = o.const || unique(slug(o.title, '_'), taken);
      taken.push(id);
      return { const: id, title: o.title.trim() };
    });
}

/** The JSON Schema of a field. */
export function draftToSchema(d: FieldDraft, municipios: Option[]): Json {
  const base: Json = { title: d.title.trim() };
  if (d.description.trim()) base.description = d.description.trim();
  const min = num(d.min);
  const max = num(d.max);
  switch (d.kind) {
    case 'texto':
      return { type: 'string', ...base, ...(min !== undefined ? { minLength: min } : {}), ...(max !== undefined ? { maxLength: max } : { maxLength: 200 }), ...(d.pattern ? { pattern: d.pattern } : {}) };
    case 'numero':
      return { type: d.integer ? 'integer' : 'number', ...base, ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}) };
    case 'fecha':
      return { type: 'string', format: 'date', ...base };
    case 'sino':
      return { type: 'boolean', ...base };
    case 'unica':
      return { type: 'string', ...base, oneOf: optionsWithIds(d.options) };
    case 'multiple':
      return { type: 'array', ...base, uniqueItems: true, ...(min !== undefined ? { minItems: min } : {}), items: { type: 'string', oneOf: optionsWithIds(d.options) } };
    case 'estado':
      return { type: 'string', ...base, oneOf: ESTADOS };
    case 'municipio':
      return { type: 'string', ...base, oneOf: municipios };
    case 'localidad':
      return { type: 'string', ...base, minLength: 1, maxLength: 120 };
    case 'curp':
      return { type: 'string', format: 'curp', ...base };
    case 'telefono':
      return { type: 'string', pattern: PHONE, ...base, ...(base.description ? {} : { description: 'Diez dígitos, sin espacios.' }) };
    case 'correo':
      return { type: 'string', format: 'email', maxLength: 120, ...base };
    case 'grupo': {
      const props: Json = {};
      const required: string[] = [];
      const taken: string[] = [];
      for (const sub of d.items) {
        const key = sub.key ?? unique(slug(sub.title, '_'), taken);
        taken.push(key);
        props[key] = draftToSchema({ ...sub, kind: sub.kind === 'grupo' ? 'texto' : sub.kind }, municipios);
        if (sub.required) required.push(key);
      }
      return {
        type: 'array',
        ...base,
        ...(min !== undefined ? { minItems: min } : {}),
        ...(max !== undefined ? { maxItems: max } : { maxItems: 20 }),
        items: { type: 'object', title: d.itemTitle.trim() || 'Elemento', additionalProperties: false, properties: props, ...(required.length ? { required } : {}) },
      };
    }
  }
}

/** A field's schema (and whether it is required) back into what the planner edits. */
export function schemaToDraft(schema: Json, required: boolean, key?: string): FieldDraft {
  const k = kindOf(schema);
  const kind: FieldKind = k === 'bloque' || k === 'seccion' || k === 'otro' ? 'texto' : k;
  const str = (v: unknown) => (typeof v === 'number' ? String(v) : '');
  const d: FieldDraft = {
    ...emptyDraft(kind),
    key,
    title: String(schema.title ?? key ?? ''),
    description: k === 'telefono' && schema.description === 'Diez dígitos, sin espacios.' ? '' : String(schema.description ?? ''),
    required,
    integer: schema.type === 'integer',
    pattern: k === 'texto' && typeof schema.pattern === 'string' ? schema.pattern : '',
    min: str(schema.minimum ?? schema.minLength ?? schema.minItems),
    max: kind === 'texto' && schema.maxLength === 200 ? '' : kind === 'grupo' && schema.maxItems === 20 ? '' : str(schema.maximum ?? schema.maxLength ?? schema.maxItems),
  };
  if (kind === 'unica') d.options = clone((schema.oneOf as Option[]) ?? []);
  if (kind === 'multiple') d.options = clone(((schema.items as Json)?.oneOf as Option[]) ?? []);
  if (kind === 'grupo') {
    const items = (schema.items ?? {}) as Json;
    const req = (items.required as string[]) ?? [];
    d.itemTitle = String(items.title ?? '');
    d.items = Object.entries((items.properties as Record<string, Json>) ?? {}).map(([sk, s]) => schemaToDraft(s, req.includes(sk), sk));
  }
  return d;
}

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

const formOf = (def: Def) => (def.form ?? {}) as { schema: Json; uischema: Json };
const rootProps = (def: Def) => ((formOf(def).schema.properties ?? {}) as Record<string, Json>);

function controlsOf(node: Json, out: Json[]): Json[] {
  if (node.type === 'Control' && typeof node.scope === 'string') out.push(node);
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
  const control: Json = { type: 'Control', scope: scopeOf(path) };
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

// ── Preview: the form as the citizen gets it ────────────────────────────────

/** Fragments copied in and references made local, as the server serves a published form. */
export function bundledForm(def: Def, fragments: Record<string, Json>): { schema: Json; uischema: Json } {
  const form = formOf(def);
  const errors: never[] = [];
  return {
    schema: bundleFormSchema(form.schema ?? {}, fragments, '/form/schema', errors),
    uischema: inlineUiSchema(form.uischema ?? {}, fragments, '/form/uischema', errors) as Json,
  };
}

export interface VarInfo {
  /** Rule variable, e.g. respuestas.domicilio.municipio or solicitante.edad */
  path: string;
  label: string;
  kind: string;
  options?: Option[];
}

function derefLocal(root: Json, s: Json | undefined): Json | undefined {
  let cur = s;
  for (let i = 0; cur && typeof cur.$ref === 'string' && i < 10; i++) {
    const ref = cur.$ref as string;
    if (!ref.startsWith('#/')) return cur;
    let node: unknown = root;
    for (const t of ref.slice(2).split('/')) node = (node as Json | undefined)?.[t];
    cur = node as Json | undefined;
  }
  return cur;
}

export const APPLICANT_VARS: VarInfo[] = [
  { path: 'solicitante.edad', label: 'Edad de la persona solicitante', kind: 'numero' },
  { path: 'solicitante.sexo', label: 'Sexo de la persona solicitante', kind: 'unica', options: [{ const: 'M', title: 'Mujer' }, { const: 'H', title: 'Hombre' }, { const: 'X', title: 'No binario' }] },
  { path: 'solicitante.entidadNacimiento', label: 'Estado de nacimiento (según la CURP)', kind: 'texto' },
];

/** Every answer a rule can use, with its readable name ("Domicilio › Municipio"). */
export function answerVars(schema: Json): VarInfo[] {
  const out: VarInfo[] = [];
  const visit = (s: Json | undefined, path: string, crumbs: string[], depth: number) => {
    const node = derefLocal(schema, s);
    if (!node || depth > 4) return;
    if (node.type === 'object' || node.properties) {
      for (const [k, sub] of Object.entries((node.properties as Record<string, Json>) ?? {})) {
        const child = derefLocal(schema, sub);
        visit(sub, path ? `${path}.${k}` : k, [...crumbs, String(child?.title ?? k)], depth + 1);
      }
      return;
    }
    const kind = kindOf(node);
    if (kind === 'grupo') {
      out.push(...rosterVars(schema, node, path, crumbs));
      return;
    }
    const options = kind === 'unica' || kind === 'estado' || kind === 'municipio' ? (node.oneOf as Option[]) : kind === 'multiple' ? ((node.items as Json).oneOf as Option[]) : undefined;
    out.push({ path: `respuestas.${path}`, label: crumbs.join(' › '), kind: kind as string, options });
  };
  visit(schema, '', [], 0);
  return out;
}

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

/** Age bands a rule may count in a roster with an «edad» field (the CUIS household: children, older adults). */
const AGE_BANDS: Array<{ op: '<' | '>='; n: number; label: string }> = [
  { op: '<', n: 18, label: 'menores de 18 años' },
  { op: '>=', n: 65, label: 'de 65 años o más' },
];

/**
 * What a rule may read of a roster (a repeating group, such as the household's members): how many
 * rows it has and, when its rows have an age, how many are children or older adults. Encoded in
 * the variable as `path#` or `path#edad<18`, turned into JSON Logic's reduce/filter by toLogic.
 */
function rosterVars(root: Json, node: Json, path: string, crumbs: string[]): VarInfo[] {
  const items = derefLocal(root, node.items as Json | undefined);
  const base = `respuestas.${path}`;
  const name = crumbs.join(' › ');
  const out: VarInfo[] = [{ path: `${base}#`, label: `${name}: cuántos hay`, kind: 'numero' }];
  const edad = derefLocal(root, (items?.properties as Record<string, Json> | undefined)?.edad);
  if (edad && (edad.type === 'integer' || edad.type === 'number')) {
    for (const band of AGE_BANDS) out.push({ path: `${base}#edad${band.op}${band.n}`, label: `${name}: cuántos ${band.label}`, kind: 'numero' });
  }
  return out;
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

// ── Workflow ────────────────────────────────────────────────────────────────

export const STATUSES: readonly string[] = APPLICATION_STATUSES;
/** Who may fire a transition: the workflow roles, and the applicant herself (engine/vocabulary.ts). */
export const ROLES: Array<{ id: string; nombre: string }> = [
  ...WORKFLOW_ROLES.map((r) => ({ id: r.id, nombre: r.name })),
  { id: CITIZEN_WORKFLOW_ROLE, nombre: 'Persona solicitante' },
];
export const roleName = (r: string) => ROLES.find((x) => x.id === r)?.nombre ?? r;

export interface Transition {
  target: string;
  roles: string[];
  guard?: unknown;
  actions?: unknown[];
  description?: string;
}

export interface WState {
  status: string;
  label: string;
  stage?: number;
  type?: 'final';
  description?: string;
  on?: Record<string, Transition>;
}

export interface Workflow {
  initial: string;
  states: Record<string, WState>;
  events: Record<string, { label: string; requiresComment?: boolean; allowsFlags?: boolean; confirm?: string }>;
}

export function guardsOf(t: Transition): string[] {
  const g = t.guard;
  const name = (x: unknown) => (typeof x === 'string' ? x : String((x as Json | undefined)?.type ?? ''));
  if (g === undefined) return [];
  return Array.isArray(g) ? g.map(name) : [name(g)];
}

export function actionsOf(t: Transition): string[] {
  return (t.actions ?? []).map((x) => (typeof x === 'string' ? x : String((x as Json).type ?? '')));
}

/** Columns for the graph: each state at its distance from the initial one (final states last). */
export function layers(wf: Workflow): string[][] {
  const depth = new Map<string, number>([[wf.initial, 0]]);
  const queue = [wf.initial];
  while (queue.length) {
    const s = queue.shift()!;
    for (const t of Object.values(wf.states[s]?.on ?? {})) {
      if (wf.states[t.target] && !depth.has(t.target)) {
        depth.set(t.target, depth.get(s)! + 1);
        queue.push(t.target);
      }
    }
  }
  const max = Math.max(0, ...depth.values());
  const cols: string[][] = [];
  for (const id of Object.keys(wf.states)) {
    let d = depth.get(id) ?? max + 1;
    if (wf.states[id].type === 'final') d = Math.max(d, max);
    (cols[d] ??= []).push(id);
  }
  return cols.filter(Boolean);
}

/** A copy of `def` with the value at `keys` replaced (undefined deletes it); missing levels are created. */
export function setIn(def: Def, keys: Array<string | number>, value: unknown): Def {
  const next = clone(def);
  let node = next as Record<string | number, unknown>;
  keys.slice(0, -1).forEach((k, i) => {
    // An array where the next key is an index (a repeated key must not fool this: look at position i + 1).
    if (node[k] === undefined || node[k] === null) node[k] = typeof keys[i + 1] === 'number' ? [] : {};
    node = node[k] as Record<string | number, unknown>;
  });
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return next;
}
