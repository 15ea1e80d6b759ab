import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeCurp } from '../../../../engine/curp.ts';
import {
  accountResponse,
  citizenLoginBody,
  citizenSessionResponse,
  forgotPasswordBody,
  officialLoginBody,
  officialSessionResponse,
  passwordResetResponse,
  phoneVerifiedResponse,
  registeredResponse,
  registrationBody,
  resetPasswordBody,
  verifyPhoneBody,
} from '../../../api/accounts.ts';
import { AppError } from '../../errors.ts';
import {
  audit,
  authenticateCitizen,
  authenticateOfficial,
  normalizeUsuario,
  passwordResetInBackground,
  registerCitizen,
  resendPhoneCode,
  resetPassword,
  verifyPhone,
} from './accounts.service.ts';
import { perIpLimiter, registerRateLimit } from './rate-limits.ts';
import { spanishValidation, type FieldTexts } from './spanish-validation.ts';

const TEXTS: FieldTexts = {
  curp: { label: 'la CURP', invalid: 'Escribe tu CURP (18 letras y números).' },
  nombres: { label: 'el nombre', invalid: 'Escribe tu nombre o nombres, como aparecen en tu acta de nacimiento.' },
  primerApellido: { label: 'el primer apellido', invalid: 'Escribe tu primer apellido.' },
  segundoApellido: { label: 'el segundo apellido', invalid: 'El segundo apellido debe ser texto; déjalo vacío si no tienes.' },
  fechaNacimiento: { label: 'la fecha de nacimiento', invalid: 'Escribe tu fecha de nacimiento completa: día, mes y año.' },
  sexo: { label: 'el sexo', invalid: 'El sexo debe ser H (hombre), M (mujer) o X (no binario).' },
  telefono: { label: 'el teléfono', invalid: 'El teléfono debe tener 10 dígitos, sin espacios ni guiones.' },
  correo: { label: 'el correo', invalid: 'El correo electrónico no es válido (ejemplo: nombre@correo.mx).' },
  contrasena: { label: 'la contraseña', invalid: 'Escribe una contraseña (máximo 128 caracteres).' },
  codigo: { label: 'el código', invalid: 'El código debe tener 6 dígitos.' },
  usuario: { label: 'el usuario', invalid: 'Escribe tu usuario.' },
};
const schemaErrorFormatter = spanishValidation(TEXTS);

/**
 * Limits per window. Per address and CURP (or user): one person's account is not guessed at.
 * Per address alone: one password is not sprayed over many accounts. A municipal office or a
 * mobile carrier puts hundreds of people behind one address (NAT), so the per-address limits
 * count failed logins (30 in 15 minutes: a spray of 40 CURPs stops at the 31st, while a whole
 * office logging in at 9:00 costs nothing) and keep a ceiling on all attempts (300) only against
 * bursts, which would otherwise all pass before their failures are counted.
 */
const LOGIN_LIMIT = { max: 10, timeWindow: 15 * 60_000 };
const RESET_LIMIT = { max: 5, timeWindow: 60 * 60_000 };
const REGISTRATION_LIMIT = { max: 30, timeWindow: 10 * 60_000 };
export const LOGIN_FAILURES_PER_IP = { max: 30, timeWindow: 15 * 60_000 };
export const LOGIN_ATTEMPTS_PER_IP = { max: 300, timeWindow: 15 * 60_000 };
/** Reset requests and code entries together, per address: a service desk helps a few people an hour, not dozens. */
export const RESETS_PER_IP = { max: 30, timeWindow: 15 * 60_000 };

function bodyString(request: FastifyRequest, field: string): string {
  // Rate-limit keys run for any route before the handler: the body is read defensively.
  const body: unknown = request.body;
  const value: unknown = typeof body === 'object' && body !== null ? Object.getOwnPropertyDescriptor(body, field)?.value : undefined;
  return typeof value === 'string' ? value : '';
}

