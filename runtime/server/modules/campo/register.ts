/**
 * One field record, from the request to its final answer. The device is never trusted: the
 * program must be open in the brigadista's area, the CURP valid and consistent, and the answers,
 * eligibility and documents are judged by the same functions as the portal and the counter (and
 * by submitDraft itself, which has the last word). The order keeps a refused record from leaving
 * anything behind: everything that can refuse without writing runs before the account, the
 * draft and the photos are made.
 *
 * Nothing half-done survives a failure: the record's row notes the person and the draft as soon
 * as they exist, the draft is the person's one draft of the program and submitDraft is
 * idempotent, so a resend after a failure anywhere ends in the same single application.
 */
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { LoadedProgram } from '../../../../engine/index.ts';
import { CLOSED_STATUSES } from '../../../../engine/vocabulary.ts';
import type { RegistroDeCampo, ResultadoDeCampo } from '../../../api/campo.ts';
import { FieldVisit, type CitizenRow, type OfficialRow } from '../../../db/entities.ts';
import { prepared, uniqueViolation } from '../../../db/sql.ts';
import { municipioName } from '../../../definitions/municipios.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../accounts/index.ts';
import { ROLE_BRIGADISTA } from '../admin/index.ts';
import { attachDocument, checkSubmission, lookupsForRules, placeOf, saveDraft, submitDraft } from '../applications/index.ts';
import { officialActor } from '../citizen-service/index.ts';
import { programInScope } from '../officials/index.ts';
import { assertCallOpen, currentProgram } from '../programs/index.ts';
import type { Intake, RecordPlan } from './intake.ts';
import { checkedCurp, existingPerson, newPerson } from './person.ts';
import { claimOrAnswer, finishRecord, noteProgress, ownAnswer, releaseRecord, storedRecord, type Claim } from './records.ts';
import { fieldComment, isRefusal, motivosOf, type Motivo } from './refusals.ts';

type Decision = Omit<ResultadoDeCampo, 'idCliente' | 'recibidoEn'> & { created: boolean };

const refused = (motivos: Motivo[]): Decision => ({ resultado: 'rechazado', folio: null, solicitud: null, motivos, created: false });
const conflict = (motivo: Motivo, active?: { id: string; folio: string }): Decision => ({ resultado: 'conflicto', folio: active?.folio ?? null, solicitud: active?.id ?? null, motivos: [motivo], created: false });

export type PlannedRecord = RecordPlan & { stored: ResultadoDeCampo | null };

/**
 * What to do with a record once it is read, before its photos: nothing when it already has its
 * answer; its program (current version) when that is in the brigadista's area.
 */
export async function planRecord(app: FastifyInstance, em: EntityManager, official: OfficialRow, record: RegistroDeCampo): Promise<PlannedRecord> {
  const stored = ownAnswer(await storedRecord(app, record.idCliente), official.id);
  if (stored) return { stored, skipFiles: true, program: null };
  const program = (await programInScope(app, official.area, record.programa)) ? await currentProgram(app, em, record.programa) : null;
  return { stored: null, skipFiles: false, program };
}

const ACTIVE = prepared('campo-solicitud-activa', 'select id, folio, status from application where citizen_id = $1 and program_id = $2 and folio is not null and status <> all($3::text[]) limit 1');

async function activeApplication(app: FastifyInstance, citizenId: string, programId: string): Promise<{ id: string; folio: string; status: string } | null> {
  return (await app.db.sql.query<{ id: string; folio: string; status: string }>(ACTIVE, [citizenId, programId, CLOSED_STATUSES])).rows[0] ?? null;
}

function alreadyApplied(active: { id: string; folio: string; status: string }): Motivo {
  return { codigo: 'ALREADY_APPLIED', mensaje: `La persona ya tiene la solicitud ${active.folio} (estado: ${active.status}) en este programa; no se hizo otra.`, campo: null };
}

/** The checks that write nothing: form, eligibility and the photos of the documents it requires. */
async function precheck(app: FastifyInstance, program: LoadedProgram, curp: string, record: RegistroDeCampo, documentTypes: readonly string[]): Promise<void> {
  const { eligibility } = checkSubmission(program, { curp }, record.respuestas, app.clock(), await lookupsForRules(app.db.sql, program, curp, record.respuestas));
  const missing = eligibility.requiredDocuments.filter((id) => !documentTypes.includes(id));
  if (missing.length > 0) throw new AppError('DOCUMENTS_MISSING', undefined, { documentos: missing });
}

