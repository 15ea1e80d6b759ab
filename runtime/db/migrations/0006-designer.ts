import { Migration } from '@mikro-orm/migrations';

/**
 * The designer's working copies (autosaved drafts of definitions, with a revision number so two
 * planners editing the same draft cannot overwrite each other silently) and publications
 * scheduled for a later date (the definition is frozen at scheduling time).
 */
export class Migration0006Designer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table program_draft (
        id uuid primary key,
        program_id text not null,
        base_version integer,
        definition jsonb not null,
        revision integer not null,
        created_by text not null,
        updated_by text not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`create index program_draft_program_idx on program_draft (program_id, updated_at desc);`);
    this.addSql(`
      create table scheduled_publication (
        id uuid primary key,
        program_id text not null,
        version integer not null,
        definition jsonb not null,
        due_at timestamptz not null,
        status text not null check (status in ('pendiente', 'publicada', 'cancelada', 'fallida')),
        scheduled_by text not null,
        created_at timestamptz not null,
        done_at timestamptz,
        result jsonb
      );`);
    this.addSql(`create index scheduled_publication_due_idx on scheduled_publication (status, due_at);`);
  }
}
