/** Form fields as the planner edits them (a draft) and as JSON Schema, both ways. */
import type { Json } from '../../../runtime/web/src/api.ts';
import { ESTADOS, clone, slug, unique } from './basicos.ts';

// ── Form: steps and fields ──────────────────────────────────────────────────

export type FieldKind = 'texto' | 'numero' | 'fecha' | 'sino' | 'unica' | 'multiple' | 'estado' | 'municipio' | 'localidad' | 'domicilio' | 'curp' | 'telefono' | 'correo' | 'grupo';

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
  { id: 'domicilio', nombre: 'Domicilio' },
  { id: 'curp', nombre: 'CURP' },
  { id: 'telefono', nombre: 'Teléfono' },
  { id: 'correo', nombre: 'Correo electrónico' },
  { id: 'grupo', nombre: 'Grupo repetible' },
];

export const kindName = (k: string) => FIELD_KINDS.find((f) => f.id === k)?.nombre ?? 'Otro';

const PHONE = '^[0-9]{10}$';

/**
 * A «Domicilio» question is the CUIS address block itself, mounted at the question's place: its data by
 * `$ref` to the block's schema and its layout by `$ref` to the block's steps (engine/definition/refs.ts
 * moves the block's controls under the question). One block, so the postal code, the colonias and the
 * claves work alike in the CUIS step and in any question.
 */
export const DOMICILIO_SCHEMA_REF = 'cuis.schema.json#/$defs/domicilio';
export const DOMICILIO_UISCHEMA_REF = 'cuis.uischema.json#/domicilio';

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
  if (schema.$ref === DOMICILIO_SCHEMA_REF) return 'domicilio';
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
    case 'domicilio':
      // The block's own fields and rules; the question only gives it a title (and help) of its own.
      return { $ref: DOMICILIO_SCHEMA_REF, ...base };
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
