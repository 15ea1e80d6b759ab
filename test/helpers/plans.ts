import type { PreparedStatement, Sql } from '../../runtime/db/sql.ts';

/**
 * The plan PostgreSQL (or PGlite) picks for `text` when it may not read a whole table: on a test's
 * few rows a sequential scan is always cheapest, so only this shows which index a query can use.
 */
export async function planWithoutSeqScan(sql: Sql, text: string, params: readonly unknown[]): Promise<string> {
  return sql.transaction(async (client) => {
    await client.query('set local enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain ${text}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

/**
 * How many times PostgreSQL ran `statement` with its generic plan (planned once, kept) when one
 * connection runs it `times` times with `params`: 0 means it planned every call anew.
 */
export async function genericPlansAfter(sql: Sql, statement: PreparedStatement, params: readonly unknown[], times = 8): Promise<number> {
  return sql.transaction(async (client) => {
    for (let i = 0; i < times; i++) await client.query(statement, params);
    const { rows } = await client.query<{ generic: number }>('select generic_plans::int as generic from pg_prepared_statements where name = $1', [statement.name]);
    return rows[0]?.generic ?? 0;
  });
}

/**
 * The generic plan of `statement` (the one a connection keeps once it stops re-planning), as
 * PostgreSQL would make it now, whatever statistics the tables have or lack.
 */
export async function genericPlanOf(sql: Sql, statement: PreparedStatement, params: readonly unknown[]): Promise<string> {
  return sql.transaction(async (client) => {
    await client.query('set local plan_cache_mode = force_generic_plan');
    await client.query(`prepare plan_probe as ${statement.text}`);
    // EXPLAIN EXECUTE takes no bound parameters: the values go in as quoted literals (test values only).
    const literals = params.map((value) => `'${String(value).replaceAll("'", "''")}'`).join(', ');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain execute plan_probe(${literals})`);
    await client.query('deallocate plan_probe');
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
