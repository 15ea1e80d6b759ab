import { Migration } from '@mikro-orm/migrations';

/**
 * Name search and dashboard counts at 10 M applications (issue 14; bench:queue measures both).
 *
 * Name search. A name is its words (`sipros_palabras`: the folded name cut at spaces, hyphens and
 * other punctuation, apostrophes kept inside a word, every letter kept whatever its alphabet), and
 * a word typed finds the names with a word that begins with it. Two structures answer it:
 * - `application_word`: one row per word of each submitted application's name, in submission
 *   order within the word, with the program and the whole name beside it (INCLUDE). For a
 *   common name the queue walks the rarest word's rows newest first and tests the other words
 *   in the index entry itself: a page of «hernández maría» costs a few hundred entries, whatever
 *   the number of applications, instead of fetching each of its thousands of matches. Its words
 *   are also the dictionary that turns a beginning («guad») into whole words («guadalupe»).
 * - A GIN index of the words of each application (exact words, no trigrams): a rare combination
 *   («hernández garcía maría») is the intersection of its words' lists, fetched and ordered.
 * It replaces the trigram index, which matched any substring and whose 20-odd trigrams per name
 * were the most expensive index kept up at each submission.
 *
 * Dashboard counts. `application_count` holds the submitted applications per (program, status,
 * municipio); every change of an application's status, municipio or program (submission,
 * transitions, bulk approvals, delivery, a deleted application: whoever writes it) appends its
 * ±1 to `application_count_change` in the writer's own transaction, through a trigger. Appending
 * takes no lock: a counts row updated in place by every submission would be held from the write
 * to the commit by each, and 1,500 submissions a second in a few hot rows (one program opening,
 * the capital's municipio) would queue behind one another's commit. The dashboard reads the
 * counts plus the pending changes in one snapshot (exact at any moment); the processes that run
 * jobs fold the changes into the counts every second (dashboard/counts.ts). Drafts (status
 * 'Borrador', the only applications in it) are never counted, as before.
 */
export class Migration0021NombresYTablero extends Migration {
  override async up(): Promise<void> {
    this.nameSearch();
    this.counts();
  }

  private nameSearch(): void {
    // One expression, so PostgreSQL inlines it: it is evaluated for the GIN index at every new
    // version of a submitted application's row. A word may repeat, and a name that begins or ends
    // with punctuation gives an empty word: the GIN index keeps each once, and no search is empty.
    this.addSql(`
      create function sipros_palabras(nombre text) returns text[] language sql immutable parallel safe strict
      as $$ select regexp_split_to_array(nombre, '[^A-Za-z0-9''\\u0080-\\uffff]+') $$;`);
    this.addSql(`
      create table application_word (
        word text collate "C" not null,
        submitted_at timestamptz not null,
        application_id uuid not null,
        program_id text not null,
        nombre_busqueda text collate "C" not null,
        constraint application_word_pkey primary key (word, submitted_at, application_id) include (program_id, nombre_busqueda)
      );`);
    // Only inserted into: vacuumed after 1 % more rows (not the default 20 %) so the newest entries,
    // those a search in date order reads first, are soon answered from the index alone.
    this.addSql(`alter table application_word set (autovacuum_vacuum_insert_scale_factor = 0.01);`);
    // The whole words that begin with `prefijo` (at most `tope`), one index descent each.
    this.addSql(`
      create function sipros_palabras_con_prefijo(prefijo text, tope integer) returns text[] language sql stable parallel safe strict
      as $$
        with recursive siguiente(word, n) as (
          (select w.word, 1 from public.application_word w where w.word >= prefijo order by w.word limit 1)
          union all
          (select (select w.word from public.application_word w where w.word > s.word order by w.word limit 1), s.n + 1
             from siguiente s where s.n < tope and starts_with(s.word, prefijo))
        )
        select coalesce(array_agg(word order by word), '{}') from siguiente where starts_with(word, prefijo)
      $$;`);
    this.addSql(`
      create function application_word_sync() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and old.folio is not null and old.submitted_at is not null then
          delete from public.application_word
           where word = any(public.sipros_palabras(old.nombre_busqueda)) and submitted_at = old.submitted_at and application_id = old.id;
        end if;
        if tg_op in ('INSERT', 'UPDATE') and new.folio is not null and new.submitted_at is not null then
          insert into public.application_word (word, submitted_at, application_id, program_id, nombre_busqueda)
          select distinct w, new.submitted_at, new.id, new.program_id, new.nombre_busqueda
            from unnest(public.sipros_palabras(new.nombre_busqueda)) w where w <> '';
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger application_word_ins after insert on application for each row when (new.folio is not null) execute function application_word_sync();`);
    // citizen_id: a new citizen brings a new name (set by a BEFORE trigger, which UPDATE OF does not see).
    this.addSql(`
      create trigger application_word_upd after update of folio, submitted_at, nombre_busqueda, program_id, citizen_id on application
      for each row when ((old.folio is not null or new.folio is not null) and (old.folio is distinct from new.folio
        or old.submitted_at is distinct from new.submitted_at or old.nombre_busqueda is distinct from new.nombre_busqueda
        or old.program_id is distinct from new.program_id))
      execute function application_word_sync();`);
    this.addSql(`create trigger application_word_del after delete on application for each row when (old.folio is not null) execute function application_word_sync();`);
    // Also for loads written with the triggers off (bench:queue's COPY).
    this.addSql(`
      create function sipros_rehacer_palabras() returns void language sql as $$
        lock table public.application in share mode;
        truncate public.application_word;
        insert into public.application_word (word, submitted_at, application_id, program_id, nombre_busqueda)
        select w.word, a.submitted_at, a.id, a.program_id, a.nombre_busqueda
          from public.application a
         cross join lateral (select distinct u.word from unnest(public.sipros_palabras(a.nombre_busqueda)) as u(word) where u.word <> '') w
         where a.folio is not null and a.submitted_at is not null;
      $$;`);
    this.addSql(`select sipros_rehacer_palabras();`);
    this.addSql(`create index application_palabras_idx on application using gin ((public.sipros_palabras(nombre_busqueda))) where folio is not null;`);
    // The queue chooses its way by PostgreSQL's estimate of a name's matches. PostgreSQL takes no
    // statistics from a partial index, so the words get statistics of their own; and more words
    // than the default 100 (x10) are kept, so that few names fall below the most common ones.
    this.addSql(`create statistics application_palabras_stats on (public.sipros_palabras(nombre_busqueda)) from application;`);
    this.addSql(`alter statistics application_palabras_stats set statistics 1000;`);
    this.addSql(`alter table application_word alter column word set statistics 1000;`);
    this.addSql(`drop index if exists application_nombre_trgm_idx;`);
  }

