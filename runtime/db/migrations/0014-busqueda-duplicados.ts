import { Migration } from '@mikro-orm/migrations';

/**
 * The registry matched against itself on demand («Buscar duplicados en todo el padrón»): one row per
 * search, with its progress, so the reviewer sees how far it got and a restarted worker carries on
 * after the last person it checked.
 */
export class Migration0014BusquedaDuplicados extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table padron_busqueda (
        id uuid primary key,
        estado text not null check (estado in ('buscando', 'terminada', 'fallida')),
        personas integer not null,
        revisadas integer not null default 0,
        propuestas integer not null default 0,
        ultima_persona uuid null,
        pedida_por text not null,
        error text null,
        iniciada_at timestamptz not null,
        terminada_at timestamptz null
      );`);
    // One search at a time.
    this.addSql(`create unique index padron_busqueda_en_curso_idx on padron_busqueda ((true)) where estado = 'buscando';`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists padron_busqueda;');
  }
}
