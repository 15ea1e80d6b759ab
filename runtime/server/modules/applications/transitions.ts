import { LockMode, type EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { stepWorkflow, type LoadedProgram, type StoredSnapshot } from '../../../../engine/index.ts';
import { Application, ApplicationEvent, AuditLog, Citizen, Document, type ApplicationRow } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { checkQuota, lockProgramQuota, programVersion, quotaFullError, type QuotaCheck } from '../programs/index.ts';
import { recordDeliveredSupport } from '../padron/index.ts';
import { applyApplicationEffects, recordEffects } from './effects.ts';

/** The status of a delivered support (see definitions/README.md): reaching it puts the support in the padrón. */
const DELIVERED = 'Entregado';

export interface EventRequest {
  applicationId: string;
  event: string;
  actor: { type: 'ciudadano' | 'funcionario'; id: string; role: string };
  comment?: string;
  flags?: { fields?: string[]; documents?: string[] };
  /** Changes to the application made in the same transaction, before the step (e.g. corrected answers). */
  before?: (application: ApplicationRow, em: EntityManager) => Promise<void>;
  onBehalf?: boolean;
  /** Picks the event once the row is locked (e.g. whichever event the citizen may send now). */
  resolveEvent?: (application: ApplicationRow, program: LoadedProgram) => string;
  /**
   * Set only by the delivery module, whose `before` writes the QR-proven delivery row: a step with
   * the `registrarEntrega` effect is refused without it, so no route can mark support as delivered
   * without the beneficiary's QR and the record of who, when and where.
   */
  deliveryRecorded?: boolean;
}

const REFUSAL_STATUS: Record<string, 'WORKFLOW_REFUSED' | 'FORBIDDEN'> = { WF_ROLE_NOT_ALLOWED: 'FORBIDDEN' };

/** Whether sending `event` from `state` is an approval that uses up a place of the call (guard cupoDisponible). */
export function consumesQuota(program: LoadedProgram, state: string | null, event: string): boolean {
  const guard = program.definition.workflow.states[state ?? '']?.on?.[event]?.guard;
  return [guard ?? []].flat().some((g) => (typeof g === 'string' ? g : g.type) === 'cupoDisponible');
}

/** Ids of the documents currently uploaded (not replaced) for an application. */
export async function currentDocumentTypes(em: EntityManager, applicationId: string): Promise<Set<string>> {
  const docs = await em.find(Document, { application: applicationId, replacedAt: null }, { fields: ['documentType'] });
  return new Set(docs.map((d) => d.documentType));
}

/**
 * Sends one workflow event to an application, exactly once under concurrency: the row is locked
 * for the transaction, so of two officials deciding at once one wins and the other is refused
 * by the workflow with the state it finds. Approvals that use up a place of the call also take
 * the program's quota lock before counting, so concurrent approvals of different applications
 * can never exceed the total, a municipio's or a localidad's quota (QUOTA_FULL, naming which). Persists
 * snapshot, status, history and effects (the delivery QR's token among them).
 */
export async function applyEvent(app: FastifyInstance, request: EventRequest): Promise<{ status: string; stateLabel: string; application: ApplicationRow }> {
  const now = app.clock();
  const em = app.db.orm.em.fork();
  const outbox = await em.transactional(async (tx) => {
    const application = await tx.findOne(Application, { id: request.applicationId, folio: { $ne: null } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!application) throw new AppError('APPLICATION_NOT_FOUND');
    await request.before?.(application, tx);
    const program = await programVersion(app, tx, application.programId, application.programVersion);
    const required = new Set((application.eligibility as { requiredDocuments?: string[] } | null)?.requiredDocuments ?? []);
    const uploaded = await currentDocumentTypes(tx, application.id);
    const eventName = request.resolveEvent ? request.resolveEvent(application, program) : request.event;
    // Locked after the application row, as every approval does: one order, so no deadlock.
    let quota: QuotaCheck = { ok: true };
    if (consumesQuota(program, application.state ?? null, eventName)) {
      await lockProgramQuota(tx, application.programId);
      quota = await checkQuota(tx, program, { municipio: application.municipio ?? null, localidad: application.localidad ?? null });
    }
    const step = (quotaAvailable: boolean) =>
      stepWorkflow(program, application.snapshot as unknown as StoredSnapshot, eventName, {
        actor: request.actor.id,
        role: request.actor.role,
        now,
        comment: request.comment,
        flags: request.flags,
        conditions: {
          eligible: (application.eligibility as { eligible?: boolean } | null)?.eligible === true,
          documentsComplete: [...required].every((id) => uploaded.has(id)),
          quotaAvailable,
        },
      });
    const result = step(quota.ok);
    if (!result.ok) {
      // A full quota is reported as such (naming which) only when it is the sole obstacle: the
      // same step with a free place would pass. Otherwise the other reason is the one to fix.
      const withPlace = quota.ok ? result : step(true);
      if (!quota.ok && withPlace.ok) throw await quotaFullError(program, quota, tx);
      const refusal = withPlace.ok ? result : withPlace;
      throw new AppError(REFUSAL_STATUS[refusal.code] ?? 'WORKFLOW_REFUSED', refusal.message, { code: refusal.code });
    }
    if (result.effects.some((e) => e.type === 'action' && e.name === 'registrarEntrega') && !request.deliveryRecorded) {
      throw new AppError('WORKFLOW_REFUSED', 'La entrega del apoyo se registra en «Entregar Solicitud», escaneando el código QR de la persona beneficiaria.', { code: 'DELIVERY_NEEDS_QR' });
    }
    applyApplicationEffects(application, result.effects);
    Object.assign(application, { snapshot: result.snapshot as unknown as Record<string, unknown>, state: result.snapshot.state, status: result.status, updatedAt: now });
    const entry = result.historyEntry;
    const event = tx.create(ApplicationEvent, {
      application,
      event: entry.event,
      fromState: entry.from,
      toState: entry.to,
      fromStatus: entry.fromStatus,
      toStatus: entry.toStatus,
      actorType: request.actor.type,
      actorId: request.actor.id,
      actorRole: request.actor.role,
      comment: entry.comment,
      flags: entry.flags,
      onBehalf: request.onBehalf === true,
      at: now,
    });
    tx.create(AuditLog, { at: now, actorType: request.actor.type, actorId: request.actor.id, action: `solicitud.${entry.event}`, entity: 'application', entityId: application.id, data: { de: entry.from, a: entry.to, comentario: entry.comment } });
    await tx.flush(); // gives the event its id, used to make each SMS unique
    const citizen = await tx.findOneOrFail(Citizen, application.citizen.id);
    if (entry.toStatus === DELIVERED && entry.fromStatus !== DELIVERED) {
      const { id, supportTypeId, municipio } = application;
      const domicilio = (application.answers as { domicilio?: Record<string, unknown> } | null)?.domicilio ?? null;
      await recordDeliveredSupport(tx, { applicationId: id, program: program.definition, supportTypeId: supportTypeId ?? null, municipio: municipio ?? null, domicilio, citizen, at: now });
    }
    return {
      application,
      result,
      ids: recordEffects(app, tx, { program, application, citizen, effects: result.effects, comment: entry.comment, eventKey: `evento:${event.id}`, now, actorType: request.actor.type, actorId: request.actor.id }),
    };
  });
  await app.sms.dispatch(outbox.ids);
  return { status: outbox.result.status, stateLabel: outbox.result.stateLabel, application: outbox.application };
}
