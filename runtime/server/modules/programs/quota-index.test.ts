import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planWithoutSeqScan } from '../../../../test/helpers/plans.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/server.ts';
import { QUOTA_CONDITION, QUOTA_STATUSES } from './current.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-24T10:00:00-06:00', seed: false });
}, 60_000);
afterAll(() => t?.close());

describe('the quota counts only the applications that hold a place', () => {
  // A submission never touches this index: it lands in a status before approval. That holds only
  // while the index and the code agree on which statuses take a place (migration 0025 froze them).
  it('reads them from their partial index, whose statuses are QUOTA_STATUSES', async () => {
    const { rows } = await t.app.db.sql.query<{ def: string }>(`select indexdef as def from pg_indexes where indexname = 'application_cupo_idx'`);
    expect(rows[0]?.def, 'una migración nueva debe rehacer application_cupo_idx con los estados de QUOTA_STATUSES').toContain(`ARRAY[${QUOTA_STATUSES.map((s) => `'${s}'::text`).join(', ')}]`);
    const plan = await planWithoutSeqScan(t.app.db.sql, `select count(*) from application where program_id = $1 and ${QUOTA_CONDITION}`, ['becas-escolares']);
    expect(plan).toContain('application_cupo_idx');
  });
});
