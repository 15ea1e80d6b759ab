import { Migration } from '@mikro-orm/migrations';

/**
 * The periodic sweep (runtime/jobs/durable-work.ts) looks for pending SMS every minute in every
 * process that runs jobs. Without an index that is a scan of the whole outbox, which grows with
 * every submission; pending rows are few, so a partial index keeps the look-up small.
 */
export class Migration0008PendingOutbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index notification_outbox_pending_idx on notification_outbox (created_at) where status = 'pendiente';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists notification_outbox_pending_idx;`);
  }
}
