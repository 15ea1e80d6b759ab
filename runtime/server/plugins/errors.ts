import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
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

/** Maps anything thrown to one code, status and Spanish message. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof UniqueConstraintViolationException) return new AppError('CONFLICT');
  const fe = error as FastifyError;
  if (fe.validation) return new AppError('VALIDATION_FAILED', undefined, { fields: validationDetails(fe) });
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
  }
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('BAD_REQUEST');
  return new AppError('INTERNAL');
}

export function errorBody(code: ErrorCode, message: string, details?: unknown, requestId?: string): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }), ...(requestId ? { requestId } : {}) } };
}

/** The one error handler: every error response is `{error: {code, message, details?, requestId}}`. */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'error inesperado');
      else request.log.info({ code: appError.code }, appError.message);
      void reply.status(appError.status).send(errorBody(appError.code, appError.message, appError.details, request.id));
    });
    app.setNotFoundHandler((request, reply) => {
      void reply.status(404).send(errorBody('ROUTE_NOT_FOUND', ERRORS.ROUTE_NOT_FOUND.message, undefined, request.id));
    });
  },
  { name: 'sipros-errors', fastify: '5.x' },
);
