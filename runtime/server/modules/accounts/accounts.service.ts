import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { normalizeCurp, validateCurp, type CurpInfo } from '../../../../engine/curp.ts';
import { AuditLog, Citizen, Official, Session, type CitizenRow, type OfficialRow, type SessionCitizen } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { checkCivilRegistry, type CivilRegistryStatus } from './civil-registry.ts';
import { assertMayIssueCode, consumeCode, CODE_TTL_MINUTES, issueCode, secondsUntilNextCode, type CodePurpose } from './codes.ts';
import { assertStrongPassword, hashPassword, verifyAgainstNothing, verifyPassword, type PasswordOwner } from './passwords.ts';
import type { Registro } from '../../../api/accounts.ts';

/** The role that administers SIPROS itself (officials, catalogs); workflow roles come from the program definitions. */
export { ROLE_ADMIN } from '../../../../engine/vocabulary.ts';

export interface Actor {
  type: 'ciudadano' | 'funcionario' | 'sistema';
  id: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'sistema', id: 'sistema' };

/** Appends one row to the audit log in the caller's unit of work (committed with the change it records). */
export function audit(em: EntityManager, now: Date, entry: { actor: Actor; action: string; entity: string; entityId: string; data?: Record<string, unknown> }): void {
  em.create(AuditLog, { at: now, actorType: entry.actor.type, actorId: entry.actor.id, action: entry.action, entity: entry.entity, entityId: entry.entityId, data: entry.data ?? {} });
}

// ── Registration ─────────────────────────────────────────────────────────────

export type RegistrationInput = Registro;

/** Registration data after normalisation: what is stored. */
export interface NormalizedRegistration {
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido: string | null;
  fechaNacimiento: string;
  sexo: 'H' | 'M' | 'X';
  telefono: string;
  correo: string | null;
}

