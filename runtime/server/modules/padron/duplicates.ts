/**
 * «Posibles duplicados»: pairs of registry people the matcher could not decide, for a reviewer
 * (role padron-revisor). «Misma persona» merges them: the survivor keeps every CURP and support of
 * both (a citizen's applications follow their CURP), the other stays, marked as merged into it, and
 * persona_fusion records what moved, so «Separar» restores both exactly. «Personas distintas» is
 * remembered: the pair is never proposed again. Every decision is audited.
 */
import type { PersonaDelPadron, PosibleDuplicado } from '../../../api/padron.ts';
import { bind, named, type SqlClient } from '../../../db/sql.ts';
import { AppError } from '../../errors.ts';
import type { PadronDeps } from './deps.ts';

export interface DuplicateFilter {
  origen: string | null;
  programa: string | null;
  municipio: string | null;
}

/** A side of a pair as the database gives it (the routes add the municipio's name). */
export type PersonSide = Omit<PersonaDelPadron, 'municipio'>;

export type DuplicatePair = Omit<PosibleDuplicado, 'origenNombre' | 'a' | 'b'> & { a: PersonSide; b: PersonSide };

/** One person as a JSON object (a side of a pair, or a record): `idOf` is the expression of their id. */
const PERSON = (alias: string, idOf: string) => `
  (select jsonb_build_object('id', ${alias}.id, 'nombres', ${alias}.nombres, 'primerApellido', ${alias}.primer_apellido, 'segundoApellido', ${alias}.segundo_apellido,
     'fechaNacimiento', to_char(${alias}.fecha_nacimiento, 'YYYY-MM-DD'), 'sexo', ${alias}.sexo, 'cveMun', ${alias}.cve_mun, 'origen', ${alias}.origen,
     'curps', coalesce((select jsonb_agg(c.curp order by c.principal desc, c.curp) from persona_curp c where c.persona_id = ${alias}.id), jsonb_build_array(${alias}.curp)),
     'apoyos', (select count(*) from beneficio b where b.persona_id = ${alias}.id),
     'programas', coalesce((select jsonb_agg(distinct b.programa) from beneficio b where b.persona_id = ${alias}.id), '[]'::jsonb))
   from persona ${alias} where ${alias}.id = ${idOf})`;

const FILTER = `d.estado = :estado and (:origen::text is null or d.origen = :origen) and (:programa::text is null or d.programa = :programa)
     and (:municipio::text is null or d.cve_mun = :municipio)`;

const COUNT = named<{ estado: string; origen: string | null; programa: string | null; municipio: string | null }>('padron-duplicados-cuenta', `select count(*) as n from posible_duplicado d where ${FILTER}`);

const LIST = named<{ estado: string; origen: string | null; programa: string | null; municipio: string | null; limit: number }>(
  'padron-duplicados',
  `select d.id, d.puntaje, d.motivo, d.razones, d.origen, d.programa, d.cve_mun, d.estado, d.created_at, ${PERSON('pa', 'd.persona_a')} as a, ${PERSON('pb', 'd.persona_b')} as b
   from posible_duplicado d
   where ${FILTER}
   order by d.puntaje desc, d.created_at
   limit :limit`,
);

interface PairRow {
  id: string;
  puntaje: number;
  motivo: string | null;
  razones: DuplicatePair['razones'];
  origen: string;
  programa: string | null;
  cve_mun: string | null;
  estado: DuplicatePair['estado'];
  created_at: Date | string;
  a: PersonSide;
  b: PersonSide;
}

const asPair = (r: PairRow): DuplicatePair => ({
  id: r.id,
  puntaje: Number(r.puntaje),
  motivo: r.motivo,
  razones: r.razones,
  origen: r.origen,
  programa: r.programa,
  cveMun: r.cve_mun,
  estado: r.estado,
  creadoAt: new Date(r.created_at).toISOString(),
  a: { ...r.a, apoyos: Number(r.a.apoyos) },
  b: { ...r.b, apoyos: Number(r.b.apoyos) },
});

/** The pairs in a state (pending by default), the most likely first. */
export async function listPairs(sql: SqlClient, filter: DuplicateFilter, estado: DuplicatePair['estado'] = 'pendiente', limit = 50): Promise<{ pares: DuplicatePair[]; total: number }> {
  const { rows } = await sql.query<PairRow>(LIST, bind(LIST, { estado, ...filter, limit }));
  const { rows: count } = await sql.query<{ n: string }>(COUNT, bind(COUNT, { estado, ...filter }));
  return { pares: rows.map(asPair), total: Number(count[0].n) };
}

const AUDIT = named<{ at: Date; actorId: string; action: string; entity: string; entityId: string; data: Record<string, unknown> }>(
  'padron-identidad-auditoria',
  `insert into audit_log (at, actor_type, actor_id, action, entity, entity_id, data) values (:at, 'funcionario', :actorId, :action, :entity, :entityId, :data)`,
);

