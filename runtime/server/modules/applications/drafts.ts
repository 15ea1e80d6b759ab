import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { validateAnswers, type FieldError, type LoadedProgram } from '../../../../engine/index.ts';
import { Application, type ApplicationRow, type SessionCitizen } from '../../../db/entities.ts';
import { bind, named, prepared } from '../../../db/sql.ts';
import { AppError } from '../../errors.ts';
import { assertCallOpen, currentProgram } from '../programs/index.ts';
import { withApplicantAsFirstMember } from './first-member.ts';

/**
 * The sections of a form that come from shared fragments (the CUIS), found by their bundled
 * `$ref`: these are the answers kept in the citizen's single file (expediente) and reused to
 * prefill any program that asks the same sections.
 */
export function sharedSections(program: LoadedProgram): string[] {
  const properties = ((program.definition.form.schema as { properties?: Record<string, { $ref?: string }> }).properties ?? {});
  return Object.entries(properties)
    .filter(([, s]) => typeof s.$ref === 'string' && s.$ref.startsWith('#/$defs/cuis.'))
    .map(([name]) => name);
}

export function prefillFromExpediente(program: LoadedProgram, expediente: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(sharedSections(program).filter((s) => s in expediente).map((s) => [s, expediente[s]]));
}

const EXPEDIENTE = prepared('expediente', 'select expediente from citizen where id = $1');

/** The citizen's expediente, read only when a new draft is prefilled (sessions do not bring it). */
async function expedienteOf(app: FastifyInstance, citizenId: string): Promise<Record<string, unknown>> {
  const { rows } = await app.db.sql.query<{ expediente: Record<string, unknown> | null }>(EXPEDIENTE, [citizenId]);
  return rows[0]?.expediente ?? {};
}

export async function findDraft(em: EntityManager, citizenId: string, programId: string): Promise<ApplicationRow | null> {
  return em.findOne(Application, { citizen: citizenId, programId, folio: null });
}

/** The saved draft, or the citizen's previous CUIS answers, or nothing. */
export async function getDraft(app: FastifyInstance, em: EntityManager, citizen: SessionCitizen, programId: string) {
  const program = await currentProgram(app, em, programId);
  assertCallOpen(program, app.clock());
  const draft = await findDraft(em, citizen.id, programId);
  const now = app.clock();
  if (draft) return { id: draft.id, respuestas: withApplicantAsFirstMember(program, citizen, draft.answers, now), origen: 'borrador' as const, ...draftPosition(draft) };
  const prefilled = prefillFromExpediente(program, await expedienteOf(app, citizen.id));
  const origen = Object.keys(prefilled).length > 0 ? ('expediente' as const) : ('vacio' as const);
  return { id: null, respuestas: withApplicantAsFirstMember(program, citizen, prefilled, now), origen };
}

const MAX_DRAFT_BYTES = 512 * 1024;

/**
 * Creates the citizen's draft of a program or replaces its answers, as one statement. Saves of
 * the same draft arrive at the same instant (autosave plus a click, two tabs): the database takes
 * them one after the other on the draft's row (the one-draft unique index arbitrates even the
 * very first save), so the last one wins whole and none fails on a stale row version.
 */
const UPSERT_DRAFT = named<{ id: string; citizenId: string; programId: string; version: number; answers: string; now: Date }>('borrador-guardar', `
  insert into application (id, citizen_id, program_id, program_version, status, answers, created_at, updated_at)
  values (:id, :citizenId, :programId, :version, 'Borrador', :answers::jsonb, :now, :now)
  on conflict (citizen_id, program_id) where folio is null
  do update set answers = excluded.answers, program_version = excluded.program_version,
                updated_at = excluded.updated_at, row_version = application.row_version + 1
  returning id`);

/**
 * Saves the draft as the citizen goes (created on first save; moved to the current version if
 * the program changed meanwhile: a draft is not an application yet). The draft is saved even
 * with errors; the errors of step `paso` are returned so the form can show them.
 */
export async function saveDraft(app: FastifyInstance, em: EntityManager, citizen: SessionCitizen, programId: string, answers: Record<string, unknown>, step?: number): Promise<{ id: string; respuestas: Record<string, unknown>; errores: FieldError[] }> {
  const program = await currentProgram(app, em, programId);
  const now = app.clock();
  assertCallOpen(program, now);
  const json = JSON.stringify(answers);
  if (json.length > MAX_DRAFT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'Las respuestas son demasiado grandes.');
  const { rows } = await app.db.sql.query<{ id: string }>(
    UPSERT_DRAFT,
    bind(UPSERT_DRAFT, { id: randomUUID(), citizenId: citizen.id, programId, version: program.definition.version, answers: json, now }),
  );
  const errores = step === undefined ? [] : validateAnswers(program, answers, { step }).errors;
  return { id: rows[0].id, respuestas: answers, errores };
}

/** Where the person is in a draft's form: the step shown, the furthest step reached, whether she came from the review page. */
export interface DraftPosition {
  paso: number;
  alcanzado: number;
  desdeRevision: boolean;
}

/** The saved position of a draft, for GET borrador (nothing when it never moved). */
function draftPosition(draft: ApplicationRow): { posicion?: DraftPosition } {
  return draft.draftPosition ? { posicion: draft.draftPosition } : {};
}

const SAVE_POSITION = prepared('borrador-posicion', `
  update application set draft_position = $3::jsonb
  where citizen_id = $1 and program_id = $2 and folio is null
  returning id`);

/**
 * Remembers where the person is in her draft, so that it reopens there on another device or
 * browser. Only the position changes (not the answers nor the row version: it never conflicts
 * with a save of the answers). A program without a draft of hers has nothing to remember.
 */
export async function saveDraftPosition(app: FastifyInstance, citizen: SessionCitizen, programId: string, position: DraftPosition): Promise<void> {
  const alcanzado = Math.max(position.paso, position.alcanzado);
  const { rows } = await app.db.sql.query<{ id: string }>(SAVE_POSITION, [citizen.id, programId, JSON.stringify({ paso: position.paso, alcanzado, desdeRevision: position.desdeRevision })]);
  if (rows.length === 0) throw new AppError('APPLICATION_NOT_FOUND', 'Todavía no tienes un borrador guardado en este programa.');
}
