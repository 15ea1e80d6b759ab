/** An agency's roll loaded through the padrón's own routes, as «Carga masiva» does: upload, columns as suggested, review, load. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { multipart } from './multipart.ts';

export async function loadRollThroughApi(app: FastifyInstance, cookie: string, programa: string, name: string, content: string): Promise<void> {
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: object) => app.inject({ method, url: `/api${url}`, headers: { cookie, origin: 'http://localhost' }, ...(body ? { payload: body } : {}) });
  const { payload, headers } = multipart(name, Buffer.from(content), 'text/csv');
  const up = await app.inject({ method: 'POST', url: `/api/funcionario/padron/lotes?programa=${programa}`, headers: { ...headers, cookie }, payload });
  expect(up.statusCode, up.body).toBe(201);
  expect((await call('PUT', `/funcionario/padron/lotes/${up.json().id}/mapeo`, { mapeo: up.json().mapeo })).statusCode).toBe(200);
  await app.jobs.idle();
  expect((await call('POST', `/funcionario/padron/lotes/${up.json().id}/cargar`)).statusCode).toBe(200);
  await app.jobs.idle();
  expect((await call('GET', `/funcionario/padron/lotes/${up.json().id}`)).json().estado).toBe('cargado');
}
