import { EventEmitter } from 'node:events';
import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { AppError } from '../server/errors.ts';
import { DEFAULTS, observed, type HandlerOptions, type JobHandler, type JobObserver, type JobOptions, type JobQueue, type QueueDepth, type QueueHealth, type Registered } from './job-queue.ts';
import { InProcessQueue } from './in-process-queue.ts';

export type { HandlerOptions, JobHandler, JobObserver, JobOptions, JobOutcome, JobQueue, QueueDepth, QueueHealth } from './job-queue.ts';
export { InProcessQueue } from './in-process-queue.ts';

/**
 * Bounds on every wait for Redis where someone waits for the answer: a dead or silent Redis must
 * cost a request at most a few seconds, health at most two, and a shutdown a few more.
 */
export const REDIS_TIMEOUTS = {
  /** A TCP connection not established by then is retried (ioredis keeps retrying with backoff). */
  connectMs: 2000,
  /** One command of the producer connection (enqueue, counts, ping). */
  commandMs: 2000,
  /** An enqueue made while the first connection is still being made waits at most this long. */
  enqueueMs: 3000,
  /** The health check's ping (health answers within 2 s). */
  healthMs: 1500,
  /** close(): running jobs may finish and connections quit politely within this; then they are cut. */
  closeGraceMs: 5000,
  /** close() with Redis away: the forced close of the worker gets this long, then connections are cut. */
  forcedCloseMs: 1000,
};

const QUEUE_UNAVAILABLE = 'La cola de trabajos no está disponible (Redis no responde); vuelve a intentarlo en unos minutos.';

/** Resolves true if `promise` settles within `ms`, false otherwise (the promise keeps running). */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true, () => true), timeout]).finally(() => clearTimeout(timer));
}

/** `promise`, or a rejection with `error` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether Redis is known to be away, from the producer connection's events; logs each change once
 * (not every reconnection attempt) so an outage is one warning and one recovery line.
 */
class RedisWatch extends EventEmitter {
  /** Set by the first failure and cleared by the next successful connection. */
  down = false;

  constructor(
    connection: Redis,
    private readonly where: string,
    private readonly log: QueueLog,
    private readonly closing: () => boolean,
  ) {
    super();
    connection.on('ready', () => {
      if (this.down) this.log(`Redis volvió a responder en ${where}: la cola de trabajos funciona otra vez.`);
      this.down = false;
    });
    connection.on('error', (error: Error) => this.failed(error));
    connection.on('close', () => this.failed(null));
  }

  failed(error: Error | null): void {
    if (this.down || this.closing()) return;
    this.down = true;
    this.emit('down');
    this.log(`Redis no responde en ${this.where} (REDIS_URL): los trabajos en segundo plano esperan; los SMS quedan en la bandeja de salida y se envían cuando vuelva.`, error ? { err: error } : undefined);
  }
}

export type QueueLog = (msg: string, extra?: object) => void;

/**
 * The worker's connection, which also remembers the duplicates BullMQ makes of it (the blocking
 * connection of the worker): when Redis never came up, BullMQ's own close waits for a connection
 * that will not come, so close() cuts these directly.
 */
class WorkerConnection extends Redis {
  private readonly copies: Redis[] = [];

  override duplicate(override?: Partial<RedisOptions>): Redis {
    const copy = super.duplicate(override);
    this.copies.push(copy);
    return copy;
  }

  disconnectAll(): void {
    this.disconnect();
    for (const copy of this.copies) copy.disconnect();
  }
}

/** host:port of a Redis URL, for messages (never its password). */
function redisAddress(redisUrl: string): string {
  const url = new URL(redisUrl);
  return `${url.hostname || 'localhost'}:${url.port || '6379'}`;
}

/**
 * BullMQ on Redis: one queue for SIPROS, job names route to handlers; retries with exponential backoff.
 * Two kinds of connection: the producer (enqueue, counts, health), which serves requests and so
 * fails fast when Redis is away (no offline queue, connect and command timeouts); and the worker's,
 * which BullMQ blocks on and which waits for Redis as long as it takes (maxRetriesPerRequest null).
 */
