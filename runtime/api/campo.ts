/**
 * HTTP contract of the field brigades (runtime/server/modules/campo; the field app in campo/):
 * a brigadista downloads a package while online, registers people and applies for them offline,
 * and sends each record later. Every record carries an id made on the device, so sending it
 * twice (a retry, a dropped connection, a second tap) gives the first answer again and never a
 * second application. The server checks everything again; it never trusts the device.
 *
 * POST /campo/registros is multipart: first the field «registro» (JSON text, `fieldRecord`), then
 * one file per document photo, named «documento:<tipo>» (the program's document id). The answer
 * (`fieldRecordResult`) is final for that id: 201 when this request created the application, 200
 * otherwise (a resend gets the stored answer; a refusal or a conflict is also a 200, not an error).
 * Only a problem with the request itself (no «registro», unreadable or malformed JSON, a file too
 * big or of a type the document does not take, a cut upload) is a 4xx error with a code: nothing
 * is stored and the device may send the same id again once fixed. A refused record, once fixed
 * by the brigadista, is sent as a NEW record (a new idCliente): the refused one keeps its answer.
 * When an answer is lost on the way, GET /campo/registros/:idCliente says what became of it: its
 * answer; 404 FIELD_RECORD_NOT_FOUND (it never arrived whole: send it again); 409 FIELD_RECORD_BUSY
 * (it is being worked right now, or a send failed half-way: send it again and it is finished).
 */
import type { FromSchema } from 'json-schema-to-ts';
import { personProperties } from './accounts.ts';
import type { ProgramaDetalle } from './programs.ts';
import type { ColoniaDelMunicipio, LocalidadRef } from './territorio.ts';

const uuid = { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' } as const;
const isoInstant = { type: 'string', format: 'date-time' } as const;

/** A point captured on the device (GPS), with its accuracy in metres. */
export const fieldPoint = {
  type: 'object',
  additionalProperties: false,
  required: ['lat', 'lng', 'precision', 'capturadaEn'],
  properties: {
    lat: { type: 'number', minimum: -90, maximum: 90 },
    lng: { type: 'number', minimum: -180, maximum: 180 },
    precision: { type: 'number', minimum: 0, maximum: 100000, description: 'metros' },
    capturadaEn: isoInstant,
  },
} as const;

/**
 * One record made in the field: the person, the program's answers, the point and the consent.
 * Sent as the multipart field «registro» (JSON text) of POST /campo/registros, followed by the
 * document photos as files whose field name is the document type («documento:<tipo>»).
 */
export const fieldRecord = {
  type: 'object',
  additionalProperties: false,
  required: ['idCliente', 'programa', 'version', 'persona', 'respuestas', 'consentimiento', 'capturadoEn'],
  properties: {
    idCliente: { ...uuid, description: 'Hecho en el dispositivo; el mismo id enviado dos veces da una sola solicitud.' },
    programa: { type: 'string', maxLength: 64 },
    version: { type: 'integer', minimum: 1 },
    persona: { type: 'object', additionalProperties: false, required: ['curp', 'nombres', 'primerApellido', 'fechaNacimiento', 'sexo', 'telefono'], properties: personProperties },
    respuestas: { type: 'object' },
    tipoApoyo: { type: ['string', 'null'], maxLength: 64 },
    ubicacion: { anyOf: [fieldPoint, { type: 'null' }] },
    consentimiento: {
      type: 'object',
      additionalProperties: false,
      required: ['aceptado', 'texto', 'capturadoEn'],
      properties: { aceptado: { const: true }, texto: { type: 'string', minLength: 1, maxLength: 4000 }, capturadoEn: isoInstant },
    },
    capturadoEn: isoInstant,
    visita: { anyOf: [uuid, { type: 'null' }], description: 'La visita de la lista de trabajo que este registro atiende, si hay.' },
  },
} as const;
export type RegistroDeCampo = FromSchema<typeof fieldRecord>;

/** The server's answer for one record: final (the device stops resending it) in every case. */
export const fieldRecordResult = {
  type: 'object',
  additionalProperties: false,
  required: ['idCliente', 'resultado', 'motivos', 'recibidoEn'],
  properties: {
    idCliente: uuid,
    resultado: { type: 'string', enum: ['aceptado', 'rechazado', 'conflicto'] },
    folio: { type: ['string', 'null'] },
    solicitud: { type: ['string', 'null'], description: 'id de la solicitud creada (aceptado) o de la que ya existía (conflicto)' },
    motivos: {
      type: 'array',
      description: 'Por qué se rechazó o hay conflicto, en español, con el código de error de SIPROS.',
      items: { type: 'object', additionalProperties: false, required: ['codigo', 'mensaje'], properties: { codigo: { type: 'string' }, mensaje: { type: 'string' }, campo: { type: ['string', 'null'], description: 'Qué corregir: persona.<dato>, respuestas.<ruta>, documento:<tipo> o requisito:<id>; null si es todo el registro.' } } },
    },
    recibidoEn: isoInstant,
  },
} as const;
export type ResultadoDeCampo = FromSchema<typeof fieldRecordResult>;
export const FIELD_RESULTS = ['aceptado', 'rechazado', 'conflicto'] as const;

/** A visit of a brigade's work list (a household or person to see), optional. */
export const fieldVisit = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'nombre', 'municipio', 'brigadista', 'estado'],
  properties: {
    id: uuid,
    nombre: { type: 'string', maxLength: 200 },
    curp: { type: ['string', 'null'], maxLength: 18 },
    domicilio: { type: ['string', 'null'], maxLength: 300 },
    municipio: { type: 'string', pattern: '^[0-9]{5}$', description: 'clave INEGI del municipio, 5 dígitos (entidad + municipio), como en /catalogos/municipios/:clave' },
    localidad: { type: ['string', 'null'], pattern: '^[0-9]{9}$', description: 'CVEGEO de la localidad, 9 dígitos, como en los catálogos' },
    nota: { type: ['string', 'null'], maxLength: 500 },
    brigadista: { type: 'string', description: 'id del funcionario con rol brigadista' },
    estado: { type: 'string', enum: ['pendiente', 'visitada'] },
  },
} as const;
export type VisitaDeCampo = FromSchema<typeof fieldVisit>;

