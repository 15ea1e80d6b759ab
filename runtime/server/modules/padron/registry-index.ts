/**
 * The registry's match index as this process holds it: the matching model (definitions/matching, used
 * only when its own test table passes), the index built from PostgreSQL or loaded from the copy saved
 * on disk, brought up to date with the people changed since, moved to shared memory and matched on
 * every core (match-threads.ts) when a file is large enough.
 */
import { buildMatchIndex, indexWithChanges, matchBatch, matchIndexFrom, repeatedInBatch, type MatchIndex, type MatchOutcome, type MatchInput, type MatchingModel, type NameTables, type RowKeys } from '../../../../engine/matching/index.ts';
import { runMatchingTests } from '../../../../engine/matching/testing.ts';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Sql, SqlClient } from '../../../db/sql.ts';
import { loadMatchingFiles } from '../../../definitions/library.ts';
import { AppError } from '../../errors.ts';
import { loadIndex, saveIndex } from './index-snapshot.ts';
import { MatchThreads, matchThreadCount, sharedBytes, sharedData, sharedNumbers, type ThreadSetup } from './match-threads.ts';
import { changedSince, keepKeys, keysDigest, readRegistryLines, RegistryLines } from './registry-rows.ts';

interface LoadedModel {
  model: MatchingModel;
  tables: NameTables;
}

let modelPromise: Promise<LoadedModel> | null = null;

/** SIPROS's matching model, once per process; a model that fails its own tests is never used. */
export function matchingModel(): Promise<LoadedModel> {
  modelPromise ??= (async () => {
    const loaded = await loadMatchingFiles();
    if (!loaded.ok) throw new AppError('MATCH_MODEL_INVALID', `El modelo de emparejamiento no es válido: ${loaded.errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}`);
    const failing = runMatchingTests(loaded.model, loaded.tables).filter((r) => !r.passed);
    if (failing.length > 0) throw new AppError('MATCH_MODEL_TESTS_FAILED', `El modelo de emparejamiento no pasa su tabla de pruebas: ${failing.map((r) => r.name).join('; ')}.`);
    return { model: loaded.model, tables: loaded.tables };
  })();
  modelPromise.catch(() => (modelPromise = null));
  return modelPromise;
}

/**
 * What changes whenever a person is added, changed, merged, split or taken out, by the database's own
 * clock (cambio_at, persona_baja) rather than the application's, which may be behind; and the oldest
 * transaction still writing, so that one that commits changes older than the newest already seen is
 * not missed (the changes since the index's reading are then looked up again). Each part is read from
 * an index: no count of ten million rows.
 */
async function registryStamp(sql: SqlClient): Promise<string> {
  const { rows } = await sql.query<{ stamp: string }>(
    `select concat_ws('/', (select max(cambio_at) from persona), (select max(cambio_at) from persona_curp), (select max(id) from persona_baja), pg_snapshot_xmin(pg_current_snapshot())) as stamp`,
  );
  return rows[0].stamp;
}

/** Every person of the registry as the matcher reads them (once per CURP they carry): for training. */
export async function registryRecords(sql: Sql): Promise<MatchInput[]> {
  const lines = await readRegistryLines(sql, '');
  return Array.from({ length: lines.length }, (_, row) => lines.input(row));
}

/**
 * What a build took: whether the index was built from the whole registry (`completo`), loaded from the
 * copy saved on disk (`guardado`) or brought up to date with the people changed since (`cambios`, which
 * follows either); how many rows, how many had to be read again, and how long each part took.
 */
export interface IndexBuild {
  kind: 'completo' | 'guardado' | 'cambios';
  rows: number;
  computed: number;
  readMs: number;
  buildMs: number;
  keepMs: number;
  /** Writing the index to disk (a build given a folder). */
  saveMs: number;
  bytes: number;
}

let lastBuild: IndexBuild | null = null;

/** The figures of the last build of this process's index (for the benchmark and the logs). */
export const lastIndexBuild = (): IndexBuild | null => lastBuild;

/** An index built in one go, with the lines it reads and the moment the registry was read as of. */
interface BaseIndex {
  index: MatchIndex;
  lines: RegistryLines;
  asOf: string;
}

/**
 * The moment a reading of the registry is as of, by the database's clock: before the start of every
 * transaction still open, so that a person written by one that commits during the reading (after
 * PostgreSQL took the reading's snapshot) counts among the changes since, and is read again then.
 */
async function readingMoment(sql: SqlClient): Promise<string> {
  const { rows } = await sql.query<{ asof: string }>(
    `select (least(statement_timestamp(), (select min(xact_start) from pg_stat_activity where datname = current_database() and xact_start is not null)) - interval '1 millisecond')::text as asof`,
  );
  return rows[0].asof;
}

async function databaseInstance(sql: SqlClient): Promise<string> {
  const { rows } = await sql.query<{ id: string }>('select id from padron_instancia');
  return rows[0]?.id ?? '';
}

/** Where the index is saved: beside the documents, in a folder of its own. */
export const indexDir = (storageDir: string) => join(storageDir, 'indice-padron');

