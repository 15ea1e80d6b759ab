import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenWithSession, curpFor } from '../../../../test/helpers/actors.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';

const PROGRAM = 'negocios-familiares';
const definition = JSON.parse(readFileSync(new URL(`../../../../definitions/programs/${PROGRAM}/program.json`, import.meta.url), 'utf8'));
const base = definition.tests.base as { at: string; answers: Record<string, any> };

let t: TestApp;
let cookie: string;
let other: string;

beforeAll(async () => {
  t = await startTestApp({ now: base.at });
  // Born 15/08/1991, a man: 35 on the test table's day.
  ({ cookie } = await citizenWithSession(t.app, { curp: curpFor('LUPE', '910815', 'H'), nombres: 'José Luis' }));
  ({ cookie: other } = await citizenWithSession(t.app));
}, 60_000);
afterAll(() => t?.close());

const api = (method: string, url: string, body?: unknown, who = cookie) =>
  t.app.inject({ method: method as any, url: `/api${url}`, headers: { cookie: who, origin: 'http://localhost' }, ...(body === undefined ? {} : { payload: body as any }) });

describe('the applicant is member 1 of her household', () => {
  it('a new application starts with her name, relationship, sex and age (from the CURP)', async () => {
    const res = await api('GET', `/programas/${PROGRAM}/borrador`);
    expect(res.json()).toMatchObject({ id: null, origen: 'vacio' });
    expect(res.json().respuestas.hogar.integrantes).toEqual([{ nombre: 'José Luis PEREZ GOMEZ', parentesco: 'solicitante', sexo: 'H', edad: 35 }]);
  });

  it('a draft whose first person has answers keeps them as they are', async () => {
    const answers = { ...base.answers, hogar: { integrantes: [{ nombre: 'Pepe', sexo: 'H' }] } };
    expect((await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: answers })).statusCode).toBe(200);
    expect((await api('GET', `/programas/${PROGRAM}/borrador`)).json().respuestas.hogar.integrantes).toEqual([{ nombre: 'Pepe', sexo: 'H' }]);
  });
});

describe('the draft remembers its step on the server', () => {
  it('keeps the step, the furthest step and «from review», and gives them back on any device', async () => {
    const saved = await api('PUT', `/programas/${PROGRAM}/borrador/posicion`, { paso: 3, alcanzado: 5, desdeRevision: true });
    expect(saved.statusCode).toBe(204);
    expect((await api('GET', `/programas/${PROGRAM}/borrador`)).json()).toMatchObject({ origen: 'borrador', posicion: { paso: 3, alcanzado: 5, desdeRevision: true } });
    // Saving the answers does not move it.
    await api('PUT', `/programas/${PROGRAM}/borrador`, { respuestas: base.answers, paso: 0 });
    expect((await api('GET', `/programas/${PROGRAM}/borrador`)).json().posicion).toEqual({ paso: 3, alcanzado: 5, desdeRevision: true });
  });

  it('refuses a position without a draft, or a malformed one, with a code and a Spanish message', async () => {
    const none = await api('PUT', `/programas/${PROGRAM}/borrador/posicion`, { paso: 1, alcanzado: 1, desdeRevision: false }, other);
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toMatchObject({ code: 'APPLICATION_NOT_FOUND', message: expect.stringMatching(/borrador/) });
    const bad = await api('PUT', `/programas/${PROGRAM}/borrador/posicion`, { paso: -1, alcanzado: 'x', desdeRevision: false });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBeTruthy();
    expect((await api('GET', `/programas/${PROGRAM}/borrador`)).json().posicion.paso).toBe(3);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'PUT', url: `/api/programas/${PROGRAM}/borrador/posicion`, headers: { origin: 'http://localhost' }, payload: { paso: 1, alcanzado: 1, desdeRevision: false } });
    expect(res.statusCode).toBe(401);
  });
});
