/**
 * «Limpieza de ubicaciones» over the registry: a run reads every person's colonia as written (those not
 * yet given a clave), asks engine/territorio for the SEPOMEX entry it stands for, within the person's
 * postal code and municipio (or one bordering it), and keeps a proposal for each (or why none could be
 * told). Nothing changes until an official accepts proposals, and then only people whose colonia still
 * reads as it did: the clave goes beside the text, which stays. The run then checks every person's point
 * (latitud, longitud) against their municipio's outline and lists those outside. A run interrupted (a
 * worker killed) starts over when retried.
 */
import { randomUUID } from 'node:crypto';
import { gazetteer, municipioMap, neighbouringMunicipios, pointOutsideMunicipio, resolvePlace, type Gazetteer, type MunicipioMap, type MunicipioShape, type Place } from '../../../../engine/territorio/index.ts';
import type { CleaningProposal, CleaningRun } from '../../../api/territorio.ts';
import { bind, named, type Sql } from '../../../db/sql.ts';
import { municipioName, queretaroOutlines } from '../../../definitions/municipios.ts';
import { AppError } from '../../errors.ts';
import { isUuid } from '../applications/index.ts';

/** People read, and proposals written, this many at a time. */
const PAGE = 5_000;

/** INEGI's outlines of the municipios the project ships (Querétaro's, as the dashboard's map draws them). */

/** A point this close to its municipio's outline is not reported: the outlines are simplified (engine/territorio/municipios.ts). */
const BORDER_MARGIN_KM = 0.5;

/** Why a person's point is listed: it falls outside the municipio written (the proposal names the one it falls in, if any). */
const POINT_OUTSIDE = 'punto_fuera_del_municipio';

function municipioOutlines(): MunicipioShape[] {
  return queretaroOutlines().features.map((f) => ({ cveMun: f.properties.cve_geo, geometry: f.geometry as MunicipioShape['geometry'] }));
}

async function catalogGazetteer(sql: Sql, neighbours: Map<string, string[]>): Promise<Gazetteer> {
  const { rows } = await sql.query<{ codigo_postal: string; clave: string; nombre: string; cve_mun: string }>('select codigo_postal, clave, nombre, cve_mun from cat_asentamiento');
  return gazetteer(rows.map((r): Place => ({ clave: r.clave, nombre: r.nombre, cveMun: r.cve_mun, codigoPostal: r.codigo_postal })), neighbours);
}

/** A row of limpieza_propuesta as a run writes it. */
interface NewProposal {
  persona_id: string;
  texto: string;
  cve_mun: string | null;
  codigo_postal: string | null;
  clave: string | null;
  nombre: string | null;
  cve_mun_propuesto: string | null;
  motivo: string;
  estado: 'pendiente' | 'sin_resolver';
}

/** A page's proposals and the run's progress, together: a run retried never counts a page twice. */
async function writeProposals(sql: Sql, id: string, proposals: NewProposal[], progress: { revisadas: number; propuestas: number; sinResolver: number }): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(
      `insert into limpieza_propuesta (corrida_id, persona_id, texto, cve_mun, codigo_postal, clave, nombre, cve_mun_propuesto, motivo, estado)
       select $1, persona_id, texto, cve_mun, codigo_postal, clave, nombre, cve_mun_propuesto, motivo, estado
       from jsonb_to_recordset($2::jsonb) as x(persona_id uuid, texto text, cve_mun text, codigo_postal text, clave text, nombre text, cve_mun_propuesto text, motivo text, estado text)`,
      [id, JSON.stringify(proposals)],
    );
    await tx.query(PROGRESS, bind(PROGRESS, { id, ...progress }));
  });
}

const PENDING_PEOPLE = `from persona where fusionada_en is null and colonia is not null and btrim(colonia) <> '' and cve_asentamiento is null`;

/** A new run, counted and waiting for its job. */
export async function startCleaning(sql: Sql, actor: string, now: Date): Promise<CleaningRun> {
  const { rows: catalog } = await sql.query('select 1 from cat_asentamiento limit 1');
  if (catalog.length === 0) throw new AppError('CATALOG_EMPTY', 'El catálogo de colonias (SEPOMEX) está vacío: impórtalo primero con «sipros catalogos sepomex».');
  const { rows: running } = await sql.query<{ id: string }>(`select id from limpieza_corrida where estado = 'corriendo'`);
  if (running.length > 0) throw new AppError('CLEANING_RUNNING', 'Ya hay una limpieza en curso; espera a que termine.');
  const { rows } = await sql.query<{ n: string }>(`select count(*) as n ${PENDING_PEOPLE}`);
  const id = randomUUID();
  await sql.query(NEW_RUN, bind(NEW_RUN, { id, total: Number(rows[0].n), actor, now }));
  return findRun(sql, id);
}

