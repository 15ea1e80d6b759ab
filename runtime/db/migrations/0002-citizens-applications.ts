import { Migration } from '@mikro-orm/migrations';

/**
 * Citizens and their single file (expediente), officials, sessions, verification codes, the civil
 * registry reference, applications with their history and documents, the SMS
 * outbox and the append-only audit log. Sized for 10 M citizens and 10 M applications: every
 * lookup the API makes has an index; lists are paged by keyset on (created_at, id).
 */
export class Migration0002CitizensApplications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table citizen (
        id uuid primary key,
        curp text not null,
        nombres text not null,
        primer_apellido text not null,
        segundo_apellido text,
        fecha_nacimiento date not null,
        sexo text not null check (sexo in ('H', 'M', 'X')),
        telefono text not null,
        telefono_verificado boolean not null default false,
        correo text,
        password_hash text not null,
        estado text not null default 'activo' check (estado in ('activo', 'bloqueado')),
        registro_civil text not null default 'sin_verificar' check (registro_civil in ('sin_verificar', 'coincide', 'no_encontrado', 'no_coincide')),
        expediente jsonb not null default '{}'::jsonb,
        registrado_por uuid,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        constraint citizen_curp_unique unique (curp)
      );`);
    this.addSql(`
      create table official (
        id uuid primary key,
        usuario text not null,
        nombre text not null,
        correo text not null,
        password_hash text not null,
        roles text[] not null,
        area text not null,
        estado text not null default 'activo' check (estado in ('activo', 'inactivo')),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        constraint official_usuario_unique unique (usuario)
      );`);
    this.addSql(`
      create table session (
        token_hash text primary key,
        subject_type text not null check (subject_type in ('ciudadano', 'funcionario')),
        subject_id uuid not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        revoked_at timestamptz
      );`);
    this.addSql(`create index session_subject_idx on session (subject_type, subject_id);`);
    this.addSql(`
      create table verification_code (
        id uuid primary key,
        citizen_id uuid not null references citizen (id),
        purpose text not null check (purpose in ('telefono', 'contrasena')),
        code_hash text not null,
        attempts integer not null default 0,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null
      );`);
    this.addSql(`create index verification_code_citizen_idx on verification_code (citizen_id, purpose, created_at desc);`);
    this.addSql(`
      create table civil_registry_entry (
        curp text primary key,
        nombres text not null,
        primer_apellido text not null,
        segundo_apellido text,
        fecha_nacimiento date not null,
        sexo text not null,
        estatus text not null
      );`);
    this.addSql(`
      create table application (
        id uuid primary key,
        numero bigint generated always as identity,
        citizen_id uuid not null references citizen (id),
        program_id text not null references program (id),
        program_version integer not null,
        support_type_id text,
        folio text,
        status text not null,
        state text,
        snapshot jsonb,
        answers jsonb not null default '{}'::jsonb,
        eligibility jsonb,
        score numeric,
        municipio text,
        idempotency_key text,
        submitted_by uuid,
        submitted_at timestamptz,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        row_version integer not null default 1,
        constraint application_folio_unique unique (folio),
        constraint application_numero_unique unique (numero),
        constraint application_version_fk foreign key (program_id, program_version) references program_version (program_id, version)
      );`);
    // One draft per citizen and program; one application per submission key.
    this.addSql(`create unique index application_one_draft_idx on application (citizen_id, program_id) where folio is null;`);
    this.addSql(`create unique index application_idempotency_idx on application (citizen_id, idempotency_key) where idempotency_key is not null;`);
    this.addSql(`create index application_citizen_idx on application (citizen_id, created_at desc);`);
    this.addSql(`create index application_queue_idx on application (program_id, status, submitted_at desc, id);`);
    this.addSql(`create index application_municipio_idx on application (program_id, municipio, status);`);
    this.addSql(`
      create table application_event (
        id bigint generated always as identity primary key,
        application_id uuid not null references application (id),
        event text not null,
        from_state text,
        to_state text not null,
        from_status text,
        to_status text not null,
        actor_type text not null check (actor_type in ('ciudadano', 'funcionario', 'sistema')),
        actor_id text not null,
        actor_role text not null,
        comment text not null default '',
        flags jsonb not null default '{"fields": [], "documents": []}'::jsonb,
        on_behalf boolean not null default false,
        at timestamptz not null
      );`);
    this.addSql(`create index application_event_application_idx on application_event (application_id, id);`);
    this.addSql(`
      create table document (
        id uuid primary key,
        application_id uuid not null references application (id),
        document_type text not null,
        sha256 text not null,
        size integer not null,
        media_type text not null,
        original_name text not null,
        uploaded_by text not null,
        uploaded_at timestamptz not null,
        replaced_at timestamptz
      );`);
    this.addSql(`create index document_application_idx on document (application_id, document_type) where replaced_at is null;`);
    this.addSql(`
      create table notification_outbox (
        id uuid primary key,
        dedupe_key text not null,
        phone text not null,
        body text not null,
        citizen_id uuid references citizen (id),
        application_id uuid references application (id),
        status text not null default 'pendiente' check (status in ('pendiente', 'enviado', 'fallido')),
        attempts integer not null default 0,
        provider text,
        provider_message_id text,
        last_error text,
        created_at timestamptz not null,
        sent_at timestamptz,
        constraint notification_outbox_dedupe_unique unique (dedupe_key)
      );`);
    this.addSql(`
      create table audit_log (
        id bigint generated always as identity primary key,
        at timestamptz not null,
        actor_type text not null,
        actor_id text not null,
        action text not null,
        entity text not null,
        entity_id text not null,
        data jsonb not null default '{}'::jsonb
      );`);
    this.addSql(`create index audit_log_entity_idx on audit_log (entity, entity_id, id);`);
    // The audit log is append-only: rows can be added, never changed or removed.
    this.addSql(`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'La bitácora de auditoría no se puede modificar ni borrar.';
      end $$;`);
    this.addSql(`create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only();`);
  }

  override async down(): Promise<void> {
    for (const table of ['audit_log', 'notification_outbox', 'document', 'application_event', 'application', 'civil_registry_entry', 'verification_code', 'session', 'official', 'citizen']) {
      this.addSql(`drop table if exists ${table} cascade;`);
    }
    this.addSql('drop function if exists audit_log_append_only();');
  }
}
