import { Migration } from '@mikro-orm/migrations';

/**
 * «Limpieza de ubicaciones» (issue 13): a run reads the registry's colonias as written, proposes the
 * catalog's clave for each it can tell, and keeps every proposal for an official to accept or reject in
 * bulk. An accepted clave goes to persona.cve_asentamiento; the text written stays in persona.colonia.
 */
export class Migration0019LimpiezaUbicaciones extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table persona add column cve_asentamiento text null;`);
    this.addSql(`
      create table limpieza_corrida (
        id uuid primary key,
        estado text not null check (estado in ('corriendo', 'lista', 'fallida')),
        total integer not null,
        revisadas integer not null,
        propuestas integer not null,
        sin_resolver integer not null,
        error text null,
        iniciada_por text not null,
        created_at timestamptz not null,
        terminada_at timestamptz null
      );`);
    this.addSql(`
      create table limpieza_propuesta (
        id bigint generated always as identity primary key,
        corrida_id uuid not null references limpieza_corrida (id) on delete cascade,
        persona_id uuid not null references persona (id) on delete cascade,
        texto text not null,
        cve_mun text null,
        codigo_postal text null,
        clave text null,
        nombre text null,
        cve_mun_propuesto text null,
        motivo text not null,
        estado text not null check (estado in ('pendiente', 'sin_resolver', 'aceptada', 'rechazada', 'caducada')),
        decidida_por text null,
        decidida_at timestamptz null
      );`);
    this.addSql(`create index limpieza_propuesta_corrida_idx on limpieza_propuesta (corrida_id, estado, id);`);
    this.addSql(`create index limpieza_propuesta_persona_idx on limpieza_propuesta (persona_id);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists limpieza_propuesta, limpieza_corrida;');
    this.addSql('alter table persona drop column if exists cve_asentamiento;');
  }
}
