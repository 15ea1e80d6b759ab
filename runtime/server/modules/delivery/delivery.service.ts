import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { LoadedProgram } from '../../../../engine/index.ts';
import { Application, ApplicationEvent, AuditLog, Citizen, Delivery, Official, type ApplicationRow, type OfficialRow } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { programInScope, seesPersonalDataOf } from '../officials/index.ts';
import { programVersion } from '../programs/index.ts';
import { applyEvent } from '../applications/index.ts';
import { readDeliveryInput, verifyDeliveryToken } from '../applications/index.ts';

/** Statuses of the workflow definitions this module relies on (see definitions/README.md). */
const APPROVED = 'Aprobada';
const DELIVERED = 'Entregado';

export interface DeliveryTransition {
  /** The approved state the delivery leaves from. */
  from: string;
  event: string;
  roles: readonly string[];
}

export interface DeliveredBy {
  fecha: string;
  funcionario: string;
}

export interface Place {
  latitude: number | null;
  longitude: number | null;
  accuracyM: number | null;
}

/**
 * The workflow's delivery step, read from the definition rather than assumed to be called
 * ENTREGAR: the transition from a state with status «Aprobada» to one with status «Entregado».
 */
export function deliveryTransition(program: LoadedProgram): DeliveryTransition | null {
  const { states } = program.definition.workflow;
  for (const [from, state] of Object.entries(states)) {
    if (state.status !== APPROVED) continue;
    for (const [event, t] of Object.entries(state.on ?? {})) {
      if (states[t.target]?.status === DELIVERED) return { from, event, roles: t.roles };
    }
  }
  return null;
}

