import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { diffDefinitions, evaluateEligibility, loadDefinition, locateElement, runDefinitionTests, templateLeftovers, validateAnswers, type ProgramDefinition } from '../../../../engine/index.ts';
import { DEFINITIONS_DIR } from '../../../definitions/library.ts';
import { AuditLog, Program, ProgramDraft, ProgramVersion, ScheduledPublication, type ProgramDraftRow } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { isUuid } from '../applications/index.ts';
import { localidadForRules, publishDefinition, type PublishResult } from '../programs/index.ts';
import type { Diferencias, ErrorDefinicion, Revision, VistaPrevia } from '../../../api/designer.ts';

export const SCHEDULED_PUBLICATION_JOB = 'programa.publicar-programado';

/** One engine error, placed where the planner will see it. */
export type PlacedError = ErrorDefinicion;
export type CheckReport = Revision;

/** Every engine check on a definition as edited, with errors placed by element, and its test table run. */
export function checkDefinition(app: FastifyInstance, definition: unknown): CheckReport {
  const loaded = loadDefinition(definition, app.library);
  if (!loaded.ok) {
    return {
      valido: false,
      errores: loaded.errors.map((e) => {
        const place = locateElement(definition, e.pointer);
        return { codigo: e.code, mensaje: e.message, area: place.area, elemento: place.element, ubicacion: place.label };
      }),
      pruebas: [],
    };
  }
  const pruebas = runDefinitionTests(loaded.program).map((r) => ({ nombre: r.name, ok: r.passed, fallas: r.failures }));
  return { valido: true, errores: [], pruebas };
}

/**
 * The live preview's verdict on sample answers: form errors by field and eligibility with its
 * reasons, from the same engine functions that judge real submissions (and, for rules over
 * territorio.*, the catalog's localidad of the sample address). A definition that does not load yet
 * answers with its errors instead.
 */
export async function previewAnswers(app: FastifyInstance, definition: unknown, answers: Record<string, unknown>, curp: string | undefined, at: Date): Promise<VistaPrevia> {
  const loaded = loadDefinition(definition, app.library);
  if (!loaded.ok) return { definicionValida: false, errores: checkDefinition(app, definition).errores };
  const form = validateAnswers(loaded.program, answers);
  const eligibility = curp
    ? evaluateEligibility(loaded.program, { curp, answers: form.data, at, localidad: await localidadForRules(app.db.sql, loaded.program, answers) })
    : null;
  return {
    definicionValida: true,
    formulario: { valido: form.valid, errores: form.errors },
    elegibilidad: eligibility ? { elegible: eligibility.eligible, motivos: eligibility.reasons, documentosRequeridos: eligibility.requiredDocuments, puntaje: eligibility.score } : null,
  };
}

/** The definition a new program starts from: a small valid program the planner edits. */
export async function newProgramTemplate(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(DEFINITIONS_DIR, 'templates', 'programa-nuevo.json'), 'utf8'));
}

async function publishedDefinition(em: EntityManager, programId: string): Promise<{ version: number; definition: Record<string, unknown> } | null> {
  const program = await em.findOne(Program, { id: programId });
  if (!program) return null;
  const row = await em.findOne(ProgramVersion, { program: programId, version: program.currentVersion });
  return row ? { version: row.version, definition: row.definition } : null;
}

/**
 * A new working copy: from the template, from an imported file, as the next version of a
 * published program, or as a copy of one under a new id.
 */
export async function createDraft(
  em: EntityManager,
  by: string,
  now: Date,
  input: { desde?: string; como?: 'nueva-version' | 'copia'; definicion?: Record<string, unknown> },
): Promise<ProgramDraftRow> {
  let definition: Record<string, unknown>;
  let baseVersion: number | null = null;
  if (input.definicion) definition = structuredClone(input.definicion);
  else if (input.desde) {
    const published = await publishedDefinition(em, input.desde);
    if (!published) throw new AppError('PROGRAM_NOT_FOUND', `No existe el programa «${input.desde}».`);
    definition = structuredClone(published.definition);
    if (input.como === 'copia') {
      definition.id = `${input.desde}-copia`;
      definition.name = `Copia de ${String(definition.name)}`;
      definition.version = 1;
    } else {
      definition.version = published.version + 1;
      baseVersion = published.version;
    }
  } else definition = await newProgramTemplate();
  const programId = typeof definition.id === 'string' ? definition.id : 'programa-nuevo';
  if (baseVersion === null && input.definicion) baseVersion = (await publishedDefinition(em, programId))?.version ?? null;
  const draft = em.create(ProgramDraft, { id: randomUUID(), programId, baseVersion, definition, revision: 1, createdBy: by, updatedBy: by, createdAt: now, updatedAt: now });
  await em.flush();
  return draft;
}

export async function findDraft(em: EntityManager, id: string): Promise<ProgramDraftRow> {
  const draft = isUuid(id) ? await em.findOne(ProgramDraft, { id }) : null;
  if (!draft) throw new AppError('NOT_FOUND', 'No encontramos ese borrador; quizá ya se publicó o alguien lo eliminó.');
  return draft;
}

/** Autosave: refused when someone saved a newer revision since the planner loaded theirs. */
export async function saveDraft(em: EntityManager, id: string, by: string, now: Date, definition: Record<string, unknown>, revision: number): Promise<ProgramDraftRow> {
  const updated = await em.nativeUpdate(ProgramDraft, { id, revision }, { definition, revision: revision + 1, updatedBy: by, updatedAt: now, programId: typeof definition.id === 'string' ? definition.id : 'programa-nuevo' });
  if (updated === 0) {
    const current = await findDraft(em, id);
    throw new AppError('CONFLICT', `Otra persona (${current.updatedBy}) guardó este borrador mientras lo editabas. Recarga para ver sus cambios.`, { revision: current.revision });
  }
  return findDraft(em.fork(), id);
}