/** The run's work: every pending person's colonia read page by page, each page's proposals written with its progress; then the points. */
export async function runCleaning(sql: Sql, id: string, now: () => Date): Promise<void> {
  const run = await findRun(sql, id);
  if (run.estado !== 'corriendo') return;
  await sql.query('delete from limpieza_propuesta where corrida_id = $1', [id]);
  await sql.query('update limpieza_corrida set revisadas = 0, propuestas = 0, sin_resolver = 0 where id = $1', [id]);
  const outlines = municipioOutlines();
  await cleanColonias(sql, id, await catalogGazetteer(sql, neighbouringMunicipios(outlines)));
  await checkPoints(sql, id, municipioMap(outlines));
  await sql.query(`update limpieza_corrida set estado = 'lista', terminada_at = $2 where id = $1`, [id, now()]);
}

async function cleanColonias(sql: Sql, id: string, g: Gazetteer): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await sql.query<{ id: string; colonia: string; cve_mun: string | null; codigo_postal: string | null }>(
      `select id, colonia, cve_mun, codigo_postal ${PENDING_PEOPLE} and id > $1 order by id limit ${PAGE}`,
      [after],
    );
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    const proposals = rows.map((p): NewProposal => {
      const outcome = resolvePlace(g, p.colonia, { cveMun: p.cve_mun, codigoPostal: p.codigo_postal });
      const found = 'found' in outcome ? outcome.found : null;
      return {
        persona_id: p.id,
        texto: p.colonia,
        cve_mun: p.cve_mun,
        codigo_postal: p.codigo_postal,
        clave: found?.place.clave ?? null,
        nombre: found?.place.nombre ?? null,
        cve_mun_propuesto: found?.place.cveMun ?? null,
        motivo: found ? found.motivo : (outcome as { unresolved: string }).unresolved,
        estado: found ? 'pendiente' : 'sin_resolver',
      };
    });
    const found = proposals.filter((p) => p.clave !== null).length;
    await writeProposals(sql, id, proposals, { revisadas: rows.length, propuestas: found, sinResolver: rows.length - found });
  }
}

const PEOPLE_WITH_A_POINT = 'from persona where fusionada_en is null and latitud is not null and longitud is not null and cve_mun is not null';

/**
 * Every person with a point and a municipio, the point checked against the municipio's outline; one outside
 * is listed for a person to look at («sin resolver»), with the municipio the point falls in as the one
 * proposed. Only listed, never applied, and accepting proposals in bulk passes it by: the run cannot tell
 * which is wrong, a point taken where the person registered (a módulo, the office) or the municipio written,
 * and a municipio changes which programs and quotas reach the person, so it is corrected on the person's record.
 */
async function checkPoints(sql: Sql, id: string, map: MunicipioMap): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await sql.query<{ id: string; cve_mun: string; codigo_postal: string | null; latitud: number; longitud: number }>(
      `select id, cve_mun, codigo_postal, latitud, longitud ${PEOPLE_WITH_A_POINT} and id > $1 order by id limit ${PAGE}`,
      [after],
    );
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    const outside = rows.flatMap((p): NewProposal[] => {
      const check = pointOutsideMunicipio(map, { cveMun: p.cve_mun, latitud: Number(p.latitud), longitud: Number(p.longitud) }, BORDER_MARGIN_KM);
      if (!check) return [];
      const texto = `${p.latitud}, ${p.longitud}`;
      return [{ persona_id: p.id, texto, cve_mun: p.cve_mun, codigo_postal: p.codigo_postal, clave: null, nombre: null, cve_mun_propuesto: check.cveMunDelPunto, motivo: POINT_OUTSIDE, estado: 'sin_resolver' }];
    });
    if (outside.length > 0) await writeProposals(sql, id, outside, { revisadas: 0, propuestas: 0, sinResolver: outside.length });
  }
}

export async function failCleaning(sql: Sql, id: string, error: unknown): Promise<void> {
  await sql.query(`update limpieza_corrida set estado = 'fallida', error = $2 where id = $1 and estado = 'corriendo'`, [id, (error as Error).message]);
}

export async function findRun(sql: Sql, id: string): Promise<CleaningRun> {
  const { rows } = isUuid(id)
    ? await sql.query<{ id: string; estado: CleaningRun['estado']; total: number; revisadas: number; propuestas: number; sin_resolver: number; error: string | null; created_at: Date; terminada_at: Date | null }>('select * from limpieza_corrida where id = $1', [id])
    : { rows: [] };
  const r = rows[0];
  if (!r) throw new AppError('CLEANING_NOT_FOUND', 'No encontramos esa limpieza de ubicaciones.');
  const decided = await sql.query<{ estado: string; n: string }>(`select estado, count(*) as n from limpieza_propuesta where corrida_id = $1 and estado in ('aceptada', 'rechazada', 'caducada') group by estado`, [id]);
  const count = (estado: string) => Number(decided.rows.find((d) => d.estado === estado)?.n ?? 0);
  return { id: r.id, estado: r.estado, total: r.total, revisadas: r.revisadas, propuestas: r.propuestas, sinResolver: r.sin_resolver, aceptadas: count('aceptada'), rechazadas: count('rechazada'), caducadas: count('caducada'), error: r.error, iniciadaAt: new Date(r.created_at).toISOString(), terminadaAt: r.terminada_at ? new Date(r.terminada_at).toISOString() : null };
}

