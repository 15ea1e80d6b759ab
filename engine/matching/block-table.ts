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

/** A table's numbers. */
export interface BlockTableData {
  offsets: Uint32Array;
  checks: Uint32Array;
  firsts: Uint32Array;
  rows: Uint32Array;
}

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
    const checks = new Uint32Array(n);
    const rows = new Uint32Array(n);
    const next = offsets.slice(0, offsets.length - 1);
    const sourceChecks = this.checks.view();
    const sourceRows = this.rowOf.view();
    for (let i = 0; i < n; i++) {
      const at = next[firsts[i] & mask]++;
      checks[at] = sourceChecks[i];
      rows[at] = sourceRows[i];
    }
    return blockTableFrom({ offsets, checks, rows, firsts: bucketFirsts(offsets, firsts, mask, n) });
  }
}

/** Each entry's first hash, in bucket order: two keys sharing a bucket and a check are told apart by it. */
function bucketFirsts(offsets: Uint32Array, firsts: Uint32Array, mask: number, n: number): Uint32Array {
  const sorted = new Uint32Array(n);
  const next = offsets.slice(0, offsets.length - 1);
  for (let i = 0; i < n; i++) sorted[next[firsts[i] & mask]++] = firsts[i];
  return sorted;
}

/** A table over numbers already built. */
export function blockTableFrom(data: BlockTableData): BlockTable {
  const { offsets, checks, rows, firsts } = data;
  const mask = offsets.length - 2;
  const scan = (key: string, visit: (row: number) => void) => {
    const [h1, h2] = hashKey(key);
    const bucket = h1 & mask;
    for (let e = offsets[bucket]; e < offsets[bucket + 1]; e++) if (checks[e] === h2 && firsts[e] === h1) visit(rows[e]);
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
        for (let e = offsets[b]; e < offsets[b + 1]; e++) {
          const id = `${firsts[e]}:${checks[e]}`;
          const group = groups.get(id);
          if (group) group.push(rows[e]);
          else groups.set(id, [rows[e]]);
        }
        for (const group of groups.values()) if (group.length > 1) yield group;
      }
    },
    keys: rows.length,
    bytes: offsets.byteLength + checks.byteLength + rows.byteLength + firsts.byteLength,
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
