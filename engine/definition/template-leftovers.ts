/**
 * Text a planner left as the new-program template wrote it: the example description, name, key,
 * folio prefix or requirement. Found by comparing the definition with the template itself (never
 * a list of phrases kept here), so a new template brings its own warnings. The designer shows them
 * before publishing; the CLI can too.
 */
import { pointer } from './errors.ts';

export interface TemplateLeftover {
  /** JSON pointer of the text in the definition. */
  pointer: string;
  /** Spanish, for the planner: what still reads like the template. */
  message: string;
}

type Json = Record<string, unknown>;

/** Top-level texts every program must make its own, with what the planner is told when one is left. */
const OWN_TEXTS: Array<[key: string, message: string]> = [
  ['id', 'La clave del programa sigue siendo la de la plantilla'],
  ['name', 'El nombre del programa sigue siendo el de la plantilla'],
  ['description', 'La descripción que ve la ciudadanía sigue siendo la de la plantilla'],
  ['folioPrefix', 'El prefijo del folio sigue siendo el de la plantilla'],
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function templateLeftovers(definition: Json, template: Json): TemplateLeftover[] {
  const found: TemplateLeftover[] = [];
  for (const [key, message] of OWN_TEXTS) {
    if (typeof template[key] === 'string' && definition[key] === template[key]) {
      found.push({ pointer: pointer('', key), message: `${message}: «${String(template[key])}».` });
    }
  }
  const exampleRules = Array.isArray(template.eligibility) ? (template.eligibility as Json[]) : [];
  const rules = Array.isArray(definition.eligibility) ? (definition.eligibility as Json[]) : [];
  rules.forEach((rule, i) => {
    const example = exampleRules.find((e) => same(e.rule, rule.rule) || (typeof e.message === 'string' && e.message === rule.message));
    if (example) found.push({ pointer: pointer('/eligibility', i), message: `El requisito «${String(rule.message)}» es igual al de ejemplo de la plantilla; revisa que sea un requisito de las reglas de operación, o cámbialo o quítalo.` });
  });
  return found;
}
