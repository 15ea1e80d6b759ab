import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { validateAnswers, type FieldError, type LoadedProgram } from '../../../../engine/index.ts';
import { Application, Citizen, type ApplicationRow, type CitizenRow } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { assertCallOpen, currentProgram } from '../programs/current.ts';

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

export function prefillFromExpediente(program: LoadedProgram, citizen: CitizenRow): Record<string, unknown> {
  const expediente = citizen.expediente ?? {};
  return Object.fromEntries(sharedSections(program).filter((s) => s in expediente).map((s) => [s, expediente[s]]));
}

export async function findDraft(em: EntityManager, citizenId: string, programId: string): Promise<ApplicationRow | null> {
  return em.findOne(Application, { citizen: citizenId, programId, folio: null });
}

/** The saved draft, or the citizen's previous CUIS answers, or nothing. */
export async function getDraft(app: FastifyInstance, em: EntityManager, citizen: CitizenRow, programId: string) {
  const program = await currentProgram(app, em, programId);
  assertCallOpen(program, app.clock());
  const draft = await findDraft(em, citizen.id, programId);
  if (draft) return { id: draft.id, respuestas: draft.answers, origen: 'borrador' as const };
  const prefilled = prefillFromExpediente(program, citizen);
  return { id: null, respuestas: prefilled, origen: Object.keys(prefilled).length > 0 ? ('expediente' as const) : ('vacio' as const) };
}

const MAX_DRAFT_BYTES = 512 * 1024;

/**
 * Saves the draft as the citizen goes (created on first save; moved to the current version if
 * the program changed meanwhile: a draft is not an application yet). The draft is saved even
 * with errors; the errors of step `paso` are returned so the form can show them.
 */
export async function saveDraft(app: FastifyInstance, em: EntityManager, citizen: CitizenRow, programId: string, answers: Record<string, unknown>, step?: number): Promise<{ id: string; respuestas: Record<string, unknown>; errores: FieldError[] }> {
  const program = await currentProgram(app, em, programId);
  const now = app.clock();
  assertCallOpen(program, now);
  if (JSON.stringify(answers).length > MAX_DRAFT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'Las respuestas son demasiado grandes.');
  let draft = await findDraft(em, citizen.id, programId);
  if (!draft) {
    draft = em.create(Application, {
      id: randomUUID(),
      citizen: em.getReference(Citizen, citizen.id),
      programId,
      programVersion: program.definition.version,
      status: 'Borrador',
      answers,
      createdAt: now,
      updatedAt: now,
    });
  } else Object.assign(draft, { answers, programVersion: program.definition.version, updatedAt: now });
  await em.flush();
  const errores = step === undefined ? [] : validateAnswers(program, answers, { step }).errors;
  return { id: draft.id, respuestas: answers, errores };
}
