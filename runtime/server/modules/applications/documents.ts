import { randomUUID } from 'node:crypto';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LoadedProgram } from '../../../../engine/index.ts';
import { Application, Document, Program, type ApplicationRow } from '../../../db/entities.ts';
import { programInScope, seesPersonalDataOf } from '../officials/index.ts';
import { AppError } from '../../errors.ts';
import { programVersion } from '../programs/index.ts';
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
 * What a failure while reading the multipart form means. The file system failing (it names its
 * syscall: ENOSPC, EACCES…) is the server's fault and stays a 500; @fastify/multipart's own
 * errors (FST_…) keep their mapping in the error handler; anything else is the form itself
 * (no boundary, cut short, malformed part headers): MULTIPART_INVALID, never a 500.
 */
function uploadReadError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const { syscall, code } = error as { syscall?: unknown; code?: unknown };
  if (typeof syscall === 'string' || (typeof code === 'string' && code.startsWith('FST_'))) return error;
  return new AppError('MULTIPART_INVALID');
}

/** The one file of the upload, streamed into storage (see DocumentStorage.receive). */
async function receiveFile(request: FastifyRequest, storage: DocumentStorage, maxBytes: number) {
  if (!request.isMultipart()) throw new AppError('FILE_MISSING', 'Envía el archivo como formulario multipart en el campo «archivo».');
  try {
    const file = await request.file();
    if (!file) throw new AppError('FILE_MISSING');
    return { filename: file.filename, received: await storage.receive(file.file, maxBytes) };
  } catch (error) {
    throw uploadReadError(error);
  }
}

/** A file name as shown to people: no control characters (PostgreSQL text refuses NUL), at most 200 characters. */
function displayName(filename: string | undefined, documentType: string): string {
  const clean = (filename ?? '').replace(/\p{Cc}/gu, '').trim();
  return (clean || documentType).slice(0, 200);
}

/**
 * Records the new current copy of a document, in one transaction holding the application's row
 * lock: uploads of the same document at the same instant (a double tap, two tabs) take turns,
 * each marking the previous copy replaced, so exactly one copy is ever current; the one-current
 * unique index (migration 0007) refuses anything else. Under the lock the application is read
 * again, so an upload racing the submission is judged against the state it finds.
 */
async function recordCurrentDocument(app: FastifyInstance, applicationId: string, documentType: string, file: { sha256: string; size: number; mediaType: string; originalName: string; uploadedBy: string }) {
  return app.db.orm.em.fork().transactional(async (tx) => {
    const application = await tx.findOne(Application, { id: applicationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!application) throw new AppError('APPLICATION_NOT_FOUND');
    assertCanUpload(application, documentType);
    const now = app.clock();
    await tx.nativeUpdate(Document, { application: applicationId, documentType, replacedAt: null }, { replacedAt: now });
    return tx.create(Document, { id: randomUUID(), application, documentType, ...file, uploadedAt: now });
  });
}

/** A document of a program definition: what it accepts and how heavy it may be. */
type DocumentSpec = LoadedProgram['definition']['documents'][number];
type Received = Awaited<ReturnType<DocumentStorage['receive']>>;

/** A file received for a document and checked (size, sniffed type), not yet kept: `attachDocument` keeps it, `discard` drops it. */
export interface ReceivedDocument {
  documentType: string;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  commit: () => Promise<void>;
  discard: () => Promise<void>;
}

/** The size and content-type checks of every upload: FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED (the file dropped). */
async function checkedFile(spec: DocumentSpec, received: Received, filename: string | undefined): Promise<ReceivedDocument> {
  if (received.tooLarge) throw new AppError('FILE_TOO_LARGE', `«${spec.label}» puede pesar como máximo ${megabytes(spec.maxBytes)}.`);
  const allowed = spec.accept as readonly string[];
  if (!received.mediaType || !allowed.includes(received.mediaType)) {
    await received.discard();
    const seen = received.mediaType ? `parece ser ${MEDIA_NAMES[received.mediaType] ?? received.mediaType}` : 'no es de un tipo reconocible';
    throw new AppError('FILE_TYPE_NOT_ALLOWED', `El archivo ${seen}; para «${spec.label}» se aceptan: ${allowed.map((m) => MEDIA_NAMES[m] ?? m).join(', ')}.`);
  }
  const { sha256, size, mediaType, commit, discard } = received;
  return { documentType: spec.id, sha256, size, mediaType, originalName: displayName(filename, spec.id), commit, discard };
}

/**
 * One file of a form that carries several (the field app's records), streamed into storage with
 * the same checks as a single upload; kept only when `attachDocument` records it.
 */
export async function receiveDocument(app: FastifyInstance, spec: DocumentSpec, stream: Readable, filename: string | undefined): Promise<ReceivedDocument> {
  let received: Received;
  try {
    received = await new DocumentStorage(app.config.storageDir).receive(stream, spec.maxBytes);
  } catch (error) {
    throw uploadReadError(error);
  }
  return checkedFile(spec, received, filename);
}

/** Keeps a received file (stored before its row exists, so a current document never points at a missing file) as the application's current copy. */
export async function attachDocument(app: FastifyInstance, applicationId: string, file: ReceivedDocument, uploadedBy: string) {
  await file.commit();
  const { documentType, sha256, size, mediaType, originalName } = file;
  return documentView(await recordCurrentDocument(app, applicationId, documentType, { sha256, size, mediaType, originalName, uploadedBy }));
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
  const storage = new DocumentStorage(app.config.storageDir);
  const { filename, received } = await receiveFile(request, storage, spec.maxBytes);
  return attachDocument(app, application.id, await checkedFile(spec, received, filename), uploadedBy);
}

/**
 * Whether an official may download an application's documents: only of a submitted application
 * (a draft has no folio: it is still the person's own, not yet before any official), of a
 * program in their area or below, and only with the personal-data right for that program (the
 * one rule, officials/personal-data.ts). Anything else answers as if it did not exist.
 */
export async function officialMaySee(app: FastifyInstance, em: EntityManager, official: { area: string; roles: readonly string[] }, application: ApplicationRow): Promise<boolean> {
  if (!application.folio) return false;
  if (!(await programInScope(app, official.area, application.programId))) return false;
  return seesPersonalDataOf(app, em, official.roles, application.programId);
}

export async function findDocument(em: EntityManager, application: ApplicationRow, documentId: string) {
  const doc = isUuid(documentId) ? await em.findOne(Document, { id: documentId, application: application.id }) : null;
  if (!doc) throw new AppError('DOCUMENT_NOT_FOUND');
  return doc;
}
