import type { FastifyBaseLogger, FastifyReply } from 'fastify';

/**
 * Work started by a request but finished after its answer went out, for answers whose timing
 * must not depend on the work (the password-reset request answers 202 at once, whether or not an
 * SMS is being sent). Failures are logged, never thrown at anyone; closing the app waits for the
 * work in flight so a shutdown does not cut a transaction in half.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: FastifyBaseLogger) {}

  run(label: string, work: () => Promise<void>): void {
    const task: Promise<void> = Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.log.error({ err: error }, `falló un trabajo en segundo plano: ${label}`))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /**
   * Runs `work` once the answer has gone out (or the client left), a turn of the event loop
   * later: with an in-process database (PGlite) the work would otherwise hold the answer back.
   */
  afterReply(reply: FastifyReply, label: string, work: () => Promise<void>): void {
    const answered = new Promise<void>((resolve) => {
      const next = () => setImmediate(resolve);
      reply.raw.once('finish', next).once('close', next);
    });
    this.run(label, () => answered.then(work));
  }

  /** Resolves when everything started so far (and anything it started) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
