/**
 * One matching thread (started by match-threads.ts): says when its code is loaded; given the index's
 * shared lines and numbers, builds its view of them and lays the same changes over it as the process;
 * then matches the pieces of a file it is given.
 */
import { parentPort } from 'node:worker_threads';
import { indexWithChanges, matchBatch, matchIndexFrom, type MatchIndex, type MatchInput } from '../../../../engine/matching/index.ts';
import type { ThreadSetup } from './match-threads.ts';
import { decodeInputs, encodeOutcomes } from './outcome-codec.ts';
import { RegistryLines } from './registry-rows.ts';

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function indexOf({ parts, model, tables }: ThreadSetup): MatchIndex {
  const base = matchIndexFrom(RegistryLines.of(asBuffer(parts.text), parts.lineEnds), parts.data, model, tables);
  return parts.changes ? indexWithChanges(base, { removed: parts.changes.removed, added: RegistryLines.of(asBuffer(parts.changes.text), parts.changes.lineEnds) }) : base;
}

type Request = { setup: ThreadSetup } | { piece: number; inputs: MatchInput[] | null; text: string | null; count: number; repeated: string[] };

let index: MatchIndex | null = null;

parentPort!.on('message', (request: Request) => {
  if ('setup' in request) {
    index = indexOf(request.setup);
    parentPort!.postMessage({ ready: true });
    return;
  }
  const { piece, inputs, text, count, repeated } = request;
  try {
    if (!index) throw new Error('the thread was given no index');
    const records = text !== null ? decodeInputs(text, count) : inputs!;
    const outcomes = encodeOutcomes(matchBatch(index, records, new Set(repeated)));
    parentPort!.postMessage({ piece, outcomes }, [outcomes.heads.buffer as ArrayBuffer, outcomes.given.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ piece, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort!.postMessage({ loaded: true });
