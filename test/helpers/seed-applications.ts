/**
 * Test data for the queue and the dashboard: submitted applications written straight to the
 * database, as a submission leaves them (folio from the program's sequence, the workflow's start
 * snapshot moved to the wanted state, history entry), many at a time and in every state, which
 * going through the citizen's routes one upload at a time would make slow. Not used by the server.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { folioHead, localDateInMexicoCity, startWorkflow } from '../../engine/index.ts';
import { nextAdultCurp } from './actors.ts';
import { currentProgram } from '../../runtime/server/modules/programs/current.ts';
import { folioSequenceName } from '../../runtime/server/modules/programs/folio-sequence.ts';

export interface CitizenSpec {
  nombres: string;
  primerApellido: string;
  segundoApellido?: string | null;
  curp?: string;
}

export interface ApplicationSpec {
  program: string;
  citizen: CitizenSpec | { id: string; curp: string };
  /** ISO instant of submission. */
  submittedAt: string;
  /** Workflow state id; the program's initial state when absent. */
  state?: string;
  municipio?: string | null;
  supportType?: string;
}

export interface SeededApplication {
  id: string;
  folio: string;
  numero: number;
  folioNumber: number;
  program: string;
  state: string;
  status: string;
  submittedAt: string;
  municipio: string | null;
  citizenId: string;
  curp: string;
  nombres: string;
  primerApellido: string;
  segundoApellido: string | null;
}

export async function insertCitizen(app: FastifyInstance, spec: CitizenSpec): Promise<{ id: string; curp: string }> {
  const id = randomUUID();
  const curp = spec.curp ?? nextAdultCurp();
  const now = app.clock();
  await app.db.sql.query(
    `insert into citizen (id, curp, nombres, primer_apellido, segundo_apellido, fecha_nacimiento, sexo, telefono, telefono_verificado, password_hash, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, '4421234567', true, 'no-se-usa', $8, $8)`,
    [id, curp, spec.nombres, spec.primerApellido, spec.segundoApellido ?? null, `19${curp.slice(4, 6)}-${curp.slice(6, 8)}-${curp.slice(8, 10)}`, curp[10], now],
  );
  return { id, curp };
}

/** Inserts submitted applications (and their citizens), in the given order. */
export async function seedApplications(app: FastifyInstance, specs: ApplicationSpec[]): Promise<SeededApplication[]> {
  const out: SeededApplication[] = [];
  for (const spec of specs) {
    const program = await currentProgram(app, app.db.orm.em.fork(), spec.program);
    const def = program.definition;
    const start = startWorkflow(program);
    const state = spec.state ?? start.snapshot.state;
    const status = def.workflow.states[state].status;
    const citizen = 'id' in spec.citizen ? spec.citizen : await insertCitizen(app, spec.citizen);
    const names = 'id' in spec.citizen ? null : spec.citizen;
    const at = new Date(spec.submittedAt);
    const id = randomUUID();
    const answers = (def.tests as { base?: { answers?: unknown } } | undefined)?.base?.answers ?? {};
    const { rows } = await app.db.sql.query<{ folio: string; numero: string | number }>(
      `insert into application (id, citizen_id, program_id, program_version, support_type_id, folio, status, state, snapshot, answers, eligibility, score, municipio, submitted_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6 || nextval($7::regclass), $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, 10, $13, $14, $14, $14)
       returning folio, numero`,
      [
        id, citizen.id, def.id, def.version, spec.supportType ?? def.supportTypes[0].id, folioHead(localDateInMexicoCity(at), def.folioPrefix), folioSequenceName(def.id),
        status, state, JSON.stringify({ ...start.snapshot, state }), JSON.stringify(answers),
        JSON.stringify({ eligible: true, reasons: [], score: 10, requiredDocuments: [] }), spec.municipio ?? null, at,
      ],
    );
    await app.db.sql.query(
      `insert into application_event (application_id, event, from_state, to_state, from_status, to_status, actor_type, actor_id, actor_role, at)
       values ($1, 'ENVIAR', null, $2, null, $3, 'ciudadano', $4, 'ciudadano', $5)`,
      [id, state, status, citizen.id, at],
    );
    const folio = rows[0].folio;
    out.push({
      id, folio, numero: Number(rows[0].numero), folioNumber: Number(folio.slice(folio.lastIndexOf('-') + 1)), program: def.id, state, status,
      submittedAt: at.toISOString(), municipio: spec.municipio ?? null, citizenId: citizen.id, curp: citizen.curp,
      nombres: names?.nombres ?? '', primerApellido: names?.primerApellido ?? '', segundoApellido: names?.segundoApellido ?? null,
    });
  }
  return out;
}

/** A draft (no folio): never part of the queue, the reports or the dashboard. */
export async function insertDraft(app: FastifyInstance, programId: string, municipio: string | null): Promise<string> {
  const program = await currentProgram(app, app.db.orm.em.fork(), programId);
  const citizen = await insertCitizen(app, { nombres: 'BORRADOR', primerApellido: 'SIN ENVIAR' });
  const id = randomUUID();
  await app.db.sql.query(
    `insert into application (id, citizen_id, program_id, program_version, status, answers, municipio, created_at, updated_at)
     values ($1, $2, $3, $4, 'Borrador', '{}'::jsonb, $5, $6, $6)`,
    [id, citizen.id, programId, program.definition.version, municipio, app.clock()],
  );
  return id;
}

/** A delivery row as the delivery module records it (who, when, where). */
export async function insertDelivery(app: FastifyInstance, applicationId: string, officialId: string, at: string): Promise<void> {
  await app.db.sql.query('insert into delivery (application_id, official_id, delivered_at, latitude, longitude) values ($1, $2, $3, 20.59, -100.39)', [applicationId, officialId, new Date(at)]);
}

/** A small RFC 4180 reader for the CSV reports (quoted cells, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}