async function audit(sql: SqlClient, at: Date, actorId: string, action: string, entity: string, entityId: string, data: Record<string, unknown>): Promise<void> {
  await sql.query(AUDIT, bind(AUDIT, { at, actorId, action, entity, entityId, data }));
}

/** The pair, locked, if it is still waiting for a decision. */
async function pendingPair(sql: SqlClient, id: string): Promise<{ persona_a: string; persona_b: string }> {
  const { rows } = await sql.query<{ persona_a: string; persona_b: string; estado: string }>('select persona_a, persona_b, estado from posible_duplicado where id = $1 for update', [id]);
  if (!rows[0]) throw new AppError('DUPLICATE_NOT_FOUND');
  if (rows[0].estado !== 'pendiente') throw new AppError('DUPLICATE_ALREADY_DECIDED');
  return rows[0];
}

/**
 * The one that stays: the person with more supports (then the older one), so the fewest rows move;
 * a person already merged away is followed to whoever absorbed them.
 */
async function survivorOf(sql: SqlClient, a: string, b: string): Promise<{ survivor: string; absorbed: string }> {
  const { rows } = await sql.query<{ id: string; fusionada_en: string | null }>(
    `select p.id, p.fusionada_en from persona p where p.id = any($1::uuid[])
     order by (select count(*) from beneficio b where b.persona_id = p.id) desc, p.created_at, p.id`,
    [[a, b]],
  );
  if (rows.length !== 2 || rows.some((r) => r.fusionada_en)) throw new AppError('DUPLICATE_ALREADY_DECIDED', 'Una de las dos personas ya se fusionó con otra; recarga la lista.');
  return { survivor: rows[0].id, absorbed: rows[1].id };
}

const RECORD_MERGE = named<{ fusion: string; duplicado: string; survivor: string; absorbed: string; curps: string; supports: string; actorId: string; now: Date }>(
  'padron-fusion',
  `insert into persona_fusion (id, duplicado_id, sobreviviente, absorbida, curps, beneficios, hecha_por, hecha_at)
   values (:fusion, :duplicado, :survivor, :absorbed, :curps, :supports, :actorId, :now)`,
);

/** «Misma persona»: merged, one transaction; returns the merge, which «Separar» undoes. */
export async function mergePair(deps: PadronDeps, id: string, actorId: string): Promise<{ fusion: string; persona: string }> {
  return deps.db.sql.transaction(async (sql) => {
    const pair = await pendingPair(sql, id);
    const { survivor, absorbed } = await survivorOf(sql, pair.persona_a, pair.persona_b);
    const now = deps.clock();
    const { rows: curps } = await sql.query<{ curp: string }>(`update persona_curp set persona_id = $2, principal = false where persona_id = $1 returning curp`, [absorbed, survivor]);
    const { rows: supports } = await sql.query<{ id: string }>(`update beneficio set persona_id = $2 where persona_id = $1 returning id`, [absorbed, survivor]);
    await sql.query(`update persona set fusionada_en = $2, updated_at = $3 where id = $1`, [absorbed, survivor, now]);
    await sql.query(`update persona set updated_at = $2 where id = $1`, [survivor, now]);
    await sql.query(`update posible_duplicado set estado = 'misma', decidido_por = $2, decidido_at = $3 where id = $1`, [id, actorId, now]);
    const fusion = crypto.randomUUID();
    await sql.query(
      RECORD_MERGE,
      bind(RECORD_MERGE, { fusion, duplicado: id, survivor, absorbed, curps: JSON.stringify(curps.map((c) => c.curp)), supports: JSON.stringify(supports.map((s) => Number(s.id))), actorId, now }),
    );
    await audit(sql, now, actorId, 'persona.fusionar', 'persona', survivor, { duplicado: id, absorbida: absorbed, curps: curps.map((c) => c.curp), apoyos: supports.length });
    return { fusion, persona: survivor };
  });
}

/** «Personas distintas»: remembered, so neither a later import nor the registry's own check proposes the pair again. */
export async function markDistinct(deps: PadronDeps, id: string, actorId: string): Promise<void> {
  await deps.db.sql.transaction(async (sql) => {
    const pair = await pendingPair(sql, id);
    const now = deps.clock();
    await sql.query(`update posible_duplicado set estado = 'distintas', decidido_por = $2, decidido_at = $3 where id = $1`, [id, actorId, now]);
    await audit(sql, now, actorId, 'persona.distintas', 'posible_duplicado', id, { personas: [pair.persona_a, pair.persona_b] });
  });
}

/**
 * «Separar»: the merge undone. The CURPs and supports that moved go back, the absorbed person is
 * theirs again and the pair waits for a decision once more. Refused when either person was merged
 * again since (that merge must be split first).
 */