/** "24/11/2026 a las 10:00", in Querétaro's time zone, as people read dates on the web. */
export function formatDeliveryDate(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('es-MX', { timeZone: 'America/Mexico_City', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} a las ${parts.hour}:${parts.minute}`;
}

export function alreadyDelivered(by: DeliveredBy): AppError {
  return new AppError('ALREADY_DELIVERED', `Este apoyo ya se entregó el ${formatDeliveryDate(new Date(by.fecha))} por ${by.funcionario}.`, by);
}

/**
 * Who delivered and when: the delivery row; for an application marked «Entregado» without one
 * (data from before QR-proven deliveries), the history entry that marked it.
 */
export async function deliveredBy(em: EntityManager, application: Pick<ApplicationRow, 'id' | 'status'>): Promise<DeliveredBy | null> {
  const delivery = await em.findOne(Delivery, { applicationId: application.id });
  let officialId: string;
  let at: Date;
  if (delivery) {
    officialId = delivery.officialId;
    at = delivery.deliveredAt;
  } else {
    if (application.status !== DELIVERED) return null;
    const event = await em.findOne(ApplicationEvent, { application: application.id, toStatus: DELIVERED }, { orderBy: { id: 'desc' } });
    if (!event) return null;
    officialId = event.actorId;
    at = event.at;
  }
  const official = await em.findOne(Official, { id: officialId }, { fields: ['nombre'] });
  return { fecha: at.toISOString(), funcionario: official?.nombre ?? 'un funcionario' };
}

/**
 * The application a scanned QR or a typed short code stands for, as the official may see it: a
 * bad signature is DELIVERY_TOKEN_INVALID, a text that is no code DELIVERY_CODE_INVALID, a short
 * code with a wrong check character DELIVERY_CODE_MISTYPED (all three without a database look-up);
 * an application outside the official's areas is "not found", never "forbidden" (a code must not
 * reveal anything about other areas).
 */
export async function applicationForToken(app: FastifyInstance, em: EntityManager, official: Pick<OfficialRow, 'area'>, typed: string): Promise<{ application: ApplicationRow; program: LoadedProgram }> {
  const input = readDeliveryInput(typed);
  let where: { deliveryTokenId: string } | { deliveryCode: string };
  if (input.kind === 'qr') {
    const tokenId = verifyDeliveryToken(app.config.secret, input.token);
    if (!tokenId) throw new AppError('DELIVERY_TOKEN_INVALID');
    where = { deliveryTokenId: tokenId };
  } else if (input.kind === 'code') where = { deliveryCode: input.code };
  else throw new AppError(input.kind === 'mistyped' ? 'DELIVERY_CODE_MISTYPED' : 'DELIVERY_CODE_INVALID');
  const application = await em.findOne(Application, { ...where, folio: { $ne: null } });
  if (!application || !(await programInScope(app, official.area, application.programId))) throw new AppError('APPLICATION_NOT_FOUND');
  return { application, program: await programVersion(app, em, application.programId, application.programVersion) };
}

/** The folio of a submitted application (every application a delivery code reaches has one). */
export function folioOf(application: Pick<ApplicationRow, 'folio'>): string {
  if (!application.folio) throw new AppError('APPLICATION_NOT_FOUND');
  return application.folio;
}

const pesos = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN', maximumFractionDigits: 2 });

const PERIODICITY: Record<string, string> = { unica: 'pago único', mensual: 'cada mes', bimestral: 'cada dos meses', semestral: 'cada seis meses', anual: 'cada año' };

/**
 * What to hand over, in words for the official at the counter: the support type and what it is
 * («$3,000.00, pago único», «1 tarjeta de prepago»), from the application's support type.
 */
export function supportToHandOver(program: LoadedProgram, application: Pick<ApplicationRow, 'supportTypeId'>): { tipo: string; detalle: string } {
  const support = program.definition.supportTypes.find((t) => t.id === application.supportTypeId) ?? program.definition.supportTypes[0];
  if (support.kind === 'monetario' && support.amount !== undefined) {
    return { tipo: support.name, detalle: [pesos.format(support.amount), support.periodicity ? PERIODICITY[support.periodicity] : null].filter(Boolean).join(', ') };
  }
  if (support.unit) return { tipo: support.name, detalle: `${support.quantity ?? 1} ${support.unit}` };
  return { tipo: support.name, detalle: support.description ?? support.name };
}

/** What the official sees before confirming a delivery: the beneficiary's name only with personal data for the program (the one rule). */
export async function previewDelivery(app: FastifyInstance, em: EntityManager, official: OfficialRow, token: string) {
  const { application, program } = await applicationForToken(app, em, official, token);
  const citizen = await em.findOneOrFail(Citizen, application.citizen.id);
  const name = [citizen.nombres, citizen.primerApellido, citizen.segundoApellido].filter(Boolean).join(' ');
  return {
    id: application.id,
    folio: folioOf(application),
    programaNombre: program.definition.name,
    apoyo: supportToHandOver(program, application),
    nombre: (await seesPersonalDataOf(app, em, official.roles, application.programId)) ? name : '',
    estado: application.status,
    entregada: await deliveredBy(em, application),
  };
}

/**
 * Records that the support reached its person, exactly once: the delivery row (its primary key
 * is the application) and the workflow's delivery step commit in one transaction, on the
 * application row locked by applyEvent. Of any number of simultaneous scans, in any number of
 * processes, one delivers; every other one finds the delivery and is told who made it and when.
 */
export async function registerDelivery(app: FastifyInstance, em: EntityManager, official: OfficialRow, token: string, place: Place) {
  const { application, program } = await applicationForToken(app, em, official, token);
  const transition = deliveryTransition(program);
  if (!transition) throw new AppError('NOT_DELIVERABLE', `El flujo de «${program.definition.name}» no tiene un paso de entrega del apoyo.`);
  const role = official.roles.find((r) => transition.roles.includes(r));
  if (!role) throw new AppError('FORBIDDEN', `Tu rol no puede registrar entregas de «${program.definition.name}»; pide a una persona con rol de entrega que lo haga.`);
  // Cheap early answer for repeated scans; the locked check below is the one that counts.
  const earlier = await deliveredBy(em, application);
  if (earlier) throw alreadyDelivered(earlier);
  const now = app.clock();
  try {
    const result = await applyEvent(app, {
      applicationId: application.id,
      event: transition.event,
      actor: { type: 'funcionario', id: official.id, role },
      deliveryRecorded: true,
      before: async (locked, tx) => {
        const by = await deliveredBy(tx, locked);
        if (by) throw alreadyDelivered(by);
        if (locked.status !== APPROVED || locked.state !== transition.from) {
          throw new AppError('NOT_DELIVERABLE', `La solicitud ${locked.folio} está en estado «${locked.status}»: solo se entrega el apoyo de solicitudes aprobadas.`);
        }
        tx.create(Delivery, { applicationId: locked.id, officialId: official.id, deliveredAt: now, ...place });
        tx.create(AuditLog, {
          at: now,
          actorType: 'funcionario',
          actorId: official.id,
          action: 'entrega.registrar',
          entity: 'application',
          entityId: locked.id,
          data: { folio: locked.folio, latitud: place.latitude, longitud: place.longitude, precision: place.accuracyM },
        });
      },
    });
    return { id: application.id, folio: folioOf(application), estado: result.status, apoyo: supportToHandOver(program, application), entregada: { fecha: now.toISOString(), funcionario: official.nombre } };
  } catch (error) {
    // Unreachable while applyEvent locks the row, but the primary key is the last word: say who delivered.
    if (error instanceof UniqueConstraintViolationException) {
      const by = await deliveredBy(app.db.orm.em.fork(), application);
      if (by) throw alreadyDelivered(by);
    }
    throw error;
  }
}
