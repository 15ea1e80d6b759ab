import { Migration } from '@mikro-orm/migrations';

/**
 * The short delivery code (applications/delivery-token.ts): issued with the delivery QR's token, unique, and
 * looked up when an official types it at the counter. Applications approved before this migration
 * get theirs the first time their QR page is opened.
 */
export class Migration0010DeliveryCode extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table application add column delivery_code text null;`);
    this.addSql(`create unique index application_delivery_code_idx on application (delivery_code) where delivery_code is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists application_delivery_code_idx;`);
    this.addSql(`alter table application drop column if exists delivery_code;`);
  }
}
