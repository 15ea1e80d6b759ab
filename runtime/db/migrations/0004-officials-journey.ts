import { Migration } from '@mikro-orm/migrations';

/**
 * The official's side: the area tree (dependencia → subsecretaría → dirección) that limits what
 * each official sees, deliveries proven by QR (one row per application: the primary key makes a
 * second delivery impossible), the QR token's random part on the application, and saved filters.
 */
export class Migration0004OfficialsJourney extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table area (
        id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        nombre text not null,
        tipo text not null check (tipo in ('dependencia', 'subsecretaria', 'direccion')),
        padre_id text references area (id),
        created_at timestamptz not null default now()
      );`);
    this.addSql(`create index area_padre_idx on area (padre_id);`);
    this.addSql(`alter table application add column delivery_token_id text;`);
    this.addSql(`create unique index application_delivery_token_idx on application (delivery_token_id) where delivery_token_id is not null;`);
    this.addSql(`
      create table delivery (
        application_id uuid primary key references application (id),
        official_id uuid not null references official (id),
        delivered_at timestamptz not null,
        latitude double precision,
        longitude double precision,
        accuracy_m double precision
      );`);
    this.addSql(`create index delivery_official_idx on delivery (official_id, delivered_at desc);`);
    this.addSql(`
      create table saved_filter (
        id uuid primary key,
        official_id uuid not null references official (id) on delete cascade,
        nombre text not null,
        filtros jsonb not null,
        created_at timestamptz not null,
        constraint saved_filter_official_nombre_unique unique (official_id, nombre)
      );`);
  }
}
