/**
 * The field brigades' tables (migration 0023) as MikroORM schemas: the work lists and the records
 * sent from the field app. The records are written with hand-written SQL (a claim with a lease,
 * runtime/server/modules/campo/records.ts); these keep the schema-agreement test honest and serve
 * the plain reads.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A household or person a brigadista is to visit. */
export const FieldVisit = defineEntity({
  name: 'FieldVisit',
  tableName: 'field_visit',
  properties: {
    id: p.uuid().primary(),
    brigadistaId: p.uuid(),
    nombre: p.string(),
    curp: p.string().nullable(),
    domicilio: p.string().nullable(),
    municipio: p.string(),
    localidad: p.string().nullable(),
    nota: p.string().nullable(),
    estado: p.string().$type<'pendiente' | 'visitada'>(),
    creadaPor: p.uuid(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    visitadaAt: p.datetime().nullable(),
  },
});

/** One record sent by a device, keyed by the id the device made; `resultado` null while it is being worked. */
export const FieldRecord = defineEntity({
  name: 'FieldRecord',
  tableName: 'field_record',
  properties: {
    idCliente: p.uuid().primary(),
    brigadistaId: p.uuid(),
    programId: p.string(),
    programVersion: p.integer(),
    visitId: p.uuid().nullable(),
    citizenId: p.uuid().nullable(),
    applicationId: p.uuid().nullable(),
    lat: p.double().nullable(),
    lng: p.double().nullable(),
    precisionM: p.double().nullable(),
    municipio: p.string().nullable(),
    localidad: p.string().nullable(),
    consentimiento: p.json<Record<string, unknown>>(),
    capturadoEn: p.datetime(),
    recibidoEn: p.datetime(),
    resultado: p.string().$type<'aceptado' | 'rechazado' | 'conflicto'>().nullable(),
    respuesta: p.json<Record<string, unknown>>().nullable(),
    ocupadoHasta: p.datetime().nullable(),
    intentos: p.integer(),
    terminadoEn: p.datetime().nullable(),
  },
});

export const CAMPO_ENTITIES = [FieldVisit, FieldRecord];
export type FieldVisitRow = InferEntity<typeof FieldVisit>;
export type FieldRecordRow = InferEntity<typeof FieldRecord>;
