import { Migration } from '@mikro-orm/migrations';

/**
 * SMS go out in batches (runtime/server/modules/sms/sms.ts): one job sends the messages of many
 * submissions. A message can then sit in two jobs at once (a batch and the periodic sweep's), so a
 * job first claims its rows for a while; another job skips claimed rows, and a worker killed
 * mid-send leaves a claim that simply expires, after which the sweep sends the message again.
 */
export class Migration0022SmsLotes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table notification_outbox add column claimed_until timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table notification_outbox drop column if exists claimed_until;`);
  }
}
