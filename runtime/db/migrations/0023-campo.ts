import { Migration } from '@mikro-orm/migrations';

/**
 * Field brigades (issue 15): the brigades' work lists, and every record a device sent, keyed by
 * the id the device made (so a resend finds the first answer instead of making a second
 * application). A record's row is written before its work starts and holds the work for a short
 * lease (`ocupado_hasta`): a second send at the same instant waits for the first's answer, and a
 * process that died mid-way leaves a lease that expires, after which a resend finishes the work
 * from what the row says was done (the person, the draft). `resultado` null = not finished.
 */
export class Migration0023Campo extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table field_visit (
        id uuid primary key,
        brigadista_id uuid not null references official (id),
        nombre text not null,
        curp text null,
        domicilio text null,
        municipio text not null,
        localidad text null,
        nota text null,
        estado text not null default 'pendiente' check (estado in ('pendiente', 'visitada')),
        creada_por uuid not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        visitada_at timestamptz null
      );`);
    this.addSql(`create index field_visit_brigadista_idx on field_visit (brigadista_id, estado, created_at);`);
    this.addSql(`
      create table field_record (
        id_cliente uuid primary key,
        brigadista_id uuid not null references official (id),
        program_id text not null,
        program_version integer not null,
        visit_id uuid null references field_visit (id),
        citizen_id uuid null,
        application_id uuid null,
        lat double precision null,
        lng double precision null,
        precision_m double precision null,
        municipio text null,
        localidad text null,
        consentimiento jsonb not null,
        capturado_en timestamptz not null,
        recibido_en timestamptz not null,
        resultado text null check (resultado in ('aceptado', 'rechazado', 'conflicto')),
        respuesta jsonb null,
        ocupado_hasta timestamptz null,
        intentos integer not null default 1,
        terminado_en timestamptz null
      );`);
    this.addSql(`create index field_record_brigadista_idx on field_record (brigadista_id, capturado_en);`);
    this.addSql(`create index field_record_capturado_idx on field_record (capturado_en) where resultado is not null;`);
    // One application is accepted for one record only: two records of the same person racing
    // each other both reach the same draft, and the second is told it is a conflict.
    this.addSql(`create unique index field_record_one_accepted_idx on field_record (application_id) where resultado = 'aceptado';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists field_record;`);
    this.addSql(`drop table if exists field_visit;`);
  }
}
