/**
 * The statements of a submission, hand-written and grouped: this is the busiest path of a call's
 * opening day (bench:intake). The submissions of the same moment read their drafts in one
 * statement and write their folios in one statement (runtime/db/batch.ts), instead of two round
 * trips and a commit each. Every guarantee of the single write holds per submission: a group that
 * fails (one of its citizens already has an active application, a deadlock) is written again one
 * by one, so each submission gets its own answer and none is half-written.
 */
import type { FastifyInstance } from 'fastify';
import { groupCalls, numberedGroup } from '../../../db/batch.ts';
import { bind, named, prepared, type SqlClient } from '../../../db/sql.ts';
import { isUuid } from './views.ts';

/** What a submission needs to know about a draft, its citizen and its program. */
export interface DraftFacts {
  folio: string | null;
  status: string;
  program_id: string;
  program_version: number;
  nombres: string;
  telefono: string;
  telefono_verificado: boolean;
  curp: string;
  documents: string[];
  active: string | null;
}

/**
 * The drafts of a group of submissions; `k.n` says which submission a row answers. The group comes
 * as one JSON array (numberedGroup), so the statement is planned once per connection. That one
 * plan must hold whatever the statistics said when it was made (tables never analysed yet, early
 * on an opening day): each draft is an index probe (`offset 0` keeps the lateral join from being
 * turned into a join that could read the whole table while it is small, and keep doing so once it
 * is not).
 */
export const READ_DRAFTS = prepared('envio-leer-borradores', `
  select k.n as "lookup", a.folio, a.status, a.program_id, a.program_version,
         c.nombres, c.telefono, c.telefono_verificado, c.curp,
         (select coalesce(jsonb_agg(d.document_type), '[]'::jsonb) from document d
           where d.application_id = a.id and d.replaced_at is null) as documents,
         (select x.folio || ' (estado: ' || x.status || ')' from application x
           where x.citizen_id = a.citizen_id and x.program_id = a.program_id and x.folio is not null
             and x.status not in ('Rechazada', 'Baja') and x.id <> a.id limit 1) as active
    from jsonb_to_recordset($1::jsonb) as k(id uuid, citizen_id uuid, n int)
    cross join lateral (select a.id, a.citizen_id, a.folio, a.status, a.program_id, a.program_version from application a
                         where a.id = k.id and a.citizen_id = k.citizen_id offset 0) a
    join citizen c on c.id = a.citizen_id`);

/** Everything one submission writes (see WRITE_GROUP). */
export interface SubmissionWrite extends Record<string, unknown> {
  applicationId: string;
  citizenId: string;
  folioHead: string;
  folioSequence: string;
  answers: string;
  eligibility: string;
  score: number | null;
  municipio: string | null;
  localidad: string | null;
  supportTypeId: string;
  snapshot: string;
  state: string;
  status: string;
  now: Date;
  submittedBy: string | null;
  actorType: string;
  actorId: string;
  actorRole: string;
  comment: string;
  onBehalf: boolean;
  audits: string;
  /** The sections of the answers that also go to the citizen's expediente (JSON array of their names). */
  sharedSections: string;
  phone: string;
  folioMark: string;
  messages: string;
}

/**
 * Everything the submissions of a group write, as one statement (so it commits whole or not at all,
 * with no BEGIN/COMMIT round trips): each folio takes its number from its program's sequence in the
 * same UPDATE, which only matches a draft still without a folio; the history entries, audit rows,
 * expedientes and SMS outbox rows hang off that UPDATE and vanish with it when it matches nothing.
 * SMS bodies carry a marker where the folio goes, replaced once the number is known. The
 * submissions travel as one JSON array, a single submission as an array of one; a group holds
 * different citizens only (groupCalls' key), so each expediente is updated once and a draft is
 * never twice in a statement.
 */
const WRITE_GROUP = named<{ items: string; folioMark: string }>('envio-escribir-grupo', `
  with items as (
    select * from jsonb_to_recordset(:items::jsonb) as i(
      "applicationId" uuid, "citizenId" uuid, "folioHead" text, "folioSequence" text, answers jsonb, eligibility jsonb, score numeric,
      municipio text, localidad text, "supportTypeId" text, snapshot jsonb, state text, status text, now timestamptz, "submittedBy" uuid,
      "actorType" text, "actorId" text, "actorRole" text, comment text, "onBehalf" boolean, audits jsonb, "sharedSections" jsonb, phone text, messages jsonb)
  ), submitted as (
    update application a
       set folio = i."folioHead" || nextval(i."folioSequence"::regclass), answers = i.answers, eligibility = i.eligibility,
           score = i.score, municipio = i.municipio, localidad = i.localidad, support_type_id = i."supportTypeId", snapshot = i.snapshot,
           state = i.state, status = i.status, submitted_at = i.now, submitted_by = i."submittedBy", updated_at = i.now,
           row_version = a.row_version + 1
      from items i
     where a.id = i."applicationId" and a.citizen_id = i."citizenId" and a.folio is null
     returning a.id, a.citizen_id, a.folio, a.status
  ), history as (
    insert into application_event (application_id, event, from_state, to_state, from_status, to_status, actor_type, actor_id, actor_role, comment, flags, on_behalf, at)
    select s.id, 'ENVIAR', null, i.state, null, i.status, i."actorType", i."actorId", i."actorRole", i.comment, '{"fields":[],"documents":[]}'::jsonb, i."onBehalf", i.now
      from submitted s join items i on i."applicationId" = s.id
  ), audit as (
    insert into audit_log (at, actor_type, actor_id, action, entity, entity_id, data)
    select i.now, i."actorType", i."actorId", e->>'action', 'application', s.id::text, (e->'data') || jsonb_build_object('folio', s.folio)
      from submitted s join items i on i."applicationId" = s.id, jsonb_array_elements(i.audits) e
  ), expediente as (
    update citizen c set expediente = c.expediente || (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(i.answers) where i."sharedSections" ? key),
           updated_at = i.now
      from submitted s join items i on i."applicationId" = s.id
     where c.id = s.citizen_id
  ), outbox as (
    insert into notification_outbox (id, dedupe_key, phone, body, citizen_id, application_id, status, attempts, created_at)
    select m.id, m.key, i.phone, replace(m.body, :folioMark, s.folio), s.citizen_id, s.id, 'pendiente', 0, i.now
      from submitted s join items i on i."applicationId" = s.id, jsonb_to_recordset(i.messages) as m(id uuid, key text, body text)
  )
  select id, folio, status from submitted`);

