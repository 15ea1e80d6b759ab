/** Client of the Padrón Estatal's routes (runtime/api/padron.ts): catalog, Carga masiva, Confronta, history. */
import { request } from '../../api.ts';
import { queryString } from '../api.ts';
import type {
  ApoyoEnPadron,
  BusquedaDuplicados,
  Confronta,
  ExpedientePersona,
  FiltroConfronta,
  FiltroDuplicados,
  ListaDuplicados,
  Lote,
  NuevoProgramaCatalogo,
  PersonaCruzada,
  PersonaDelPadron,
  PosibleDuplicado,
  ProgramaDelCatalogo,
  RazonEmparejamiento,
  ResultadoFusion,
  VistaPrevia,
} from '../../../../api/padron.ts';

export type { ApoyoEnPadron, BusquedaDuplicados, Confronta, ExpedientePersona, FiltroConfronta, FiltroDuplicados, ListaDuplicados, Lote, PersonaCruzada, PersonaDelPadron, PosibleDuplicado, ProgramaDelCatalogo, RazonEmparejamiento, VistaPrevia };

const enc = encodeURIComponent;

export const padronApi = {
  programas: () => request<ProgramaDelCatalogo[]>('GET', '/funcionario/padron/programas'),
  agregarPrograma: (programa: NuevoProgramaCatalogo) => request<ProgramaDelCatalogo>('POST', '/funcionario/padron/programas', programa),
  lotes: () => request<Lote[]>('GET', '/funcionario/padron/lotes'),
  lote: (id: string) => request<Lote>('GET', `/funcionario/padron/lotes/${enc(id)}`),
  subir: (programa: string, archivo: File) => {
    const form = new FormData();
    form.append('archivo', archivo, archivo.name);
    return request<Lote>('POST', `/funcionario/padron/lotes${queryString({ programa })}`, form);
  },
  muestra: (id: string) => request<VistaPrevia>('GET', `/funcionario/padron/lotes/${enc(id)}/vista-previa`),
  mapear: (id: string, mapeo: Record<string, number>) => request<Lote>('PUT', `/funcionario/padron/lotes/${enc(id)}/mapeo`, { mapeo }),
  cargar: (id: string) => request<Lote>('POST', `/funcionario/padron/lotes/${enc(id)}/cargar`),
  cancelar: (id: string) => request<Lote>('POST', `/funcionario/padron/lotes/${enc(id)}/cancelar`),
  deshacer: (id: string) => request<Lote>('POST', `/funcionario/padron/lotes/${enc(id)}/deshacer`),
  urlRechazadas: (id: string, formato: 'csv' | 'xlsx') => `/api/funcionario/padron/lotes/${enc(id)}/rechazadas${queryString({ formato })}`,
  confronta: (f: FiltroConfronta) => request<Confronta>('GET', `/funcionario/padron/confronta${queryString({ ...f })}`),
  cruce: (f: FiltroConfronta, a: string, b: string) => request<PersonaCruzada[]>('GET', `/funcionario/padron/confronta/personas${queryString({ ...f, a, b })}`),
  urlCruce: (f: FiltroConfronta, a: string, b: string) => `/api/funcionario/padron/confronta/personas.csv${queryString({ ...f, a, b })}`,
  variosApoyos: (f: FiltroConfronta, masDe: number) => request<PersonaCruzada[]>('GET', `/funcionario/padron/confronta/varios-apoyos${queryString({ ...f, masDe })}`),
  urlPub: (programa?: string) => `/api/funcionario/padron/exportar/pub.csv${queryString({ programa })}`,
  urlTransparencia: (programa?: string) => `/api/funcionario/padron/exportar/transparencia.csv${queryString({ programa })}`,
  historial: (curp: string) => request<ApoyoEnPadron[]>('GET', `/funcionario/padron/personas/${enc(curp)}`),
  duplicados: (f: FiltroDuplicados) => request<ListaDuplicados>('GET', `/funcionario/padron/duplicados${queryString({ ...f })}`),
  buscarEnTodoElPadron: () => request<BusquedaDuplicados>('POST', '/funcionario/padron/duplicados/busquedas'),
  esLaMisma: (id: string) => request<ResultadoFusion>('POST', `/funcionario/padron/duplicados/${enc(id)}/misma`),
  sonDistintas: (id: string) => request<void>('POST', `/funcionario/padron/duplicados/${enc(id)}/distintas`),
  expediente: (curp: string) => request<ExpedientePersona>('GET', `/funcionario/padron/expedientes/${enc(curp)}`),
  separar: (fusion: string) => request<{ personas: [string, string] }>('POST', `/funcionario/padron/fusiones/${enc(fusion)}/separar`),
};
