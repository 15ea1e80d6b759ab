import { defError, pointer, type DefinitionError } from './errors.ts';
import { inspectRule, type VarReference } from '../rules/logic.ts';
import { conditionSchemaProblems } from '../forms/conditions.ts';
import { schemaAtDataPath, scopeToDataPath } from '../forms/schema-paths.ts';
import { isRegisteredAction, isRegisteredGuard } from '../workflow/registry.ts';
import { guardList, refName } from '../workflow/machine.ts';
import type { ProgramDefinition } from '../generated/program-definition.ts';
import type { RuleSet } from './load.ts';
import { checkQuestionsAskedOnce, checkSupportTypeQuestion } from './questions.ts';
import { PADRON_FACT_VARS } from '../padron/facts.ts';
import { TERRITORIO_FACT_VARS } from '../rules/territory-facts.ts';
import { checkTerritory } from './territory-checks.ts';

type Schema = Record<string, unknown>;

/** Variables every rule may read besides the answers: facts derived from the CURP and the date. */
export const APPLICANT_FACTS = ['curp', 'edad', 'sexo', 'entidadNacimiento', 'fechaNacimiento'] as const;

/** Placeholders every SMS template may use besides `respuestas.<ruta>`. */
export const TEMPLATE_PLACEHOLDERS = ['folio', 'nombre', 'programa', 'estado', 'comentario', 'apoyo', 'monto', 'fecha', 'enlace'] as const;

export interface CheckInput {
  definition: ProgramDefinition;
  formSchema: Schema;
  uischema: unknown;
  ruleSets: Readonly<Record<string, RuleSet>>;
  municipios?: ReadonlySet<string>;
}

/** Runs every cross-reference check and returns all errors found (never stops at the first). */
export function semanticChecks(input: CheckInput): DefinitionError[] {
  const errors: DefinitionError[] = [];
  checkUniqueIds(input.definition, errors);
  checkCallWindow(input, errors);
  checkTerritory(input, errors);
  checkRules(input, errors);
  checkUiSchema(input, errors);
  checkWorkflow(input.definition, errors);
  checkNotifications(input, errors);
  checkQuestionsAskedOnce(input.definition, input.formSchema, errors);
  checkSupportTypeQuestion(input.definition, input.formSchema, errors);
  return errors;
}

function checkUniqueIds(def: ProgramDefinition, errors: DefinitionError[]): void {
  const lists: Array<[string, Array<{ id?: string; name?: string }>, 'id' | 'name']> = [
    ['/supportTypes', def.supportTypes, 'id'],
    ['/eligibility', def.eligibility, 'id'],
    ['/priority', def.priority ?? [], 'id'],
    ['/documents', def.documents, 'id'],
    ['/notifications', def.notifications ?? [], 'id'],
    ['/tests/cases', def.tests?.cases ?? [], 'name'],
  ];
  for (const [at, items, key] of lists) {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const id = item[key] as string;
      if (seen.has(id)) {
        errors.push(defError(pointer(at, i, key), 'DEF_DUPLICATE_ID', `El identificador «${id}» está repetido (ya se usa en la posición ${seen.get(id)! + 1}).`));
      } else seen.set(id, i);
    });
  }
}

function checkCallWindow({ definition: def, formSchema, municipios }: CheckInput, errors: DefinitionError[]): void {
  const call = def.convocatoria;
  if (Date.parse(call.opensAt) >= Date.parse(call.closesAt)) {
    errors.push(defError('/convocatoria/closesAt', 'DEF_CALL_WINDOW', 'La convocatoria debe cerrar después de abrir (closesAt posterior a opensAt).'));
  }
  const byMunicipio = call.quotas?.byMunicipio ?? {};
  for (const clave of Object.keys(byMunicipio)) {
    if (municipios && !municipios.has(clave)) {
      errors.push(defError(pointer('/convocatoria/quotas/byMunicipio', clave), 'DEF_UNKNOWN_MUNICIPIO', `«${clave}» no es una clave de municipio del catálogo del INEGI.`));
    }
  }
  if (Object.keys(byMunicipio).length > 0 && !call.municipioField) {
    errors.push(defError('/convocatoria', 'DEF_MISSING_MUNICIPIO_FIELD', 'Hay cupos por municipio: indica en municipioField qué respuesta guarda el municipio del solicitante.'));
  }
  if (call.municipioField && !schemaAtDataPath(formSchema, call.municipioField)) {
    errors.push(defError('/convocatoria/municipioField', 'DEF_UNKNOWN_FIELD', `El campo «${call.municipioField}» no existe en el formulario.`));
  }
}

