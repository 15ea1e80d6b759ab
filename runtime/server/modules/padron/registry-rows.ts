/**
 * The registry as the match index reads it, straight from PostgreSQL: one line of text per person and
 * CURP (its fields joined by the unit separator, in the matcher's field order) and, when an earlier
 * build kept them, the row's blocking keys (persona_clave). Lines are kept as bytes in one buffer and
 * read into fields only when the index files or scores that row: ten million people take about one
 * gigabyte, and no object per person is ever built. On PostgreSQL the rows come through COPY in its
 * binary form; on PGlite (small registries) through one query.
 */
import { createHash } from 'node:crypto';
import { GrowingArray, type MatchInput, type MatchingModel, type NameTables, type RegistryRows, type RowKeys } from '../../../../engine/matching/index.ts';
import { bind, named, type Sql } from '../../../db/sql.ts';

const SEPARATOR = '\x1f';
/** The fields of a line, in order: the person, the CURP, the matcher's fields, and the person's version. */
const LINE_FIELDS = ['id', 'curp', 'nombre', 'primer_apellido', 'segundo_apellido', 'fecha_nacimiento', 'sexo', 'cve_mun', 'localidad', 'colonia', 'codigo_postal'] as const;

/** Which model computed a row's keys: its blocking rules, its CURP limit and the name tables they read. */
export function keysDigest(model: MatchingModel, tables: NameTables): string {
  return createHash('sha256').update(JSON.stringify([model.bloqueo, model.curpRepetida, tables])).digest('hex').slice(0, 32);
}

/**
 * Each person once per CURP they carry (a person with two CURPs is found by either); a person who came
 * with a CURP someone else holds keeps it on persona only, and is indexed with it too. The version is
 * the person's updated_at: keys computed from an older version are not used.
 */
const lineOf = (curp: string) => `p.id::text || chr(31) || ${curp} || chr(31) || coalesce(p.nombres, '') || chr(31) || coalesce(p.primer_apellido, '') || chr(31) ||
  coalesce(p.segundo_apellido, '') || chr(31) || coalesce(p.fecha_nacimiento::text, '') || chr(31) || coalesce(p.sexo, '') || chr(31) ||
  coalesce(right(p.cve_mun, 3), '') || chr(31) || coalesce(p.cve_loc, '') || chr(31) || coalesce(p.colonia, '') || chr(31) || coalesce(p.codigo_postal, '') || chr(31) ||
  p.updated_at::text`;

/** A timestamp as PostgreSQL writes one (the only text put into these statements besides a hex digest). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:\d{2})?)?$/;

/**
 * People changed since a moment of the database's clock (cambio_at, migration 0016): their row or one
 * of their CURPs written after it, or the person taken out.
 */
export function changedSince(since: string): string {
  if (!TIMESTAMP.test(since)) throw new Error(`not a PostgreSQL timestamp: ${since}`);
  return `select id from persona where cambio_at > '${since}' union select persona_id from persona_curp where cambio_at > '${since}'
    union select persona_id from persona_baja where baja_at > '${since}'`;
}

const registryLines = (digest: string, since?: string) => {
  if (!/^[0-9a-f]*$/.test(digest)) throw new Error(`not a keys digest: ${digest}`);
  const changed = since ? ` and p.id in (${changedSince(since)})` : '';
  return `
  select ${lineOf('c.curp')} as linea, k.claves
  from persona p
  join persona_curp c on c.persona_id = p.id
  left join persona_clave k on k.persona_id = p.id and k.curp = c.curp and k.modelo = '${digest}' and k.version = p.updated_at
  where p.fusionada_en is null${changed}
  union all
  select ${lineOf('p.curp')} as linea, k.claves
  from persona p
  left join persona_clave k on k.persona_id = p.id and k.curp = p.curp and k.modelo = '${digest}' and k.version = p.updated_at
  where p.fusionada_en is null${changed} and not exists (select 1 from persona_curp c where c.persona_id = p.id and c.curp = p.curp)`;
};