/**
 * The registry's index built from PostgreSQL: the rows read in one pass, each row's keys taken from
 * persona_clave when they were computed from this version of the person with this model, the rest
 * read and their keys kept for next time; then, given a folder, saved there for the next process.
 */
export async function buildRegistryIndex(sql: Sql, model: MatchingModel, tables: NameTables, storageDir?: string): Promise<BaseIndex> {
  const digest = keysDigest(model, tables);
  const asOf = await readingMoment(sql);
  let t = performance.now();
  const lines = await readRegistryLines(sql, digest);
  const readMs = performance.now() - t;
  t = performance.now();
  const computed = new Map<number, RowKeys>();
  const index = buildMatchIndex(lines, model, tables, { keptKeys: (row) => lines.keptKeys(row), onKeys: (row, keys) => computed.set(row, keys) });
  const buildMs = performance.now() - t;
  t = performance.now();
  await keepKeys(sql, digest, lines, computed);
  lines.dropKeys();
  const keepMs = performance.now() - t;
  t = performance.now();
  const held = inSharedMemory(lines, index.data!, model, tables);
  if (storageDir) await saveIndex(indexDir(storageDir), { digest, instance: await databaseInstance(sql), asOf, lines: held.lines, data: held.index.data! });
  lastBuild = { kind: 'completo', rows: lines.length, computed: computed.size, readMs, buildMs, keepMs, saveMs: performance.now() - t, bytes: lines.bytes + index.blocks.bytes };
  return { ...held, asOf };
}

/** The index moved to shared memory, once, for the matching threads to read rather than copy (a saved index loads there). */
function inSharedMemory(lines: RegistryLines, data: NonNullable<MatchIndex['data']>, model: MatchingModel, tables: NameTables) {
  const { text, lineEnds } = lines.parts();
  const bytes = sharedBytes(text);
  const sharedLines = RegistryLines.of(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), sharedNumbers(lineEnds));
  return { lines: sharedLines, index: matchIndexFrom(sharedLines, sharedData(data), model, tables) };
}

/** The index saved on disk for this model and database, or null. */
async function savedIndex(sql: Sql, model: MatchingModel, tables: NameTables, storageDir: string): Promise<BaseIndex | null> {
  const t = performance.now();
  const saved = await loadIndex(indexDir(storageDir), keysDigest(model, tables), await databaseInstance(sql));
  if (!saved) return null;
  const index = matchIndexFrom(saved.lines, saved.data, model, tables);
  lastBuild = { kind: 'guardado', rows: saved.lines.length, computed: 0, readMs: performance.now() - t, buildMs: 0, keepMs: 0, saveMs: 0, bytes: saved.lines.bytes + index.blocks.bytes };
  return { index, lines: saved.lines, asOf: saved.asOf };
}

/** Up to this many people changed since a build, or 2 % of the registry, changes are laid over it (re-read at each change, so they must stay few); past that it is built again. */
const CHANGES_LAID_OVER = 20_000;

/**
 * The base index brought up to date: the rows of people changed or taken out since it was read set
 * aside, and the people as they are now read and filed. Null when so many changed that building
 * again costs less.
 */
async function withChangesSince(sql: Sql, base: BaseIndex, model: MatchingModel, tables: NameTables): Promise<{ index: MatchIndex; changes: LaidOver | null } | null> {
  let t = performance.now();
  const { rows } = await sql.query<{ id: string }>(`select id::text as id from (${changedSince(base.asOf)}) c`);
  if (rows.length > Math.max(CHANGES_LAID_OVER, base.lines.length / 50)) return null;
  if (rows.length === 0) return { index: base.index, changes: null };
  const removed = base.lines.rowsOf(new Set(rows.map((r) => r.id)));
  const added = await readRegistryLines(sql, keysDigest(model, tables), base.asOf);
  added.dropKeys();
  const readMs = performance.now() - t;
  t = performance.now();
  const index = indexWithChanges(base.index, { removed, added });
  lastBuild = { kind: 'cambios', rows: index.rows.length - removed.length, computed: added.length, readMs, buildMs: performance.now() - t, keepMs: 0, saveMs: 0, bytes: base.lines.bytes + added.bytes + index.blocks.bytes };
  return { index, changes: { removed, added } };
}

/** The changes laid over a base index (kept for the matching threads to lay them over too). */
interface LaidOver {
  removed: number[];
  added: RegistryLines;
}

/** The registry's index as a process holds it: built at a moment, with the changes since laid over it. */
export interface HeldIndex {
  model: MatchingModel;
  tables: NameTables;
  base: BaseIndex;
  changes: LaidOver | null;
  current: MatchIndex;
  stamp: string;
  checkedAt: number;
  /** Threads holding this very index (started by the first file large enough to share out). */
  threads?: Promise<MatchThreads>;
}

/** One per database (a test process opens several). */
const held = new WeakMap<Sql, HeldIndex>();

/** Forgets this process's index of a database, as a restarted process would have (for tests). */
export function forgetRegistryIndex(sql: Sql): void {
  void closeThreads(held.get(sql));
  held.delete(sql);
}

