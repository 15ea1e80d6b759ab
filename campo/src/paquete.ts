/**
 * The offline package (GET /api/campo/paquete, `PaqueteDeCampo` in runtime/api/campo.ts): the program versions
 * the brigade works with, each as the citizen portal receives it (`detalle`: form, documents, support types)
 * and as the engine loads it (`definicion`, `reglas`: for eligibility on the device), the territory catalogs
 * of its municipios, its work list and the consent text read to each person. Kept whole, encrypted.
 */
import type { PaqueteDeCampo, VisitaDeCampo } from '../../runtime/api/campo.ts';
import type { ProgramaDetalle } from '../../runtime/web/src/api.ts';

export type Paquete = PaqueteDeCampo;
export type ProgramaDeCampo = PaqueteDeCampo['programas'][number];
export type { VisitaDeCampo };

export const detalles = (p: Paquete): ProgramaDetalle[] => p.programas.map((x) => x.detalle);

export function programaDe(p: Paquete, id: string | null): ProgramaDeCampo | null {
  return p.programas.find((x) => x.detalle.id === id) ?? null;
}
