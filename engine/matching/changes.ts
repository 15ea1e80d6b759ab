/**
 * A registry that changed since its index was built, without building it again: the rows of people
 * changed or gone are set aside, the rows of people new or changed are filed in a small table of their
 * own, and counts (how common a CURP, a given name, a surname is) are corrected by both. Searching
 * reads the built table and the small one; a caller builds everything again when the changes grow
 * large (its choice). Ten million people changed by a roll of a few thousand cost a few thousand
 * rows, not ten million. Pure.
 */
import { BlockTableBuilder, countOfHash, valueHash, type BlockTable, type CountTableData } from './block-table.ts';
import { blockingKeys, countedHashes, rememberedFrequencies, type MatchIndex, type RegistryRows } from './matcher.ts';
import type { KnownSurnames } from './names.ts';
import { prepareRecord } from './record.ts';
import type { Frequencies } from './score.ts';

export interface RegistryChanges {
  /** Rows of the built index no longer used (their person changed, was merged or was taken out). */
  removed: readonly number[];
  /** Rows of the people new or changed since, as they are now. */
  added: RegistryRows;
}

/** How much each counted value went up or down, by its hash. */
class CountChanges {
  private readonly by = new Map<number, number>();

  change(hash: number, by: number): void {
    if (hash !== 0) this.by.set(hash, (this.by.get(hash) ?? 0) + by);
  }

  countOf(table: CountTableData, value: string): number {
    const h = valueHash(value);
    return countOfHash(table, h) + (this.by.get(h) ?? 0);
  }

  /** Whether the value's count changed (by its hash). */
  changed(hash: number): boolean {
    return this.by.has(hash);
  }
}

function countChanges(base: MatchIndex, changes: RegistryChanges) {
  const curps = new CountChanges();
  const given = new CountChanges();
  const surnames = new CountChanges();
  const count = (rows: RegistryRows, row: number, by: number) => {
    const [curp, givenName, first, second] = countedHashes(rows.input(row), base.tables);
    curps.change(curp, by);
    given.change(givenName, by);
    surnames.change(first, by);
    surnames.change(second, by);
  };
  for (const row of changes.removed) count(base.rows, row, -1);
  for (let row = 0; row < changes.added.length; row++) count(changes.added, row, 1);
  return { curps, given, surnames };
}

/** Rows of both tables: the built one's minus those set aside, then the new ones numbered after them. */
function joinedBlocks(base: BlockTable, added: BlockTable, removed: ReadonlySet<number>, offset: number): BlockTable {
  const kept = (rows: number[]) => (removed.size === 0 ? rows : rows.filter((r) => !removed.has(r)));
  return {
    rows: (key) => [...kept(base.rows(key)), ...added.rows(key).map((r) => r + offset)],
    count: (key) => (removed.size === 0 ? base.count(key) : kept(base.rows(key)).length) + added.count(key),
    *blocks() {
      for (const block of base.blocks()) {
        const rows = kept(block);
        if (rows.length > 1) yield rows;
      }
      for (const block of added.blocks()) yield block.map((r) => r + offset);
    },
    keys: base.keys + added.keys,
    bytes: base.bytes + added.bytes,
    data: base.data,
  };
}

/** The index of the registry as it is now: `base` (built earlier) with `changes` laid over it. */
export function indexWithChanges(base: MatchIndex, changes: RegistryChanges): MatchIndex {
  if (!base.data) throw new Error('indexWithChanges lays changes over an index built in one go, not over another with changes');
  const data = base.data;
  const counts = countChanges(base, changes);
  const total = Math.max(1, data.total - changes.removed.length + changes.added.length);
  const known: KnownSurnames = { has: (s) => counts.surnames.countOf(data.surnames, s) >= 2 };
  const frequencies: Frequencies = rememberedFrequencies({
    givenName: (v) => (data.neutral ? 0 : counts.given.countOf(data.givenNames, v) / total),
    surname: (v) => (data.neutral ? 0 : counts.surnames.countOf(data.surnames, v) / (2 * total)),
    // Unchanged CURPs are answered by the built index (a set of the repeated ones), changed ones counted again.
    unreliableCurp: (c) => (counts.curps.changed(valueHash(c)) ? counts.curps.countOf(data.curps, c) >= base.model.curpRepetida : base.frequencies.unreliableCurp(c)),
  });
  const builder = new BlockTableBuilder();
  for (let row = 0; row < changes.added.length; row++) {
    const record = prepareRecord(changes.added.input(row), base.tables, known);
    for (const key of blockingKeys(record, base.model, frequencies.unreliableCurp)) builder.add(key, row);
  }
  const offset = base.rows.length;
  const rows: RegistryRows = { length: offset + changes.added.length, input: (i) => (i < offset ? base.rows.input(i) : changes.added.input(i - offset)) };
  return {
    model: base.model,
    tables: base.tables,
    rows,
    record: (row) => prepareRecord(rows.input(row), base.tables, known),
    knownSurnames: known,
    frequencies,
    blocks: joinedBlocks(base.blocks, builder.build(), new Set(changes.removed), offset),
    changes: { removed: changes.removed.length, added: changes.added.length },
  };
}
