/** Client of the territory routes (runtime/api/territorio.ts): catalog imports and «limpieza de ubicaciones». */
import { request } from '../../api.ts';
import { queryString } from '../api.ts';
import type { CatalogImport, CleaningProposal, CleaningRun } from '../../../../api/territorio.ts';

export type { CatalogImport, CleaningProposal, CleaningRun };

const enc = encodeURIComponent;

export const territorioApi = {
  importaciones: () => request<CatalogImport[]>('GET', '/admin/catalogos/importaciones'),
  importar: (tipo: CatalogImport['tipo'], archivo: File) => {
    const form = new FormData();
    form.append('archivo', archivo, archivo.name);
    return request<CatalogImport>('POST', `/admin/catalogos/${tipo}`, form);
  },
  aplicar: (id: string) => request<CatalogImport>('POST', `/admin/catalogos/importaciones/${enc(id)}/aplicar`),
  descartar: (id: string) => request<CatalogImport>('POST', `/admin/catalogos/importaciones/${enc(id)}/descartar`),
  iniciarLimpieza: () => request<CleaningRun>('POST', '/funcionario/limpieza'),
  limpieza: (id: string) => request<CleaningRun>('GET', `/funcionario/limpieza/${enc(id)}`),
  propuestas: (id: string, estado: CleaningProposal['estado'], pagina = 1) => request<CleaningProposal[]>('GET', `/funcionario/limpieza/${enc(id)}/propuestas${queryString({ estado, pagina })}`),
  decidir: (id: string, decision: { aceptar?: number[]; rechazar?: number[]; todas?: boolean }) => request<CleaningRun>('POST', `/funcionario/limpieza/${enc(id)}/decision`, decision),
};

/** A value of the server's vocabulary («por_aplicar», «otro_municipio») as words. */
export const enPalabras = (value: string) => value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
