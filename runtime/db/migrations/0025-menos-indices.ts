import { Migration } from '@mikro-orm/migrations';

/**
 * Fewer indexes on `application` for opening day (issue 14): every submission writes a new
 * version of its row, and PostgreSQL adds it to each index whose condition it meets. Three of them
 * answered nothing the queue's own indexes do not:
 * - `application_queue_idx` (program, status, date) and `application_municipio_idx` (program,
 *   municipio, status) served the quota counts and the first dashboards. The dashboard reads its
 *   kept counts (0021); the quota counts only approved and delivered applications, so they get a
 *   partial index of just those, which a submission (it lands in a status before approval) never
 *   touches.
 * - `application_folio_numero_idx` (the folio's number, all programs): a number typed in the
 *   queue's search is looked up in the queue's folio index (program, stage, number), one probe per
 *   program and stage the official sees.
 */
export class Migration0025MenosIndices extends Migration {
  override async up(): Promise<void> {
    // The statuses of QUOTA_STATUSES (programs/current.ts) as they are today: a migration does not
    // change with the code. quota-index.test.ts checks the quota's count still reads this index.
    this.addSql(`create index application_cupo_idx on application (program_id, status) include (municipio, localidad) where status in ('Aprobada', 'Entregado');`);
    this.addSql(`drop index if exists application_queue_idx;`);
    this.addSql(`drop index if exists application_municipio_idx;`);
    this.addSql(`drop index if exists application_folio_numero_idx;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index if not exists application_folio_numero_idx on application ((public.sipros_folio_numero(folio))) where folio is not null;`);
    this.addSql(`create index if not exists application_municipio_idx on application (program_id, municipio, status);`);
    this.addSql(`create index if not exists application_queue_idx on application (program_id, status, submitted_at desc, id);`);
    this.addSql(`drop index if exists application_cupo_idx;`);
  }
}
