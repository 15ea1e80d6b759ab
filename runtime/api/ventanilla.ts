/**
 * HTTP contract of Ventanilla (runtime/server/modules/ventanilla): an official signs a person up and
 * applies for them. The answers, drafts and documents are the citizen's own contract
 * (./applications.ts); only the sign-up differs: no session, and the password is optional.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { personProperties } from './accounts.ts';

/** The online sign-up's fields (POST /cuenta/registro); the password is optional here. */
export const counterRegistrationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['curp', 'nombres', 'primerApellido', 'fechaNacimiento', 'sexo', 'telefono'],
  properties: {
    ...personProperties,
    contrasena: { type: ['string', 'null'], maxLength: 128, description: 'Opcional: sin ella, la persona pone la suya después con «Olvidé mi contraseña».' },
  },
} as const;
export type RegistroEnVentanilla = FromSchema<typeof counterRegistrationBody>;

export const counterRegisteredResponse = { type: 'object', additionalProperties: false, required: ['id', 'curp'], properties: { id: { type: 'string' }, curp: { type: 'string' } } } as const;
export type RegistradaEnVentanilla = FromSchema<typeof counterRegisteredResponse>;

const curpParam = { type: 'string', minLength: 1, maxLength: 40 } as const;
export const counterProgramParams = { type: 'object', required: ['curp', 'programa'], properties: { curp: curpParam, programa: { type: 'string', maxLength: 64 } } } as const;
export const counterApplicationParams = {
  type: 'object',
  required: ['curp', 'id'],
  properties: { curp: curpParam, id: { type: 'string', maxLength: 64 }, tipo: { type: 'string', maxLength: 64 } },
} as const;
export const counterDocumentParams = {
  type: 'object',
  required: ['curp', 'id', 'tipo'],
  properties: { curp: curpParam, id: { type: 'string', maxLength: 64 }, tipo: { type: 'string', maxLength: 64 } },
} as const;
