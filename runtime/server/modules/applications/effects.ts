import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { Effect, LoadedProgram } from '../../../../engine/index.ts';
import { localDateInMexicoCity } from '../../../../engine/index.ts';
import { AuditLog, type ApplicationRow, type CitizenRow } from '../../../db/entities.ts';
import type { Config } from '../../config.ts';
import { renderTemplate } from '../sms/index.ts';
import { newDeliveryCode, newDeliveryTokenId } from './delivery-token.ts';

/**
 * Where an SMS sends the citizen to follow or correct a request ({{enlace}}): the portal's public
 * address (SIPROS_PUBLIC_URL). Without one, a development machine links to itself, and production
 * names the page instead of sending people to an address that would not open on their phone.
 */
export function citizenRequestsLink(config: Pick<Config, 'publicUrl' | 'production' | 'port'>): string {
  if (config.publicUrl) return `${config.publicUrl.replace(/\/+$/, '')}/solicitudes`;
  return config.production ? 'Mis solicitudes del portal SIPROS' : `http://localhost:${config.port}/solicitudes`;
}

const pesos = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN', maximumFractionDigits: 0 });

/** Values an SMS template may use ({{folio}}, {{nombre}}, …), see definitions/README.md. */
export function templateValues(
  program: LoadedProgram,
  application: Pick<ApplicationRow, 'folio' | 'status' | 'supportTypeId' | 'answers'>,
  citizen: Pick<CitizenRow, 'nombres'>,
  comment: string,
  now: Date,
  link: string,
): Record<string, unknown> {
  const support = program.definition.supportTypes.find((s) => s.id === application.supportTypeId) ?? program.definition.supportTypes[0];
  const [y, m, d] = localDateInMexicoCity(now).split('-');
  return {
    folio: application.folio ?? '',
    nombre: citizen.nombres,
    programa: program.definition.name,
    estado: application.status,
    comentario: comment,
    apoyo: support?.name ?? '',
    monto: support?.amount !== undefined ? pesos.format(support.amount) : '',
    fecha: `${d}/${m}/${y}`,
    enlace: link,
    respuestas: application.answers,
  };
}

/**
 * Effect actions that change the application row itself, applied in the step's transaction so
 * they commit with the transition or not at all. `emitirQrEntrega` gives the application the
 * random part of its delivery QR and its short code (kept if it already has them: a QR already
 * shown or printed stays valid).
 */
export function applyApplicationEffects(application: ApplicationRow, effects: readonly Effect[]): void {
  if (effects.some((e) => e.type === 'action' && e.name === 'emitirQrEntrega') && !application.deliveryTokenId) {
    application.deliveryTokenId = newDeliveryTokenId();
    application.deliveryCode = newDeliveryCode();
  }
}

/**
 * Turns a workflow step's effects into work, inside the caller's unit of work: notifications
 * become outbox rows (returned, to dispatch after commit); named actions are recorded in the
 * audit log as pending effects for the modules that carry them out (delivery QR, padrón).
 */
export function recordEffects(
  app: FastifyInstance,
  em: EntityManager,
  input: { program: LoadedProgram; application: ApplicationRow; citizen: CitizenRow; effects: readonly Effect[]; comment: string; eventKey: string; now: Date; actorType: string; actorId: string },
): string[] {
  const outbox: string[] = [];
  const values = templateValues(input.program, input.application, input.citizen, input.comment, input.now, citizenRequestsLink(app.config));
  for (const effect of input.effects) {
    if (effect.type === 'notification') {
      outbox.push(
        app.sms.record(em, {
          phone: input.citizen.telefono,
          body: renderTemplate(effect.sms, values),
          dedupeKey: `${input.eventKey}:${effect.id}`,
          citizenId: input.citizen.id,
          applicationId: input.application.id,
        }),
      );
    } else {
      em.create(AuditLog, { at: input.now, actorType: input.actorType, actorId: input.actorId, action: `flujo.efecto.${effect.name}`, entity: 'application', entityId: input.application.id, data: { params: effect.params, estado: input.application.status } });
    }
  }
  return outbox;
}
