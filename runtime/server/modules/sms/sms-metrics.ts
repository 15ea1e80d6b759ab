import type { FastifyInstance } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import { prepared } from '../../../db/sql.ts';
import type { SmsProvider } from './providers.ts';

/** Served by the partial index of pending rows (migration 0008): small however large the outbox grows. */
const PENDING_OUTBOX = prepared('sms-pendientes-metricas', `select count(*)::int as pending, min(created_at) as oldest from notification_outbox where status = 'pendiente'`);

/** A scrape must not wait behind a saturated pool (up to 10 s): without an answer by then, no value this time. */
const BACKLOG_TIMEOUT_MS = 1500;

export interface SmsMetrics {
  /** The provider's send, counted as sent or as an error (the job retries it). */
  send(provider: SmsProvider, message: { to: string; body: string; id: string }): Promise<{ providerMessageId: string }>;
  /** A message given up after its last attempt (status «fallido» in the outbox). */
  gaveUp(provider: string): void;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * SMS in this process's metrics (plugins/metrics.ts): sends and errors counted where the delivery
 * job runs (a worker, or the one process of a bare machine), and the outbox's backlog, read from
 * the database when scraped, the same from every process.
 */
export function smsMetrics(app: FastifyInstance): SmsMetrics {
  const registers = [app.metrics.registry];
  const sent = new Counter({ name: 'sipros_sms_sent_total', help: 'SMS que el proveedor aceptó.', labelNames: ['provider'], registers });
  const errors = new Counter({ name: 'sipros_sms_send_errors_total', help: 'Intentos de envío de SMS que el proveedor rechazó o no contestó (el trabajo los reintenta).', labelNames: ['provider'], registers });
  const failed = new Counter({ name: 'sipros_sms_failed_total', help: 'SMS que se dejaron de intentar tras su último intento (estado «fallido» en la bandeja de salida).', labelNames: ['provider'], registers });
  // Both gauges come from one query: prom-client collects every metric of a scrape at once, so
  // the two share the reading in flight instead of querying twice.
  let inFlight: Promise<{ pending: number; oldest: Date | null } | null> | null = null;
  const backlog = () =>
    (inFlight ??= within(app.db.sql.query<{ pending: number; oldest: Date | null }>(PENDING_OUTBOX), BACKLOG_TIMEOUT_MS)
      .then((reading) => reading?.rows[0] ?? null, () => null)
      .finally(() => {
        inFlight = null;
      }));
  new Gauge({
    name: 'sipros_sms_outbox_pending',
    help: 'SMS pendientes en la bandeja de salida (por enviar o por reintentar). Sin valor si la base de datos no contesta a tiempo.',
    registers,
    async collect() {
      const row = await backlog();
      if (row) this.set(row.pending);
      else this.reset();
    },
  });
  new Gauge({
    name: 'sipros_sms_outbox_oldest_pending_seconds',
    help: 'Antigüedad del SMS pendiente más viejo de la bandeja de salida (0 si no hay): si crece, los envíos están detenidos.',
    registers,
    async collect() {
      const row = await backlog();
      if (!row) return this.reset();
      this.set(row.oldest ? Math.max(0, (app.clock().getTime() - new Date(row.oldest).getTime()) / 1000) : 0);
    },
  });
  return {
    async send(provider, message) {
      try {
        const answer = await provider.send(message);
        sent.inc({ provider: provider.name });
        return answer;
      } catch (error) {
        errors.inc({ provider: provider.name });
        throw error;
      }
    },
    gaveUp: (provider) => failed.inc({ provider }),
  };
}
