import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/postgresql';

export interface SqlResult<T> {
  rows: T[];
  rowCount: number;
}

/**
 * A statement run often enough to keep prepared: PostgreSQL parses and plans it once per
 * connection instead of at every call (planning a write to a table with many indexes costs
 * more than the write). Names must be unique per text.
 */
export interface PreparedStatement {
  name: string;
  text: string;
}

export function prepared(name: string, text: string): PreparedStatement {
  return { name, text };
}

/**
 * A prepared statement written with named parameters (`:folio`, `:answers::jsonb`) instead of
 * `$1…$24`: a long write reads as what it stores, and a value cannot slip to the wrong place.
 * The names become `$n` once, when the module loads; `bind` orders the values by them.
 */
export interface NamedStatement<P extends Record<string, unknown>> extends PreparedStatement {
  readonly params: ReadonlyArray<keyof P & string>;
}

/** Quoted SQL strings, which may contain a colon that is not a parameter. */
const QUOTED = /('(?:[^']|'')*')/;
/** `:name`, not the `::` of a cast. */
const PARAMETER = /(?<![:\w]):([A-Za-z_][A-Za-z0-9_]*)/g;

export function named<P extends Record<string, unknown>>(name: string, text: string): NamedStatement<P> {
  const params: string[] = [];
  const compiled = text
    .split(QUOTED)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(PARAMETER, (_match, param: string) => {
            const at = params.indexOf(param);
            return `$${at >= 0 ? at + 1 : params.push(param)}`;
          }),
    )
    .join('');
  return { name, text: compiled, params: params as Array<keyof P & string> };
}

/** The positional values of a named statement, in the order of its `$n`. */
export function bind<P extends Record<string, unknown>>(statement: NamedStatement<P>, values: P): unknown[] {
  return statement.params.map((param) => values[param]);
}

export interface SqlClient {
  /** One parameterised statement ($1, $2, …); values are sent apart from the text, never inlined. */
  query<T = Record<string, unknown>>(statement: string | PreparedStatement, params?: readonly unknown[]): Promise<SqlResult<T>>;
  /**
   * PostgreSQL's `COPY … FROM STDIN` on this connection, fed with lines in COPY's text format (null on
   * PGlite): for writing many rows at once inside a transaction.
   */
  copyIn?: ((statement: string, lines: Iterable<string>) => Promise<void>) | null;
}

export interface Sql extends SqlClient {
  /** Runs `work` on one connection between BEGIN and COMMIT (ROLLBACK if it throws). */
  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL's `COPY … TO STDOUT` as a stream of bytes (null on PGlite, which has no such stream):
   * for reading millions of rows without building an object for each. No statement time limit.
   */
  copyOut(statement: string): AsyncIterable<Buffer> | null;
}

type RawResult = { rows: unknown[]; rowCount?: number | null; affectedRows?: number };

/** What a pooled connection answers: node-postgres gives rowCount, PGlite affectedRows. */
interface RawConnection {
  query(text: string | { name: string; text: string; values: readonly unknown[] }, params?: readonly unknown[]): Promise<RawResult>;
}

/** The part of knex's client we use: its connection pool, the one MikroORM itself draws from. */
interface PooledClient {
  acquireConnection(): Promise<RawConnection>;
  releaseConnection(connection: RawConnection): Promise<void>;
}

/**
 * Hand-written SQL for the few hot paths (submission, session lookup, SMS worker) where going
 * through entities costs more than the database work itself: measured on this machine, an
 * ORM round trip cost ~8× the CPU of the same statement sent directly. It draws connections
 * from MikroORM's own pool, so both share one pool limit, and on PGlite (one connection) the
 * pool serialises it with MikroORM's transactions instead of interleaving statements.
 */
export function createSql(orm: MikroORM, kind: 'postgresql' | 'pglite'): Sql {
  const client = (orm.em.getConnection() as AbstractSqlConnection).getKnex().client as unknown as PooledClient;
  const wrap = (connection: RawConnection): SqlClient => ({
    copyIn: kind === 'postgresql' ? (statement, lines) => pipeline(Readable.from(lines), (connection as unknown as { query(s: unknown): NodeJS.WritableStream }).query(copyFrom(statement))) : null,
    async query<T>(statement: string | PreparedStatement, params: readonly unknown[] = []) {
      // node-postgres prepares named statements per connection; PGlite (in-process, one
      // connection) has no such option and gains little from it.
      const result =
        typeof statement === 'string' || kind === 'pglite'
          ? await connection.query(typeof statement === 'string' ? statement : statement.text, params)
          : await connection.query({ name: statement.name, text: statement.text, values: params });
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.affectedRows ?? 0 };
    },
  });
  async function withConnection<T>(work: (c: SqlClient) => Promise<T>): Promise<T> {
    const connection = await client.acquireConnection();
    try {
      return await work(wrap(connection));
    } finally {
      await client.releaseConnection(connection);
    }
  }
  async function* copyOut(statement: string): AsyncIterable<Buffer> {
    const connection = await client.acquireConnection();
    try {
      // A COPY of the whole registry is background work and takes minutes at ten million people: the API's
      // statement limit is lifted for it, and put back before the connection returns to the pool.
      await connection.query('set statement_timeout = 0');
      yield* (connection as unknown as { query(s: unknown): AsyncIterable<Buffer> }).query(copyTo(statement));
    } finally {
      await connection.query('reset statement_timeout').catch(() => undefined);
      await client.releaseConnection(connection);
    }
  }
  return {
    copyOut: (statement) => (kind === 'postgresql' ? copyOut(statement) : null),
    query: (text, params) => withConnection((c) => c.query(text, params)),
    transaction: (work) =>
      withConnection(async (c) => {
        await c.query('begin');
        try {
          const result = await work(c);
          await c.query('commit');
          return result;
        } catch (error) {
          await c.query('rollback');
          throw error;
        }
      }),
  };
}

/** PostgreSQL's unique_violation, with the constraint or index that refused the row. */
export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return null;
  return e.constraint ?? /"([^"]+)"/.exec(e.message ?? '')?.[1] ?? '';
}
