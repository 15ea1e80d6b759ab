/**
 * Matching on every core: worker threads that read the registry's index in shared memory (the lines and
 * numbers held once, in SharedArrayBuffers, whatever the number of threads) and each match a share of
 * an incoming file. A thread lays the changes since the index was built over it as the process did, so
 * every thread answers exactly as the process would. Threads that sit idle for a minute are let go
 * (their remembered names cost memory); the next large file starts them again in a few hundred ms.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MatchIndexData, MatchingModel, MatchInput, MatchOutcome, NameTables } from '../../../../engine/matching/index.ts';
import { decodeOutcomes, encodeInputs, type EncodedOutcomes } from './outcome-codec.ts';

/** What a thread needs to hold the index: the base's lines and numbers (shared) and the changes laid over it. */
export interface SharedIndexParts {
  text: Uint8Array;
  lineEnds: Uint32Array;
  data: MatchIndexData;
  changes: { removed: number[]; text: Uint8Array; lineEnds: Uint32Array } | null;
}

export interface ThreadSetup {
  parts: SharedIndexParts;
  model: MatchingModel;
  tables: NameTables;
}

/** Bytes in shared memory (copied once, unless already there). */
export function sharedBytes(array: Uint8Array): Uint8Array {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = new Uint8Array(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/** Numbers in shared memory (copied once, unless already there). */
export function sharedNumbers(array: Uint32Array): Uint32Array {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = new Uint32Array(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/** An index's numbers in shared memory. */
export function sharedData(data: MatchIndexData): MatchIndexData {
  const counts = (c: MatchIndexData['curps']) => ({ hashes: sharedNumbers(c.hashes), counts: sharedNumbers(c.counts) });
  const { offsets, entries } = data.blocks;
  return {
    ...data,
    blocks: { offsets: sharedNumbers(offsets), entries: sharedNumbers(entries) },
    curps: counts(data.curps),
    givenNames: counts(data.givenNames),
    surnames: counts(data.surnames),
  };
}

/** Threads to match with: SIPROS_MATCH_THREADS, or one per core. */
export function matchThreadCount(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.SIPROS_MATCH_THREADS);
  return Number.isInteger(asked) && asked >= 1 ? asked : availableParallelism();
}

/** A thread's first step: TypeScript through tsx, then match-thread.ts. */
const THREAD_START = new URL('./match-thread-start.mjs', import.meta.url);

/** Records a thread is given at a time: small enough for the threads to finish together. */
const PIECE = 5_000;
const IDLE_MS = 60_000;

type Reply = { loaded: true } | { ready: true } | { piece: number; outcomes: EncodedOutcomes } | { piece: number; error: string };

export class MatchThreads {
  private idle: NodeJS.Timeout | null = null;
  private busy = 0;
  private closed = false;

  private constructor(private readonly workers: Worker[]) {
    this.release();
  }

  /**
   * Threads holding the index, ready to match. The threads start at once and read their code while the
   * index is still being loaded (`setup` may be a promise of it): a process that starts saves their start.
   */
  static async start(setup: ThreadSetup | Promise<ThreadSetup>, threads: number): Promise<MatchThreads> {
    const workers = Array.from({ length: threads }, () => new Worker(THREAD_START));
    try {
      const loaded = Promise.all(workers.map((w) => once(w, (m) => 'loaded' in m)));
      const given = await setup;
      await loaded;
      const ready = Promise.all(workers.map((w) => once(w, (m) => 'ready' in m)));
      for (const w of workers) w.postMessage({ setup: given });
      await ready;
    } catch (error) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw error;
    }
    return new MatchThreads(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** False once closed (after a minute idle, or by the caller). */
  get open(): boolean {
    return !this.closed;
  }

  /** The outcomes of every record, in order: pieces handed to whichever thread is free. */
  async match(inputs: readonly MatchInput[], repeated: ReadonlySet<string>): Promise<MatchOutcome[]> {
    if (this.closed) throw new Error('the matching threads were closed');
    this.hold();
    try {
      const outcomes = new Array<MatchOutcome>(inputs.length);
      const repeatedList = [...repeated];
      // A file smaller than a piece a thread is still shared out among all of them.
      const piece = Math.min(PIECE, Math.ceil(inputs.length / this.workers.length));
      let next = 0;
      const work = async (worker: Worker) => {
        while (next < inputs.length) {
          const start = next;
          next = Math.min(inputs.length, next + piece);
          const part = inputs.slice(start, next);
          const text = encodeInputs(part);
          const reply = decodeOutcomes(await ask(worker, { inputs: text === null ? part : null, text, count: part.length, repeated: repeatedList }), part.map((input) => input.id));
          for (let i = 0; i < reply.length; i++) outcomes[start + i] = reply[i];
        }
      };
      await Promise.all(this.workers.map(work));
      return outcomes;
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idle) clearTimeout(this.idle);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** While matching the threads keep the process alive (a script awaiting them must not exit); idle, they do not. */
  private hold(): void {
    if (this.busy++ === 0) {
      if (this.idle) clearTimeout(this.idle);
      for (const w of this.workers) w.ref();
    }
  }

  private release(): void {
    if (this.busy > 0 && --this.busy > 0) return;
    for (const w of this.workers) w.unref();
    this.idle = setTimeout(() => void this.close(), IDLE_MS);
    this.idle.unref();
  }
}

/** The first message a worker sends that satisfies `wanted`; its failure or exit rejects. */
function once(worker: Worker, wanted: (m: Reply) => boolean): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Reply) => {
      if (!wanted(m)) return;
      cleanup();
      resolve(m);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`a matching thread stopped (code ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

/** Each request's number (two files matched at once share the threads). */
let requests = 0;

async function ask(worker: Worker, piece: { inputs: MatchInput[] | null; text: string | null; count: number; repeated: string[] }): Promise<EncodedOutcomes> {
  const request = { piece: ++requests, ...piece };
  const answer = once(worker, (m) => 'piece' in m && m.piece === request.piece);
  worker.postMessage(request);
  const reply = await answer;
  if ('error' in reply) throw new Error(reply.error);
  return (reply as { outcomes: EncodedOutcomes }).outcomes;
}
