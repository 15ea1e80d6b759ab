/**
 * A readable diff between two versions of a program definition, for the planner who is about
 * to publish: what changed in the form's fields, the rules, the documents and the workflow, in
 * Spanish sentences, each marked as breaking or not. Breaking means an application made under
 * the old version could not simply be read with the new one (a field or state removed, a type
 * changed, a new required field): such applications stay on their version, which SIPROS does
 * anyway; the mark is there so the planner knows what they are doing.
 *
 * Pure: works on plain definitions (bundled, as loadDefinition returns them).
 */
import type { ProgramDefinition } from '../generated/program-definition.ts';

export type ChangeArea = 'general' | 'convocatoria' | 'formulario' | 'elegibilidad' | 'documentos' | 'flujo' | 'notificaciones' | 'pruebas';

export interface DefinitionChange {
  area: ChangeArea;
  kind: 'agregado' | 'eliminado' | 'modificado';
  /** What changed: a field path, a rule id, a state id… */
  element: string;
  /** One Spanish sentence for the planner. */
  text: string;
  breaking: boolean;
}

interface FieldInfo {
  title: string;
  type: string;
  required: boolean;
  /** A field of a shared block (a `$defs` entry reached by `$ref`): the block and the field's path in it. */
  block?: string;
}

type JsonSchema = {
  type?: string | string[];
  title?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  enum?: unknown[];
  format?: string;
};

/** Every field of a form schema by path (a.b, a.items.c for repeating groups), local $refs followed. */
export function formFields(schema: unknown): Map<string, FieldInfo> {
  const root = schema as JsonSchema;
  const out = new Map<string, FieldInfo>();
  const resolve = (node: JsonSchema, depth: number): JsonSchema => {
    if (!node.$ref || depth > 20) return node;
    const name = node.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    return target ? resolve({ ...target, ...node, $ref: undefined }, depth + 1) : node;
  };
  const walk = (raw: JsonSchema, path: string, required: boolean, depth: number, block: { name: string; at: string } | null) => {
    const node = resolve(raw, 0);
    const within = raw.$ref ? { name: raw.$ref, at: path } : block;
    const type = Array.isArray(node.type) ? node.type.join('|') : (node.type ?? (node.enum ? 'enum' : 'desconocido'));
    const inBlock = within && path !== within.at ? { block: `${within.name}:${path.slice(within.at.length + 1)}` } : {};
    if (path) out.set(path, { title: node.title ?? path.split('.').pop()!, type: node.format ? `${type}:${node.format}` : type, required, ...inBlock });
    if (depth > 12) return;
    for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, path ? `${path}.${key}` : key, (node.required ?? []).includes(key), depth + 1, within);
    if (node.items) walk(node.items, `${path}[]`, false, depth + 1, within);
  };
  walk(root, '', false, 0, null);
  return out;
}

