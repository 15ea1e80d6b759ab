/**
 * Client of the designer's API (/api/disenador, runtime/server/modules/designer). Every check runs on
 * the server (the engine needs Ajv, which the portal's CSP does not allow in the browser).
 */
import { request, type Json } from '../../runtime/web/src/api.ts';
import type {
  AreaDelArbol,
  Biblioteca,
  Borrador,
  Cambio,
  Definicion,
  Diferencias,
  ErrorDefinicion,
  Guardado,
  Listado,
  NuevoBorrador,
  Publicacion,
  ResultadoPrueba,
  Revision,
  TextoDePlantilla,
  VistaPrevia,
} from '../../runtime/api/designer.ts';
import type { LocalidadRef } from '../../runtime/api/territorio.ts';

// The API's types live in runtime/api (one contract for server and web); the designer imports them from here.
export type { LocalidadRef };
export type { AreaDelArbol, Biblioteca, Borrador, Cambio, Definicion, Diferencias, ErrorDefinicion, Guardado, Listado, ResultadoPrueba, Revision, TextoDePlantilla, VistaPrevia };


const enc = encodeURIComponent;

export const disenador = {
  biblioteca: () => request<Biblioteca>('GET', '/disenador/biblioteca'),
  programas: () => request<Listado>('GET', '/disenador/programas'),
  nuevo: (body: NuevoBorrador) => request<Borrador>('POST', '/disenador/borradores', body),
  borrador: (id: string) => request<Borrador>('GET', `/disenador/borradores/${enc(id)}`),
  guardar: (id: string, definicion: Definicion, revision: number) => request<Guardado>('PUT', `/disenador/borradores/${enc(id)}`, { definicion, revision }),
  descartar: (id: string) => request<void>('DELETE', `/disenador/borradores/${enc(id)}`),
  revisar: (definicion: Definicion) => request<Revision>('POST', '/disenador/revisar', definicion),
  vistaPrevia: (definicion: Definicion, respuestas: Json, curp?: string, fecha?: string) =>
    request<VistaPrevia>('POST', '/disenador/vista-previa', { definicion, respuestas, ...(curp ? { curp } : {}), ...(fecha ? { fecha } : {}) }),
  diferencias: (id: string) => request<Diferencias>('GET', `/disenador/borradores/${enc(id)}/diferencias`),
  urlExportar: (id: string) => `/api/disenador/borradores/${enc(id)}/exportar`,
  publicar: (id: string, programarPara?: string) =>
    request<Publicacion>(
      'POST',
      `/disenador/borradores/${enc(id)}/publicar`,
      programarPara ? { programarPara } : {},
    ),
  cancelarProgramada: (id: string) => request<void>('DELETE', `/disenador/programadas/${enc(id)}`),
  /** INEGI's localidades of a municipio in the catalog in force (the address control's public look-up), for quotas per localidad. */
  localidades: (municipio: string) => request<LocalidadRef[]>('GET', `/catalogos/municipios/${enc(municipio)}/localidades`),
};
