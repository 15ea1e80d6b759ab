import type { ErrorObject } from 'ajv';

/**
 * Spanish (es-MX) text for Ajv errors. Used both for a citizen's answers and for a planner's
 * definition, so messages speak of "el valor" and never of JSON internals.
 */
const FORMAT_NAMES: Record<string, string> = {
  date: 'una fecha completa (día, mes y año)',
  'date-time': 'una fecha y hora',
  email: 'un correo electrónico',
  uri: 'una dirección web',
  curp: 'una CURP válida',
  time: 'una hora',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'texto',
  number: 'un número',
  integer: 'un número entero',
  boolean: 'sí o no',
  object: 'un objeto',
  array: 'una lista',
  null: 'vacío',
};

type Params = Record<string, any>;
type MessageMaker = (p: Params) => string;

const MESSAGES: Record<string, MessageMaker> = {
  required: (p) => `Falta el dato obligatorio «${p.missingProperty}».`,
  dependencies: (p) => `Falta «${p.missingProperty}», que va junto con «${p.property}».`,
  type: (p) => `Debe ser ${String(p.type).split(',').map((t) => TYPE_NAMES[t] ?? t).join(' o ')}.`,
  minimum: (p) => `Debe ser mayor o igual a ${p.limit}.`,
  maximum: (p) => `Debe ser menor o igual a ${p.limit}.`,
  exclusiveMinimum: (p) => `Debe ser mayor que ${p.limit}.`,
  exclusiveMaximum: (p) => `Debe ser menor que ${p.limit}.`,
  minLength: (p) => `Debe tener al menos ${p.limit} caracteres.`,
  maxLength: (p) => `Debe tener como máximo ${p.limit} caracteres.`,
  minItems: (p) => `Debe tener al menos ${p.limit} elementos.`,
  maxItems: (p) => `Debe tener como máximo ${p.limit} elementos.`,
  minProperties: (p) => `Debe tener al menos ${p.limit} elementos.`,
  uniqueItems: (p) => `Hay elementos repetidos (posiciones ${p.j + 1} y ${p.i + 1}).`,
  pattern: () => 'No tiene el formato esperado.',
  format: (p) => `Debe ser ${FORMAT_NAMES[p.format] ?? `del formato ${p.format}`}.`,
  enum: (p) => `Debe ser una de las opciones permitidas: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`,
  const: (p) => `Debe ser ${JSON.stringify(p.allowedValue)}.`,
  oneOf: () => 'Debe coincidir con exactamente una de las opciones permitidas.',
  anyOf: () => 'Debe coincidir con alguna de las opciones permitidas.',
  additionalProperties: (p) => `La propiedad «${p.additionalProperty}» no está permitida aquí.`,
  propertyNames: (p) => `El nombre «${p.propertyName}» no es válido.`,
  multipleOf: (p) => `Debe ser múltiplo de ${p.multipleOf}.`,
  not: () => 'El valor no está permitido.',
  if: () => 'No cumple la condición requerida.',
};

/** A Spanish sentence for one Ajv error. Unknown keywords get a generic sentence, never Ajv's English. */
export function spanishMessage(error: ErrorObject): string {
  const make = MESSAGES[error.keyword];
  return make ? make(error.params as Params) : 'El valor no es válido.';
}

/**
 * The instance path an error is about: for `required` it is the missing property itself,
 * so the message lands next to the field the person must fill.
 */
export function errorInstancePath(error: ErrorObject): string {
  const params = error.params as Params;
  if (error.keyword === 'required') return `${error.instancePath}/${escapeToken(String(params.missingProperty))}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escapeToken(String(params.additionalProperty))}`;
  // Two data that go together (a point's latitud and longitud): the one given without its companion.
  if (error.keyword === 'dependencies') return `${error.instancePath}/${escapeToken(String(params.property))}`;
  return error.instancePath;
}

function escapeToken(token: string): string {
  return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}

/**
 * Ajv reports a failing oneOf together with each branch's own failure, and a failing if/then/else
 * both as the branch's error and as an `if` error; people need one message per problem.
 */
export function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.schemaPath);
  return errors.filter((e) => e.keyword !== 'if' && (combinators.includes(e.schemaPath) || !combinators.some((p) => e.schemaPath.startsWith(`${p}/`))));
}
