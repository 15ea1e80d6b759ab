import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PADRON_ENTITIES } from './padron-entities.ts';
import { TERRITORIO_ENTITIES } from './territorio-entities.ts';
import { CAMPO_ENTITIES } from './campo-entities.ts';

export { Beneficio, PadronFila, PadronLote, PadronMapeo, Persona, PersonaCurp, ProgramaCatalogo } from './padron-entities.ts';
export { FieldRecord, FieldVisit, type FieldRecordRow, type FieldVisitRow } from './campo-entities.ts';

/** A social program: its stable identity and which version is current. */
export const Program = defineEntity({
  name: 'Program',
  tableName: 'program',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    dependencia: p.string(),
    area: p.string(),
    currentVersion: p.integer(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

/**
 * One published, immutable version of a program definition. It is stored self-contained (shared
 * fragments bundled in, the rule sets it uses copied beside it), so later changes to the shared
 * library never change a published version. Applications are pinned to the version they were
 * made with; the content hash makes publishing the same content twice a no-op.
 */
export const ProgramVersion = defineEntity({
  name: 'ProgramVersion',
  tableName: 'program_version',
  properties: {
    id: p.uuid().primary(),
    program: () => p.manyToOne(Program),
    version: p.integer(),
    hash: p.string(),
    definition: p.json<Record<string, unknown>>(),
    ruleSets: p.json<Record<string, unknown>>(),
    publishedAt: p.datetime(),
    publishedBy: p.string(),
  },
});


/** A citizen account and their single file (expediente): the latest CUIS answers, reused to prefill. */
export const Citizen = defineEntity({
  name: 'Citizen',
  tableName: 'citizen',
  properties: {
    id: p.uuid().primary(),
    curp: p.string().unique(),
    nombres: p.string(),
    primerApellido: p.string(),
    segundoApellido: p.string().nullable(),
    fechaNacimiento: p.date(),
    sexo: p.string().$type<'H' | 'M' | 'X'>(),
    telefono: p.string(),
    telefonoVerificado: p.boolean(),
    correo: p.string().nullable(),
    passwordHash: p.string().hidden(),
    estado: p.string().$type<'activo' | 'bloqueado'>(),
    registroCivil: p.string(),
    expediente: p.json<Record<string, unknown>>(),
    /** The official who signed this citizen up at a counter (assisted registration), if any. */
    registradoPor: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export const Official = defineEntity({
  name: 'Official',
  tableName: 'official',
  properties: {
    id: p.uuid().primary(),
    usuario: p.string().unique(),
    nombre: p.string(),
    correo: p.string(),
    passwordHash: p.string().hidden(),
    roles: p.array<string>().columnType('text[]'),
    area: p.string(),
    estado: p.string(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

/** A login session; only the sha256 of the cookie token is stored, so a database leak yields no live sessions. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: {
    tokenHash: p.string().primary(),
    subjectType: p.string(),
    subjectId: p.uuid(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
  },
});

export const VerificationCode = defineEntity({
  name: 'VerificationCode',
  tableName: 'verification_code',
  properties: {
    id: p.uuid().primary(),
    citizen: () => p.manyToOne(Citizen),
    purpose: p.string(),
    codeHash: p.string(),
    attempts: p.integer(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
});

/** Reference rows loaded from the civil registry's CSV, to check CURPs at sign-up. */
export const CivilRegistryEntry = defineEntity({
  name: 'CivilRegistryEntry',
  tableName: 'civil_registry_entry',
  properties: {
    curp: p.string().primary(),
    nombres: p.string(),
    primerApellido: p.string(),
    segundoApellido: p.string().nullable(),
    fechaNacimiento: p.date(),
    sexo: p.string().$type<'H' | 'M' | 'X'>(),
    estatus: p.string(),
  },
});

/**
 * An application, pinned to the program version it was made with. A draft has no folio; the
 * folio, workflow snapshot and eligibility are set on submission. `rowVersion` guards against
 * two officials deciding at once (optimistic locking).
 */
export const Application = defineEntity({
  name: 'Application',
  tableName: 'application',
  properties: {
    id: p.uuid().primary(),
    numero: p.bigint('number').persist(false).nullable(),
    citizen: () => p.manyToOne(Citizen),
    programId: p.string(),
    programVersion: p.integer(),
    supportTypeId: p.string().nullable(),
    folio: p.string().nullable(),
    status: p.string(),
    state: p.string().nullable(),
    snapshot: p.json<Record<string, unknown>>().nullable(),
    answers: p.json<Record<string, unknown>>(),
    /** A draft's place in the form (step shown, furthest reached, from review): it reopens there on any device. */
    draftPosition: p.json<{ paso: number; alcanzado: number; desdeRevision: boolean }>().nullable(),
    eligibility: p.json<Record<string, unknown>>().nullable(),
    score: p.double().nullable(),
    municipio: p.string().nullable(),
    /** INEGI clave (9 digits) of the applicant's localidad, from the answer the call names (quotas per localidad count it). */
    localidad: p.string().nullable(),
    idempotencyKey: p.string().nullable(),
    /** Random part of the delivery QR token, set when the application is approved (emitirQrEntrega). */
    deliveryTokenId: p.string().nullable(),
    /** The short code typed at a counter when the QR cannot be read (applications/delivery-token.ts). */
    deliveryCode: p.string().nullable(),
    submittedBy: p.uuid().nullable(),
    submittedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    rowVersion: p.integer().version(),
  },
});

/** One entry of an application's history: who did what, from which state to which, and why. */
export const ApplicationEvent = defineEntity({
  name: 'ApplicationEvent',
  tableName: 'application_event',
  properties: {
    id: p.bigint('number').primary().persist(false).autoincrement(),
    application: () => p.manyToOne(Application),
    event: p.string(),
    fromState: p.string().nullable(),
    toState: p.string(),
    fromStatus: p.string().nullable(),
    toStatus: p.string(),
    actorType: p.string(),
    actorId: p.string(),
    actorRole: p.string(),
    comment: p.string(),
    flags: p.json<{ fields: string[]; documents: string[] }>(),
    onBehalf: p.boolean(),
    at: p.datetime(),
  },
});

/** An uploaded document, stored by content hash outside the web root; replaced ones are kept. */
export const Document = defineEntity({
  name: 'Document',
  tableName: 'document',
  properties: {
    id: p.uuid().primary(),
    application: () => p.manyToOne(Application),
    documentType: p.string(),
    sha256: p.string(),
    size: p.integer(),
    mediaType: p.string(),
    originalName: p.string(),
    uploadedBy: p.string(),
    uploadedAt: p.datetime(),
    replacedAt: p.datetime().nullable(),
  },
});

/** SMS waiting to be sent or already sent; the dedupe key makes each message go out once. */
export const NotificationOutbox = defineEntity({
  name: 'NotificationOutbox',
  tableName: 'notification_outbox',
  properties: {
    id: p.uuid().primary(),
    dedupeKey: p.string().unique(),
    phone: p.string(),
    body: p.string(),
    citizenId: p.uuid().nullable(),
    applicationId: p.uuid().nullable(),
    status: p.string(),
    attempts: p.integer(),
    provider: p.string().nullable(),
    providerMessageId: p.string().nullable(),
    lastError: p.string().nullable(),
    createdAt: p.datetime(),
    sentAt: p.datetime().nullable(),
    /** A sending job holds the message until then (migration 0022); null when no job holds it. */
    claimedUntil: p.datetime().nullable(),
  },
});

/** Append-only: the database refuses updates and deletes (trigger in migration 0002). */
export const AuditLog = defineEntity({
  name: 'AuditLog',
  tableName: 'audit_log',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime(),
    actorType: p.string(),
    actorId: p.string(),
    action: p.string(),
    entity: p.string(),
    entityId: p.string(),
    data: p.json<Record<string, unknown>>(),
  },
});

/** The area tree: dependencia → subsecretaría → dirección. An official sees the programs of their area and the areas below it. */
export const Area = defineEntity({
  name: 'Area',
  tableName: 'area',
  properties: {
    id: p.string().primary(),
    nombre: p.string(),
    tipo: p.string(),
    padreId: p.string().nullable(),
    createdAt: p.datetime(),
  },
});

/** The proof that support reached its person: at most one per application (primary key). */
export const Delivery = defineEntity({
  name: 'Delivery',
  tableName: 'delivery',
  properties: {
    applicationId: p.uuid().primary(),
    officialId: p.uuid(),
    deliveredAt: p.datetime(),
    latitude: p.double().nullable(),
    longitude: p.double().nullable(),
    accuracyM: p.double().nullable(),
  },
});

/** A planner's working copy of a definition in the designer (autosaved; `revision` detects concurrent edits). */
export const ProgramDraft = defineEntity({
  name: 'ProgramDraft',
  tableName: 'program_draft',
  properties: {
    id: p.uuid().primary(),
    programId: p.string(),
    /** The published version this draft started from, if any (for the diff). */
    baseVersion: p.integer().nullable(),
    definition: p.json<Record<string, unknown>>(),
    revision: p.integer(),
    createdBy: p.string(),
    updatedBy: p.string(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

/** A publication set for a later date; the definition is frozen when it is scheduled. */
export const ScheduledPublication = defineEntity({
  name: 'ScheduledPublication',
  tableName: 'scheduled_publication',
  properties: {
    id: p.uuid().primary(),
    programId: p.string(),
    version: p.integer(),
    definition: p.json<Record<string, unknown>>(),
    dueAt: p.datetime(),
    status: p.string(),
    scheduledBy: p.string(),
    createdAt: p.datetime(),
    doneAt: p.datetime().nullable(),
    result: p.json<Record<string, unknown>>().nullable(),
  },
});

export const ENTITIES = [Program, ProgramVersion, Citizen, Official, Session, VerificationCode, CivilRegistryEntry, Application, ApplicationEvent, Document, NotificationOutbox, AuditLog, Area, Delivery, ProgramDraft, ScheduledPublication, ...PADRON_ENTITIES, ...TERRITORIO_ENTITIES, ...CAMPO_ENTITIES];

export type ProgramRow = InferEntity<typeof Program>;
export type ProgramVersionRow = InferEntity<typeof ProgramVersion>;
export type CitizenRow = InferEntity<typeof Citizen>;
/**
 * A citizen as her session brings her: every column but the expediente (2–3 KB of CUIS answers),
 * which every request of hers would otherwise read and parse; what needs it reads it itself.
 */
export type SessionCitizen = Omit<CitizenRow, 'expediente'>;
export type OfficialRow = InferEntity<typeof Official>;
export type ApplicationRow = InferEntity<typeof Application>;
export type ApplicationEventRow = InferEntity<typeof ApplicationEvent>;
export type DocumentRow = InferEntity<typeof Document>;
export type AreaRow = InferEntity<typeof Area>;
export type DeliveryRow = InferEntity<typeof Delivery>;
export type ProgramDraftRow = InferEntity<typeof ProgramDraft>;
export type ScheduledPublicationRow = InferEntity<typeof ScheduledPublication>;