/** What publishing this draft would change, against the version in force. */
export async function draftDiff(app: FastifyInstance, em: EntityManager, draft: ProgramDraftRow): Promise<Diferencias> {
  const published = await publishedDefinition(em, draft.programId);
  const plantilla = templateLeftovers(draft.definition, await newProgramTemplate());
  const loaded = loadDefinition(draft.definition, app.library);
  if (!loaded.ok) return { contra: published?.version ?? null, cambios: [], plantilla, error: 'El borrador tiene errores; corrígelos para ver las diferencias.' };
  if (!published) return { contra: null, cambios: [], plantilla, error: undefined };
  return { contra: published.version, cambios: diffDefinitions(published.definition as unknown as ProgramDefinition, loaded.program.definition), plantilla };
}

function publicationAudit(em: EntityManager, now: Date, by: { id: string; usuario: string }, result: PublishResult, extra: Record<string, unknown>): void {
  em.create(AuditLog, { at: now, actorType: 'funcionario', actorId: by.id, action: 'programa.publicar', entity: 'program', entityId: result.programId, data: { version: result.version, hash: result.hash, publicadoPor: by.usuario, ...extra } });
}

/** Publishes a draft now: a new immutable version (engine checks and test table must pass); the draft is then closed. */
export async function publishDraft(app: FastifyInstance, em: EntityManager, draft: ProgramDraftRow, by: { id: string; usuario: string }, now: Date): Promise<PublishResult> {
  const result = await publishDefinition(em, draft.definition, app.library, by.usuario, now);
  const tx = em.fork();
  publicationAudit(tx, now, by, result, { borrador: draft.id });
  await tx.flush();
  await tx.nativeDelete(ProgramDraft, { id: draft.id });
  return result;
}

/**
 * Schedules a publication: the definition is checked now and frozen; a delayed job publishes it
 * at `dueAt` (and on start, pending ones are enqueued again, so a restart loses none).
 */
export async function schedulePublication(app: FastifyInstance, em: EntityManager, draft: ProgramDraftRow, by: { id: string; usuario: string }, dueAt: Date, now: Date) {
  if (dueAt.getTime() <= now.getTime()) throw new AppError('VALIDATION_FAILED', 'La fecha de publicación programada debe ser futura.');
  const report = checkDefinition(app, draft.definition);
  if (!report.valido) throw new AppError('DEFINITION_INVALID', undefined, { errores: report.errores });
  const failing = report.pruebas.filter((p) => !p.ok);
  if (failing.length > 0) throw new AppError('DEFINITION_TESTS_FAILED', `La definición no pasa ${failing.length} caso(s) de prueba; no se puede publicar.`, { pruebas: failing });
  const scheduled = em.create(ScheduledPublication, {
    id: randomUUID(),
    programId: draft.programId,
    version: Number(draft.definition.version),
    definition: draft.definition,
    dueAt,
    status: 'pendiente',
    scheduledBy: by.usuario,
    createdAt: now,
    doneAt: null,
    result: null,
  });
  em.create(AuditLog, { at: now, actorType: 'funcionario', actorId: by.id, action: 'programa.programar-publicacion', entity: 'program', entityId: draft.programId, data: { version: scheduled.version, para: dueAt.toISOString(), borrador: draft.id } });
  await em.flush();
  await em.nativeDelete(ProgramDraft, { id: draft.id });
  await enqueueScheduled(app, scheduled.id, dueAt);
  return scheduled;
}

async function enqueueScheduled(app: FastifyInstance, id: string, dueAt: Date): Promise<void> {
  await app.jobs.enqueue(SCHEDULED_PUBLICATION_JOB, { id }, { jobId: `publicacion-${id}`, delayMs: Math.max(0, dueAt.getTime() - app.clock().getTime()) });
}

/** The job: publishes a scheduled definition once (a cancelled or already published one is left alone). */
export function registerScheduledPublications(app: FastifyInstance): void {
  app.jobs.register<{ id: string }>(SCHEDULED_PUBLICATION_JOB, async ({ id }) => {
    const em = app.db.orm.em.fork();
    const scheduled = await em.findOne(ScheduledPublication, { id, status: 'pendiente' });
    if (!scheduled) return;
    const now = app.clock();
    try {
      const result = await publishDefinition(em.fork(), scheduled.definition, app.library, scheduled.scheduledBy, now);
      Object.assign(scheduled, { status: 'publicada', doneAt: now, result: { ...result } });
      em.create(AuditLog, { at: now, actorType: 'sistema', actorId: 'publicacion-programada', action: 'programa.publicar', entity: 'program', entityId: result.programId, data: { version: result.version, hash: result.hash, publicadoPor: scheduled.scheduledBy, programada: id } });
    } catch (error) {
      Object.assign(scheduled, { status: 'fallida', doneAt: now, result: { error: (error as Error).message } });
    }
    await em.flush();
  });
}

/** On start: pending scheduled publications go back on the queue with their remaining delay. */
export async function resumeScheduledPublications(app: FastifyInstance): Promise<number> {
  const pending = await app.db.orm.em.fork().find(ScheduledPublication, { status: 'pendiente' });
  for (const p of pending) await enqueueScheduled(app, p.id, p.dueAt);
  return pending.length;
}