export interface Written {
  folio: string;
  status: string;
}

/** The fields of a write that already hold JSON text (answers, history, SMS…). */
const JSON_FIELDS = ['answers', 'eligibility', 'snapshot', 'audits', 'sharedSections', 'messages'] as const;

/** One write as an element of WRITE_GROUP's array: its JSON fields spliced in as they are, not encoded again as strings. */
function groupItem(write: SubmissionWrite): string {
  const plain: Record<string, unknown> = { ...write };
  for (const field of [...JSON_FIELDS, 'folioMark']) delete plain[field];
  return `${JSON.stringify(plain).slice(0, -1)},${JSON_FIELDS.map((field) => `"${field}":${write[field]}`).join(',')}}`;
}

/** Writes the submissions of `writes` in one statement: per submission, its folio and status, or null when its draft already had one (a concurrent call won). */
async function writeStatement(sql: SqlClient, writes: SubmissionWrite[]): Promise<Array<Written | null>> {
  const items = `[${writes.map(groupItem).join(',')}]`;
  const { rows } = await sql.query<Written & { id: string }>(WRITE_GROUP, bind(WRITE_GROUP, { items, folioMark: writes[0].folioMark }));
  const byId = new Map(rows.map((row) => [row.id, { folio: row.folio, status: row.status }]));
  return writes.map((w) => byId.get(w.applicationId) ?? null);
}

async function writeGroup(sql: SqlClient, writes: SubmissionWrite[]): Promise<Array<PromiseSettledResult<Written | null>>> {
  if (writes.length > 1) {
    try {
      return (await writeStatement(sql, writes)).map((value) => ({ status: 'fulfilled', value }));
    } catch {
      // Nothing of the group was written (one statement): each submission is tried alone, for its own answer.
    }
  }
  return Promise.allSettled(writes.map(async (write) => (await writeStatement(sql, [write]))[0]));
}

async function readGroup(sql: SqlClient, drafts: Array<{ applicationId: string; citizenId: string }>): Promise<Array<PromiseSettledResult<DraftFacts | null>>> {
  const asked = drafts.map((d, i) => ({ ...d, i })).filter((d) => isUuid(d.applicationId) && isUuid(d.citizenId));
  const group = numberedGroup(asked.map((d) => ({ id: d.applicationId, citizen_id: d.citizenId })));
  const { rows } = asked.length === 0 ? { rows: [] } : await sql.query<DraftFacts & { lookup: string }>(READ_DRAFTS, [group]);
  const found = new Map(rows.map(({ lookup, ...facts }) => [asked[Number(lookup) - 1].i, facts]));
  return drafts.map((_, i) => ({ status: 'fulfilled', value: found.get(i) ?? null }));
}

interface SubmissionStatements {
  readDraft(applicationId: string, citizenId: string): Promise<DraftFacts | null>;
  write(write: SubmissionWrite): Promise<Written | null>;
}

/** Keyed by the database, not the FastifyInstance: every plugin context (citizen routes, ventanilla, field app) shares one reader and one writer. */
const perDatabase = new WeakMap<object, SubmissionStatements>();

/** The grouped reader and writer of submissions (one pair per database pool). */
export function submissionStatements(app: FastifyInstance): SubmissionStatements {
  let statements = perDatabase.get(app.db);
  if (!statements) {
    const read = groupCalls((drafts: Array<{ applicationId: string; citizenId: string }>) => readGroup(app.db.sql, drafts), { inFlight: 1, maxSize: 256, onGroup: (n) => app.metrics.grouped('envio-leer-borradores', n) });
    const write = groupCalls((writes: SubmissionWrite[]) => writeGroup(app.db.sql, writes), { inFlight: 1, maxSize: 128, keyOf: (w) => w.citizenId, onGroup: (n) => app.metrics.grouped('envio-escribir', n) });
    statements = { readDraft: (applicationId, citizenId) => read({ applicationId, citizenId }), write };
    perDatabase.set(app.db, statements);
  }
  return statements;
}
