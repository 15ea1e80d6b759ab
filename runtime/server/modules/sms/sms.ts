import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { NotificationOutbox } from '../../../db/entities.ts';
import { bind, named, prepared } from '../../../db/sql.ts';
import { HttpSmsProvider, OutboxLogProvider, type SmsProvider } from './providers.ts';
import { smsMetrics } from './sms-metrics.ts';

export const SMS_JOB = 'sms.enviar';
const READ_OUTBOX = prepared('sms-leer', 'select phone, body, status from notification_outbox where id = $1');
const MARK_SENT = named<{ id: string; attempts: number; provider: string; providerMessageId: string; now: Date }>(
  'sms-enviado',
  `update notification_outbox set status = 'enviado', attempts = :attempts, provider = :provider, provider_message_id = :providerMessageId, sent_at = :now, last_error = null where id = :id`,
);
const MARK_FAILED = named<{ id: string; attempts: number; provider: string; error: string; status: string }>(
  'sms-fallido',
  'update notification_outbox set attempts = :attempts, provider = :provider, last_error = :error, status = :status where id = :id',
);
const MAX_ATTEMPTS = 6;

export interface SmsMessage {
  phone: string;
  body: string;
  /** Unique per message by construction (e.g. `recibo:<applicationId>`, `evento:<eventId>:<notificationId>`); the database refuses a second row with the same key. */
  dedupeKey: string;
  citizenId?: string | null;
  applicationId?: string | null;
}

export interface SmsService {
  readonly provider: SmsProvider;
  /**
   * Records the message in the outbox inside the caller's unit of work (so it is committed with
   * the change that caused it, or not at all); call `dispatch` with the returned ids after commit.
   */
  record(em: EntityManager, message: SmsMessage): string;
  /**
   * Enqueues the delivery job of outbox rows (job id = row id, so at most one job per message).
   * Never fails its caller: the rows are already committed, so when the queue is away they stay
   * pending and the periodic sweep (runtime/jobs/durable-work.ts) enqueues them once it is back.
   */
  dispatch(ids: ReadonlyArray<string | null>): Promise<void>;
  /** Re-enqueues pending messages left by a crash (called on start). */
  resumePending(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    sms: SmsService;
  }
}

/**
 * Fills `{{marcador}}` placeholders; unknown ones become empty rather than leaking braces to a citizen.
 * A value that ends a sentence (an official's comment «Falta tu INE.») swallows the period the
 * template puts after it, so the citizen never reads «INE..».
 */
export function renderTemplate(template: string, values: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{\s*([^}\s]+)\s*\}\}(\.?)/g, (_, name: string, periodAfter: string) => {
    let node: unknown = values;
    for (const key of name.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    const text = node === undefined || node === null ? '' : String(node).trim();
    return periodAfter && /[.!?…]$/.test(text) ? text : text + periodAfter;
  });
}

/** SMS through a notification job and a provider; the outbox table is the source of truth. */
export const smsPlugin = fp(
  async (app: FastifyInstance, options: { provider?: SmsProvider }) => {
    const { config } = app;
    const provider =
      options.provider ??
      (config.smsProvider === 'http' && config.smsHttpUrl ? new HttpSmsProvider(config.smsHttpUrl, config.smsHttpToken) : new OutboxLogProvider((msg, data) => app.log.info(data, msg)));
    const metrics = smsMetrics(app);

    app.jobs.register<{ outboxId: string }>(
      SMS_JOB,
      async ({ outboxId }, { attempt }) => {
        // Plain SQL: this job runs once per SMS, as often as submissions arrive.
        const { sql } = app.db;
        const row = (await sql.query<{ phone: string; body: string; status: string }>(READ_OUTBOX, [outboxId])).rows[0];
        if (!row || row.status === 'enviado') return; // already sent: a retry must not send again
        try {
          const { providerMessageId } = await metrics.send(provider, { to: row.phone, body: row.body, id: outboxId });
          await sql.query(MARK_SENT, bind(MARK_SENT, { id: outboxId, attempts: attempt, provider: provider.name, providerMessageId, now: app.clock() }));
        } catch (error) {
          const status = attempt >= MAX_ATTEMPTS ? 'fallido' : 'pendiente';
          await sql.query(MARK_FAILED, bind(MARK_FAILED, { id: outboxId, attempts: attempt, provider: provider.name, error: (error as Error).message, status }));
          if (status === 'fallido') metrics.gaveUp(provider.name);
          throw error;
        }
      },
      { attempts: MAX_ATTEMPTS, backoffMs: 2000 },
    );

    const enqueueAll = (ids: ReadonlyArray<string | null>) =>
      Promise.all(ids.flatMap((id) => (id ? [app.jobs.enqueue(SMS_JOB, { outboxId: id }, { jobId: `sms-${id}` })] : [])));

    const service: SmsService = {
      provider,
      record(em, message) {
        const id = randomUUID();
        em.create(NotificationOutbox, {
          id,
          dedupeKey: message.dedupeKey,
          phone: message.phone,
          body: message.body,
          citizenId: message.citizenId ?? null,
          applicationId: message.applicationId ?? null,
          status: 'pendiente',
          attempts: 0,
          createdAt: app.clock(),
        });
        return id;
      },
      async dispatch(ids) {
        await enqueueAll(ids).catch((error: unknown) => {
          app.log.warn({ err: error }, 'SMS: no se pudieron encolar; siguen pendientes en la bandeja de salida y se reintentan en la próxima revisión');
        });
      },
      async resumePending() {
        const pending = await app.db.orm.em.fork().find(NotificationOutbox, { status: 'pendiente' }, { fields: ['id'], limit: 10_000 });
        // Unlike dispatch, the sweep wants to know that the queue refused (it logs and tries again).
        await enqueueAll(pending.map((p) => p.id));
        return pending.length;
      },
    };
    app.decorate('sms', service);
  },
  { name: 'sipros-sms', fastify: '5.x', dependencies: ['sipros-db', 'sipros-jobs', 'sipros-metrics'] },
);
