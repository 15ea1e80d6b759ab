import { Migration } from '@mikro-orm/migrations';

/**
 * The dashboard's padrón figures (people and supports of its programs) without a scan of the
 * supports per request (issue 14): a state's padrón holds millions of supports, and counting the
 * distinct people of one program with a million of them took 0.3 s, of three programs 1.1 s.
 *
 * People counted once across several programs is not a sum of per-program counts (one person may be
 * in two of them). So the people are counted per combination of programs: `padron_combinacion`
 * holds how many people have supports in exactly that set of programs (a few thousand sets, not
 * millions of people), and the people of any group of programs are the sum over the sets that
 * meet it. `padron_persona_programas` remembers each person's set, so a change moves her from her
 * old set to her new one. Supports per program are a plain count (`padron_apoyos_programa`).
 *
 * Like the applications' counts (0021): every writer of supports (a delivery, a roll's load or its
 * undoing, a merge of two people) appends its rows' ±1 to `padron_cambio` in its own transaction,
 * one statement per statement (a roll of a million rows appends in one go, no per-row trigger), and
 * takes no lock; the processes that run jobs fold the changes (padron/totals.ts). A read adds the
 * pending changes itself, so it is exact at any moment.
 */
export class Migration0024PadronTotales extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table padron_persona_programas (persona_id uuid primary key, programas text[] not null);`);
    this.addSql(`create table padron_combinacion (programas text[] primary key, personas bigint not null);`);
    this.addSql(`create table padron_apoyos_programa (programa text primary key, apoyos bigint not null);`);
    // Appended by every writer, folded and emptied by the jobs processes: no index to keep up.
    this.addSql(`create table padron_cambio (persona_id uuid not null, programa text not null, n integer not null);`);
    this.addSql(`
      create function padron_cambio_registrar() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into public.padron_cambio (persona_id, programa, n) select persona_id, programa, 1 from nuevas;
        elsif tg_op = 'DELETE' then
          insert into public.padron_cambio (persona_id, programa, n) select persona_id, programa, -1 from viejas;
        else
          insert into public.padron_cambio (persona_id, programa, n)
          select x.persona_id, x.programa, x.n
            from viejas o join nuevas w on w.id = o.id
           cross join lateral (values (o.persona_id, o.programa, -1), (w.persona_id, w.programa, 1)) as x(persona_id, programa, n)
           where o.persona_id <> w.persona_id or o.programa <> w.programa;
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger beneficio_cambio_ins after insert on beneficio referencing new table as nuevas for each statement execute function padron_cambio_registrar();`);
    this.addSql(`create trigger beneficio_cambio_del after delete on beneficio referencing old table as viejas for each statement execute function padron_cambio_registrar();`);
    this.addSql(`create trigger beneficio_cambio_upd after update on beneficio referencing old table as viejas new table as nuevas for each statement execute function padron_cambio_registrar();`);
    // From the supports themselves: now, and for loads written with the triggers off (bench:queue's).
    this.addSql(`
      create function sipros_rehacer_totales_padron() returns void language sql as $$
        lock table public.beneficio in share mode;
        truncate public.padron_persona_programas, public.padron_combinacion, public.padron_apoyos_programa, public.padron_cambio;
        insert into public.padron_persona_programas (persona_id, programas)
        select persona_id, array_agg(distinct programa order by programa) from public.beneficio group by persona_id;
        insert into public.padron_combinacion (programas, personas) select programas, count(*) from public.padron_persona_programas group by programas;
        insert into public.padron_apoyos_programa (programa, apoyos) select programa, count(*) from public.beneficio group by programa;
      $$;`);
    this.addSql(`select sipros_rehacer_totales_padron();`);
    // Emptying the supports (a reset of a test or demo database) empties what is derived from them.
    this.addSql(`
      create function beneficio_derived_truncate() returns trigger language plpgsql as $$
      begin
        truncate public.padron_persona_programas, public.padron_combinacion, public.padron_apoyos_programa, public.padron_cambio;
        return null;
      end $$;`);
    this.addSql(`create trigger beneficio_derived_truncate after truncate on beneficio for each statement execute function beneficio_derived_truncate();`);
  }

  override async down(): Promise<void> {
    for (const trigger of ['beneficio_derived_truncate', 'beneficio_cambio_ins', 'beneficio_cambio_del', 'beneficio_cambio_upd']) this.addSql(`drop trigger if exists ${trigger} on beneficio;`);
    this.addSql('drop function if exists beneficio_derived_truncate();');
    this.addSql('drop function if exists sipros_rehacer_totales_padron();');
    this.addSql('drop function if exists padron_cambio_registrar();');
    for (const table of ['padron_cambio', 'padron_apoyos_programa', 'padron_combinacion', 'padron_persona_programas']) this.addSql(`drop table if exists ${table};`);
  }
}
