import { Migration } from '@mikro-orm/migrations';

/**
 * A GIN index of the pairs of words of each name (issue 14: a full name searched at 10 M
 * applications). The index of words (0021) answers «isabel vargas trejo» by intersecting three
 * lists of 250,000–330,000 applications each: 15 ms of the search's 35, whatever the number of
 * matches (111 there). A pair's list is the applications whose name has both words, 8,000 for
 * «isabel vargas», so the same search reads two short lists: 0.4 ms on the same database.
 *
 * A pair is its two words in byte order, one space between them («isabel vargas», «trejo
 * vargas»); a word has no spaces, so no pair reads as another. Words shorter than the queue looks
 * up (MIN_INDEXED_WORD, search.ts: 3) are left out: «de», «la» are only tested on the name read.
 * A name of n such words has n(n−1)/2 pairs: 3 for three words, 6 for four. The function runs at
 * each submission: 3 µs for a name in PL/pgSQL (a SQL version, which PostgreSQL cannot inline,
 * took 9 µs; filtering the words in a subquery first, 5.5 µs), and bench:intake could not tell
 * the index's upkeep from the machine's drift (paired median 0.987). PostgreSQL takes no
 * statistics from a partial index, and none are needed: the queue chooses its way by the words'
 * statistics (name-search.ts) and asks for pairs only where the GIN indexes answer.
 *
 * At 10 M applications the index builds in about a minute (61 s here), inside the migrations'
 * transaction: submissions wait for it, so upgrade such a database outside opening hours.
 */
export class Migration0027ParesDePalabras extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function sipros_pares_de_palabras(nombre text) returns text[] language plpgsql immutable parallel safe strict as $$
      declare
        w text[] := public.sipros_palabras(nombre);
        n int := cardinality(w);
        pares text[] := '{}';
      begin
        for i in 1 .. n - 1 loop
          continue when length(w[i]) < 3;
          for j in i + 1 .. n loop
            continue when length(w[j]) < 3;
            pares := pares || case when w[i] collate "C" <= w[j] collate "C" then w[i] || ' ' || w[j] else w[j] || ' ' || w[i] end;
          end loop;
        end loop;
        return pares;
      end $$;`);
    this.addSql(`create index application_pares_idx on application using gin ((public.sipros_pares_de_palabras(nombre_busqueda))) where folio is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists application_pares_idx;');
    this.addSql('drop function if exists sipros_pares_de_palabras(text);');
  }
}