/** Trims and collapses inner spaces; otherwise the person's own spelling (accents, case) is kept. */
export function cleanName(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** Validates the CURP; throws CURP_INVALID with every failed rule in `details.errors`. */
export function validCurpInfo(raw: string): { curp: string; info: CurpInfo } {
  const result = validateCurp(raw);
  if (!result.valid) throw new AppError('CURP_INVALID', undefined, { errors: result.errors.map((e) => ({ code: e.code, message: e.message })) });
  return { curp: result.curp, info: result.info };
}

const SEX_NAMES = { H: 'hombre', M: 'mujer', X: 'no binario' } as const;

function shownDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** Throws CURP_MISMATCH when the birth date or the sex typed differ from what the CURP encodes. */
export function assertMatchesCurp(info: CurpInfo, person: { fechaNacimiento: string; sexo: string }): void {
  const differences: string[] = [];
  const campos: string[] = [];
  if (info.birthDate !== person.fechaNacimiento) {
    campos.push('fechaNacimiento');
    differences.push(`la fecha de nacimiento no coincide con la de tu CURP (${shownDate(info.birthDate)})`);
  }
  if (info.sex !== person.sexo) {
    campos.push('sexo');
    differences.push(`el sexo no coincide con el de tu CURP (${info.sex}, ${SEX_NAMES[info.sex]})`);
  }
  if (differences.length === 0) return;
  const sentence = differences.join('; y ');
  throw new AppError('CURP_MISMATCH', `${sentence[0].toUpperCase()}${sentence.slice(1)}. Revisa lo que escribiste o tu CURP.`, { campos });
}

/** Checks everything that needs no database and returns the data to store. */
export function normalizeRegistration(input: RegistrationInput): NormalizedRegistration {
  const { curp, info } = validCurpInfo(input.curp);
  assertMatchesCurp(info, input);
  assertStrongPassword(input.contrasena, citizenOwner(curp, input));
  const correo = (input.correo ?? '').trim();
  return {
    curp,
    nombres: cleanName(input.nombres),
    primerApellido: cleanName(input.primerApellido),
    segundoApellido: cleanName(input.segundoApellido) || null,
    fechaNacimiento: input.fechaNacimiento,
    sexo: input.sexo,
    telefono: input.telefono,
    correo: correo || null,
  };
}

/** The citizen's policy, with the data an attacker who knows the person would try first. */
function citizenOwner(curp: string, person: Partial<Pick<CitizenRow, 'nombres' | 'primerApellido' | 'segundoApellido' | 'correo' | 'telefono' | 'fechaNacimiento'>>): PasswordOwner {
  const personalData = [person.nombres, person.primerApellido, person.segundoApellido, person.correo, person.telefono, person.fechaNacimiento].filter((v): v is string => typeof v === 'string' && v !== '');
  return { kind: 'ciudadano', curp, personalData };
}

function accountExists(): AppError {
  return new AppError('ACCOUNT_EXISTS');
}

/** Adds a citizen row to the unit of work (password already hashed). */
export function addCitizen(em: EntityManager, data: NormalizedRegistration, extra: { passwordHash: string; registroCivil: CivilRegistryStatus; telefonoVerificado: boolean; now: Date; registradoPor?: string | null }): CitizenRow {
  return em.create(Citizen, {
    id: randomUUID(),
    ...data,
    passwordHash: extra.passwordHash,
    telefonoVerificado: extra.telefonoVerificado,
    estado: 'activo',
    registroCivil: extra.registroCivil,
    expediente: {},
    registradoPor: extra.registradoPor ?? null,
    createdAt: extra.now,
    updatedAt: extra.now,
  });
}

export function phoneCodeText(code: string): string {
  return `SIPROS: tu código de verificación es ${code}. Vence en ${CODE_TTL_MINUTES} minutos.`;
}

export function resetCodeText(code: string): string {
  return `SIPROS: tu código para cambiar tu contraseña es ${code}. Vence en ${CODE_TTL_MINUTES} minutos. Si no lo pediste, ignora este mensaje.`;
}

/** Issues a code and records its SMS in the caller's unit of work; returns the outbox id to dispatch after commit. */
async function sendCode(app: FastifyInstance, em: EntityManager, citizen: Pick<CitizenRow, 'id' | 'telefono'>, purpose: CodePurpose): Promise<string> {
  const { id, code } = await issueCode(em, { citizenId: citizen.id, purpose, now: app.clock(), secret: app.config.secret });
  const body = purpose === 'telefono' ? phoneCodeText(code) : resetCodeText(code);
  return app.sms.record(em, { phone: citizen.telefono, body, dedupeKey: `codigo:${id}`, citizenId: citizen.id });
}

/**
 * Opens a citizen account: CURP valid and consistent with the birth date and sex, strong password,
 * one account per CURP (also under a race: the unique constraint decides, and the whole
 * transaction rolls back), civil registry check, then the phone code by SMS. The caller starts the session.
 */
export async function registerCitizen(app: FastifyInstance, em: EntityManager, input: RegistrationInput): Promise<CitizenRow> {
  const data = normalizeRegistration(input);
  if ((await em.count(Citizen, { curp: data.curp })) > 0) throw accountExists();
  const registroCivil = await checkCivilRegistry(em, data);
  const passwordHash = await hashPassword(input.contrasena);
  const now = app.clock();
  let outboxId = '';
  let citizen: CitizenRow;
  try {
    citizen = await em.transactional(async (tx) => {
      const created = addCitizen(tx, data, { passwordHash, registroCivil, telefonoVerificado: false, now });
      // The citizen row must exist before the code that references it.
      await tx.flush();
      outboxId = await sendCode(app, tx, created, 'telefono');
      audit(tx, now, { actor: { type: 'ciudadano', id: created.id }, action: 'cuenta.registro', entity: 'citizen', entityId: created.id, data: { registroCivil } });
      return created;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw accountExists();
    throw error;
  }
  await app.sms.dispatch([outboxId]);
  return citizen;
}

// ── Phone verification ───────────────────────────────────────────────────────

/** Marks the phone verified with the code sent by SMS; already verified is a success (double click). */
export async function verifyPhone(app: FastifyInstance, em: EntityManager, citizen: SessionCitizen, code: string): Promise<void> {
  if (citizen.telefonoVerificado) return;
  const now = app.clock();
  await consumeCode(em, { citizenId: citizen.id, purpose: 'telefono', code, now, secret: app.config.secret });
  await em.transactional(async (tx) => {
    await tx.nativeUpdate(Citizen, { id: citizen.id }, { telefonoVerificado: true, updatedAt: now });
    audit(tx, now, { actor: { type: 'ciudadano', id: citizen.id }, action: 'cuenta.telefono_verificado', entity: 'citizen', entityId: citizen.id, data: { telefono: citizen.telefono } });
  });
  citizen.telefonoVerificado = true;
}

/** Sends a new phone code (the older one stops working); RATE_LIMITED when asked too often. Nothing to send once verified. */
export async function resendPhoneCode(app: FastifyInstance, em: EntityManager, citizen: SessionCitizen): Promise<void> {
  if (citizen.telefonoVerificado) return;
  await assertMayIssueCode(em, { citizenId: citizen.id, purpose: 'telefono', now: app.clock() });
  const outboxId = await em.transactional((tx) => sendCode(app, tx, citizen, 'telefono'));
  await app.sms.dispatch([outboxId]);
}

// ── Login ────────────────────────────────────────────────────────────────────

/**
 * The citizen with this CURP and password, or INVALID_CREDENTIALS with the same message and about
 * the same time whether the CURP has no account or the password is wrong. A blocked account is
 * told only to whoever knows its password.
 */
export async function authenticateCitizen(em: EntityManager, curpInput: string, password: string): Promise<CitizenRow> {
  const citizen = await em.findOne(Citizen, { curp: normalizeCurp(curpInput) });
  const ok = citizen ? await verifyPassword(citizen.passwordHash, password) : await verifyAgainstNothing(password);
  if (!citizen || !ok) throw new AppError('INVALID_CREDENTIALS');
  if (citizen.estado !== 'activo') throw new AppError('ACCOUNT_BLOCKED');
  return citizen;
}

export function normalizeUsuario(usuario: string): string {
  return usuario.trim().toLowerCase();
}

const OFFICIAL_INVALID_CREDENTIALS = 'El usuario o la contraseña no son correctos.';

export async function authenticateOfficial(em: EntityManager, usuario: string, password: string): Promise<OfficialRow> {
  const official = await em.findOne(Official, { usuario: normalizeUsuario(usuario) });
  const ok = official ? await verifyPassword(official.passwordHash, password) : await verifyAgainstNothing(password);
  if (!official || !ok) throw new AppError('INVALID_CREDENTIALS', OFFICIAL_INVALID_CREDENTIALS);
  if (official.estado !== 'activo') throw new AppError('ACCOUNT_BLOCKED', 'Tu usuario está inactivo; pide a quien administra SIPROS que lo reactive.');
  return official;
}

// ── Password reset ───────────────────────────────────────────────────────────

/**
 * Sends a reset code when the CURP has an active account and no code went out too recently;
 * otherwise does nothing. The caller answers 202 either way, so nobody learns which CURPs have
 * accounts; it also runs this after answering (see passwordResetInBackground), because the
 * lookup, the code and the SMS take time only when the account exists.
 */
export async function requestPasswordReset(app: FastifyInstance, em: EntityManager, curpInput: string): Promise<void> {
  const citizen = await em.findOne(Citizen, { curp: normalizeCurp(curpInput) });
  if (!citizen || citizen.estado !== 'activo') return;
  const now = app.clock();
  if ((await secondsUntilNextCode(em, { citizenId: citizen.id, purpose: 'contrasena', now })) > 0) return;
  const outboxId = await em.transactional(async (tx) => {
    const id = await sendCode(app, tx, citizen, 'contrasena');
    audit(tx, now, { actor: SYSTEM_ACTOR, action: 'cuenta.contrasena_codigo', entity: 'citizen', entityId: citizen.id });
    return id;
  });
  await app.sms.dispatch([outboxId]);
}

/**
 * Runs requestPasswordReset after the answer went out, on an EntityManager of its own (the
 * request's is done by then). If the process dies first, no code goes out and the person asks
 * again, as with a lost SMS.
 */
export function passwordResetInBackground(app: FastifyInstance, reply: FastifyReply, curpInput: string): void {
  app.backgroundWork.afterReply(reply, 'código para cambiar la contraseña', () => requestPasswordReset(app, app.db.orm.em.fork(), curpInput));
}

/**
 * Sets a new password with the code sent by SMS, revokes every session of the citizen (whoever
 * knew the old password is logged out) and records it. The code reached the registered phone,
 * so the phone counts as verified too. An unknown CURP answers like a wrong code.
 */
export async function resetPassword(app: FastifyInstance, em: EntityManager, input: { curp: string; codigo: string; contrasena: string }): Promise<void> {
  const curp = normalizeCurp(input.curp);
  const citizen = await em.findOne(Citizen, { curp });
  // The policy is checked before the code so a weak password does not use up an attempt.
  assertStrongPassword(input.contrasena, citizenOwner(curp, citizen ?? {}));
  if (!citizen || citizen.estado !== 'activo') throw new AppError('CODE_INVALID');
  const now = app.clock();
  await consumeCode(em, { citizenId: citizen.id, purpose: 'contrasena', code: input.codigo, now, secret: app.config.secret });
  const passwordHash = await hashPassword(input.contrasena);
  await em.transactional(async (tx) => {
    await tx.nativeUpdate(Citizen, { id: citizen.id }, { passwordHash, telefonoVerificado: true, updatedAt: now });
    const revoked = await tx.nativeUpdate(Session, { subjectType: 'ciudadano', subjectId: citizen.id, revokedAt: null }, { revokedAt: now });
    audit(tx, now, { actor: { type: 'ciudadano', id: citizen.id }, action: 'cuenta.contrasena_restablecida', entity: 'citizen', entityId: citizen.id, data: { sesionesCerradas: revoked } });
  });
}

// ── Officials ────────────────────────────────────────────────────────────────

export interface NewOfficial {
  usuario: string;
  nombre: string;
  correo: string;
  contrasena: string;
  roles: string[];
  area: string;
}

/** Creates an official account (seed, tests, later the admin screens); the password follows the same policy. */
export async function createOfficial(em: EntityManager, input: NewOfficial, options: { now?: Date; actor?: Actor } = {}): Promise<OfficialRow> {
  assertStrongPassword(input.contrasena, { kind: 'funcionario', personalData: [input.usuario, input.nombre, input.correo] });
  const now = options.now ?? new Date();
  const passwordHash = await hashPassword(input.contrasena);
  return em.transactional(async (tx) => {
    const official = tx.create(Official, {
      id: randomUUID(),
      usuario: normalizeUsuario(input.usuario),
      nombre: cleanName(input.nombre),
      correo: input.correo.trim(),
      passwordHash,
      roles: [...input.roles],
      area: input.area,
      estado: 'activo',
      createdAt: now,
      updatedAt: now,
    });
    audit(tx, now, { actor: options.actor ?? SYSTEM_ACTOR, action: 'cuenta.funcionario_alta', entity: 'official', entityId: official.id, data: { usuario: official.usuario, roles: official.roles, area: official.area } });
    return official;
  });
}
