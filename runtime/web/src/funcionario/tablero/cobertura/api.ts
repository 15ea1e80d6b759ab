/** Client of the padrón's coverage by territory (runtime/api/dashboard.ts): each level, and its files to download. */
import { request } from '../../../api.ts';
import { queryString } from '../../api.ts';
import type { CoberturaColonia, CoberturaDeLocalidad, CoberturaDeMunicipio, CoberturaEstado, CoberturaLocalidad, CoberturaMunicipio, Conteo, FiltroCobertura } from '../../../../../api/dashboard.ts';

export type { CoberturaColonia, CoberturaDeLocalidad, CoberturaDeMunicipio, CoberturaEstado, CoberturaLocalidad, CoberturaMunicipio, Conteo, FiltroCobertura };

/** What the page shows: the filters and where in the territory it is (the URL keeps them, so a reload or a shared link lands there). */
export interface Vista {
  programa: string;
  desde: string;
  hasta: string;
  municipio: string;
  localidad: string;
}

export type Formato = 'csv' | 'geojson' | 'colonias-csv';

const BASE = '/funcionario/tablero/cobertura';
const filtro = (v: Vista) => ({ programa: v.programa, desde: v.desde, hasta: v.hasta });
const enc = encodeURIComponent;

/** The level a view is at: a localidad, a municipio, or the whole state. */
function ruta(v: Vista): string {
  if (v.localidad) return `${BASE}/localidades/${enc(v.localidad)}`;
  if (v.municipio) return `${BASE}/municipios/${enc(v.municipio)}`;
  return BASE;
}

export const coberturaApi = {
  estado: (v: Vista) => request<CoberturaEstado>('GET', `${BASE}${queryString(filtro(v))}`),
  municipio: (v: Vista) => request<CoberturaDeMunicipio>('GET', `${ruta({ ...v, localidad: '' })}${queryString(filtro(v))}`),
  localidad: (v: Vista) => request<CoberturaDeLocalidad>('GET', `${ruta(v)}${queryString(filtro(v))}`),
  /** A file of the level in view, for an ordinary link (the browser downloads it with the session's cookie). */
  url: (v: Vista, formato: Formato) => `/api${ruta(v)}${queryString({ ...filtro(v), formato })}`,
};
