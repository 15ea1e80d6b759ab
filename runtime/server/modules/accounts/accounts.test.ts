import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curpCheckDigit } from '../../../../engine/curp.ts';
import { AuditLog, Citizen, NotificationOutbox, Official, Session, VerificationCode } from '../../../db/entities.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { startCustomApp } from '../../../../test/helpers/custom-app.ts';
import { DEMO_CITIZEN, DEMO_OFFICIALS, DEMO_PASSWORD, ROLE_ADMIN, createOfficial, seedDemo } from '../../demo.ts';
import { loadCivilRegistryCsv } from './civil-registry.ts';
import type { CodePurpose } from './codes.ts';

const NOW = '2026-11-24T10:00:00-06:00';
const PASSWORD = 'Maguey en flor 2026';
const FIXTURE_CSV = fileURLToPath(new URL('../../../../test/fixtures/registro-civil.csv', import.meta.url));

let serial = 0;
/**
 * A well-formed CURP for an invented person: positions 1-4 «RI» plus two letters from a counter
 * (no RENAPO inconvenient word starts with RI), the given birth date and sex, born in Querétaro.
 */
function inventCurp(birthDate = '1990-01-15', sex: 'H' | 'M' | 'X' = 'M'): string {
  const n = serial++;
  const letters = String.fromCharCode(65 + Math.floor(n / 26) % 26, 65 + (n % 26));
  const [year, month, day] = birthDate.split('-');
  const differentiator = Number(year) < 2000 ? '0' : 'A';
  const first17 = `RI${letters}${year.slice(2)}${month}${day}${sex}QTBCD${differentiator}`;
  return first17 + curpCheckDigit(first17);
}

function person(overrides: Record<string, unknown> = {}) {
  return {
    curp: inventCurp(),
    nombres: 'Rosa María',
    primerApellido: 'Ibarra',
    segundoApellido: 'Núñez',
    fechaNacimiento: '1990-01-15',
    sexo: 'M',
    telefono: '4421234567',
    correo: 'rosa@example.mx',
    contrasena: PASSWORD,
    ...overrides,
  };
}

function cookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'sipros_sesion');
  if (!cookie) throw new Error('La respuesta no abrió sesión.');
  return cookie.value;
}

function post(t: TestApp, url: string, payload: unknown, session?: string) {
  return t.app.inject({ method: 'POST', url: `/api${url}`, payload: payload as object, ...(session ? { cookies: { sipros_sesion: session } } : {}) });
}

function getAccount(t: TestApp, session?: string) {
  return t.app.inject({ method: 'GET', url: '/api/cuenta', ...(session ? { cookies: { sipros_sesion: session } } : {}) });
}

async function register(t: TestApp, overrides: Record<string, unknown> = {}) {
  const body = person(overrides);
  const res = await post(t, '/cuenta/registro', body);
  expect(res.statusCode, res.body).toBe(201);
  return { body, session: cookieOf(res), res };
}

const em = (t: TestApp) => t.app.db.orm.em.fork();

/** The code of the citizen's live code of `purpose`, read from its SMS in the outbox as a person would. */
async function codeFromSms(t: TestApp, curp: string, purpose: CodePurpose = 'telefono'): Promise<string> {
  const live = await em(t).findOneOrFail(VerificationCode, { citizen: { curp }, purpose, usedAt: null });
  const sms = await em(t).findOneOrFail(NotificationOutbox, { dedupeKey: `codigo:${live.id}` });
  return /\b(\d{6})\b/.exec(sms.body)![1];
}

/** «Olvidé mi contraseña», waiting for the code that goes out after the 202. */
async function askResetCode(app: TestApp, curp: string): Promise<void> {
  expect((await post(app, '/cuenta/contrasena/olvido', { curp })).statusCode).toBe(202);
  await app.app.backgroundWork.idle();
}

