import type { FastifyInstance } from 'fastify';
import { validateAnswers, evaluateEligibility } from '../../../../engine/index.ts';
import { Application, ApplicationEvent, Citizen, Document } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { programVersion } from '../programs/index.ts';
import { placeOf } from './place.ts';
import { lookupsForRules, storedEligibility } from './submit.ts';
import { applyEvent } from './transitions.ts';
import { correctionOf } from './views.ts';

/** Dotted paths of every leaf that differs between two answer trees. */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (!isObject(before) || !isObject(after) || Array.isArray(before) !== Array.isArray(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((k) => changedPaths(before[k], after[k], prefix ? `${prefix}.${k}` : k));
}

function isFlagged(path: string, flagged: readonly string[]): boolean {
  return flagged.some((f) => path === f || path.startsWith(`${f}.`));
}

/**
 * The citizen's answer to a correction request: only flagged fields may change, flagged
 * documents must have been uploaded again after the request; then the workflow's citizen event
 * (e.g. REENVIAR) sends the application back to review. One transaction, one history entry.
 */
export async function submitCorrection(app: FastifyInstance, citizenId: string, applicationId: string, answers: Record<string, unknown>) {
  const lookups = await lookupsBefore(app, citizenId, applicationId, answers);
  return applyEvent(app, {
    applicationId,
    event: '', // decided inside, once the row is locked
    actor: { type: 'ciudadano', id: citizenId, role: 'ciudadano' },
    async before(application, em) {
      if (application.citizen.id !== citizenId) throw new AppError('APPLICATION_NOT_FOUND');
      const correction = correctionOf(application);
      if (!correction) throw new AppError('NOT_IN_CORRECTION', `La solicitud está en «${application.status}»; no hay una corrección pendiente.`);
      const program = await programVersion(app, em, application.programId, application.programVersion);
      const form = validateAnswers(program, answers);
      const notFlagged = changedPaths(application.answers, form.data).filter((p) => !isFlagged(p, correction.campos));
      if (notFlagged.length > 0) throw new AppError('FIELD_NOT_FLAGGED', `Solo puedes cambiar los datos marcados. Cambiaste también: ${notFlagged.join(', ')}.`, { campos: notFlagged });
      if (!form.valid) throw new AppError('FORM_INVALID', undefined, { errors: form.errors });
      const requestedAt = (await em.findOneOrFail(ApplicationEvent, { application: application.id, toStatus: 'Corrección' }, { orderBy: { id: 'desc' } })).at;
      const fresh = await em.find(Document, { application: application.id, replacedAt: null, uploadedAt: { $gt: requestedAt } }, { fields: ['documentType'] });
      const missing = correction.documentos.filter((id) => !fresh.some((d) => d.documentType === id));
      if (missing.length > 0) throw new AppError('DOCUMENTS_MISSING', 'Vuelve a subir los documentos marcados para corregir.', { documentos: missing });
      const citizen = await em.findOneOrFail(Citizen, citizenId);
      const eligibility = evaluateEligibility(program, { curp: citizen.curp, answers: form.data, at: app.clock(), ...lookups });
      Object.assign(application, { answers: form.data, eligibility: storedEligibility(eligibility), score: eligibility.score, ...placeOf(program, form.data) });
    },
    resolveEvent: (application, program) => citizenEvent(program.definition.workflow.states[application.state ?? '']?.on ?? {}),
  });
}

/**
 * What the program's rules read besides the answers (the citizen's supports in the padrón, the localidad
 * of the corrected address in the catalog), looked up before the transaction (as a submission does):
 * inside it, on the embedded PGlite's one connection, a second query waits for the transaction that
 * waits for it — a correction of Tarjeta Contigo hung for ever on `npm start`.
 */
async function lookupsBefore(app: FastifyInstance, citizenId: string, applicationId: string, answers: Record<string, unknown>) {
  const em = app.db.orm.em.fork();
  const application = await em.findOne(Application, { id: applicationId, citizen: citizenId }, { fields: ['programId', 'programVersion'] });
  const citizen = await em.findOne(Citizen, citizenId, { fields: ['curp'] });
  if (!application || !citizen) return { padron: [], localidad: null };
  return lookupsForRules(app.db.sql, await programVersion(app, em, application.programId, application.programVersion), citizen.curp, answers);
}

/** The event a citizen may send from the current state (the workflow names it, e.g. REENVIAR). */
function citizenEvent(on: Record<string, { roles: string[] }>): string {
  const found = Object.entries(on).find(([, t]) => t.roles.includes('ciudadano'));
  if (!found) throw new AppError('NOT_IN_CORRECTION', 'En esta etapa la solicitud no espera una acción tuya.');
  return found[0];
}

