import type { Sql } from '../../runtime/db/sql.ts';

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
