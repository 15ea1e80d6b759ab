import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { Application, Citizen, VerificationCode, type CitizenRow, type OfficialRow } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { audit, resetCodeText, validCurpInfo, type Actor } from '../accounts/index.ts';
import { issueCode, MAX_CODE_ATTEMPTS, secondsUntilNextCode } from '../accounts/index.ts';
import { programsInScope } from '../officials/index.ts';
import type { CuentaEnVentanilla } from '../../../api/citizen-service.ts';
import { citizenInput, historyOfCurp, knownUnderAnotherCurp } from '../padron/index.ts';

/** The official acting, as the audit log and SMS keys name them. */
export function officialActor(official: Pick<OfficialRow, 'id'>): Actor {
  return { type: 'funcionario', id: official.id };
}

/** The citizen with this CURP: CURP_INVALID (with every broken rule) for a malformed one, CITIZEN_NOT_FOUND when nobody has it. */
export async function citizenByCurp(em: EntityManager, raw: string): Promise<CitizenRow> {
  const { curp } = validCurpInfo(raw);
  const citizen = await em.findOne(Citizen, { curp });
  if (!citizen) throw new AppError('CITIZEN_NOT_FOUND', `No hay ninguna cuenta con la CURP ${curp}.`);
  return citizen;
}

/** Changing contact data or sending codes to a blocked account would only help whoever it was blocked against. */
export function assertActive(citizen: CitizenRow): void {
  if (citizen.estado !== 'activo') throw new AppError('ACCOUNT_BLOCKED', 'La cuenta de esta persona está bloqueada; no se puede modificar desde aquí.');
}

const MIN_REASON = 5;

/** The reason every change needs (it goes to the audit log): REASON_REQUIRED when missing or too short to say anything. */
export function requireReason(motivo: string | undefined | null): string {
  const reason = (motivo ?? '').replace(/\s+/g, ' ').trim();
  if (reason.length < MIN_REASON) throw new AppError('REASON_REQUIRED', `Escribe el motivo del cambio (al menos ${MIN_REASON} caracteres); queda registrado.`);
  return reason;
}

export type CodeState = CodeInfo['estado'];

/**
 * «Código Validación» of the seed. SIPROS keeps only an HMAC of each SMS code, never the code,
 * and an official must not be able to read a code out to someone on the phone anyway: what the
 * service desk sees instead is the last code sent to the person (what for, when, until when, and
 * whether it is still usable, was used, expired or ran out of attempts).
 */
export type CodeInfo = NonNullable<CuentaEnVentanilla['codigoValidacion']>;

async function lastCode(em: EntityManager, citizenId: string, now: Date): Promise<CodeInfo | null> {
  const code = await em.findOne(VerificationCode, { citizen: citizenId }, { orderBy: { createdAt: 'desc' } });
  if (!code) return null;
  // The newest code has no newer one of its purpose, so a set usedAt means it was used, not replaced.
  const estado: CodeState = code.usedAt ? 'usado' : code.attempts >= MAX_CODE_ATTEMPTS ? 'agotado' : code.expiresAt.getTime() <= now.getTime() ? 'vencido' : 'vigente';
  return { proposito: code.purpose as CodeInfo['proposito'], enviado: code.createdAt.toISOString(), vence: code.expiresAt.toISOString(), estado };
}

export async function accountView(em: EntityManager, citizen: CitizenRow, now: Date): Promise<CuentaEnVentanilla> {
  return {
    curp: citizen.curp,
    nombres: citizen.nombres,
    primerApellido: citizen.primerApellido,
    segundoApellido: citizen.segundoApellido ?? null,
    telefono: citizen.telefono,
    correo: citizen.correo ?? null,
    codigoValidacion: await lastCode(em, citizen.id, now),
    validado: citizen.telefonoVerificado,
    estatus: citizen.estado,
    registradoEnVentanilla: citizen.registradoPor != null,
  };
}

/**
 * What the service desk sees of a person: the account, and only the applications and deliveries
 * of programs in the official's area (or below), like everywhere else on the officials' side.
 * Nothing else (answers, documents, other people) is reachable from these routes.
 */
