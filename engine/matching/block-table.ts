/**
 * Blocking keys as a compact table: each key hashed to two 32-bit numbers (a bucket and a check), the
 * rows of every bucket laid side by side in typed arrays (a counting sort, two passes, no per-key
 * objects). Ten million people under nine keys fit in about a gigabyte, where a Map of strings to
 * arrays took twenty-five. A rare collision of both numbers only adds a candidate the scoring rejects.
 * Pure.
 */

/** Two independent 32-bit hashes of a key (cyrb53's mixing): the first picks the bucket, the second checks. */
export function hashKey(key: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** A Uint32Array that grows by doubling. */
export class GrowingArray {
  data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * A table's numbers: where each bucket's entries start, and the entries, three numbers each (the key's
 * first hash, its second, the row) side by side, so that a look-up touches one place in memory and not
 * three (at ten million people the arrays are hundreds of megabytes and each place is a cache miss).
 */
export interface BlockTableData {
  offsets: Uint32Array;
  entries: Uint32Array;
}

/** Numbers per entry in BlockTableData.entries. */
const ENTRY = 3;

export interface BlockTable {
  /** The rows filed under the key (a row appears once per key it holds). */
  rows(key: string): number[];
  /** How many rows are filed under the key, without listing them. */
  count(key: string): number;
  /** Every block with at least two rows (for training), as lists of rows. */
  blocks(): Iterable<number[]>;
  readonly keys: number;
  readonly bytes: number;
  readonly data: BlockTableData;
}

export class BlockTableBuilder {
  private readonly firsts = new GrowingArray();
  private readonly checks = new GrowingArray();
  private readonly rowOf = new GrowingArray();

  add(key: string, row: number): void {
    const [h1, h2] = hashKey(key);
    this.addHashed(h1, h2, row);
  }

  /** A key already hashed (kept from an earlier reading of the row). */
  addHashed(h1: number, h2: number, row: number): void {
    this.firsts.push(h1);
    this.checks.push(h2);
    this.rowOf.push(row);
  }

  build(): BlockTable {
    const n = this.rowOf.length;
    // About two entries a bucket: a look-up reads a handful of numbers.
    let bits = 4;
    while (1 << bits < n / 2 && bits < 30) bits++;
    const mask = (1 << bits) - 1;
    const offsets = new Uint32Array((1 << bits) + 1);
    const firsts = this.firsts.view();
    for (let i = 0; i < n; i++) offsets[(firsts[i] & mask) + 1]++;
    for (let b = 1; b < offsets.length; b++) offsets[b] += offsets[b - 1];
    const entries = new Uint32Array(ENTRY * n);
    const next = offsets.slice(0, offsets.length - 1);
    const sourceChecks = this.checks.view();
    const sourceRows = this.rowOf.view();
    for (let i = 0; i < n; i++) {
      const at = ENTRY * next[firsts[i] & mask]++;
      entries[at] = firsts[i];
      entries[at + 1] = sourceChecks[i];
      entries[at + 2] = sourceRows[i];
    }
    return blockTableFrom({ offsets, entries });
  }
}

/** A table over numbers already built. */
export function blockTableFrom(data: BlockTableData): BlockTable {
  const { offsets, entries } = data;
  const mask = offsets.length - 2;
  const scan = (key: string, visit: (row: number) => void) => {
    const [h1, h2] = hashKey(key);
    const bucket = h1 & mask;
    for (let e = ENTRY * offsets[bucket], end = ENTRY * offsets[bucket + 1]; e < end; e += ENTRY) if (entries[e] === h1 && entries[e + 1] === h2) visit(entries[e + 2]);
  };
  return {
    rows(key) {
      const found: number[] = [];
      scan(key, (row) => found.push(row));
      return found;
    },
    count(key) {
      let n = 0;
      scan(key, () => n++);
      return n;
    },
    *blocks() {
      for (let b = 0; b + 1 < offsets.length; b++) {
        const groups = new Map<string, number[]>();
        for (let e = ENTRY * offsets[b]; e < ENTRY * offsets[b + 1]; e += ENTRY) {
          const id = `${entries[e]}:${entries[e + 1]}`;
          const group = groups.get(id);
          if (group) group.push(entries[e + 2]);
          else groups.set(id, [entries[e + 2]]);
        }
        for (const group of groups.values()) if (group.length > 1) yield group;
      }
    },
    keys: entries.length / ENTRY,
    bytes: offsets.byteLength + entries.byteLength,
    data,
  };
}

/** How many times each value was seen, by the value's first hash: sorted hashes and their counts. */
export interface CountTableData {
  hashes: Uint32Array;
  counts: Uint32Array;
}

/** A value's hash for counting: 0 stands for «no value». */
export const valueHash = (value: string): number => (value === '' ? 0 : hashKey(value)[0] || 1);

/** Counts of values given by their hashes (0 is «no value» and is not counted). */
export function countTableData(hashes: Uint32Array): CountTableData {
  const sorted = hashes.slice().sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (sorted[i] !== 0 && (i === 0 || sorted[i] !== sorted[i - 1])) distinct++;
  const keys = new Uint32Array(distinct);
  const counts = new Uint32Array(distinct);
  let k = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i] === 0) continue;
    if (k < 0 || keys[k] !== sorted[i]) keys[++k] = sorted[i];
    counts[k]++;
  }
  return { hashes: keys, counts };
}

/** The count of a value (0 when never seen): a binary search over the sorted hashes. */
export function countOf(table: CountTableData, value: string): number {
  return countOfHash(table, valueHash(value));
}

/**
 * The hashes counted at least `times`: a CURP several people carry is looked up for every candidate, and a
 * set of the few such CURPs answers without searching arrays of ten million (a cache miss at each step).
 */
export function hashesCountedAtLeast(table: CountTableData, times: number): Set<number> {
  const found = new Set<number>();
  for (let i = 0; i < table.counts.length; i++) if (table.counts[i] >= times) found.add(table.hashes[i]);
  return found;
}

/** The count of a value given by its hash. */
export function countOfHash(table: CountTableData, h: number): number {
  if (h === 0) return 0;
  let lo = 0;
  let hi = table.hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = table.hashes[mid];
    if (v === h) return table.counts[mid];
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}
