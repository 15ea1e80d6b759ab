import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError, ERRORS, type ErrorBody, type ErrorCode } from '../errors.ts';

/** Spanish text for Fastify's own validation errors (route schemas). */
function validationDetails(error: FastifyError): Array<{ path: string; message: string }> {
  return (error.validation ?? []).map((v) => {
    const where = `${error.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`;
    const params = v.params as Record<string, unknown>;
    if (v.keyword === 'required') return { path: `${where}.${params.missingProperty}`, message: `Falta el dato obligatorio «${params.missingProperty}».` };
    if (v.keyword === 'type') return { path: where, message: `Debe ser de tipo ${params.type}.` };
    if (v.keyword === 'additionalProperties') return { path: `${where}.${params.additionalProperty}`, message: `El dato «${params.additionalProperty}» no se esperaba.` };
    return { path: where, message: `No es válido (${v.keyword}).` };
  });
}

/**
 * PostgreSQL errors (SQLSTATE, kept by MikroORM's exceptions and by the hand-written SQL alike)
 * that are not faults of the server: two requests met on the same row, or input the database
 * cannot hold. The guards at body parsing and in the routes come first; this is the net behind
 * them, so no such input can answer 500.
 */
function databaseError(code: unknown): AppError | null {
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  switch (code) {
    case '23505': // unique_violation: the other request created the same row first
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected: PostgreSQL rolled this one back so the other could finish
    case '55P03': // lock_not_available
      return new AppError('CONFLICT');
    case '22021': // character_not_in_repertoire: a NUL in a text parameter
    case '22P05': // untranslatable_character: a NUL (\u0000) in jsonb
      return new AppError('INVALID_CHARACTER');
  }
  // Class 22, data exception: a value out of the column's range or format (e.g. 1e308 for an integer).
  if (code.startsWith('22')) return new AppError('BAD_REQUEST', 'Un dato de la solicitud está fuera de rango o tiene un formato que no se puede guardar.');
  return null;
}

/** Errors of @fastify/multipart: the upload's form was broken or had more parts than one file. */
const MULTIPART_ERRORS = new Set(['FST_MP_PREMATURE_CLOSE', 'FST_INVALID_MULTIPART_CONTENT_TYPE', 'FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PROTO_VIOLATION', 'FST_INVALID_JSON_FIELD_ERROR']);

/** Maps anything thrown to one code, status and Spanish message. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // Another request changed the row between our read and our write (e.g. two tabs saving at once).
  if (error instanceof OptimisticLockError || error instanceof UniqueConstraintViolationException) return new AppError('CONFLICT');
  const fe = error as FastifyError;
  const fromDatabase = databaseError(fe.code);
  if (fromDatabase) return fromDatabase;
  if (MULTIPART_ERRORS.has(fe.code)) return new AppError('MULTIPART_INVALID');
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('FILE_TOO_LARGE');
  if (fe.validation) return new AppError('VALIDATION_FAILED', undefined, { fields: validationDetails(fe) });
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    // Router errors, raised before any route runs (they reach here through `frameworkErrors`).
    case 'FST_ERR_BAD_URL':
      return new AppError('URL_INVALID');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('PATH_VALUE_TOO_LONG');
  }
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('BAD_REQUEST');
  return new AppError('INTERNAL');
}

export function errorBody(code: ErrorCode, message: string, details?: unknown, requestId?: string): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }), ...(requestId ? { requestId } : {}) } };
}

/** Logs an error by its gravity and answers it as `{error: {code, message, details?, requestId}}`. */
function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'error inesperado');
  // Mapped from a database error: kept with its cause, in case a server bug (not input) made it.
  else if (databaseError((error as { code?: unknown }).code)) request.log.warn({ err: error, code: appError.code }, appError.message);
  else request.log.info({ code: appError.code }, appError.message);
  void reply.status(appError.status).send(errorBody(appError.code, appError.message, appError.details, request.id));
}

/**
 * Fastify's `frameworkErrors` option: the router answers a malformed URL (`%` not followed by a
 * character) or a path value over `maxParamLength` by itself, in English and outside the error
 * handler, unless given this. With it they get the same coded Spanish answer as every other error.
 */
export const frameworkErrors = sendError;

/** The one error handler: every error response is `{error: {code, message, details?, requestId}}`. */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler(sendError);
    app.setNotFoundHandler((request, reply) => {
      void reply.status(404).send(errorBody('ROUTE_NOT_FOUND', ERRORS.ROUTE_NOT_FOUND.message, undefined, request.id));
    });
  },
  { name: 'sipros-errors', fastify: '5.x' },
);
