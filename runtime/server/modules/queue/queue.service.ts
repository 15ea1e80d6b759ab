import type { FastifyInstance } from 'fastify';
import type { FilaSolicitud, Filtros, PaginaQuery, PaginaSolicitudes } from '../../../api/queue.ts';
import type { ProgramDefinition } from '../../../../engine/index.ts';
import { AppError } from '../../errors.ts';
import { statesWithStatus, versionOf, type OfficialContext, type ScopedProgram } from './context.ts';
import { decodeCursor, encodeCursor, type CursorOwner, type Order, type Position } from './cursor.ts';
import { browseCountStatement, browseQuery, searchQuery, type QueueRow, type Selection } from './queue.sql.ts';
import { nameSearchRows } from './name-search.ts';
import { parseSearch, searchesFolio } from './search.ts';
import { supportsOfApplicants } from '../padron/index.ts';

export { queueTuning } from './name-search.ts';

/** The queue's filters as the query string (and saved filters) carry them. */
export type QueueFilters = Filtros;
export type QueuePageQuery = PaginaQuery;

/** Beyond this many matches the queue says "many" (total null) instead of counting them all. */
const COUNT_CAP = 10_000;

/** Empty query-string values ("?programa=") mean "no filter". */
function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Control characters (NUL above all) never belong in a filter; PostgreSQL refuses NUL in text mid-statement. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const FILTER_FIELDS = ['programa', 'proceso', 'estado', 'q', 'orden'] as const;

/**
 * Refuses filters holding control characters, before anything is read or streamed: a report
 * would otherwise answer 200 and break off mid-file when the database refuses the value.
 */
export function assertPrintableFilters(filters: QueueFilters): void {
  for (const field of FILTER_FIELDS) {
    const value = filters[field];
    if (typeof value === 'string' && CONTROL_CHARACTERS.test(value)) {
      const message = 'Los filtros no pueden llevar caracteres de control (como el carácter nulo); escríbelos de nuevo.';
      throw new AppError('VALIDATION_FAILED', message, { fields: [{ path: `querystring.${field}`, message }] });
    }
  }
}

/**
 * The official's scope and filters turned into what to read. A program outside the scope simply
 * selects nothing (never an error that would confirm it exists). Searching by CURP or name is
 * itself personal data: it looks only in the programs whose personal data the official sees,
 * and roles without it in any program may only search by folio.
 */
export function selectionOf(ctx: OfficialContext, filters: QueueFilters): Selection {
  assertPrintableFilters(filters);
  const programa = present(filters.programa);
  const proceso = present(filters.proceso);
  const estado = present(filters.estado);
  const q = present(filters.q);
  const search = q ? parseSearch(q) : null;
  const personalSearch = search !== null && !searchesFolio(search);
  if (personalSearch && ctx.personalPrograms.size === 0) {
    throw new AppError('FORBIDDEN', 'Tu rol no incluye datos personales: busca las solicitudes por folio.');
  }
  const asked = programa ? (ctx.programs.has(programa) ? [programa] : []) : [...ctx.programs.keys()].sort();
  const programs = personalSearch ? asked.filter((id) => ctx.personalPrograms.has(id)) : asked;
  const branches = programs.flatMap((id) =>
    statesWithStatus(ctx.programs.get(id)!, estado)
      .filter((state) => proceso === undefined || state === proceso)
      .map((state) => ({ program: id, state })),
  );
  const statusCheck = estado !== undefined && branches.some((b) => statusVaries(ctx.programs.get(b.program)!, b.state));
  return { programs, branches, estado, statusCheck, proceso, search, personalPrograms: programs.filter((id) => ctx.personalPrograms.has(id)) };
}

/** Whether a state has different statuses in different versions of its program. */
function statusVaries(program: ScopedProgram, state: string): boolean {
  const statuses = new Set([...program.versions.values()].map((v) => v.definition.workflow.states[state]?.status).filter((s) => s !== undefined));
  return statuses.size > 1;
}

export function orderOf(filters: QueueFilters): Order {
  return (present(filters.orden) as Order | undefined) ?? 'fecha_desc';
}

/** The status an approval leads to; the event that reaches it is named by each workflow. */
const APPROVED = 'Aprobada';

/**
 * The event by which this official may approve the application now, if any: a transition from its
 * state to an «Aprobada» state that one of the official's roles may fire. The queue's bulk
 * approval offers only such rows, so the browser needs no event or role names of its own.
 */
