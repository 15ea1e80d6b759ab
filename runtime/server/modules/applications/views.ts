import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import type { EligibilityResult, StoredSnapshot } from '../../../../engine/index.ts';
import { Application, ApplicationEvent, Document, Program, type ApplicationRow, type DocumentRow } from '../../../db/entities.ts';
import { AppError } from '../../errors.ts';
import { programVersion } from '../programs/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in URLs are checked before querying: anything that is not a UUID is simply "not found". */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** The citizen's own application; anybody else's is "not found", never "forbidden" (no probing). */
export async function ownApplication(em: EntityManager, citizenId: string, id: string): Promise<ApplicationRow> {
  const application = isUuid(id) ? await em.findOne(Application, { id, citizen: citizenId }) : null;
  if (!application) throw new AppError('APPLICATION_NOT_FOUND');
  return application;
}

export function documentView(doc: DocumentRow) {
  return { id: doc.id, tipo: doc.documentType, nombre: doc.originalName, tamano: doc.size, mediaType: doc.mediaType, sha256: doc.sha256, subido: doc.uploadedAt.toISOString() };
}

/** "Mis solicitudes": newest first, drafts included as 'Borrador'. */
export async function listApplications(em: EntityManager, citizenId: string) {
  const rows = await em.find(Application, { citizen: citizenId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
  const names = new Map((await em.find(Program, { id: { $in: [...new Set(rows.map((r) => r.programId))] } })).map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    folio: r.folio ?? null,
    programa: { id: r.programId, nombre: names.get(r.programId) ?? r.programId },
    tipoApoyo: r.supportTypeId ?? null,
    estado: r.status,
    fecha: (r.submittedAt ?? r.createdAt).toISOString(),
  }));
}

/** The open correction request, if the application is in correction. */
export function correctionOf(application: ApplicationRow): { comentario: string; campos: string[]; documentos: string[] } | null {
  const correction = (application.snapshot as unknown as StoredSnapshot | null)?.context?.correction;
  if (application.status !== 'Corrección' || !correction) return null;
  return { comentario: correction.comment, campos: correction.fields, documentos: correction.documents };
}

/** "Ver solicitud": answers and documents as submitted, status, eligibility, the open correction. */
export async function applicationDetail(app: FastifyInstance, em: EntityManager, application: ApplicationRow) {
  const program = await programVersion(app, em, application.programId, application.programVersion);
  const docs = await em.find(Document, { application: application.id, replacedAt: null }, { orderBy: { uploadedAt: 'asc' } });
  const support = program.definition.supportTypes.find((s) => s.id === application.supportTypeId);
  const stateLabel = application.state ? program.definition.workflow.states[application.state]?.label : null;
  // Stored on submission from the engine's result (the column is JSON).
  const eligibility = application.eligibility as Partial<Pick<EligibilityResult, 'eligible' | 'reasons' | 'score'>> | null;
  return {
    id: application.id,
    folio: application.folio ?? null,
    programa: { id: program.definition.id, nombre: program.definition.name, version: program.definition.version },
    tipoApoyo: support ? { id: support.id, nombre: support.name } : null,
    estado: application.status,
    etapa: stateLabel ?? null,
    fecha: (application.submittedAt ?? application.createdAt).toISOString(),
    respuestas: application.answers,
    documentos: docs.map(documentView),
    elegibilidad: eligibility ? { elegible: eligibility.eligible === true, motivos: eligibility.reasons ?? [], puntaje: eligibility.score ?? 0 } : null,
    correccion: correctionOf(application),
    formulario: { schema: program.definition.form.schema, uischema: program.definition.form.uischema },
    documentosDelPrograma: program.definition.documents.map((d) => ({ id: d.id, nombre: d.label, tipos: d.accept, tamanoMaximo: d.maxBytes })),
  };
}

/** "Historial": every status change, oldest first. */
export async function applicationHistory(em: EntityManager, applicationId: string) {
  const events = await em.find(ApplicationEvent, { application: applicationId }, { orderBy: { id: 'asc' } });
  return events.map((e) => ({ estado: e.toStatus, fecha: e.at.toISOString(), comentario: e.comment, evento: e.event, enVentanilla: e.onBehalf }));
}