/** Checks one `var` read against the form, the applicant facts and the rule sets in scope. */
export function checkVariable(
  ref: VarReference,
  formSchema: Schema,
  derivedInScope: ReadonlyMap<string, ReadonlySet<string>>,
  errors: DefinitionError[],
  unavailableSets: ReadonlySet<string> = new Set(),
): void {
  if (ref.unchecked) return;
  const [root, ...rest] = ref.path.split('.');
  const tail = rest.join('.');
  if (root === 'hoy' && rest.length === 0) return;
  if (root === 'solicitante') {
    if (!(APPLICANT_FACTS as readonly string[]).includes(tail)) {
      errors.push(defError(ref.pointer, 'DEF_UNKNOWN_FIELD', `«${ref.path}» no existe; del solicitante se conocen: ${APPLICANT_FACTS.join(', ')}.`));
    }
    return;
  }
  if (root === 'padron') {
    const known = PADRON_FACT_VARS.map((v) => v.path.slice('padron.'.length));
    if (!known.includes(tail)) errors.push(defError(ref.pointer, 'DEF_UNKNOWN_FIELD', `«${ref.path}» no existe; del Padrón Estatal se conocen: ${known.join(', ')}.`));
    return;
  }
  if (root === 'territorio') {
    const known = TERRITORIO_FACT_VARS.map((v) => v.path.slice('territorio.'.length));
    if (!known.includes(tail)) errors.push(defError(ref.pointer, 'DEF_UNKNOWN_FIELD', `«${ref.path}» no existe; de la localidad del domicilio se conocen: ${known.join(', ')}.`));
    return;
  }
  if (root === 'respuestas') {
    if (tail === '' || !schemaAtDataPath(formSchema, tail)) {
      errors.push(defError(ref.pointer, 'DEF_UNKNOWN_FIELD', `La regla usa el campo «${tail}», que no existe en el formulario.`));
    }
    return;
  }
  if (root === 'derivados') {
    const [setId, fact] = rest;
    if (unavailableSets.has(setId)) return; // already reported once, at its ruleSets entry
    const facts = derivedInScope.get(setId);
    if (!facts) errors.push(defError(ref.pointer, 'DEF_UNKNOWN_RULESET', `La regla usa el conjunto de reglas «${setId}», que el programa no incluye en ruleSets.`));
    else if (!facts.has(fact)) errors.push(defError(ref.pointer, 'DEF_UNKNOWN_FIELD', `El conjunto «${setId}» no tiene el hecho «${fact}» (o se calcula después).`));
    return;
  }
  errors.push(defError(ref.pointer, 'DEF_UNKNOWN_FIELD', `«${ref.path}» no es una variable conocida: usa respuestas.*, solicitante.*, padron.*, territorio.*, derivados.* u hoy.`));
}

function checkRules(input: CheckInput, errors: DefinitionError[]): void {
  const { definition: def, formSchema, ruleSets } = input;
  const inScope = new Map<string, ReadonlySet<string>>();
  const unavailable = new Set<string>();
  (def.ruleSets ?? []).forEach((id, i) => {
    const set = ruleSets[id];
    if (!set) {
      unavailable.add(id);
      errors.push(defError(pointer('/ruleSets', i), 'DEF_UNKNOWN_RULESET', `El conjunto de reglas «${id}» no existe en la biblioteca o no se pudo cargar por errores propios.`));
      return;
    }
    checkRuleSetAgainstForm(set, formSchema, inScope, pointer('/ruleSets', i), errors);
    inScope.set(id, new Set(set.facts.map((f) => f.id)));
  });
  const rules: Array<[string, unknown]> = [
    ...def.eligibility.map((r, i): [string, unknown] => [pointer('/eligibility', i, 'rule'), r.rule]),
    ...(def.priority ?? []).map((r, i): [string, unknown] => [pointer('/priority', i, 'rule'), r.rule]),
    ...def.documents.flatMap((d, i): Array<[string, unknown]> => (d.requiredIf === undefined ? [] : [[pointer('/documents', i, 'requiredIf'), d.requiredIf]])),
  ];
  for (const [at, rule] of rules) {
    const vars: VarReference[] = [];
    inspectRule(rule, at, errors, vars);
    for (const ref of vars) checkVariable(ref, formSchema, inScope, errors, unavailable);
  }
}

