/**
 * Issue 16: the BullMQ queue when Redis is unreachable, in-process (no Redis needed: the point is
 * its absence). Whoever waits on the queue — a request enqueueing, health, a shutdown — gets an
 * answer within a bounded time, whether the port is closed or accepts TCP and never answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../runtime/server/errors.ts';
import { BullMqQueue, REDIS_TIMEOUTS } from '../../runtime/jobs/queue.ts';
import { deadPort, silentPort } from './server-process.ts';

const queues: BullMqQueue[] = [];
afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
});

function queueOn(port: number): BullMqQueue {
  const queue = new BullMqQueue(`redis://127.0.0.1:${port}`, 'sipros-fallas');
  // A worker too: its blocking connection is the one that must never hold a request or a shutdown.
  queue.register('prueba', async () => {});
  queues.push(queue);
  return queue;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T | undefined; error: unknown }> {
  const started = Date.now();
  try {
    const result = await work();
    return { ms: Date.now() - started, result, error: undefined };
  } catch (error) {
    return { ms: Date.now() - started, result: undefined, error };
  }
}

async function expectUnavailableWithinBounds(queue: BullMqQueue): Promise<void> {
  const enqueued = await timed(() => queue.enqueue('prueba', { n: 1 }, { jobId: 'prueba-1' }));
  expect(enqueued.ms).toBeLessThan(REDIS_TIMEOUTS.enqueueMs + 1000);
  expect(enqueued.error).toBeInstanceOf(AppError);
  expect(enqueued.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, message: expect.stringMatching(/^La cola de trabajos no está disponible/) });

  const health = await timed(() => queue.health());
  expect(health.ms).toBeLessThan(2000);
  expect(health.result).toMatchObject({ status: 'error', kind: 'bullmq', message: expect.stringMatching(/^La cola de trabajos no está disponible: Redis/) });

  const closed = await timed(() => queue.close());
  expect(closed.error).toBeUndefined();
  expect(closed.ms).toBeLessThan(2000);
}

describe('BullMQ queue with Redis unreachable', () => {
  it('closed port: enqueue refused with SERVICE_UNAVAILABLE, health says so, close ends', async () => {
    const queue = queueOn(await deadPort());
    // Give the first connection attempt time to fail, as on a server already running.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectUnavailableWithinBounds(queue);
  });

  it('closed port, right after start (first connection still being made): the same bounds', async () => {
    await expectUnavailableWithinBounds(queueOn(await deadPort()));
  });

  it('silent port (accepts TCP, never answers): the same bounds, by timeouts', async () => {
    const silent = await silentPort();
    try {
      const queue = queueOn(silent.port);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expectUnavailableWithinBounds(queue);
    } finally {
      await silent.close();
    }
  });
});
