/**
 * The supervisor's view of the brigades: for each brigadista of their area, the records of a
 * period (by day of capture in Mexico City) with their answers, by day and by localidad, and the
 * points for the map. Counts come from grouped SQL over the records' index; the points are capped.
 */
import type { FastifyInstance } from 'fastify';
import { localDateInMexicoCity } from '../../../../engine/index.ts';
import type { BrigadistaSupervisado, ConsultaSupervision, ConteoDeCampo, SupervisionDeCampo } from '../../../api/campo.ts';
import type { OfficialRow } from '../../../db/entities.ts';
import { bind, named } from '../../../db/sql.ts';
import { brigadistasInScope } from './visits.ts';

const MAX_POINTS = 5000;
/** Without dates: the last 30 days, today included. */
const DEFAULT_DAYS = 30;

interface Filter extends Record<string, unknown> {
  brigadistas: string[];
  desde: string;
  hasta: string;
  municipio: string | null;
}

const DAY = `(r.capturado_en at time zone 'America/Mexico_City')::date`;
const WHERE = `r.brigadista_id = any(:brigadistas::uuid[]) and r.resultado is not null
   and ${DAY} between :desde::date and :hasta::date and (:municipio::text is null or r.municipio = :municipio)`;

const GROUPS = named<Filter>('campo-supervision-grupos', `
  select r.brigadista_id, to_char(${DAY}, 'YYYY-MM-DD') as dia, r.localidad, l.nombre as localidad_nombre, r.resultado, count(*)::int as n
    from field_record r left join cat_localidad l on l.cvegeo = r.localidad
   where ${WHERE}
   group by 1, 2, 3, 4, 5`);

const POINTS = named<Filter>('campo-supervision-puntos', `
  select r.lat, r.lng, r.precision_m, r.resultado, to_char(${DAY}, 'YYYY-MM-DD') as dia, r.brigadista_id
    from field_record r
   where ${WHERE} and r.lat is not null and r.lng is not null
   order by r.capturado_en desc limit ${MAX_POINTS}`);

const PENDING = 'select brigadista_id, count(*)::int as n from field_visit where brigadista_id = any($1::uuid[]) and estado = $2 group by 1';

interface GroupRow {
  brigadista_id: string;
  dia: string;
  localidad: string | null;
  localidad_nombre: string | null;
  resultado: 'aceptado' | 'rechazado' | 'conflicto';
  n: number;
}

const zero = (): ConteoDeCampo => ({ registros: 0, aceptados: 0, rechazados: 0, conflictos: 0 });
const FIELD: Record<GroupRow['resultado'], keyof ConteoDeCampo> = { aceptado: 'aceptados', rechazado: 'rechazados', conflicto: 'conflictos' };

function add(count: ConteoDeCampo, row: GroupRow): void {
  count.registros += row.n;
  count[FIELD[row.resultado]] += row.n;
}

/** The period asked, or the last 30 days. */
function period(query: ConsultaSupervision, now: Date): { desde: string; hasta: string } {
  const hasta = query.hasta ?? localDateInMexicoCity(now);
  const start = new Date(`${hasta}T12:00:00Z`);
  start.setUTCDate(start.getUTCDate() - (DEFAULT_DAYS - 1));
  return { desde: query.desde ?? start.toISOString().slice(0, 10), hasta };
}

/** One brigadista's counts, by day (oldest first) and by localidad (most records first). */
function summarise(rows: GroupRow[]): Pick<BrigadistaSupervisado, 'registros' | 'aceptados' | 'rechazados' | 'conflictos' | 'porDia' | 'porLocalidad'> {
  const total = zero();
  const byDay = new Map<string, ConteoDeCampo & { dia: string }>();
  const byPlace = new Map<string, ConteoDeCampo & { localidad: string | null; nombre: string | null }>();
  for (const row of rows) {
    add(total, row);
    if (!byDay.has(row.dia)) byDay.set(row.dia, { dia: row.dia, ...zero() });
    add(byDay.get(row.dia)!, row);
    const key = row.localidad ?? '';
    if (!byPlace.has(key)) byPlace.set(key, { localidad: row.localidad, nombre: row.localidad_nombre, ...zero() });
    add(byPlace.get(key)!, row);
  }
  return {
    ...total,
    porDia: [...byDay.values()].sort((a, b) => a.dia.localeCompare(b.dia)),
    porLocalidad: [...byPlace.values()].sort((a, b) => b.registros - a.registros || (a.nombre ?? '').localeCompare(b.nombre ?? '', 'es')),
  };
}

export async function supervision(app: FastifyInstance, supervisor: Pick<OfficialRow, 'area'>, query: ConsultaSupervision): Promise<SupervisionDeCampo> {
  const { desde, hasta } = period(query, app.clock());
  const brigadistas = await brigadistasInScope(app, supervisor);
  const filter: Filter = { brigadistas: brigadistas.map((b) => b.id), desde, hasta, municipio: query.municipio ?? null };
  const [groups, points, pending] = await Promise.all([
    app.db.sql.query<GroupRow>(GROUPS, bind(GROUPS, filter)),
    app.db.sql.query<{ lat: number; lng: number; precision_m: number | null; resultado: GroupRow['resultado']; dia: string; brigadista_id: string }>(POINTS, bind(POINTS, filter)),
    app.db.sql.query<{ brigadista_id: string; n: number }>(PENDING, [filter.brigadistas, 'pendiente']),
  ]);
  const pendingOf = new Map(pending.rows.map((r) => [r.brigadista_id, r.n]));
  const totals = zero();
  for (const row of groups.rows) add(totals, row);
  return {
    desde,
    hasta,
    municipio: filter.municipio,
    totales: totals,
    brigadistas: brigadistas.map((b) => ({ id: b.id, nombre: b.nombre, usuario: b.usuario, area: b.area, visitasPendientes: pendingOf.get(b.id) ?? 0, ...summarise(groups.rows.filter((r) => r.brigadista_id === b.id)) })),
    puntos: points.rows.map((p) => ({ lat: p.lat, lng: p.lng, precision: p.precision_m ?? 0, resultado: p.resultado, dia: p.dia, brigadista: p.brigadista_id })),
  };
}
