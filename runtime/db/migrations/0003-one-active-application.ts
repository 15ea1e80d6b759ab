import { Migration } from '@mikro-orm/migrations';

/**
 * At most one active (submitted, not rejected nor dropped) application per citizen and program,
 * enforced by the database: two drafts of the same program submitted at the same instant can
 * no longer both pass the application-level check.
 */
export class Migration0003OneActiveApplication extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create unique index application_one_active_idx on application (citizen_id, program_id) where folio is not null and status not in ('Rechazada', 'Baja');`);
  }
}