/** The localidad the answers name, with its municipio, for the history entry. */
async function namedPlace(app: FastifyInstance, program: LoadedProgram, answers: Record<string, unknown>): Promise<{ nombre: string; municipio: string } | null> {
  const clave = placeOf(program, answers).localidad;
  if (!clave) return null;
  const { rows } = await app.db.sql.query<{ nombre: string; cve_mun: string }>('select nombre, cve_mun from cat_localidad where cvegeo = $1', [clave]);
  return rows[0] ? { nombre: rows[0].nombre, municipio: municipioName(rows[0].cve_mun) } : null;
}

/** Draft, photos and submission for a person with no active application in the program. */
async function apply(app: FastifyInstance, em: EntityManager, official: OfficialRow, intake: Intake, citizen: CitizenRow, claim: Claim): Promise<Decision> {
  const { record, files } = intake;
  const program = intake.plan.program!;
  const draft = await saveDraft(app, em, citizen, record.programa, record.respuestas);
  await noteProgress(app, record.idCliente, { applicationId: draft.id });
  for (const file of files) await attachDocument(app, draft.id, file, `funcionario:${official.id}`);
  const comment = fieldComment({ official, capturadoEn: record.capturadoEn, recibidoEn: claim.recibidoEn, point: record.ubicacion ?? null, localidad: await namedPlace(app, program, record.respuestas) });
  const actor = { type: 'funcionario' as const, id: official.id, role: ROLE_BRIGADISTA, onBehalf: true, comment };
  const submission = await submitDraft(app, draft.id, citizen.id, record.respuestas, actor, record.tipoApoyo ?? undefined);
  return { resultado: 'aceptado', folio: submission.folio, solicitud: submission.id, motivos: [], created: submission.created };
}

/** The record's answer; refusals are answers, anything else is thrown (the claim is let go by the caller). */
async function decide(app: FastifyInstance, em: EntityManager, official: OfficialRow, intake: Intake, claim: Claim): Promise<Decision> {
  const { record, plan } = intake;
  const program = plan.program;
  try {
    if (!program) throw new AppError('PROGRAM_NOT_FOUND', `No hay un programa «${record.programa}» en tu área; descarga de nuevo el paquete de campo.`);
    assertCallOpen(program, app.clock());
    const curp = checkedCurp(record.persona);
    let person = await existingPerson(em, curp, record.persona);
    if (person && 'conflicto' in person) return conflict(person.conflicto);
    if (person) {
      await noteProgress(app, record.idCliente, { citizenId: person.citizen.id });
      const active = await activeApplication(app, person.citizen.id, record.programa);
      // Its own application, submitted by an earlier send whose answer was never stored.
      if (active && active.id === claim.applicationId) return { resultado: 'aceptado', folio: active.folio, solicitud: active.id, motivos: [], created: false };
      if (active) return conflict(alreadyApplied(active), active);
    }
    await precheck(app, program, curp, record, intake.files.map((f) => f.documentType));
    person ??= await newPerson(app, em, official, curp, record.persona);
    if ('conflicto' in person) return conflict(person.conflicto);
    await noteProgress(app, record.idCliente, { citizenId: person.citizen.id });
    return await apply(app, em, official, intake, person.citizen, claim);
  } catch (error) {
    if (error instanceof AppError && error.code === 'ALREADY_APPLIED') return alreadyAppliedNow(app, em, record);
    if (isRefusal(error)) return refused(motivosOf(error, program));
    throw error;
  }
}

/** Someone applied for the person a moment before this record's submission (online, or another record). */
async function alreadyAppliedNow(app: FastifyInstance, em: EntityManager, record: RegistroDeCampo): Promise<Decision> {
  const person = await existingPerson(em.fork(), checkedCurp(record.persona), record.persona);
  const active = person && 'citizen' in person ? await activeApplication(app, person.citizen.id, record.programa) : null;
  if (!active) throw new AppError('CONFLICT');
  return conflict(alreadyApplied(active), active);
}

/** The visit of the brigadista's work list the record answers; another's or a missing one is simply not linked. */
async function ownVisit(em: EntityManager, official: OfficialRow, visitId: string | null | undefined): Promise<string | null> {
  if (!visitId) return null;
  return (await em.findOne(FieldVisit, { id: visitId, brigadistaId: official.id }))?.id ?? null;
}

