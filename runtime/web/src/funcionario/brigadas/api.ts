/** Client of the brigades' supervision (runtime/api/campo.ts): progress of the area's brigades and their work lists. */
import { request } from '../../api.ts';
import { queryString } from '../api.ts';
import type { BrigadistaSupervisado, ConteoDeCampo, SupervisionDeCampo, VisitaDeCampo } from '../../../../api/campo.ts';
import type { MapaMunicipio } from '../../../../api/territorio.ts';

export type { BrigadistaSupervisado, ConteoDeCampo, MapaMunicipio, SupervisionDeCampo, VisitaDeCampo };

/** What the page shows; the URL keeps it (a reload or a shared link lands on the same view). */
export interface Vista {
  desde: string;
  hasta: string;
  municipio: string;
}

export const brigadasApi = {
  supervision: (v: Vista) => request<SupervisionDeCampo>('GET', `/campo/supervision${queryString({ desde: v.desde || undefined, hasta: v.hasta || undefined, municipio: v.municipio || undefined })}`),
  visitas: () => request<VisitaDeCampo[]>('GET', '/campo/visitas'),
  reasignar: (visita: string, brigadista: string) => request<VisitaDeCampo>('PUT', `/campo/visitas/${encodeURIComponent(visita)}`, { brigadista }),
  mapaMunicipio: (clave: string) => request<MapaMunicipio>('GET', `/catalogos/municipios/${encodeURIComponent(clave)}/mapa`),
};
