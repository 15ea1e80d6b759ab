import { Migration } from '@mikro-orm/migrations';

/**
 * Where the citizen is in a draft (step shown, furthest step reached, came from the review page),
 * kept with the draft so that it reopens at its step on any device, not only in the browser that
 * saved it. Null for drafts never moved and for submitted applications, which do not need it.
 */
export class Migration0009DraftPosition extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table application add column draft_position jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table application drop column if exists draft_position;`);
  }
}