/** A page of a run's proposals in one state, oldest first. */
export async function proposalsOf(sql: Sql, id: string, estado: CleaningProposal['estado'], page: number): Promise<CleaningProposal[]> {
  await findRun(sql, id);
  const { rows } = await sql.query<{ id: string; texto: string; cve_mun: string | null; codigo_postal: string | null; clave: string | null; nombre: string | null; cve_mun_propuesto: string | null; motivo: string; estado: CleaningProposal['estado'] }>(
    `select id::text as id, texto, cve_mun, codigo_postal, clave, nombre, cve_mun_propuesto, motivo, estado from limpieza_propuesta where corrida_id = $1 and estado = $2 order by id limit 100 offset $3`,
    [id, estado, (page - 1) * 100],
  );
  return rows.map((r) => ({ id: Number(r.id), texto: r.texto, cveMun: r.cve_mun, codigoPostal: r.codigo_postal, clave: r.clave, nombre: r.nombre, cveMunPropuesto: r.cve_mun_propuesto, municipioEscrito: municipioName(r.cve_mun), municipioPropuesto: municipioName(r.cve_mun_propuesto), motivo: r.motivo, estado: r.estado }));
}

const NEW_RUN = named<{ id: string; total: number; actor: string; now: Date }>(
  'limpieza-corrida-nueva',
  `insert into limpieza_corrida (id, estado, total, revisadas, propuestas, sin_resolver, iniciada_por, created_at) values (:id, 'corriendo', :total, 0, 0, 0, :actor, :now)`,
);

const PROGRESS = named<{ id: string; revisadas: number; propuestas: number; sinResolver: number }>(
  'limpieza-corrida-avance',
  'update limpieza_corrida set revisadas = revisadas + :revisadas, propuestas = propuestas + :propuestas, sin_resolver = sin_resolver + :sinResolver where id = :id',
);

const REJECT = named<{ id: string; ids: number[]; actor: string; now: Date }>(
  'limpieza-rechazar',
  `update limpieza_propuesta set estado = 'rechazada', decidida_por = :actor, decidida_at = :now where corrida_id = :id and estado = 'pendiente' and id = any(:ids::bigint[])`,
);

/** Accepted proposals, the clave written where the colonia still reads the same; returns the ones not written. */
const ACCEPT = named<{ id: string; ids: number[]; todas: boolean; actor: string; now: Date }>(
  'limpieza-aceptar',
  `with elegidas as (
     update limpieza_propuesta set estado = 'aceptada', decidida_por = :actor, decidida_at = :now
     where corrida_id = :id and estado = 'pendiente' and (:todas or id = any(:ids::bigint[]))
     returning id, persona_id, texto, clave),
   escritas as (
     update persona p set cve_asentamiento = e.clave, updated_at = :now
     from elegidas e where p.id = e.persona_id and p.colonia = e.texto and p.cve_asentamiento is null
     returning e.id)
   select e.id::text as id from elegidas e where e.id not in (select id from escritas)`,
);

/**
 * Accepts and rejects pending proposals (listed, or every pending one with `todas`). An accepted clave is
 * written only where the person's colonia still reads as the proposal saw it and has no clave yet; a
 * proposal overtaken by a change is marked «caducada», not applied.
 */
export async function decideProposals(sql: Sql, id: string, decision: { aceptar?: number[]; todas?: boolean; rechazar?: number[] }, actor: string, now: Date): Promise<CleaningRun> {
  const run = await findRun(sql, id);
  if (run.estado !== 'lista') throw new AppError('CLEANING_RUNNING', 'La limpieza aún no termina; decide cuando esté lista.');
  await sql.transaction(async (tx) => {
    await tx.query(REJECT, bind(REJECT, { id, ids: decision.rechazar ?? [], actor, now }));
    const { rows } = await tx.query<{ id: string }>(ACCEPT, bind(ACCEPT, { id, ids: decision.aceptar ?? [], todas: decision.todas === true, actor, now }));
    if (rows.length > 0) await tx.query(`update limpieza_propuesta set estado = 'caducada' where id = any($1::bigint[])`, [rows.map((r) => r.id)]);
  });
  return findRun(sql, id);
}
