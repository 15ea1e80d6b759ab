import { Migration } from '@mikro-orm/migrations';

/** Programs and their immutable published versions. */
export class Migration0001Programs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create extension if not exists unaccent;`);
    this.addSql(`
      create table program (
        id text primary key,
        name text not null,
        dependencia text not null,
        area text not null,
        current_version integer not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`
      create table program_version (
        id uuid primary key,
        program_id text not null references program (id),
        version integer not null check (version > 0),
        hash text not null,
        definition jsonb not null,
        rule_sets jsonb not null,
        published_at timestamptz not null,
        published_by text not null,
        constraint program_version_program_version_unique unique (program_id, version),
        constraint program_version_program_hash_unique unique (program_id, hash)
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists program_version;');
    this.addSql('drop table if exists program;');
  }
}
