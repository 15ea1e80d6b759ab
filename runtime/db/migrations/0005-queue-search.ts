import { Migration } from '@mikro-orm/migrations';

/**
 * The officials' work queue over millions of applications (bench:queue measures it):
 *
 * - Keyset pages: one btree per sort order, led by (program_id, state). The queue reads every
 *   (program, workflow state) pair in the official's scope as a separate, already ordered index
 *   range and merges the first rows of each, so every page costs a few index descents whatever
 *   the filters (programa, proceso and estado only choose which pairs are read) and however deep.
 * - Sorting and searching by name: `nombre_busqueda` keeps the applicant's name, apellidos first,
 *   lower case and without accents (byte order, collation "C", the same on PostgreSQL and PGlite),
 *   filled by triggers from the citizen row; a trigram index finds name words anywhere in it.
 * - CURP and folio searches use the existing unique indexes (citizen.curp, application.folio).
 * - A report of one program reads just that program's rows, in application-number order.
 *
 * `unaccent(text)` is only STABLE (it reads its dictionary from the search path), so it cannot be
 * used in an index; `sipros_unaccent` names the dictionary explicitly and is declared IMMUTABLE,
 * the usual way to index unaccented text. Every function qualifies its schema, so indexes rebuild
 * under an empty search_path (pg_restore).
 */
export class Migration0005QueueSearch extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function sipros_unaccent(text) returns text language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;`);
    // lower() after unaccent: with the "C" locale lower() only folds ASCII, so "É" must become "E" first.
    this.addSql(`
      create function sipros_nombre_busqueda(nombres text, primer_apellido text, segundo_apellido text) returns text
      language sql immutable parallel safe
      as $$ select lower(public.sipros_unaccent(primer_apellido || ' ' || coalesce(segundo_apellido || ' ', '') || nombres)) $$;`);
    // Folios are 'DD/MM/YYYY-PREFIX-N': as text they sort by day of the month; N is the issue order.
    this.addSql(`
      create function sipros_folio_numero(folio text) returns bigint language sql immutable parallel safe strict
      as $$ select substring(folio from '-([0-9]{1,18})$')::bigint $$;`);

    this.addSql(`alter table application add column nombre_busqueda text collate "C";`);
    this.addSql(`
      update application a
         set nombre_busqueda = public.sipros_nombre_busqueda(c.nombres, c.primer_apellido, c.segundo_apellido)
        from citizen c where c.id = a.citizen_id;`);
    // New applications take the name from their citizen (bulk loads may supply it themselves).
    this.addSql(`
      create function application_nombre_busqueda() returns trigger language plpgsql as $$
      begin
        select public.sipros_nombre_busqueda(c.nombres, c.primer_apellido, c.segundo_apellido)
          into new.nombre_busqueda from public.citizen c where c.id = new.citizen_id;
        return new;
      end $$;`);
    this.addSql(`
      create trigger application_nombre_busqueda_ins before insert on application
      for each row when (new.nombre_busqueda is null) execute function application_nombre_busqueda();`);
    this.addSql(`
      create trigger application_nombre_busqueda_upd before update of citizen_id on application
      for each row execute function application_nombre_busqueda();`);
    // A corrected name (citizen service) reaches the citizen's applications at once.
    this.addSql(`
      create function citizen_nombre_busqueda() returns trigger language plpgsql as $$
      begin
        update public.application
           set nombre_busqueda = public.sipros_nombre_busqueda(new.nombres, new.primer_apellido, new.segundo_apellido)
         where citizen_id = new.id;
        return null;
      end $$;`);
    this.addSql(`
      create trigger citizen_nombre_busqueda_upd after update of nombres, primer_apellido, segundo_apellido on citizen
      for each row when (old.nombres is distinct from new.nombres or old.primer_apellido is distinct from new.primer_apellido
                         or old.segundo_apellido is distinct from new.segundo_apellido)
      execute function citizen_nombre_busqueda();`);

    // Drafts (no folio) never show in the queue: every queue index leaves them out. The name rides
    // along (INCLUDE) so a search for a common name can walk an order's index and test the name
    // without reading the table; the folio rides along so its number is computed from the index.
    this.addSql(`create index application_cola_fecha_idx on application (program_id, state, submitted_at, id) include (nombre_busqueda) where folio is not null;`);
    this.addSql(`create index application_cola_folio_idx on application (program_id, state, (public.sipros_folio_numero(folio)), id) include (folio, nombre_busqueda) where folio is not null;`);
    this.addSql(`create index application_cola_nombre_idx on application (program_id, state, nombre_busqueda, id) where folio is not null;`);
    this.addSql(`create index application_nombre_trgm_idx on application using gin (nombre_busqueda public.gin_trgm_ops) where folio is not null;`);
    // A report of one program reads its rows in application-number order, batch after batch.
    this.addSql(`create index application_reporte_idx on application (program_id, numero) where folio is not null;`);
  }

  override async down(): Promise<void> {
    for (const index of ['application_reporte_idx', 'application_nombre_trgm_idx', 'application_cola_nombre_idx', 'application_cola_folio_idx', 'application_cola_fecha_idx']) {
      this.addSql(`drop index if exists ${index};`);
    }
    this.addSql('drop trigger if exists citizen_nombre_busqueda_upd on citizen;');
    this.addSql('drop trigger if exists application_nombre_busqueda_upd on application;');
    this.addSql('drop trigger if exists application_nombre_busqueda_ins on application;');
    this.addSql('drop function if exists citizen_nombre_busqueda();');
    this.addSql('drop function if exists application_nombre_busqueda();');
    this.addSql('alter table application drop column if exists nombre_busqueda;');
    this.addSql('drop function if exists sipros_folio_numero(text);');
    this.addSql('drop function if exists sipros_nombre_busqueda(text, text, text);');
    this.addSql('drop function if exists sipros_unaccent(text);');
  }
}