/**
 * A rule set's facts must read fields the program's form has; errors point at the program's
 * `ruleSets` entry, because that is what the planner can change.
 */
function checkRuleSetAgainstForm(set: RuleSet, formSchema: Schema, programScope: Map<string, ReadonlySet<string>>, at: string, errors: DefinitionError[]): void {
  const earlier = new Set<string>();
  const scope = new Map(programScope).set(set.id, earlier);
  for (const fact of set.facts) {
    const vars: VarReference[] = [];
    const local: DefinitionError[] = [];
    inspectRule(fact.rule, at, local, vars);
    for (const ref of vars) checkVariable(ref, formSchema, scope, local);
    for (const e of local) errors.push({ ...e, pointer: at, message: `Conjunto «${set.id}», hecho «${fact.id}»: ${e.message}` });
    earlier.add(fact.id);
  }
}

interface UiVisit {
  node: Record<string, unknown>;
  at: string;
  /** Data path of the array whose detail this element renders, or '' at the form root. */
  base: string;
}

/** Every Control scope and rule-condition scope must name a field of the form. */
function checkUiSchema({ formSchema, uischema }: CheckInput, errors: DefinitionError[]): void {
  const root = uischema as Record<string, unknown>;
  if (root?.type !== 'Categorization' || !Array.isArray(root.elements) || root.elements.length === 0) {
    errors.push(defError('/form/uischema', 'DEF_UISCHEMA', 'El formulario debe ser una Categorization con al menos un paso (Category).'));
    return;
  }
  root.elements.forEach((step, i) => {
    if ((step as Record<string, unknown>)?.type !== 'Category') {
      errors.push(defError(pointer('/form/uischema/elements', i), 'DEF_UISCHEMA', 'Cada paso del formulario debe ser un elemento de tipo Category.'));
    }
  });
  const queue: UiVisit[] = [{ node: root, at: '/form/uischema', base: '' }];
  while (queue.length > 0) {
    const { node, at, base } = queue.shift()!;
    let childBase = base;
    if (typeof node.scope === 'string') {
      const path = resolveScope(node.scope, base, pointer(at, 'scope'), formSchema, errors);
      if (path !== null) childBase = path;
    }
    if (node.rule !== undefined) checkRule(node.rule, base, pointer(at, 'rule'), formSchema, errors);
    const detail = (node.options as Record<string, unknown> | undefined)?.detail;
    if (detail && typeof detail === 'object') queue.push({ node: detail as Record<string, unknown>, at: pointer(at, 'options', 'detail'), base: `${childBase}.[]` });
    if (Array.isArray(node.elements)) {
      node.elements.forEach((el, i) => el && typeof el === 'object' && queue.push({ node: el as Record<string, unknown>, at: pointer(at, 'elements', i), base }));
    }
  }
}

function resolveScope(scope: string, base: string, at: string, formSchema: Schema, errors: DefinitionError[]): string | null {
  const relative = scopeToDataPath(scope);
  const full = relative === null ? null : [base, relative].filter((p) => p !== '').join('.');
  if (full === null || (full !== '' && !schemaAtDataPath(formSchema, full))) {
    errors.push(defError(at, 'DEF_UNKNOWN_FIELD', `El control apunta a «${scope}», que no existe en el formulario.`));
    return null;
  }
  return full;
}

