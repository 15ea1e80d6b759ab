import { Migration } from '@mikro-orm/migrations';

/**
 * Each registry person's blocking keys, as the match index last computed them (one row per CURP the
 * person carries): an index rebuilt from PostgreSQL reads them instead of reading every name again.
 * A row counts only for the person's version it was computed from (`version`, the person's
 * updated_at) and the model it was computed with (`modelo`, a digest of the blocking rules and name
 * tables); anything else is computed again.
 */
export class Migration0015ClavesEmparejamiento extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table persona_clave (
        persona_id uuid not null references persona (id) on delete cascade,
        curp text not null,
        modelo text not null,
        version timestamptz not null,
        claves bytea not null,
        primary key (persona_id, curp)
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists persona_clave;');
  }
}