/** Bytes appended to one buffer that doubles when full. */
class GrowingBytes {
  bytes: Buffer<ArrayBufferLike> = Buffer.from(new ArrayBuffer(1 << 20));
  length = 0;

  static of(bytes: Buffer<ArrayBufferLike>): GrowingBytes {
    const grown = new GrowingBytes();
    grown.bytes = bytes;
    grown.length = bytes.length;
    return grown;
  }

  append(source: Buffer, start: number, end: number): void {
    const needed = this.length + (end - start);
    if (needed > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < needed) size *= 2;
      // Its own memory (not Node's shared pool), so its offset keeps 32-bit numbers aligned.
      const bigger = Buffer.from(new ArrayBuffer(size));
      this.bytes.copy(bigger, 0, 0, this.length);
      this.bytes = bigger;
    }
    // Lines are short: a loop costs less than a native copy call each.
    const target = this.bytes;
    for (let i = start, at = this.length; i < end; i++, at++) target[at] = source[i];
    this.length = needed;
  }
}

/** A hex digit's value ('0'–'9', 'a'–'f'). */
const hexValue = (c: number) => (c <= 57 ? c - 48 : c - 87);

function lineFields(text: Buffer, lineEnds: Uint32Array, row: number): string[] {
  const start = row === 0 ? 0 : lineEnds[row - 1];
  return text.toString('utf8', start, lineEnds[row]).split(SEPARATOR);
}

function inputOf(f: string[]): MatchInput {
  const input: MatchInput = { id: f[0] };
  for (let i = 1; i < LINE_FIELDS.length; i++) if (f[i] !== '') input[LINE_FIELDS[i] as Exclude<(typeof LINE_FIELDS)[number], 'id'>] = f[i];
  return input;
}

/** The registry's lines and kept keys, as read. */
export class RegistryLines implements RegistryRows {
  private text = new GrowingBytes();
  private lineEnds = new GrowingArray();
  private keyBytes = new GrowingBytes();
  /** Per row, where its kept keys end in keyValues (equal to the previous end: none kept). */
  private keyEnds = new GrowingArray();

  get length(): number {
    return this.lineEnds.length;
  }

  /** Bytes held (lines and keys). */
  get bytes(): number {
    return this.text.length + this.keyBytes.length + 4 * (this.lineEnds.length + this.keyEnds.length);
  }

  add(line: Buffer, start: number, end: number, keys: Buffer | null, keysStart = 0, keysEnd = keys?.length ?? 0): void {
    this.text.append(line, start, end);
    this.lineEnds.push(this.text.length);
    if (keys) this.keyBytes.append(keys, keysStart, keysEnd);
    this.keyEnds.push(this.keyBytes.length);
  }

  /** Lines saved earlier (index-snapshot.ts), without keys. */
  static of(text: Buffer<ArrayBufferLike>, lineEnds: Uint32Array): RegistryLines {
    const lines = new RegistryLines();
    lines.text = GrowingBytes.of(text);
    lines.lineEnds = Object.assign(new GrowingArray(), { data: lineEnds, length: lineEnds.length });
    lines.keyEnds = Object.assign(new GrowingArray(), { data: new Uint32Array(lineEnds.length), length: lineEnds.length });
    return lines;
  }

  /** The lines' bytes and where each ends (to save them). */
  parts(): { text: Buffer; lineEnds: Uint32Array } {
    return { text: this.text.bytes.subarray(0, this.text.length), lineEnds: this.lineEnds.view() };
  }

  /** The kept keys are let go once the index is built: a tenth of the memory, not needed to score. */
  dropKeys(): void {
    this.keyBytes = new GrowingBytes();
    this.keyEnds = Object.assign(new GrowingArray(), { data: new Uint32Array(this.lineEnds.length), length: this.lineEnds.length });
  }

