import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { NotificationOutbox } from '../../../db/entities.ts';
import { bind, named, prepared } from '../../../db/sql.ts';
import { HttpSmsProvider, OutboxLogProvider, type SmsProvider } from './providers.ts';
import { smsMetrics } from './sms-metrics.ts';

/** The job that sends a batch of outbox rows ({ ids }); an older job of one row ({ outboxId }) is still understood. */
export const SMS_JOB = 'sms.enviar';
/** A job holds its messages this long: a worker killed mid-send leaves them to the sweep after it. */
const CLAIM = named<{ ids: string[] }>(
  'sms-reclamar',
  `update notification_outbox set claimed_until = now() + interval '2 minutes'
    where id = any(:ids::uuid[]) and status = 'pendiente' and (claimed_until is null or claimed_until < now())
    returning id, phone, body`,
);
const MARK_SENT = named<{ ids: string[]; providerIds: string[]; provider: string; now: Date }>(
  'sms-enviados',
  `update notification_outbox o set status = 'enviado', attempts = o.attempts + 1, provider = :provider, provider_message_id = s.provider_id,
          sent_at = :now, last_error = null, claimed_until = null
     from unnest(:ids::uuid[], :providerIds::text[]) as s(id, provider_id) where o.id = s.id`,
);
const MARK_FAILED = named<{ id: string; provider: string; error: string; maxAttempts: number }>(
  'sms-fallido',
  `update notification_outbox set attempts = attempts + 1, provider = :provider, last_error = :error, claimed_until = null,
          status = case when attempts + 1 >= :maxAttempts then 'fallido' else 'pendiente' end
    where id = :id returning status`,
);
/** Rows a sweep hands to one job; a submission's batch is as large as what arrived while the last one was enqueued. */
const BATCH_ROWS = 500;
/** Messages of one batch in flight at once to the provider. */
const SENDS_AT_ONCE = 16;
const MAX_ATTEMPTS = 6;
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

    /** Sends the rows of `ids` this job can claim; throws (for a retry) while any failed message may still be tried. */
    const sendBatch = async (ids: readonly string[]) => {
      // Plain SQL: a job sends the receipts of many submissions, as often as they arrive.
      const { sql } = app.db;
      const claimed = (await sql.query<{ id: string; phone: string; body: string }>(CLAIM, bind(CLAIM, { ids: [...ids] }))).rows;
      const sent: Array<{ id: string; providerMessageId: string }> = [];
      const failed: Array<{ id: string; error: Error }> = [];
      for (let i = 0; i < claimed.length; i += SENDS_AT_ONCE) {
        await Promise.all(
          claimed.slice(i, i + SENDS_AT_ONCE).map(async (row) => {
            try {
              sent.push({ id: row.id, providerMessageId: (await metrics.send(provider, { to: row.phone, body: row.body, id: row.id })).providerMessageId });
            } catch (error) {
              failed.push({ id: row.id, error: error as Error });
            }
          }),
        );
      }
      if (sent.length > 0) {
        await sql.query(MARK_SENT, bind(MARK_SENT, { ids: sent.map((s) => s.id), providerIds: sent.map((s) => s.providerMessageId), provider: provider.name, now: app.clock() }));
      }
      let retry: Error | null = null;
      for (const { id, error } of failed) {
        const { rows } = await sql.query<{ status: string }>(MARK_FAILED, bind(MARK_FAILED, { id, provider: provider.name, error: error.message, maxAttempts: MAX_ATTEMPTS }));
        if (rows[0]?.status === 'fallido') metrics.gaveUp(provider.name);
        else retry ??= error;
      }
      if (retry) throw retry;
    };
    app.jobs.register<{ ids?: string[]; outboxId?: string }>(SMS_JOB, async (data) => sendBatch(data.ids ?? (data.outboxId ? [data.outboxId] : [])), {
      attempts: MAX_ATTEMPTS,
      backoffMs: 2000,
    });

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
        if (present.length === 0) return;
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
