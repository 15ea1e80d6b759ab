/**
 * The Padrón Estatal's tables (migration 0012) as MikroORM schemas: people, their CURPs, supports,
 * the program catalog, loaded batches with their staged rows, and remembered column mappings. The
 * bulk pipeline writes them with hand-written SQL (runtime/server/modules/padron); these keep the
 * schema-agreement test honest and serve the few ORM writes (a SIPROS delivery's support).
 */
import { defineEntity, p } from '@mikro-orm/core';

/** The state's catalog of social programs: SIPROS's own and other agencies' (the padrón's «Catálogo de Programas Sociales»). */
export const ProgramaCatalogo = defineEntity({
  name: 'ProgramaCatalogo',
  tableName: 'programa_catalogo',
  properties: {
    clave: p.string().primary(),
    nombre: p.string(),
    dependencia: p.string(),
    tipo: p.string().$type<'economico' | 'especie' | 'servicio'>(),
    clavePub: p.string().nullable(),
    programaSipros: p.string().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

/** One real human in the Padrón Estatal, whatever agency or program they came from. */
export const Persona = defineEntity({
  name: 'Persona',
  tableName: 'persona',
  properties: {
    id: p.uuid().primary(),
    curp: p.string(),
    nombres: p.string(),
    primerApellido: p.string(),
    segundoApellido: p.string().nullable(),
    fechaNacimiento: p.string().nullable(),
    sexo: p.string().nullable(),
    entidadNacimiento: p.string().nullable(),
    cveEnt: p.string().nullable(),
    cveMun: p.string().nullable(),
    cveLoc: p.string().nullable(),
    colonia: p.string().nullable(),
    codigoPostal: p.string().nullable(),
    cveAsentamiento: p.string().nullable(),
    latitud: p.double().nullable(),
    longitud: p.double().nullable(),
    origen: p.string(),
    /** Merged into that person by a reviewer (persona_fusion says what moved). */
    fusionadaEn: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

/** Every CURP seen for a person; one is primary. */
export const PersonaCurp = defineEntity({
  name: 'PersonaCurp',
  tableName: 'persona_curp',
  properties: {
    curp: p.string().primary(),
    personaId: p.uuid(),
    principal: p.boolean(),
    createdAt: p.datetime(),
  },
});

/** A support a person received: from a SIPROS delivery (applicationId) or a row of a loaded roll (loteId, fila). */
export const Beneficio = defineEntity({
  name: 'Beneficio',
  tableName: 'beneficio',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    personaId: p.uuid(),
    programa: p.string(),
    dependencia: p.string(),
    tipoApoyo: p.string().nullable(),
    monto: p.decimal('number').nullable(),
    especie: p.string().nullable(),
    fecha: p.string().nullable(),
    cveMun: p.string().nullable(),
    applicationId: p.uuid().nullable(),
    loteId: p.uuid().nullable(),
    fila: p.integer().nullable(),
    createdAt: p.datetime(),
  },
});

/** An agency's roll being loaded («Carga masiva de padrones»): the file, its mapping, where the work stands and its counts. */
export const PadronLote = defineEntity({
  name: 'PadronLote',
  tableName: 'padron_lote',
  properties: {
    id: p.uuid().primary(),
    dependencia: p.string(),
    programa: p.string(),
    archivo: p.string(),
    ruta: p.string(),
    sha256: p.string(),
    tamano: p.bigint('number'),
    formato: p.string(),
    codificacion: p.string().nullable(),
    separador: p.string().nullable(),
    encabezados: p.json<string[]>(),
    mapeo: p.json<Record<string, number>>(),
    estado: p.string(),
    filas: p.integer(),
    aceptadas: p.integer(),
    rechazadas: p.integer(),
    porCodigo: p.json<Record<string, number>>(),
    yaEnPadron: p.integer(),
    porRevisar: p.integer(),
    revisadas: p.integer(),
    cargadas: p.integer(),
    siguienteFila: p.integer(),
    iniciadoAt: p.datetime().nullable(),
    terminadoAt: p.datetime().nullable(),
    error: p.string().nullable(),
    creadoPor: p.string(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

/** The columns an agency's file had for each registry field, offered again for its next file of that program. */
export const PadronMapeo = defineEntity({
  name: 'PadronMapeo',
  tableName: 'padron_mapeo',
  properties: {
    dependencia: p.string().primary(),
    programa: p.string().primary(),
    columnas: p.json<Record<string, string>>(),
    updatedBy: p.string(),
    updatedAt: p.datetime(),
  },
});

/** One line of a batch's file, staged: original values, what was read and its problems. */
export const PadronFila = defineEntity({
  name: 'PadronFila',
  tableName: 'padron_fila',
  properties: {
    loteId: p.uuid().primary(),
    fila: p.integer().primary(),
    valores: p.json<string[]>(),
    curp: p.string().nullable(),
    datos: p.json<Record<string, unknown>>(),
    problemas: p.json<unknown[]>(),
    aceptada: p.boolean(),
    /** The registry person this row is: found by the matcher, or created by the commit. */
    personaId: p.uuid().nullable(),
    /** What the matcher decided and why (decision, candidate, score, reasons). */
    emparejamiento: p.json<Record<string, unknown>>().nullable(),
  },
});

/** Two people who may be one, waiting for a reviewer (pendiente), or decided (misma, distintas: never proposed again). */
export const PosibleDuplicado = defineEntity({
  name: 'PosibleDuplicado',
  tableName: 'posible_duplicado',
  properties: {
    id: p.uuid().primary(),
    personaA: p.uuid(),
    personaB: p.uuid(),
    puntaje: p.float(),
    razones: p.json<unknown[]>(),
    motivo: p.string().nullable(),
    origen: p.string(),
    programa: p.string().nullable(),
    cveMun: p.string().nullable(),
    estado: p.string().$type<'pendiente' | 'misma' | 'distintas'>(),
    modeloVersion: p.integer(),
    decididoPor: p.string().nullable(),
    decididoAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
});

/** A merge: who absorbed whom, and the CURPs and supports that moved, so a split can restore both. */
export const PersonaFusion = defineEntity({
  name: 'PersonaFusion',
  tableName: 'persona_fusion',
  properties: {
    id: p.uuid().primary(),
    duplicadoId: p.uuid().nullable(),
    sobreviviente: p.uuid(),
    absorbida: p.uuid(),
    curps: p.json<string[]>(),
    beneficios: p.json<number[]>(),
    hechaPor: p.string(),
    hechaAt: p.datetime(),
    separadaPor: p.string().nullable(),
    separadaAt: p.datetime().nullable(),
  },
});

/** A search of the whole registry against itself, with its progress. */
export const PadronBusqueda = defineEntity({
  name: 'PadronBusqueda',
  tableName: 'padron_busqueda',
  properties: {
    id: p.uuid().primary(),
    estado: p.string().$type<'buscando' | 'terminada' | 'fallida'>(),
    personas: p.integer(),
    revisadas: p.integer(),
    propuestas: p.integer(),
    ultimaPersona: p.uuid().nullable(),
    pedidaPor: p.string(),
    error: p.string().nullable(),
    iniciadaAt: p.datetime(),
    terminadaAt: p.datetime().nullable(),
  },
});

/** A registry person's blocking keys as the match index last computed them (a cache PostgreSQL keeps). */
export const PersonaClave = defineEntity({
  name: 'PersonaClave',
  tableName: 'persona_clave',
  properties: {
    personaId: p.uuid().primary(),
    curp: p.string().primary(),
    modelo: p.string(),
    version: p.datetime(),
    claves: p.blob(),
  },
});

/** A person taken out of the registry (written by a trigger on delete): the match index sets their rows aside. */
export const PersonaBaja = defineEntity({
  name: 'PersonaBaja',
  tableName: 'persona_baja',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    personaId: p.uuid(),
    bajaAt: p.datetime(),
  },
});

/** This database's id (one row): a match index saved to disk is used only with the database it was read from. */
export const PadronInstancia = defineEntity({
  name: 'PadronInstancia',
  tableName: 'padron_instancia',
  properties: {
    id: p.uuid().primary(),
    unica: p.boolean(),
  },
});

export const PADRON_ENTITIES = [ProgramaCatalogo, Persona, PersonaCurp, Beneficio, PadronLote, PadronFila, PadronMapeo, PosibleDuplicado, PersonaFusion, PadronBusqueda, PersonaClave, PersonaBaja, PadronInstancia];
