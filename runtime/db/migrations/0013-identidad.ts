import { Migration } from '@mikro-orm/migrations';

/**
 * Identity resolution in the padrón (engine/matching): each staged row keeps the person the matcher
 * found for it and why; pairs of people that may be one («posibles duplicados») wait for a reviewer,
 * who merges them (persona_fusion remembers what moved, so a split restores both) or marks them
 * distinct, which is remembered so the pair never comes back. A merged person stays, pointing to
 * the one that absorbed it.
 */
export class Migration0013Identidad extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table persona add column fusionada_en uuid null references persona (id);`);
    this.addSql(`alter table padron_fila add column persona_id uuid null, add column emparejamiento jsonb null;`);
    this.addSql(`alter table padron_lote add column ya_en_padron integer not null default 0, add column por_revisar integer not null default 0;`);
    this.addSql(`
      create table posible_duplicado (
        id uuid primary key,
        persona_a uuid not null references persona (id),
        persona_b uuid not null references persona (id),
        puntaje real not null,
        razones jsonb not null,
        motivo text null,
        origen text not null,
        programa text null,
        cve_mun text null,
        estado text not null check (estado in ('pendiente', 'misma', 'distintas')),
        modelo_version integer not null,
        decidido_por text null,
        decidido_at timestamptz null,
        created_at timestamptz not null,
        check (persona_a < persona_b)
      );`);
    this.addSql(`create unique index posible_duplicado_par_idx on posible_duplicado (persona_a, persona_b);`);
    this.addSql(`create index posible_duplicado_estado_idx on posible_duplicado (estado, created_at);`);
    this.addSql(`create index posible_duplicado_b_idx on posible_duplicado (persona_b);`);
    this.addSql(`
      create table persona_fusion (
        id uuid primary key,
        duplicado_id uuid null references posible_duplicado (id),
        sobreviviente uuid not null references persona (id),
        absorbida uuid not null references persona (id),
        curps jsonb not null,
        beneficios jsonb not null,
        hecha_por text not null,
        hecha_at timestamptz not null,
        separada_por text null,
        separada_at timestamptz null
      );`);
    this.addSql(`create index persona_fusion_sobreviviente_idx on persona_fusion (sobreviviente);`);
    this.addSql(`create index persona_fusion_absorbida_idx on persona_fusion (absorbida);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists persona_fusion;`);
    this.addSql(`drop table if exists posible_duplicado;`);
    this.addSql(`alter table padron_lote drop column if exists ya_en_padron, drop column if exists por_revisar;`);
    this.addSql(`alter table padron_fila drop column if exists persona_id, drop column if exists emparejamiento;`);
    this.addSql(`alter table persona drop column if exists fusionada_en;`);
  }
}