const byIpAndCurp = (request: FastifyRequest) => `${request.ip}|curp:${normalizeCurp(bodyString(request, 'curp'))}`;
const byIpAndUsuario = (request: FastifyRequest) => `${request.ip}|usuario:${normalizeUsuario(bodyString(request, 'usuario'))}`;

/** The per-address login guard shared by citizens and officials, and the count of a failure. */
function loginLimits(app: FastifyInstance) {
  const attempts = perIpLimiter(app, 'sesion-intentos', LOGIN_ATTEMPTS_PER_IP);
  const failures = perIpLimiter(app, 'sesion-fallidos', LOGIN_FAILURES_PER_IP);
  return {
    async before(request: FastifyRequest): Promise<void> {
      await attempts.count(request);
      await failures.check(request);
    },
    /** Runs `login`; a wrong CURP, user or password counts against the address. */
    async counting<T>(request: FastifyRequest, login: () => Promise<T>): Promise<T> {
      try {
        return await login();
      } catch (error) {
        // Counting must never turn a wrong password into a 500 (the store falls back, but still).
        if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') await failures.count(request).catch(() => {});
        throw error;
      }
    },
  };
}

/** Citizen accounts (sign-up, phone verification, login, password reset) and the officials' login. */
export async function accountsRoutes(app: FastifyInstance): Promise<void> {
  await registerRateLimit(app);
  signUpRoutes(app);
  sessionRoutes(app);
  passwordRoutes(app);
}

/** Creating an account, confirming its phone, and reading it. */
function signUpRoutes(untyped: FastifyInstance): void {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  app.post(
    '/cuenta/registro',
    {
      schemaErrorFormatter,
      config: { rateLimit: REGISTRATION_LIMIT },
      schema: {
        tags: ['cuenta'],
        summary: 'Crear cuenta de ciudadano: inicia sesión y envía por SMS el código para confirmar el teléfono',
        body: registrationBody,
        response: { 201: registeredResponse },
      },
    },
    async (request, reply) => {
      const citizen = await registerCitizen(app, request.em, request.body);
      await app.startSession(reply, { type: 'ciudadano', id: citizen.id });
      return reply.status(201).send({ curp: citizen.curp, telefonoVerificado: false });
    },
  );

  app.post(
    '/cuenta/telefono/verificar',
    {
      schemaErrorFormatter,
      preHandler: app.requireCitizen,
      schema: {
        tags: ['cuenta'],
        summary: 'Confirmar el teléfono con el código recibido por SMS',
        body: verifyPhoneBody,
        response: { 200: phoneVerifiedResponse },
      },
    },
    async (request) => {
      await verifyPhone(app, request.em, request.citizen, request.body.codigo);
      return { telefonoVerificado: true as const };
    },
  );

  app.post(
    '/cuenta/telefono/reenviar',
    { preHandler: app.requireCitizen, schema: { tags: ['cuenta'], summary: 'Enviar otro código por SMS (el anterior deja de funcionar)' } },
    async (request, reply) => {
      await resendPhoneCode(app, request.em, request.citizen);
      return reply.status(202).send({});
    },
  );

  app.get(
    '/cuenta',
    { preHandler: app.requireCitizen, schema: { tags: ['cuenta'], summary: 'Datos de la cuenta del ciudadano', response: { 200: accountResponse } } },
    async (request) => {
      const c = request.citizen;
      return {
        curp: c.curp,
        nombres: c.nombres,
        primerApellido: c.primerApellido,
        segundoApellido: c.segundoApellido ?? null,
        fechaNacimiento: c.fechaNacimiento,
        sexo: c.sexo,
        telefono: c.telefono,
        correo: c.correo ?? null,
        telefonoVerificado: c.telefonoVerificado,
      };
    },
  );

}

