/**
 * One matching thread (started by match-threads.ts): builds its view of the registry's index over the
 * shared lines and numbers, lays the same changes over it as the process, and matches the pieces of a
 * file it is given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexWithChanges, matchBatch, matchIndexFrom, type MatchInput } from '../../../../engine/matching/index.ts';
import type { ThreadSetup } from './match-threads.ts';
import { decodeInputs, encodeOutcomes } from './outcome-codec.ts';
import { RegistryLines } from './registry-rows.ts';

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const { parts, model, tables } = workerData as ThreadSetup;
const base = matchIndexFrom(RegistryLines.of(asBuffer(parts.text), parts.lineEnds), parts.data, model, tables);
const index = parts.changes ? indexWithChanges(base, { removed: parts.changes.removed, added: RegistryLines.of(asBuffer(parts.changes.text), parts.changes.lineEnds) }) : base;

parentPort!.on('message', ({ piece, inputs, text, count, repeated }: { piece: number; inputs: MatchInput[] | null; text: string | null; count: number; repeated: string[] }) => {
  try {
    const records = text !== null ? decodeInputs(text, count) : inputs!;
    const outcomes = encodeOutcomes(matchBatch(index, records, new Set(repeated)));
    parentPort!.postMessage({ piece, outcomes }, [outcomes.heads.buffer as ArrayBuffer, outcomes.given.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ piece, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort!.postMessage({ ready: true });