/** The multipart field names of POST /campo/registros. */
export const FIELD_RECORD_PART = 'registro';
export const FIELD_DOCUMENT_PREFIX = 'documento:';

export const fieldRecordParams = { type: 'object', required: ['idCliente'], additionalProperties: false, properties: { idCliente: { type: 'string', maxLength: 64 } } } as const;

const municipioClave = { type: 'string', pattern: '^[0-9]{5}$' } as const;

/** Which municipios' localidades and colonias the package carries besides those of the brigadista's visits. */
export const fieldPackageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { municipio: { type: 'array', items: municipioClave, maxItems: 18, default: [] } },
} as const;

/**
 * What the device needs to work a whole day without a network: the open programs of the
 * brigadista's area, each as the portal gets it (`detalle`, GET /programas/:id) plus the published
 * version the engine loads (`definicion` and its rule sets `reglas`: loadDefinition(definicion,
 * {ruleSets: reglas, municipios})), the catalogs of its municipios in the shapes of the public
 * catalog routes, its pending visits and the consent text to read to each person.
 */
export interface PaqueteDeCampo {
  generadoEn: string;
  brigadista: { id: string; nombre: string; usuario: string; area: string };
  programas: Array<{ detalle: ProgramaDetalle; definicion: Record<string, unknown>; reglas: Record<string, unknown> }>;
  catalogos: {
    /** Every municipio the definitions may name (clave → name): the engine checks answers against them. */
    municipios: Array<{ clave: string; nombre: string }>;
    localidades: Record<string, LocalidadRef[]>;
    colonias: Record<string, ColoniaDelMunicipio[]>;
  };
  visitas: VisitaDeCampo[];
  consentimiento: { version: string; texto: string };
}

const isoDate = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;

/** Supervision: a period by day of capture (Mexico City), optionally one municipio. */
export const supervisionQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { desde: isoDate, hasta: isoDate, municipio: municipioClave },
} as const;
export type ConsultaSupervision = FromSchema<typeof supervisionQuery>;

export interface ConteoDeCampo {
  registros: number;
  aceptados: number;
  rechazados: number;
  conflictos: number;
}

export interface BrigadistaSupervisado extends ConteoDeCampo {
  id: string;
  nombre: string;
  usuario: string;
  area: string;
  visitasPendientes: number;
  porDia: Array<ConteoDeCampo & { dia: string }>;
  porLocalidad: Array<ConteoDeCampo & { localidad: string | null; nombre: string | null }>;
}

/** GET /campo/supervision: each brigadista of the supervisor's area with the records of the period, and their points for the map. */
export interface SupervisionDeCampo {
  desde: string;
  hasta: string;
  municipio: string | null;
  totales: ConteoDeCampo;
  brigadistas: BrigadistaSupervisado[];
  /** At most 5,000, the latest first. */
  puntos: Array<{ lat: number; lng: number; precision: number; resultado: (typeof FIELD_RESULTS)[number]; dia: string; brigadista: string }>;
}

export const visitsQuery = { type: 'object', additionalProperties: false, properties: { brigadista: uuid } } as const;

/** POST /campo/visitas: a brigadista's new work list items. */
export const newVisitsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['brigadista', 'visitas'],
  properties: {
    brigadista: uuid,
    visitas: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['nombre', 'municipio'],
        properties: {
          nombre: { type: 'string', minLength: 1, maxLength: 200 },
          curp: fieldVisit.properties.curp,
          domicilio: fieldVisit.properties.domicilio,
          municipio: fieldVisit.properties.municipio,
          localidad: fieldVisit.properties.localidad,
          nota: fieldVisit.properties.nota,
        },
      },
    },
  },
} as const;
export type NuevasVisitas = FromSchema<typeof newVisitsBody>;

export const visitParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', maxLength: 64 } } } as const;
/** PUT /campo/visitas/:id: hands the visit to another brigadista of the supervisor's area. */
export const reassignVisitBody = { type: 'object', additionalProperties: false, required: ['brigadista'], properties: { brigadista: uuid } } as const;