/** Effects the engine and the browser both apply; ENABLE/DISABLE would be applied by the browser alone. */
const RULE_EFFECTS = ['SHOW', 'HIDE'];
const CONDITION_SHAPE = 'La condición debe tener scope y schema (o scope y expectedValue con type LEAF), o type OR/AND con una lista conditions.';

function checkRule(rule: unknown, base: string, at: string, formSchema: Schema, errors: DefinitionError[]): void {
  const r = rule as Record<string, unknown> | null;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) {
    errors.push(defError(at, 'DEF_UISCHEMA', 'La regla de visibilidad debe ser un objeto con effect y condition.'));
    return;
  }
  if (!RULE_EFFECTS.includes(r.effect as string)) {
    errors.push(defError(pointer(at, 'effect'), 'DEF_CONDITION', `La regla de visibilidad solo admite effect ${RULE_EFFECTS.join(' o ')}; dice «${String(r.effect)}».`));
  }
  checkCondition(r.condition, base, pointer(at, 'condition'), formSchema, errors);
}

/** A condition the one evaluator (engine/forms/conditions.ts) can judge, on fields the form has. */
function checkCondition(condition: unknown, base: string, at: string, formSchema: Schema, errors: DefinitionError[]): void {
  const c = condition as Record<string, unknown> | null;
  if (c === null || typeof c !== 'object' || Array.isArray(c)) {
    errors.push(defError(at, 'DEF_UISCHEMA', CONDITION_SHAPE));
    return;
  }
  if (c.type === 'OR' || c.type === 'AND') {
    if (!Array.isArray(c.conditions) || c.conditions.length === 0) errors.push(defError(at, 'DEF_UISCHEMA', CONDITION_SHAPE));
    else c.conditions.forEach((sub, i) => checkCondition(sub, base, pointer(at, 'conditions', i), formSchema, errors));
    return;
  }
  if (typeof c.scope !== 'string') {
    errors.push(defError(at, 'DEF_UISCHEMA', CONDITION_SHAPE));
    return;
  }
  resolveScope(c.scope, base, pointer(at, 'scope'), formSchema, errors);
  if (c.type === 'LEAF') {
    if (!('expectedValue' in c)) errors.push(defError(at, 'DEF_UISCHEMA', CONDITION_SHAPE));
    return;
  }
  if (c.type !== undefined && c.type !== 'SCHEMA_BASED') {
    errors.push(defError(pointer(at, 'type'), 'DEF_CONDITION', `El tipo de condición «${String(c.type)}» no existe; usa OR, AND, LEAF o una condición con schema.`));
    return;
  }
  if (!('schema' in c)) {
    errors.push(defError(at, 'DEF_UISCHEMA', CONDITION_SHAPE));
    return;
  }
  if (c.failWhenUndefined !== undefined && typeof c.failWhenUndefined !== 'boolean') {
    errors.push(defError(pointer(at, 'failWhenUndefined'), 'DEF_CONDITION', '«failWhenUndefined» debe ser true o false.'));
  }
  for (const problem of conditionSchemaProblems(c.schema)) errors.push(defError(pointer(pointer(at, 'schema'), ...problem.path), 'DEF_CONDITION', `${problem.message}.`));
}

