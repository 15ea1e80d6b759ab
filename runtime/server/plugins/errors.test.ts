import Fastify, { type FastifyInstance } from 'fastify';
import { DeadlockException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsPlugin } from './errors.ts';
import { inputGuardPlugin, jsonTextProblem, MAX_JSON_DEPTH } from './input-guard.ts';

/**
 * The one error handler's mapping of what the database and the multipart reader throw (issue
 * 16): a conflict between two requests is 409 CONFLICT, input PostgreSQL cannot hold is a 400
 * with a code, and only real faults stay 500. Each error is thrown from a route, as a real
 * request would meet it.
 */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

const THROWN: Record<string, () => unknown> = {
  'optimistic-lock': () => OptimisticLockError.lockFailed('Application'),
  'unique-orm': () => new UniqueConstraintViolationException(pgError('23505', 'duplicate key value violates unique constraint "document_one_current_idx"')),
  'deadlock-orm': () => new DeadlockException(pgError('40P01', 'deadlock detected')),
  'unique-sql': () => pgError('23505', 'duplicate key value violates unique constraint "application_one_draft_idx"'),
  'serialization-sql': () => pgError('40001', 'could not serialize access due to concurrent update'),
  'lock-not-available': () => pgError('55P03', 'could not obtain lock on row in relation "application"'),
  'nul-jsonb': () => pgError('22P05', 'unsupported Unicode escape sequence'),
  'nul-text': () => pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
  'integer-range': () => pgError('22003', 'value "1e+308" is out of range for type integer'),
  'multipart-closed': () => Object.assign(new Error('the request was closed before the multipart data was fully parsed'), { code: 'FST_MP_PREMATURE_CLOSE', statusCode: 400 }),
  'plain-bug': () => new TypeError("Cannot read properties of undefined (reading 'x')"),
  'system-error': () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' }),
  'syntax-sql': () => pgError('42601', 'syntax error at or near "selec"'),
};

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify({ logger: false });
  await app.register(errorsPlugin);
  await app.register(inputGuardPlugin);
  app.get('/lanza/:que', async (request) => {
    throw THROWN[(request.params as { que: string }).que]();
  });
  app.post('/eco', async (request) => request.body);
  await app.ready();
});
afterAll(() => app?.close());

const answer = async (what: string) => {
  const res = await app.inject({ method: 'GET', url: `/lanza/${what}` });
  return { status: res.statusCode, code: res.json().error.code as string };
};

describe('the error handler', () => {
  it('answers a conflict between two requests with 409 CONFLICT, whether MikroORM or hand-written SQL met it', async () => {
    for (const what of ['optimistic-lock', 'unique-orm', 'deadlock-orm', 'unique-sql', 'serialization-sql', 'lock-not-available']) {
      expect({ what, ...(await answer(what)) }).toEqual({ what, status: 409, code: 'CONFLICT' });
    }
    const res = await app.inject({ method: 'GET', url: '/lanza/optimistic-lock' });
    expect(res.json().error.message).toBe('Alguien más modificó este registro al mismo tiempo; vuelve a intentarlo.');
  });

  it('answers input the database cannot hold with 400 and a code', async () => {
    expect(await answer('nul-jsonb')).toEqual({ status: 400, code: 'INVALID_CHARACTER' });
    expect(await answer('nul-text')).toEqual({ status: 400, code: 'INVALID_CHARACTER' });
    expect(await answer('integer-range')).toEqual({ status: 400, code: 'BAD_REQUEST' });
    expect(await answer('multipart-closed')).toEqual({ status: 400, code: 'MULTIPART_INVALID' });
  });

  it('keeps real faults as 500 INTERNAL (a bug, a broken pipe, bad SQL)', async () => {
    for (const what of ['plain-bug', 'system-error', 'syntax-sql']) expect({ what, ...(await answer(what)) }).toEqual({ what, status: 500, code: 'INTERNAL' });
  });
});

describe('the JSON text check', () => {
  it('counts depth outside strings only and finds NUL escapes, not an escaped backslash before "u0000"', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(jsonTextProblem(deep(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonTextProblem(deep(MAX_JSON_DEPTH + 1))).toBe('NESTING_TOO_DEEP');
    expect(jsonTextProblem(JSON.stringify({ a: '['.repeat(500) }))).toBeNull();
    expect(jsonTextProblem(JSON.stringify({ a: 'x\u0000y' }))).toBe('INVALID_CHARACTER');
    expect(jsonTextProblem(JSON.stringify({ ['k\u0000']: 1 }))).toBe('INVALID_CHARACTER');
    expect(jsonTextProblem(JSON.stringify({ a: 'C:\\u0000' }))).toBeNull();
    expect(jsonTextProblem(JSON.stringify({ a: 'comillas \\" y [ dentro' }))).toBeNull();
    // More brackets than the limit, side by side, nest only two deep (the character-by-character walk decides).
    expect(jsonTextProblem(JSON.stringify({ integrantes: Array.from({ length: 200 }, (_, i) => ({ edad: i, apoyos: [] })) }))).toBeNull();
    expect(jsonTextProblem(`{"a":${deep(MAX_JSON_DEPTH)},"b":"\u0000"}`)).toBe('NESTING_TOO_DEEP');
  });

  it('leaves ordinary bodies, and Fastify’s own refusals (malformed JSON, __proto__), as they were', async () => {
    const body = { nombre: 'Ana', datos: [1, { b: null }], texto: 'a\\u0000b' };
    expect((await app.inject({ method: 'POST', url: '/eco', payload: body })).json()).toEqual(body);
    const malformed = await app.inject({ method: 'POST', url: '/eco', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect({ status: malformed.statusCode, code: malformed.json().error.code }).toEqual({ status: 400, code: 'MALFORMED_JSON' });
    const poisoned = await app.inject({ method: 'POST', url: '/eco', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"admin":true}}' });
    expect(poisoned.statusCode).toBe(400);
  });
});
