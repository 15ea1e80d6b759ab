/**
 * The registry's match index saved to disk (in the storage folder), so a process that starts, or
 * restarts after a deploy, reads one file instead of the whole registry: the lines of every person
 * and the index's numbers, as they were at a moment (`asOf`) of one database (`instance`) with one
 * model (`digest`). Whoever loads it lays on it the people changed since (identity.ts). A file from
 * another database, another model or another format is not used; a file half-written is never seen
 * (written aside, then renamed).
 */
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { MatchIndexData } from '../../../../engine/matching/index.ts';
import { RegistryLines } from './registry-rows.ts';

const MAGIC = 'SIPROSIX';
/** 2: block entries side by side (BlockTableData.entries). */
const FORMAT = 2;
/** Reads and writes in pieces of this size (a single call may not move a gigabyte). */
const PIECE = 64 << 20;

export interface SavedIndex {
  digest: string;
  instance: string;
  /** The moment the registry was read as of: people changed after it are laid over the saved index. */
  asOf: string;
  lines: RegistryLines;
  data: MatchIndexData;
}

interface Header {
  format: number;
  digest: string;
  instance: string;
  asOf: string;
  total: number;
  neutral: boolean;
  /** The byte length of each array, in ARRAYS order. */
  sizes: number[];
}

const ARRAYS = ['text', 'lineEnds', 'offsets', 'entries', 'curpHashes', 'curpCounts', 'givenHashes', 'givenCounts', 'surnameHashes', 'surnameCounts'] as const;

const fileOf = (dir: string, digest: string) => join(dir, `indice-${digest}.bin`);
const padded = (n: number) => Math.ceil(n / 8) * 8;

function arraysOf(saved: SavedIndex): Uint8Array[] {
  const { text, lineEnds } = saved.lines.parts();
  const { blocks, curps, givenNames, surnames } = saved.data;
  const list = [text, lineEnds, blocks.offsets, blocks.entries, curps.hashes, curps.counts, givenNames.hashes, givenNames.counts, surnames.hashes, surnames.counts];
  return list.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

async function writeAll(file: FileHandle, bytes: Uint8Array, position: number): Promise<number> {
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await file.write(bytes, at, Math.min(PIECE, bytes.length - at), position + at);
    at += bytesWritten;
  }
  return position + padded(bytes.length);
}

async function readAll(file: FileHandle, into: Uint8Array, position: number): Promise<number> {
  for (let at = 0; at < into.length; ) {
    const { bytesRead } = await file.read(into, at, Math.min(PIECE, into.length - at), position + at);
    if (bytesRead === 0) throw new Error('the saved index ends early');
    at += bytesRead;
  }
  return position + padded(into.length);
}

/**
 * Reads `into` from `position` as pieces asked for all at once: a disk answers several reads in flight
 * faster than one after another, and Node reads them on its pool of threads.
 */
function readPieces(file: FileHandle, into: Uint8Array, position: number): Array<Promise<number>> {
  const pieces: Array<Promise<number>> = [];
  for (let at = 0; at < into.length; at += PIECE) pieces.push(readAll(file, into.subarray(at, Math.min(into.length, at + PIECE)), position + at));
  return pieces;
}

/** Saves the index (replacing the one saved before with the same model). */
export async function saveIndex(dir: string, saved: SavedIndex): Promise<void> {
  await mkdir(dir, { recursive: true });
  const arrays = arraysOf(saved);
  const header: Header = { format: FORMAT, digest: saved.digest, instance: saved.instance, asOf: saved.asOf, total: saved.data.total, neutral: saved.data.neutral, sizes: arrays.map((a) => a.byteLength) };
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(padded(12 + json.length));
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  json.copy(head, 12);
  const target = fileOf(dir, saved.digest);
  const aside = `${target}.${process.pid}.tmp`;
  const file = await open(aside, 'w');
  try {
    let position = await writeAll(file, head, 0);
    for (const a of arrays) position = await writeAll(file, a, position);
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(aside, { force: true });
    throw error;
  }
  await file.close();
  await rename(aside, target);
}

/** The index saved for this model and database, or null (none, or not usable). */
export async function loadIndex(dir: string, digest: string, instance: string): Promise<SavedIndex | null> {
  let file: FileHandle;
  try {
    file = await open(fileOf(dir, digest), 'r');
  } catch {
    return null;
  }
  try {
    const start = Buffer.alloc(12);
    await readAll(file, start, 0);
    if (start.toString('latin1', 0, 8) !== MAGIC) return null;
    const json = Buffer.alloc(start.readUInt32LE(8));
    await readAll(file, json, 12);
    const header = JSON.parse(json.toString()) as Header;
    if (header.format !== FORMAT || header.digest !== digest || header.instance !== instance || header.sizes.length !== ARRAYS.length) return null;
    let position = padded(12 + json.length);
    const reads: Array<Promise<number>> = [];
    // Shared memory: the matching threads (match-threads.ts) read the same index, not a copy each.
    const arrays = header.sizes.map((size) => {
      const buffer = new SharedArrayBuffer(size);
      reads.push(...readPieces(file, new Uint8Array(buffer), position));
      position += padded(size);
      return buffer;
    });
    await Promise.all(reads);
    const u32 = (i: number) => new Uint32Array(arrays[i]);
    return {
      digest,
      instance,
      asOf: header.asOf,
      lines: RegistryLines.of(Buffer.from(arrays[0]), u32(1)),
      data: {
        blocks: { offsets: u32(2), entries: u32(3) },
        curps: { hashes: u32(4), counts: u32(5) },
        givenNames: { hashes: u32(6), counts: u32(7) },
        surnames: { hashes: u32(8), counts: u32(9) },
        total: header.total,
        neutral: header.neutral,
      },
    };
  } catch {
    return null;
  } finally {
    await file.close();
  }
}
