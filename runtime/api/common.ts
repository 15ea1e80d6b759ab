/**
 * Pieces shared by the HTTP contracts of several modules. Every file in runtime/api is browser-safe
 * data and types: the server validates with the schemas, the web apps import the types.
 */

/** Free-form JSON answers or definitions, as the engine reads them. */
export type Json = Record<string, unknown>;

/** One field's error, as the engine reports it (FORM_INVALID, VALIDATION_FAILED). */
export interface ErrorCampo {
  path: string;
  message: string;
  code: string;
}

/** `:id` of a route (a program id, an application's UUID or folio: the handler judges which). */
export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;

/** A program's id: lower-case words joined by hyphens («apoyo-tecnologico»). */
export const PROGRAM_ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