function approvalEvent(ctx: OfficialContext, definition: ProgramDefinition | null, state: string | null): string | null {
  if (!definition || !state) return null;
  const { states } = definition.workflow;
  for (const [event, transition] of Object.entries(states[state]?.on ?? {})) {
    if (states[transition.target]?.status === APPROVED && transition.roles.some((role) => ctx.roles.includes(role))) return event;
  }
  return null;
}

/** One row of the queue as the contract names it, with the labels of the application's own version. */
export function queueRowView(ctx: OfficialContext, row: QueueRow, supports: ReadonlyMap<string, number> = new Map()): FilaSolicitud {
  const program = ctx.programs.get(row.program_id);
  const definition = program ? versionOf(program, row.program_version).definition : null;
  const support = definition?.supportTypes.find((s) => s.id === row.support_type_id);
  return {
    id: row.id,
    numero: Number(row.numero),
    curp: row.curp,
    nombre: row.nombres,
    primerApellido: row.primer_apellido,
    segundoApellido: row.segundo_apellido,
    fechaSolicitud: new Date(row.submitted_at).toISOString(),
    folio: row.folio,
    programa: row.program_id,
    programaNombre: program?.name ?? row.program_id,
    proceso: row.state,
    procesoEtiqueta: (row.state && definition?.workflow.states[row.state]?.label) || row.state,
    tipoApoyo: support?.name ?? row.support_type_id,
    tipoApoyoId: row.support_type_id,
    padron: supports.get(row.id) ?? null,
    estado: row.status,
    municipio: row.municipio,
    aprobar: approvalEvent(ctx, definition, row.state),
  };
}

function positionAfter(orden: Order, row: QueueRow): Position {
  if (orden === 'nombre') return { orden, nombre: row.cursor_key, id: row.id };
  if (orden === 'folio') return { orden, programa: row.program_id, numero: row.cursor_key, id: row.id };
  return { orden, fecha: row.cursor_key, id: row.id };
}

async function pageRows(app: FastifyInstance, selection: Selection, orden: Order, position: Position | null, limit: number): Promise<QueueRow[]> {
  if (selection.search?.kind === 'nombre') return nameSearchRows(app, selection, orden, position, limit);
  if (selection.search) {
    const { statement, values } = searchQuery(selection, orden, position, limit);
    return (await app.db.sql.query<QueueRow>(statement, values)).rows;
  }
  if (selection.branches.length === 0) return [];
  const { statement, values } = browseQuery(selection, orden, position, limit);
  return (await app.db.sql.query<QueueRow>(statement, values)).rows;
}

/** The number of rows of the unsearched queue, up to COUNT_CAP (null beyond it). */
async function cappedTotal(app: FastifyInstance, selection: Selection): Promise<number | null> {
  if (selection.branches.length === 0) return 0;
  const { statement, values } = browseCountStatement(selection, COUNT_CAP + 1);
  const n = (await app.db.sql.query<{ n: number }>(statement, values)).rows[0].n;
  return n > COUNT_CAP ? null : n;
}

/**
 * "Solicitudes": one keyset page of the applications in the official's scope. The total comes
 * with the first page only: counted up to COUNT_CAP without a search; with a search only when
 * the first page holds every match.
 */
export async function listQueue(app: FastifyInstance, ctx: OfficialContext, query: QueuePageQuery): Promise<PaginaSolicitudes> {
  const orden = orderOf(query);
  const selection = selectionOf(ctx, query);
  const despues = present(query.despues);
  const owner: CursorOwner = { secret: app.config.secret, officialId: ctx.officialId };
  const position = despues ? decodeCursor(despues, orden, owner) : null;
  const limit = query.limite ?? 25;
  const rows = await pageRows(app, selection, orden, position, limit + 1);
  const page = rows.slice(0, limit);
  const siguiente = rows.length > limit ? encodeCursor(positionAfter(orden, page[page.length - 1]), owner) : null;
  // A first page that holds everything already knows the total; a search's is not worth counting.
  const total = position ? null : siguiente === null ? page.length : selection.search ? null : await cappedTotal(app, selection);
  const supports = await supportsOfApplicants(app.db.sql, page.map((row) => row.id));
  return { filas: page.map((row) => queueRowView(ctx, row, supports)), siguiente, total };
}
