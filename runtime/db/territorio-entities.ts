/**
 * The territory catalogs' tables (migration 0018) as MikroORM schemas: each import of a catalog and
 * the catalogs in force. Imports write them with hand-written SQL and COPY (runtime/server/modules/
 * territorio); these keep the schema-agreement test honest.
 */
import { defineEntity, p } from '@mikro-orm/core';

/** One import of a catalog file: what it would add, change and remove, and whether it is the version in force. */
export const CatalogoImportacion = defineEntity({
  name: 'CatalogoImportacion',
  tableName: 'catalogo_importacion',
  properties: {
    id: p.uuid().primary(),
    tipo: p.string(),
    archivo: p.string(),
    sha256: p.string(),
    codificacion: p.string(),
    filas: p.integer(),
    rechazadas: p.integer(),
    agregadas: p.integer(),
    cambiadas: p.integer(),
    quitadas: p.integer(),
    estado: p.string(),
    baseId: p.uuid().nullable(),
    resumen: p.json(),
    importadaPor: p.string(),
    createdAt: p.datetime(),
    aplicadaAt: p.datetime().nullable(),
  },
});

/** An INEGI localidad in force. */
export const CatLocalidad = defineEntity({
  name: 'CatLocalidad',
  tableName: 'cat_localidad',
  properties: {
    cvegeo: p.string().primary(),
    cveMun: p.string(),
    nombre: p.string(),
    ambito: p.string().nullable(),
    latitud: p.double().nullable(),
    longitud: p.double().nullable(),
    poblacion: p.integer().nullable(),
  },
});

/** A SEPOMEX asentamiento (colonia) of a postal code, in force. */
export const CatAsentamiento = defineEntity({
  name: 'CatAsentamiento',
  tableName: 'cat_asentamiento',
  properties: {
    codigoPostal: p.string().primary(),
    clave: p.string().primary(),
    nombre: p.string(),
    tipo: p.string(),
    cveMun: p.string(),
    ciudad: p.string().nullable(),
    zona: p.string().nullable(),
  },
});

/** A run of «limpieza de ubicaciones» over the registry's colonias, with its progress. */
export const LimpiezaCorrida = defineEntity({
  name: 'LimpiezaCorrida',
  tableName: 'limpieza_corrida',
  properties: {
    id: p.uuid().primary(),
    estado: p.string(),
    total: p.integer(),
    revisadas: p.integer(),
    propuestas: p.integer(),
    sinResolver: p.integer(),
    error: p.string().nullable(),
    iniciadaPor: p.string(),
    createdAt: p.datetime(),
    terminadaAt: p.datetime().nullable(),
  },
});

/** A colonia as written, the catalog's clave proposed for it (or none), and what an official decided. */
export const LimpiezaPropuesta = defineEntity({
  name: 'LimpiezaPropuesta',
  tableName: 'limpieza_propuesta',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    corridaId: p.uuid(),
    personaId: p.uuid(),
    texto: p.string(),
    cveMun: p.string().nullable(),
    codigoPostal: p.string().nullable(),
    clave: p.string().nullable(),
    nombre: p.string().nullable(),
    cveMunPropuesto: p.string().nullable(),
    motivo: p.string(),
    estado: p.string(),
    decididaPor: p.string().nullable(),
    decididaAt: p.datetime().nullable(),
  },
});

export const TERRITORIO_ENTITIES = [CatalogoImportacion, CatLocalidad, CatAsentamiento, LimpiezaCorrida, LimpiezaPropuesta];
