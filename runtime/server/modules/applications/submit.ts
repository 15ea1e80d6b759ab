import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { evaluateEligibility, folioHead, supportTypeFromAnswers, localDateInMexicoCity, startWorkflow, validateAnswers, type CatalogLocalidad, type Effect, type EligibilityResult, type LoadedProgram } from '../../../../engine/index.ts';
import { prepared, uniqueViolation, type SqlClient } from '../../../db/sql.ts';
import { submissionStatements, type Written } from './submit-sql.ts';
import { AppError } from '../../errors.ts';
import { assertCallOpen, localidadForRules, programVersion, QUOTA_CONDITION } from '../programs/index.ts';
import { folioSequenceName } from '../programs/index.ts';
import { renderTemplate } from '../sms/index.ts';
import { sharedSections } from './drafts.ts';
import { citizenRequestsLink, templateValues } from './effects.ts';
import { placeOf } from './place.ts';
import { supportsForRules } from '../padron/index.ts';
import type { PadronSupport } from '../../../../engine/padron/index.ts';

export interface Actor {
  type: 'ciudadano' | 'funcionario';
  id: string;
  role: string;
  /** Assisted registration: an official submits on the citizen's behalf. */
  onBehalf?: boolean;
  /** The history entry's words when the default does not fit (the field app says who captured it, where and when). */
  comment?: string;
}

/** The stored eligibility of an application: what officials see and what guards read. */
export function storedEligibility(result: EligibilityResult): Record<string, unknown> {
  return { eligible: result.eligible, reasons: result.reasons, score: result.score, requiredDocuments: result.requiredDocuments, derived: result.facts.derivados };
}

/** What the runtime looks up for the rules of a program: the applicant's supports in the padrón and their localidad in INEGI's catalog. */
export interface RuleLookups {
  padron: readonly PadronSupport[];
  localidad: CatalogLocalidad | null;
}

/** Looks up, in parallel, what the program's rules read besides the answers (nothing when they read neither). */
export async function lookupsForRules(sql: SqlClient, program: LoadedProgram, curp: string, answers: unknown): Promise<RuleLookups> {
  const [padron, localidad] = await Promise.all([supportsForRules(sql, program, curp), localidadForRules(sql, program, answers)]);
  return { padron, localidad };
}

/** Validates and evaluates answers as a submission would; throws the Spanish refusals. */
export function checkSubmission(program: LoadedProgram, citizen: { curp: string }, answers: unknown, now: Date, lookups: RuleLookups = { padron: [], localidad: null }): { data: Record<string, unknown>; eligibility: EligibilityResult } {
  const form = validateAnswers(program, answers);
  if (!form.valid) throw new AppError('FORM_INVALID', undefined, { errors: form.errors });
  const eligibility = evaluateEligibility(program, { curp: citizen.curp, answers: form.data, at: now, ...lookups });
  if (!eligibility.eligible) throw new AppError('NOT_ELIGIBLE', `No cumples ${eligibility.reasons.length === 1 ? 'un requisito' : `${eligibility.reasons.length} requisitos`} del programa.`, { motivos: eligibility.reasons });
  return { data: form.data, eligibility };
}

/**
 * Whether the call's total quota is used up. The count is remembered for a few seconds while many
 * places remain (the submission path is the busiest of an opening day, and the answer cannot
 * change from "plenty" to "full" that fast); near the limit it is asked every time. Approvals
 * are what the quota strictly limits, atomically (lockProgramQuota).
 */
const QUOTA_RECHECK_MS = 5000;
const quotaFull = new WeakMap<FastifyInstance, Map<string, { checkedAt: number; full: boolean; left: number }>>();
const PLENTY_LEFT = 100;

async function assertPlacesLeft(app: FastifyInstance, program: LoadedProgram): Promise<void> {
  const total = program.definition.convocatoria.quotas?.total;
  if (total === undefined) return;
  let known = quotaFull.get(app)?.get(program.definition.id);
  // Real elapsed time, not the (injectable) business clock: this is a cache's freshness.
  const elapsed = Date.now();
  if (!known || known.left < PLENTY_LEFT || elapsed - known.checkedAt > QUOTA_RECHECK_MS) {
    const { rows } = await app.db.sql.query<{ n: string }>(QUOTA_USED, [program.definition.id]);
    known = { checkedAt: elapsed, full: Number(rows[0].n) >= total, left: total - Number(rows[0].n) };
    if (!quotaFull.has(app)) quotaFull.set(app, new Map());
    quotaFull.get(app)!.set(program.definition.id, known);
  }
  if (known.full) throw new AppError('QUOTA_FULL', `Ya no hay lugares en la convocatoria de «${program.definition.name}»: se ocupó su cupo (${total.toLocaleString('es-MX')} ${total === 1 ? 'lugar' : 'lugares'}).`);
}

const QUOTA_USED = prepared('cupo-ocupado', `select count(*) as n from application where program_id = $1 and ${QUOTA_CONDITION}`);

/** Stands for the folio in SMS bodies rendered before the database has numbered it. */
const FOLIO_MARK = '\u0001folio\u0001';

export interface Submission {
  id: string;
  folio: string;
  status: string;
  created: boolean;
}

/**
 * Submits a draft: the first call issues the folio; any later call for the same draft (double
 * click, retry, a second tab, even at the same instant) finds the folio and returns the same
 * one. Folio, workflow start, history, audit, expediente and SMS receipt commit together.
 * Hand-written SQL: this is the busiest write of a call's opening day (bench:intake).
 */
