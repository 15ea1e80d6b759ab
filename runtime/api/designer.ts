/**
 * HTTP contract of the designer (runtime/server/modules/designer): working copies, engine checks
 * placed by element, the live preview, the diff against the version in force, and publication.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { PROGRAM_ID_PATTERN, type Json } from './common.ts';

/** The largest revision a save may name: the column is a PostgreSQL integer and the save stores revision + 1. */
export const MAX_REVISION = 2_147_483_646;

export const definitionBody = { type: 'object', additionalProperties: true, maxProperties: 100 } as const;

export const newDraftBody = {
  type: 'object',
  additionalProperties: false,
  properties: { desde: { type: 'string', pattern: PROGRAM_ID_PATTERN, maxLength: 80 }, como: { type: 'string', enum: ['nueva-version', 'copia'] }, definicion: definitionBody },
} as const;
export type NuevoBorrador = FromSchema<typeof newDraftBody>;

export const saveDraftBody = {
  type: 'object',
  required: ['definicion', 'revision'],
  additionalProperties: false,
  properties: { definicion: definitionBody, revision: { type: 'integer', minimum: 1, maximum: MAX_REVISION } },
} as const;

export const previewBody = {
  type: 'object',
  required: ['definicion'],
  additionalProperties: false,
  properties: { definicion: definitionBody, respuestas: { type: 'object' }, curp: { type: 'string', maxLength: 18 }, fecha: { type: 'string', format: 'date-time' } },
} as const;

export const publishBody = { type: 'object', additionalProperties: false, properties: { programarPara: { type: 'string', format: 'date-time' } } } as const;

export type Definicion = Json;

export interface ErrorDefinicion {
  codigo: string;
  mensaje: string;
  /** general, convocatoria, formulario, elegibilidad, prioridad, documentos, flujo, notificaciones, pruebas, otro */
  area: string;
  elemento: string;
  ubicacion: string;
}

export interface ResultadoPrueba {
  nombre: string;
  ok: boolean;
  fallas: string[];
}

export interface Revision {
  valido: boolean;
  errores: ErrorDefinicion[];
  pruebas: ResultadoPrueba[];
}

export interface Borrador extends Revision {
  id: string;
  programaId?: string;
  versionBase?: number | null;
  definicion: Definicion;
  revision: number;
  actualizadoPor?: string;
  actualizado?: string;
}

export interface Guardado extends Revision {
  id: string;
  revision: number;
  actualizado: string;
}

export interface Listado {
  programas: Array<{ id: string; nombre: string; area: string; version: number; actualizado: string }>;
  borradores: Array<{ id: string; programaId: string; nombre: string; version: number; versionBase: number | null; revision: number; actualizadoPor: string; actualizado: string }>;
  programadas: Array<{ id: string; programaId: string; version: number; para: string; programadaPor: string }>;
}

export interface Biblioteca {
  fragmentos: Record<string, Json>;
  conjuntosDeReglas: Record<string, unknown>;
  municipios: string[];
  /** The area tree, each area after its parent (an area runs a program: «Área responsable»). */
  areas: AreaDelArbol[];
}

export interface AreaDelArbol {
  id: string;
  nombre: string;
  tipo: string;
  padreId: string | null;
}

/** Text the planner left as the new-program template wrote it (the server compares with the template). */
export interface TextoDePlantilla {
  pointer: string;
  message: string;
}

export interface VistaPrevia {
  definicionValida: boolean;
  errores?: ErrorDefinicion[];
  formulario?: { valido: boolean; errores: Array<{ path: string; message: string; code: string }> };
  elegibilidad?: { elegible: boolean; motivos: Array<{ ruleId: string; code: string; message: string }>; documentosRequeridos: string[]; puntaje?: number } | null;
}

export interface Cambio {
  area: string;
  kind: string;
  element: string;
  text: string;
  breaking: boolean;
}

/** What publishing would change, and what still reads like the template. */
export interface Diferencias {
  contra: number | null;
  cambios: Cambio[];
  plantilla: TextoDePlantilla[];
  error?: string;
}

/** What a publication did: published now (`programaId`, `version`, `nueva`) or scheduled (`programada`). */
export interface Publicacion {
  programaId?: string;
  version?: number;
  nueva?: boolean;
  programada?: { id: string; programaId: string; version: number; para: string };
}
