import { Migration } from '@mikro-orm/migrations';

/**
 * The Padrón Estatal de Beneficiarios (runtime/server/modules/padron): people, the supports they
 * received from any agency, the state's catalog of programs, and the agencies' rolls loaded in
 * batches (each file staged row by row before anything reaches the registry).
 *
 * Rows already delivered through SIPROS are brought in here, so the registry starts complete.
 */
export class Migration0012Padron extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table programa_catalogo (
        clave text primary key,
        nombre text not null,
        dependencia text not null,
        tipo text not null check (tipo in ('economico', 'especie', 'servicio')),
        clave_pub text null,
        programa_sipros text null references program (id),
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`
      create table persona (
        id uuid primary key,
        curp text not null,
        nombres text not null,
        primer_apellido text not null,
        segundo_apellido text null,
        fecha_nacimiento date null,
        sexo text null,
        entidad_nacimiento text null,
        cve_ent text null,
        cve_mun text null,
        cve_loc text null,
        colonia text null,
        codigo_postal text null,
        latitud double precision null,
        longitud double precision null,
        origen text not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    // Every CURP seen for a person (one real human can have had two); one is their primary.
    this.addSql(`
      create table persona_curp (
        curp text primary key,
        persona_id uuid not null references persona (id),
        principal boolean not null,
        created_at timestamptz not null
      );`);
    this.addSql(`create index persona_curp_persona_idx on persona_curp (persona_id);`);
    this.addSql(`
      create table padron_lote (
        id uuid primary key,
        dependencia text not null,
        programa text not null references programa_catalogo (clave),
        archivo text not null,
        ruta text not null,
        sha256 text not null,
        tamano bigint not null,
        formato text not null,
        codificacion text null,
        separador text null,
        encabezados jsonb not null,
        mapeo jsonb not null,
        estado text not null,
        filas integer not null default 0,
        aceptadas integer not null default 0,
        rechazadas integer not null default 0,
        por_codigo jsonb not null default '{}',
        revisadas integer not null default 0,
        cargadas integer not null default 0,
        siguiente_fila integer not null default 0,
        iniciado_at timestamptz null,
        terminado_at timestamptz null,
        error text null,
        creado_por text not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    // The same file cannot be loaded twice by mistake: its hash is unique among the batches that stand.
    this.addSql(`create unique index padron_lote_sha256_idx on padron_lote (sha256) where estado not in ('deshecho', 'cancelado', 'fallido');`);
    this.addSql(`create index padron_lote_dependencia_idx on padron_lote (dependencia, created_at desc);`);
    // One staged row per line of the file: its original values, what was read from them, and why it was refused
    // (its person is found when it is committed: runtime/server/modules/padron/match.ts).
    this.addSql(`
      create table padron_fila (
        lote_id uuid not null references padron_lote (id) on delete cascade,
        fila integer not null,
        valores jsonb not null,
        curp text null,
        datos jsonb not null,
        problemas jsonb not null,
        aceptada boolean not null,
        primary key (lote_id, fila)
      );`);
    this.addSql(`
      create table beneficio (
        id bigint generated always as identity primary key,
        persona_id uuid not null references persona (id),
        programa text not null references programa_catalogo (clave),
        dependencia text not null,
        tipo_apoyo text null,
        monto numeric(14, 2) null,
        especie text null,
        fecha date null,
        cve_mun text null,
        application_id uuid null references application (id),
        lote_id uuid null references padron_lote (id),
        fila integer null,
        created_at timestamptz not null,
        check ((application_id is null) <> (lote_id is null))
      );`);
    // Each delivery is one support, each row of a batch at most one: the worker's resume relies on it.
    this.addSql(`create unique index beneficio_application_idx on beneficio (application_id) where application_id is not null;`);
    this.addSql(`create unique index beneficio_lote_fila_idx on beneficio (lote_id, fila) where lote_id is not null;`);
    // A person's history, and the confronta: read in person order from the index alone (bench:padron), no hashing of every support.
    this.addSql(`create index beneficio_persona_idx on beneficio (persona_id, programa) include (fecha, cve_mun);`);
    this.addSql(`create index beneficio_programa_idx on beneficio (programa, persona_id);`);
    // The columns an agency's file had for each registry field, offered again next time.
    this.addSql(`
      create table padron_mapeo (
        dependencia text not null,
        programa text not null,
        columnas jsonb not null,
        updated_by text not null,
        updated_at timestamptz not null,
        primary key (dependencia, programa)
      );`);
    this.backfillFromSipros();
  }

  /** SIPROS's published programs and the supports it already delivered. */
  private backfillFromSipros(): void {
    this.addSql(`
      insert into programa_catalogo (clave, nombre, dependencia, tipo, programa_sipros, created_at, updated_at)
      select p.id, p.name, lower(p.dependencia),
             case v.definition -> 'supportTypes' -> 0 ->> 'kind' when 'monetario' then 'economico' when 'servicio' then 'servicio' else 'especie' end,
             p.id, p.created_at, p.updated_at
      from program p join program_version v on v.program_id = p.id and v.version = p.current_version;`);
    this.addSql(`
      insert into persona (id, curp, nombres, primer_apellido, segundo_apellido, fecha_nacimiento, sexo, entidad_nacimiento, cve_ent, cve_mun, origen, created_at, updated_at)
      select c.id, c.curp, c.nombres, c.primer_apellido, c.segundo_apellido, c.fecha_nacimiento, c.sexo, substr(c.curp, 12, 2),
             left(min(a.municipio), 2), min(a.municipio), 'sipros', min(a.updated_at), min(a.updated_at)
      from citizen c join application a on a.citizen_id = c.id and a.status = 'Entregado'
      group by c.id;`);
    this.addSql(`insert into persona_curp (curp, persona_id, principal, created_at) select curp, id, true, created_at from persona;`);
    this.addSql(`
      insert into beneficio (persona_id, programa, dependencia, tipo_apoyo, monto, fecha, cve_mun, application_id, created_at)
      select a.citizen_id, a.program_id, lower(p.dependencia), a.support_type_id,
             (select (t ->> 'amount')::numeric from jsonb_array_elements(v.definition -> 'supportTypes') t where t ->> 'id' = a.support_type_id and t ->> 'kind' = 'monetario'),
             coalesce(d.delivered_at, a.updated_at)::date, a.municipio, a.id, coalesce(d.delivered_at, a.updated_at)
      from application a
      join program p on p.id = a.program_id
      join program_version v on v.program_id = a.program_id and v.version = a.program_version
      left join delivery d on d.application_id = a.id
      where a.status = 'Entregado';`);
  }

  override async down(): Promise<void> {
    for (const table of ['beneficio', 'padron_mapeo', 'padron_fila', 'padron_lote', 'persona_curp', 'persona', 'programa_catalogo']) {
      this.addSql(`drop table if exists ${table};`);
    }
  }
}
