/**
 * HTTP contract of Consulta ciudadana (runtime/server/modules/citizen-service): one person's account
 * by CURP, their applications and deliveries, and the fixes of phone, e-mail and password.
 */
import type { FromSchema } from 'json-schema-to-ts';

export const curpParams = { type: 'object', required: ['curp'], properties: { curp: { type: 'string', minLength: 1, maxLength: 40 } } } as const;
// Optional in the schema so a missing reason gets its own code (REASON_REQUIRED), not a generic VALIDATION_FAILED.
const motivo = { type: 'string', maxLength: 500, description: 'Por qué se hace el cambio; queda en la bitácora. Obligatorio.' } as const;

const codeSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['proposito', 'enviado', 'vence', 'estado'],
  description: 'El último código enviado por SMS (nunca el código): para qué, cuándo, hasta cuándo y si sigue vigente.',
  properties: { proposito: { type: 'string', enum: ['telefono', 'contrasena'] }, enviado: { type: 'string' }, vence: { type: 'string' }, estado: { type: 'string', enum: ['vigente', 'usado', 'vencido', 'agotado'] } },
} as const;

export const deskAccountResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['curp', 'nombres', 'primerApellido', 'segundoApellido', 'telefono', 'correo', 'codigoValidacion', 'validado', 'estatus', 'registradoEnVentanilla'],
  properties: {
    curp: { type: 'string' },
    nombres: { type: 'string' },
    primerApellido: { type: 'string' },
    segundoApellido: { type: ['string', 'null'] },
    telefono: { type: 'string' },
    correo: { type: ['string', 'null'] },
    codigoValidacion: codeSchema,
    validado: { type: 'boolean', description: 'Teléfono confirmado.' },
    estatus: { type: 'string', enum: ['activo', 'bloqueado'] },
    registradoEnVentanilla: { type: 'boolean' },
  },
} as const;

export const citizenFileResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['cuenta', 'solicitudes', 'entregas', 'padron', 'enPadronConOtraCurp'],
  properties: {
    cuenta: deskAccountResponse,
    solicitudes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'folio', 'programa', 'programaNombre', 'estado', 'fechaSolicitud'],
        properties: { id: { type: 'string' }, folio: { type: ['string', 'null'] }, programa: { type: 'string' }, programaNombre: { type: 'string' }, estado: { type: 'string' }, fechaSolicitud: { type: ['string', 'null'] } },
      },
    },
    entregas: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['folio', 'programaNombre', 'fecha', 'funcionario'], properties: { folio: { type: 'string' }, programaNombre: { type: 'string' }, fecha: { type: 'string' }, funcionario: { type: 'string' } } },
    },
    /** Every support of the person in the Padrón Estatal: SIPROS's deliveries and other agencies' rolls, of any area. */
    padron: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['programa', 'programaNombre', 'dependencia', 'tipo', 'monto', 'fecha', 'municipio', 'origen', 'folio'],
        properties: {
          programa: { type: 'string' },
          programaNombre: { type: 'string' },
          dependencia: { type: 'string' },
          tipo: { type: 'string' },
          monto: { type: ['number', 'null'] },
          fecha: { type: ['string', 'null'] },
          municipio: { type: ['string', 'null'] },
          origen: { type: 'string', enum: ['sipros', 'carga'] },
          folio: { type: ['string', 'null'] },
        },
      },
    },
    /** The person may already be in the Padrón Estatal under another CURP (identity resolution); null when not. */
    enPadronConOtraCurp: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['nombre', 'curps', 'puntaje', 'decision', 'motivo'],
      properties: {
        nombre: { type: 'string' },
        curps: { type: 'array', items: { type: 'string' } },
        puntaje: { type: 'number' },
        decision: { type: 'string', enum: ['misma', 'revisar'] },
        motivo: { type: ['string', 'null'] },
      },
    },
  },
} as const;

export const deskChangeResponses = { 200: { type: 'object', required: ['cuenta'], properties: { cuenta: deskAccountResponse } } } as const;

export const phoneChangeBody = { type: 'object', additionalProperties: false, required: ['telefono'], properties: { telefono: { type: 'string', pattern: '^[0-9]{10}$' }, motivo } } as const;
export const emailChangeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['correo'],
  properties: { correo: { type: ['string', 'null'], maxLength: 254, anyOf: [{ maxLength: 0 }, { format: 'email' }] }, motivo },
} as const;
export const passwordResetBody = { type: 'object', additionalProperties: false, properties: { motivo } } as const;

export type ConsultaCiudadana = FromSchema<typeof citizenFileResponse>;
export type CuentaEnVentanilla = FromSchema<typeof deskAccountResponse>;
/** The account after a fix of phone, e-mail or password. */
export type CuentaCorregida = FromSchema<(typeof deskChangeResponses)[200]>;
