import { LockMode, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import { evaluateEligibility, formatFolio, localDateInMexicoCity, startWorkflow, validateAnswers, type EligibilityResult, type LoadedProgram } from '../../../../engine/index.ts';
import { Application, ApplicationEvent, AuditLog, Citizen, type ApplicationRow, type CitizenRow } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { assertCallOpen, programVersion } from '../programs/current.ts';
import { folioSequenceName } from '../programs/folio-sequence.ts';
import { sharedSections } from './drafts.ts';
import { recordEffects } from './effects.ts';
import { currentDocumentTypes } from './transitions.ts';

export interface Actor {
  type: 'ciudadano' | 'funcionario';
  id: string;
  role: string;
  /** Assisted registration: an official submits on the citizen's behalf. */
  onBehalf?: boolean;
}

/** The stored eligibility of an application: what officials see and what guards read. */
export function storedEligibility(result: EligibilityResult): Record<string, unknown> {
  return { eligible: result.eligible, reasons: result.reasons, score: result.score, requiredDocuments: result.requiredDocuments, derived: result.facts.derivados };
}

/** Validates and evaluates answers as a submission would; throws the Spanish refusals. */
export function checkSubmission(program: LoadedProgram, citizen: CitizenRow, answers: unknown, now: Date): { data: Record<string, unknown>; eligibility: EligibilityResult } {
  const form = validateAnswers(program, answers);
  if (!form.valid) throw new AppError('FORM_INVALID', undefined, { errors: form.errors });
  const eligibility = evaluateEligibility(program, { curp: citizen.curp, answers: form.data, at: now });
  if (!eligibility.eligible) throw new AppError('NOT_ELIGIBLE', `No cumples ${eligibility.reasons.length === 1 ? 'un requisito' : `${eligibility.reasons.length} requisitos`} del programa.`, { motivos: eligibility.reasons });
  return { data: form.data, eligibility };
}

/**
 * The next folio number of a program. A PostgreSQL sequence never blocks concurrent submissions
 * (a counter row would serialise them all on its lock until commit); the price is that a
 * submission rolled back after taking a number leaves a gap, which folios may have.
 */
async function nextFolioSequence(em: EntityManager, programId: string): Promise<number> {
  const rows = await (em as SqlEntityManager).execute<Array<{ n: string | number }>>(`select nextval('${folioSequenceName(programId)}') as n`);
  return Number(rows[0].n);
}

async function assertNoActiveApplication(em: EntityManager, citizenId: string, programId: string, exceptId: string): Promise<void> {
  const active = await em.findOne(Application, { citizen: citizenId, programId, folio: { $ne: null }, status: { $nin: ['Rechazada', 'Baja'] }, id: { $ne: exceptId } });
  if (active) throw new AppError('ALREADY_APPLIED', `Ya tienes la solicitud ${active.folio} en este programa (estado: ${active.status}).`);
}

function municipioOf(program: LoadedProgram, answers: Record<string, unknown>): string | null {
  const path = program.definition.convocatoria.municipioField;
  if (!path) return null;
  let node: unknown = answers;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'string' ? node : null;
}

/**
 * Submits a draft: the first call issues the folio; any later call for the same draft (double
 * click, retry, a second tab) finds the folio under the row lock and returns the same result.
 * Everything — folio, workflow start, history, expediente, SMS receipt — commits together.
 */
export async function submitDraft(app: FastifyInstance, applicationId: string, citizenId: string, answers: Record<string, unknown>, actor: Actor, supportTypeId?: string): Promise<{ application: ApplicationRow; created: boolean }> {
  const now = app.clock();
  const em = app.db.orm.em.fork();
  const outcome = await em.transactional(async (tx) => {
    const application = await tx.findOne(Application, { id: applicationId, citizen: citizenId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!application) throw new AppError('APPLICATION_NOT_FOUND');
    if (application.folio) return { application, created: false, outbox: [] as string[] };
    const citizen = await tx.findOneOrFail(Citizen, citizenId);
    if (!citizen.telefonoVerificado && actor.type === 'ciudadano') throw new AppError('PHONE_NOT_VERIFIED');
    const program = await programVersion(app, tx, application.programId, application.programVersion);
    assertCallOpen(program, now);
    await assertNoActiveApplication(tx, citizenId, application.programId, application.id);
    const { data, eligibility } = checkSubmission(program, citizen, answers, now);
    const uploaded = await currentDocumentTypes(tx, application.id);
    const missing = eligibility.requiredDocuments.filter((id) => !uploaded.has(id));
    if (missing.length > 0) {
      const labels = missing.map((id) => program.definition.documents.find((d) => d.id === id)?.label ?? id);
      throw new AppError('DOCUMENTS_MISSING', `Faltan documentos obligatorios: ${labels.join(', ')}.`, { documentos: missing });
    }
    const support = program.definition.supportTypes.find((s) => s.id === supportTypeId) ?? program.definition.supportTypes[0];
    const start = startWorkflow(program);
    const folio = formatFolio({ date: localDateInMexicoCity(now), prefix: program.definition.folioPrefix, sequence: await nextFolioSequence(tx, program.definition.id) });
    Object.assign(application, {
      folio,
      answers: data,
      eligibility: storedEligibility(eligibility),
      score: eligibility.score,
      municipio: municipioOf(program, data),
      supportTypeId: support.id,
      snapshot: start.snapshot as unknown as Record<string, unknown>,
      state: start.snapshot.state,
      status: start.status,
      submittedAt: now,
      submittedBy: actor.onBehalf ? actor.id : null,
      updatedAt: now,
    });
    // The expediente keeps the latest CUIS answers, to prefill the next program.
    citizen.expediente = { ...citizen.expediente, ...Object.fromEntries(sharedSections(program).filter((s) => s in data).map((s) => [s, data[s]])) };
    citizen.updatedAt = now;
    const event = tx.create(ApplicationEvent, {
      application,
      event: 'ENVIAR',
      fromState: null,
      toState: start.snapshot.state,
      fromStatus: null,
      toStatus: start.status,
      actorType: actor.type,
      actorId: actor.id,
      actorRole: actor.role,
      comment: actor.onBehalf ? 'Solicitud capturada en ventanilla por un funcionario en nombre de la persona solicitante.' : '',
      flags: { fields: [], documents: [] },
      onBehalf: actor.onBehalf === true,
      at: now,
    });
    tx.create(AuditLog, { at: now, actorType: actor.type, actorId: actor.id, action: 'solicitud.enviar', entity: 'application', entityId: application.id, data: { folio, programa: program.definition.id, version: program.definition.version } });
    await tx.flush();
    const receipt = app.sms.record(tx, {
      phone: citizen.telefono,
      body: `SIPROS: recibimos tu solicitud de ${program.definition.name}. Tu folio es ${folio}. Consulta su estado en Mis solicitudes.`,
      dedupeKey: `recibo:${application.id}`,
      citizenId: citizen.id,
      applicationId: application.id,
    });
    const effects = recordEffects(app, tx, { program, application, citizen, effects: start.effects, comment: '', eventKey: `evento:${event.id}`, now, actorType: actor.type, actorId: actor.id });
    return { application, created: true, outbox: [receipt, ...effects] };
  });
  await app.sms.dispatch(outcome.outbox);
  return { application: outcome.application, created: outcome.created };
}
