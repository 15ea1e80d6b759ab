import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';

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
  close(): Promise<void>;
}

const DEFAULTS: HandlerOptions = { attempts: 5, backoffMs: 1000 };

interface Registered {
  handler: JobHandler<any>;
  options: HandlerOptions;
}

/** Jobs in this process: retried with exponential backoff like BullMQ; lost if the process dies. */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly handlers = new Map<string, Registered>();
  private readonly known = new Set<string>();
  private pending = 0;
  private waiters: Array<() => void> = [];
  private closed = false;
  private seq = 0;

  constructor(private readonly log: (msg: string, extra?: object) => void = () => {}) {}

  register<T>(name: string, handler: JobHandler<T>, options: Partial<HandlerOptions> = {}): void {
    this.handlers.set(name, { handler, options: { ...DEFAULTS, ...options } });
  }

  async enqueue<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    if (this.closed) throw new Error('La cola de trabajos está cerrada.');
    const id = options.jobId ?? `${name}-${++this.seq}`;
    if (this.known.has(id)) return;
    this.known.add(id);
    // A delayed job is not pending until it is due: idle() must not wait days for a scheduled one.
    if (options.delayMs && options.delayMs > 0) {
      const due = () => {
        if (this.closed) return;
        this.pending++;
        void this.run(name, data, id, 1);
      };
      setTimeout(due, Math.min(options.delayMs, 2 ** 31 - 1)).unref();
      return;
    }
    this.pending++;
    setImmediate(() => void this.run(name, data, id, 1));
  }

  private async run(name: string, data: unknown, id: string, attempt: number): Promise<void> {
    const registered = this.handlers.get(name);
    try {
      if (!registered) throw new Error(`No hay quien procese los trabajos «${name}».`);
      await registered.handler(data, { attempt, id });
      this.finish();
    } catch (error) {
      const attempts = registered?.options.attempts ?? 1;
      this.log(`trabajo ${name} falló (intento ${attempt} de ${attempts})`, { err: error });
      if (attempt < attempts && !this.closed) {
        setTimeout(() => void this.run(name, data, id, attempt + 1), registered!.options.backoffMs * 2 ** (attempt - 1)).unref();
      } else this.finish();
    }
  }

  private finish(): void {
    this.pending--;
    if (this.pending === 0) this.waiters.splice(0).forEach((resolve) => resolve());
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  async health(): Promise<QueueHealth> {
    return { status: 'ok', kind: this.kind };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** BullMQ on Redis: one queue for SIPROS, job names route to handlers; retries with exponential backoff. */
export class BullMqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly handlers = new Map<string, Registered>();
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private batch: Array<{ job: { name: string; data: unknown; opts: JobsOptions }; resolve: () => void; reject: (error: unknown) => void }> = [];

  constructor(redisUrl: string, readonly queueName = 'sipros', private readonly runWorker = true) {
    // BullMQ requires maxRetriesPerRequest: null on the connections its workers block on.
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.queue = new Queue(queueName, { connection: this.connection });
  }

  register<T>(name: string, handler: JobHandler<T>, options: Partial<HandlerOptions> = {}): void {
    this.handlers.set(name, { handler, options: { ...DEFAULTS, ...options } });
    if (this.runWorker && !this.worker) {
      this.worker = new Worker(this.queueName, (job: Job) => this.process(job), { connection: this.connection.duplicate(), concurrency: 8 });
    }
  }

  private async process(job: Job): Promise<void> {
    const registered = this.handlers.get(job.name);
    if (!registered) throw new Error(`No hay quien procese los trabajos «${job.name}».`);
    await registered.handler(job.data, { attempt: job.attemptsMade + 1, id: String(job.id) });
  }

  /**
   * Jobs enqueued during one turn of the event loop go to Redis together (one addBulk instead of
   * a round trip each): under load, many requests finish in the same turn.
   */
  enqueue<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
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
      await this.queue.addBulk(batch.map((b) => b.job));
      for (const b of batch) b.resolve();
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
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
    try {
      await this.connection.ping();
      return { status: 'ok', kind: this.kind };
    } catch (error) {
      return { status: 'error', kind: this.kind, message: `Redis no responde: ${(error as Error).message}` };
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await this.connection.quit();
  }
}

/** `runWorker: false` (an API-only process) enqueues jobs but leaves running them to worker processes. */
export function createJobQueue(redisUrl: string | null, log?: (msg: string, extra?: object) => void, runWorker = true, queueName = 'sipros'): JobQueue {
  return redisUrl ? new BullMqQueue(redisUrl, queueName, runWorker) : new InProcessQueue(log);
}