function checkWorkflow(def: ProgramDefinition, errors: DefinitionError[]): void {
  const { states, initial, events } = def.workflow;
  if (!(initial in states)) errors.push(defError('/workflow/initial', 'DEF_UNKNOWN_STATE', `El estado inicial «${initial}» no existe.`));
  for (const [name, state] of Object.entries(states)) {
    const at = pointer('/workflow/states', name);
    const transitions = Object.entries(state.on ?? {});
    if (state.type === 'final' && transitions.length > 0) {
      errors.push(defError(pointer(at, 'on'), 'DEF_FINAL_WITH_TRANSITIONS', `El estado final «${name}» no puede tener transiciones.`));
    }
    if (state.type !== 'final' && transitions.length === 0) {
      errors.push(defError(at, 'DEF_DEAD_END_STATE', `El estado «${name}» no tiene salidas: márcalo como final (type: "final") o agrega transiciones.`));
    }
    (state.entry ?? []).forEach((ref, i) => checkAction(refName(ref), pointer(at, 'entry', i), errors));
    for (const [event, t] of transitions) {
      const tAt = pointer(at, 'on', event);
      if (!(t.target in states)) errors.push(defError(pointer(tAt, 'target'), 'DEF_UNKNOWN_TARGET', `La transición «${event}» va al estado «${t.target}», que no existe.`));
      if (!events[event]) errors.push(defError(tAt, 'DEF_UNKNOWN_EVENT', `El evento «${event}» no está declarado en workflow.events (falta su etiqueta).`));
      const guards = guardList(t.guard);
      guards.forEach((ref, i) => {
        if (isRegisteredGuard(refName(ref))) return;
        const at = Array.isArray(t.guard) ? pointer(tAt, 'guard', i) : pointer(tAt, 'guard');
        errors.push(defError(at, 'DEF_UNKNOWN_GUARD', `La guarda «${refName(ref)}» no está registrada.`));
      });
      (t.actions ?? []).forEach((ref, i) => checkAction(refName(ref), pointer(tAt, 'actions', i), errors));
    }
  }
  if (!Object.values(states).some((s) => s.type === 'final')) {
    errors.push(defError('/workflow/states', 'DEF_NO_FINAL_STATE', 'El flujo necesita al menos un estado final (type: "final").'));
  }
  // A mistyped target usually is the missing path itself: reporting every state behind it as
  // unreachable would bury the one error that matters.
  if (errors.some((e) => e.code === 'DEF_UNKNOWN_TARGET')) return;
  for (const name of unreachableStates(def.workflow)) {
    errors.push(defError(pointer('/workflow/states', name), 'DEF_UNREACHABLE_STATE', `Ningún camino desde «${initial}» llega al estado «${name}».`));
  }
}

function checkAction(name: string, at: string, errors: DefinitionError[]): void {
  if (!isRegisteredAction(name)) errors.push(defError(at, 'DEF_UNKNOWN_ACTION', `La acción «${name}» no está registrada.`));
}

function unreachableStates(workflow: ProgramDefinition['workflow']): string[] {
  if (!(workflow.initial in workflow.states)) return [];
  const seen = new Set([workflow.initial]);
  const pending = [workflow.initial];
  while (pending.length > 0) {
    for (const t of Object.values(workflow.states[pending.pop()!].on ?? {})) {
      if (t.target in workflow.states && !seen.has(t.target)) {
        seen.add(t.target);
        pending.push(t.target);
      }
    }
  }
  return Object.keys(workflow.states).filter((s) => !seen.has(s));
}

const PLACEHOLDER = /\{\{\s*([^}\s]+)\s*\}\}/g;

function checkNotifications({ definition: def, formSchema }: CheckInput, errors: DefinitionError[]): void {
  (def.notifications ?? []).forEach((n, i) => {
    const at = pointer('/notifications', i);
    if ((n.state === undefined) === (n.event === undefined)) {
      errors.push(defError(at, 'DEF_SCHEMA', 'Indica exactamente uno: state (al entrar a un estado) o event (al ocurrir un evento).'));
    }
    if (n.state !== undefined && !(n.state in def.workflow.states)) {
      errors.push(defError(pointer(at, 'state'), 'DEF_UNKNOWN_STATE', `El estado «${n.state}» no existe en el flujo.`));
    }
    if (n.event !== undefined && !def.workflow.events[n.event]) {
      errors.push(defError(pointer(at, 'event'), 'DEF_UNKNOWN_EVENT', `El evento «${n.event}» no existe en el flujo.`));
    }
    for (const [, name] of n.sms.matchAll(PLACEHOLDER)) {
      const known = (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
      const field = name.startsWith('respuestas.') && schemaAtDataPath(formSchema, name.slice('respuestas.'.length));
      if (!known && !field) {
        errors.push(defError(pointer(at, 'sms'), 'DEF_UNKNOWN_PLACEHOLDER', `El marcador {{${name}}} no existe: usa ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')} o {{respuestas.<campo>}}.`));
      }
    }
  });
}