/** Logging in and out, citizens and officials, under the per-address limits. */
function sessionRoutes(untyped: FastifyInstance): void {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  const login = loginLimits(app);
  app.post(
    '/sesion',
    {
      schemaErrorFormatter,
      config: { rateLimit: { ...LOGIN_LIMIT, keyGenerator: byIpAndCurp } },
      preHandler: login.before,
      schema: {
        tags: ['cuenta'],
        summary: 'Iniciar sesión de ciudadano con CURP y contraseña',
        body: citizenLoginBody,
        response: { 200: citizenSessionResponse },
      },
    },
    async (request, reply) => {
      const { curp, contrasena } = request.body;
      const citizen = await login.counting(request, () => authenticateCitizen(request.em, curp, contrasena));
      await app.startSession(reply, { type: 'ciudadano', id: citizen.id });
      return { tipo: 'ciudadano' as const, curp: citizen.curp, nombres: citizen.nombres, telefonoVerificado: citizen.telefonoVerificado };
    },
  );

  app.delete('/sesion', { schema: { tags: ['cuenta'], summary: 'Cerrar la sesión (ciudadano o funcionario)' } }, async (request, reply) => {
    await app.endSession(request, reply);
    return reply.status(204).send();
  });

  app.post(
    '/funcionarios/sesion',
    {
      schemaErrorFormatter,
      config: { rateLimit: { ...LOGIN_LIMIT, keyGenerator: byIpAndUsuario } },
      preHandler: login.before,
      schema: {
        tags: ['funcionarios'],
        summary: 'Iniciar sesión de funcionario con usuario y contraseña',
        body: officialLoginBody,
        response: { 200: officialSessionResponse },
      },
    },
    async (request, reply) => {
      const { usuario, contrasena } = request.body;
      const official = await login.counting(request, () => authenticateOfficial(request.em, usuario, contrasena));
      await app.startSession(reply, { type: 'funcionario', id: official.id });
      // Officials act on people's files: every login of theirs is on the record.
      audit(request.em, app.clock(), { actor: { type: 'funcionario', id: official.id }, action: 'cuenta.sesion_funcionario', entity: 'official', entityId: official.id, data: { ip: request.ip } });
      await request.em.flush();
      return { tipo: 'funcionario' as const, usuario: official.usuario, nombre: official.nombre, roles: official.roles, area: official.area };
    },
  );
}

/** A new password with a code sent by SMS. */
function passwordRoutes(untyped: FastifyInstance): void {
  const app = untyped.withTypeProvider<JsonSchemaToTsProvider>();
  const resetsPerIp = perIpLimiter(app, 'contrasena', RESETS_PER_IP);
  const countReset = (request: FastifyRequest) => resetsPerIp.count(request);
  app.post(
    '/cuenta/contrasena/olvido',
    {
      schemaErrorFormatter,
      config: { rateLimit: { ...RESET_LIMIT, keyGenerator: byIpAndCurp } },
      preHandler: countReset,
      schema: {
        tags: ['cuenta'],
        summary: 'Pedir un código para cambiar la contraseña (responde 202 siempre, haya o no cuenta)',
        body: forgotPasswordBody,
      },
    },
    async (request, reply) => {
      // Answered before any lookup: an existing account (code, SMS, audit) and a missing one
      // would otherwise differ by ~10 ms, enough to tell which CURPs have accounts.
      passwordResetInBackground(app, reply, request.body.curp);
      return reply.status(202).send({});
    },
  );

  app.post(
    '/cuenta/contrasena/restablecer',
    {
      schemaErrorFormatter,
      config: { rateLimit: { ...LOGIN_LIMIT, keyGenerator: byIpAndCurp } },
      preHandler: countReset,
      schema: {
        tags: ['cuenta'],
        summary: 'Poner una contraseña nueva con el código recibido por SMS; cierra todas las sesiones',
        body: resetPasswordBody,
        response: { 200: passwordResetResponse },
      },
    },
    async (request) => {
      await resetPassword(app, request.em, request.body);
      return { restablecida: true };
    },
  );

}
