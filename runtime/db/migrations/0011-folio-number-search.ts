import { Migration } from '@mikro-orm/migrations';

/**
 * A folio searched by its end («TUNI-123») or just its number («123»), as people read it over the
 * phone: the number is unique within a program, so an index on it finds at most one application
 * per program, however large the queue.
 */
export class Migration0011FolioNumberSearch extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index application_folio_numero_idx on application ((public.sipros_folio_numero(folio))) where folio is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists application_folio_numero_idx;`);
  }
}