export class BullMqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly handlers = new Map<string, Registered>();
  private readonly observers: JobObserver[] = [];
  private readonly producer: Redis;
  private readonly watch: RedisWatch;
  private readonly queue: Queue;
  private workerConnection: WorkerConnection | null = null;
  private worker: Worker | null = null;
  private batch: Array<{ job: { name: string; data: unknown; opts: JobsOptions }; resolve: () => void; reject: (error: unknown) => void }> = [];
  private closing: Promise<void> | null = null;

  constructor(
    private readonly redisUrl: string,
    readonly queueName = 'sipros',
    private readonly runWorker = true,
    private readonly log: QueueLog = () => {},
  ) {
    this.producer = new Redis(redisUrl, { connectTimeout: REDIS_TIMEOUTS.connectMs, commandTimeout: REDIS_TIMEOUTS.commandMs, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.watch = new RedisWatch(this.producer, redisAddress(redisUrl), log, () => this.closing !== null);
    this.queue = new Queue(queueName, { connection: this.producer });
    // Without a listener BullMQ's errors would be thrown.
    this.queue.on('error', (error) => this.reportError(error));
  }

  register<T>(name: string, handler: JobHandler<T>, options: Partial<HandlerOptions> = {}): void {
    this.handlers.set(name, { handler, options: { ...DEFAULTS, ...options } });
    if (this.runWorker && !this.worker) {
      // BullMQ requires maxRetriesPerRequest: null on the connections its workers block on.
      this.workerConnection = new WorkerConnection(this.redisUrl, { connectTimeout: REDIS_TIMEOUTS.connectMs, maxRetriesPerRequest: null });
      this.worker = new Worker(this.queueName, (job: Job) => this.process(job), { connection: this.workerConnection, concurrency: 8 });
      this.worker.on('error', (error) => this.reportError(error));
    }
  }

  /**
   * BullMQ's own errors. During an outage they repeat at every reconnection attempt and the watch
   * has already said Redis is away: not logged again. Only the producer connection's events decide
   * "down" (a failed script is not an outage, and nothing would clear the state afterwards).
   */
  private reportError(error: Error): void {
    if (!this.watch.down && !this.closing) this.log('error de la cola de trabajos', { err: error });
  }

  observe(observer: JobObserver): void {
    this.observers.push(observer);
  }

  private async process(job: Job): Promise<void> {
    const attempt = job.attemptsMade + 1;
    // BullMQ retries while attempts remain (the job's own count, set when it was enqueued).
    await observed(this.observers, job.name, () => attempt < (job.opts.attempts ?? 1), async () => {
      const registered = this.handlers.get(job.name);
      if (!registered) throw new Error(`No hay quien procese los trabajos «${job.name}».`);
      await registered.handler(job.data, { attempt, id: String(job.id) });
    });
  }

  /**
   * Jobs enqueued during one turn of the event loop go to Redis together (one addBulk instead of
   * a round trip each): under load, many requests finish in the same turn. Rejects within a few
   * seconds (SERVICE_UNAVAILABLE) when Redis is away; callers keep the work in the database.
   */
  enqueue<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    if (this.closing) return Promise.reject(new AppError('SERVICE_UNAVAILABLE', 'La cola de trabajos se está cerrando.'));
    if (this.watch.down) return Promise.reject(new AppError('SERVICE_UNAVAILABLE', QUEUE_UNAVAILABLE));
    const { attempts, backoffMs } = this.handlers.get(name)?.options ?? DEFAULTS;
    const opts = { jobId: options.jobId, delay: options.delayMs, attempts, backoff: { type: 'exponential', delay: backoffMs }, removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };
    return new Promise((resolve, reject) => {
      this.batch.push({ job: { name, data, opts }, resolve, reject });
      if (this.batch.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.batch.splice(0);
    try {
      // addBulk first waits for the queue's connection, which (first start, Redis away) may never
      // come: bounded here; a command on a live connection is bounded by commandTimeout.
      await this.untilDown(() => within(this.queue.addBulk(batch.map((b) => b.job)), REDIS_TIMEOUTS.enqueueMs, () => new Error(`Redis no respondió en ${REDIS_TIMEOUTS.enqueueMs} ms`)));
      for (const b of batch) b.resolve();
    } catch (error) {
      this.log('no se pudieron encolar trabajos', { err: error, trabajos: batch.map((b) => b.job.name) });
      for (const b of batch) b.reject(new AppError('SERVICE_UNAVAILABLE', QUEUE_UNAVAILABLE));
    }
  }

  /** `promise`, abandoned as soon as the connection is known to have failed (no point waiting longer). */
  private untilDown<T>(start: () => Promise<T>): Promise<T> {
    if (this.watch.down) return Promise.reject(new Error('Redis no responde'));
    const promise = start();
    // Abandoned when Redis fails first: its own later failure is expected, not an unhandled rejection.
    promise.catch(() => {});
    let onDown = () => {};
    const down = new Promise<never>((_, reject) => {
      onDown = () => reject(new Error('Redis dejó de responder'));
      this.watch.once('down', onDown);
    });
    return Promise.race([promise, down]).finally(() => this.watch.off('down', onDown));
  }

  async idle(): Promise<void> {
    for (;;) {
      // One atomic count of everything in flight (a job moving between lists is never missed),
      // less the delayed jobs never tried yet: those are scheduled for later and, like in the
      // in-process queue, not waited for. Delayed retries are work in progress and count.
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const scheduled = counts.delayed > 0 ? (await this.queue.getDelayed()).filter((job) => job.attemptsMade === 0).length : 0;
      if (Object.values(counts).reduce((a, b) => a + b, 0) - scheduled <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async health(): Promise<QueueHealth> {
    const down = (why: string): QueueHealth => ({ status: 'error', kind: this.kind, message: `La cola de trabajos no está disponible: Redis ${why}. Los SMS esperan en la bandeja de salida y se envían cuando vuelva.` });
    if (this.producer.status !== 'ready') return down('no está conectado');
    try {
      await within(this.producer.ping(), REDIS_TIMEOUTS.healthMs, () => new Error('timeout'));
      return { status: 'ok', kind: this.kind };
    } catch {
      return down(`no responde (ping sin respuesta en ${REDIS_TIMEOUTS.healthMs / 1000} s)`);
    }
  }

  /** One atomic count in Redis; refused at once while Redis is known to be away, else bounded like health. */
  async depth(): Promise<QueueDepth> {
    if (this.watch.down || this.producer.status !== 'ready') throw new Error('Redis no responde');
    return within(this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed'), REDIS_TIMEOUTS.healthMs, () => new Error('timeout'));
  }

  /** Ends even when Redis is gone: an orderly close within a grace period, then the connections are cut. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    for (const b of this.batch.splice(0)) b.reject(new AppError('SERVICE_UNAVAILABLE', 'La cola de trabajos se está cerrando.'));
    const redisUp = this.producer.status === 'ready';
    const orderly = (async () => {
      // Redis up: running jobs finish first. Redis away: they could not record their end anyway
      // (their locks expire and another worker retries them), and waiting for them would wait
      // for Redis: the worker is closed by force, which also stops its lock timers.
      await this.worker?.close(!redisUp);
      await this.queue.close();
      if (redisUp) {
        await this.producer.quit();
        await this.workerConnection?.quit();
      }
    })();
    if (!(await settlesWithin(orderly, redisUp ? REDIS_TIMEOUTS.closeGraceMs : REDIS_TIMEOUTS.forcedCloseMs))) {
      this.log('la cola de trabajos no cerró a tiempo (Redis no responde): se cortan sus conexiones');
    }
    // Whatever happened, no connection may stay behind retrying (and keep the process alive).
    this.producer.disconnect();
    this.workerConnection?.disconnectAll();
  }
}

/** `runWorker: false` (an API-only process) enqueues jobs but leaves running them to worker processes. */
export function createJobQueue(redisUrl: string | null, log?: QueueLog, runWorker = true, queueName = 'sipros'): JobQueue {
  return redisUrl ? new BullMqQueue(redisUrl, queueName, runWorker, log) : new InProcessQueue(log);
}
