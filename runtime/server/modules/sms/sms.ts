import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { NotificationOutbox } from '../../../db/entities.ts';
import { prepared } from '../../../db/sql.ts';
import { HttpSmsProvider, OutboxLogProvider, type SmsProvider } from './providers.ts';
import { BACKOFF_MS, BATCH_ROWS, drainPeriodically, MAX_ATTEMPTS, SMS_JOB, sender } from './send.ts';
import { smsMetrics } from './sms-metrics.ts';

export { SMS_JOB } from './send.ts';

const PENDING_UNCLAIMED = prepared(
  'sms-pendientes',
  `select id from notification_outbox where status = 'pendiente' and (claimed_until is null or claimed_until < now()) order by created_at limit 10000`,
);

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
   * Enqueues the delivery of outbox rows, in one job with the rows of other callers of the same
   * moment (see `coalesce`); a job claims its rows before sending, so a row in two jobs goes out once.
   * In an API process apart from the workers (SIPROS_ROLE=api) it does nothing: the workers drain
   * the outbox themselves (send.ts), without a Redis job per submission.
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

/**
 * Group commit for enqueueing: the first caller's ids are enqueued at once; callers that arrive
 * while that is under way are enqueued together right after it, in one job. At low load nothing
 * waits; on an opening day a job carries the receipts of every submission of the last Redis
 * round trip, instead of one job (and its Redis and worker cost) per submission.
 * Each caller's promise settles when its own ids have been enqueued (or failed to be).
 */
export function coalesce(flush: (ids: string[]) => Promise<void>): (ids: readonly string[]) => Promise<void> {
  let gathering: string[] = [];
  let nextFlush: Promise<void> | null = null;
  let previous: Promise<unknown> = Promise.resolve();
  return (ids) => {
    gathering.push(...ids);
    if (!nextFlush) {
      nextFlush = previous.then(() => {
        const batch = gathering;
        gathering = [];
        nextFlush = null;
        return flush(batch);
      });
      previous = nextFlush.catch(() => undefined);
    }
    return nextFlush;
  };
}

/** SMS through a notification job and a provider; the outbox table is the source of truth. */
export const smsPlugin = fp(
  async (app: FastifyInstance, options: { provider?: SmsProvider }) => {
    const { config } = app;
    const provider =
      options.provider ??
      (config.smsProvider === 'http' && config.smsHttpUrl ? new HttpSmsProvider(config.smsHttpUrl, config.smsHttpToken) : new OutboxLogProvider((msg, data) => app.log.info(data, msg)));
    const metrics = smsMetrics(app);

    const send = sender(app, provider, metrics);
    app.jobs.register<{ ids?: string[]; outboxId?: string }>(SMS_JOB, async (data) => send.sendBatch(data.ids ?? (data.outboxId ? [data.outboxId] : [])), {
      attempts: MAX_ATTEMPTS,
      backoffMs: BACKOFF_MS,
    });
    drainPeriodically(app, send);

    /** One job per batch of rows; the job id is the batch's first row, unique since a row is in one outbox batch. */
    const enqueueBatches = async (ids: readonly string[], jobIdPrefix: string) => {
      for (let i = 0; i < ids.length; i += BATCH_ROWS) {
        const batch = ids.slice(i, i + BATCH_ROWS);
        await app.jobs.enqueue(SMS_JOB, { ids: batch }, { jobId: `${jobIdPrefix}${batch[0]}` });
      }
    };
    const dispatchCoalesced = coalesce((ids) => enqueueBatches(ids, 'sms-'));

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
        const present = ids.filter((id): id is string => id !== null);
        // Apart from the API, the workers drain the outbox themselves (send.ts): no job per submission.
        if (present.length === 0 || config.role === 'api') return;
        await dispatchCoalesced(present).catch((error: unknown) => {
          app.log.warn({ err: error }, 'SMS: no se pudieron encolar; siguen pendientes en la bandeja de salida y se reintentan en la próxima revisión');
        });
      },
      async resumePending() {
        const { rows } = await app.db.sql.query<{ id: string }>(PENDING_UNCLAIMED);
        // Unlike dispatch, the sweep wants to know that the queue refused (it logs and tries again).
        // Its job ids are its own: a batch job of the same rows may exist and have failed for good.
        await enqueueBatches(rows.map((r) => r.id), `sms-revision-${Date.now()}-`);
        return rows.length;
      },
    };
    app.decorate('sms', service);
  },
  { name: 'sipros-sms', fastify: '5.x', dependencies: ['sipros-db', 'sipros-jobs', 'sipros-metrics'] },
);