  /**
   * The rows of these people. Each line starts with its person's id: the first eight hex digits are read
   * as a number and compared, and the whole id only when they agree (ten million rows in a few dozen ms).
   */
  rowsOf(personIds: ReadonlySet<string>): number[] {
    const prefixes = new Set([...personIds].map((id) => parseInt(id.slice(0, 8), 16)));
    const text = this.text.bytes;
    const ends = this.lineEnds.data;
    const found: number[] = [];
    for (let row = 0; row < this.lineEnds.length; row++) {
      const start = row === 0 ? 0 : ends[row - 1];
      let prefix = 0;
      for (let i = start; i < start + 8; i++) prefix = prefix * 16 + hexValue(text[i]);
      if (prefixes.has(prefix) && personIds.has(text.toString('latin1', start, start + 36))) found.push(row);
    }
    return found;
  }

  private fields(row: number): string[] {
    return lineFields(this.text.bytes, this.lineEnds.data, row);
  }

  input(row: number): MatchInput {
    return inputOf(this.fields(row));
  }

  /** The person, CURP and version of a row: where its keys are kept. */
  identity(row: number): { personaId: string; curp: string; version: string } {
    const f = this.fields(row);
    return { personaId: f[0], curp: f[1], version: f[LINE_FIELDS.length] };
  }

  keptKeys(row: number): RowKeys | null {
    const start = row === 0 ? 0 : this.keyEnds.data[row - 1];
    const end = this.keyEnds.data[row];
    if (end === start) return null;
    // Keys are whole 32-bit numbers, so every row's keys start on a multiple of four.
    const bytes = this.keyBytes.bytes;
    return new Uint32Array(bytes.buffer, bytes.byteOffset + start, (end - start) / 4);
  }
}

/** The stream's pieces (one per row, from pg-copy-streams) joined into blocks of about a megabyte. */
async function* batches(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  let held: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    held.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      yield Buffer.concat(held, size);
      held = [];
      size = 0;
    }
  }
  if (size > 0) yield Buffer.concat(held, size);
}

/**
 * Rows of PostgreSQL's binary COPY with two fields (the line, the keys or null): an 11-byte signature,
 * flags and a header extension, then per row a field count and each field's length and bytes.
 */
async function readBinaryCopy(chunks: AsyncIterable<Buffer>, onRow: (buffer: Buffer, lineStart: number, lineEnd: number, keysStart: number, keysEnd: number) => void): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  let headerRead = false;
  for await (const chunk of batches(chunks)) {
    const buffer = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let at = 0;
    if (!headerRead) {
      if (buffer.length < 19) {
        pending = buffer;
        continue;
      }
      at = 19 + buffer.readUInt32BE(15);
      headerRead = true;
    }
    while (at + 10 <= buffer.length) {
      if (buffer.readInt16BE(at) === -1) return;
      const lineStart = at + 6;
      const lineEnd = lineStart + buffer.readInt32BE(at + 2);
      if (lineEnd + 4 > buffer.length) break;
      const keysLength = buffer.readInt32BE(lineEnd);
      const keysStart = lineEnd + 4;
      const keysEnd = keysStart + Math.max(0, keysLength);
      if (keysEnd > buffer.length) break;
      onRow(buffer, lineStart, lineEnd, keysStart, keysLength === -1 ? keysStart : keysEnd);
      at = keysEnd;
    }
    pending = buffer.subarray(at);
  }
}

/** The whole registry (or the people changed since a moment), with the keys kept for rows that have not changed since they were computed. */
export async function readRegistryLines(sql: Sql, digest: string, since?: string): Promise<RegistryLines> {
  const lines = new RegistryLines();
  const copy = sql.copyOut(`copy (${registryLines(digest, since)}) to stdout with (format binary)`);
  if (copy) {
    await readBinaryCopy(copy, (buffer, lineStart, lineEnd, keysStart, keysEnd) => lines.add(buffer, lineStart, lineEnd, keysEnd > keysStart ? buffer : null, keysStart, keysEnd));
    return lines;
  }
  const { rows } = await sql.query<{ linea: string; claves: Uint8Array | null }>(registryLines(digest, since));
  for (const r of rows) {
    const line = Buffer.from(r.linea, 'utf8');
    lines.add(line, 0, line.length, r.claves ? Buffer.from(r.claves) : null);
  }
  return lines;
}

