/** The form as the citizen gets it, and the variables a rule can read from it. */
import type { Json } from '../../../runtime/web/src/api.ts';
import { bundleFormSchema, inlineUiSchema } from '../../../engine/definition/refs.ts';
import { type Def } from './basicos.ts';
import { type Option, kindOf } from './campos.ts';
import { formOf } from './pasos.ts';
import { PADRON_FACT_VARS } from '../../../engine/padron/facts.ts';
import { TERRITORIO_FACT_VARS } from '../../../engine/rules/territory-facts.ts';

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

export function derefLocal(root: Json, s: Json | undefined): Json | undefined {
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
  // What the Padrón Estatal says of the person's supports from other programs (the runtime looks them up).
  ...PADRON_FACT_VARS.map((v) => ({ ...v })),
  // Where the person lives, from INEGI's catalog of localidades (the runtime looks up the address's clave).
  ...TERRITORIO_FACT_VARS.map((v) => ({ ...v, options: v.options?.map((o) => ({ ...o })) })),
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
