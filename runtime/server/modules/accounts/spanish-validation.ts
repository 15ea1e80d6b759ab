import type { FastifySchemaValidationError } from 'fastify';
import { AppError } from '../../errors.ts';

/** Per field: how a person calls it, and what to tell them when its value is not acceptable. */
export interface FieldText {
  label: string;
  invalid: string;
}

export type FieldTexts = Readonly<Record<string, FieldText>>;

/** The field a validation error is about: the missing or unexpected property, else the first path segment. */
function fieldOf(error: FastifySchemaValidationError): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return String(params.missingProperty);
  if (error.keyword === 'additionalProperties') return String(params.additionalProperty);
  return error.instancePath.split('/')[1] ?? '';
}

function messageFor(error: FastifySchemaValidationError, field: string, texts: FieldTexts): string {
  const text = texts[field];
  if (error.keyword === 'required') return `Falta ${text ? text.label : `el dato «${field}»`}.`;
  if (error.keyword === 'additionalProperties') return `El dato «${field}» no se esperaba.`;
  if (field === '') return 'Los datos deben enviarse como un objeto JSON.';
  return text ? text.invalid : `El dato «${field}» no es válido.`;
}

/**
 * A route `schemaErrorFormatter`: turns the schema's complaints into VALIDATION_FAILED with one
 * Spanish message per field (`details.fields = [{path, message}]`, the shape every route uses),
 * saying what the field must look like rather than which JSON Schema keyword failed.
 */
export function spanishValidation(texts: FieldTexts) {
  return (errors: FastifySchemaValidationError[], dataVar: string): AppError => {
    const fields = new Map<string, string>();
    for (const error of errors) {
      const field = fieldOf(error);
      const path = field ? `${dataVar}.${field}` : dataVar;
      // anyOf and friends report several errors for one field; the person needs one sentence.
      if (!fields.has(path)) fields.set(path, messageFor(error, field, texts));
    }
    return new AppError('VALIDATION_FAILED', undefined, { fields: [...fields].map(([path, message]) => ({ path, message })) });
  };
}