export async function citizenFile(app: FastifyInstance, em: EntityManager, citizen: CitizenRow, official: Pick<OfficialRow, 'area'>) {
  const programs = await programsInScope(app, official.area);
  const names = new Map(programs.map((p) => [p.id, p.name]));
  const ids = [...names.keys()];
  const applications = ids.length === 0 ? [] : await em.find(Application, { citizen: citizen.id, programId: { $in: ids } }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
  const { rows: deliveries } = ids.length === 0
    ? { rows: [] }
    : await app.db.sql.query<{ folio: string; program_id: string; delivered_at: Date; funcionario: string | null }>(
        `select a.folio, a.program_id, d.delivered_at, o.nombre as funcionario
           from delivery d join application a on a.id = d.application_id left join official o on o.id = d.official_id
          where a.citizen_id = $1 and a.program_id = any($2::text[])
          order by d.delivered_at desc limit 200`,
        [citizen.id, ids],
      );
  return {
    cuenta: await accountView(em, citizen, app.clock()),
    solicitudes: applications.map((a) => ({
      id: a.id,
      folio: a.folio ?? null,
      programa: a.programId,
      programaNombre: names.get(a.programId) ?? a.programId,
      estado: a.status,
      fechaSolicitud: a.submittedAt ? a.submittedAt.toISOString() : null,
    })),
    entregas: deliveries.map((d) => ({ folio: d.folio, programaNombre: names.get(d.program_id) ?? d.program_id, fecha: new Date(d.delivered_at).toISOString(), funcionario: d.funcionario ?? '' })),
    padron: await historyOfCurp(app.db.sql, citizen.curp),
    enPadronConOtraCurp: await knownUnderAnotherCurp(app.db.sql, citizenInput(citizen), app.config.storageDir),
  };
}

/** Reading personal data is on the record too: who looked whom up, and lookups that found nobody. */
export async function auditLookup(em: EntityManager, now: Date, official: Pick<OfficialRow, 'id'>, found: CitizenRow | null, curp: string): Promise<void> {
  audit(em, now, { actor: officialActor(official), action: found ? 'atencion.consulta' : 'atencion.consulta_sin_resultado', entity: 'citizen', entityId: found?.id ?? curp, data: { curp } });
  await em.flush();
}

const DESK = 'en un módulo de atención ciudadana';
const NOT_YOU = 'Si no lo pediste, acude a un módulo de atención ciudadana.';

async function reloaded(em: EntityManager, citizen: CitizenRow): Promise<CitizenRow> {
  return em.findOneOrFail(Citizen, citizen.id, { refresh: true });
}

/**
 * A new phone number, typed by the official with the person in front of them (or identified by
 * phone), so it counts as verified, like an assisted sign-up. Codes still live on the old number
 * stop working (the usual reason for the change is a lost or stolen phone). Both numbers get an
 * SMS: the old one a warning, the new one a confirmation the person can show the official.
 */
export async function changePhone(app: FastifyInstance, em: EntityManager, official: OfficialRow, citizen: CitizenRow, telefono: string, motivo: string) {
  assertActive(citizen);
  if (telefono === citizen.telefono) throw new AppError('VALIDATION_FAILED', 'El teléfono nuevo es igual al registrado.', { fields: [{ path: 'body.telefono', message: 'El teléfono nuevo es igual al registrado.' }] });
  const now = app.clock();
  const change = randomUUID();
  const ids = await em.transactional(async (tx) => {
    await tx.nativeUpdate(Citizen, { id: citizen.id }, { telefono, telefonoVerificado: true, updatedAt: now });
    const codesClosed = await tx.nativeUpdate(VerificationCode, { citizen: citizen.id, usedAt: null }, { usedAt: now });
    audit(tx, now, { actor: officialActor(official), action: 'atencion.telefono', entity: 'citizen', entityId: citizen.id, data: { motivo, anterior: citizen.telefono, nuevo: telefono, codigosCerrados: codesClosed } });
    return [
      app.sms.record(tx, { phone: citizen.telefono, body: `SIPROS: el teléfono de tu cuenta se cambió ${DESK} y este número ya no recibirá avisos. ${NOT_YOU}`, dedupeKey: `atencion:${change}:anterior`, citizenId: citizen.id }),
      app.sms.record(tx, { phone: telefono, body: `SIPROS: este número quedó registrado en tu cuenta ${DESK}. Aquí recibirás los avisos de tus solicitudes.`, dedupeKey: `atencion:${change}:nuevo`, citizenId: citizen.id }),
    ];
  });
  await app.sms.dispatch(ids);
  return accountView(em, await reloaded(em, citizen), now);
}

/** A new (or no) e-mail; the person is told by SMS, the channel the change cannot have come from. */
export async function changeEmail(app: FastifyInstance, em: EntityManager, official: OfficialRow, citizen: CitizenRow, correo: string | null, motivo: string) {
  assertActive(citizen);
  const now = app.clock();
  const next = (correo ?? '').trim() || null;
  const change = randomUUID();
  const id = await em.transactional(async (tx) => {
    await tx.nativeUpdate(Citizen, { id: citizen.id }, { correo: next, updatedAt: now });
    audit(tx, now, { actor: officialActor(official), action: 'atencion.correo', entity: 'citizen', entityId: citizen.id, data: { motivo, anterior: citizen.correo ?? null, nuevo: next } });
    const body = next ? `SIPROS: el correo electrónico de tu cuenta se cambió ${DESK}. ${NOT_YOU}` : `SIPROS: se quitó el correo electrónico de tu cuenta ${DESK}. ${NOT_YOU}`;
    return app.sms.record(tx, { phone: citizen.telefono, body, dedupeKey: `atencion:${change}:correo`, citizenId: citizen.id });
  });
  await app.sms.dispatch([id]);
  return accountView(em, await reloaded(em, citizen), now);
}

function waitText(seconds: number): string {
  return seconds >= 120 ? `${Math.ceil(seconds / 60)} minutos` : `${seconds} segundos`;
}

/**
 * Sends the person a code to set a new password (the same code and SMS as «Olvidé mi
 * contraseña»): the official never sees the code nor the password; the person sets it on
 * /cuenta/contrasena/restablecer, which closes every session. Same sending limits as the
 * citizen's own requests, since each SMS costs money and annoys.
 */
export async function sendPasswordReset(app: FastifyInstance, em: EntityManager, official: OfficialRow, citizen: CitizenRow, motivo: string) {
  assertActive(citizen);
  const now = app.clock();
  const wait = await secondsUntilNextCode(em, { citizenId: citizen.id, purpose: 'contrasena', now });
  if (wait > 0) throw new AppError('RATE_LIMITED', `Ya se le envió un código a esta persona hace poco; espera ${waitText(wait)} para enviar otro.`);
  const outboxId = await em.transactional(async (tx) => {
    const { id, code } = await issueCode(tx, { citizenId: citizen.id, purpose: 'contrasena', now, secret: app.config.secret });
    audit(tx, now, { actor: officialActor(official), action: 'atencion.contrasena_codigo', entity: 'citizen', entityId: citizen.id, data: { motivo } });
    return app.sms.record(tx, { phone: citizen.telefono, body: resetCodeText(code), dedupeKey: `codigo:${id}`, citizenId: citizen.id });
  });
  await app.sms.dispatch([outboxId]);
  return accountView(em, citizen, now);
}
