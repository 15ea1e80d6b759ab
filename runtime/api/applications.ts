/**
 * HTTP contract of the citizen's side of applications (runtime/server/modules/applications): drafts,
 * eligibility, documents, submission, follow-up and corrections. The request schemas validate on the
 * server; the response types are what the handlers are declared to return and what the web reads.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { ErrorCampo, Json } from './common.ts';
import type { Formulario } from './programs.ts';

export const answersBody = {
  type: 'object',
  required: ['respuestas'],
  additionalProperties: false,
  properties: { respuestas: { type: 'object' }, paso: { type: 'integer', minimum: 0, maximum: 50 }, tipoApoyo: { type: 'string', maxLength: 64 } },
} as const;
export type Respuestas = FromSchema<typeof answersBody>;

export const positionBody = {
  type: 'object',
  required: ['paso', 'alcanzado', 'desdeRevision'],
  additionalProperties: false,
  properties: { paso: { type: 'integer', minimum: 0, maximum: 60 }, alcanzado: { type: 'integer', minimum: 0, maximum: 60 }, desdeRevision: { type: 'boolean' } },
} as const;
/** A draft's place in the form: the step shown, the furthest step reached, whether she came from the review page. */
export type PosicionBorrador = FromSchema<typeof positionBody>;

export const documentParams = {
  type: 'object',
  required: ['id', 'tipo'],
  properties: { id: { type: 'string' }, tipo: { type: 'string' } },
} as const;
export const documentFileParams = {
  type: 'object',
  required: ['id', 'docId'],
  properties: { id: { type: 'string' }, docId: { type: 'string' } },
} as const;

/** What an official sends to move an application through its workflow. */
export const officialEventBody = {
  type: 'object',
  required: ['evento'],
  additionalProperties: false,
  properties: {
    evento: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', maxLength: 40 },
    comentario: { type: 'string', maxLength: 2000 },
    campos: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100 },
    documentos: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 50 },
  },
} as const;
export type EventoFuncionario = FromSchema<typeof officialEventBody>;

/** Where an application stands after an event or a correction. */
export interface EstadoTrasEvento {
  estado: string;
  etapa: string | null;
}

export interface DocumentoSubido {
  id: string;
  tipo: string;
  nombre: string;
  tamano: number;
  mediaType: string;
  sha256?: string;
  subido?: string;
}

export interface Borrador {
  id: string | null;
  respuestas: Json;
  origen: 'borrador' | 'expediente' | 'vacio';
  documentos: DocumentoSubido[];
  /** Where the person was in the form (kept by the server: the draft reopens there on any device). */
  posicion?: PosicionBorrador;
}

export interface BorradorGuardado {
  id: string;
  respuestas: Json;
  errores: ErrorCampo[];
}

export interface Motivo {
  ruleId: string;
  code: string;
  message: string;
}

export interface Elegibilidad {
  elegible: boolean;
  motivos: Motivo[];
  documentosRequeridos: string[];
  puntaje: number;
  /** Whether the answers pass the form's validation (served, not in API.md). */
  formularioValido?: boolean;
}

export interface SolicitudEnviada {
  id: string;
  folio: string;
  estado: string;
}

export interface SolicitudResumen {
  id: string;
  folio: string | null;
  programa: { id: string; nombre: string };
  /** The support type's id (e.g. "estudiante"); its name is in the program's `apoyos`. */
  tipoApoyo: string | null;
  estado: string;
  fecha: string;
}

export interface Correccion {
  comentario: string | null;
  campos: string[];
  documentos: string[];
}

export interface SolicitudDetalle {
  id: string;
  folio: string | null;
  programa: { id: string; nombre: string; version: number };
  tipoApoyo: { id: string; nombre: string } | null;
  estado: string;
  etapa: string | null;
  fecha: string;
  respuestas: Json;
  documentos: DocumentoSubido[];
  elegibilidad: { elegible: boolean; motivos: Motivo[]; puntaje: number } | null;
  correccion: Correccion | null;
  formulario: Formulario;
  /** The documents of the program version the application was made with. */
  documentosDelPrograma?: Array<{ id: string; nombre: string; tipos: string[]; tamanoMaximo: number }>;
}

export interface EventoHistorial {
  estado: string;
  fecha: string;
  comentario: string | null;
  evento?: string;
  enVentanilla?: boolean;
}
