/**
 * Who a field record is about. The device is not trusted: the CURP is checked again (valid, and
 * consistent with the birth date and sex given). A CURP nobody has gets an account, as at the
 * counter; a CURP with an account is that person only when the names and birth date given agree
 * with the account's, judged by the padrón's own comparisons (engine/matching: nicknames,
 * abbreviations, accents, married names), never by a plain text compare.
 */
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { compareBirth, compareGiven, compareSurnames } from '../../../../engine/matching/compare.ts';
import { prepareRecord, prepareTables, type PreparedTables } from '../../../../engine/matching/index.ts';
import type { RegistroDeCampo } from '../../../api/campo.ts';
import { Citizen, type CitizenRow, type OfficialRow } from '../../../db/entities.ts';
import { loadMatchingFiles } from '../../../definitions/library.ts';
import { AppError } from '../../errors.ts';
import { assertMatchesCurp, spanishList, validCurpInfo } from '../accounts/index.ts';
import { citizenInput } from '../padron/index.ts';
import { registerAtCounter, type AssistedPlace } from '../ventanilla/index.ts';
import type { Motivo } from './refusals.ts';

const IN_THE_FIELD: AssistedPlace = { action: 'cuenta.registro_campo', smsPlace: 'con una brigada de SIPROS que te visitó' };

let tables: Promise<PreparedTables> | null = null;

/** The padrón's name tables (nicknames, particles), read once per process. */
function nameTables(): Promise<PreparedTables> {
  tables ??= loadMatchingFiles().then((loaded) => {
    if (!loaded.ok) throw new AppError('MATCH_MODEL_INVALID');
    return prepareTables(loaded.tables);
  });
  return tables;
}

type Persona = RegistroDeCampo['persona'];

/**
 * The fields in which the record's person clearly is not the account's: a given name or a surname
 * that the comparisons call different (or conflicting: JUAN CARLOS and JUAN PABLO), or another birth
 * date. Typos, nicknames, a missing second surname or a married name are the same person.
 */
export async function differingIdentity(account: CitizenRow, persona: Persona): Promise<string[]> {
  const t = await nameTables();
  const a = prepareRecord(citizenInput(account), t);
  const b = prepareRecord(citizenInput({ ...persona, id: 'registro', segundoApellido: persona.segundoApellido ?? null }), t);
  const surnames = compareSurnames(a.surnames, b.surnames);
  const differ: string[] = [];
  if (['distinto', 'conflicto'].includes(compareGiven(a.given, b.given, t))) differ.push('el nombre');
  if (surnames.first === 'distinto') differ.push('el primer apellido');
  if (surnames.second === 'distinto') differ.push('el segundo apellido');
  if (compareBirth(a, b) === 'distinta') differ.push('la fecha de nacimiento');
  return differ;
}

export type PersonOutcome = { citizen: CitizenRow } | { conflicto: Motivo };

/** The account of this CURP when it is this person; a conflict when it clearly is someone else's. */
async function existingAccount(citizen: CitizenRow, persona: Persona): Promise<PersonOutcome> {
  if (citizen.estado !== 'activo') throw new AppError('ACCOUNT_BLOCKED', 'La cuenta de esta CURP está bloqueada; la persona debe acudir a un módulo de atención ciudadana.');
  const differ = await differingIdentity(citizen, persona);
  if (differ.length === 0) return { citizen };
  return {
    conflicto: {
      codigo: 'IDENTITY_MISMATCH',
      mensaje: `Ya hay una cuenta con la CURP ${citizen.curp} a nombre de otra persona: no coincide${differ.length > 1 ? 'n' : ''} ${spanishList(differ)}. Revisa la CURP con la persona; si es la suya, que acuda a un módulo de atención ciudadana con su acta de nacimiento.`,
      campo: 'persona.curp',
    },
  };
}

/** The account of the record's CURP (already checked), judged against the record; null when nobody has it. */
export async function existingPerson(em: EntityManager, curp: string, persona: Persona): Promise<PersonOutcome | null> {
  const found = await em.findOne(Citizen, { curp });
  return found ? existingAccount(found, persona) : null;
}

/**
 * Signs the person up as at the counter (same checks, civil registry included; phone counted as
 * verified, registered by the brigadista; an SMS tells them). Throws the Spanish refusals.
 */
export async function newPerson(app: FastifyInstance, em: EntityManager, official: OfficialRow, curp: string, persona: Persona): Promise<PersonOutcome> {
  try {
    return { citizen: await registerAtCounter(app, em, official, { ...persona, curp, contrasena: null }, IN_THE_FIELD) };
  } catch (error) {
    // Another record of the same person (or the person online) made the account a moment ago.
    if (!(error instanceof AppError && error.code === 'ACCOUNT_EXISTS') && !(error instanceof UniqueConstraintViolationException)) throw error;
    return existingAccount(await em.fork().findOneOrFail(Citizen, { curp }), persona);
  }
}

/** The record's CURP, valid and consistent with the birth date and sex given (CURP_INVALID, CURP_MISMATCH). */
export function checkedCurp(persona: Persona): string {
  const { curp, info } = validCurpInfo(persona.curp);
  assertMatchesCurp(info, persona);
  return curp;
}