/** JSON with sorted keys, to compare rules and guards by content. */
function same(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(canon).join(',')}]`
      : v !== null && typeof v === 'object'
        ? `{${Object.keys(v as object)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`)
            .join(',')}}`
        : JSON.stringify(v);
  return canon(a) === canon(b);
}

/** Compares two keyed lists; `describe` gives the sentence for each kind of change. */
function compareById<T>(
  before: ReadonlyArray<T>,
  after: ReadonlyArray<T>,
  idOf: (item: T) => string,
  area: ChangeArea,
  describe: { added: (item: T) => string; removed: (item: T) => string; changed: (a: T, b: T) => string | null },
  breaking: { removed: boolean; added?: (item: T) => boolean; changed?: (a: T, b: T) => boolean },
): DefinitionChange[] {
  const old = new Map(before.map((i) => [idOf(i), i]));
  const neu = new Map(after.map((i) => [idOf(i), i]));
  const changes: DefinitionChange[] = [];
  for (const [id, item] of neu) {
    const prior = old.get(id);
    if (!prior) changes.push({ area, kind: 'agregado', element: id, text: describe.added(item), breaking: breaking.added?.(item) ?? false });
    else if (!same(prior, item)) {
      const text = describe.changed(prior, item);
      if (text) changes.push({ area, kind: 'modificado', element: id, text, breaking: breaking.changed?.(prior, item) ?? false });
    }
  }
  for (const [id, item] of old) if (!neu.has(id)) changes.push({ area, kind: 'eliminado', element: id, text: describe.removed(item), breaking: breaking.removed });
  return changes;
}

function generalChanges(a: ProgramDefinition, b: ProgramDefinition): DefinitionChange[] {
  const labels: Array<[keyof ProgramDefinition, string]> = [
    ['name', 'el nombre'],
    ['description', 'la descripción'],
    ['objective', 'el objetivo'],
    ['dependencia', 'la dependencia'],
    ['area', 'el área responsable'],
    ['folioPrefix', 'el prefijo de folio'],
  ];
  const changes = labels
    .filter(([key]) => !same(a[key], b[key]))
    .map(([key, label]): DefinitionChange => ({ area: 'general', kind: 'modificado', element: key, text: `Cambió ${label}: «${String(a[key] ?? '—')}» → «${String(b[key] ?? '—')}».`, breaking: false }));
  return changes.concat(
    compareById(a.supportTypes, b.supportTypes, (s) => s.id, 'general', {
      added: (s) => `Nuevo tipo de apoyo «${s.name}»${s.amount !== undefined ? ` por $${s.amount}` : ''}.`,
      removed: (s) => `Se quitó el tipo de apoyo «${s.name}».`,
      changed: (x, y) => `Cambió el tipo de apoyo «${y.name}»${x.amount !== y.amount ? `: monto $${x.amount ?? '—'} → $${y.amount ?? '—'}` : ''}.`,
    }, { removed: true }),
  );
}

function callChanges(a: ProgramDefinition, b: ProgramDefinition): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  const c1 = a.convocatoria;
  const c2 = b.convocatoria;
  if (c1.opensAt !== c2.opensAt || c1.closesAt !== c2.closesAt) out.push({ area: 'convocatoria', kind: 'modificado', element: 'fechas', text: `Cambiaron las fechas de la convocatoria: ${c1.opensAt} a ${c1.closesAt} → ${c2.opensAt} a ${c2.closesAt}.`, breaking: false });
  if (!same(c1.quotas ?? null, c2.quotas ?? null)) {
    const places = [same(c1.quotas?.byMunicipio ?? null, c2.quotas?.byMunicipio ?? null) ? null : 'los cupos por municipio', same(c1.quotas?.byLocalidad ?? null, c2.quotas?.byLocalidad ?? null) ? null : 'los cupos por localidad'].filter(Boolean);
    out.push({ area: 'convocatoria', kind: 'modificado', element: 'cupos', text: `Cambiaron los cupos: total ${c1.quotas?.total ?? 'sin límite'} → ${c2.quotas?.total ?? 'sin límite'}${places.length ? `, y ${places.join(' y ')}` : ''}.`, breaking: false });
  }
  return out;
}

function formChanges(a: ProgramDefinition, b: ProgramDefinition): DefinitionChange[] {
  const before = formFields(a.form.schema);
  const after = formFields(b.form.schema);
  const out: DefinitionChange[] = [];
  for (const [path, field] of after) {
    const prior = before.get(path);
    if (!prior) out.push({ area: 'formulario', kind: 'agregado', element: path, text: `Nuevo campo «${field.title}»${field.required ? ' (obligatorio)' : ''}.`, breaking: field.required });
    else {
      const parts: string[] = [];
      if (prior.title !== field.title) parts.push(`etiqueta «${prior.title}» → «${field.title}»`);
      if (prior.type !== field.type) parts.push(`tipo ${prior.type} → ${field.type}`);
      if (prior.required !== field.required) parts.push(field.required ? 'ahora es obligatorio' : 'ya no es obligatorio');
      if (parts.length > 0) out.push({ area: 'formulario', kind: 'modificado', element: path, text: `Campo «${field.title}»: ${parts.join('; ')}.`, breaking: prior.type !== field.type || (!prior.required && field.required) });
    }
  }
  for (const [path, field] of before) if (!after.has(path)) out.push({ area: 'formulario', kind: 'eliminado', element: path, text: `Se quitó el campo «${field.title}».`, breaking: true });
  if (!same(a.form.uischema, b.form.uischema) && out.length === 0) out.push({ area: 'formulario', kind: 'modificado', element: 'pasos', text: 'Cambió la presentación del formulario (pasos, orden o condiciones de visibilidad).', breaking: false });
  return out;
}

function rulesChanges(a: ProgramDefinition, b: ProgramDefinition): DefinitionChange[] {
  return compareById(a.eligibility, b.eligibility, (r) => r.id, 'elegibilidad', {
    added: (r) => `Nuevo requisito: «${r.message}».`,
    removed: (r) => `Se quitó el requisito «${r.message}».`,
    changed: (x, y) => (same(x.rule, y.rule) ? `Cambió el mensaje del requisito: «${x.message}» → «${y.message}».` : `Cambió la regla del requisito «${y.message}».`),
  }, { removed: false, added: () => true, changed: (x, y) => !same(x.rule, y.rule) });
}

