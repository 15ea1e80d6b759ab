import type { FastifyInstance } from 'fastify';
import { bind, named } from '../../../db/sql.ts';
import type { SmsProvider } from './providers.ts';
import type { SmsMetrics } from './sms-metrics.ts';

/** The job that sends a batch of outbox rows ({ ids }); an older job of one row ({ outboxId }) is still understood. */
export const SMS_JOB = 'sms.enviar';
/** Attempts of a message before it is «fallido», and the first wait between two (each retry doubles it). */
export const MAX_ATTEMPTS = 6;
export const BACKOFF_MS = 2000;
/** Rows a job or a turn of the drain sends at most; a turn that got this many takes another at once. */
export const BATCH_ROWS = 500;
/** Messages of one batch in flight at once to the provider. */
const SENDS_AT_ONCE = 16;

/** A job holds its messages this long: a worker killed mid-send leaves them to the sweep after it. */
const CLAIM = named<{ ids: string[] }>(
  'sms-reclamar',
  `update notification_outbox set claimed_until = now() + interval '2 minutes'
    where id = any(:ids::uuid[]) and status = 'pendiente' and (claimed_until is null or claimed_until < now())
    returning id, phone, body`,
);
/**
 * The drain's turn: messages never tried, oldest first, by the partial index of pending rows
 * (migration 0008). Rows another worker is claiming are skipped, not waited for, so two workers
 * draining at once take different rows.
 */
const CLAIM_FRESH = named<{ limit: number }>(
  'sms-reclamar-nuevos',
  `update notification_outbox o set claimed_until = now() + interval '2 minutes'
     from (select id from notification_outbox
            where status = 'pendiente' and attempts = 0 and (claimed_until is null or claimed_until < now())
            order by created_at limit :limit for update skip locked) f
    where o.id = f.id
    returning o.id, o.phone, o.body`,
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

type Claimed = { id: string; phone: string; body: string };

export interface Sender {
  /** Sends the rows of `ids` this call can claim; throws (for the job's retry) while any failed message may still be tried. */
  sendBatch(ids: readonly string[]): Promise<void>;
  /**
   * One turn of the outbox's drain: claims up to BATCH_ROWS messages never tried and sends them;
   * those that fail go to a delivery job, which retries them with its backoff. Returns how many it claimed.
   */
  drainTurn(): Promise<number>;
}

export function sender(app: FastifyInstance, provider: SmsProvider, metrics: SmsMetrics): Sender {
  /** Sends claimed rows; returns the first error of a message still to be tried, and those messages. */
  const sendClaimed = async (claimed: readonly Claimed[]): Promise<{ retry: Error | null; pending: string[] }> => {
    // Plain SQL: a batch holds the receipts of many submissions, as often as they arrive.
    const { sql } = app.db;
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
    const pending: string[] = [];
    for (const { id, error } of failed) {
      const { rows } = await sql.query<{ status: string }>(MARK_FAILED, bind(MARK_FAILED, { id, provider: provider.name, error: error.message, maxAttempts: MAX_ATTEMPTS }));
      if (rows[0]?.status === 'fallido') metrics.gaveUp(provider.name);
      else {
        retry ??= error;
        pending.push(id);
      }
    }
    return { retry, pending };
  };

  return {
    async sendBatch(ids) {
      const claimed = (await app.db.sql.query<Claimed>(CLAIM, bind(CLAIM, { ids: [...ids] }))).rows;
      const { retry } = await sendClaimed(claimed);
      if (retry) throw retry;
    },
    async drainTurn() {
      const claimed = (await app.db.sql.query<Claimed>(CLAIM_FRESH, bind(CLAIM_FRESH, { limit: BATCH_ROWS }))).rows;
      const { pending } = await sendClaimed(claimed);
      if (pending.length > 0) {
        // Committed and marked: when the queue is away, the periodic sweep enqueues them instead.
        await app.jobs.enqueue(SMS_JOB, { ids: pending }, { jobId: `sms-reintento-${pending[0]}`, delayMs: BACKOFF_MS }).catch((error: unknown) => {
          app.log.warn({ err: error }, 'SMS: no se pudieron encolar sus reintentos; siguen pendientes y se reintentan en la próxima revisión');
        });
      }
      return claimed.length;
    },
  };
}

/** How often a worker looks at the outbox when the last turn found it empty. */
const DRAIN_EVERY_MS = 100;

/**
 * The outbox's drain, in worker processes (SIPROS_ROLE=worker): API processes apart from the
 * workers enqueue no job per submission; the workers read what is new in the outbox, in turns of
 * up to BATCH_ROWS, back to back while turns come back full, then every DRAIN_EVERY_MS.
 * Stops, finishing the turn in hand, when the server closes.
 */
export function drainPeriodically(app: FastifyInstance, drain: Sender): void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let turn: Promise<void> | null = null;
  const run = async () => {
    while (!stopped && (await drain.drainTurn()) === BATCH_ROWS);
  };
  const next = () => {
    turn = run()
      .catch((error: unknown) => app.log.warn({ err: error }, 'SMS: no se pudo leer la bandeja de salida; se intenta en el siguiente turno'))
      .finally(() => {
        turn = null;
        if (stopped) return;
        timer = setTimeout(next, DRAIN_EVERY_MS);
        // The drain alone must not keep a process alive that is otherwise done.
        timer.unref();
      });
  };
  app.addHook('onReady', async () => {
    if (app.config.role === 'worker') next();
  });
  app.addHook('onClose', async () => {
    stopped = true;
    clearTimeout(timer);
    await turn;
  });
}
