import { DEFAULTS, observed, type HandlerOptions, type JobHandler, type JobObserver, type JobOptions, type JobQueue, type QueueDepth, type QueueHealth, type Registered } from './job-queue.ts';

/** Node's timers hold at most 2^31-1 ms (24.8 days); a longer delay would fire at once. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Calls `fn` after `delayMs`, in steps a Node timer can hold (a publication scheduled two months ahead). */
function runAfter(delayMs: number, fn: () => void): void {
  const step = Math.min(delayMs, LONGEST_TIMER_MS);
  setTimeout(() => (delayMs > step ? runAfter(delayMs - step, fn) : fn()), step).unref();
}

/** Jobs in this process: retried with exponential backoff like BullMQ; lost if the process dies. */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly handlers = new Map<string, Registered>();
  private readonly known = new Set<string>();
  private readonly observers: JobObserver[] = [];
  /** Jobs by state, for depth(): counted as they move, so reading them costs nothing. */
  private readonly states = { waiting: 0, active: 0, delayed: 0 };
  private pending = 0;
  private waiters: Array<() => void> = [];
  private closed = false;
  private seq = 0;

  constructor(private readonly log: (msg: string, extra?: object) => void = () => {}) {}

  register<T>(name: string, handler: JobHandler<T>, options: Partial<HandlerOptions> = {}): void {
    this.handlers.set(name, { handler, options: { ...DEFAULTS, ...options } });
  }

  observe(observer: JobObserver): void {
    this.observers.push(observer);
  }

  async enqueue<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    if (this.closed) throw new Error('La cola de trabajos está cerrada.');
    const id = options.jobId ?? `${name}-${++this.seq}`;
    if (this.known.has(id)) return;
    this.known.add(id);
    // A delayed job is not pending until it is due: idle() must not wait days for a scheduled one.
    if (options.delayMs && options.delayMs > 0) {
      this.later(options.delayMs, () => {
        if (this.closed) return;
        this.pending++;
        void this.run(name, data, id, 1);
      });
      return;
    }
    this.pending++;
    this.states.waiting++;
    setImmediate(() => {
      this.states.waiting--;
      void this.run(name, data, id, 1);
    });
  }

  /** Runs `fn` after `delayMs`, counting the job as delayed until then. */
  private later(delayMs: number, fn: () => void): void {
    this.states.delayed++;
    runAfter(delayMs, () => {
      this.states.delayed--;
      fn();
    });
  }

  private async run(name: string, data: unknown, id: string, attempt: number): Promise<void> {
    const registered = this.handlers.get(name);
    const attempts = registered?.options.attempts ?? 1;
    const willRetry = attempt < attempts;
    this.states.active++;
    try {
      await observed(this.observers, name, () => willRetry && !this.closed, async () => {
        if (!registered) throw new Error(`No hay quien procese los trabajos «${name}».`);
        await registered.handler(data, { attempt, id });
      });
    } catch (error) {
      this.log(`trabajo ${name} falló (intento ${attempt} de ${attempts})`, { err: error });
      if (willRetry && !this.closed) {
        this.later(registered!.options.backoffMs * 2 ** (attempt - 1), () => void this.run(name, data, id, attempt + 1));
        return;
      }
    } finally {
      this.states.active--;
    }
    this.finish();
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

  async depth(): Promise<QueueDepth> {
    return { ...this.states };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
