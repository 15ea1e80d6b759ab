import { afterEach, describe, expect, it, vi } from 'vitest';
import { InProcessQueue } from './queue.ts';

const DAY_MS = 24 * 3600 * 1000;

describe('InProcessQueue', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a job delayed past what one Node timer holds (24.8 days) on its day, not before', async () => {
    vi.useFakeTimers();
    const queue = new InProcessQueue();
    const ran: string[] = [];
    queue.register<{ id: string }>('programa.publicar-programado', async ({ id }) => {
      ran.push(id);
    });
    await queue.enqueue('programa.publicar-programado', { id: 'dentro-de-60-dias' }, { delayMs: 60 * DAY_MS });

    await vi.advanceTimersByTimeAsync(25 * DAY_MS);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(34 * DAY_MS);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(1 * DAY_MS);
    expect(ran).toEqual(['dentro-de-60-dias']);
    await queue.close();
  });
});
