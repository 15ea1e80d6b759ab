import { Migration } from '@mikro-orm/migrations';

/**
 * What the match index needs to follow the registry's changes instead of reading all of it again:
 * when each person last changed by the database's own clock (cambio_at on persona and persona_curp:
 * set on insert by default and on update by a trigger, whatever the application's clock says), which
 * people were taken out (persona_baja, written by a trigger on every delete, whoever deletes), and
 * which database a saved index belongs to (padron_instancia: one row, a random id made once; a
 * restored or different database has another). Rows written before this migration have no
 * cambio_at: they count as unchanged since any index built after it.
 */
export class Migration0016IndiceCambios extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function registrar_cambio() returns trigger language plpgsql as $$
      begin
        new.cambio_at := clock_timestamp();
        return new;
      end $$;`);
    for (const table of ['persona', 'persona_curp']) {
      // Added without a default, then given one: a volatile default on existing rows would rewrite the table.
      this.addSql(`alter table ${table} add column cambio_at timestamptz;`);
      this.addSql(`alter table ${table} alter column cambio_at set default clock_timestamp();`);
      this.addSql(`create index ${table}_cambio_at_idx on ${table} (cambio_at);`);
      this.addSql(`create trigger ${table}_cambio before update on ${table} for each row execute function registrar_cambio();`);
    }
    this.addSql(`
      create table persona_baja (
        id bigint generated always as identity primary key,
        persona_id uuid not null,
        baja_at timestamptz not null default clock_timestamp()
      );`);
    this.addSql('create index persona_baja_at_idx on persona_baja (baja_at);');
    this.addSql(`
      create function persona_bajas() returns trigger language plpgsql as $$
      begin
        insert into persona_baja (persona_id) select id from bajas;
        return null;
      end $$;`);
    this.addSql('create trigger persona_bajas after delete on persona referencing old table as bajas for each statement execute function persona_bajas();');
    this.addSql(`
      create table padron_instancia (
        id uuid primary key default gen_random_uuid(),
        unica boolean not null default true unique check (unica)
      );`);
    this.addSql('insert into padron_instancia default values;');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists padron_instancia;');
    this.addSql('drop trigger if exists persona_bajas on persona;');
    this.addSql('drop function if exists persona_bajas();');
    this.addSql('drop table if exists persona_baja;');
    for (const table of ['persona', 'persona_curp']) {
      this.addSql(`drop trigger if exists ${table}_cambio on ${table};`);
      this.addSql(`alter table ${table} drop column if exists cambio_at;`);
    }
    this.addSql('drop function if exists registrar_cambio();');
  }
}