export async function splitMerge(deps: PadronDeps, fusionId: string, actorId: string): Promise<{ personas: [string, string] }> {
  return deps.db.sql.transaction(async (sql) => {
    const { rows } = await sql.query<{ duplicado_id: string | null; sobreviviente: string; absorbida: string; curps: string[]; beneficios: number[] }>(
      'select duplicado_id, sobreviviente, absorbida, curps, beneficios from persona_fusion where id = $1 and separada_at is null for update',
      [fusionId],
    );
    const fusion = rows[0];
    if (!fusion) throw new AppError('MERGE_NOT_FOUND');
    const { rows: people } = await sql.query<{ id: string; fusionada_en: string | null }>('select id, fusionada_en from persona where id = any($1::uuid[]) for update', [[fusion.sobreviviente, fusion.absorbida]]);
    const survivor = people.find((p) => p.id === fusion.sobreviviente);
    if (survivor?.fusionada_en) throw new AppError('MERGE_NOT_SPLITTABLE');
    const now = deps.clock();
    await sql.query(`update persona_curp set persona_id = $2 where curp = any($1::text[])`, [fusion.curps, fusion.absorbida]);
    // The absorbed person's primary CURP is primary again.
    await sql.query(`update persona_curp c set principal = (c.curp = p.curp) from persona p where p.id = $1 and c.persona_id = $1`, [fusion.absorbida]);
    await sql.query(`update beneficio set persona_id = $2 where id = any($1::bigint[])`, [fusion.beneficios, fusion.absorbida]);
    await sql.query(`update persona set fusionada_en = null, updated_at = $2 where id = $1`, [fusion.absorbida, now]);
    await sql.query(`update persona set updated_at = $2 where id = $1`, [fusion.sobreviviente, now]);
    await sql.query(`update persona_fusion set separada_por = $2, separada_at = $3 where id = $1`, [fusionId, actorId, now]);
    if (fusion.duplicado_id) await sql.query(`update posible_duplicado set estado = 'pendiente', decidido_por = null, decidido_at = null where id = $1`, [fusion.duplicado_id]);
    await audit(sql, now, actorId, 'persona.separar', 'persona', fusion.sobreviviente, { fusion: fusionId, absorbida: fusion.absorbida, curps: fusion.curps, apoyos: fusion.beneficios.length });
    return { personas: [fusion.sobreviviente, fusion.absorbida] };
  });
}

/** The merges a person's record carries (to offer «Separar» in their history). */
export async function mergesOf(sql: SqlClient, personaId: string): Promise<Array<{ id: string; absorbida: string; curps: string[]; hechaAt: string }>> {
  const { rows } = await sql.query<{ id: string; absorbida: string; curps: string[]; hecha_at: Date | string }>(
    'select id, absorbida, curps, hecha_at from persona_fusion where sobreviviente = $1 and separada_at is null order by hecha_at',
    [personaId],
  );
  return rows.map((r) => ({ id: r.id, absorbida: r.absorbida, curps: r.curps, hechaAt: new Date(r.hecha_at).toISOString() }));
}

const PERSON_BY_CURP = `
  select ${PERSON('pp', 'x.id')} as persona
  from (select coalesce((select c.persona_id from persona_curp c where c.curp = $1),
                        (select p.id from persona p where p.curp = $1 and p.fusionada_en is null order by p.created_at limit 1)) as id) x
  where x.id is not null`;

/** The registry person a CURP belongs to (any of their CURPs), or null. */
export async function personByCurp(sql: SqlClient, curp: string): Promise<PersonSide | null> {
  const { rows } = await sql.query<{ persona: PersonSide | null }>(PERSON_BY_CURP, [curp]);
  const person = rows[0]?.persona;
  return person ? { ...person, apoyos: Number(person.apoyos) } : null;
}

/** The origins, programs and municipios of the pending pairs, for the queue's filters. */
export async function pairOptions(sql: SqlClient): Promise<{ origenes: Array<{ id: string; nombre: string }>; programas: Array<{ clave: string; nombre: string }>; municipios: string[] }> {
  const { rows } = await sql.query<{ kind: string; id: string; nombre: string | null }>(
    `select 'origen' as kind, d.origen as id,
            coalesce(l.archivo || ' (' || l.dependencia || ')', case when d.origen = 'padron' then 'Búsqueda en todo el padrón' end, d.origen) as nombre
       from (select distinct origen from posible_duplicado where estado = 'pendiente') d
       left join padron_lote l on d.origen = 'lote:' || l.id::text
     union all
     select 'programa', d.programa, k.nombre from (select distinct programa from posible_duplicado where estado = 'pendiente' and programa is not null) d
       left join programa_catalogo k on k.clave = d.programa
     union all
     select distinct 'municipio', cve_mun, null from posible_duplicado where estado = 'pendiente' and cve_mun is not null`,
  );
  return {
    origenes: rows.filter((r) => r.kind === 'origen').map((r) => ({ id: r.id, nombre: r.nombre ?? r.id })),
    programas: rows.filter((r) => r.kind === 'programa').map((r) => ({ clave: r.id, nombre: r.nombre ?? r.id })),
    municipios: rows.filter((r) => r.kind === 'municipio').map((r) => r.id).sort(),
  };
}
