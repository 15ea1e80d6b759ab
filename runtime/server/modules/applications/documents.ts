import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Document, Program, type ApplicationRow } from '../../../db/entities.ts';
import { programInScope } from '../officials/scope.ts';
import { AppError } from '../../errors.ts';
import { programVersion } from '../programs/current.ts';
import { DocumentStorage } from './storage.ts';
import { correctionOf, documentView, isUuid } from './views.ts';

const MEDIA_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/heic': 'HEIC' };
const megabytes = (bytes: number) => `${(bytes / 1048576).toLocaleString('es-MX', { maximumFractionDigits: 1 })} MB`;

/** A document may be uploaded while the application is a draft, or when a correction asks for it. */
function assertCanUpload(application: ApplicationRow, documentType: string): void {
  if (!application.folio) return;
  const correction = correctionOf(application);
  if (correction?.documentos.includes(documentType)) return;
  throw new AppError('NOT_EDITABLE', correction ? 'Ese documento no está marcado para corregir.' : undefined);
}

/**
 * Receives one file for one of the program's documents: size checked while streaming, type
 * sniffed from the content (a renamed .exe is refused even if called .pdf), stored by sha256.
 * The previous upload of the same document is kept but marked replaced.
 */
export async function uploadDocument(app: FastifyInstance, request: FastifyRequest, application: ApplicationRow, documentType: string, uploadedBy: string) {
  const program = await programVersion(app, request.em, application.programId, application.programVersion);
  const spec = program.definition.documents.find((d) => d.id === documentType);
  if (!spec) throw new AppError('DOCUMENT_TYPE_UNKNOWN', `El programa no pide el documento «${documentType}».`);
  assertCanUpload(application, documentType);
  if (!request.isMultipart()) throw new AppError('FILE_MISSING', 'Envía el archivo como formulario multipart en el campo «archivo».');
  const file = await request.file();
  if (!file) throw new AppError('FILE_MISSING');
  const storage = new DocumentStorage(app.config.storageDir);
  const received = await storage.receive(file.file, spec.maxBytes);
  if (received.tooLarge) throw new AppError('FILE_TOO_LARGE', `«${spec.label}» puede pesar como máximo ${megabytes(spec.maxBytes)}.`);
  const allowed = spec.accept as readonly string[];
  if (!received.mediaType || !allowed.includes(received.mediaType)) {
    await received.discard();
    const seen = received.mediaType ? `parece ser ${MEDIA_NAMES[received.mediaType] ?? received.mediaType}` : 'no es de un tipo reconocible';
    throw new AppError('FILE_TYPE_NOT_ALLOWED', `El archivo ${seen}; para «${spec.label}» se aceptan: ${allowed.map((m) => MEDIA_NAMES[m] ?? m).join(', ')}.`);
  }
  await received.commit();
  const now = app.clock();
  await request.em.nativeUpdate(Document, { application: application.id, documentType, replacedAt: null }, { replacedAt: now });
  const doc = request.em.create(Document, {
    id: randomUUID(),
    application,
    documentType,
    sha256: received.sha256,
    size: received.size,
    mediaType: received.mediaType,
    originalName: (file.filename || `${documentType}`).slice(0, 200),
    uploadedBy,
    uploadedAt: now,
  });
  await request.em.flush();
  return documentView(doc);
}

/** Whether an official may see an application's documents: same area as the program. */
/** Whether the program of the application is in the official's area or an area below it. */
export async function officialMaySee(app: FastifyInstance, official: { area: string }, application: ApplicationRow): Promise<boolean> {
  return programInScope(app, official.area, application.programId);
}

export async function findDocument(em: EntityManager, application: ApplicationRow, documentId: string) {
  const doc = isUuid(documentId) ? await em.findOne(Document, { id: documentId, application: application.id }) : null;
  if (!doc) throw new AppError('DOCUMENT_NOT_FOUND');
  return doc;
}
