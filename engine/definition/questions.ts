import { defError, pointer, type DefinitionError } from './errors.ts';
import { formFields } from './diff.ts';
import { schemaAtDataPath } from '../forms/schema-paths.ts';
import type { ProgramDefinition } from '../generated/program-definition.ts';
import type { VisibilityRule } from '../forms/visibility.ts';

type Schema = Record<string, unknown>;

/**
 * The question the review page asks when a program has several support types and its form does not
 * ask it (definition.supportTypeQuestion). Kept here so the "no question asked twice" check and the
 * citizen's page use the same words.
 */
export const SUPPORT_TYPE_REVIEW_QUESTION = '¿Qué apoyo solicitas?';

/** Whether the review page has to ask for the support type: several types and no form question picks one. */
export function reviewAsksSupportType(def: Pick<ProgramDefinition, 'supportTypes' | 'supportTypeQuestion'>): boolean {
  return def.supportTypes.length > 1 && !def.supportTypeQuestion;
}

/**
 * The support type chosen by the answers through the form's own question, or undefined when the
 * program has no such question or it is unanswered.
 */
export function supportTypeFromAnswers(def: Pick<ProgramDefinition, 'supportTypeQuestion'>, answers: Record<string, unknown>): string | undefined {
  const question = def.supportTypeQuestion;
  if (!question) return undefined;
  let value: unknown = answers;
  for (const key of question.field.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(question.answers, value) ? question.answers[value] : undefined;
}

/** Titles compared the way a person reads them: no case, accents or punctuation. */
function normalizedTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9ñ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * No question is asked twice: every answer field of the form has its own title, and the review
 * page's support-type question (when it is asked) is not also a question of the form. A block mounted
 * twice (the CUIS address as the home and as «Domicilio del negocio») asks its questions of two
 * different things, each under its own heading: the same question of the same block is not a repeat.
 */
export function checkQuestionsAskedOnce(def: ProgramDefinition, formSchema: Schema, errors: DefinitionError[]): void {
  const seen = new Map<string, string>();
  const blocks = new Map<string, string | undefined>();
  if (reviewAsksSupportType(def)) seen.set(normalizedTitle(SUPPORT_TYPE_REVIEW_QUESTION), 'la página de revisión (tipo de apoyo)');
  for (const [path, info] of formFields(formSchema)) {
    if (info.type.startsWith('object') || info.type.startsWith('array')) continue;
    const key = normalizedTitle(info.title);
    const first = seen.get(key);
    if (first && info.block !== undefined && blocks.get(key) === info.block) continue;
    if (first) {
      errors.push(defError('/form/schema', 'DEF_DUPLICATE_QUESTION', `La pregunta «${info.title}» (${path}) ya se hace en ${first}: cada pregunta se hace una sola vez.${first.startsWith('la página') ? ' Indica en supportTypeQuestion la pregunta del formulario que elige el tipo de apoyo.' : ''}`));
    } else {
      seen.set(key, `«${path}»`);
      blocks.set(key, info.block);
    }
  }
}

/** The values a choice question allows (oneOf consts or enum). */
function choiceValues(schema: Schema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as Schema[]).map((o) => o.const);
  return undefined;
}

/** supportTypeQuestion names a choice question whose every answer picks an existing support type, and every type can be picked. */
export function checkSupportTypeQuestion(def: ProgramDefinition, formSchema: Schema, errors: DefinitionError[]): void {
  const question = def.supportTypeQuestion;
  if (!question) return;
  const field = schemaAtDataPath(formSchema, question.field);
  if (!field) {
    errors.push(defError('/supportTypeQuestion/field', 'DEF_UNKNOWN_FIELD', `El campo «${question.field}» no existe en el formulario.`));
    return;
  }
  const ids = new Set(def.supportTypes.map((s) => s.id));
  for (const [answer, id] of Object.entries(question.answers)) {
    if (!ids.has(id)) errors.push(defError(pointer('/supportTypeQuestion/answers', answer), 'DEF_SUPPORT_TYPE_QUESTION', `«${id}» no es un tipo de apoyo del programa.`));
  }
  const values = choiceValues(field);
  if (!values) {
    errors.push(defError('/supportTypeQuestion/field', 'DEF_SUPPORT_TYPE_QUESTION', `«${question.field}» debe ser una pregunta de opciones.`));
    return;
  }
  for (const value of values) {
    if (typeof value !== 'string' || !(value in question.answers)) errors.push(defError('/supportTypeQuestion/answers', 'DEF_SUPPORT_TYPE_QUESTION', `Falta a qué tipo de apoyo lleva la respuesta «${String(value)}».`));
  }
  const picked = new Set(Object.values(question.answers));
  for (const s of def.supportTypes) {
    if (!picked.has(s.id)) errors.push(defError('/supportTypeQuestion/answers', 'DEF_SUPPORT_TYPE_QUESTION', `Ninguna respuesta elige el tipo de apoyo «${s.name}».`));
  }
}

/**
 * A follow-up question (one with a show/hide rule) waits for the answer it depends on: with that
 * answer still empty the rule must hide it. Otherwise the follow-up is shown, and required, before
 * its parent question is answered («¿Qué tanta dificultad tiene?» before «¿Tiene alguna dificultad…?»).
 * Server and browser read rules the same way, so a rule that passes here behaves alike on both.
 */
export function checkFollowUpsWaitForParent(rules: readonly VisibilityRule[], formSchema: Schema, errors: DefinitionError[]): void {
  for (const rule of rules) {
    if (rule.hiddenWhen({})) continue;
    for (const target of rule.targets) {
      const path = [...rule.base, ...target].join('.');
      const title = schemaAtDataPath(formSchema, path)?.title ?? path;
      errors.push(
        defError(
          '/form/uischema',
          'DEF_FOLLOW_UP_BEFORE_PARENT',
          `La pregunta «${String(title)}» depende de otra respuesta, pero se muestra (y se exige) antes de que esa se conteste. Usa una regla SHOW con "failWhenUndefined": true.`,
        ),
      );
    }
  }
}
