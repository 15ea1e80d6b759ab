/** HTTP contract of the public program catalog (runtime/server/modules/programs). */
import type { FromSchema } from 'json-schema-to-ts';
import type { Json } from './common.ts';

/** A program as the catalog lists it (its current version). */
export const programSummary = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'nombre', 'dependencia', 'area', 'apoyos', 'convocatoria'],
  properties: {
    id: { type: 'string' },
    version: { type: 'integer' },
    nombre: { type: 'string' },
    descripcion: { type: 'string' },
    objetivo: { type: 'string' },
    dependencia: { type: 'string' },
    area: { type: 'string' },
    apoyos: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'nombre', 'tipo'],
        properties: { id: { type: 'string' }, nombre: { type: 'string' }, tipo: { type: 'string' }, monto: { type: 'number' }, descripcion: { type: 'string' } },
      },
    },
    convocatoria: {
      type: 'object',
      additionalProperties: false,
      required: ['abre', 'cierra', 'estado'],
      properties: { abre: { type: 'string' }, cierra: { type: 'string' }, estado: { type: 'string', enum: ['proxima', 'abierta', 'cerrada'] }, cupoTotal: { type: 'integer' } },
    },
  },
} as const;
export type ProgramaResumen = FromSchema<typeof programSummary>;
export type Apoyo = ProgramaResumen['apoyos'][number];
export type Convocatoria = ProgramaResumen['convocatoria'];

export interface DocumentoRequerido {
  id: string;
  nombre: string;
  descripcion?: string;
  tipos: string[];
  tamanoMaximo: number;
  obligatorio: boolean;
  condicional: boolean;
}

export interface Formulario {
  schema: Json;
  uischema: Json;
}

export interface ProgramaDetalle extends ProgramaResumen {
  formulario: Formulario;
  /** Whether the review page asks for the support type (the form does not already ask it). */
  preguntarTipoApoyo: boolean;
  requisitos: Array<{ id: string; mensaje: string }>;
  documentos: DocumentoRequerido[];
}
