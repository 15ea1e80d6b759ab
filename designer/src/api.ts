/**
 * Client of the designer's API (/api/disenador, runtime/server/modules/designer). Every check runs on
 * the server (the engine needs Ajv, which the portal's CSP does not allow in the browser).
 */
import { request, type Json } from '../../runtime/web/src/api.ts';

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

const enc = encodeURIComponent;

export const disenador = {
  biblioteca: () => request<Biblioteca>('GET', '/disenador/biblioteca'),
  programas: () => request<Listado>('GET', '/disenador/programas'),
  nuevo: (body: { desde?: string; como?: 'nueva-version' | 'copia'; definicion?: Definicion }) => request<Borrador>('POST', '/disenador/borradores', body),
  borrador: (id: string) => request<Borrador>('GET', `/disenador/borradores/${enc(id)}`),
  guardar: (id: string, definicion: Definicion, revision: number) => request<Guardado>('PUT', `/disenador/borradores/${enc(id)}`, { definicion, revision }),
  descartar: (id: string) => request<void>('DELETE', `/disenador/borradores/${enc(id)}`),
  revisar: (definicion: Definicion) => request<Revision>('POST', '/disenador/revisar', definicion),
  vistaPrevia: (definicion: Definicion, respuestas: Json, curp?: string, fecha?: string) =>
    request<VistaPrevia>('POST', '/disenador/vista-previa', { definicion, respuestas, ...(curp ? { curp } : {}), ...(fecha ? { fecha } : {}) }),
  diferencias: (id: string) => request<Diferencias>('GET', `/disenador/borradores/${enc(id)}/diferencias`),
  urlExportar: (id: string) => `/api/disenador/borradores/${enc(id)}/exportar`,
  publicar: (id: string, programarPara?: string) =>
    request<{ programaId?: string; version?: number; nueva?: boolean; programada?: { id: string; programaId: string; version: number; para: string } }>(
      'POST',
      `/disenador/borradores/${enc(id)}/publicar`,
      programarPara ? { programarPara } : {},
    ),
  cancelarProgramada: (id: string) => request<void>('DELETE', `/disenador/programadas/${enc(id)}`),
};
