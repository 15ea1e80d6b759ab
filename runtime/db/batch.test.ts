import { describe, expect, it } from 'vitest';
import { groupCalls } from './batch.ts';

/** A `run` that records each group and answers when the test says so. */
function controlledRun() {
  const groups: number[][] = [];
  const release: Array<() => void> = [];
  const run = (inputs: number[]) => {
    groups.push(inputs);
    return new Promise<Array<PromiseSettledResult<number>>>((resolve) => {
      release.push(() => resolve(inputs.map((n) => (n < 0 ? { status: 'rejected', reason: new Error(`negativo ${n}`) } : { status: 'fulfilled', value: n * 10 }))));
    });
  };
  return { groups, release, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('groupCalls', () => {
  it('sends the first call at once and the calls that arrive meanwhile together, each with its own answer', async () => {
    const { groups, release, run } = controlledRun();
    const sizes: number[] = [];
    const call = groupCalls(run, { inFlight: 1, maxSize: 100, onGroup: (n) => sizes.push(n) });
    const first = call(1);
    expect(groups).toEqual([[1]]);
    const later = [call(2), call(3), call(4)];
    expect(groups).toEqual([[1]]);
    release[0]();
    await expect(first).resolves.toBe(10);
    await tick();
    expect(groups).toEqual([[1], [2, 3, 4]]);
    release[1]();
    await expect(Promise.all(later)).resolves.toEqual([20, 30, 40]);
    expect(sizes).toEqual([1, 3]);
  });

  it('lets up to `inFlight` groups go at once', () => {
    const { groups, run } = controlledRun();
    const call = groupCalls(run, { inFlight: 2, maxSize: 100 });
    void call(1);
    void call(2);
    void call(3);
    void call(4);
    expect(groups).toEqual([[1], [2]]);
  });

  it('rejects only the call whose own result failed', async () => {
    const { release, run } = controlledRun();
    const call = groupCalls(run, { inFlight: 1, maxSize: 100 });
    const blocker = call(0);
    const calls = [call(5), call(-1), call(6)];
    release[0]();
    await blocker;
    await tick();
    release[1]();
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('negativo -1');
  });

  it('rejects every call of a group whose run failed, and goes on with the next group', async () => {
    let fail = true;
    const call = groupCalls(
      async (inputs: number[]) => {
        if (fail) {
          fail = false;
          throw new Error('sin base de datos');
        }
        return inputs.map((n) => ({ status: 'fulfilled' as const, value: n }));
      },
      { inFlight: 1, maxSize: 100 },
    );
    await expect(call(1)).rejects.toThrow('sin base de datos');
    await expect(call(2)).resolves.toBe(2);
  });

  it('never puts two calls with the same key in one group, and keeps groups within maxSize', async () => {
    const { groups, release, run } = controlledRun();
    const call = groupCalls(run, { inFlight: 1, maxSize: 3, keyOf: (n) => String(n % 10) });
    const all = [call(100), call(1), call(11), call(2), call(3), call(4)];
    release[0]();
    await tick();
    expect(groups[1]).toEqual([1, 2, 3]);
    release[1]();
    await tick();
    expect(groups[2]).toEqual([11, 4]);
    release[2]();
    await expect(Promise.all(all)).resolves.toEqual([1000, 10, 110, 20, 30, 40]);
  });
});