function documentChanges(a: ProgramDefinition, b: ProgramDefinition): DefinitionChange[] {
  const requiredText = (d: ProgramDefinition['documents'][number]) => (d.required ? 'obligatorio' : d.requiredIf ? 'obligatorio según las respuestas' : 'opcional');
  return compareById(a.documents, b.documents, (d) => d.id, 'documentos', {
    added: (d) => `Nuevo documento «${d.label}» (${requiredText(d)}).`,
    removed: (d) => `Se quitó el documento «${d.label}».`,
    changed: (x, y) => `Cambió el documento «${y.label}»${requiredText(x) !== requiredText(y) ? `: ${requiredText(x)} → ${requiredText(y)}` : ''}${same(x.accept, y.accept) ? '' : '; tipos de archivo aceptados'}${x.maxBytes !== y.maxBytes ? `; tamaño máximo ${Math.round(x.maxBytes / 1024)} → ${Math.round(y.maxBytes / 1024)} KB` : ''}.`,
  }, { removed: false, added: (d) => d.required === true, changed: (x, y) => !x.required && y.required === true });
}

function workflowChanges(a: ProgramDefinition, b: ProgramDefinition): DefinitionChange[] {
  const states = (d: ProgramDefinition) => Object.entries(d.workflow.states).map(([id, s]) => ({ id, ...s }));
  const out = compareById(states(a), states(b), (s) => s.id, 'flujo', {
    added: (s) => `Nueva etapa «${s.label}» (estado ${s.status}).`,
    removed: (s) => `Se quitó la etapa «${s.label}».`,
    changed: (x, y) => (x.label !== y.label || x.status !== y.status ? `Etapa «${x.label}» → «${y.label}» (estado ${x.status} → ${y.status}).` : null),
  }, { removed: true });
  const transitions = (d: ProgramDefinition) =>
    Object.entries(d.workflow.states).flatMap(([from, s]) => Object.entries(s.on ?? {}).map(([event, t]) => ({ key: `${from} → ${event}`, from, event, ...t })));
  const label = (d: ProgramDefinition, event: string) => d.workflow.events[event]?.label ?? event;
  const stateLabel = (d: ProgramDefinition, state: string) => d.workflow.states[state]?.label ?? state;
  return out.concat(
    compareById(transitions(a), transitions(b), (t) => t.key, 'flujo', {
      added: (t) => `Nueva acción «${label(b, t.event)}» en «${stateLabel(b, t.from)}», hacia «${stateLabel(b, t.target)}», para ${t.roles.join(', ')}.`,
      removed: (t) => `Se quitó la acción «${label(a, t.event)}» de «${stateLabel(a, t.from)}».`,
      changed: (x, y) => {
        const parts: string[] = [];
        if (x.target !== y.target) parts.push(`ahora lleva a «${stateLabel(b, y.target)}»`);
        if (!same(x.roles, y.roles)) parts.push(`roles ${x.roles.join(', ')} → ${y.roles.join(', ')}`);
        if (!same(x.guard ?? null, y.guard ?? null)) parts.push('cambiaron sus condiciones');
        if (!same(x.actions ?? null, y.actions ?? null)) parts.push('cambiaron sus efectos');
        return parts.length > 0 ? `Acción «${label(b, y.event)}» en «${stateLabel(b, y.from)}»: ${parts.join('; ')}.` : null;
      },
    }, { removed: true }),
  );
}

function notificationChanges(a: ProgramDefinition, b: ProgramDefinition): DefinitionChange[] {
  return compareById(a.notifications ?? [], b.notifications ?? [], (n) => n.id, 'notificaciones', {
    added: (n) => `Nuevo mensaje SMS «${n.id}».`,
    removed: (n) => `Se quitó el mensaje SMS «${n.id}».`,
    changed: (_, n) => `Cambió el mensaje SMS «${n.id}».`,
  }, { removed: false });
}

function testChanges(a: ProgramDefinition, b: ProgramDefinition): DefinitionChange[] {
  const cases = (d: ProgramDefinition) => d.tests?.cases ?? [];
  return compareById(cases(a), cases(b), (c) => c.name, 'pruebas', {
    added: (c) => `Nuevo caso de prueba «${c.name}».`,
    removed: (c) => `Se quitó el caso de prueba «${c.name}».`,
    changed: (_, c) => `Cambió el caso de prueba «${c.name}».`,
  }, { removed: false });
}

/** Every change from `before` to `after`, grouped by area in the order a planner reads a program. */
export function diffDefinitions(before: ProgramDefinition, after: ProgramDefinition): DefinitionChange[] {
  return [
    ...generalChanges(before, after),
    ...callChanges(before, after),
    ...formChanges(before, after),
    ...rulesChanges(before, after),
    ...documentChanges(before, after),
    ...workflowChanges(before, after),
    ...notificationChanges(before, after),
    ...testChanges(before, after),
  ];
}
