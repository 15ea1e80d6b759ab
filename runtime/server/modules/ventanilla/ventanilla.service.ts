import { randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { Application, Citizen, type ApplicationRow, type CitizenRow, type OfficialRow } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { addCitizen, audit, normalizeRegistration } from '../accounts/index.ts';
import { checkCivilRegistry } from '../accounts/index.ts';
import { hashPassword } from '../accounts/index.ts';
import { isUuid } from '../applications/index.ts';
import { officialActor } from '../citizen-service/index.ts';
import { programInScope } from '../officials/index.ts';
import type { RegistroEnVentanilla } from '../../../api/ventanilla.ts';

export type CounterRegistration = RegistroEnVentanilla;

/**
 * A password nobody knows, for a person who signs up at the counter without choosing one (many
 * have no internet): the account works at the counter; to use it online they set their own with
 * «Olvidé mi contraseña», by SMS to the phone the official just checked.
 */
function unknownPassword(): string {
  return `${randomBytes(24).toString('base64url')}a1`;
}

/** Where an official signs a person up: only the audit action and the SMS's words differ. */
export interface AssistedPlace {
  action: string;
  /** Completes «SIPROS: se creó tu cuenta …». */
  smsPlace: string;
}
const AT_COUNTER: AssistedPlace = { action: 'cuenta.registro_ventanilla', smsPlace: 'en un módulo de atención ciudadana' };

/**
 * Assisted sign-up: the same checks as online registration (CURP valid and consistent, civil
 * registry, one account per CURP), but the phone counts as verified (the official saw the person
 * and their phone) and the account records who registered it. The person gets an SMS. Used at the
 * counter and, with its own place, by the field brigades.
 */
export async function registerAtCounter(app: FastifyInstance, em: EntityManager, official: OfficialRow, input: CounterRegistration, place: AssistedPlace = AT_COUNTER): Promise<CitizenRow> {
  const chosePassword = typeof input.contrasena === 'string' && input.contrasena !== '';
  const password = chosePassword ? input.contrasena! : unknownPassword();
  const data = normalizeRegistration({ ...input, contrasena: password });
  const exists = () => new AppError('ACCOUNT_EXISTS', `Ya existe una cuenta con la CURP ${data.curp}; búscala en Consulta ciudadana.`);
  if ((await em.count(Citizen, { curp: data.curp })) > 0) throw exists();
  const registroCivil = await checkCivilRegistry(em, data);
  const passwordHash = await hashPassword(password);
  const now = app.clock();
  let outboxId = '';
  let citizen: CitizenRow;
  try {
    citizen = await em.transactional(async (tx) => {
      const created = addCitizen(tx, data, { passwordHash, registroCivil, telefonoVerificado: true, now, registradoPor: official.id });
      // The citizen row must exist before the SMS row that references it (a plain id column: the ORM cannot order them).
      await tx.flush();
      audit(tx, now, { actor: officialActor(official), action: place.action, entity: 'citizen', entityId: created.id, data: { registradoPor: official.id, registroCivil, contrasenaElegida: chosePassword } });
      const online = chosePassword ? 'Entra en línea con tu CURP y la contraseña que elegiste.' : 'Para entrar en línea, usa «Olvidé mi contraseña» con tu CURP.';
      outboxId = app.sms.record(tx, { phone: data.telefono, body: `SIPROS: se creó tu cuenta ${place.smsPlace}. ${online}`, dedupeKey: `ventanilla:registro:${created.id}`, citizenId: created.id });
      return created;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw exists();
    throw error;
  }
  await app.sms.dispatch([outboxId]);
  return citizen;
}

/** PROGRAM_NOT_FOUND for a program outside the official's area, like one that does not exist. */
export async function assertProgramInScope(app: FastifyInstance, official: Pick<OfficialRow, 'area'>, programId: string): Promise<void> {
  if (!(await programInScope(app, official.area, programId))) throw new AppError('PROGRAM_NOT_FOUND', `No existe el programa «${programId}».`);
}

/** One of this person's applications, in the official's area; APPLICATION_NOT_FOUND otherwise (never a 403: no probing). */
export async function counterApplication(app: FastifyInstance, em: EntityManager, official: Pick<OfficialRow, 'area'>, citizen: CitizenRow, id: string): Promise<ApplicationRow> {
  const application = isUuid(id) ? await em.findOne(Application, { id, citizen: citizen.id }) : null;
  if (!application || !(await programInScope(app, official.area, application.programId))) throw new AppError('APPLICATION_NOT_FOUND');
  return application;
}
