import { Migration } from '@mikro-orm/migrations';

/**
 * Territory below the municipio (issue 13): INEGI's localidades and SEPOMEX's asentamientos (colonias)
 * by postal code, imported from the files their publishers distribute. Each import is a version: its
 * rows wait in the «nuevas» tables with what they would add, change and remove until someone applies
 * them, and then replace the catalog in one transaction.
 */
export class Migration0018Territorio extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table catalogo_importacion (
        id uuid primary key,
        tipo text not null check (tipo in ('sepomex', 'localidades')),
        archivo text not null,
        sha256 text not null,
        codificacion text not null,
        filas integer not null,
        rechazadas integer not null,
        agregadas integer not null,
        cambiadas integer not null,
        quitadas integer not null,
        estado text not null check (estado in ('por_aplicar', 'vigente', 'reemplazada', 'descartada')),
        -- The version in force when this one was read: applying it over another would apply a stale summary.
        base_id uuid null references catalogo_importacion (id),
        resumen jsonb not null,
        importada_por text not null,
        created_at timestamptz not null,
        aplicada_at timestamptz null
      );`);
    this.addSql(`create unique index catalogo_importacion_vigente_idx on catalogo_importacion (tipo) where estado = 'vigente';`);
    this.addSql(`
      create table cat_localidad (
        cvegeo text primary key check (cvegeo ~ '^[0-9]{9}$'),
        cve_mun text not null,
        nombre text not null,
        ambito text null check (ambito in ('U', 'R')),
        latitud double precision null,
        longitud double precision null,
        poblacion integer null
      );`);
    this.addSql(`create index cat_localidad_mun_idx on cat_localidad (cve_mun);`);
    this.addSql(`create table cat_localidad_nueva (importacion_id uuid not null references catalogo_importacion (id) on delete cascade, like cat_localidad);`);
    this.addSql(`create index cat_localidad_nueva_idx on cat_localidad_nueva (importacion_id, cvegeo);`);
    this.addSql(`
      create table cat_asentamiento (
        codigo_postal text not null check (codigo_postal ~ '^[0-9]{5}$'),
        clave text not null check (clave ~ '^[0-9]{9}$'),
        nombre text not null,
        tipo text not null,
        cve_mun text not null,
        ciudad text null,
        zona text null,
        primary key (codigo_postal, clave)
      );`);
    this.addSql(`create index cat_asentamiento_mun_idx on cat_asentamiento (cve_mun);`);
    this.addSql(`create table cat_asentamiento_nuevo (importacion_id uuid not null references catalogo_importacion (id) on delete cascade, like cat_asentamiento);`);
    this.addSql(`create index cat_asentamiento_nuevo_idx on cat_asentamiento_nuevo (importacion_id, codigo_postal, clave);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists cat_asentamiento_nuevo, cat_asentamiento, cat_localidad_nueva, cat_localidad, catalogo_importacion;');
  }
}
