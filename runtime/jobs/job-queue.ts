/**
 * What every job queue offers (queue.ts: BullMQ on Redis; in-process-queue.ts: the bare machine),
 * and what they share: handler defaults and the timing of each attempt for the metrics.
 */
export type JobHandler<T = unknown> = (data: T, info: { attempt: number; id: string }) => Promise<void>;

export interface JobOptions {
  /** Same id, same job: enqueueing it again while it exists does nothing (exactly-once intent). */
  jobId?: string;
  /** Run no sooner than this many milliseconds from now (scheduled work; its due time is also stored by the caller). */
  delayMs?: number;
}

export interface HandlerOptions {
  attempts: number;
  /** First retry delay; each retry doubles it. */
  backoffMs: number;
}

export interface QueueHealth {
  status: 'ok' | 'error';
  kind: 'in-process' | 'bullmq';
  message?: string;
}

/** How one attempt of a job ended: done, failed and to be tried again, or failed for good. */
export type JobOutcome = 'completed' | 'retry' | 'failed';

/** Told of every attempt a process runs, with how long it took (runtime/server/plugins/metrics.ts). */
export type JobObserver = (name: string, outcome: JobOutcome, seconds: number) => void;

/**
 * Jobs by state: waiting their turn, running, waiting for their time (scheduled, or a retry's
 * backoff), and, on BullMQ only, prioritized and failed for good (kept 7 days).
 */
export type QueueDepth = Partial<Record<'waiting' | 'active' | 'delayed' | 'prioritized' | 'failed', number>>;

/**
 * Background jobs, with the same job code on both implementations: BullMQ on Redis in
 * production (any number of API and worker processes), in-process on a bare machine.
 */
export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  register<T>(name: string, handler: JobHandler<T>, options?: Partial<HandlerOptions>): void;
  enqueue<T>(name: string, data: T, options?: JobOptions): Promise<void>;
  /** Resolves when no job is waiting or running (tests and graceful shutdown). */
  idle(): Promise<void>;
  health(): Promise<QueueHealth>;
  /** The jobs in the queue by state (metrics); rejects when the queue cannot tell (Redis away). */
  depth(): Promise<QueueDepth>;
  /** Calls `observer` at the end of every attempt this process runs. */
  observe(observer: JobObserver): void;
  close(): Promise<void>;
}

export const DEFAULTS: HandlerOptions = { attempts: 5, backoffMs: 1000 };

export interface Registered {
  handler: JobHandler<any>;
  options: HandlerOptions;
}

/**
 * Runs one attempt of job `name`, telling `observers` how it ended and how long it took; the
 * attempt's error is rethrown for the queue to retry or give up. `willRetry` is asked only on failure.
 */
export async function observed(observers: readonly JobObserver[], name: string, willRetry: () => boolean, attempt: () => Promise<void>): Promise<void> {
  const start = performance.now();
  let outcome: JobOutcome = 'completed';
  try {
    await attempt();
  } catch (error) {
    outcome = willRetry() ? 'retry' : 'failed';
    throw error;
  } finally {
    const seconds = (performance.now() - start) / 1000;
    for (const observer of observers) observer(name, outcome, seconds);
  }
}