export async function submitDraft(app: FastifyInstance, applicationId: string, citizenId: string, answers: Record<string, unknown>, actor: Actor, supportTypeId?: string): Promise<Submission> {
  const now = app.clock();
  const { sql } = app.db;
  const statements = submissionStatements(app);
  const draft = await statements.readDraft(applicationId, citizenId);
  if (!draft) throw new AppError('APPLICATION_NOT_FOUND');
  if (draft.folio) return { id: applicationId, folio: draft.folio, status: draft.status, created: false };
  if (!draft.telefono_verificado && actor.type === 'ciudadano') throw new AppError('PHONE_NOT_VERIFIED');
  const program = app.programs.cached(draft.program_id, draft.program_version) ?? (await programVersion(app, app.db.orm.em.fork(), draft.program_id, draft.program_version));
  assertCallOpen(program, now);
  await assertPlacesLeft(app, program);
  if (draft.active) throw new AppError('ALREADY_APPLIED', `Ya tienes la solicitud ${draft.active} en este programa.`);
  const { data, eligibility } = checkSubmission(program, draft, answers, now, await lookupsForRules(sql, program, draft.curp, answers));
  const missing = eligibility.requiredDocuments.filter((id) => !draft.documents.includes(id));
  if (missing.length > 0) {
    const labels = missing.map((id) => program.definition.documents.find((d) => d.id === id)?.label ?? id);
    throw new AppError('DOCUMENTS_MISSING', `Faltan documentos obligatorios: ${labels.join(', ')}.`, { documentos: missing });
  }
  // The form's own question picks the support type when the program has one (it is not asked twice).
  const chosen = supportTypeFromAnswers(program.definition, data) ?? supportTypeId;
  const support = program.definition.supportTypes.find((s) => s.id === chosen) ?? program.definition.supportTypes[0];
  const start = startWorkflow(program);
  const messages = submissionMessages(program, citizenRequestsLink(app.config), { applicationId, supportTypeId: support.id, status: start.status, answers: data, nombres: draft.nombres, effects: start.effects, now });
  const audits = [
    { action: 'solicitud.enviar', data: { programa: program.definition.id, version: program.definition.version } },
    ...start.effects.filter((e) => e.type !== 'notification').map((e) => ({ action: `flujo.efecto.${(e as { name: string }).name}`, data: { params: (e as { params?: unknown }).params ?? null, estado: start.status } })),
  ];
  let written: Written | null;
  try {
    written = await statements.write({
      applicationId,
      citizenId,
      folioHead: folioHead(localDateInMexicoCity(now), program.definition.folioPrefix),
      folioSequence: folioSequenceName(program.definition.id),
      answers: JSON.stringify(data),
      eligibility: JSON.stringify(storedEligibility(eligibility)),
      score: eligibility.score ?? null,
      ...placeOf(program, data),
      supportTypeId: support.id,
      snapshot: JSON.stringify(start.snapshot),
      state: start.snapshot.state,
      status: start.status,
      now,
      submittedBy: actor.onBehalf ? actor.id : null,
      actorType: actor.type,
      actorId: actor.id,
      actorRole: actor.role,
      comment: actor.comment ?? (actor.onBehalf ? 'Solicitud capturada en ventanilla por un funcionario en nombre de la persona solicitante.' : ''),
      onBehalf: actor.onBehalf === true,
      audits: JSON.stringify(audits),
      sharedSections: JSON.stringify(sharedSections(program)),
      phone: draft.telefono,
      folioMark: FOLIO_MARK,
      messages: JSON.stringify(messages),
    });
  } catch (error) {
    if (uniqueViolation(error) === 'application_one_active_idx') throw new AppError('ALREADY_APPLIED');
    throw error;
  }
  if (!written) {
    // Matched nothing: a concurrent call for the same draft issued the folio first.
    const again = (await sql.query<{ folio: string | null; status: string }>('select folio, status from application where id = $1 and citizen_id = $2', [applicationId, citizenId])).rows[0];
    if (!again?.folio) throw new AppError('APPLICATION_NOT_FOUND');
    return { id: applicationId, folio: again.folio, status: again.status, created: false };
  }
  // The folio is committed and the SMS are in the outbox: the submission has succeeded whatever
  // happens to the queue (dispatch never fails; with Redis away the periodic sweep sends them later).
  await app.sms.dispatch(messages.map((m) => m.id));
  return { id: applicationId, folio: written.folio, status: written.status, created: true };
}

/** The SMS of a submission (receipt, then the workflow's own notifications), with FOLIO_MARK for the folio. */
function submissionMessages(
  program: LoadedProgram,
  link: string,
  input: { applicationId: string; supportTypeId: string; status: string; answers: Record<string, unknown>; nombres: string; effects: readonly Effect[]; now: Date },
): Array<{ id: string; key: string; body: string }> {
  const values = templateValues(program, { folio: FOLIO_MARK, status: input.status, supportTypeId: input.supportTypeId, answers: input.answers }, { nombres: input.nombres }, '', input.now, link);
  const notifications = input.effects.flatMap((e) => (e.type === 'notification' ? [e] : []));
  return [
    { id: randomUUID(), key: `recibo:${input.applicationId}`, body: `SIPROS: recibimos tu solicitud de ${program.definition.name}. Tu folio es ${FOLIO_MARK}. Consulta su estado en ${link}` },
    // Submission happens once per application, so the application id makes these keys unique.
    ...notifications.map((n) => ({ id: randomUUID(), key: `envio:${input.applicationId}:${n.id}`, body: renderTemplate(n.sms, values) })),
  ];
}