/** A different six-digit code, certainly wrong. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function rowCounts(t: TestApp) {
  const e = em(t);
  return {
    citizens: await e.count(Citizen),
    codes: await e.count(VerificationCode),
    sms: await e.count(NotificationOutbox),
    audit: await e.count(AuditLog),
    sessions: await e.count(Session),
  };
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: NOW, seed: false });
}, 60_000);
afterAll(() => t?.close());

describe('POST /cuenta/registro', () => {
  it('creates the account, opens a session and sends the phone code by SMS', async () => {
    const curp = inventCurp();
    const res = await post(t, '/cuenta/registro', person({ curp: ` ${curp.slice(0, 9).toLowerCase()}-${curp.slice(9)} `, nombres: '  Rosa   María ', primerApellido: 'Ibarra ', segundoApellido: '' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ curp, telefonoVerificado: false });
    const cookie = res.cookies.find((c) => c.name === 'sipros_sesion')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const account = await getAccount(t, cookie.value);
    expect(account.statusCode).toBe(200);
    expect(account.json()).toEqual({
      curp,
      nombres: 'Rosa María',
      primerApellido: 'Ibarra',
      segundoApellido: null,
      fechaNacimiento: '1990-01-15',
      sexo: 'M',
      telefono: '4421234567',
      correo: 'rosa@example.mx',
      telefonoVerificado: false,
    });

    const citizen = await em(t).findOneOrFail(Citizen, { curp });
    expect(citizen.registroCivil).toBe('sin_verificar'); // the civil registry table is empty here
    expect(citizen.passwordHash).toMatch(/^\$argon2id\$/);
    const code = await em(t).findOneOrFail(VerificationCode, { citizen: citizen.id });
    expect(code).toMatchObject({ purpose: 'telefono', attempts: 0, usedAt: null });
    expect(code.expiresAt.getTime() - new Date(NOW).getTime()).toBe(10 * 60_000);
    expect(code.codeHash).toMatch(/^[0-9a-f]{64}$/);

    const sms = await em(t).findOneOrFail(NotificationOutbox, { citizenId: citizen.id });
    expect(sms.dedupeKey).toBe(`codigo:${code.id}`);
    expect(sms.phone).toBe('4421234567');
    expect(sms.body).toMatch(/^SIPROS: tu código de verificación es \d{6}\. Vence en 10 minutos\.$/);
    expect(code.codeHash).not.toContain(/\d{6}/.exec(sms.body)![0]);
    await t.app.jobs.idle();
    expect((await em(t).findOneOrFail(NotificationOutbox, sms.id)).status).toBe('enviado');

    const entries = await em(t).find(AuditLog, { entity: 'citizen', entityId: citizen.id });
    expect(entries.map((e) => [e.action, e.actorType, e.actorId])).toEqual([['cuenta.registro', 'ciudadano', citizen.id]]);
  });

  it('refuses an invalid CURP with every broken rule, writing nothing', async () => {
    const before = await rowCounts(t);
    const res = await post(t, '/cuenta/registro', person({ curp: 'HEGG560427MVZRRL05' }));
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error).toMatchObject({ code: 'CURP_INVALID', message: 'La CURP no es válida; revisa los detalles.' });
    expect(error.details.errors).toEqual([{ code: 'CHECK_DIGIT', message: expect.stringMatching(/dígito verificador/) }]);
    const short = (await post(t, '/cuenta/registro', person({ curp: 'ABC' }))).json().error;
    expect(short.details.errors).toEqual([{ code: 'LENGTH', message: 'La CURP debe tener 18 caracteres; tiene 3.' }]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('refuses a birth date or sex that differ from the CURP, naming which', async () => {
    const before = await rowCounts(t);
    const curp = inventCurp('1990-01-15', 'M');
    const date = await post(t, '/cuenta/registro', person({ curp, fechaNacimiento: '1990-01-16' }));
    expect(date.statusCode).toBe(422);
    expect(date.json().error).toMatchObject({
      code: 'CURP_MISMATCH',
      message: 'La fecha de nacimiento no coincide con la de tu CURP (15/01/1990). Revisa lo que escribiste o tu CURP.',
      details: { campos: ['fechaNacimiento'] },
    });
    const sex = await post(t, '/cuenta/registro', person({ curp, sexo: 'H' }));
    expect(sex.json().error).toMatchObject({ code: 'CURP_MISMATCH', message: 'El sexo no coincide con el de tu CURP (M, mujer). Revisa lo que escribiste o tu CURP.' });
    const both = await post(t, '/cuenta/registro', person({ curp, sexo: 'X', fechaNacimiento: '1991-01-15' }));
    expect(both.json().error.details.campos).toEqual(['fechaNacimiento', 'sexo']);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('allows one account per CURP', async () => {
    const { body } = await register(t);
    const again = await post(t, '/cuenta/registro', { ...body, telefono: '4429998877' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ACCOUNT_EXISTS', message: 'Ya existe una cuenta con esta CURP. Inicia sesión o recupera tu contraseña.' });
  });

  it('keeps one account when two registrations of the same CURP race, with nothing half-written', async () => {
    const body = person();
    const before = await rowCounts(t);
    const answers = await Promise.all([post(t, '/cuenta/registro', body), post(t, '/cuenta/registro', { ...body, telefono: '4420000001' })]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('ACCOUNT_EXISTS');
    const after = await rowCounts(t);
    expect(after).toEqual({ citizens: before.citizens + 1, codes: before.codes + 1, sms: before.sms + 1, audit: before.audit + 1, sessions: before.sessions + 1 });
  });

  it('refuses short, common, leaked and CURP passwords saying what to do', async () => {
    const before = await rowCounts(t);
    const curp = inventCurp();
    const SHORT = 'Usa al menos 10 caracteres (los espacios repetidos cuentan como uno).';
    const COMMON = 'Esa contraseña es común o fácil de adivinar: aparece en listas de contraseñas filtradas o sigue un patrón conocido (como una palabra y un año, o tus datos). Escribe una frase de tres o cuatro palabras que no tengan que ver contigo.';
    // Five cases: sign-ups count against the address's limit (30 in 10 minutes) shared by this file.
    const cases: Array<[string, string[], string]> = [
      ['password1', ['LONGITUD', 'COMUN'], `${SHORT} ${COMMON}`],
      ['        1a', ['LONGITUD', 'COMUN'], `${SHORT} ${COMMON}`],
      ['Maguey2026', ['COMUN'], COMMON],
      ['Ibarra4421234567', ['COMUN'], COMMON], // her surname and phone number
      [curp.toLowerCase(), ['COMUN', 'CURP'], `${COMMON} La contraseña no puede ser ni contener tu CURP.`],
    ];
    for (const [contrasena, problemas, message] of cases) {
      const res = await post(t, '/cuenta/registro', person({ curp, contrasena }));
      expect(res.statusCode, contrasena).toBe(400);
      expect(res.json().error, contrasena).toMatchObject({ code: 'WEAK_PASSWORD', message, details: { problemas } });
    }
    expect(await rowCounts(t)).toEqual(before);
  });


  it('answers malformed JSON with MALFORMED_JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/cuenta/registro', headers: { 'content-type': 'application/json' }, payload: '{"curp": "HEGG5604' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'MALFORMED_JSON', message: 'El cuerpo de la solicitud no es JSON válido.' });
  });

  it('answers wrong types and formats with Spanish messages per field', async () => {
    const before = await rowCounts(t);
    const res = await post(t, '/cuenta/registro', {
      curp: inventCurp(),
      nombres: { nombre: 'Rosa' },
      fechaNacimiento: '15/01/1990',
      sexo: 'F',
      telefono: '442-123-4567',
      correo: 'rosa-en-example.mx',
      contrasena: PASSWORD,
      apodo: 'Rosi',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('Hay datos con errores; revisa los campos marcados.');
    expect(error.details.fields).toEqual(
      expect.arrayContaining([
        { path: 'body.primerApellido', message: 'Falta el primer apellido.' },
        { path: 'body.apodo', message: 'El dato «apodo» no se esperaba.' },
        { path: 'body.nombres', message: 'Escribe tu nombre o nombres, como aparecen en tu acta de nacimiento.' },
        { path: 'body.fechaNacimiento', message: 'Escribe tu fecha de nacimiento completa: día, mes y año.' },
        { path: 'body.sexo', message: 'El sexo debe ser H (hombre), M (mujer) o X (no binario).' },
        { path: 'body.telefono', message: 'El teléfono debe tener 10 dígitos, sin espacios ni guiones.' },
        { path: 'body.correo', message: 'El correo electrónico no es válido (ejemplo: nombre@correo.mx).' },
      ]),
    );
    expect(error.details.fields).toHaveLength(7);
    const blank = await post(t, '/cuenta/registro', person({ nombres: '   ' }));
    expect(blank.json().error.details.fields).toEqual([{ path: 'body.nombres', message: 'Escribe tu nombre o nombres, como aparecen en tu acta de nacimiento.' }]);
    const notObject = await t.app.inject({ method: 'POST', url: '/api/cuenta/registro', payload: '"hola"', headers: { 'content-type': 'application/json' } });
    expect(notObject.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'body', message: 'Los datos deben enviarse como un objeto JSON.' }] } });
    expect(await rowCounts(t)).toEqual(before);
  });

  it('takes an empty or missing e-mail as none', async () => {
    const { session } = await register(t, { correo: '' });
    expect((await getAccount(t, session)).json().correo).toBeNull();
    for (const correo of [undefined, null]) {
      const { body } = await register(t, { correo });
      expect((await em(t).findOneOrFail(Citizen, { curp: body.curp })).correo).toBeNull();
    }
  });
});

describe('phone verification', () => {
  it('accepts the code from the SMS after a wrong one, once', async () => {
    const { body, session } = await register(t);
    const code = await codeFromSms(t, body.curp);
    const bad = await post(t, '/cuenta/telefono/verificar', { codigo: wrong(code) }, session);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'CODE_INVALID', message: 'El código no es correcto. Te quedan 4 intentos.' });
    const ok = await post(t, '/cuenta/telefono/verificar', { codigo: code }, session);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ telefonoVerificado: true });
    expect((await getAccount(t, session)).json().telefonoVerificado).toBe(true);
    const citizen = await em(t).findOneOrFail(Citizen, { curp: body.curp });
    expect(await em(t).count(AuditLog, { entityId: citizen.id, action: 'cuenta.telefono_verificado' })).toBe(1);
    // A double click is still a success, and nothing more is sent.
    expect((await post(t, '/cuenta/telefono/verificar', { codigo: code }, session)).statusCode).toBe(200);
    expect((await post(t, '/cuenta/telefono/reenviar', {}, session)).statusCode).toBe(202);
    expect(await em(t).count(NotificationOutbox, { citizenId: citizen.id })).toBe(1);
  });

  it('needs a session and a six-digit code', async () => {
    expect((await post(t, '/cuenta/telefono/verificar', { codigo: '123456' })).json().error.code).toBe('AUTH_REQUIRED');
    const { session } = await register(t);
    const res = await post(t, '/cuenta/telefono/verificar', { codigo: '12a456' }, session);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'body.codigo', message: 'El código debe tener 6 dígitos.' }] } });
  });

  it('refuses an expired code; a resent code works and the old one no longer does', async () => {
    const { body, session } = await register(t);
    const first = await codeFromSms(t, body.curp);
    const early = await post(t, '/cuenta/telefono/reenviar', {}, session);
    expect(early.statusCode).toBe(429);
    expect(early.json().error).toMatchObject({ code: 'RATE_LIMITED', message: 'Ya te enviamos un código hace poco; espera 60 segundos para pedir otro.' });
    try {
      t.setNow('2026-11-24T10:10:01-06:00');
      const expired = await post(t, '/cuenta/telefono/verificar', { codigo: first }, session);
      expect(expired.statusCode).toBe(400);
      expect(expired.json().error).toMatchObject({ code: 'CODE_EXPIRED', message: 'El código venció; pide uno nuevo.' });
      expect((await post(t, '/cuenta/telefono/reenviar', {}, session)).statusCode).toBe(202);
      const second = await codeFromSms(t, body.curp);
      if (second !== first) expect((await post(t, '/cuenta/telefono/verificar', { codigo: first }, session)).json().error.code).toBe('CODE_INVALID');
      expect((await post(t, '/cuenta/telefono/verificar', { codigo: second }, session)).statusCode).toBe(200);
    } finally {
      t.setNow(NOW);
    }
  });

  it('sends at most five phone codes an hour', async () => {
    const { session } = await register(t);
    const at = (seconds: number) => new Date(new Date(NOW).getTime() + seconds * 1000).toISOString();
    try {
      for (let i = 1; i <= 4; i++) {
        t.setNow(at(61 * i));
        expect((await post(t, '/cuenta/telefono/reenviar', {}, session)).statusCode).toBe(202);
      }
      t.setNow(at(61 * 5));
      const sixth = await post(t, '/cuenta/telefono/reenviar', {}, session);
      expect(sixth.statusCode).toBe(429);
      // The first code left the one-hour window at 60:00; 5 × 61 s = 5:05 have passed.
      expect(sixth.json().error).toMatchObject({ code: 'RATE_LIMITED', message: 'Ya te enviamos un código hace poco; espera 55 minutos para pedir otro.' });
    } finally {
      t.setNow(NOW);
    }
  });

  it('stops after five attempts, even for the right code', async () => {
    const { body, session } = await register(t);
    const code = await codeFromSms(t, body.curp);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await post(t, '/cuenta/telefono/verificar', { codigo: wrong(code) }, session)).json().error);
    expect(answers.map((e) => e.code)).toEqual(['CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'TOO_MANY_ATTEMPTS']);
    expect(answers[3].message).toBe('El código no es correcto. Te queda 1 intento.');
    const right = await post(t, '/cuenta/telefono/verificar', { codigo: code }, session);
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: 'Hiciste demasiados intentos con este código; pide uno nuevo.' });
    expect((await getAccount(t, session)).json().telefonoVerificado).toBe(false);
  });

  it('counts parallel guesses: no more than five are checked', async () => {
    const { body, session } = await register(t);
    const code = await codeFromSms(t, body.curp);
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(t, '/cuenta/telefono/verificar', { codigo: wrong(code) }, session)));
    const codes = answers.map((r) => r.json().error.code);
    expect(codes.filter((c) => c === 'CODE_INVALID')).toHaveLength(4);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(4);
    const row = await em(t).findOneOrFail(VerificationCode, { citizen: { curp: body.curp } });
    expect(row.attempts).toBe(5);
  });
});

describe('login and logout', () => {
  it('logs a citizen in by CURP (any case) and password, and out again', async () => {
    const { body } = await register(t);
    const res = await post(t, '/sesion', { curp: body.curp.toLowerCase(), contrasena: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ tipo: 'ciudadano', curp: body.curp, nombres: 'Rosa María', telefonoVerificado: false });
    const session = cookieOf(res);
    expect((await getAccount(t, session)).statusCode).toBe(200);

    const out = await t.app.inject({ method: 'DELETE', url: '/api/sesion', cookies: { sipros_sesion: session } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'sipros_sesion')).toMatchObject({ value: '' });
    const after = await getAccount(t, session);
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toMatchObject({ code: 'AUTH_REQUIRED', message: 'Inicia sesión para continuar.' });
    expect((await t.app.inject({ method: 'DELETE', url: '/api/sesion' })).statusCode).toBe(204);
  });

  it('gives the same answer for a wrong password and for a CURP without account', async () => {
    const { body } = await register(t);
    const wrongPassword = await post(t, '/sesion', { curp: body.curp, contrasena: 'Otra2026x' });
    const noAccount = await post(t, '/sesion', { curp: inventCurp(), contrasena: PASSWORD });
    for (const res of [wrongPassword, noAccount]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'La CURP o la contraseña no son correctas.' });
      expect(res.cookies).toEqual([]);
    }
  });

  it('tells a blocked account so only to who knows its password', async () => {
    const { body } = await register(t);
    await em(t).nativeUpdate(Citizen, { curp: body.curp }, { estado: 'bloqueado' });
    expect((await post(t, '/sesion', { curp: body.curp, contrasena: 'Otra2026x' })).json().error.code).toBe('INVALID_CREDENTIALS');
    const res = await post(t, '/sesion', { curp: body.curp, contrasena: PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ACCOUNT_BLOCKED');
  });

  it('GET /cuenta needs a citizen session', async () => {
    expect((await getAccount(t)).statusCode).toBe(401);
    expect((await getAccount(t, 'token-inventado')).statusCode).toBe(401);
  });
});

describe('password reset', () => {
  it('olvido answers 202 whether or not the CURP has an account, and texts only real ones', async () => {
    const before = await em(t).count(NotificationOutbox);
    const unknown = await post(t, '/cuenta/contrasena/olvido', { curp: inventCurp() });
    expect(unknown.statusCode).toBe(202);
    await t.app.backgroundWork.idle();
    expect(await em(t).count(NotificationOutbox)).toBe(before);
    const invalid = await post(t, '/cuenta/contrasena/olvido', { curp: 'no es una curp' });
    expect(invalid.statusCode).toBe(202);
    const { body } = await register(t);
    const known = await post(t, '/cuenta/contrasena/olvido', { curp: body.curp });
    expect(known.statusCode).toBe(202);
    await t.app.backgroundWork.idle();
    const sms = await em(t).find(NotificationOutbox, { citizenId: (await em(t).findOneOrFail(Citizen, { curp: body.curp })).id }, { orderBy: { body: 'asc' } });
    expect(sms.map((s) => s.body)).toEqual([
      expect.stringMatching(/^SIPROS: tu código de verificación es \d{6}\./),
      expect.stringMatching(/^SIPROS: tu código para cambiar tu contraseña es \d{6}\. Vence en 10 minutos\. Si no lo pediste, ignora este mensaje\.$/),
    ]);
    // Asking again at once sends nothing more, and still answers 202.
    expect((await post(t, '/cuenta/contrasena/olvido', { curp: body.curp })).statusCode).toBe(202);
    await t.app.backgroundWork.idle();
    expect(await em(t).count(VerificationCode, { citizen: { curp: body.curp }, purpose: 'contrasena' })).toBe(1);
  });

  it('sets a new password with the code, logs every session out and records it', async () => {
    const { body, session } = await register(t);
    const other = cookieOf(await post(t, '/sesion', { curp: body.curp, contrasena: PASSWORD }));
    await askResetCode(t, body.curp);
    const code = await codeFromSms(t, body.curp, 'contrasena');
    const reset = (payload: object) => post(t, '/cuenta/contrasena/restablecer', { curp: body.curp, ...payload });

    expect((await reset({ codigo: wrong(code), contrasena: 'nopal rojo de mayo' })).json().error).toMatchObject({ code: 'CODE_INVALID', message: 'El código no es correcto. Te quedan 4 intentos.' });
    const weak = await reset({ codigo: code, contrasena: 'nopal' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const done = await reset({ codigo: code, contrasena: 'nopal rojo de mayo' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ restablecida: true });

    for (const s of [session, other]) expect((await getAccount(t, s)).statusCode).toBe(401);
    expect((await post(t, '/sesion', { curp: body.curp, contrasena: PASSWORD })).statusCode).toBe(401);
    const login = await post(t, '/sesion', { curp: body.curp, contrasena: 'nopal rojo de mayo' });
    expect(login.statusCode).toBe(200);
    expect(login.json().telefonoVerificado).toBe(true); // the code reached the phone
    expect((await reset({ codigo: code, contrasena: 'otra tarde de lluvia' })).json().error.code).toBe('CODE_INVALID');

    const citizen = await em(t).findOneOrFail(Citizen, { curp: body.curp });
    const entry = await em(t).findOneOrFail(AuditLog, { entityId: citizen.id, action: 'cuenta.contrasena_restablecida' });
    expect(entry).toMatchObject({ actorType: 'ciudadano', actorId: citizen.id, entity: 'citizen', data: { sesionesCerradas: 2 } });
    expect(JSON.stringify(entry.data)).not.toContain('Nopal');
  });

  it('refuses an expired code and a CURP without account like a wrong code', async () => {
    const { body } = await register(t);
    await askResetCode(t, body.curp);
    const code = await codeFromSms(t, body.curp, 'contrasena');
    try {
      t.setNow('2026-11-24T10:11:00-06:00');
      const res = await post(t, '/cuenta/contrasena/restablecer', { curp: body.curp, codigo: code, contrasena: 'nopal rojo de mayo' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('CODE_EXPIRED');
    } finally {
      t.setNow(NOW);
    }
    const none = await post(t, '/cuenta/contrasena/restablecer', { curp: inventCurp(), codigo: '123456', contrasena: 'nopal rojo de mayo' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ code: 'CODE_INVALID', message: 'El código no es correcto.' });
  });
});

describe('officials', () => {
  it('logs an official in by user name; a citizen route stays closed to them', async () => {
    await createOfficial(em(t), { usuario: 'Revisora.Uno', nombre: 'Laura  Pacheco', correo: 'laura@example.mx', contrasena: 'Revisa expedientes 2026', roles: ['revisor', 'coordinador'], area: 'subsecretaria-desarrollo-social' });
    const res = await post(t, '/funcionarios/sesion', { usuario: ' revisora.uno ', contrasena: 'Revisa expedientes 2026' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ tipo: 'funcionario', usuario: 'revisora.uno', nombre: 'Laura Pacheco', roles: ['revisor', 'coordinador'], area: 'subsecretaria-desarrollo-social' });
    const session = cookieOf(res);
    expect((await getAccount(t, session)).json().error.code).toBe('AUTH_REQUIRED');
    const official = await em(t).findOneOrFail(Official, { usuario: 'revisora.uno' });
    expect(await em(t).count(AuditLog, { entity: 'official', entityId: official.id })).toBe(2); // created, logged in
    expect((await t.app.inject({ method: 'DELETE', url: '/api/sesion', cookies: { sipros_sesion: session } })).statusCode).toBe(204);
    expect(await em(t).count(Session, { subjectId: official.id, revokedAt: null })).toBe(0);
  });

  it('gives one message for a wrong password and an unknown user; an inactive user is told', async () => {
    await createOfficial(em(t), { usuario: 'inactivo.uno', nombre: 'Pedro Inactivo', correo: 'p@example.mx', contrasena: 'Revisa expedientes 2026', roles: ['revisor'], area: 'subsecretaria-desarrollo-social' });
    for (const payload of [{ usuario: 'inactivo.uno', contrasena: 'Mala2026x' }, { usuario: 'nadie.aqui', contrasena: 'Revisa expedientes 2026' }]) {
      const res = await post(t, '/funcionarios/sesion', payload);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'El usuario o la contraseña no son correctos.' });
    }
    await em(t).nativeUpdate(Official, { usuario: 'inactivo.uno' }, { estado: 'inactivo' });
    expect((await post(t, '/funcionarios/sesion', { usuario: 'inactivo.uno', contrasena: 'Revisa expedientes 2026' })).json().error.code).toBe('ACCOUNT_BLOCKED');
  });

  it('seeds the demo accounts once, ready to log in', async () => {
    const first = await seedDemo(t.app);
    expect(first).toEqual({ citizenCreated: true, officialsCreated: ['revisor.demo', 'dictaminador.demo', 'coordinador.demo', 'entregador.demo', 'admin.demo', 'atencion.demo', 'funcionario.demo', 'planeacion.demo', 'padron.demo', 'duplicados.demo', 'brigadista.demo', 'supervision.demo'] });
    expect(await seedDemo(t.app)).toEqual({ citizenCreated: false, officialsCreated: [] });
    const citizen = await post(t, '/sesion', { curp: DEMO_CITIZEN.curp, contrasena: DEMO_PASSWORD });
    expect(citizen.json()).toEqual({ tipo: 'ciudadano', curp: DEMO_CITIZEN.curp, nombres: 'María Guadalupe', telefonoVerificado: true });
    for (const official of DEMO_OFFICIALS) {
      const res = await post(t, '/funcionarios/sesion', { usuario: official.usuario, contrasena: DEMO_PASSWORD });
      expect(res.json()).toMatchObject({ tipo: 'funcionario', usuario: official.usuario, roles: official.roles, area: official.area });
      // All in the Subsecretaría, but the DIF's padrón liaison.
      expect(official.area).toBe({ 'padron.demo': 'dif-estatal', 'duplicados.demo': 'direccion-planeacion-evaluacion' }[official.usuario as string] ?? 'subsecretaria-desarrollo-social');
    }
    expect(DEMO_OFFICIALS.find((o) => o.usuario === 'admin.demo')!.roles).toEqual([ROLE_ADMIN]);
  });
});

describe('request limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    // Its own app: on the real services the limit is counted in Redis, as in production.
    // A queue name of its own: counters in Redis outlive a test run and are kept per SIPROS_QUEUE.
    limited = await startCustomApp({ now: NOW, env: { SIPROS_QUEUE: `limites-${randomBytes(4).toString('hex')}`, ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) } });
  }, 60_000);
  afterAll(() => limited?.close());

  it('answers RATE_LIMITED in Spanish after 10 logins per CURP and address in 15 minutes', async () => {
    const curp = inventCurp();
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await post(limited, '/sesion', { curp, contrasena: `Intento${i}x` }));
    expect(answers.slice(0, 10).map((r) => r.statusCode)).toEqual(Array(10).fill(401));
    expect(answers[10].statusCode).toBe(429);
    expect(answers[10].json().error).toMatchObject({ code: 'RATE_LIMITED', message: 'Demasiados intentos; espera 15 minutos y vuelve a intentar.', requestId: expect.any(String) });
    expect(answers[10].headers['retry-after']).toBeDefined();
    // Another CURP from the same address is counted apart (a public office shares one IP).
    expect((await post(limited, '/sesion', { curp: inventCurp(), contrasena: 'Intento1x' })).statusCode).toBe(401);
    const official = await post(limited, '/funcionarios/sesion', { usuario: `nadie.${curp}`, contrasena: 'x' });
    expect(official.statusCode).toBe(401);
  });
});

describe('civil registry check at sign-up', () => {
  let withRegistry: TestApp;
  beforeAll(async () => {
    withRegistry = await startTestApp({ now: NOW, seed: false });
    const report = await loadCivilRegistryCsv(em(withRegistry), FIXTURE_CSV);
    expect(report.loaded).toBe(6);
  }, 60_000);
  afterAll(() => withRegistry?.close());

  const guadalupe = { curp: 'HERG880314MQTRMD01', nombres: 'maria guadalupe', primerApellido: 'HERNANDEZ', segundoApellido: 'Ramírez', fechaNacimiento: '1988-03-14', sexo: 'M' };

  it('registers a match, ignoring case and accents, as «coincide»', async () => {
    await register(withRegistry, guadalupe);
    expect((await em(withRegistry).findOneOrFail(Citizen, { curp: guadalupe.curp })).registroCivil).toBe('coincide');
    await register(withRegistry, { curp: 'ROCE851122HQTDSD06', nombres: 'Eduardo', primerApellido: 'Rodríguez', segundoApellido: 'Castro', fechaNacimiento: '1985-11-22', sexo: 'H' });
    await register(withRegistry, { curp: 'MEXS950721MQTNXF09', nombres: 'Sofía', primerApellido: 'Mendoza', segundoApellido: null, fechaNacimiento: '1995-07-21', sexo: 'M' });
  });

  it('refuses data that differ from the registry, naming the fields but not the registry values', async () => {
    const res = await post(withRegistry, '/cuenta/registro', person({ curp: 'LOSJ900115HQTPNN00', nombres: 'Juan', primerApellido: 'Lopes', segundoApellido: 'Sanches', fechaNacimiento: '1990-01-15', sexo: 'H' }));
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error).toMatchObject({ code: 'CIVIL_REGISTRY_MISMATCH', details: { campos: ['primerApellido', 'segundoApellido'] } });
    expect(error.message).toBe('Tus datos no coinciden con los del Registro Civil para esta CURP; revisa: primer apellido y segundo apellido. Escríbelos como aparecen en tu acta de nacimiento.');
    expect(error.message).not.toContain('López');
    expect(await em(withRegistry).count(Citizen, { curp: 'LOSJ900115HQTPNN00' })).toBe(0);
  });

  it('refuses a CURP the registry marks as not active', async () => {
    const res = await post(withRegistry, '/cuenta/registro', person({ curp: 'GAMA750630MQTRRN05', nombres: 'Ana', primerApellido: 'García', segundoApellido: 'Martínez', fechaNacimiento: '1975-06-30', sexo: 'M' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'CIVIL_REGISTRY_MISMATCH', message: expect.stringMatching(/no está vigente/) });
  });

  it('registers a CURP missing from a loaded registry as «no_encontrado»', async () => {
    const { body } = await register(withRegistry);
    expect((await em(withRegistry).findOneOrFail(Citizen, { curp: body.curp })).registroCivil).toBe('no_encontrado');
  });
});