const KEEP_SLICE = 5_000;

const KEEP = named<{ personas: string[]; curps: string[]; versiones: string[]; modelo: string; claves: string[] }>(
  'padron-claves-guardar',
  `insert into persona_clave (persona_id, curp, modelo, version, claves)
   select t.persona, t.curp, :modelo, t.version, decode(t.claves, 'hex')
   from unnest(:personas::uuid[], :curps::text[], :versiones::timestamptz[], :claves::text[]) as t(persona, curp, version, claves)
   join persona p on p.id = t.persona
   on conflict (persona_id, curp) do update set modelo = excluded.modelo, version = excluded.version, claves = excluded.claves`,
);

/** COPY's text format: tab-separated, bytea as \\x and hex digits (the backslash itself escaped). */
function* copyLines(lines: RegistryLines, computed: Map<number, RowKeys>, rows: number[]): Iterable<string> {
  // A thousand rows a write: one write per row costs more than the rows.
  for (let at = 0; at < rows.length; at += 1000) {
    yield rows
      .slice(at, at + 1000)
      .map((row) => {
        const { personaId, curp, version } = lines.identity(row);
        return `${personaId}\t${curp.replace(/[\\\t\n\r]/g, '')}\t${version}\t\\\\x${hex(computed.get(row)!)}\n`;
      })
      .join('');
  }
}

const hex = (keys: RowKeys) => Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength).toString('hex');

const KEEP_COPIED = named<{ modelo: string }>(
  'padron-claves-guardar-copiadas',
  `insert into persona_clave (persona_id, curp, modelo, version, claves)
   select n.persona_id, n.curp, :modelo, n.version, n.claves from claves_nuevas n join persona p on p.id = n.persona_id
   on conflict (persona_id, curp) do update set modelo = excluded.modelo, version = excluded.version, claves = excluded.claves`,
);

/** Keys computed by a build, kept for the next one (a row changed since is simply computed again). */
export async function keepKeys(sql: Sql, digest: string, lines: RegistryLines, computed: Map<number, RowKeys>): Promise<void> {
  const rows = [...computed.keys()];
  const copied = await sql.transaction(async (tx) => {
    // On PostgreSQL every row in one COPY into a table of this transaction, then one insert.
    if (!tx.copyIn || rows.length < KEEP_SLICE) return false;
    // Ten million keys take minutes to write: background work, not an API statement.
    await tx.query('set local statement_timeout = 0');
    await tx.query('create temporary table claves_nuevas (persona_id uuid, curp text, version timestamptz, claves bytea) on commit drop');
    await tx.copyIn('copy claves_nuevas from stdin', copyLines(lines, computed, rows));
    await tx.query(KEEP_COPIED, bind(KEEP_COPIED, { modelo: digest }));
    return true;
  });
  for (let at = 0; !copied && at < rows.length; at += KEEP_SLICE) {
    const slice = rows.slice(at, at + KEEP_SLICE).map((row) => ({ ...lines.identity(row), keys: computed.get(row)! }));
    await sql.query(KEEP, bind(KEEP, { personas: slice.map((s) => s.personaId), curps: slice.map((s) => s.curp), versiones: slice.map((s) => s.version), modelo: digest, claves: slice.map((s) => hex(s.keys)) }));
  }
  // After a large write the planner's statistics would still describe an empty table (it would then
  // look every person's keys up one by one instead of joining once) until autovacuum gets to it.
  if (rows.length > 10_000 && rows.length * 10 > lines.length) await sql.query('analyze persona_clave');
}