const ACCEPTED_ELSEWHERE = 'field_record_one_accepted_idx';

/** Stores the answer; the same application accepted for another record (two records of one person at once) makes this one a conflict. */
async function store(app: FastifyInstance, result: ResultadoDeCampo, place: { applicationId: string | null; municipio: string | null; localidad: string | null }): Promise<ResultadoDeCampo> {
  try {
    await finishRecord(app, result, place);
    return result;
  } catch (error) {
    if (uniqueViolation(error) !== ACCEPTED_ELSEWHERE) throw error;
    const other: ResultadoDeCampo = { ...result, resultado: 'conflicto', motivos: [{ codigo: 'ALREADY_APPLIED', mensaje: `La solicitud ${result.folio} de esta persona ya se registró con otro registro de campo; no se hizo otra.`, campo: null }] };
    await finishRecord(app, other, { ...place, applicationId: null });
    return other;
  }
}

/** Where the record is counted: the application's place when it has one, else what the answers or the visit say. */
async function placeOfRecord(app: FastifyInstance, em: EntityManager, intake: Intake, decision: Omit<Decision, 'created'>, visitId: string | null) {
  if (decision.resultado === 'aceptado' && decision.solicitud) {
    const { rows } = await app.db.sql.query<{ municipio: string | null; localidad: string | null }>('select municipio, localidad from application where id = $1', [decision.solicitud]);
    if (rows[0]?.municipio || rows[0]?.localidad) return { applicationId: decision.solicitud, municipio: rows[0].municipio ?? rows[0].localidad?.slice(0, 5) ?? null, localidad: rows[0].localidad };
  }
  const fromAnswers = intake.plan.program ? placeOf(intake.plan.program, intake.record.respuestas) : { municipio: null, localidad: null };
  const visit = visitId ? await em.findOne(FieldVisit, { id: visitId }) : null;
  const localidad = fromAnswers.localidad ?? visit?.localidad ?? null;
  return { applicationId: decision.resultado === 'aceptado' ? decision.solicitud ?? null : null, municipio: fromAnswers.municipio ?? localidad?.slice(0, 5) ?? visit?.municipio ?? null, localidad };
}

export interface FieldAnswer {
  status: 200 | 201;
  result: ResultadoDeCampo;
}

/** Claims, decides and stores one record; 201 only when this send made the application. The photos not kept are dropped. */
export async function registerRecord(app: FastifyInstance, em: EntityManager, official: OfficialRow, intake: Intake<PlannedRecord>): Promise<FieldAnswer> {
  const { record } = intake;
  try {
    if (intake.plan.stored) return { status: 200, result: intake.plan.stored };
    const visitId = await ownVisit(em, official, record.visita);
    const got = await claimOrAnswer(app, official.id, record, intake.plan.program?.definition.version ?? record.version, visitId);
    if ('answer' in got) return { status: 200, result: got.answer };
    let answer: FieldAnswer;
    try {
      const { created, ...decision } = await decide(app, em, official, intake, got.claim);
      const place = await placeOfRecord(app, em, intake, decision, visitId);
      const result = await store(app, { idCliente: record.idCliente, ...decision, recibidoEn: got.claim.recibidoEn.toISOString() }, place);
      answer = { status: created && result.resultado === 'aceptado' ? 201 : 200, result };
    } catch (error) {
      // What was done is noted in the row; the next send takes over at once and finishes it.
      await releaseRecord(app, record.idCliente);
      throw error;
    }
    await afterAnswer(app, em, official, answer.result, visitId);
    return answer;
  } finally {
    await Promise.all(intake.files.map((f) => f.discard()));
  }
}

/** The visit is done whatever the answer; the audit log says who sent what. */
async function afterAnswer(app: FastifyInstance, em: EntityManager, official: OfficialRow, result: ResultadoDeCampo, visitId: string | null): Promise<void> {
  const now = app.clock();
  if (visitId) await app.db.sql.query(`update field_visit set estado = 'visitada', visitada_at = $2, updated_at = $2 where id = $1 and estado = 'pendiente'`, [visitId, now]);
  audit(em, now, { actor: officialActor(official), action: 'campo.registro', entity: 'field_record', entityId: result.idCliente, data: { resultado: result.resultado, folio: result.folio ?? null, solicitud: result.solicitud ?? null, codigos: result.motivos.map((m) => m.codigo) } });
  await em.flush();
}