async function closeThreads(entry: HeldIndex | undefined): Promise<void> {
  const threads = await entry?.threads?.catch(() => null);
  await threads?.close();
}

/**
 * The registry's match index, up to date. The loading pipeline always asks whether the registry
 * changed (a count); a page that only warns (`maxAgeMs`) trusts an index checked that recently. A
 * process without one loads the index saved in `storageDir`, when there is one for this model and
 * database; either way, the people changed since are laid over it, and only when too many changed is
 * the whole registry read again (and saved again).
 */
export async function registryIndex(sql: Sql, options: { maxAgeMs?: number; storageDir?: string } = {}): Promise<MatchIndex> {
  return (await heldIndex(sql, options)).current;
}

/**
 * `threaded`: the caller will match a file large enough to share out, so when the index has to be
 * loaded or built the threads start meanwhile (reading their code takes most of a second) and are
 * given it once it is there.
 */
export async function heldIndex(sql: Sql, options: { maxAgeMs?: number; storageDir?: string; threaded?: boolean }): Promise<HeldIndex> {
  const { model, tables } = await matchingModel();
  const current = held.get(sql);
  const mine = current?.model === model ? current : undefined;
  if (mine && options.maxAgeMs !== undefined && Date.now() - mine.checkedAt < options.maxAgeMs) return mine;
  const stamp = await registryStamp(sql);
  if (mine?.stamp === stamp) {
    mine.checkedAt = Date.now();
    return mine;
  }
  const early = options.threaded && matchThreadCount() >= 2 ? threadsStartedEarly(model, tables) : null;
  try {
    let base = mine?.base ?? (options.storageDir ? await savedIndex(sql, model, tables, options.storageDir) : null);
    let laid = base ? await withChangesSince(sql, base, model, tables) : null;
    if (!base || !laid) {
      base = await buildRegistryIndex(sql, model, tables, options.storageDir);
      laid = { index: base.index, changes: null };
    }
    void closeThreads(current);
    const entry: HeldIndex = { model, tables, base, changes: laid.changes, current: laid.index, stamp, checkedAt: Date.now() };
    if (early) entry.threads = early.given(entry);
    held.set(sql, entry);
    return entry;
  } catch (error) {
    early?.cancel(error);
    throw error;
  }
}

/** Threads started before their index is there: `given` hands it to them, `cancel` lets them go. */
function threadsStartedEarly(model: MatchingModel, tables: NameTables) {
  let give!: (setup: ThreadSetup) => void;
  let cancel!: (reason: unknown) => void;
  const setup = new Promise<ThreadSetup>((resolve, reject) => {
    give = resolve;
    cancel = reject;
  });
  const threads = MatchThreads.start(setup, matchThreadCount());
  threads.catch(() => undefined);
  return {
    given(entry: HeldIndex): Promise<MatchThreads> {
      give({ parts: threadParts(entry), model, tables });
      return threads;
    },
    cancel,
  };
}

/** Files this large are shared out among threads; a smaller one is matched faster than threads start. */
const THREADED_FROM = 2_000;

/** The threads of an index, started on first use. */
function threadsOf(entry: HeldIndex): Promise<MatchThreads> {
  entry.threads ??= MatchThreads.start({ parts: threadParts(entry), model: entry.model, tables: entry.tables }, matchThreadCount());
  entry.threads.catch(() => (entry.threads = undefined));
  return entry.threads;
}

function threadParts(entry: HeldIndex) {
  const { text, lineEnds } = entry.base.lines.parts();
  const changes = entry.changes ? { removed: entry.changes.removed, ...entry.changes.added.parts() } : null;
  return { text, lineEnds, data: entry.base.index.data!, changes };
}

/**
 * Many records against the registry, each as matchRecord would answer (a CURP the file itself repeats
 * counts as unreliable, as in matchBatch): on every core when the file is large enough.
 */
export async function matchAll(entry: HeldIndex, inputs: readonly MatchInput[], repeated: ReadonlySet<string>): Promise<MatchOutcome[]> {
  if (inputs.length < THREADED_FROM || matchThreadCount() < 2) return matchBatch(entry.current, inputs, repeated);
  let threads = await threadsOf(entry);
  // Threads that let themselves go while idle are started again; any other failure is the caller's to see.
  if (!threads.open) {
    entry.threads = undefined;
    threads = await threadsOf(entry);
  }
  return threads.match(inputs, repeated);
}

/** How many threads hold this process's index of a database (0 when none were started): for tests and logs. */
export async function matchingThreads(sql: Sql): Promise<number> {
  const threads = await held.get(sql)?.threads?.catch(() => null);
  return threads?.size ?? 0;
}

/** A whole file matched against the registry as it is now (the benchmark and the command line's tools). */
export async function matchRecords(sql: Sql, inputs: readonly MatchInput[], options: { storageDir?: string } = {}): Promise<MatchOutcome[]> {
  const entry = await heldIndex(sql, { ...options, threaded: inputs.length >= THREADED_FROM });
  return matchAll(entry, inputs, repeatedInBatch(inputs, entry.model));
}
