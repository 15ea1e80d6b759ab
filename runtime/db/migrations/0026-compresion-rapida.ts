import { Migration } from '@mikro-orm/migrations';

/**
 * Cheaper storage of a submission's answers and of the citizen's expediente (issue 14): both are
 * 2–3 KB of JSON, written once per submission (and the answers at each autosave of a draft).
 * PostgreSQL compressed them with pglz, its slow default, and moved the answers out of the row to
 * the TOAST table (a second heap insert and index entry per write), because the row passed 2 KB.
 * - lz4 compresses the same JSON to about the same size several times faster; it is used where the
 *   server was built with it (PostgreSQL's Debian packages are; PGlite is not, and keeps pglz).
 * - Storage `main` keeps the compressed answers in the row (about 2.3 KB) unless they cannot fit
 *   a page at all; reading an application no longer needs a second lookup for them either. The
 *   eligibility and the workflow's snapshot get it too: else PostgreSQL, to bring the row under
 *   2 KB, would move those two out instead, two TOAST writes for one.
 * Values already stored keep their form until they are written again; both forms read the same.
 */
export class Migration0026CompresionRapida extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table application alter column answers set storage main, alter column eligibility set storage main, alter column snapshot set storage main;`);
    this.addSql(`
      do $$
      begin
        if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
          alter table application alter column answers set compression lz4;
          alter table citizen alter column expediente set compression lz4;
        end if;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table application alter column answers set storage extended, alter column eligibility set storage extended, alter column snapshot set storage extended;`);
    this.addSql(`alter table application alter column answers set compression default;`);
    this.addSql(`alter table citizen alter column expediente set compression default;`);
  }
}