  private counts(): void {
    // municipio '' stands for none: a primary key column cannot be null.
    this.addSql(`
      create table application_count (
        program_id text not null,
        status text not null,
        municipio text not null,
        n bigint not null,
        constraint application_count_pkey primary key (program_id, status, municipio)
      );`);
    // Appended by every writer, folded and emptied by the jobs processes: no index to keep up.
    this.addSql(`
      create table application_count_change (
        program_id text not null,
        status text not null,
        municipio text not null,
        n integer not null
      );`);
    this.addSql(`
      create function application_count_track() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and old.status <> 'Borrador' then
          insert into public.application_count_change (program_id, status, municipio, n) values (old.program_id, old.status, coalesce(old.municipio, ''), -1);
        end if;
        if tg_op in ('INSERT', 'UPDATE') and new.status <> 'Borrador' then
          insert into public.application_count_change (program_id, status, municipio, n) values (new.program_id, new.status, coalesce(new.municipio, ''), 1);
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger application_count_ins after insert on application for each row when (new.status <> 'Borrador') execute function application_count_track();`);
    this.addSql(`
      create trigger application_count_upd after update of status, municipio, program_id on application
      for each row when ((old.status <> 'Borrador' or new.status <> 'Borrador') and (old.status is distinct from new.status
        or old.municipio is distinct from new.municipio or old.program_id is distinct from new.program_id))
      execute function application_count_track();`);
    this.addSql(`create trigger application_count_del after delete on application for each row when (old.status <> 'Borrador') execute function application_count_track();`);
    this.addSql(`
      create function sipros_rehacer_conteos() returns void language sql as $$
        lock table public.application in share mode;
        truncate public.application_count, public.application_count_change;
        insert into public.application_count (program_id, status, municipio, n)
        select program_id, status, coalesce(municipio, ''), count(*) from public.application where status <> 'Borrador' group by 1, 2, 3;
      $$;`);
    this.addSql(`select sipros_rehacer_conteos();`);
    // Emptying the applications (a reset of a test or demo database) empties what is derived from them.
    this.addSql(`
      create function application_derived_truncate() returns trigger language plpgsql as $$
      begin
        truncate public.application_word, public.application_count, public.application_count_change;
        return null;
      end $$;`);
    this.addSql(`create trigger application_derived_truncate after truncate on application for each statement execute function application_derived_truncate();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists application_derived_truncate on application;');
    for (const op of ['ins', 'upd', 'del']) {
      this.addSql(`drop trigger if exists application_count_${op} on application;`);
      this.addSql(`drop trigger if exists application_word_${op} on application;`);
    }
    this.addSql('drop function if exists application_derived_truncate();');
    this.addSql('drop function if exists sipros_rehacer_conteos();');
    this.addSql('drop function if exists application_count_track();');
    this.addSql('drop table if exists application_count_change;');
    this.addSql('drop table if exists application_count;');
    this.addSql('drop statistics if exists application_palabras_stats;');
    this.addSql('drop index if exists application_palabras_idx;');
    this.addSql('drop function if exists sipros_rehacer_palabras();');
    this.addSql('drop function if exists application_word_sync();');
    this.addSql('drop function if exists sipros_palabras_con_prefijo(text, integer);');
    this.addSql('drop table if exists application_word;');
    this.addSql('drop function if exists sipros_palabras(text);');
    this.addSql(`create index application_nombre_trgm_idx on application using gin (nombre_busqueda public.gin_trgm_ops) where folio is not null;`);
  }
}
